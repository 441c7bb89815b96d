"""What the stages before writing hand a writer, and what a run reports back.

A `RenderedSite` is plain data plus one lazy stream: the pages are rendered as the writer takes them
(a large plan's HTML is never all in memory), in the plan's order, one language after the other.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.charts.node import ImageJob, Renderer
from site_builder.checks.links import anchor_targets, link_problems
from site_builder.checks.run import Sources, stop_on_errors
from site_builder.errors import Problem
from site_builder.output.writer import Payload
from site_builder.pages.plan import SitePlan
from site_builder.pages.render import embed_file_paths, site_files


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    out: Path | None
    charts_rendered: int = 0
    charts_reused: int = 0
    warnings: tuple[Problem, ...] = ()
    unchanged: bool = False  # the inputs and the output were as the last build left them: nothing was done
    pages_rendered: int | None = None  # pages rendered (None: all of them); the others were the previous build's


@dataclass
class RenderedSite:
    sources: Sources
    plan: SitePlan
    outputs: Iterator[tuple[str, str | bytes]]  # each page's HTML (str) and its downloads (bytes), rendered on demand
    copies: dict[str, Path]  # theme assets and ECharts, copied as they are
    renderer: Renderer | None  # None for a check, which draws nothing
    images: ImageJob | None  # the preview images, drawn as their pages are rendered
    strict: bool = False
    anchored: set[str] = field(init=False)  # pages the commentary links to with a #fragment

    def __post_init__(self) -> None:
        self.anchored = anchor_targets(self.sources.pages)

    @functools.cached_property
    def files(self) -> dict[str, Payload]:
        """The files made from the data: open data, feeds, robots.txt, sitemap.xml (made when first asked
        for; a writer that has them from the previous build, unchanged, sets this instead)."""
        return dict(site_files(self.sources, self.plan.paths, self.plan.redirects))

    def known_files(self) -> set[str]:
        """Every file besides pages: those made from the data, the copies, downloads and preview images."""
        base_url = self.sources.config.base_url
        made = {path for page in self.plan.pages if page.kind == "embed" for path in embed_file_paths(page, base_url)}
        made |= {page.preview.path for page in self.plan.pages if page.preview}
        return set(self.files) | set(self.copies) | made

    def checked_links(self, ids: dict[str, frozenset[str]], files: set[str] | None = None) -> tuple[Problem, ...]:
        """The run's warnings, with the commentary's links checked against the pages and anchors that
        really exist (`ids`: each page's anchors; `files`: other files, by default this run's). Raises
        ContentError if a link is broken (or with strict, on any warning)."""
        problems = self.sources.problems + link_problems(self.sources.pages, ids, self.known_files() | (files or set()))
        return stop_on_errors(problems, strict=self.strict)

    def image_files(self) -> dict[str, Path]:
        """The preview images' files, once Node has drawn them all."""
        return self.images.finish() if self.images is not None else {}

    def drawn(self) -> None:
        """Waits until every Node process has ended well; raises if one failed."""
        if self.renderer is not None:
            self.renderer.wait()
