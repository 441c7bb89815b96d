"""The pipeline, in one function: load config, read and validate every source, render, write.

Everything is read and checked before anything is written; a run reports every problem it finds.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from site_builder.output.cache import BuildCache, PageMemo, code_key, hash_inputs, ids_key
from site_builder.charts.options import ChartSpec
from site_builder.sources.config import SiteConfig, load_config
from site_builder.checks.numbers import number_problems
from site_builder.sources.content import Page, find_pages, new_markdown, read_page
from site_builder.sources.data import Locator, load_data
from site_builder.pages.discovery import is_listed, robots, sitemap
from site_builder.errors import ContentError, Problem, SiteBuilderError, display_path
from site_builder.sources.i18n import LANGUAGES, MissingString, Strings, load_strings, other_language
from site_builder.checks.links import anchor_targets, anchors_in, link_problems
from site_builder.pages.opendata import open_data_files
from site_builder.checks.parity import data_text_problems, page_problems
from site_builder.charts.preview import preview_request
from site_builder.pages.contexts import ChartRenderer, Preview, RenderedSite, render_site
from site_builder.sources.schema import TargetsFile
from site_builder.pages.search import SearchIndex, is_indexed
from site_builder.charts.node import ChartRequest, Renderer
from site_builder.pages.theme import make_environment, static_files, strings_paths
from site_builder.pages.feeds import atom_feed
from site_builder.model.urls import HOME_SLUG, area_slug
from site_builder.output.writer import Payload, clean_leftovers, staging_folder, write_site


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    out: Path | None
    charts_rendered: int = 0
    charts_reused: int = 0
    warnings: tuple[Problem, ...] = ()
    unchanged: bool = False  # the inputs and the output were as the last build left them: nothing was done


@dataclass
class Sources:
    """Everything a build reads, validated: what rendering needs, and the warnings found on the way."""

    config: SiteConfig
    data: TargetsFile
    pages: dict[tuple[str, str], Page]
    strings: dict[str, Strings]
    theme_dirs: list[Path]
    echarts: Path
    problems: list[Problem] = field(default_factory=list)  # warnings only; errors were raised
    # The editorial checks, when read_sources left them running in another process: see checked().
    pending: Callable[[], list[Problem]] | None = None


def build(root: Path, out: Path | None, *, strict: bool = False) -> BuildResult:
    """Builds the site in `root` into `out`; with out=None, only checks (writes nothing).

    Warnings are returned (and are errors with strict=True); any error raises ContentError.
    """
    # 1. Configuration, and the cache: with the same inputs as the last good build, there is nothing to do.
    config, config_problems = load_config(root)
    if out is not None:
        clean_leftovers(out.resolve())  # what a killed build left; puts back a site it had moved aside
    cache = None
    if out is not None and not config_problems:
        cache = BuildCache(out, hash_inputs(config, config.echarts_file()))
        if cache.up_to_date():
            return BuildResult(cache.old.pages, len(cache.old.listing), out, unchanged=True)

    # 2. Read and validate every source; collect every problem before stopping. The slowest checks may
    # go on in another process while pages are prepared; they are collected before anything is written.
    sources = read_sources(root, strict=strict, cache=cache, background=threading.active_count() == 1)

    # 3. Render: charts and preview images start in Node in the background; pages are rendered one at a
    # time as the writer takes them, each once its own charts are ready.
    env = make_environment(sources.theme_dirs)
    env.globals["base_url"] = config.base_url
    renderer = Renderer(sources.echarts.parents[2], config.cache_dir)
    try:
        # Each chart goes to Node as soon as its page's context makes it.
        site = render_pages(sources, env, chart_renderer(renderer), on_chart=lambda lang, spec: renderer.submit(chart_request(lang, spec)))
        checked(sources, strict=strict)
    except BaseException:
        renderer.stop()
        raise
    copies = asset_copies(sources)
    others = site.files | generated_files(sources, site.paths)
    anchored = anchor_targets(sources.pages)
    ids: dict[str, frozenset[str]] = {}  # each page's anchors, for the link check, without keeping its HTML

    def html_files() -> Iterator[tuple[str, bytes]]:
        with template_problems(config):
            for page in site.pages:
                ids[page.path] = anchors_in(page.html) if page.path in anchored else frozenset()
                yield page.path, page.html.encode("utf-8")

    def check_links() -> tuple[Problem, ...]:
        # Links are checked on the rendered site: the pages and anchors that really exist.
        problems = sources.problems + link_problems(sources.pages, ids, set(copies) | set(others))
        return stop_on_errors(problems, strict=strict)

    stats = renderer.stats
    if out is None:
        for _ in html_files():
            pass
        renderer.stop()  # a check writes no images
        return BuildResult(len(ids), 0, None, stats.rendered, stats.reused, check_links())

    # 4. Write, atomically: a link error or a failed search index stops before the swap. The preview
    # images are drawn by Node in the background meanwhile, and pagefind indexes the pages while the
    # other files are written, so both cores work.
    warnings: tuple[Problem, ...] = ()
    search = SearchIndex(staging_folder(out.resolve()))

    def files() -> Iterator[tuple[str, Payload]]:
        # Pages come one language after the other: when a language's last page is written, its search
        # index starts while the next language renders.
        current: str | None = None  # the language being written
        marked: list[tuple[str, int]] = []  # its pages marked for the index, and their sizes
        done: set[str] = set()
        for path, html in html_files():
            lang = path.split("/", 1)[0]
            if lang in LANGUAGES and lang != current:
                if lang in done:
                    raise SiteBuilderError(f"internal error: {path} comes after the {lang} search index started")
                if current is not None:
                    search.start(current, marked)
                    done.add(current)
                current, marked = lang, []
            if lang in LANGUAGES and is_indexed(html):
                marked.append((path, len(html)))
            yield path, html
        if current is not None:
            search.start(current, marked)
        # Files in hand first; images last, as the background job finishes them.
        yield from sorted(others.items(), key=lambda item: not isinstance(item[1], bytes))

    def finish(staging: Path) -> None:
        nonlocal warnings
        warnings = check_links()
        renderer.wait()  # every Node process ended well
        search.finish()

    try:
        written = write_site(out, files(), copies, finish=finish)
    finally:
        search.stop()
        renderer.stop()
    if cache is not None and not warnings:
        cache.save(len(ids))  # with warnings, the next build runs again and shows them again
    return BuildResult(len(ids), written, out, stats.rendered, stats.reused, warnings)


def generated_files(sources: Sources, paths: list[str]) -> dict[str, bytes]:
    """Files made from the data besides pages and charts: the open data, the Atom feed of each language,
    robots.txt, and sitemap.xml when base_url says where the site lives (paths: every page's path)."""
    config, data, strings = sources.config, sources.data, sources.strings
    files = open_data_files(data, strings)
    files |= {f"{lang}/feed.xml": atom_feed(data, strings[lang], lang, config.base_url) for lang in LANGUAGES}
    files["robots.txt"] = robots(config.base_url)
    if config.base_url:
        files["sitemap.xml"] = sitemap([p for p in paths if is_listed(p)], config.base_url)
    return files


def chart_request(lang: str, spec: ChartSpec) -> ChartRequest:
    return ChartRequest(f"{lang}/{spec.dom_id}", spec.options.text if spec.options else "{}", spec.width, spec.height, lang.upper())


def chart_renderer(renderer: Renderer) -> ChartRenderer:
    def render_charts(charts: list[tuple[str, ChartSpec]], previews: list[Preview]) -> dict[str, Payload]:
        # Both start in the background and are waited for only where they are used: a page's charts when
        # the page is rendered, the preview images when they are written. Both reuse the cache.
        requests = [chart_request(lang, spec) for lang, spec in charts]
        svgs = renderer.start_charts(requests, images_text=[p.title + p.site_title for p in previews])
        for (_, spec), request in zip(charts, requests):
            spec.svg = svgs[request.key]
        images = renderer.start_images(
            [p.path for p in previews],
            # Made one at a time, each as soon as its chart is ready (str(spec.svg) waits for it).
            lambda: (preview_request(p.path, p.spec, p.site_title, p.title, p.lang) for p in previews),
        )
        return dict(images)

    return render_charts


def read_sources(
    root: Path, *, strict: bool = False, cache: BuildCache | None = None, background: bool = False
) -> Sources:
    """Reads and validates every source and runs the editors' checks; collects every problem first.

    background=True: when the sources are otherwise sound, the editorial checks (translation parity,
    figures that disagree; a fifth of reading a large plan) run in a forked process while the caller
    builds pages in memory; `checked(sources)` collects them before anything is written. Only for a
    process without threads of its own (the command line), as forking one with threads is unsafe.
    """
    # 1. Configuration.
    config, problems = load_config(root)

    # 2. Read and validate every source; collect every problem before stopping.
    data: TargetsFile | None = None
    try:
        data = load_data(config.data_file, config.root)
    except ContentError as exc:
        problems.extend(exc.problems)
    theme_dirs = config.theme_dirs()
    strings, string_problems = load_strings({lang: strings_paths(theme_dirs, lang) for lang in LANGUAGES}, config.root)
    problems.extend(string_problems)
    indicator_ids = {i.id for i in data.indicators} if data else raw_indicator_ids(config.data_file)
    pages, page_problems = read_pages(config, indicator_ids, check_charts=indicator_ids is not None, cache=cache)
    problems.extend(page_problems)
    pending = None
    if data is not None:
        problems.extend(commentary_coverage(config, data, pages))
        editorial = functools.partial(editorial_problems, config, data, pages)
        if background and not any(p.is_error or strict for p in problems):
            pending = in_background(editorial)
        else:
            problems.extend(editorial())
    warnings = stop_on_errors(problems, strict=strict)
    assert data is not None
    echarts = config.echarts_file()
    if echarts is None:
        raise SiteBuilderError(
            f"ECharts is not installed: run `npm ci` in {config.root} (it installs the pinned version from package-lock.json)"
        )
    return Sources(config, data, pages, strings, theme_dirs, echarts, list(warnings), pending)


# The work a forked process runs: set before the fork, so the child finds it in its copy of memory.
# Handing it to the pool instead would pickle the whole plan through a pipe (tens of MB at scale).
_forked_work: Callable[[], list[Problem]] | None = None


def _run_forked_work() -> list[Problem]:
    assert _forked_work is not None
    return _forked_work()


def in_background(work: Callable[[], list[Problem]]) -> Callable[[], list[Problem]]:
    """Runs `work` in a forked process (the pages and data are shared, not copied); returns its result's getter."""
    global _forked_work
    _forked_work = work
    try:
        pool = multiprocessing.get_context("fork").Pool(1)
    except (ValueError, OSError):  # no fork here: run it now
        found = work()
        return lambda: found
    finally:
        _forked_work = None  # the child has its copy
    result = pool.apply_async(_run_forked_work)

    def get() -> list[Problem]:
        try:
            return result.get()
        finally:
            pool.terminate()

    return get


def checked(sources: Sources, *, strict: bool) -> None:
    """Adds the problems of editorial checks left running by read_sources; raises if one is an error."""
    if sources.pending is not None:
        found, sources.pending = sources.pending(), None
        sources.problems = list(stop_on_errors(sources.problems + found, strict=strict))


def editorial_problems(config: SiteConfig, data: TargetsFile, pages: dict[tuple[str, str], Page]) -> list[Problem]:
    """The checks a schema cannot make: translation parity and figures that disagree."""
    texts = {page.shown: page.source.read_text(encoding="utf-8") for page in pages.values()}
    area_slugs = {area_slug(a.id) for a in data.areas}
    return [
        *data_text_problems(config.data_file, config.root),
        *page_problems(config.content_dir, config.root, pages, area_slugs),
        *number_problems(data, pages, texts, data_version=(config.data_file, _stamp(config.data_file))),
    ]


def stop_on_errors(problems: list[Problem], *, strict: bool) -> tuple[Problem, ...]:
    """Raises ContentError (with the warnings too) if any problem is an error; returns the warnings."""
    if any(p.is_error or strict for p in problems):
        raise ContentError([p if p.is_error or not strict else replace(p, level="error") for p in problems])
    return tuple(sorted(set(problems)))


def asset_copies(sources: Sources) -> dict[str, Path]:
    copies = {f"assets/{rel}": path for rel, path in static_files(sources.theme_dirs).items()}
    copies["assets/vendor/echarts.min.js"] = sources.echarts
    licence = sources.echarts.parent.parent / "LICENSE"
    if licence.is_file():
        copies["assets/vendor/echarts.LICENSE.txt"] = licence
    return copies


def raw_indicator_ids(path: Path) -> set[str] | None:
    """Indicator ids from a data file that failed validation, so chart blocks are still checked."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {i["id"] for i in raw["indicators"] if isinstance(i, dict) and isinstance(i.get("id"), str)}
    except (OSError, ValueError, KeyError, TypeError):
        return None


# Pages parsed in this process (the preview server's rebuilds), made at the first read.
_memo: PageMemo | None = None


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)


def read_pages(
    config: SiteConfig, indicator_ids: set[str] | None, *, check_charts: bool, cache: BuildCache | None = None
) -> tuple[dict[tuple[str, str], Page], list[Problem]]:
    """Every Markdown page, parsed; reused from the build cache (between builds) or from this process's
    memory (between the preview server's rebuilds) while the file and the indicator ids are unchanged."""
    global _memo
    memo = _memo = _memo or PageMemo()
    code = cache.inputs.code if cache is not None else code_key()
    problems: list[Problem] = []
    pages: dict[tuple[str, str], Page] = {}
    markdowns = {lang: new_markdown(lang) for lang in LANGUAGES}
    ids = ids_key(indicator_ids)
    for lang, path in find_pages(config.content_dir, LANGUAGES):
        name = path.relative_to(config.root).as_posix()
        parsed = cache.parsed(name, ids) if cache is not None else None
        if parsed is None:
            key = (lang, config.root, _stamp(path), ids, code)
            parsed = memo.get(path, key)
            if parsed is None:
                parsed = read_page(path, lang, config.content_dir, config.root, markdowns[lang], indicator_ids or set())
                memo.put(path, key, parsed)
            if cache is not None:
                cache.remember_parsed(name, ids, parsed)
        page, found = parsed  # type: ignore[misc]
        if not check_charts:
            found = [p for p in found if "in chart block" not in p.message]
        problems.extend(found)
        if page is not None:
            pages[(lang, page.slug)] = page
    return pages, problems


def commentary_coverage(config: SiteConfig, data: TargetsFile, pages: dict[tuple[str, str], Page]) -> list[Problem]:
    """Every area has commentary in every language, and every commentary file belongs to something."""
    problems: list[Problem] = []
    known = {HOME_SLUG} | {area_slug(a.id) for a in data.areas}
    for area in data.areas:
        for lang in LANGUAGES:
            if (lang, area_slug(area.id)) not in pages:
                expected = config.content_dir / lang / f"{area_slug(area.id)}.md"
                # Point at the translation that exists (the page to translate), else at the area's data.
                translated = pages.get((other_language(lang), area_slug(area.id)))
                where = (translated.shown, 1, 1) if translated else (
                    display_path(config.data_file, config.root), *_area_position(config, area.id)
                )
                problems.append(
                    Problem(
                        *where,
                        f"area '{area.id}' has no {lang} commentary: create {display_path(expected, config.root)}",
                        kind="parity",
                    )
                )
    for (lang, slug), page in pages.items():
        if slug not in known:
            problems.append(
                Problem(page.shown, 1, 1, f"no area '{slug.split('/')[-1]}' in data/targets.json for this file; rename or remove it")
            )
    return problems


def _area_position(config: SiteConfig, area_id: str) -> tuple[int, int]:
    text = config.data_file.read_text(encoding="utf-8")
    areas = json.loads(text).get("areas", [])
    index = next((i for i, a in enumerate(areas) if a.get("id") == area_id), 0)
    return Locator(text).find(("areas", index, "id"))


def render_pages(
    sources: Sources,
    env: Environment,
    render_charts: ChartRenderer,
    wanted: Callable[[str], bool] = lambda path: True,
    on_chart: Callable[[str, ChartSpec], None] | None = None,
) -> RenderedSite:
    with template_problems(sources.config):
        return render_site(sources.data, sources.pages, sources.strings, env, render_charts, wanted, on_chart)


@contextmanager
def template_problems(config: SiteConfig) -> Iterator[None]:
    """Template and UI-string errors, while contexts are built or pages rendered, as located problems."""
    try:
        yield
    except MissingString as exc:
        path, _, message = str(exc).partition(": ")
        raise ContentError([Problem(path, 1, 1, message)]) from None
    except TemplateSyntaxError as exc:
        where = display_path(Path(exc.filename), config.root) if exc.filename else exc.name or "template"
        raise ContentError([Problem(where, exc.lineno or 1, 1, f"template error: {exc.message}")]) from None
    except TemplateError as exc:
        raise SiteBuilderError(f"template error: {exc}") from None
