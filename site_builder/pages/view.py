"""What every page of one language reads from the data: plain data for templates (the TypedDicts of
`context_types.py`), and the charts.

A `SiteView` is made once per language and shared by its pages. Its charts are memoised: the site's
plan asks for each page's charts first (so they can be drawn before the pages are rendered) and the
pages' contexts get the same ChartSpecs.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from site_builder.charts.options import charts_for_indicator
from site_builder.charts.overviews import category_chart, reporting_chart, status_count_chart
from site_builder.charts.spec import ChartSpec
from site_builder.model.dates import FigureDates, data_revised, every_target, figure_dates
from site_builder.model.statements import badge_line, judged_target, target_rule, unit_of, verdict_line
from site_builder.model.status import Verdict, evaluate
from site_builder.model.urls import HOME_SLUG, area_slug, indicator_slug
from site_builder.sources.i18n import Strings, format_date, format_quantity
from site_builder.sources.schema import Area, Category, Indicator, Target, TargetsFile

if TYPE_CHECKING:  # for the annotations only: context_types imports ShownDates from here
    from site_builder.pages.context_types import ShownIndicator, ShownSource, ShownTarget

# A category's chart draws each of its targets as a panel of its own: past this many, the chart would be
# taller than any reader scrolls through (and a large plan's indicators page megabytes long), so the
# category's table stands alone.
CATEGORY_CHART_LIMIT = 40

# The home page's status chart; pages without a chart of their own show it in their preview image.
HOME_STATUS_CHART = "chart-home-status"


@dataclass(frozen=True)
class ShownDate:
    """A day as a template prints it: `<time datetime="{iso}">{text}</time>`."""

    iso: str
    text: str


@dataclass(frozen=True)
class ShownDates:
    """`FigureDates` in the page's language (partials/dates.html prints them)."""

    published: ShownDate | None
    added: ShownDate | None
    undated: bool
    revised: ShownDate | None

    @property
    def modified_iso(self) -> str:
        """The day the figures shown last changed on the site, for JSON-LD's dateModified ("" if never)."""
        day = self.added or self.revised
        return day.iso if day else ""


def shown_dates(dates: FigureDates, lang: str) -> ShownDates:
    def shown(day: dt.date | None) -> ShownDate | None:
        return ShownDate(day.isoformat(), format_date(day, lang)) if day else None

    return ShownDates(shown(dates.published), shown(dates.added), dates.undated, shown(dates.revised))


def area_targets(area: Area, members: list[Indicator]) -> list[Target]:
    """Every target an area page shows: its commitments' and its indicators'."""
    return [*(t for c in area.commitments for t in c.targets), *(t for i in members for t in i.targets)]


class SiteView:
    """Read-only helpers over the data in one language, shared by every page of that language."""

    def __init__(self, data: TargetsFile, strings: Strings, lang: str, prefix: str = "",
                 plans: Mapping[int, TargetsFile] | None = None,
                 shared_dates: dict[str, ShownDates] | None = None) -> None:
        self.data = data
        self.t = strings
        self.lang = lang
        self.prefix = prefix  # the plan year's folder: "" in a one-year site, else "2021/"
        self.plans = plans or {data.plan.year: data}  # every plan of the site, by year
        self.years = tuple(sorted(self.plans))  # every plan year of the site, oldest first
        # The dates of charts across the years (the track record's), which every year's pages show.
        self.shared_dates = shared_dates if shared_dates is not None else {}
        self.indicators = {i.id: i for i in data.indicators}
        self.sources = {s.id: s for s in data.sources}
        self.areas_showing: dict[str, list[Area]] = {}  # indicator id -> the areas that list it
        for area in data.areas:
            for indicator_id in dict.fromkeys(area.indicators):
                self.areas_showing.setdefault(indicator_id, []).append(area)
        self.charts_made: dict[str, ChartSpec] = {}
        self._indicator_charts: dict[str, list[ChartSpec]] = {}
        # The site's last data revision, and each chart's dates from the targets it shows.
        self.revised = data_revised(data)
        self._chart_dates: dict[str, ShownDates] = {}
        self._site_dates: ShownDates | None = None

    # Charts: each made once, the first time the site's plan asks for it; the pages' contexts then get
    # the same ChartSpec. Many pages show one chart (an indicator's on its page, its area's and its embed).
    def chart(self, dom_id: str, make: Callable[[], ChartSpec], shows: Iterable[Target] = ()) -> ChartSpec:
        """The chart `dom_id`, made the first time it is asked for."""
        return self.charts_made.get(dom_id) or self.keep(make(), shows)

    def slug(self, slug: str) -> str:
        """A slug of this plan year's pages ("areas/x", "" for the year's home) as the site's: in its folder."""
        return (self.prefix + slug).rstrip("/")

    def keep(self, spec: ChartSpec, shows: Iterable[Target] = ()) -> ChartSpec:
        if self.prefix and spec.dom_id not in self.charts_made:  # the year's chart, in the year's folder
            spec = replace(spec, folder=self.prefix, home=self.slug(spec.home))
        self.charts_made.setdefault(spec.dom_id, spec)
        if spec.dom_id not in self._chart_dates:
            self._chart_dates[spec.dom_id] = self.dates(shows)
        return self.charts_made[spec.dom_id]

    def home_status_chart(self) -> ChartSpec:
        """How many annex targets have each status: the home page's chart, and the preview image of
        every page without a chart of its own."""
        data, t = self.data, self.t
        return self.chart(
            HOME_STATUS_CHART,
            lambda: status_count_chart(HOME_STATUS_CHART, t("chart.home_title"),
                                       self.verdicts_of(list(data.indicators)), t, self.lang, t("chart.targets"),
                                       HOME_SLUG),
            shows=self.indicator_targets(),
        )

    def reporting_chart(self) -> ChartSpec:
        return self.chart("chart-reporting", lambda: reporting_chart(self.data, self.t, self.lang),
                          shows=self.indicator_targets())

    def area_status_chart(self, area: Area) -> ChartSpec:
        members = [self.indicators[i] for i in area.indicators]
        dom_id = f"chart-area-{area.id}"
        return self.chart(
            dom_id,
            lambda: status_count_chart(
                dom_id, self.t("chart.area_title"),
                [evaluate(t, t.direction or "higher", self.data) for c in area.commitments for t in c.targets]
                + self.verdicts_of(members),
                self.t, self.lang, self.t("chart.targets"), area_slug(area.id),
            ),
            shows=area_targets(area, members),
        )

    def charted(self, category: Category) -> bool:
        """Whether a category's targets fit one chart a reader can take in (its table lists them all)."""
        count = sum(len(i.targets) for i in self.data.indicators if i.category == category.id)
        return count <= CATEGORY_CHART_LIMIT

    def category_chart(self, category: Category) -> ChartSpec:
        members = [i for i in self.data.indicators if i.category == category.id]
        return self.chart(f"chart-category-{category.id}",
                          functools.partial(category_chart, category, self.data, self.t, self.lang),
                          shows=[t for i in members for t in i.targets])

    def indicator_targets(self) -> list[Target]:
        return [target for i in self.data.indicators for target in i.targets]

    def charts(self, indicator_id: str) -> list[ChartSpec]:
        if indicator_id not in self._indicator_charts:
            indicator = self.indicators[indicator_id]
            made = charts_for_indicator(indicator, self.data, self.t, self.lang)
            self._indicator_charts[indicator_id] = [
                self.keep(spec, shows=[target, *self.reference_targets(target)])
                for target, spec in zip(indicator.targets, made, strict=True)
            ]
        return self._indicator_charts[indicator_id]

    def reference_targets(self, target: Target) -> tuple[Target, ...]:
        return self.indicators[target.reference].targets if target.reference else ()

    def dates(self, targets: Iterable[Target]) -> ShownDates:
        """The dates behind what a page or chart shows: its figures' sources' and the site's own. A
        commitment's target that repeats an annex target shows that target's outcomes, so dates them."""
        shown = [judged_target(t, self.data, None)[0] for t in targets]
        return shown_dates(figure_dates(shown, self.data, self.revised), self.lang)

    def site_dates(self) -> ShownDates:
        """The dates of the whole site's figures: pages about the site rather than a part of it."""
        if self._site_dates is None:
            self._site_dates = self.dates(every_target(self.data))
        return self._site_dates

    def chart_dates(self, spec: ChartSpec) -> ShownDates:
        return self._chart_dates.get(spec.dom_id) or self.shared_dates.get(spec.dom_id) or self.site_dates()

    def chart_credit(self, spec: ChartSpec) -> str:
        """The line under a chart that travels without the site: the site, the chart's sources, the licence."""
        sources = [self.source(s)["title"] for s in spec.sources]
        licence = self.data.plan.licence
        return self.t("embed.credit", site=self.data.plan.short_title.get(self.lang)) + (
            f" · {', '.join(sources)}" if sources else ""
        ) + (f" · {licence.id}" if licence else "")

    def source(self, source_id: str) -> ShownSource:
        """A source by its id in this year's plan, or by "2025/R1" in another year's (a chart across years)."""
        year, _, own = source_id.rpartition("/")
        source = self.plans[int(year)].by_id("sources")[own] if year else self.sources[source_id]
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

    def target(self, target: Target, direction: str, unit_id: str | None) -> ShownTarget:
        verdict = evaluate(target, direction, self.data)  # type: ignore[arg-type]
        # A commitment's target that repeats an annex target shows that target's outcomes and status.
        shown, shown_unit = judged_target(target, self.data, unit_id)
        annex = self.data.annex_target(target.repeats)
        return {
            "id": target.id,
            "label": target.label.get(self.lang) if target.label else "",
            "rule": target_rule(target, self.data, self.t, self.lang),
            "kind": target.kind,
            "status": verdict.status,
            "status_label": self.t(f"status.{verdict.status}"),
            "verdict": verdict_line(target, verdict, self.data, self.t, self.lang, unit_id),
            # For places that show the status as a badge: the same evidence, with the period and the reason.
            "evidence": badge_line(target, verdict, self.data, self.t, self.lang, unit_id),
            # The measure this status belongs to: an annex target's id, also on the commitments repeating it.
            "measure": verdict.repeats or target.id,
            "repeats": {
                "name": self.target_name(*annex),
                "slug": self.slug(indicator_slug(annex[0].id)),
            } if annex else None,
            "wording": target.wording.get(self.lang) if target.wording else "",
            "note": target.note.get(self.lang) if target.note else "",
            "outcomes": [
                {
                    "period": self.t(f"period.{o.period}", year=o.year),
                    "value": format_quantity(o.value, unit_of(shown, self.data, shown_unit), self.lang),
                    "source": self.source(o.source),
                    "comparability": o.comparability,
                    "measure": self.t(f"measure.{o.comparability}") + (
                        self.t("verdict.reason", reason=self.t(f"differs.{o.differs_in}")) if o.differs_in else ""
                    ) if o.comparability != "same" else "",
                    "prices": self.t(f"basis.{o.prices}") if o.prices else "",
                    "basis": o.basis_text.get(self.lang) if o.basis_text else "",
                    "note": o.note.get(self.lang) if o.note else "",
                    "judged": o is verdict.outcome,
                }
                for o in shown.outcomes
            ],
        }

    def target_name(self, indicator: Indicator, target: Target) -> str:
        """An annex target's name: its indicator's, with the target's label when it has several."""
        name = indicator.name.get(self.lang)
        if len(indicator.targets) > 1 and target.label:
            name += f" · {target.label.get(self.lang)}"
        return name

    def indicator(self, indicator: Indicator) -> ShownIndicator:
        category = next(c for c in self.data.categories if c.id == indicator.category)
        group = next((g for g in category.groups if g.id == indicator.group), None)
        targets = [self.target(t, indicator.direction, indicator.unit) for t in indicator.targets]
        return {
            "id": indicator.id,
            "slug": self.slug(indicator_slug(indicator.id)),
            "name": indicator.name.get(self.lang),
            "category": category.name.get(self.lang),
            "group": group.name.get(self.lang) if group else "",
            "direction": self.t(f"direction.{indicator.direction}"),
            # A blank (merged) annex cell is said to be blank, with the row above whose target applies: the
            # annex never words this row's target, so the site does not quote words for it.
            "target_text": self.t("indicator.merged", above=self.indicators[indicator.merged_with].name.get(self.lang),
                                  text=indicator.target_text.get(self.lang))
            if indicator.merged_with else indicator.target_text.get(self.lang),
            "merged": bool(indicator.merged_with),
            "targets": targets,
            "reported": any(t["outcomes"] for t in targets),
            "definition": indicator.definition.get(self.lang) if indicator.definition else "",
            "note": indicator.note.get(self.lang) if indicator.note else "",
        }

    def verdicts_of(self, indicators: list[Indicator]) -> list[Verdict]:
        return [evaluate(t, i.direction, self.data) for i in indicators for t in i.targets]
