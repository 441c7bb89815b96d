"""Stage 3, the plan of the site, from the model alone: every page, the charts it shows, its preview.

Nothing is rendered here. The plan says which pages exist (their template, language, output path and
title), which charts each one shows (made here, once, as ECharts options), the link-preview image of
each page (its main chart, or the home page's status chart when it has none) and the embed page of
every chart. The charts are drawn next (stage 4); the pages' contexts (stage 5) get the same charts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from site_builder.charts.node import ChartRequest
from site_builder.charts.spec import ChartSpec, Layout
from site_builder.model.urls import (
    HOME_SLUG,
    INDICATORS_SLUG,
    METHODOLOGY_SLUG,
    SEARCH_SLUG,
    area_slug,
    indicator_slug,
    output_path,
)
from site_builder.pages.embed import embed_slug
from site_builder.pages.view import SiteView
from site_builder.sources.content import Page
from site_builder.sources.i18n import DEFAULT_LANGUAGE, LANGUAGES, Strings
from site_builder.sources.schema import Area, Indicator, TargetsFile


@dataclass(frozen=True)
class Preview:
    """A page's link-preview image: where it goes and the chart it shows."""

    path: str  # relative to the build folder
    lang: str
    spec: ChartSpec
    title: str
    site_title: str


@dataclass(frozen=True)
class PagePlan:
    """One page to render."""

    template: str
    kind: str  # entry, home, area, indicators, indicator, methodology, search, not_found, embed
    lang: str | None  # None: the entry page, above the languages
    slug: str
    path: str  # output path, relative to the build folder
    title: str
    subject: str = ""  # what the page is about: an area's or an indicator's id, or an embed's chart
    # The charts drawn on the page, in order (the first one with options is its main chart).
    charts: tuple[ChartSpec, ...] = ()
    preview: Preview | None = None
    oembed_url: str = ""  # with base_url: the oEmbed answer for the page's main chart

    @property
    def drawn(self) -> tuple[ChartSpec, ...]:
        """The charts that have something to draw."""
        return tuple(spec for spec in self.charts if spec.options)


@dataclass
class SitePlan:
    pages: list[PagePlan]  # in the order they are rendered: the entry page, then one language after the other
    views: dict[str, SiteView]  # each language's view of the data, holding every chart made
    # Every page the site has besides chart embeds, planned here or not (for the sitemap and for finding
    # pages that are gone): an embed is planned only with a page that shows its chart.
    paths: list[str] = field(default_factory=list)

    def charts(self) -> list[tuple[str, ChartSpec]]:
        """Every chart to draw, once each, by language, in the order the pages show them; then the
        charts that only previews show."""
        seen: dict[tuple[str, str], ChartSpec] = {}
        for page in self.pages:
            for spec in page.drawn:
                seen.setdefault((page.lang or DEFAULT_LANGUAGE, spec.dom_id), spec)
        for page in self.pages:
            if page.preview is not None:
                seen.setdefault((page.preview.lang, page.preview.spec.dom_id), page.preview.spec)
        return [(lang, spec) for (lang, _), spec in seen.items()]

    def chart_requests(self) -> list[ChartRequest]:
        """What Node is asked to draw: every chart in each of its layouts, by its key (layout_key), in order."""
        return [
            ChartRequest(layout_key(lang, spec, layout), spec.options.text if spec.options else "{}", layout.width,
                         layout.height, lang.upper(), layout.patch.text if layout.patch else "")
            for lang, spec in self.charts()
            for layout in spec.drawn_layouts
        ]

    def images_text(self) -> list[str]:
        """What the preview images write besides their charts, for cutting their fonts to size."""
        return [page.preview.title + page.preview.site_title for page in self.pages if page.preview]


def chart_key(lang: str, spec: ChartSpec) -> str:
    """A chart's name among a site's drawings: its language and its id."""
    return f"{lang}/{spec.dom_id}"


def layout_key(lang: str, spec: ChartSpec, layout: Layout) -> str:
    """One layout's drawing among a site's drawings: the chart's key and the layout's width."""
    return f"{chart_key(lang, spec)}@{layout.width}"


def preview_path(lang: str | None, slug: str) -> str:
    return f"assets/preview/{lang or 'root'}/{slug or 'index'}.png"


def plan_site(
    data: TargetsFile,
    pages: dict[tuple[str, str], Page],
    strings: dict[str, Strings],
    base_url: str = "",
    wanted: Callable[[str], bool] = lambda path: True,
) -> SitePlan:
    """The pages `wanted(output path)` accepts (all of them for a build; the preview server's partial
    rebuilds ask for a few), each with its charts, and the embed page of each of their charts."""
    plan = SitePlan([], {})

    def add(page: PagePlan) -> None:
        plan.paths.append(page.path)
        if wanted(page.path):
            plan.pages.append(page)

    add(PagePlan("entry.html", "entry", None, HOME_SLUG, output_path(None, HOME_SLUG), data.plan.title.zh))
    for lang in LANGUAGES:
        view = plan.views[lang] = SiteView(data, strings[lang], lang)
        for page in _language_pages(view, pages, wanted):
            add(page)
    # A chart's embed page: one per chart of the pages planned, in each language, after its pages.
    for lang, spec in plan.charts():
        slug = embed_slug(spec)
        path = output_path(lang, slug)
        if wanted(path):
            plan.pages.append(PagePlan("embed.html", "embed", lang, slug, path, spec.title, spec.dom_id, (spec,)))
    plan.pages.sort(key=lambda page: -1 if page.lang is None else LANGUAGES.index(page.lang))
    plan.pages = [_with_preview(page, plan.views, data, base_url) for page in plan.pages]
    return plan


def _language_pages(
    view: SiteView, pages: dict[tuple[str, str], Page], wanted: Callable[[str], bool]
) -> list[PagePlan]:
    """A language's pages; the charts of each are made only if the page is wanted."""
    lang, data, t = view.lang, view.data, view.t
    planned: list[PagePlan] = []

    def page(template: str, kind: str, slug: str, title: str, subject: str, charts: Callable[[], list[ChartSpec]],
             path: str = "") -> None:
        path = path or output_path(lang, slug)
        drawn = tuple(charts()) if wanted(path) else ()
        planned.append(PagePlan(template, kind, lang, slug, path, title, subject, drawn))

    home = pages.get((lang, HOME_SLUG))
    page("home.html", "home", HOME_SLUG, home.title if home else data.plan.title.get(lang), "",
         lambda: [view.home_status_chart(), view.reporting_chart(), *commentary_charts(view, home)])
    for area in data.areas:
        commentary = pages.get((lang, area_slug(area.id)))
        page("area.html", "area", area_slug(area.id), commentary.title if commentary else area.title.get(lang), area.id,
             lambda area=area, commentary=commentary: area_charts(view, area, commentary))  # type: ignore[misc]
    page("indicators.html", "indicators", INDICATORS_SLUG, t("indicators.title"), "",
         lambda: [view.category_chart(c) for c in data.categories if view.charted(c)])
    for indicator in data.indicators:
        page("indicator.html", "indicator", indicator_slug(indicator.id), indicator.name.get(lang), indicator.id,
             lambda indicator=indicator: view.charts(indicator.id))  # type: ignore[misc]
    # How the site judges a target, in words: no chart of its own (its preview is the home page's chart).
    page("methodology.html", "methodology", METHODOLOGY_SLUG, t("methodology.title"), "", list)
    page("search.html", "search", SEARCH_SLUG, t("search.title"), "", list)
    page("404.html", "not_found", "", t("not_found.title"), "", list, path=f"{lang}/404.html")
    return planned


def commentary_charts(view: SiteView, page: Page | None) -> list[ChartSpec]:
    """The charts an editor placed in a page's commentary with chart blocks, in order."""
    return [spec for ref in (page.charts if page else []) for spec in view.charts(ref.indicator)]


def area_charts(view: SiteView, area: Area, page: Page | None) -> list[ChartSpec]:
    """An area page's charts: its status overview, those its commentary places, then those of its
    indicators that the commentary does not place."""
    placed = {ref.indicator for ref in (page.charts if page else [])}
    members: list[Indicator] = [view.indicators[i] for i in area.indicators]
    rest = [spec for i in members if i.id not in placed for spec in view.charts(i.id)]
    return [view.area_status_chart(area), *commentary_charts(view, page), *rest]


def _with_preview(page: PagePlan, views: dict[str, SiteView], data: TargetsFile, base_url: str) -> PagePlan:
    """The page's preview image and oEmbed address. A 404 page has neither (nobody shares a missing page);
    an embed page has no preview of its own (it is shown inside other pages, not shared)."""
    if page.kind == "not_found":
        return page
    lang = page.lang or DEFAULT_LANGUAGE
    main = page.drawn[0] if page.drawn else None
    oembed_url = ""
    if main is not None and base_url:
        # oEmbed discovery: a content system given this page's address embeds its main chart.
        oembed_url = base_url + output_path(lang, embed_slug(main)).removesuffix("index.html") + "oembed.json"
    preview = None
    if page.kind != "embed":
        shown = main or views[lang].home_status_chart()
        preview = Preview(preview_path(page.lang, page.slug), lang, shown, page.title, data.plan.short_title.get(lang))
    return PagePlan(page.template, page.kind, page.lang, page.slug, page.path, page.title, page.subject, page.charts,
                    preview, oembed_url)
