"""Stage 3, the plan of the site, from the model alone: every page, the charts it shows, its preview.

Nothing is rendered here. The plan says which pages exist (their template, language, output path and
title), which charts each one shows (made here, once, as ECharts options), the link-preview image of
each page (its main chart, or the home page's status chart when it has none) and the embed page of
every chart. The charts are drawn next (stage 4); the pages' contexts (stage 5) get the same charts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from site_builder.charts.node import ChartRequest
from site_builder.charts.spec import ChartSpec, Layout
from site_builder.checks.run import PlanYear
from site_builder.model.urls import (
    HOME_SLUG,
    INDICATORS_SLUG,
    METHODOLOGY_SLUG,
    SEARCH_SLUG,
    TRACK_RECORD_SLUG,
    area_slug,
    indicator_slug,
    output_path,
)
from site_builder.pages.embed import embed_slug
from site_builder.pages.track_view import TrackRecord, TrackView
from site_builder.pages.view import SiteView
from site_builder.sources.content import Page
from site_builder.sources.i18n import DEFAULT_LANGUAGE, LANGUAGES, Strings
from site_builder.sources.schema import Area, Indicator


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
    # The plan year whose view makes the page ("" in a one-year site, else "2021/"); site-wide pages are
    # made by the latest year's.
    prefix: str = ""

    @property
    def drawn(self) -> tuple[ChartSpec, ...]:
        """The charts that have something to draw."""
        return tuple(spec for spec in self.charts if spec.options)


@dataclass
class SitePlan:
    pages: list[PagePlan]  # in the order they are rendered: the entry page, then one language after the other
    # Each language's view of each plan year's data (by language and year folder), holding every chart made.
    views: dict[tuple[str, str], SiteView]
    # Every page the site has besides chart embeds, planned here or not (for the sitemap and for finding
    # pages that are gone): an embed is planned only with a page that shows its chart.
    paths: list[str] = field(default_factory=list)
    # Each language's track record (a site of several years; empty tracks in a one-year site).
    tracks: dict[str, TrackView] = field(default_factory=dict)
    # Pages that only send the reader on (a site of several years keeps its first year's old addresses):
    # each one's output path, and the slug of the page it sends the reader to.
    redirects: dict[str, str] = field(default_factory=dict)

    def view(self, page: PagePlan) -> SiteView:
        return self.views[(page.lang or DEFAULT_LANGUAGE, page.prefix)]

    def charts(self) -> list[tuple[str, ChartSpec]]:
        """Every chart to draw, once each, by language, in the order the pages show them; then the
        charts that only previews show."""
        seen: dict[tuple[str, str], ChartSpec] = {}
        for page in self.pages:
            for spec in page.drawn:
                seen.setdefault((page.lang or DEFAULT_LANGUAGE, spec.folder + spec.dom_id), spec)
        for page in self.pages:
            if page.preview is not None:
                spec = page.preview.spec
                seen.setdefault((page.preview.lang, spec.folder + spec.dom_id), spec)
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
    """A chart's name among a site's drawings: its language, its folder (a plan year's) and its id."""
    return f"{lang}/{spec.folder}{spec.dom_id}"


def layout_key(lang: str, spec: ChartSpec, layout: Layout) -> str:
    """One layout's drawing among a site's drawings: the chart's key and the layout's width."""
    return f"{chart_key(lang, spec)}@{layout.width}"


def preview_path(lang: str | None, slug: str) -> str:
    return f"assets/preview/{lang or 'root'}/{slug or 'index'}.png"


def plan_site(
    years: Sequence[PlanYear],
    pages: dict[tuple[str, str], Page],
    strings: dict[str, Strings],
    base_url: str = "",
    wanted: Callable[[str], bool] = lambda path: True,
) -> SitePlan:
    """The pages `wanted(output path)` accepts (all of them for a build; the preview server's partial
    rebuilds ask for a few), each with its charts, and the embed page of each of their charts. Each plan
    year's pages are in its year's folder (none in a one-year site); the site-wide pages are made from the
    latest year's plan."""
    plan = SitePlan([], {})
    latest, first = years[-1], years[0]

    def add(page: PagePlan) -> None:
        plan.paths.append(page.path)
        if page.kind == "redirect":
            plan.redirects[page.path] = page.subject
        if wanted(page.path):
            plan.pages.append(page)

    add(PagePlan("entry.html", "entry", None, HOME_SLUG, output_path(None, HOME_SLUG), latest.data.plan.title.zh,
                 prefix=latest.prefix))
    plans = {y.year: y.data for y in years}
    record = TrackRecord.of(plans, {y.year: y.prefix for y in years})
    for lang in LANGUAGES:
        plan.tracks[lang] = TrackView(record, strings[lang], lang)
        for year in years:
            view = plan.views[(lang, year.prefix)] = SiteView(year.data, strings[lang], lang, year.prefix, plans,
                                                              plan.tracks[lang].dates)
            for page in _year_pages(view, plan.tracks[lang], year.home_slug, pages, wanted):
                add(page)
        for page in _site_pages(plan.views[(lang, latest.prefix)], latest.home_slug, pages, wanted):
            add(page)
        if len(years) > 1:
            for page in _redirects(plan.views[(lang, first.prefix)]):
                add(page)
    # A chart's embed page: one per chart of the pages planned, in each language, after its pages.
    for lang, spec in plan.charts():
        slug = embed_slug(spec)
        path = output_path(lang, slug)
        # A chart across the years is shown with the latest year's words about the site.
        prefix = spec.folder if (lang, spec.folder) in plan.views else latest.prefix
        embed = PagePlan("embed.html", "embed", lang, slug, path, spec.title, spec.dom_id, (spec,), prefix=prefix)
        if len(years) > 1 and spec.folder == first.prefix:  # its address before the site had several years
            old = slug.removeprefix(first.prefix)
            add(PagePlan("redirect.html", "redirect", lang, old, output_path(lang, old), spec.title, slug,
                         prefix=first.prefix))
        if wanted(path):
            plan.pages.append(embed)
    plan.pages.sort(key=lambda page: -1 if page.lang is None else LANGUAGES.index(page.lang))
    plan.pages = [_with_preview(page, plan, base_url) for page in plan.pages]
    return plan


def _year_pages(
    view: SiteView, tracks: TrackView, home_slug: str, pages: dict[tuple[str, str], Page],
    wanted: Callable[[str], bool],
) -> list[PagePlan]:
    """A plan year's pages in one language (its home, areas, main targets); the charts of each are made only
    if the page is wanted."""
    lang, data, prefix = view.lang, view.data, view.prefix
    planned: list[PagePlan] = []

    def page(template: str, kind: str, slug: str, title: str, subject: str, charts: Callable[[], list[ChartSpec]],
             path: str = "") -> None:
        path = path or output_path(lang, slug)
        drawn = tuple(charts()) if wanted(path) else ()
        planned.append(PagePlan(template, kind, lang, slug, path, title, subject, drawn, prefix=prefix))

    home = pages.get((lang, home_slug))
    page("home.html", "home", home_slug, home.title if home else data.plan.title.get(lang), "",
         lambda: home_charts(view, home))
    for area in data.areas:
        commentary = pages.get((lang, prefix + area_slug(area.id)))
        page("area.html", "area", prefix + area_slug(area.id), commentary.title if commentary else area.title.get(lang),
             area.id, lambda area=area, commentary=commentary: area_charts(view, area, commentary))  # type: ignore[misc]
    page("indicators.html", "indicators", prefix + INDICATORS_SLUG, view.t("indicators.title"), "",
         lambda: [view.category_chart(c) for c in data.categories if view.charted(c)])
    for indicator in data.indicators:
        page("indicator.html", "indicator", prefix + indicator_slug(indicator.id), indicator.name.get(lang),
             indicator.id, lambda indicator=indicator: [  # type: ignore[misc]
                 *view.charts(indicator.id), *tracks.charts_of_indicator(data.plan.year, indicator.id)])
    return planned


def _site_pages(
    view: SiteView, home_slug: str, pages: dict[tuple[str, str], Page], wanted: Callable[[str], bool]
) -> list[PagePlan]:
    """The pages of the whole site, made from the latest year's view: in a site of several years, its home
    page (the latest year's, with links to the others); in every site, how verdicts are made, search, 404."""
    lang, t, prefix = view.lang, view.t, view.prefix
    planned: list[PagePlan] = []
    if prefix:
        home = pages.get((lang, home_slug))
        path = output_path(lang, HOME_SLUG)
        planned.append(PagePlan("home.html", "home", lang, HOME_SLUG, path,
                                home.title if home else view.data.plan.title.get(lang), "",
                                tuple(home_charts(view, home)) if wanted(path) else (), prefix=prefix))
        planned.append(PagePlan("track-record.html", "track_record", lang, TRACK_RECORD_SLUG,
                                output_path(lang, TRACK_RECORD_SLUG), t("track.title"), prefix=prefix))
    # How the site judges a target, in words: no chart of its own (its preview is the home page's chart).
    for template, kind, slug, title in (("methodology.html", "methodology", METHODOLOGY_SLUG, t("methodology.title")),
                                        ("search.html", "search", SEARCH_SLUG, t("search.title"))):
        planned.append(PagePlan(template, kind, lang, slug, output_path(lang, slug), title, prefix=prefix))
    planned.append(PagePlan("404.html", "not_found", lang, "", f"{lang}/404.html", t("not_found.title"), prefix=prefix))
    return planned


def _redirects(view: SiteView) -> list[PagePlan]:
    """The first plan year's pages at the addresses they had before the site held several years (its
    embeds are added with them, in plan_site): each sends the reader to the page's address in its year."""
    lang, prefix, data = view.lang, view.prefix, view.data
    moved = [(area_slug(a.id), a.title.get(lang)) for a in data.areas]
    moved.append((INDICATORS_SLUG, view.t("indicators.title")))
    moved += [(indicator_slug(i.id), i.name.get(lang)) for i in data.indicators]
    return [PagePlan("redirect.html", "redirect", lang, old, output_path(lang, old), title, prefix + old, prefix=prefix)
            for old, title in moved]


def home_charts(view: SiteView, home: Page | None) -> list[ChartSpec]:
    return [view.home_status_chart(), view.reporting_chart(), *commentary_charts(view, home)]


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


def _with_preview(page: PagePlan, plan: SitePlan, base_url: str) -> PagePlan:
    """The page's preview image and oEmbed address. A 404 page has neither (nobody shares a missing page),
    nor has a redirect; an embed page has no preview of its own (it is shown inside other pages, not shared)."""
    if page.kind in ("not_found", "redirect"):
        return page
    lang = page.lang or DEFAULT_LANGUAGE
    main = page.drawn[0] if page.drawn else None
    oembed_url = ""
    if main is not None and base_url:
        # oEmbed discovery: a content system given this page's address embeds its main chart.
        oembed_url = base_url + output_path(lang, embed_slug(main)).removesuffix("index.html") + "oembed.json"
    preview = None
    if page.kind != "embed":
        view = plan.views[(lang, page.prefix)]
        shown = main or view.home_status_chart()
        preview = Preview(preview_path(page.lang, page.slug), lang, shown, page.title,
                          view.data.plan.short_title.get(lang))
    return replace(page, preview=preview, oembed_url=oembed_url)
