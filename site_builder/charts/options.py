"""Chart options, built with pyecharts and handed to templates as plain data, with words for everyone.

Only `dump_options_with_quotes()` is used: the result is JSON, which templates embed with `tojson`
inside `<script type="application/json">`, and which `ssr.py` renders to inline SVG at build time.
pyecharts' own `render()` pages and `JsCode` would let editor text run as script: neither is used.

Status is never shown by colour alone: every status bar carries its name, and the colours
(Okabe-Ito) stay distinct for colour-blind readers.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from pyecharts import options as opts
from pyecharts.charts import Bar
from pyecharts.globals import CurrentConfig

from site_builder.model.statements import target_rule, unit_of, verdict_line
from site_builder.model.status import STATUSES, Status, Verdict, about_tolerance, count_statuses, evaluate
from site_builder.model.urls import INDICATORS_SLUG, indicator_slug
from site_builder.sources.i18n import Strings, format_number, format_quantity
from site_builder.sources.schema import NUMERIC_KINDS, Category, Indicator, Outcome, Target, TargetsFile, Unit

# pyecharts points at an outside asset host by default; nothing here renders pages, but make sure
# that no path through it can ever reference another host.
CurrentConfig.ONLINE_HOST = "assets/vendor/"

PERIOD_ORDER = ("h1", "q1_q3", "jan_nov", "year")
OUTCOME_COLOUR = "#0072B2"
REFERENCE_COLOUR = "#8a8a8a"
TARGET_COLOUR = "#B34700"
BAND_COLOUR = "rgba(230, 159, 0, 0.18)"
STATUS_COLOURS: dict[str, str] = {
    "met": "#0072B2",
    "on_track": "#009E73",
    "at_risk": "#E69F00",
    "missed": "#D55E00",
    "not_assessable": "#7F7F7F",
    "not_reported": "#BDBDBD",
}
WIDTH = 640
HEIGHT = 320


@dataclass(frozen=True)
class TableRow:
    label: str
    value: str
    source_id: str = ""
    note: str = ""


class ChartOptions:
    """A chart's ECharts options, kept as JSON text: a large plan has thousands of charts, and their
    parsed dicts were the largest thing a build held in memory. The text is what pages embed and what
    Node reads: keys sorted, and `<`, `>`, `&` and `'` escaped as Jinja's `tojson` does, so it is safe
    inside a <script> element (and still JSON)."""

    __slots__ = ("text",)

    def __init__(self, options: dict) -> None:
        self.text = str(htmlsafe_json_dumps(options, sort_keys=True))

    def parsed(self) -> dict:
        return json.loads(self.text)

    def __getitem__(self, key: str) -> Any:
        return self.parsed()[key]

    def __html__(self) -> str:  # `{{ spec.options }}` in a template writes the text as it is
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChartOptions) and self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)


@dataclass
class ChartSpec:
    """Everything a template needs to show one chart: options for ECharts, words for everyone else."""

    dom_id: str
    title: str
    subtitle: str
    description: str
    options: ChartOptions | None  # None when there is nothing to draw (a target with no figure)
    table_head: tuple[str, str, str]
    rows: tuple[TableRow, ...] = ()
    status: Status | None = None
    width: int = WIDTH
    height: int = HEIGHT
    home: str = ""  # slug of the page the chart belongs to (embeds link back to it)
    records: tuple[dict, ...] = ()  # the chart's data, raw numbers, for CSV and JSON downloads
    sources: tuple[str, ...] = ()  # ids of the sources its figures come from
    as_of: str = ""  # the latest period its figures cover, in words ("2021年全年"); "" when none

    @property
    def chart_id(self) -> str:
        """The chart's public id, as in its embed URL: chart-gdp-growth -> gdp-growth."""
        return self.dom_id.removeprefix("chart-")


def _dump(chart: Bar) -> dict:
    options = json.loads(chart.dump_options_with_quotes())
    if isinstance(options.get("tooltip"), dict):
        options["tooltip"]["className"] = "chart-tooltip"  # a name the stylesheet and tests can find
    return options


def _init(dom_id: str, description: str) -> opts.InitOpts:
    return opts.InitOpts(
        chart_id=dom_id,
        renderer="svg",
        animation_opts=opts.AnimationOpts(animation=False),
        aria_opts=opts.AriaOpts(is_enable=True, aria_label_opts=opts.AriaLabelOpts(description=description)),
    )


def _nice_max(value: float) -> float:
    # Series are rounded to 6 decimals, so a smaller top would only ask ECharts for an axis it refuses.
    if value < 1e-6:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _axis_scale(unit_kind: str, unit_name: str, values: list[float], lang: str) -> tuple[float, str]:
    """Big quantities are charted in 万/亿 (zh) or thousands/millions/billions (en)."""
    if unit_kind != "quantity" or not values:
        return 1.0, unit_name
    biggest = max(abs(v) for v in values)
    steps = ((1e8, "亿"), (1e4, "万")) if lang == "zh" else ((1e9, "billion "), (1e6, "million "), (1e3, "thousand "))
    for scale, word in steps:
        if biggest >= scale:
            return scale, f"{word}{unit_name}"
    return 1.0, unit_name


def latest_period(outcomes: list[Outcome], t: Strings) -> str:
    """The period of the most recent figure, in words: what an "as of" line should say."""
    if not outcomes:
        return ""
    latest = max(outcomes, key=lambda o: (o.year, PERIOD_ORDER.index(o.period)))
    return t(f"period.{latest.period}", year=latest.year)


def unit_name_of(unit: Unit, lang: str) -> str:
    return unit.zh if lang == "zh" else unit.en


def _sorted(outcomes: tuple[Outcome, ...]) -> list[Outcome]:
    return sorted(outcomes, key=lambda o: (o.year, PERIOD_ORDER.index(o.period)))


def _source_rows(
    outcomes: list[Outcome], unit_id: str, data: TargetsFile, t: Strings, lang: str
) -> tuple[TableRow, ...]:
    unit = data.unit(unit_id)
    assert unit is not None  # validated: every unit id names a unit
    return tuple(
        TableRow(
            label=t(f"period.{o.period}", year=o.year),
            value=format_quantity(o.value, unit, lang),
            source_id=o.source,
            note=" ".join(x.get(lang) for x in (o.basis, o.note) if x is not None)
            + (f" ({t('table.comparability_close')})" if o.comparability == "close" else ""),
        )
        for o in outcomes
    )


def target_chart(indicator: Indicator, target: Target, data: TargetsFile, t: Strings, lang: str) -> ChartSpec:
    """One target: its outcomes by period against the target line (or the band of "about")."""
    verdict = evaluate(target, indicator.direction, data)
    multi = len(indicator.targets) > 1
    name = indicator.name.get(lang)
    title = f"{name} · {target.label.get(lang)}" if multi and target.label else name
    unit_id = target.unit or indicator.unit
    unit = unit_of(target, data, indicator.unit)
    line = verdict_line(target, verdict, data, t, lang, indicator.unit)
    outcomes = _sorted(target.outcomes)
    rows = _source_rows(outcomes, unit_id, data, t, lang)
    reference = data.indicator(target.reference)
    reference_outcomes = _sorted(reference.targets[0].outcomes) if reference else []
    description = _describe_target(title, line, rows, reference, reference_outcomes, data, t, lang)
    head = (t("table.period"), t("table.value"), t("table.source"))
    dom_id = f"chart-{target.id}"
    as_of = latest_period(outcomes, t)
    home = indicator_slug(indicator.id)
    sources = tuple(sorted({o.source for o in outcomes}))
    records = tuple(
        {
            "indicator_id": indicator.id,
            "target_id": target.id,
            "period": o.period,
            "period_label": t(f"period.{o.period}", year=o.year),
            "year": o.year,
            "value": o.value,
            "unit": unit_name_of(unit, lang),
            "target": target_rule(target, data, t, lang),
            "source_id": o.source,
            "comparability": o.comparability,
            "note": row.note,
        }
        for o, row in zip(outcomes, rows, strict=True)  # rows were made from outcomes, one each
    )
    drawable = target.kind in NUMERIC_KINDS or (target.kind == "in_step_with" and (outcomes or reference_outcomes))
    if not drawable:
        return ChartSpec(dom_id, title, line, description, None, head, rows, verdict.status,
                         home=home, records=records, sources=sources, as_of=as_of)

    periods = [p for p in PERIOD_ORDER if any(o.period == p for o in [*outcomes, *reference_outcomes])] or ["year"]
    extent = [float(o.value) for o in [*outcomes, *reference_outcomes]]
    band = about_tolerance(target, unit) if target.kind == "about" else 0.0
    if target.value is not None:
        extent.append(float(target.value) + band)
    unit_name = unit_name_of(unit, lang)
    scale, axis_name = _axis_scale(unit.kind, unit_name, extent, lang)

    def series_for(items: list[Outcome]) -> list[float | None]:
        found = {o.period: o.value / scale for o in items if o.year == data.plan.year}
        return [round(found[p], 6) if p in found else None for p in periods]

    chart = Bar(init_opts=_init(dom_id, description))
    chart.add_xaxis([t(f"period.{p}", year=data.plan.year) for p in periods])
    mark_line = mark_area = None
    if target.value is not None:
        rule = target_rule(target, data, t, lang)
        mark_line = opts.MarkLineOpts(
            symbol=["none", "none"],
            label_opts=opts.LabelOpts(formatter=t("chart.target_line", rule=rule), position="insideEndTop"),
            linestyle_opts=opts.LineStyleOpts(color=TARGET_COLOUR, width=2, type_="dashed"),
            data=[opts.MarkLineItem(y=round(target.value / scale, 6), name=t("chart.target"))],
        )
        if band:
            low, high = (target.value - band) / scale, (target.value + band) / scale
            mark_area = opts.MarkAreaOpts(
                itemstyle_opts=opts.ItemStyleOpts(color=BAND_COLOUR),
                data=[opts.MarkAreaItem(y=(round(low, 6), round(high, 6)))],
            )
    chart.add_yaxis(
        t("chart.outcome"),
        series_for(outcomes),
        color=OUTCOME_COLOUR,
        label_opts=opts.LabelOpts(is_show=True, position="top"),
        markline_opts=mark_line,
        markarea_opts=mark_area,
        bar_max_width=56,
    )
    if reference is not None and reference_outcomes:
        chart.add_yaxis(
            reference.name.get(lang),
            series_for(reference_outcomes),
            color=REFERENCE_COLOUR,
            label_opts=opts.LabelOpts(is_show=True, position="top"),
            bar_max_width=56,
        )
    top = _nice_max(max([0.0, *[v / scale for v in extent]]) * 1.15)
    # A fall (a negative outcome or target) is drawn below zero, never cut off by the axis.
    lowest = min([0.0, *[v / scale for v in extent]])
    bottom = -_nice_max(-lowest * 1.15) if lowest < 0 else 0
    chart.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=reference is not None, pos_top="0"),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
        yaxis_opts=opts.AxisOpts(name=axis_name, min_=bottom, max_=top),
        xaxis_opts=opts.AxisOpts(type_="category"),
    )
    options = _dump(chart)
    options["grid"] = {"left": 48, "right": 24, "top": 40, "bottom": 32, "containLabel": True}
    if not outcomes:
        # Said in words on the chart itself, not only by an empty plot.
        options["graphic"] = [
            {"type": "text", "left": "center", "top": 48, "silent": True,
             "style": {"text": t("status.not_reported"), "fontSize": 14, "fill": "#555555"}}
        ]
    return ChartSpec(dom_id, title, line, description, ChartOptions(options), head, rows, verdict.status,
                     home=home, records=records, sources=sources, as_of=as_of)


def _describe_target(
    title: str,
    line: str,
    rows: tuple[TableRow, ...],
    reference: Indicator | None,
    reference_outcomes: list[Outcome],
    data: TargetsFile,
    t: Strings,
    lang: str,
) -> str:
    """What the chart shows and what the data says, in the reader's language (its accessible name)."""
    parts = [t("chart.describe_target", title=title, line=line)]
    if rows:
        listed = t("list_separator").join(f"{r.label} {r.value}" for r in rows)
        parts.append(t("chart.describe_outcomes", outcomes=listed))
    else:
        parts.append(t("chart.describe_none"))
    if reference is not None and reference_outcomes:
        unit = unit_of(reference.targets[0], data, reference.unit)
        values = t("list_separator").join(
            f"{t(f'period.{o.period}', year=o.year)} {format_quantity(o.value, unit, lang)}" for o in reference_outcomes
        )
        parts.append(t("chart.describe_reference", name=reference.name.get(lang), outcomes=values))
    return ("" if lang == "zh" else " ").join(parts)


def share_of_target(target: Target, verdict: Verdict, direction: str) -> float | None:
    """The outcome as a percentage of the target, 100 = exactly on target, above 100 = better."""
    direction = target.direction or direction
    if verdict.outcome is None:
        return None
    value = float(verdict.outcome.value)
    goal = float(verdict.reference.value) if verdict.reference is not None else (
        float(target.value) if target.value is not None else None
    )
    if goal is None or goal <= 0 or value <= 0:
        return None
    share = value / goal if direction == "higher" else goal / value
    return round(share * 100, 1)


def status_summary(verdicts: list[Verdict], t: Strings) -> str:
    counts = count_statuses(verdicts)
    return t("list_separator").join(f"{t(f'status.{s}')} {n}" for s, n in counts.items() if n)


def category_chart(category: Category, data: TargetsFile, t: Strings, lang: str) -> ChartSpec:
    """Every indicator of a category on one chart, as its outcome relative to its target (units differ)."""
    labels: list[str] = []
    items: list[dict] = []
    rows: list[TableRow] = []
    verdicts: list[Verdict] = []
    records: list[dict] = []
    sources: set[str] = set()
    for indicator in (i for i in data.indicators if i.category == category.id):
        for target in indicator.targets:
            verdict = evaluate(target, indicator.direction, data)
            verdicts.append(verdict)
            label = indicator.name.get(lang)
            if len(indicator.targets) > 1 and target.label:
                label += f" · {target.label.get(lang)}"
            share = share_of_target(target, verdict, indicator.direction)
            status_name = t(f"status.{verdict.status}")
            labels.append(label)
            items.append(
                {
                    "value": share if share is not None else 0,
                    "itemStyle": {"color": STATUS_COLOURS[verdict.status]},
                    "label": {
                        "show": True,
                        "position": "right",
                        "formatter": f"{status_name}"
                        + (f" {format_number(share, lang)}%" if share is not None else ""),
                    },
                }
            )
            rows.append(
                TableRow(label, f"{format_number(share, lang)}%" if share is not None else "—",
                         note=verdict_line(target, verdict, data, t, lang, indicator.unit))
            )
            records.append(
                {"indicator_id": indicator.id, "target_id": target.id, "indicator": label, "status": verdict.status,
                 "status_label": status_name, "share_of_target_percent": share, "statement": rows[-1].note}
            )
            if verdict.outcome is not None:
                sources.add(verdict.outcome.source)
    name = category.name.get(lang)
    summary = status_summary(verdicts, t)
    description = t("chart.describe_category", name=name, count=len(rows), summary=summary)
    dom_id = f"chart-category-{category.id}"
    chart = Bar(init_opts=_init(dom_id, description))
    chart.add_xaxis(labels[::-1])
    chart.add_yaxis(t("chart.share_of_target"), items[::-1], bar_max_width=22,
                    markline_opts=opts.MarkLineOpts(
                        symbol=["none", "none"],
                        label_opts=opts.LabelOpts(formatter=t("chart.on_target"), position="end"),
                        linestyle_opts=opts.LineStyleOpts(color=TARGET_COLOUR, width=2, type_="dashed"),
                        data=[opts.MarkLineItem(x=100)],
                    ))
    chart.reversal_axis()
    chart.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=False),
        tooltip_opts=opts.TooltipOpts(trigger="item"),
        xaxis_opts=opts.AxisOpts(name="%", min_=0),
        yaxis_opts=opts.AxisOpts(type_="category"),
    )
    options = _dump(chart)
    # Long indicator names wrap instead of pushing the plot off the chart.
    options["yAxis"][0]["axisLabel"] = {"width": 150, "overflow": "break", "lineHeight": 14}
    options["grid"] = {"left": 8, "right": 120, "top": 24, "bottom": 24, "containLabel": True}
    height = 60 + 30 * len(labels)
    head = (t("indicators.name"), t("chart.share_of_target"), t("table.note"))
    return ChartSpec(dom_id, t("chart.category_title", name=name), t("chart.category_subtitle"), description,
                     ChartOptions(options), head, tuple(rows), None, WIDTH, height, home=INDICATORS_SLUG,
                     records=tuple(records), sources=tuple(sorted(sources)),
                     as_of=latest_period([v.outcome for v in verdicts if v.outcome], t))


def status_count_chart(
    dom_id: str, title: str, verdicts: list[Verdict], t: Strings, lang: str, what: str, home: str
) -> ChartSpec:
    """How many targets have each status: the shape of a plan's delivery in one glance."""
    counts = count_statuses(verdicts)
    names = [t(f"status.{s}") for s in STATUSES]
    items = [
        {"value": counts[s], "itemStyle": {"color": STATUS_COLOURS[s]},
         "label": {"show": True, "position": "right", "formatter": f"{t(f'status.{s}')} {counts[s]}"}}
        for s in STATUSES
    ]
    summary = status_summary(verdicts, t)
    description = t("chart.describe_counts", title=title, total=len(verdicts), what=what, summary=summary)
    chart = Bar(init_opts=_init(dom_id, description))
    chart.add_xaxis(names[::-1])
    chart.add_yaxis(what, items[::-1], bar_max_width=24)
    chart.reversal_axis()
    chart.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=False),
        tooltip_opts=opts.TooltipOpts(trigger="item"),
        xaxis_opts=opts.AxisOpts(min_=0, min_interval=1),
        yaxis_opts=opts.AxisOpts(type_="category"),
    )
    options = _dump(chart)
    options["grid"] = {"left": 8, "right": 110, "top": 16, "bottom": 24, "containLabel": True}
    rows = tuple(TableRow(t(f"status.{s}"), str(counts[s])) for s in STATUSES)
    head = (t("table.status"), t("table.count"), "")
    records = tuple({"status": s, "status_label": t(f"status.{s}"), "count": counts[s]} for s in STATUSES)
    sources = tuple(sorted({v.outcome.source for v in verdicts if v.outcome is not None}))
    return ChartSpec(dom_id, title, "", description, ChartOptions(options), head, rows, None,
                     WIDTH, 60 + 34 * len(STATUSES), home=home, records=records, sources=sources,
                     as_of=latest_period([v.outcome for v in verdicts if v.outcome], t))


def reporting_chart(data: TargetsFile, t: Strings, lang: str) -> ChartSpec:
    """How many annex indicators have any reported outcome: the transparency gap is news too."""
    reported = sum(1 for i in data.indicators if any(tg.outcomes for tg in i.targets))
    missing = len(data.indicators) - reported
    title = t("chart.reporting_title")
    description = t("chart.describe_reporting", total=len(data.indicators), reported=reported, missing=missing)
    labels = [t("chart.reported"), t("status.not_reported")]
    items = [
        {"value": reported, "itemStyle": {"color": STATUS_COLOURS["met"]},
         "label": {"show": True, "position": "right", "formatter": f"{labels[0]} {reported}"}},
        {"value": missing, "itemStyle": {"color": STATUS_COLOURS["not_reported"]},
         "label": {"show": True, "position": "right", "formatter": f"{labels[1]} {missing}"}},
    ]
    chart = Bar(init_opts=_init("chart-reporting", description))
    chart.add_xaxis(labels[::-1])
    chart.add_yaxis(t("chart.indicators"), items[::-1], bar_max_width=28)
    chart.reversal_axis()
    chart.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=False),
        xaxis_opts=opts.AxisOpts(min_=0, max_=len(data.indicators), min_interval=1),
        yaxis_opts=opts.AxisOpts(type_="category"),
    )
    options = _dump(chart)
    options["grid"] = {"left": 8, "right": 110, "top": 16, "bottom": 24, "containLabel": True}
    rows = (TableRow(labels[0], str(reported)), TableRow(labels[1], str(missing)))
    head = (t("table.status"), t("chart.indicators"), "")
    records = (
        {"group": "reported", "label": labels[0], "indicators": reported},
        {"group": "not_reported", "label": labels[1], "indicators": missing},
    )
    sources = tuple(sorted({o.source for i in data.indicators for tg in i.targets for o in tg.outcomes}))
    outcomes = [o for i in data.indicators for tg in i.targets for o in tg.outcomes]
    return ChartSpec("chart-reporting", title, "", description, ChartOptions(options), head, rows, None, WIDTH, 150,
                     home="", records=records, sources=sources, as_of=latest_period(outcomes, t))


def charts_for_indicator(indicator: Indicator, data: TargetsFile, t: Strings, lang: str) -> list[ChartSpec]:
    return [target_chart(indicator, target, data, t, lang) for target in indicator.targets]
