"""The preview server's builder: one full build, then partial rebuilds of the pages an edit affects.

Both run the build's own pipeline (`pipeline.run`) with a target of their own: it wants only the
pages an edit affects, keeps every page's HTML and what it was made from, and writes only the files
whose bytes changed. Every rebuild still reads and checks every source (a change in one file can break
a check that spans files, and reading is fast). The state is that of the last good build: edits made
while the site was broken are all applied together when it builds again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from site_builder.caches import BuildCache
from site_builder.checks.links import page_ids
from site_builder.checks.run import Sources
from site_builder.errors import Problem
from site_builder.output.site import BuildResult, RenderedSite
from site_builder.output.writer import Payload, update_files, write_site
from site_builder.pages.deps import (
    RecordingEnvironment,
    affected,
    changed_sections,
    data_sections,
    inputs_of_files,
    records_of,
)
from site_builder.pages.search import index_site
from site_builder.pages.theme import make_environment
from site_builder.pipeline import run
from site_builder.sources.config import SiteConfig


@dataclass(frozen=True)
class Update:
    result: BuildResult
    written: tuple[str, ...]  # output paths rewritten (pages and assets)
    seconds: float


@dataclass
class SiteState:
    """The last good build, as the preview server keeps it."""

    root: Path
    out: Path
    strict: bool = False
    recorded: dict[str, set[str]] = field(default_factory=dict)  # output path -> inputs it used
    html: dict[str, str] = field(default_factory=dict)  # output path -> page, as last written
    files: dict[str, Payload] = field(default_factory=dict)  # other generated files (images, open data)
    pages: set[str] = field(default_factory=set)  # the pages (besides embeds) the site had last time
    previews: dict[str, str] = field(default_factory=dict)  # page -> its preview image
    sections: dict[str, str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    pending: set[Path] = field(default_factory=set)  # changed files not yet in a good build
    built: bool = False
    env: RecordingEnvironment | None = None  # kept between rebuilds: Jinja reloads only edited templates

    def full(self) -> Update:
        """Builds every page into a fresh folder."""
        return self._run(Preview(self, partial=False))

    def update(self, changed: set[Path]) -> Update:
        """Rebuilds what `changed` files affect; raises ContentError (state unchanged) when the site is broken."""
        self.pending |= changed
        return self._run(Preview(self, partial=self.built))

    def _run(self, target: Preview) -> Update:
        started = time.perf_counter()
        result = run(self.root, target, strict=self.strict)
        self.pending.clear()
        return Update(result, target.written, time.perf_counter() - started)


class Preview:
    """The pipeline's target in the preview server: the pages an edit affects, written file by file."""

    draws = True
    cache: BuildCache | None = None  # parsed Markdown is kept in memory instead (caches.PageMemo)

    def __init__(self, state: SiteState, *, partial: bool) -> None:
        self.state, self.partial = state, partial
        self.dirty: set[str] | None = None  # the pages to render again; None: all of them
        self.inputs: set[str] = set()  # what the changed files stand for
        self.sections: dict[str, str] = {}
        self.written: tuple[str, ...] = ()

    def unchanged(self, config: SiteConfig, problems: list[Problem]) -> BuildResult | None:
        return None

    def wanted_pages(self, sources: Sources) -> Callable[[str], bool]:
        """After the sources are read: which pages the changed files affect."""
        state = self.state
        self.sections = _sections(sources)
        if self.partial:
            self.inputs, full = inputs_of_files(state.pending, sources.config.root, sources.theme_dirs)
            self.partial = not full
        if not self.partial:
            state.env, state.recorded = None, {}
            return lambda path: True
        if any(key.startswith("template:") for key in self.inputs):
            state.env = None  # Jinja's cache would miss a new override shadowing a default template
        self.inputs |= changed_sections(state.sections, self.sections)
        dirty = affected(state.recorded, self.inputs)
        return lambda path: path in dirty or path not in state.html

    def environment(self, theme_dirs: list[Path]) -> Environment:
        if self.state.env is None:
            made = make_environment(theme_dirs, RecordingEnvironment)
            assert isinstance(made, RecordingEnvironment)
            self.state.env = made
        self.state.env.records = []
        return self.state.env

    def write(self, site: RenderedSite) -> BuildResult:
        state = self.state
        outputs = list(site.outputs)  # every wanted page rendered, while Node draws
        rendered = {path: content for path, content in outputs if isinstance(content, str)}
        new_files: dict[str, Payload] = {path: content for path, content in outputs if isinstance(content, bytes)}
        new_files |= site.image_files()
        site.drawn()  # every chart and image drawn, and Node's folders removed
        recorded = self._records(site, rendered)
        new_files |= site.files
        paths = set(site.plan.paths)
        if not self.partial:
            warnings = site.checked_links({p: page_ids(h) for p, h in rendered.items()})
            cache_dir = site.sources.config.cache_dir
            write_site(state.out, ({p: h.encode("utf-8") for p, h in rendered.items()} | new_files).items(),
                       site.copies, finish=lambda staging: index_site(staging, cache_dir))
            state.html, state.files, state.copies, state.built = rendered, new_files, site.copies, True
            state.recorded, state.sections, state.pages = recorded, self.sections, paths
            self.written = tuple(rendered)
            return BuildResult(len(rendered), len(rendered) + len(new_files) + len(site.copies), state.out,
                               warnings=warnings)
        # Pages are gone when the plan no longer has them; chart embeds (planned only with the pages
        # that show their chart) are kept until re-rendered or until the next full build.
        gone = {p for p in state.pages - paths if p in state.html}
        html = {p: h for p, h in state.html.items() if p not in gone} | rendered
        gone_previews = {state.previews.get(page) for page in gone}
        files = {p: b for p, b in state.files.items() if p not in gone_previews} | new_files
        warnings = site.checked_links({p: page_ids(h) for p, h in html.items()}, set(files))
        changed_pages = {p: h.encode("utf-8") for p, h in rendered.items() if state.html.get(p) != h}
        changed_files = {p: b for p, b in new_files.items() if state.files.get(p) != b}
        new_copies = {
            rel: src for rel, src in site.copies.items()
            if state.copies.get(rel) != src or f"static:{rel.removeprefix('assets/')}" in self.inputs
        }
        removed = gone | (set(state.files) - set(files)) | (set(state.copies) - set(site.copies))
        update_files(state.out, changed_pages | changed_files, new_copies, removed)
        state.html, state.files, state.copies = html, files, site.copies
        state.sections, state.pages = self.sections, paths
        state.recorded = {p: inputs for p, inputs in {**state.recorded, **recorded}.items() if p not in gone}
        written = [*changed_pages, *changed_files, *new_copies, *removed]
        self.written = tuple(sorted(written))
        return BuildResult(len(rendered), len(written), state.out, warnings=warnings)

    def _records(self, site: RenderedSite, rendered: dict[str, str]) -> dict[str, set[str]]:
        """What each rendered page was made from."""
        env = self.state.env
        assert env is not None
        sources = site.sources
        pages = [page for page in site.plan.pages if page.path in rendered]
        for page in pages:
            if page.preview is not None:
                self.state.previews[page.path] = page.preview.path
        data = None if sources.several_years else sources.data  # several years: every page uses all the data
        return records_of(pages, list(rendered), env.records, data, sources.pages, sources.config.content_dir)


def _as_json(sources: Sources) -> dict:
    # The validated document, not the file: the file may have changed again since it was read.
    return sources.data.model_dump(mode="json", by_alias=True, exclude_none=True)


def _sections(sources: Sources) -> dict[str, str]:
    """The data cut into sections to compare with the last build's; in a site of several years, each
    year's under its year ("data:2021:…"), so an edit of one year's plan is seen whichever it is."""
    if not sources.several_years:
        return data_sections(_as_json(sources))
    return {f"data:{year.year}:{key.removeprefix('data:')}": value for year in sources.years
            for key, value in data_sections(year.data.model_dump(mode="json", by_alias=True,
                                                                  exclude_none=True)).items()}
