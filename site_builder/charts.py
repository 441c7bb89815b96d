"""Chart options for each indicator target, built with pyecharts and handed to templates as plain data.

Only `dump_options_with_quotes()` is used: the result is JSON, which templates embed with `tojson`
inside `<script type="application/json">`. pyecharts' own `render()` pages and `JsCode` would let
editor text run as script, so neither is used anywhere.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from pyecharts import options as opts
from pyecharts.charts import Bar
from pyecharts.globals import CurrentConfig

from .i18n import Strings, format_quantity
from .schema import NUMERIC_KINDS, Indicator, Outcome, Target, TargetsFile, Unit

# pyecharts points at an outside asset host by default; nothing here renders pages, but make sure
# that no path through it can ever reference another host.
CurrentConfig.ONLINE_HOST = "assets/vendor/"

PERIOD_ORDER = ("h1", "q1_q3", "jan_nov", "year")
OUTCOME_COLOUR = "#1f5f8b"
REFERENCE_COLOUR = "#8a8a8a"
TARGET_COLOUR = "#b34700"


@dataclass(frozen=True)
class TableRow:
    period: str
    value: str
    source_id: str
    note: str


@dataclass(frozen=True)
class ChartSpec:
    """Everything a template needs to show one chart: options for ECharts, words for everyone else."""

    dom_id: str
    indicator_id: str
    target_id: str
    title: str
    target_label: str
    description: str
    reported: bool
    options: dict | None  # None when the target has no figure to draw (qualitative, set by the province)
    rows: tuple[TableRow, ...] = field(default_factory=tuple)
    reference_name: str = ""


def target_rule(target: Target, data: TargetsFile, t: Strings, lang: str) -> str:
    """The target in words: "7%以上" / "at least 7%"."""
    if target.kind in NUMERIC_KINDS:
        assert target.value is not None and target.unit is not None
        unit = _lookups(data)[0][target.unit]
        return t(f"rule.{target.kind}", value=format_quantity(target.value, unit, lang))
    if target.kind == "in_step_with":
        reference = _lookups(data)[1][target.reference]
        return t("rule.in_step_with", reference=reference.name.get(lang))
    return t(f"rule.{target.kind}")


def _sorted_outcomes(outcomes: tuple[Outcome, ...]) -> list[Outcome]:
    return sorted(outcomes, key=lambda o: (o.year, PERIOD_ORDER.index(o.period)))


def _axis_scale(unit: Unit, values: list[float], lang: str) -> tuple[float, str]:
    """Big quantities are charted in 万/亿 (zh) or thousands/millions/billions (en)."""
    name = unit.zh if lang == "zh" else unit.en
    if unit.kind != "quantity" or not values:
        return 1.0, name
    biggest = max(abs(v) for v in values)
    steps = ((1e8, "亿"), (1e4, "万")) if lang == "zh" else ((1e9, "billion "), (1e6, "million "), (1e3, "thousand "))
    for scale, word in steps:
        if biggest >= scale:
            return scale, f"{word}{name}" if lang == "zh" else f"{word}{name}"
    return 1.0, name


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


_LOOKUPS: list[tuple[TargetsFile, dict[str, Unit], dict[str, Indicator]]] = []


def _lookups(data: TargetsFile) -> tuple[dict[str, Unit], dict[str, Indicator]]:
    """Units and indicators by id, built once per document (per chart, a large plan would be quadratic)."""
    if not _LOOKUPS or _LOOKUPS[0][0] is not data:
        _LOOKUPS[:] = [(data, {u.id: u for u in data.units}, {i.id: i for i in data.indicators})]
    return _LOOKUPS[0][1], _LOOKUPS[0][2]


def build_chart(
    indicator: Indicator,
    target: Target,
    data: TargetsFile,
    t: Strings,
    lang: str,
) -> ChartSpec:
    units, by_id = _lookups(data)
    multi = len(indicator.targets) > 1
    name = indicator.name.get(lang)
    title = f"{name} · {target.label.get(lang)}" if multi and target.label else name
    rule = target_rule(target, data, t, lang)
    outcomes = _sorted_outcomes(target.outcomes)
    unit = units[target.unit or indicator.unit]
    rows = tuple(
        TableRow(
            period=t(f"period.{o.period}", year=o.year),
            value=format_quantity(o.value, unit, lang),
            source_id=o.source,
            note=" ".join(x.get(lang) for x in (o.basis, o.note) if x is not None),
        )
        for o in outcomes
    )
    dom_id = f"chart-{target.id}"
    reference = by_id.get(target.reference) if target.reference else None
    reference_outcomes = _sorted_outcomes(reference.targets[0].outcomes) if reference else []

    drawable = target.kind in NUMERIC_KINDS or (target.kind == "in_step_with" and (outcomes or reference_outcomes))
    ref_unit = units[reference.unit] if reference else unit
    description = _describe(title, rule, rows, reference, reference_outcomes, ref_unit, t, lang)
    if not drawable:
        return ChartSpec(dom_id, indicator.id, target.id, title, rule, description, bool(outcomes), None, rows)

    periods = [o for o in PERIOD_ORDER if any(x.period == o for x in [*outcomes, *reference_outcomes])] or ["year"]
    labels = [t(f"period.{p}", year=data.plan.year) for p in periods]
    values = [o.value for o in outcomes]
    ref_values = [o.value for o in reference_outcomes]
    extent = [*values, *ref_values] + ([target.value] if target.value is not None else [])
    scale, axis_name = _axis_scale(unit, [float(v) for v in extent], lang)

    def series_for(items: list[Outcome]) -> list[float | None]:
        found = {o.period: o.value / scale for o in items if o.year == data.plan.year}
        return [round(found[p], 6) if p in found else None for p in periods]

    chart = Bar(
        init_opts=opts.InitOpts(
            chart_id=dom_id,
            renderer="svg",
            animation_opts=opts.AnimationOpts(animation=False),
            aria_opts=opts.AriaOpts(is_enable=True, aria_label_opts=opts.AriaLabelOpts(description=description)),
        )
    )
    chart.add_xaxis(labels)
    mark_line = None
    if target.value is not None:
        mark_line = opts.MarkLineOpts(
            symbol=["none", "none"],
            label_opts=opts.LabelOpts(formatter=t("chart.target_line", rule=rule), position="insideEndTop"),
            linestyle_opts=opts.LineStyleOpts(color=TARGET_COLOUR, width=2, type_="dashed"),
            data=[opts.MarkLineItem(y=round(target.value / scale, 6), name=t("chart.target"))],
        )
    chart.add_yaxis(
        t("chart.outcome"),
        series_for(outcomes),
        color=OUTCOME_COLOUR,
        label_opts=opts.LabelOpts(is_show=True, position="top"),
        markline_opts=mark_line,
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
    top = _nice_max(max([0.0, *[abs(float(v)) / scale for v in extent]]) * 1.15)
    chart.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=reference is not None, pos_top="0"),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
        yaxis_opts=opts.AxisOpts(name=axis_name, min_=0, max_=top),
        xaxis_opts=opts.AxisOpts(type_="category"),
    )
    options = json.loads(chart.dump_options_with_quotes())
    options["grid"] = {"left": 48, "right": 24, "top": 40, "bottom": 32, "containLabel": True}
    if not outcomes:
        # Said in words on the chart itself, not only by an empty plot.
        options["graphic"] = [
            {"type": "text", "left": "center", "top": "middle", "silent": True,
             "style": {"text": t("status.not_reported"), "fontSize": 14, "fill": "#5c5c5c"}}
        ]
    return ChartSpec(
        dom_id,
        indicator.id,
        target.id,
        title,
        rule,
        description,
        bool(outcomes),
        options,
        rows,
        reference.name.get(lang) if reference else "",
    )


def _describe(
    title: str,
    rule: str,
    rows: tuple[TableRow, ...],
    reference: Indicator | None,
    reference_outcomes: list[Outcome],
    unit: Unit,  # the reference indicator's unit
    t: Strings,
    lang: str,
) -> str:
    """The chart's accessible description: what it shows and what the data says, in the reader's language."""
    parts = [t("chart.describe_target", title=title, rule=rule)]
    if rows:
        reported = t("list_separator").join(f"{r.period} {r.value}" for r in rows)
        parts.append(t("chart.describe_outcomes", outcomes=reported))
    else:
        parts.append(t("chart.describe_none"))
    if reference is not None and reference_outcomes:
        ref_values = t("list_separator").join(
            f"{t(f'period.{o.period}', year=o.year)} {format_quantity(o.value, unit, lang)}" for o in reference_outcomes
        )
        parts.append(t("chart.describe_reference", name=reference.name.get(lang), outcomes=ref_values))
    return "".join(parts) if lang == "zh" else " ".join(parts)


def charts_for_indicator(indicator: Indicator, data: TargetsFile, t: Strings, lang: str) -> list[ChartSpec]:
    return [build_chart(indicator, target, data, t, lang) for target in indicator.targets]
