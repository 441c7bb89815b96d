"""The preview server's builder: one full build, then partial rebuilds of the pages an edit affects.

Every rebuild still reads and checks every source (a change in one file can break a check that spans
files, and reading is fast); only rendering and writing are limited to the affected pages. The state
is that of the last good build: edits made while the site was broken are all applied together when it
builds again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.charts.node import Renderer
from site_builder.checks.links import link_problems, page_ids
from site_builder.checks.run import Sources, read_sources, stop_on_errors
from site_builder.output.writer import Payload, update_files, write_site
from site_builder.pages.plan import plan_site
from site_builder.pages.search import index_site
from site_builder.pages.theme import make_environment
from site_builder.pages.view import HOME_STATUS_CHART
from site_builder.pipeline import (
    BuildResult,
    asset_copies,
    chart_request,
    generated_files,
    render_outputs,
    template_problems,
)
from site_builder.serve.deps import (
    ALL_DATA,
    RecordingEnvironment,
    affected,
    changed_sections,
    data_sections,
    inputs_of_files,
    rule_inputs,
)


@dataclass(frozen=True)
class Update:
    result: BuildResult
    written: tuple[str, ...]  # output paths rewritten (pages and assets)
    seconds: float


@dataclass
class SiteState:
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
        started = time.perf_counter()
        sources = read_sources(self.root, strict=self.strict)
        self.env = None
        self.recorded = {}
        rendered, files, self.pages = self._render(sources, None)
        files |= generated_files(sources, sorted(self.pages))
        copies = asset_copies(sources)
        warnings = self._check_links(sources, rendered, copies, files)
        encoded = {p: h.encode("utf-8") for p, h in rendered.items()}
        write_site(self.out, (encoded | files).items(), copies, finish=index_site)
        self.html, self.files, self.copies, self.built = rendered, files, copies, True
        self.sections = data_sections(_as_json(sources))
        self.pending.clear()
        result = BuildResult(len(rendered), len(rendered) + len(files) + len(copies), self.out, warnings=warnings)
        return Update(result, tuple(rendered), time.perf_counter() - started)

    def update(self, changed: set[Path]) -> Update:
        """Rebuilds what `changed` files affect; raises ContentError (state unchanged) when the site is broken."""
        self.pending |= changed
        if not self.built:
            return self.full()
        started = time.perf_counter()
        sources = read_sources(self.root, strict=self.strict)
        inputs, full = inputs_of_files(self.pending, sources.config.root, sources.theme_dirs)
        if full:
            return self.full()
        if any(key.startswith("template:") for key in inputs):
            self.env = None  # Jinja's cache would miss a new override shadowing a default template
        sections = data_sections(_as_json(sources))
        inputs |= changed_sections(self.sections, sections)
        dirty = affected(self.recorded, inputs)
        rendered, new_files, paths = self._render(sources, dirty)
        # Pages are gone when the plan no longer has them; chart embeds (planned only with the pages
        # that show their chart) are kept until re-rendered or until the next full build.
        gone = {p for p in self.pages - paths if p in self.html}
        html = {p: h for p, h in self.html.items() if p not in gone} | rendered
        new_files |= generated_files(sources, sorted(paths))
        files = {p: b for p, b in self.files.items() if p not in {self.previews.get(page) for page in gone}} | new_files
        copies = asset_copies(sources)
        warnings = self._check_links(sources, html, copies, files)
        changed_pages = {p: h.encode("utf-8") for p, h in rendered.items() if self.html.get(p) != h}
        changed_files = {p: b for p, b in new_files.items() if self.files.get(p) != b}
        new_copies = {
            rel: src for rel, src in copies.items()
            if self.copies.get(rel) != src or f"static:{rel.removeprefix('assets/')}" in inputs
        }
        removed = gone | (set(self.files) - set(files)) | (set(self.copies) - set(copies))
        update_files(self.out, changed_pages | changed_files, new_copies, removed)
        self.html, self.files, self.copies, self.sections, self.pages = html, files, copies, sections, paths
        for path in gone:
            self.recorded.pop(path, None)
        self.pending.clear()
        written = [*changed_pages, *changed_files, *new_copies, *removed]
        result = BuildResult(len(rendered), len(written), self.out, warnings=warnings)
        return Update(result, tuple(sorted(written)), time.perf_counter() - started)

    def _render(self, sources: Sources, only: set[str] | None) -> tuple[dict[str, str], dict[str, Payload], set[str]]:
        """The pages in `only` (all when None) and pages new since the last build; every page's path.

        The same stages as the build's (plan, draw, render), for fewer pages."""
        if self.env is None:
            made = make_environment(sources.theme_dirs, RecordingEnvironment)
            assert isinstance(made, RecordingEnvironment)
            self.env = made
        env = self.env
        env.records = []

        def wanted(path: str) -> bool:
            return only is None or path in only or path not in self.html

        with template_problems(sources.config):
            plan = plan_site(sources.data, sources.pages, sources.strings, sources.config.base_url, wanted)
        node = Renderer(sources.echarts.parents[2], sources.config.cache_dir)
        try:
            drawings = node.draw([chart_request(lang, spec) for lang, spec in plan.charts()],
                                 images_text=[p.preview.title + p.preview.site_title for p in plan.pages if p.preview])
            images = node.images()
            with template_problems(sources.config):
                outputs = list(render_outputs(plan, sources, env, drawings, images))
            files: dict[str, Payload] = dict(images.finish())
            node.wait()  # every chart and image drawn, and Node's folders removed
        finally:
            node.stop()
        pages = {path: content for path, content in outputs if isinstance(content, str)}
        files |= {path: content for path, content in outputs if isinstance(content, bytes)}
        # One record per rendered page, in order; if a template was loaded some other way, every page
        # gets every template seen (more rebuilds, never a stale page).
        records = env.records if len(env.records) == len(pages) else [set().union(*env.records)] * len(pages)
        for page, (path, templates) in zip(plan.pages, zip(pages, records, strict=True), strict=True):
            inputs = templates | rule_inputs(path, sources.data, sources.pages, sources.config.content_dir)
            # A page without a chart of its own shows the home page's status chart in its preview image,
            # and so depends on all the data.
            if page.preview is not None:
                self.previews[path] = page.preview.path
                if page.preview.spec.dom_id == HOME_STATUS_CHART and page.preview.spec not in page.drawn:
                    inputs = inputs | {ALL_DATA}
            self.recorded[path] = inputs
        return pages, files, set(plan.paths)

    def _check_links(self, sources: Sources, html: dict[str, str], copies: dict[str, Path], files: dict[str, Payload]):
        problems = link_problems(sources.pages, {p: page_ids(h) for p, h in html.items()}, set(copies) | set(files))
        return stop_on_errors(sources.problems + problems, strict=self.strict)


def _as_json(sources: Sources) -> dict:
    # The validated document, not the file: the file may have changed again since it was read.
    return sources.data.model_dump(mode="json", by_alias=True, exclude_none=True)
