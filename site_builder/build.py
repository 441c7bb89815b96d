"""The pipeline, in one function: load config, read and validate every source, render, write.

Everything is read and checked before anything is written; a run reports every problem it finds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from .charts import ChartSpec
from .cache import BuildCache, hash_inputs, ids_key
from .config import SiteConfig, load_config
from .content import Page, find_pages, new_markdown, read_page
from .data import Locator, load_data
from .discovery import is_listed, robots, sitemap
from .errors import ContentError, Problem, SiteBuilderError, display_path
from .i18n import LANGUAGES, MissingString, Strings, load_strings
from .opendata import open_data_files
from .preview import chart_image_request, preview_request
from .render import ChartRenderer, Preview, RenderedSite, render_site
from .schema import TargetsFile
from .search import index_site
from .ssr import ChartRequest, Renderer
from .updates import atom_feed
from .theme import make_environment, static_files, strings_paths
from .urls import HOME_SLUG, area_slug
from .writer import clean_leftovers, write_site


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    out: Path | None
    charts_rendered: int = 0
    charts_reused: int = 0
    unchanged: bool = False  # the inputs and the output were as the last build left them: nothing was done


def build(root: Path, out: Path | None) -> BuildResult:
    """Builds the site in `root` into `out`; with out=None, only checks (writes nothing)."""
    # 1. Configuration, and the cache: with the same inputs as the last good build, there is nothing to do.
    config, problems = load_config(root)
    if out is not None:
        clean_leftovers(out.resolve())  # what a killed build left; puts back a site it had moved aside
    cache = BuildCache(out, hash_inputs(config, config.echarts_file())) if out is not None and not problems else None
    if cache is not None and cache.up_to_date():
        return BuildResult(cache.old.pages, len(cache.old.listing), out, unchanged=True)

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
    if data is not None:
        problems.extend(commentary_coverage(config, data, pages))
    echarts = config.echarts_file()
    if problems:
        raise ContentError(problems)
    assert data is not None
    if echarts is None:
        raise SiteBuilderError(
            f"ECharts is not installed: run `npm ci` in {config.root} (it installs the pinned version from package-lock.json)"
        )

    # 3. Render every page in memory.
    env = make_environment(theme_dirs)
    env.globals["base_url"] = config.base_url
    renderer = Renderer(echarts.parents[2], config.cache_dir)

    def render_charts(charts: list[tuple[str, ChartSpec]], previews: list[Preview]) -> dict[str, bytes]:
        # One Node process renders every chart and preview that the cache does not already hold.
        requests = [
            ChartRequest(f"{lang}/{spec.dom_id}", spec.options or {}, spec.width, spec.height, lang.upper())
            for lang, spec in charts
        ]
        preview_requests = [
            chart_image_request(p.path, p.spec, p.footer, p.lang) if p.kind == "image"
            else preview_request(p.path, p.spec, p.site_title, p.title, p.lang)
            for p in previews
        ]
        svgs, pngs = renderer.render(requests, preview_requests)
        for (_, spec), request in zip(charts, requests):
            spec.svg = svgs[request.key]
        return pngs

    site = render_pages(config, data, pages, strings, env, render_charts)
    stats = renderer.stats
    count = 0

    def html_files() -> Iterator[tuple[str, bytes]]:
        nonlocal count
        with template_problems(config):
            for page in site.pages:
                count += 1
                yield page.path, page.html.encode("utf-8")

    if out is None:
        for _ in html_files():
            pass
        return BuildResult(count, 0, None, stats.rendered, stats.reused)

    # 4. Write, atomically (pages are rendered as the writer takes them).
    others = site.files | open_data_files(data, strings)
    others.update(discovery_files(config, data, strings, site.paths))
    copies = {f"assets/{rel}": path for rel, path in static_files(theme_dirs).items()}
    copies["assets/vendor/echarts.min.js"] = echarts
    licence = echarts.parent.parent / "LICENSE"
    if licence.is_file():
        copies["assets/vendor/echarts.LICENSE.txt"] = licence
    written = write_site(out, _chain(others, html_files()), copies, finish=index_site)
    if cache is not None:
        cache.save(count)
    return BuildResult(count, written, out, stats.rendered, stats.reused)


def _chain(files: dict[str, bytes], pages: Iterator[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    yield from pages
    yield from files.items()


def discovery_files(config: SiteConfig, data: TargetsFile, strings: dict[str, Strings], paths: list[str]) -> dict[str, bytes]:
    """The Atom feed of each language, robots.txt, and sitemap.xml when base_url says where the site lives."""
    files = {f"{lang}/feed.xml": atom_feed(data, strings[lang], lang, config.base_url) for lang in LANGUAGES}
    files["robots.txt"] = robots(config.base_url)
    if config.base_url:
        files["sitemap.xml"] = sitemap([p for p in paths if is_listed(p)], config.base_url)
    return files


def raw_indicator_ids(path: Path) -> set[str] | None:
    """Indicator ids from a data file that failed validation, so chart blocks are still checked."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {i["id"] for i in raw["indicators"] if isinstance(i, dict) and isinstance(i.get("id"), str)}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_pages(
    config: SiteConfig, indicator_ids: set[str] | None, *, check_charts: bool, cache: BuildCache | None = None
) -> tuple[dict[tuple[str, str], Page], list[Problem]]:
    problems: list[Problem] = []
    pages: dict[tuple[str, str], Page] = {}
    markdowns = {lang: new_markdown(lang) for lang in LANGUAGES}
    ids = ids_key(indicator_ids)
    for lang, path in find_pages(config.content_dir, LANGUAGES):
        name = path.relative_to(config.root).as_posix()
        parsed = cache.parsed(name, ids) if cache is not None else None
        if parsed is None:
            parsed = read_page(path, lang, config.content_dir, config.root, markdowns[lang], indicator_ids or set())
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
                problems.append(
                    Problem(
                        display_path(config.data_file, config.root),
                        *_area_position(config, area.id),
                        f"area '{area.id}' has no {lang} commentary: create {display_path(expected, config.root)}",
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
    config: SiteConfig,
    data: TargetsFile,
    pages: dict[tuple[str, str], Page],
    strings: dict[str, Strings],
    env: Environment,
    render_charts: ChartRenderer,
) -> RenderedSite:
    with template_problems(config):
        return render_site(data, pages, strings, env, render_charts)


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
