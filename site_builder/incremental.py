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

from .build import BuildResult, Sources, asset_copies, read_sources, render_pages, stop_on_errors
from .deps import RecordingEnvironment, affected, changed_sections, data_sections, inputs_of_files, rule_inputs
from .links import link_problems
from .theme import make_environment
from .writer import update_files, write_site


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
    sections: dict[str, str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    pending: set[Path] = field(default_factory=set)  # changed files not yet in a good build
    built: bool = False
    env: RecordingEnvironment | None = None  # kept between rebuilds: Jinja reloads only edited templates

    def full(self) -> Update:
        started = time.perf_counter()
        sources = read_sources(self.root, strict=self.strict)
        self.env = None
        rendered = self._render(sources, None)
        copies = asset_copies(sources)
        warnings = self._check_links(sources, rendered, copies)
        write_site(self.out, {p: h.encode("utf-8") for p, h in rendered.items()}, copies)
        self.html, self.copies, self.built = rendered, copies, True
        self.sections = data_sections(_as_json(sources))
        self.pending.clear()
        result = BuildResult(len(rendered), len(rendered) + len(copies), self.out, warnings)
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
        paths = self._all_paths(sources)
        dirty = affected(self.recorded, inputs) | (paths - set(self.html))
        rendered = self._render(sources, dirty)
        html = {p: h for p, h in self.html.items() if p in paths} | rendered
        copies = asset_copies(sources)
        warnings = self._check_links(sources, html, copies)
        files = {p: h.encode("utf-8") for p, h in rendered.items() if self.html.get(p) != h}
        new_copies = {
            rel: src for rel, src in copies.items()
            if self.copies.get(rel) != src or f"static:{rel.removeprefix('assets/')}" in inputs
        }
        removed = (set(self.html) - paths) | (set(self.copies) - set(copies))
        update_files(self.out, files, new_copies, removed)
        self.html, self.copies, self.sections = html, copies, sections
        for path in removed:
            self.recorded.pop(path, None)
        self.pending.clear()
        result = BuildResult(len(rendered), len(files) + len(new_copies), self.out, warnings)
        return Update(result, tuple(sorted([*files, *new_copies, *removed])), time.perf_counter() - started)

    def _render(self, sources: Sources, only: set[str] | None) -> dict[str, str]:
        if self.env is None:
            made = make_environment(sources.theme_dirs, RecordingEnvironment)
            assert isinstance(made, RecordingEnvironment)
            self.env = made
        env = self.env

        def wanted(path: str) -> bool:
            # Asked just before each page's context is built: from here on, what loads is this page's.
            if only is not None and path not in only:
                env.current = None
                return False
            env.current = self.recorded[path] = rule_inputs(path, sources.data, sources.pages, sources.config.content_dir)
            return True

        rendered = render_pages(sources, env, wanted)
        env.current = None
        return {page.path: page.html for page in rendered}

    @staticmethod
    def _all_paths(sources: Sources) -> set[str]:
        paths: set[str] = set()
        render_pages(sources, make_environment(sources.theme_dirs), lambda path: bool(paths.add(path)))
        return paths

    def _check_links(self, sources: Sources, html: dict[str, str], copies: dict[str, Path]):
        return stop_on_errors(sources.problems + link_problems(sources.pages, html, set(copies)), strict=self.strict)


def _as_json(sources: Sources) -> dict:
    # The validated document, not the file: the file may have changed again since it was read.
    return sources.data.model_dump(mode="json", by_alias=True, exclude_none=True)
