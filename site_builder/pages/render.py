"""Stage 5, rendering: each planned page, its context and its charts' drawings, through the theme, to
HTML, with the files made beside the pages (downloads, open data, feeds, robots.txt, the sitemap).

What every page has besides its own context is added by `render_page`: its language and the other's,
links relative to the page (or absolute from base_url on 404 pages), head metadata, its preview image.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment

from site_builder.charts.node import Drawings, ImageJob
from site_builder.charts.preview import CHART_WIDTH as PREVIEW_CHART_WIDTH
from site_builder.charts.preview import preview_request
from site_builder.charts.spec import ChartDrawing, ChartSpec
from site_builder.checks.run import Sources
from site_builder.model.urls import SEARCH_SLUG, output_path, relative_url
from site_builder.pages.context_types import PageContext
from site_builder.pages.contexts import page_context
from site_builder.pages.discovery import is_listed, link, page_meta, robots, sitemap
from site_builder.pages.embed import chart_csv, chart_json, oembed_json, standalone_svg
from site_builder.pages.feeds import atom_feed
from site_builder.pages.opendata import open_data_files
from site_builder.pages.plan import PagePlan, SitePlan, layout_key
from site_builder.pages.theme import static_files
from site_builder.sources.i18n import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, other_language


def render_page(env: Environment, page: PagePlan, own: PageContext, svgs: dict[str, ChartDrawing],
                base_url: str) -> str:
    """The page's HTML. `own`: its context (contexts.page_context); `svgs`: each of its charts' drawing, by dom id."""
    lang, slug, path = page.lang, page.slug, page.path
    # A host serves the 404 page at whatever address was asked for, so its links are absolute when
    # base_url is known (relative links only work from the language folder itself).
    not_found = page.kind == "not_found"
    links_from_base = bool(base_url) and not_found

    def url(target_slug: str, target_lang: str | None = lang) -> str:
        target = output_path(target_lang, target_slug)
        return link(base_url, path, target) if links_from_base else relative_url(path, target)

    def asset(name: str) -> str:
        return base_url + f"assets/{name}" if links_from_base else relative_url(path, f"assets/{name}")

    def relative(file: str) -> str:
        return relative_url(path, file)

    page_lang = lang or DEFAULT_LANGUAGE
    context: dict[str, Any] = {
        "lang": page_lang,
        "html_lang": HTML_LANG[page_lang],
        "other_lang": other_language(page_lang),
        "slug": slug,
        "url": url,
        "asset": asset,
        "relative": relative,
        "base_url": base_url,
        "alternates": [{"lang": HTML_LANG[code], "href": url(slug, code)} for code in LANGUAGES] if lang else [],
        "switch_url": url(slug, other_language(page_lang)) if lang else "",
        "root_url": relative_url(path, "index.html"),
        "indexed": not not_found and slug != SEARCH_SLUG,
        "preview_alt": "",
        "json_ld": None,
        "updated": "",
        "updated_iso": "",
        **own,
        "page_title": page.title,
        "preview_image": page.preview.path if page.preview else "",  # a build-root path: assets/preview/…png
        "svgs": svgs,
        "has_charts": bool(page.charts),
    }
    if page.oembed_url:
        context["oembed_url"] = page.oembed_url
    context.update(page_meta(path, page_lang, base_url, context["preview_image"]))
    if not_found:
        context["canonical"] = ""  # a 404 page has no address of its own
    if page.kind == "redirect":  # its address is the page it sends the reader to
        context["canonical"] = link(base_url, path, output_path(lang, page.subject))
    if context["json_ld"] and base_url:
        context["json_ld"] = {**context["json_ld"], "url": context["canonical"]}
    return env.get_template(page.template).render(context)


class _Undrawn:
    """The drawings of a check, which draws nothing: every chart's SVG is empty."""

    def svg(self, key: str) -> str:
        return ""


UNDRAWN = _Undrawn()


def render_outputs(
    plan: SitePlan, sources: Sources, env: Environment, drawings: Drawings | _Undrawn, images: ImageJob | None
) -> Iterator[tuple[str, str | bytes]]:
    """Each planned page as HTML (str), in the plan's order, as soon as its charts are drawn, with
    the files that go with it (an embed page's downloads, as bytes). Each page's preview image is handed
    to `images` as soon as its chart is drawn."""
    base_url = sources.config.base_url
    for page in plan.pages:
        lang = page.lang or DEFAULT_LANGUAGE
        svgs = {spec.dom_id: drawing_of(drawings, lang, spec) for spec in page.drawn}
        context = page_context(page, plan, sources.pages, sources.strings)
        yield page.path, render_page(env, page, context, svgs, base_url)
        if page.kind == "embed":
            files = embed_files(page, plan, svgs, base_url)
            yield from files.items()
            # The first plan year's embeds also answer at their old address (a redirect page), and the
            # downloads a journalist linked to are there as they were.
            old = page.path.removeprefix(f"{page.lang}/").removeprefix(page.prefix)
            if plan.redirects.get(f"{page.lang}/{old}") == page.slug:
                folder = page.path.removesuffix("index.html")
                yield from ((f"{page.lang}/{old.removesuffix('index.html')}{name.removeprefix(folder)}", content)
                            for name, content in files.items())
        if page.preview is not None and images is not None:
            preview = page.preview
            drawing = svgs.get(preview.spec.dom_id) or drawing_of(drawings, preview.lang, preview.spec)
            chart_svg = drawing.nearest(PREVIEW_CHART_WIDTH)
            images.submit(preview_request(preview.path, chart_svg, preview.site_title, preview.title, preview.lang))


def drawing_of(drawings: Drawings | _Undrawn, lang: str, spec: ChartSpec) -> ChartDrawing:
    """A chart's drawings in each of its layouts."""
    return ChartDrawing(tuple((layout, drawings.svg(layout_key(lang, spec, layout))) for layout in spec.drawn_layouts))


def embed_file_paths(page: PagePlan, base_url: str) -> list[str]:
    folder = page.path.removesuffix("index.html")
    return [folder + name for name in ("data.csv", "data.json", "chart.svg", *(("oembed.json",) if base_url else ()))]


def embed_files(page: PagePlan, plan: SitePlan, svgs: dict[str, ChartDrawing], base_url: str) -> dict[str, bytes]:
    """An embed page's downloads: its chart's data as CSV and JSON, the drawing as an SVG file, and with
    base_url, the oEmbed answer."""
    spec = page.charts[0]
    view = plan.view(page)
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


def site_files(sources: Sources, paths: list[str], redirects: Collection[str] = ()) -> dict[str, bytes]:
    """Files made from the data besides pages and charts: the open data, the Atom feed of each language,
    robots.txt, and sitemap.xml when base_url says where the site lives (paths: every page's path)."""
    config, strings = sources.config, sources.strings
    plans = [year.data for year in sources.years]  # every plan year, oldest first
    files = open_data_files(plans, strings)
    files |= {f"{lang}/feed.xml": atom_feed(plans, strings[lang], lang, config.base_url) for lang in LANGUAGES}
    files["robots.txt"] = robots(config.base_url)
    if config.base_url:
        files["sitemap.xml"] = sitemap([p for p in paths if is_listed(p) and p not in redirects], config.base_url)
    return files


def asset_copies(sources: Sources) -> dict[str, Path]:
    copies = {f"assets/{rel}": path for rel, path in static_files(sources.theme_dirs).items()}
    copies["assets/vendor/echarts.min.js"] = sources.echarts
    licence = sources.echarts.parent.parent / "LICENSE"
    if licence.is_file():
        copies["assets/vendor/echarts.LICENSE.txt"] = licence
    return copies
