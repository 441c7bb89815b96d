"""Stage 5, each page's context: the plain data its template gets, built once, when it is rendered.

Templates never see pydantic models or Markdown objects, only plain data: each context is a TypedDict of
`context_types.py` (strings, numbers, lists, the shown pieces of `view.py`, ChartSpecs), so a theme author
can read every page kind's keys in one place, and mypy checks that each context carries them. The charts
are the plan's (stage 3: `SiteView` made each once); their drawings come beside the context as `svgs`.
"""

from __future__ import annotations

from markupsafe import Markup

from site_builder.charts.spec import ChartSpec
from site_builder.model.dates import data_revised, every_target, figure_dates
from site_builder.model.statements import reading_words, target_rule
from site_builder.model.status import (
    DEFAULT_IN_STEP_TOLERANCE,
    DEFAULT_RELATIVE_TOLERANCE,
    PERCENT_ABOUT_CAP,
    PERCENT_ABOUT_SHARE,
    STATUSES,
    count_statuses,
    evaluate,
)
from site_builder.model.urls import area_slug, indicator_slug
from site_builder.pages.common_context import common as _common
from site_builder.pages.context_types import (
    AreaContext,
    AreaIndicator,
    AreaLink,
    BandedTarget,
    CategorySection,
    Commentary,
    Coverage,
    EmbedContext,
    EntryContext,
    HomeContext,
    IndicatorCategory,
    IndicatorContext,
    IndicatorsContext,
    MergedRow,
    MethodologyContext,
    PageContext,
    UtilityContext,
)
from site_builder.pages.discovery import dataset_json_ld
from site_builder.pages.plan import PagePlan, SitePlan
from site_builder.pages.track_view import TrackView
from site_builder.pages.view import SiteView, area_targets, shown_dates
from site_builder.pages.year_contexts import redirect_context, track_record_context
from site_builder.sources.content import PLACEHOLDER_HTML, Page
from site_builder.sources.i18n import DEFAULT_LANGUAGE, LANGUAGES, Strings, format_number
from site_builder.sources.schema import Area, Indicator, TargetsFile


def page_context(page: PagePlan, plan: SitePlan, pages: dict[tuple[str, str], Page],
                 strings: dict[str, Strings]) -> PageContext:
    """The context of one planned page, by its kind."""
    view = plan.view(page)
    if page.kind == "entry":
        return _entry_context(view.data, strings)
    if page.kind == "home":  # the site's home page in a site of several years is the latest year's
        return _home_context(view, pages.get((view.lang, view.slug(""))))
    commentary = pages.get((view.lang, page.slug))
    if page.kind == "area":
        return _area_context(view, view.data.by_id("areas")[page.subject], commentary)
    if page.kind == "indicators":
        return _indicators_context(view)
    if page.kind == "indicator":
        return _indicator_context(view, view.indicators[page.subject], plan.tracks[view.lang])
    if page.kind == "track_record":
        return track_record_context(view, plan.tracks[view.lang])
    if page.kind == "embed":
        return _embed_context(view, page.charts[0])
    if page.kind == "methodology":
        return _methodology_context(view)
    if page.kind in ("search", "not_found"):
        return _utility_context(view, page.kind)
    if page.kind == "redirect":
        return redirect_context(view, page)
    raise ValueError(f"no context for a page of kind {page.kind!r}")


def _entry_context(data: TargetsFile, strings: dict[str, Strings]) -> EntryContext:
    dates = figure_dates(every_target(data), data, data_revised(data))
    return {
        "t": strings[DEFAULT_LANGUAGE],
        "strings": strings,
        "titles": {lang: data.plan.title.get(lang) for lang in LANGUAGES},
        "plan": {"short_title": data.plan.short_title.get(DEFAULT_LANGUAGE)},
        "dates": {lang: shown_dates(dates, lang) for lang in LANGUAGES},
        "page_title": data.plan.title.zh,
        "summary": data.plan.title.en,
    }


def _commentary(page: Page | None, view: SiteView) -> tuple[Commentary, list[str]]:
    """The page's Markdown HTML split around its chart blocks: HTML, then charts, then HTML..."""
    if page is None:
        return [], []
    segments: Commentary = []
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


def _home_context(view: SiteView, page: Page | None) -> HomeContext:
    data = view.data
    commentary, _ = _commentary(page, view)
    indicators = [view.indicator(i) for i in data.indicators]
    status_chart, reporting = view.home_status_chart(), view.reporting_chart()
    return {
        **_common(view),
        "page_title": page.title if page else data.plan.title.get(view.lang),
        "summary": page.summary if page else "",
        "commentary": commentary,
        "toc": page.toc if page else [],
        "status_charts": [status_chart, reporting],
        "areas": [
            {
                "slug": view.slug(area_slug(a.id)),
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
                # indicators was made from data.indicators, one each
                "indicators": [i for i, x in zip(indicators, data.indicators, strict=True) if x.category == c.id],
            }
            for c in data.categories
        ],
        "total_indicators": len(indicators),
        "reported_indicators": sum(1 for i in indicators if i["reported"]),
        "coverage": _coverage(view),
        "dates": view.site_dates(),
    }


def _coverage(view: SiteView) -> Coverage:
    """What the home page leads with: how many annex targets have any sourced figure, then their statuses,
    those judged on a full-year figure apart from the interim and the indicative ones, so that the absence
    of "missed" cannot be read as "nothing missed"."""
    verdicts = view.verdicts_of(list(view.data.indicators))
    counts = count_statuses(verdicts)
    reported = sum(1 for i in view.data.indicators for t in i.targets if t.outcomes)
    return {
        "targets": len(verdicts),
        "reported": reported,
        "missing": len(verdicts) - reported,
        "final": counts["met"] + counts["missed"],
        # each status's count, in STATUSES' order
        "met": counts["met"],
        "on_track": counts["on_track"],
        "at_risk": counts["at_risk"],
        "missed": counts["missed"],
        "indicative": counts["indicative"],
        "not_assessable": counts["not_assessable"],
        "not_reported": counts["not_reported"],
    }


def _area_context(view: SiteView, area: Area, page: Page | None) -> AreaContext:
    commentary, placed = _commentary(page, view)
    members = [view.indicators[i] for i in area.indicators]
    indicators: list[AreaIndicator] = [
        {
            **view.indicator(indicator),
            "charts": [] if indicator.id in placed else view.charts(indicator.id),
            "chart_in_commentary": indicator.id in placed,
        }
        for indicator in members
    ]
    shown_targets = area_targets(area, members)
    status_chart = view.area_status_chart(area)
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
        "dates": view.dates(shown_targets),
    }


def _indicators_context(view: SiteView) -> IndicatorsContext:
    data = view.data
    categories: list[IndicatorCategory] = []
    for category in data.categories:
        members = [i for i in data.indicators if i.category == category.id]
        sections: list[CategorySection] = [
            {"group": "", "indicators": [view.indicator(i) for i in members if i.group is None]}
        ]
        for group in category.groups:
            sections.append(
                {
                    "group": group.name.get(view.lang),
                    "indicators": [view.indicator(i) for i in members if i.group == group.id],
                }
            )
        chart = view.category_chart(category) if view.charted(category) else None
        categories.append(
            {"id": category.id, "name": category.name.get(view.lang), "sections": sections, "chart": chart}
        )
    used_sources = sorted({o.source for i in data.indicators for t in i.targets for o in t.outcomes})
    summary = view.t("indicators.summary", year=data.plan.year, total=len(data.indicators))
    dates = view.dates(view.indicator_targets())
    return {
        **_common(view, ("indicators", "targets", "outcomes", "sources")),
        "page_title": view.t("indicators.title"),
        "summary": summary,
        "categories": categories,
        "sources": [view.source(s) for s in used_sources],
        "dates": dates,
        "json_ld": dataset_json_ld(data, view.lang, view.t("indicators.title"), summary, dates.modified_iso),
    }


def _embed_context(view: SiteView, spec: ChartSpec) -> EmbedContext:
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
    }


def _indicator_context(view: SiteView, indicator: Indicator, tracks: TrackView) -> IndicatorContext:
    shown = view.indicator(indicator)
    charts = view.charts(indicator.id)
    own_tracks = tracks.of_indicator(view.data.plan.year, indicator.id)
    areas: list[AreaLink] = [
        {"slug": view.slug(area_slug(a.id)), "number": a.number, "title": a.title.get(view.lang)}
        for a in view.areas_showing.get(indicator.id, [])
    ]
    sources = sorted({o.source for t in indicator.targets for o in t.outcomes})
    summary = f"{view.t('indicators.target', year=view.data.plan.year)}: {shown['target_text']}"
    dates = view.dates([*indicator.targets, *(r for t in indicator.targets for r in view.reference_targets(t))])
    return {
        **_common(view, ("indicators", "targets", "outcomes", "sources")),
        "page_title": shown["name"],
        "summary": summary,
        "indicator": shown,
        "charts": charts,
        "areas": areas,
        "sources": [view.source(s) for s in sources],
        "dates": dates,
        "json_ld": dataset_json_ld(view.data, view.lang, shown["name"], summary, dates.modified_iso, [indicator]),
        "tracks": own_tracks,
        "track_charts": tracks.charts_of_indicator(view.data.plan.year, indicator.id),
    }


def _methodology_context(view: SiteView) -> MethodologyContext:
    """How the site judges a target: its rules, the bands it reads into the plan's words (the defaults
    are the model's own constants, so the page cannot drift from the code), comparability, interim
    periods, the annex's merged cells and the sources. Every verdict on the site links here."""
    data, t, lang = view.data, view.t, view.lang
    banded: list[BandedTarget] = []  # every target whose verdict uses a band, with the band the site reads
    for indicator in data.indicators:
        for target in indicator.targets:
            verdict = evaluate(target, indicator.direction, data)
            if target.kind in ("about", "in_step_with"):
                name = view.target_name(indicator, target)
                banded.append({"name": name, "slug": view.slug(indicator_slug(indicator.id)),
                               "rule": target_rule(target, data, t, lang),
                               "reading": reading_words(target, verdict, data, t, lang),
                               "default": target.tolerance is None})
    merged: list[MergedRow] = [
        {"name": i.name.get(lang), "slug": view.slug(indicator_slug(i.id)),
         "above": view.indicators[i.merged_with].name.get(lang)}
        for i in data.indicators if i.merged_with
    ]
    return {
        **_common(view),
        "page_title": t("methodology.title"),
        "summary": t("methodology.summary"),
        "rules": [
            {"kind": kind, "words": t(f"methodology.words_{kind}"), "how": t(f"methodology.how_{kind}"),
             # The plan's own words are Chinese on the English page too: marked so, for screen readers.
             "chinese": any("\u4e00" <= ch <= "\u9fff" for ch in t(f"methodology.words_{kind}")),
             "rule": t(f"rule.{kind}", value="X", reference="Y")}
            for kind in ("at_least", "at_most", "about", "reach", "in_step_with", "qualitative", "set_by_province")
        ],
        "defaults": {
            "cap": format_number(PERCENT_ABOUT_CAP, lang),
            "share": format_number(PERCENT_ABOUT_SHARE * 100, lang),
            "relative": format_number(DEFAULT_RELATIVE_TOLERANCE * 100, lang),
            "in_step": t("verdict.points_one" if DEFAULT_IN_STEP_TOLERANCE == 1 else "verdict.points_other",
                         n=format_number(DEFAULT_IN_STEP_TOLERANCE, lang)),
        },
        "banded": banded,
        "statuses": list(STATUSES),
        "periods": [t(f"period.{p}", year=data.plan.year) for p in ("h1", "q1_q3", "jan_nov", "year")],
        "merged": merged,
        # Sections about what this plan's data has: a plan with no restated target or merged cell has none.
        "repeats": any(target.repeats for a in data.areas for c in a.commitments for target in c.targets),
        "sources": [view.source(s.id) for s in data.sources],
        "dates": view.site_dates(),
    }


def _utility_context(view: SiteView, kind: str) -> UtilityContext:
    """The search page and the 404 page: no data of their own, the whole site's date."""
    return {
        **_common(view),
        "page_title": view.t(f"{kind}.title"),
        "summary": view.t(f"{kind}.summary"),
        "dates": view.site_dates(),
    }

