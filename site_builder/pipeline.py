"""The pipeline, in one function (`build`): the stages in the order they run, each handing plain data
to the next.

1. load the configuration (and stop at once if nothing changed since the last build);
2. read and check every source (`read_sources`), reporting every problem before stopping;
3. plan the site from the model (`pages.plan.plan_site`): every page and the charts each one shows;
4. draw the charts (`charts.node.Renderer.draw`), in Node, beside the rendering;
5. render each page once its own charts are drawn (`render_outputs`);
6. write, atomically (`output.writer.write_site`), after the link check and the search index.

`check` stops after step 3 and renders the pages without drawings, only for their links and anchors.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from site_builder.caches import BuildCache, hash_inputs
from site_builder.charts.node import ChartRequest, Drawings, ImageJob, Renderer
from site_builder.charts.preview import preview_request
from site_builder.charts.spec import ChartSpec
from site_builder.checks.links import anchor_targets, anchors_in, link_problems
from site_builder.checks.run import Sources, read_sources, stop_on_errors
from site_builder.errors import ContentError, Problem, SiteBuilderError, display_path
from site_builder.output.writer import Payload, clean_leftovers, staging_folder, write_site
from site_builder.pages.contexts import page_context
from site_builder.pages.discovery import is_listed, robots, sitemap
from site_builder.pages.embed import chart_csv, chart_json, oembed_json, standalone_svg
from site_builder.pages.feeds import atom_feed
from site_builder.pages.opendata import open_data_files
from site_builder.pages.plan import PagePlan, SitePlan, plan_site
from site_builder.pages.render import render_page
from site_builder.pages.search import SearchIndex, is_indexed
from site_builder.pages.theme import make_environment, static_files
from site_builder.sources.config import SiteConfig, load_config
from site_builder.sources.i18n import DEFAULT_LANGUAGE, LANGUAGES, MissingString


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    out: Path | None
    charts_rendered: int = 0
    charts_reused: int = 0
    warnings: tuple[Problem, ...] = ()
    unchanged: bool = False  # the inputs and the output were as the last build left them: nothing was done


def build(root: Path, out: Path | None, *, strict: bool = False) -> BuildResult:
    """Builds the site in `root` into `out`; with out=None, only checks (reads, checks and renders the
    pages to check their links, without drawing a chart or writing a file).

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

    # 2. Read and check every source; every problem is reported before stopping.
    sources = read_sources(root, strict=strict, cache=cache)
    env = make_environment(sources.theme_dirs)

    # 3. Plan the site from the model: every page, the charts each one shows, its preview image.
    with template_problems(config):  # a UI string a chart or title needs may be missing
        plan = plan_site(sources.data, sources.pages, sources.strings, config.base_url)
    copies = asset_copies(sources)
    others = generated_files(sources, plan.paths)
    anchored = anchor_targets(sources.pages)
    ids: dict[str, frozenset[str]] = {}  # each page's anchors, for the link check, without keeping its HTML

    def check_links() -> tuple[Problem, ...]:
        # Links are checked on the rendered site: the pages and anchors that really exist.
        problems = sources.problems + link_problems(sources.pages, ids, set(copies) | set(others) | made_files)
        return stop_on_errors(problems, strict=strict)

    # The files made beside the pages: embed downloads and preview images.
    made_files = {
        path for page in plan.pages if page.kind == "embed" for path in embed_file_paths(page, config.base_url)
    }
    made_files |= {page.preview.path for page in plan.pages if page.preview}
    if out is None:  # a check renders the pages, without drawings, for their anchors
        with template_problems(config):
            for path, content in render_outputs(plan, sources, env, UNDRAWN, None):
                if isinstance(content, str):
                    ids[path] = anchors_in(content) if path in anchored else frozenset()
        return BuildResult(len(ids), 0, None, warnings=check_links())

    # 4. Draw the charts: Node draws them in the order the pages show them, beside the rendering.
    renderer = Renderer(sources.echarts.parents[2], config.cache_dir)
    try:
        charts = [chart_request(lang, spec) for lang, spec in plan.charts()]
        images_text = [p.preview.title + p.preview.site_title for p in plan.pages if p.preview]
        drawings = renderer.draw(charts, images_text=images_text)
        images = renderer.images()
    except BaseException:
        renderer.stop()
        raise

    # 5. Render each page once its own charts are drawn, and 6. write, atomically: a link error, a failed
    # search index or a failed drawing stops before the new site replaces the old. pagefind indexes each
    # language's pages once they are all written, while the next language renders.
    search = SearchIndex(staging_folder(out.resolve()))

    def files() -> Iterator[tuple[str, Payload]]:
        current: str | None = None  # the language being written
        marked: list[tuple[str, int]] = []  # its pages marked for the search index, and their sizes
        with template_problems(config):
            for path, content in render_outputs(plan, sources, env, drawings, images):
                if isinstance(content, str):
                    lang = path.split("/", 1)[0]
                    html = content.encode("utf-8")
                    ids[path] = anchors_in(content) if path in anchored else frozenset()
                    if lang in LANGUAGES and lang != current:
                        if current is not None:
                            search.start(current, marked)
                        current, marked = lang, []
                    if lang in LANGUAGES and is_indexed(html):
                        marked.append((path, len(html)))
                    yield path, html
                else:
                    yield path, content
        if current is not None:
            search.start(current, marked)
        yield from others.items()
        yield from images.finish().items()  # the preview images, once Node has drawn them all

    warnings: tuple[Problem, ...] = ()

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
    stats = renderer.stats
    return BuildResult(len(ids), written, out, stats.rendered, stats.reused, warnings)


class _Undrawn:
    """The drawings of a check, which draws nothing: every chart's SVG is empty."""

    def svg(self, key: str) -> str:
        return ""


UNDRAWN = _Undrawn()


def render_outputs(
    plan: SitePlan, sources: Sources, env: Environment, drawings: Drawings | _Undrawn, images: ImageJob | None
) -> Iterator[tuple[str, str | bytes]]:
    """Stage 5: each planned page as HTML (str), in the plan's order, as soon as its charts are drawn, with
    the files that go with it (an embed page's downloads, as bytes). Each page's preview image is handed
    to `images` as soon as its chart is drawn."""
    base_url = sources.config.base_url
    for page in plan.pages:
        lang = page.lang or DEFAULT_LANGUAGE
        svgs = {spec.dom_id: drawings.svg(chart_key(lang, spec)) for spec in page.drawn}
        context = page_context(page, plan, sources.data, sources.pages, sources.strings)
        yield page.path, render_page(env, page, context, svgs, base_url)
        if page.kind == "embed":
            yield from embed_files(page, plan, svgs, base_url).items()
        if page.preview is not None and images is not None:
            preview = page.preview
            chart_svg = svgs.get(preview.spec.dom_id) or drawings.svg(chart_key(preview.lang, preview.spec))
            images.submit(preview_request(preview.path, chart_svg, preview.site_title, preview.title, preview.lang))


def embed_file_paths(page: PagePlan, base_url: str) -> list[str]:
    folder = page.path.removesuffix("index.html")
    return [folder + name for name in ("data.csv", "data.json", "chart.svg", *(("oembed.json",) if base_url else ()))]


def embed_files(page: PagePlan, plan: SitePlan, svgs: dict[str, str], base_url: str) -> dict[str, bytes]:
    """An embed page's downloads: its chart's data as CSV and JSON, the drawing as an SVG file, and with
    base_url, the oEmbed answer."""
    spec = page.charts[0]
    view = plan.views[page.lang or DEFAULT_LANGUAGE]
    folder = page.path.removesuffix("index.html")
    titles = {s: view.source(s)["title"] for s in spec.sources}
    files = {
        folder + "data.csv": chart_csv(spec),
        folder + "data.json": chart_json(spec, view.lang, titles),
        folder + "chart.svg": standalone_svg(spec, svgs[spec.dom_id]),
    }
    if base_url:
        site_title = view.data.plan.short_title.get(view.lang)
        files[folder + "oembed.json"] = oembed_json(spec, base_url + folder, base_url, site_title,
                                                    base_url + "assets/embed-resize.js")
    return files


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


def chart_key(lang: str, spec: ChartSpec) -> str:
    return f"{lang}/{spec.dom_id}"


def chart_request(lang: str, spec: ChartSpec) -> ChartRequest:
    options = spec.options.text if spec.options else "{}"
    return ChartRequest(chart_key(lang, spec), options, spec.width, spec.height, lang.upper())


def asset_copies(sources: Sources) -> dict[str, Path]:
    copies = {f"assets/{rel}": path for rel, path in static_files(sources.theme_dirs).items()}
    copies["assets/vendor/echarts.min.js"] = sources.echarts
    licence = sources.echarts.parent.parent / "LICENSE"
    if licence.is_file():
        copies["assets/vendor/echarts.LICENSE.txt"] = licence
    return copies


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
