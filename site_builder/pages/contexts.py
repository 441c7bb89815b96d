"""Turns the validated data and commentary into pages: plain data for templates, HTML out.

Templates never see pydantic models or Markdown objects, only dicts, strings and ChartSpecs, so a
theme author can read every context in one place: the `*_context` functions below. Rendering runs in
two steps: every page's context is built once to make its charts (each handed to the renderer as it
is made) and learn its preview, and dropped; then, page by page, the context is built again (its
charts are kept, so this is cheap) and the template runs, once the page's own charts' SVGs are ready.
Holding every context of a large plan at once would cost more memory than the rest of the build.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from jinja2 import Environment
from markupsafe import Markup

from site_builder.charts.options import ChartSpec, category_chart, charts_for_indicator, reporting_chart, status_count_chart
from site_builder.sources.content import PLACEHOLDER_HTML, Page
from site_builder.pages.discovery import dataset_json_ld, link, page_meta
from site_builder.pages.embed import chart_csv, chart_json, embed_slug, oembed_json, standalone_svg
from site_builder.sources.i18n import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, Strings, format_date, format_quantity, other_language
from site_builder.sources.schema import Area, Indicator, Target, TargetsFile
from site_builder.model.statements import evidence, target_rule, unit_of, verdict_line
from site_builder.model.status import Verdict, evaluate
from site_builder.pages.feeds import all_targets, latest_added
from site_builder.model.urls import HOME_SLUG, INDICATORS_SLUG, SEARCH_SLUG, area_slug, indicator_slug, output_path, relative_url
from site_builder.output.writer import Deferred, Payload

NAV_AREA_LIMIT = 40


@dataclass(frozen=True)
class Rendered:
    path: str  # output path, relative to the build folder
    html: str


@dataclass(frozen=True)
class PageJob:
    template: str
    lang: str | None
    slug: str
    make_context: Callable[[], dict]  # called once to make the page's charts, again to render it
    chosen: bool = True  # False: built only for what other pages take from it, not rendered
    path: str = ""  # for pages that are not a folder's index.html (the 404 pages)
    extra: dict = field(default_factory=dict)  # what render_site adds to the context: preview, oEmbed


@dataclass(frozen=True)
class Preview:
    """A page's link-preview image: where it goes and the chart it shows."""

    path: str  # relative to the build folder
    lang: str
    spec: ChartSpec
    title: str
    site_title: str


# Renders every chart to SVG (filling ChartSpec.svg) and returns the preview PNGs by path (read when written).
ChartRenderer = Callable[[list[tuple[str, ChartSpec]], list[Preview]], dict[str, Payload]]


@dataclass(frozen=True)
class RenderedSite:
    # Rendered one at a time as the writer asks for them, so a large site's HTML is never all in memory.
    pages: Iterator[Rendered]
    files: dict[str, Payload]  # other generated files: downloads, and images (read when written)
    paths: list[str]  # every page's output path, known before any is rendered (for the sitemap)


def preview_path(lang: str | None, slug: str) -> str:
    return f"assets/preview/{lang or 'root'}/{slug or 'index'}.png"


class SiteView:
    """Read-only helpers over the data in one language, shared by every page of that language."""

    def __init__(
        self, data: TargetsFile, strings: Strings, lang: str, on_chart: Callable[[str, ChartSpec], None] | None = None
    ) -> None:
        self.data = data
        self.on_chart = on_chart  # told of each new chart at once, so its rendering can start
        self.t = strings
        self.lang = lang
        self.indicators = {i.id: i for i in data.indicators}
        self.sources = {s.id: s for s in data.sources}
        self.areas_showing: dict[str, list[Area]] = {}  # indicator id -> the areas that list it
        for area in data.areas:
            for indicator_id in dict.fromkeys(area.indicators):
                self.areas_showing.setdefault(indicator_id, []).append(area)
        self.charts_made: dict[str, ChartSpec] = {}
        self._indicator_charts: dict[str, list[ChartSpec]] = {}
        # The day each chart's data was last updated, from the targets it shows.
        self._chart_dates: dict[str, dt.date] = {}

    def chart(self, dom_id: str, make: Callable[[], ChartSpec], shows: Iterable[Target] = ()) -> ChartSpec:
        """The chart `dom_id`, made the first time a page asks for it (a context is built twice)."""
        return self.charts_made.get(dom_id) or self.keep(make(), shows)

    def keep(self, spec: ChartSpec, shows: Iterable[Target] = ()) -> ChartSpec:
        if spec.dom_id not in self.charts_made and spec.options and self.on_chart is not None:
            self.on_chart(self.lang, spec)
        self.charts_made.setdefault(spec.dom_id, spec)
        self._chart_dates.setdefault(spec.dom_id, latest_added(shows, self.data.plan.published))
        return self.charts_made[spec.dom_id]

    def charts(self, indicator_id: str) -> list[ChartSpec]:
        if indicator_id not in self._indicator_charts:
            indicator = self.indicators[indicator_id]
            made = charts_for_indicator(indicator, self.data, self.t, self.lang)
            self._indicator_charts[indicator_id] = [
                self.keep(spec, shows=[target, *self.reference_targets(target)]) for target, spec in zip(indicator.targets, made)
            ]
        return self._indicator_charts[indicator_id]

    def reference_targets(self, target: Target) -> tuple[Target, ...]:
        return self.indicators[target.reference].targets if target.reference else ()

    def updated(self, targets: Iterable[Target]) -> dict:
        """"Last updated" for what a page shows: its newest outcome's `added`, else the plan's date."""
        return self._date(latest_added(targets, self.data.plan.published))

    def chart_updated(self, spec: ChartSpec) -> dict:
        return self._date(self._chart_dates.get(spec.dom_id) or latest_added(all_targets(self.data), self.data.plan.published))

    def _date(self, day: dt.date) -> dict:
        return {"updated": format_date(day, self.lang), "updated_iso": day.isoformat()}

    def chart_credit(self, spec: ChartSpec) -> str:
        """The line under a chart that travels without the site: the site, the chart's sources, the licence."""
        sources = [self.source(s)["title"] for s in spec.sources]
        licence = self.data.plan.licence
        return self.t("embed.credit", site=self.data.plan.short_title.get(self.lang)) + (
            f" · {', '.join(sources)}" if sources else ""
        ) + (f" · {licence.id}" if licence else "")

    def source(self, source_id: str) -> dict:
        source = self.sources[source_id]
        return {
            "id": source.id,
            "title": source.title.get(self.lang),
            "publisher": source.publisher.get(self.lang),
            "date": format_date(source.date, self.lang),
            "url": source.url,
            "official": source.official,
            "reproduction": source.reproduction,
            "note": source.note.get(self.lang) if source.note else "",
        }

    def target(self, target: Target, direction: str, unit_id: str | None) -> dict:
        verdict = evaluate(target, direction, self.data)  # type: ignore[arg-type]
        return {
            "id": target.id,
            "label": target.label.get(self.lang) if target.label else "",
            "rule": target_rule(target, self.data, self.t, self.lang),
            "kind": target.kind,
            "status": verdict.status,
            "status_label": self.t(f"status.{verdict.status}"),
            "verdict": verdict_line(target, verdict, self.data, self.t, self.lang, unit_id),
            # The same line without the status words, for places that show the status as a badge.
            "evidence": self.t("verdict.separator").join(evidence(target, verdict, self.data, self.t, self.lang, unit_id))
            + (self.t("verdict.reason", reason=self.t(f"reason.{verdict.reason}")) if verdict.reason else ""),
            "wording": target.wording.get(self.lang) if target.wording else "",
            "note": target.note.get(self.lang) if target.note else "",
            "outcomes": [
                {
                    "period": self.t(f"period.{o.period}", year=o.year),
                    "value": format_quantity(o.value, unit_of(target, self.data, unit_id), self.lang),
                    "source": self.source(o.source),
                    "close": o.comparability == "close",
                    "basis": o.basis.get(self.lang) if o.basis else "",
                    "note": o.note.get(self.lang) if o.note else "",
                }
                for o in target.outcomes
            ],
        }

    def indicator(self, indicator: Indicator) -> dict:
        category = next(c for c in self.data.categories if c.id == indicator.category)
        group = next((g for g in category.groups if g.id == indicator.group), None)
        targets = [self.target(t, indicator.direction, indicator.unit) for t in indicator.targets]
        return {
            "id": indicator.id,
            "slug": indicator_slug(indicator.id),
            "name": indicator.name.get(self.lang),
            "category": category.name.get(self.lang),
            "group": group.name.get(self.lang) if group else "",
            "direction": self.t(f"direction.{indicator.direction}"),
            "target_text": indicator.target_text.get(self.lang),
            "targets": targets,
            "reported": any(t["outcomes"] for t in targets),
            "definition": indicator.definition.get(self.lang) if indicator.definition else "",
            "note": indicator.note.get(self.lang) if indicator.note else "",
        }

    def verdicts_of(self, indicators: list[Indicator]) -> list[Verdict]:
        return [evaluate(t, i.direction, self.data) for i in indicators for t in i.targets]


def render_site(
    data: TargetsFile,
    pages: dict[tuple[str, str], Page],
    strings: dict[str, Strings],
    env: Environment,
    render_charts: ChartRenderer,
    wanted: Callable[[str], bool] = lambda path: True,
    on_chart: Callable[[str, ChartSpec], None] | None = None,
) -> RenderedSite:
    """Every page of the site, in a fixed order, as HTML strings (nothing is written here).

    on_chart(lang, spec) hears of each chart as soon as a page's context makes it, before
    render_charts() gets them all: the build starts rendering charts while it builds the other contexts.

    `wanted(output path)` is asked once for every page; only the pages it accepts are built (the
    preview server's partial rebuilds). The home pages' contexts are built regardless: their status
    chart is the preview image of pages without a chart of their own.
    """
    jobs: list[PageJob] = []

    def add(template: str, lang: str | None, slug: str, make: Callable[[], dict], always: bool = False) -> None:
        chosen = wanted(output_path(lang, slug))
        if chosen or always:
            jobs.append(PageJob(template, lang, slug, make, chosen))

    # partial(), not lambda: the contexts are built after these loops have moved on.
    add("entry.html", None, HOME_SLUG, functools.partial(_entry_context, data, strings))
    views = []
    for lang in LANGUAGES:
        view = SiteView(data, strings[lang], lang, on_chart)
        views.append(view)
        add("home.html", lang, HOME_SLUG, functools.partial(_home_context, view, pages.get((lang, HOME_SLUG))), always=True)
        for area in data.areas:
            page = pages.get((lang, area_slug(area.id)))
            add("area.html", lang, area_slug(area.id), functools.partial(_area_context, view, area, page))
        add("indicators.html", lang, INDICATORS_SLUG, functools.partial(_indicators_context, view))
        for indicator in data.indicators:
            add("indicator.html", lang, indicator_slug(indicator.id), functools.partial(_indicator_context, view, indicator))
        add("search.html", lang, SEARCH_SLUG, functools.partial(_utility_context, view, "search"))
    # A host serves the 404 page at whatever address was asked for, so its links are absolute when
    # base_url is known (relative links only work from the language folder itself). No preview image:
    # nobody shares a missing page.
    not_found = [
        PageJob("404.html", v.lang, "", functools.partial(_utility_context, v, "not_found"), path=f"{v.lang}/404.html")
        for v in views
        if wanted(f"{v.lang}/404.html")
    ]
    # Each context once, to make its charts (Node starts on each at once) and find the page's preview
    # chart and title; the context itself is dropped until its page is rendered.
    mains: dict[int, tuple[ChartSpec | None, str]] = {}
    for job in jobs:
        context = job.make_context()
        main = next((c for c in context.get("charts_on_page", []) if isinstance(c, ChartSpec) and c.options), None)
        mains[id(job)] = (main, context["page_title"])
    jobs = [job for job in jobs if job.chosen]
    previews = []
    base_url = env.globals.get("base_url", "")
    for job in jobs:
        lang = job.lang or DEFAULT_LANGUAGE
        main, title = mains[id(job)]
        if main is not None and base_url:
            # oEmbed discovery: a content system given this page's address embeds its main chart.
            embed_folder = output_path(lang, embed_slug(main)).removesuffix("index.html")
            job.extra["oembed_url"] = base_url + embed_folder + "oembed.json"
        if main is None:
            # A page with no chart of its own (a target with no figure) shows its language's status overview.
            main = views[LANGUAGES.index(lang)].charts_made.get("chart-home-status")
        if main is not None:
            path = preview_path(job.lang, job.slug)
            job.extra["preview_image"] = path
            previews.append(Preview(path, lang, main, title, data.plan.short_title.get(lang)))
    del mains
    jobs.extend(not_found)
    charts = [(view.lang, spec) for view in views for spec in view.charts_made.values() if spec.options]
    embed_jobs = [
        PageJob("embed.html", lang, embed_slug(spec), functools.partial(_embed_context, views[LANGUAGES.index(lang)], spec))
        for lang, spec in charts
    ]
    files = render_charts(charts, previews)
    for job, (_, spec) in zip(embed_jobs, charts):
        folder = output_path(job.lang, job.slug).removesuffix("index.html")
        view = views[LANGUAGES.index(job.lang or DEFAULT_LANGUAGE)]
        titles = {s: view.source(s)["title"] for s in spec.sources}
        files[folder + "data.csv"] = chart_csv(spec)
        files[folder + "data.json"] = chart_json(spec, view.lang, titles)
        files[folder + "chart.svg"] = Deferred(functools.partial(standalone_svg, spec))  # once Node has drawn it
        if base_url:
            files[folder + "oembed.json"] = oembed_json(
                spec, base_url + folder, base_url, data.plan.short_title.get(view.lang), base_url + "assets/embed-resize.js"
            )
            job.extra["oembed_url"] = base_url + folder + "oembed.json"
    # One language after the other (the entry page first): once a language's pages are all written, its
    # search index can start while the next language renders.
    every = sorted([*jobs, *embed_jobs], key=lambda job: -1 if job.lang is None else LANGUAGES.index(job.lang))
    return RenderedSite(_render_all(env, every), files, [j.path or output_path(j.lang, j.slug) for j in every])


def _render_all(env: Environment, jobs: list[PageJob]) -> Iterator[Rendered]:
    for job in jobs:
        yield _render(env, job)


def _render(env: Environment, job: PageJob) -> Rendered:
    lang, slug = job.lang, job.slug
    path = job.path or output_path(lang, slug)
    # Set by build.py from site.toml; "" keeps every link relative.
    base_url: str = env.globals.get("base_url", "")
    not_found = path.endswith("404.html")
    links_from_base = bool(base_url) and not_found

    def url(target_slug: str, target_lang: str | None = lang) -> str:
        target = output_path(target_lang, target_slug)
        return link(base_url, path, target) if links_from_base else relative_url(path, target)

    def asset(name: str) -> str:
        return base_url + f"assets/{name}" if links_from_base else relative_url(path, f"assets/{name}")

    def relative(file: str) -> str:
        return relative_url(path, file)

    page_lang = lang or DEFAULT_LANGUAGE
    base = {
        "lang": page_lang,
        "html_lang": HTML_LANG[page_lang],
        "other_lang": other_language(page_lang),
        "slug": slug,
        "url": url,
        "asset": asset,
        "relative": relative,
        "alternates": [{"lang": HTML_LANG[code], "href": url(slug, code)} for code in LANGUAGES] if lang else [],
        "switch_url": url(slug, other_language(page_lang)) if lang else "",
        "root_url": relative_url(path, "index.html"),
        "indexed": not not_found and slug != SEARCH_SLUG,
        "preview_image": "",  # set by render_site: a build-root path such as "assets/preview/zh/areas/x.png"
        "preview_alt": "",
        "json_ld": None,
        "updated": "",
        "updated_iso": "",
    }
    own = job.make_context()
    context = {**base, **own, **job.extra}
    context["has_charts"] = bool(own.get("charts_on_page"))
    context.update(page_meta(path, page_lang, base_url, context["preview_image"]))
    if not_found:
        context["canonical"] = ""  # a 404 page has no address of its own
    if context["json_ld"] and base_url:
        context["json_ld"] = {**context["json_ld"], "url": context["canonical"]}
    return Rendered(path, env.get_template(job.template).render(context))


ALL_TABLES = ("areas", "commitments", "indicators", "targets", "outcomes", "sources")


def _common(view: SiteView, tables: tuple[str, ...] = ALL_TABLES) -> dict:
    plan = view.data.plan
    lang = view.lang
    return {
        "data_files": [f"data/{name}.csv" for name in tables] + ["data/datapackage.json"],
        "t": view.t,
        "source": view.source,
        "chart_credit": view.chart_credit,
        "chart_updated": view.chart_updated,
        "plan": {
            "title": plan.title.get(lang),
            "short_title": plan.short_title.get(lang),
            "issuer": plan.issuer.get(lang),
            "document_number": plan.document_number,
            "adopted": format_date(plan.adopted, lang),
            "published": format_date(plan.published, lang),
            "approved_by": plan.approved_by.get(lang),
            "source_url": plan.source_url,
            "year": plan.year,
        },
        # Every page's menu lists the areas only while the list stays short: a page's size must not grow
        # with the plan (MkDocs' per-page navigation makes a build quadratic), and a menu of hundreds of
        # areas helps nobody; past the limit, the menu links to the home page's list of areas.
        "nav_areas": [
            {"slug": area_slug(a.id), "number": a.number, "title": a.title.get(lang)} for a in view.data.areas
        ] if len(view.data.areas) <= NAV_AREA_LIMIT else [],
    }


def _entry_context(data: TargetsFile, strings: dict[str, Strings]) -> dict:
    updated = latest_added(all_targets(data), data.plan.published)
    return {
        "t": strings[DEFAULT_LANGUAGE],
        "strings": strings,
        "titles": {lang: data.plan.title.get(lang) for lang in LANGUAGES},
        "plan": {"short_title": data.plan.short_title.get(DEFAULT_LANGUAGE)},
        "updated_on": {lang: format_date(updated, lang) for lang in LANGUAGES},
        "updated_iso": updated.isoformat(),
        "page_title": data.plan.title.zh,
        "summary": data.plan.title.en,
    }


def _commentary(page: Page | None, view: SiteView) -> tuple[list[Markup | list[ChartSpec]], list[str]]:
    """The page's Markdown HTML split around its chart blocks: HTML, then charts, then HTML..."""
    if page is None:
        return [], []
    segments: list[Markup | list[ChartSpec]] = []
    placed: list[str] = []
    position = 0
    for match in PLACEHOLDER_HTML.finditer(page.html):
        segments.append(Markup(page.html[position : match.start()]))
        indicator_id = page.charts[int(match.group(1))].indicator
        placed.append(indicator_id)
        segments.append(view.charts(indicator_id))
        position = match.end()
    segments.append(Markup(page.html[position:]))
    return segments, placed


def _home_context(view: SiteView, page: Page | None) -> dict:
    data = view.data
    t = view.t
    commentary, placed = _commentary(page, view)
    indicators = [view.indicator(i) for i in data.indicators]
    indicator_targets = [target for i in data.indicators for target in i.targets]
    status_chart = view.chart(
        "chart-home-status",
        lambda: status_count_chart("chart-home-status", t("chart.home_title"), view.verdicts_of(list(data.indicators)), t,
                                   view.lang, t("chart.targets"), HOME_SLUG),
        shows=indicator_targets,
    )
    reporting = view.chart("chart-reporting", lambda: reporting_chart(data, t, view.lang), shows=indicator_targets)
    return {
        **_common(view),
        "page_title": page.title if page else data.plan.title.get(view.lang),
        "summary": page.summary if page else "",
        "commentary": commentary,
        "toc": page.toc if page else [],
        "status_charts": [status_chart, reporting],
        "charts_on_page": [status_chart, reporting, *placed],
        "areas": [
            {
                "slug": area_slug(a.id),
                "number": a.number,
                "title": a.title.get(view.lang),
                "commitments": len(a.commitments),
                "indicators": len(a.indicators),
            }
            for a in data.areas
        ],
        "categories": [
            {
                "id": c.id,
                "name": c.name.get(view.lang),
                "indicators": [i for i, x in zip(indicators, data.indicators) if x.category == c.id],
            }
            for c in data.categories
        ],
        "total_indicators": len(indicators),
        "reported_indicators": sum(1 for i in indicators if i["reported"]),
        **view.updated(all_targets(data)),
    }


def _area_context(view: SiteView, area: Area, page: Page | None) -> dict:
    commentary, placed = _commentary(page, view)
    members = [view.indicators[i] for i in area.indicators]
    indicators = []
    for indicator in members:
        shown = view.indicator(indicator)
        shown["charts"] = [] if indicator.id in placed else view.charts(indicator.id)
        shown["chart_in_commentary"] = indicator.id in placed
        indicators.append(shown)
    shown_targets = [*(t for c in area.commitments for t in c.targets), *(t for i in members for t in i.targets)]
    status_chart = view.chart(
        f"chart-area-{area.id}",
        lambda: status_count_chart(
            f"chart-area-{area.id}", view.t("chart.area_title"),
            [evaluate(t, t.direction or "higher", view.data) for c in area.commitments for t in c.targets]
            + view.verdicts_of(members),
            view.t, view.lang, view.t("chart.targets"), area_slug(area.id),
        ),
        shows=shown_targets,
    )
    return {
        **_common(view, ("areas", "commitments", "indicators", "targets", "outcomes", "sources")),
        "page_title": page.title if page else area.title.get(view.lang),
        "summary": page.summary if page else "",
        "area": {
            "id": area.id,
            "number": area.number,
            "title": area.title.get(view.lang),
            "commitments": [
                {
                    "id": c.id,
                    "number": c.number,
                    "title": c.title.get(view.lang),
                    "text": c.text.get(view.lang),
                    "targets": [view.target(t, t.direction or "higher", None) for t in c.targets],
                }
                for c in area.commitments
            ],
        },
        "status_chart": status_chart,
        "commentary": commentary,
        "toc": page.toc if page else [],
        "indicators": indicators,
        "charts_on_page": [status_chart, *placed, *[c for i in indicators for c in i["charts"]]],
        **view.updated(shown_targets),
    }


def _indicators_context(view: SiteView) -> dict:
    data = view.data
    categories = []
    for category in data.categories:
        members = [i for i in data.indicators if i.category == category.id]
        sections = [{"group": "", "indicators": [view.indicator(i) for i in members if i.group is None]}]
        for group in category.groups:
            sections.append(
                {"group": group.name.get(view.lang), "indicators": [view.indicator(i) for i in members if i.group == group.id]}
            )
        chart = view.chart(f"chart-category-{category.id}", functools.partial(category_chart, category, data, view.t, view.lang),
                           shows=[t for i in members for t in i.targets])
        categories.append({"id": category.id, "name": category.name.get(view.lang), "sections": sections, "chart": chart})
    used_sources = sorted({o.source for i in data.indicators for t in i.targets for o in t.outcomes})
    summary = view.t("indicators.summary", total=len(data.indicators))
    updated = view.updated([t for i in data.indicators for t in i.targets])
    return {
        **_common(view, ("indicators", "targets", "outcomes", "sources")),
        "page_title": view.t("indicators.title"),
        "summary": summary,
        "categories": categories,
        "sources": [view.source(s) for s in used_sources],
        "charts_on_page": [c["chart"] for c in categories],
        **updated,
        "json_ld": dataset_json_ld(data, view.lang, view.t("indicators.title"), summary, updated["updated_iso"]),
    }


def _embed_context(view: SiteView, spec: ChartSpec) -> dict:
    """A chart alone, for other people's pages: title, "as of", sources, licence, a link back."""
    sources = [view.source(s) for s in spec.sources]
    licence = view.data.plan.licence
    return {
        **_common(view),
        "page_title": spec.title,
        "summary": spec.description,
        "spec": spec,
        "home_slug": spec.home,
        "as_of": spec.as_of,
        "sources": sources,
        "licence": {"id": licence.id, "url": licence.url, "text": licence.text.get(view.lang)} if licence else None,
        "credit": view.chart_credit(spec),
        "charts_on_page": [spec],
    }


def _indicator_context(view: SiteView, indicator: Indicator) -> dict:
    shown = view.indicator(indicator)
    charts = view.charts(indicator.id)
    areas = [
        {"slug": area_slug(a.id), "number": a.number, "title": a.title.get(view.lang)}
        for a in view.areas_showing.get(indicator.id, [])
    ]
    sources = sorted({o.source for t in indicator.targets for o in t.outcomes})
    summary = f"{view.t('indicators.target')}: {shown['target_text']}"
    updated = view.updated([*indicator.targets, *(r for t in indicator.targets for r in view.reference_targets(t))])
    return {
        **_common(view, ("indicators", "targets", "outcomes", "sources")),
        "page_title": shown["name"],
        "summary": summary,
        "indicator": shown,
        "charts": charts,
        "areas": areas,
        "sources": [view.source(s) for s in sources],
        "charts_on_page": charts,
        **updated,
        "json_ld": dataset_json_ld(view.data, view.lang, shown["name"], summary, updated["updated_iso"], [indicator]),
    }


def _utility_context(view: SiteView, kind: str) -> dict:
    """The search page and the 404 page: no data of their own, the whole site's date."""
    return {
        **_common(view),
        "page_title": view.t(f"{kind}.title"),
        "summary": view.t(f"{kind}.summary"),
        **view.updated(all_targets(view.data)),
    }
