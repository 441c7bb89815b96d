"""The build's writer: every page into a fresh folder, indexed for search, then swapped in for the old one.

A link error, a failed search index, a failed drawing or an interrupted build stops before the swap,
so the previous site stays as it was. The build cache beside the output says when nothing changed;
when only commentary or theme files changed, it says which pages used them (their dependency
records): only those are rendered, and every other file of the previous site is hard-linked into the
new folder, so the new site is the one a build from scratch makes, at a fraction of the cost.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from jinja2 import Environment

from site_builder.caches import BuildCache, hash_inputs
from site_builder.checks.links import anchors_in
from site_builder.checks.run import Sources
from site_builder.errors import Problem
from site_builder.output.site import BuildResult, RenderedSite
from site_builder.output.writer import Linked, Payload, clean_leftovers, staging_folder, write_site
from site_builder.pages.deps import RecordingEnvironment, affected, inputs_of_files, records_of
from site_builder.pages.search import BUNDLE, SearchIndex, is_indexed
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
        self.reuse = False  # True: only the pages an edit affects are rendered; the rest are linked
        self.env: RecordingEnvironment | None = None

    def unchanged(self, config: SiteConfig, problems: list[Problem]) -> BuildResult | None:
        """With the same inputs as the last good build and its output in place, the result of doing nothing."""
        clean_leftovers(self.out.resolve())  # what a killed build left; puts back a site it had moved aside
        if problems:
            return None
        self.cache = BuildCache(self.out, hash_inputs(config, config.echarts_file()))
        if self.cache.up_to_date():
            return BuildResult(self.cache.old.pages, len(self.cache.old.listing), self.out, unchanged=True)
        self.reuse = self.cache.reusable()
        return None

    def wanted_pages(self, sources: Sources) -> Callable[[str], bool]:
        if not self.reuse or self.cache is None:
            return every_page
        old = self.cache.old
        inputs, full = inputs_of_files(self.cache.changed_files(sources.config.root), sources.config.root,
                                       sources.theme_dirs)
        if full:
            self.reuse = False
            return every_page
        dirty = affected(old.records, inputs)
        return lambda path: path in dirty or path not in old.records

    def _strings_unchanged(self) -> bool:
        assert self.cache is not None
        old, new = self.cache.old.theme, self.cache.inputs.theme
        return not any(Path(name).parent.name == "strings" and old.get(name) != new.get(name)
                       for name in old.keys() | new.keys())

    def environment(self, theme_dirs: list[Path]) -> Environment:
        made = make_environment(theme_dirs, RecordingEnvironment)  # records each page's templates, for next time
        assert isinstance(made, RecordingEnvironment)
        self.env = made
        return made

    def write(self, site: RenderedSite) -> BuildResult:
        old = self.cache.old if self.cache is not None and self.reuse else None
        ids: dict[str, frozenset[str]] = dict(old.anchors) if old else {}  # each page's anchors, for the link check
        # Each language's pages for the search index, with their sizes: the previous build's, then this one's.
        indexed: dict[str, dict[str, int]] = {lang: dict(old.indexed.get(lang, [])) if old else {}
                                              for lang in LANGUAGES}
        rendered: list[str] = []
        staging = staging_folder(self.out.resolve())
        search = SearchIndex(staging, site.sources.config.cache_dir)
        if old is not None and self._strings_unchanged():
            # Made from the data and the strings alone, both as before: the previous build's files.
            site.files = {name: Linked(self.out / name) for name in old.site_files}
        generated = set(site.files) | set(site.copies)

        def files() -> Iterator[tuple[str, Payload]]:
            if old is not None:
                # The previous site's files that this build does not make again, first: the search
                # index runs on whole languages.
                made = {page.path for page in site.plan.pages} | site.known_files() | generated
                for path in old.listing:
                    if path not in made and path not in old.generated and not path.startswith(f"{BUNDLE}/"):
                        yield path, Linked(self.out / path)
            # pagefind indexes each language's pages once they are all written, while the next one renders
            # (when every page is rendered; after an edit, once the few pages are).
            current: str | None = None  # the language being written
            for path, content in site.outputs:
                if isinstance(content, bytes):
                    yield path, content
                    continue
                lang = path.split("/", 1)[0]
                html = content.encode("utf-8")
                rendered.append(path)
                ids[path] = anchors_in(content) if path in site.anchored else frozenset()
                if lang in LANGUAGES:
                    if old is None and lang != current:
                        if current is not None:
                            search.start(current, list(indexed[current].items()))
                        current = lang
                    indexed[lang].pop(path, None)
                    if is_indexed(html):
                        indexed[lang][path] = len(html)
                yield path, html
            for lang in LANGUAGES if old is not None else [current] if current is not None else []:
                search.start(lang, _in_site_order(indexed[lang], site.plan.paths))
            yield from site.files.items()
            # The preview images, once Node has drawn them all: linked from the cache, not copied.
            yield from ((path, Linked(image)) for path, image in site.image_files().items())

        warnings: tuple[Problem, ...] = ()

        def finish(folder: Path) -> None:
            nonlocal warnings
            warnings = site.checked_links(ids)
            site.drawn()
            search.finish()

        try:
            written = write_site(self.out, files(), site.copies, finish=finish)
        finally:
            search.stop()
            # A failed write removed its folder, but a pagefind run still going may have written into it.
            shutil.rmtree(staging, ignore_errors=True)
        if self.cache is not None and not warnings:  # with warnings, the next build runs again and shows them
            assert self.env is not None
            sources = site.sources
            new = self.cache.new
            rendered_paths = set(rendered)  # made once: made per page, it grew with the square of the pages
            planned = [page for page in site.plan.pages if page.path in rendered_paths]
            data = None if sources.several_years else sources.data  # several years: every page uses all the data
            records = records_of(planned, rendered, self.env.records, data, sources.pages,
                                 sources.config.content_dir)
            new.records = {**(old.records if old else {}), **records}
            new.anchors = ids
            new.indexed = {lang: _in_site_order(pages, site.plan.paths) for lang, pages in indexed.items()}
            new.generated = generated
            new.site_files = set(site.files)
            self.cache.save(len(ids))
        stats = site.renderer.stats if site.renderer is not None else None
        return BuildResult(len(ids), written, self.out, stats.rendered if stats else 0, stats.reused if stats else 0,
                           warnings, pages_rendered=len(rendered))


def _in_site_order(pages: dict[str, int], paths: list[str]) -> list[tuple[str, int]]:
    """A language's indexed pages with their sizes, in the order a build from scratch renders them (the
    plan's), so the search index's shards are the same whether the pages were rendered now or before."""
    position = {path: number for number, path in enumerate(paths)}
    return sorted(pages.items(), key=lambda item: position.get(item[0], len(paths)))
