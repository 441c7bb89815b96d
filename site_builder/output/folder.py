"""The build's writer: every page into a fresh folder, indexed for search, then swapped in for the old one.

A link error, a failed search index, a failed drawing or an interrupted build stops before the swap,
so the previous site stays as it was. The build cache beside the output says when nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from jinja2 import Environment

from site_builder.caches import BuildCache, hash_inputs
from site_builder.checks.links import anchors_in
from site_builder.checks.run import Sources
from site_builder.errors import Problem
from site_builder.output.site import BuildResult, RenderedSite
from site_builder.output.writer import Linked, Payload, clean_leftovers, staging_folder, write_site
from site_builder.pages.search import SearchIndex, is_indexed
from site_builder.pages.theme import make_environment
from site_builder.sources.config import SiteConfig
from site_builder.sources.i18n import LANGUAGES


def every_page(path: str) -> bool:
    return True


class FolderBuild:
    """Writes the whole site into `out`, atomically."""

    draws = True

    def __init__(self, out: Path) -> None:
        self.out = out
        self.cache: BuildCache | None = None

    def unchanged(self, config: SiteConfig, problems: list[Problem]) -> BuildResult | None:
        """With the same inputs as the last good build and its output in place, the result of doing nothing."""
        clean_leftovers(self.out.resolve())  # what a killed build left; puts back a site it had moved aside
        if problems:
            return None
        self.cache = BuildCache(self.out, hash_inputs(config, config.echarts_file()))
        if self.cache.up_to_date():
            return BuildResult(self.cache.old.pages, len(self.cache.old.listing), self.out, unchanged=True)
        return None

    def environment(self, theme_dirs: list[Path]) -> Environment:
        return make_environment(theme_dirs)

    def wanted_pages(self, sources: Sources) -> Callable[[str], bool]:
        return every_page

    def write(self, site: RenderedSite) -> BuildResult:
        ids: dict[str, frozenset[str]] = {}  # each page's anchors, for the link check, without keeping its HTML
        search = SearchIndex(staging_folder(self.out.resolve()), site.sources.config.cache_dir)

        def files() -> Iterator[tuple[str, Payload]]:
            # pagefind indexes each language's pages once they are all written, while the next one renders.
            current: str | None = None  # the language being written
            marked: list[tuple[str, int]] = []  # its pages marked for the search index, and their sizes
            for path, content in site.outputs:
                if isinstance(content, bytes):
                    yield path, content
                    continue
                lang = path.split("/", 1)[0]
                html = content.encode("utf-8")
                ids[path] = anchors_in(content) if path in site.anchored else frozenset()
                if lang in LANGUAGES and lang != current:
                    if current is not None:
                        search.start(current, marked)
                    current, marked = lang, []
                if lang in LANGUAGES and is_indexed(html):
                    marked.append((path, len(html)))
                yield path, html
            if current is not None:
                search.start(current, marked)
            yield from site.files.items()
            # The preview images, once Node has drawn them all: linked from the cache, not copied.
            yield from ((path, Linked(image)) for path, image in site.image_files().items())

        warnings: tuple[Problem, ...] = ()

        def finish(staging: Path) -> None:
            nonlocal warnings
            warnings = site.checked_links(ids)
            site.drawn()
            search.finish()

        try:
            written = write_site(self.out, files(), site.copies, finish=finish)
        finally:
            search.stop()
        if self.cache is not None and not warnings:
            self.cache.save(len(ids))  # with warnings, the next build runs again and shows them again
        stats = site.renderer.stats if site.renderer is not None else None
        return BuildResult(len(ids), written, self.out, stats.rendered if stats else 0, stats.reused if stats else 0,
                           warnings)
