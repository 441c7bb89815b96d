"""Each target's chart: options built with pyecharts and handed to templates as plain data, with words for everyone.

Only `dump_options_with_quotes()` is used: the result is JSON, which templates embed with `tojson`
inside `<script type="application/json">`, and which `charts/node.py` draws to inline SVG at build time.
pyecharts' own `render()` pages and `JsCode` would let editor text run as script: neither is used.
"""

from __future__ import annotations

import math

from pyecharts import options as opts
from pyecharts.charts import Bar

from site_builder.charts.layouts import TargetShape, target_layouts
from site_builder.charts.spec import (
    BAND_COLOUR,
    OUTCOME_COLOUR,
    PERIOD_ORDER,
    REFERENCE_COLOUR,
    TARGET_COLOUR,
    ChartOptions,
    ChartSpec,
    TableRow,
    _nice_max,
    axis_scale,
    by_period,
    dumped_options,
    init_options,
    latest_period,
    unit_name_of,
)
from site_builder.model.statements import target_rule, unit_of, verdict_line
from site_builder.model.status import about_tolerance, evaluate, mismatch, pair_mismatch
from site_builder.model.urls import indicator_slug
from site_builder.sources.i18n import Strings, format_quantity
from site_builder.sources.schema import NUMERIC_KINDS, Indicator, Outcome, Target, TargetsFile


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
            note=t("list_separator").join(
                [*([t(f"basis.{o.prices}")] if o.prices else []), *(x.get(lang) for x in (o.basis_text, o.note) if x),
                 *([_measure_words(o, t)] if o.comparability != "same" else [])]
            ),
        )
        for o in outcomes
    )


def _measure_words(outcome: Outcome, t: Strings) -> str:
    words = t(f"measure.{outcome.comparability}")
    if outcome.differs_in is not None:
        words += t("verdict.reason", reason=t(f"differs.{outcome.differs_in}"))
    return words


def target_chart(indicator: Indicator, target: Target, data: TargetsFile, t: Strings, lang: str) -> ChartSpec:
    """One target: its outcomes by period against the target line (or the band of "about")."""
    verdict = evaluate(target, indicator.direction, data)
    multi = len(indicator.targets) > 1
    name = indicator.name.get(lang)
    title = f"{name} · {target.label.get(lang)}" if multi and target.label else name
    unit_id = target.unit or indicator.unit
    unit = unit_of(target, data, indicator.unit)
    line = verdict_line(target, verdict, data, t, lang, indicator.unit)
    outcomes = by_period(target.outcomes)
    rows = _source_rows(outcomes, unit_id, data, t, lang)
    reference = data.indicator(target.reference)
    reference_outcomes = by_period(reference.targets[0].outcomes) if reference else []
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
            "differs_in": o.differs_in or "",
            "price_basis": o.prices or "",
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
    scale, axis_name = axis_scale(unit.kind, unit_name, extent, lang)

    def series_for(items: list[Outcome]) -> list[float | None]:
        found = {o.period: o.value / scale for o in items if o.year == data.plan.year}
        return [round(found[p], 6) if p in found else None for p in periods]

    chart = Bar(init_opts=init_options(dom_id, description))
    chart.add_xaxis([t(f"period.{p}", year=data.plan.year) for p in periods])
    mark_line = mark_area = None
    if target.value is not None:
        rule = target_rule(target, data, t, lang)
        mark_line = opts.MarkLineOpts(
            symbol=["none", "none"],
            # Said in the legend above the plot, never on the line, where it would sit on a bar.
            label_opts=opts.LabelOpts(is_show=False, formatter=t("chart.target_line", rule=rule)),
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
    options = dumped_options(chart)
    _mark_indicative(options["series"][0], outcomes, reference_outcomes, periods, data.plan.year, t)
    if target.value is not None:
        _labels_clear_of_the_line(options["series"][0], target.value / scale, bottom, top)
    legend = [s["name"] for s in options["series"]] if len(options["series"]) > 1 else []
    entry = ""
    if target.value is not None:
        # The target line's entry in the legend: a dashed line and the rule in words (a series of no data).
        entry = t("chart.target_line", rule=target_rule(target, data, t, lang))
        options["series"].append({"type": "line", "name": entry, "data": [], "symbol": "none", "silent": True,
                                  "lineStyle": {"color": TARGET_COLOUR, "type": "dashed", "width": 2},
                                  "itemStyle": {"color": TARGET_COLOUR}})
    shape = TargetShape(
        periods=tuple(t(f"period.{p}", year=data.plan.year) for p in periods),
        period_lines=tuple(_two_lines(t(f"period.{p}", year=data.plan.year), data.plan.year) for p in periods),
        labels=tuple(tuple(_label_text(item) for item in s["data"]) for s in options["series"] if s["type"] == "bar"),
        ends=tuple(tuple(_share(item, bottom, top) for item in s["data"])
                   for s in options["series"] if s["type"] == "bar"),
        distances=tuple(tuple(item.get("label", {}).get("distance", LABEL_DISTANCE) if isinstance(item, dict)
                              else LABEL_DISTANCE for item in s["data"])
                        for s in options["series"] if s["type"] == "bar"),
        legend=tuple(legend),
        target_entry=entry,
        ticks=(_number(bottom), _number(top), _number(top / 2)),
        axis_name=axis_name,
        bounds=(bottom, top),
        target=round(target.value / scale, 6) if target.value is not None else None,
        band=(round((target.value - band) / scale, 6), round((target.value + band) / scale, 6))
        if band and target.value is not None else None,
        target_name=t("chart.target"),
        # Said in words on the chart itself, not only by an empty plot.
        note="" if outcomes else t("status.not_reported"),
    )
    widest, layouts = target_layouts(shape)
    _merge_layout(options, widest)
    return ChartSpec(dom_id, title, line, description, ChartOptions(options), head, rows, verdict.status,
                     home=home, records=records, sources=sources, as_of=as_of, layouts=layouts)


def _merge_layout(options: dict, layout: dict) -> None:
    """The widest layout's options into the chart's own, as ECharts merges them: each component (an axis,
    a series, the legend) key by key, the graphic whole, and a component of another type (a category axis
    turned into a value axis, bars running across) replaced, not merged."""
    def merged(base: dict, patch: dict) -> dict:
        out = dict(base)
        for key, value in patch.items():
            out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
        return out

    for key, value in layout.items():
        if isinstance(value, list) and key != "graphic":
            found = options.get(key)
            found = found if isinstance(found, list) else [found] if isinstance(found, dict) else []
            options[key] = [
                merged(found[i], v) if i < len(found) and v.get("type", found[i].get("type")) == found[i].get("type")
                else v
                for i, v in enumerate(value)
            ] + found[len(value):]
        elif isinstance(value, dict) and isinstance(options.get(key), dict):
            options[key] = merged(options[key], value)
        else:
            options[key] = value


def _two_lines(name: str, year: int) -> str:
    """A period's name in two lines, its year on a line of its own: "H1\n2021", "2021年\n上半年"."""
    at = name.find(str(year))
    if at < 0:
        return name
    end = at + len(str(year))
    end += name[end:end + 1] == "年"  # Chinese writes the year with its 年
    head, year_words, tail = name[:at].strip(), name[at:end], name[end:].strip()
    if not (head or tail):
        return name
    return f"{year_words}\n{tail}" if not head else f"{head}\n{year_words}" + (f" {tail}" if tail else "")


def _number(value: float) -> str:
    """A number as ECharts writes it in a label: 13.7, 8, 0.25."""
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


def _label_text(item: object) -> str | None:
    """The words over a bar: its value, or what its own label's formatter makes of it; None: no bar."""
    if isinstance(item, dict):
        value = item.get("value")
        if value is None:
            return None
        return str(item.get("label", {}).get("formatter", "{c}")).replace("{c}", _number(value))
    return None if item is None else _number(float(item))  # type: ignore[arg-type]


def _share(item: object, low: float, high: float) -> float:
    """Where a bar's label starts along the value axis, as a share of it: at the bar's end, or at zero for a fall."""
    value = item.get("value") if isinstance(item, dict) else item
    if value is None or high <= low:
        return 0.0
    return (max(float(value), 0.0, low) - low) / (high - low)  # type: ignore[arg-type]


def _mark_indicative(series: dict, outcomes: list[Outcome], reference_outcomes: list[Outcome], periods: list[str],
                     year: int, t: Strings) -> None:
    """Draws a figure that cannot be judged (another measure, or a basis not known or not the reference's)
    as a hollow dashed bar labelled "indicative", so the chart never shows it as if it were the target's."""
    theirs = {o.period: o for o in reference_outcomes if o.year == year}
    for o in outcomes:
        if o.year != year or o.period not in periods:
            continue
        other = theirs.get(o.period) if reference_outcomes else None
        if (pair_mismatch(o, other) if other is not None else mismatch(o)) == "":
            continue
        index = periods.index(o.period)
        shown = series["data"][index]
        series["data"][index] = {
            "value": shown["value"] if isinstance(shown, dict) else shown,  # a period given twice: marked once
            "itemStyle": {"color": "rgba(0,0,0,0)", "borderColor": OUTCOME_COLOUR, "borderWidth": 2,
                          "borderType": "dashed"},
            "label": {"formatter": t("chart.indicative_value")},
        }


LABEL_DISTANCE = 5  # px between a bar and its label (ECharts' default)
TALLEST_PLOT = 240  # px: the plot's height in the tallest layout (layouts.PLOT_HEIGHT)


def _labels_clear_of_the_line(series: dict, line: float, low: float, high: float) -> None:
    """A bar whose top is just under the target line has its label lifted over the line, so that the line
    never strikes through the figure: by the gap in the tallest plot, which is more than enough in the others."""
    for index, item in enumerate(series["data"]):
        value = item.get("value") if isinstance(item, dict) else item
        if value is None or high <= low:
            continue
        gap = (line - value) / (high - low)
        if 0 <= gap < 0.12:
            entry = item if isinstance(item, dict) else {"value": value}
            entry["label"] = {**entry.get("label", {}), "distance": math.ceil(gap * TALLEST_PLOT) + LABEL_DISTANCE + 3}
            series["data"][index] = entry


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


def charts_for_indicator(indicator: Indicator, data: TargetsFile, t: Strings, lang: str) -> list[ChartSpec]:
    return [target_chart(indicator, target, data, t, lang) for target in indicator.targets]
