"""Overview charts: how many targets have each status (home and area pages), how many have any reported
outcome, and each annex category's targets, each with its outcomes on its own axis (the indicators page).

Status is never shown by colour alone: every status bar carries its name, and the colours
(Okabe-Ito) stay distinct for colour-blind readers.
"""

from __future__ import annotations

import math

from pyecharts import options as opts
from pyecharts.charts import Bar

from site_builder.charts.layouts import count_layouts
from site_builder.charts.spec import (
    BAND_COLOUR,
    OUTCOME_COLOUR,
    REFERENCE_COLOUR,
    STATUS_COLOURS,
    TARGET_COLOUR,
    WIDTH,
    ChartOptions,
    ChartSpec,
    TableRow,
    axis_scale,
    by_period,
    dumped_options,
    init_options,
    latest_period,
    unit_name_of,
)
from site_builder.model.statements import target_rule, unit_of, verdict_line
from site_builder.model.status import STATUSES, Verdict, band, count_statuses, evaluate, mismatch, pair_mismatch
from site_builder.model.urls import INDICATORS_SLUG
from site_builder.sources.i18n import Strings, format_quantity
from site_builder.sources.schema import Category, TargetsFile


def status_summary(verdicts: list[Verdict], t: Strings) -> str:
    counts = count_statuses(verdicts)
    return t("list_separator").join(f"{t(f'status.{s}')} {n}" for s, n in counts.items() if n)


# The category chart: one row per target, each on its own axis in its own unit (small multiples), so no
# figure is ever divided by another: a growth rate as a "percentage of its target" says nothing true.
ROW_HEIGHT = 64
LABEL_WIDTH = 190
# Symbols, so the kind of figure is never told by colour alone: full year filled, interim hollow, a figure
# of another measure or basis (indicative only) a diamond; a reference indicator's figure a grey square.
SYMBOLS = {(True, True): "circle", (False, True): "emptyCircle", (True, False): "diamond",
           (False, False): "emptyDiamond"}


def _nice_bounds(values: list[float]) -> tuple[float, float]:
    """An axis from a round number below the figures to one above them, a little wider than they span,
    so that the target line and every dot sit inside and the end labels are round."""
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    span = (high - low) or abs(high) or 1.0
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude)
    bottom, top = math.floor((low - span * 0.1) / step) * step, math.ceil((high + span * 0.1) / step) * step
    return round(bottom, 6), round(top, 6)


def category_chart(category: Category, data: TargetsFile, t: Strings, lang: str) -> ChartSpec:
    """Every target of a category, each against its own target line (or band) in its own unit."""
    rows: list[TableRow] = []
    verdicts: list[Verdict] = []
    records: list[dict] = []
    sources: set[str] = set()
    grids: list[dict] = []
    x_axes: list[dict] = []
    y_axes: list[dict] = []
    series: list[dict] = []
    graphics: list[dict] = []
    members = [(i, tg) for i in data.indicators if i.category == category.id for tg in i.targets]
    for index, (indicator, target) in enumerate(members):
        verdict = evaluate(target, indicator.direction, data)
        verdicts.append(verdict)
        label = indicator.name.get(lang) + (f" · {target.label.get(lang)}" if len(indicator.targets) > 1
                                            and target.label else "")
        unit = unit_of(target, data, indicator.unit)
        line = verdict_line(target, verdict, data, t, lang, indicator.unit)
        outcomes = [o for o in by_period(target.outcomes) if o.year == data.plan.year]
        reference = data.indicator(target.reference)
        theirs = {(o.period, o.year): o for o in (reference.targets[0].outcomes if reference else ())}
        paired = [theirs[(o.period, o.year)] for o in outcomes if (o.period, o.year) in theirs]
        values = [float(o.value) for o in [*outcomes, *paired]]
        found = band(target, data)
        width = found[0] if found and target.kind == "about" else 0.0
        if target.value is not None:
            values += [float(target.value) - width, float(target.value) + width]
        scale, unit_words = axis_scale(unit.kind, unit_name_of(unit, lang), values, lang)
        top = 28 + index * ROW_HEIGHT
        grids.append({"left": LABEL_WIDTH, "right": 24, "top": top, "height": ROW_HEIGHT - 36})
        rule = target_rule(target, data, t, lang)
        row_name = f"{label}\n{t('chart.target_line', rule=rule)}"
        y_axes.append({"type": "category", "gridIndex": index, "data": [row_name],
                       "axisTick": {"show": False}, "axisLine": {"show": False},
                       # Clear of the value axis's first label, which is centred on the plot's left edge.
                       "axisLabel": {"interval": 0, "width": LABEL_WIDTH - 36, "margin": 28, "overflow": "break",
                                     "lineHeight": 14}})
        low, high = _nice_bounds([v / scale for v in values])
        suffix = "%" if unit.kind == "percent" else ""
        x_axes.append({"type": "value", "gridIndex": index, "show": bool(values), "scale": True,
                       "min": low, "max": high,
                       "axisLabel": {"formatter": "{value}" + suffix, "hideOverlap": True},
                       "splitLine": {"lineStyle": {"color": "#e6e6e6"}},
                       # The row's label states the unit with the rule; only a scaled axis (万, million) says more.
                       "name": unit_words if scale != 1 else "", "nameGap": 4})
        points = []
        for o in outcomes:
            judged = o is verdict.outcome
            # For "in step with" a figure is indicative when it cannot be set against the reference's.
            other = theirs.get((o.period, o.year)) if reference is not None else None
            comparable = (pair_mismatch(o, other) if other is not None else mismatch(o)) == ""
            symbol = SYMBOLS[(o.period == "year", comparable)]
            colour = STATUS_COLOURS[verdict.status] if judged else OUTCOME_COLOUR
            words = f"{t(f'period.{o.period}', year=o.year)} {format_quantity(o.value, unit, lang)}"
            points.append({"value": [round(o.value / scale, 6), 0], "symbol": symbol, "symbolSize": 13,
                           "name": words, "itemStyle": {"color": colour, "borderColor": colour, "borderWidth": 2},
                           "label": {"show": judged, "position": "top", "formatter": words}})
        mark: dict = {}
        if target.value is not None:
            mark["markLine"] = {"symbol": ["none", "none"], "silent": True, "label": {"show": False},
                                "lineStyle": {"color": TARGET_COLOUR, "width": 2, "type": "dashed"},
                                "data": [{"xAxis": round(target.value / scale, 6), "name": t("chart.target")}]}
            if width:
                mark["markArea"] = {"silent": True, "itemStyle": {"color": BAND_COLOUR},
                                    "data": [[{"xAxis": round((target.value - width) / scale, 6)},
                                              {"xAxis": round((target.value + width) / scale, 6)}]]}
        series.append({"type": "scatter", "name": label, "xAxisIndex": index, "yAxisIndex": index, "data": points,
                       **mark})
        if paired and reference is not None:
            ref_unit = unit_of(reference.targets[0], data, reference.unit)
            series.append({"type": "scatter", "name": reference.name.get(lang), "xAxisIndex": index,
                           "yAxisIndex": index, "symbol": "rect", "symbolSize": 11,
                           "itemStyle": {"color": REFERENCE_COLOUR},
                           "data": [{"value": [round(r.value / scale, 6), 0],
                                     "name": f"{reference.name.get(lang)} {format_quantity(r.value, ref_unit, lang)}"}
                                    for r in paired]})
        if not outcomes:
            # Said in words in the row itself, never only by an empty plot.
            graphics.append({"type": "text", "left": LABEL_WIDTH + 8, "top": top + (ROW_HEIGHT - 36) / 2 - 8,
                             "silent": True, "style": {"text": t(f"status.{verdict.status}"), "fontSize": 13,
                                                       "fill": "#555555"}})
        shown = t("list_separator").join(
            f"{t(f'period.{o.period}', year=o.year)} {format_quantity(o.value, unit, lang)}" for o in outcomes
        ) or "—"
        rows.append(TableRow(label, shown, note=line))
        records.extend(
            {"indicator_id": indicator.id, "target_id": target.id, "indicator": label, "target": rule,
             "period": o.period, "year": o.year, "value": o.value, "unit": unit_name_of(unit, lang),
             "comparability": o.comparability, "price_basis": o.prices or "", "judged": o is verdict.outcome,
             "status": verdict.status, "status_label": t(f"status.{verdict.status}"), "statement": line}
            for o in outcomes
        )
        if not outcomes:
            records.append({"indicator_id": indicator.id, "target_id": target.id, "indicator": label, "target": rule,
                            "period": "", "year": None, "value": None, "unit": unit_name_of(unit, lang),
                            "comparability": "", "price_basis": "", "judged": False, "status": verdict.status,
                            "status_label": t(f"status.{verdict.status}"), "statement": line})
        sources.update(o.source for o in outcomes)
    name = category.name.get(lang)
    description = t("chart.describe_category", name=name, count=len(rows), summary=status_summary(verdicts, t))
    dom_id = f"chart-category-{category.id}"
    options = dumped_options(Bar(init_opts=init_options(dom_id, description)))
    options.update({"grid": grids, "xAxis": x_axes, "yAxis": y_axes, "series": series,
                    "legend": {"show": False}})
    options["tooltip"] = {**options.get("tooltip", {}), "trigger": "item", "className": "chart-tooltip"}
    if graphics:
        options["graphic"] = graphics
    height = 40 + ROW_HEIGHT * len(members)
    head = (t("indicators.name"), t("chart.category_outcomes"), t("table.note"))
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
    chart = Bar(init_opts=init_options(dom_id, description))
    chart.add_xaxis(names[::-1])
    chart.add_yaxis(what, items[::-1], bar_max_width=24)
    chart.reversal_axis()
    chart.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=False),
        tooltip_opts=opts.TooltipOpts(trigger="item"),
        xaxis_opts=opts.AxisOpts(min_=0, min_interval=1),
        yaxis_opts=opts.AxisOpts(type_="category"),
    )
    options = dumped_options(chart)
    options["grid"] = {"left": 8, "right": 110, "top": 16, "bottom": 24, "containLabel": True}
    rows = tuple(TableRow(t(f"status.{s}"), str(counts[s])) for s in STATUSES)
    head = (t("table.status"), t("table.count"), "")
    records = tuple({"status": s, "status_label": t(f"status.{s}"), "count": counts[s]} for s in STATUSES)
    sources = tuple(sorted({v.outcome.source for v in verdicts if v.outcome is not None}))
    return ChartSpec(dom_id, title, "", description, ChartOptions(options), head, rows, None,
                     WIDTH, 60 + 34 * len(STATUSES), home=home, records=records, sources=sources,
                     as_of=latest_period([v.outcome for v in verdicts if v.outcome], t),
                     layouts=count_layouts(len(STATUSES), 34, 60))


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
    chart = Bar(init_opts=init_options("chart-reporting", description))
    chart.add_xaxis(labels[::-1])
    chart.add_yaxis(t("chart.indicators"), items[::-1], bar_max_width=28)
    chart.reversal_axis()
    chart.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=False),
        xaxis_opts=opts.AxisOpts(min_=0, max_=len(data.indicators), min_interval=1),
        yaxis_opts=opts.AxisOpts(type_="category"),
    )
    options = dumped_options(chart)
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
                     home="", records=records, sources=sources, as_of=latest_period(outcomes, t),
                     layouts=count_layouts(2, 45, 60))
