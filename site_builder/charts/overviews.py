"""Overview charts: how many targets have each status (home and area pages), how many have any reported
outcome, and each annex category's targets, each with its outcomes on its own axis (the indicators page).

Status is never shown by colour alone: every status bar carries its name, and the colours
(Okabe-Ito) stay distinct for colour-blind readers.
"""

from __future__ import annotations

from pyecharts import options as opts
from pyecharts.charts import Bar

from site_builder.charts.overview_layouts import (
    CategoryRow,
    category_layouts,
    count_layouts,
    merged,
)
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
from site_builder.charts.text_fit import SMALLEST_TEXT
from site_builder.model.statements import target_rule, unit_of, verdict_line
from site_builder.model.status import STATUSES, Verdict, band, count_statuses, evaluate, mismatch, pair_mismatch
from site_builder.model.urls import INDICATORS_SLUG
from site_builder.sources.i18n import Strings, format_quantity
from site_builder.sources.schema import Category, TargetsFile


def status_summary(verdicts: list[Verdict], t: Strings) -> str:
    counts = count_statuses(verdicts)
    return t("list_separator").join(f"{t(f'status.{s}')} {n}" for s, n in counts.items() if n)


# The category chart: one row per target, each on its own axis in its own unit (small multiples), so no
# figure is ever divided by another: a growth rate as a "percentage of its target" says nothing true. Where
# each row's label, panel and axis go at each width is overview_layouts.py's.
# Symbols, so the kind of figure is never told by colour alone: full year filled, interim hollow, a figure
# of another measure or basis (indicative only) a diamond; a reference indicator's figure a grey square.
SYMBOLS = {(True, True): "circle", (False, True): "emptyCircle", (True, False): "diamond",
           (False, False): "emptyDiamond"}


def category_chart(category: Category, data: TargetsFile, t: Strings, lang: str) -> ChartSpec:
    """Every target of a category, each against its own target line (or band) in its own unit."""
    rows: list[TableRow] = []
    verdicts: list[Verdict] = []
    records: list[dict] = []
    sources: set[str] = set()
    x_axes: list[dict] = []
    y_axes: list[dict] = []
    series: list[dict] = []
    layout_rows: list[CategoryRow] = []
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
        rule = target_rule(target, data, t, lang)
        row_name = f"{label}\n{t('chart.target_line', rule=rule)}"
        # The row's label is drawn as text of its own (graphic), wrapped for each width; the axis keeps the
        # row's name for the live chart's tooltip and for anyone reading the options.
        y_axes.append({"type": "category", "gridIndex": index, "data": [row_name],
                       "axisTick": {"show": False}, "axisLine": {"show": False},
                       "axisLabel": {"show": False, "interval": 0}})
        suffix = "%" if unit.kind == "percent" else ""
        x_axes.append({"type": "value", "gridIndex": index, "show": bool(values), "scale": True,
                       "axisLabel": {"formatter": "{value}" + suffix, "hideOverlap": True, "margin": 6,
                                     "fontSize": SMALLEST_TEXT, "alignMinLabel": "left", "alignMaxLabel": "right"},
                       "splitLine": {"lineStyle": {"color": "#e6e6e6"}},
                       # The row's label states the unit with the rule; only a scaled axis (万, million) says
                       # more, under its labels.
                       "name": unit_words if scale != 1 else "", "nameLocation": "middle", "nameGap": 22,
                       "nameTextStyle": {"fontSize": SMALLEST_TEXT}})
        judged_words = ""
        points = []
        for o in outcomes:
            judged = o is verdict.outcome
            # For "in step with" a figure is indicative when it cannot be set against the reference's.
            other = theirs.get((o.period, o.year)) if reference is not None else None
            comparable = (pair_mismatch(o, other) if other is not None else mismatch(o)) == ""
            symbol = SYMBOLS[(o.period == "year", comparable)]
            colour = STATUS_COLOURS[verdict.status] if judged else OUTCOME_COLOUR
            words = f"{t(f'period.{o.period}', year=o.year)} {format_quantity(o.value, unit, lang)}"
            judged_words = words if judged else judged_words
            points.append({"value": [round(o.value / scale, 6), 0], "symbol": symbol, "symbolSize": 13,
                           "name": words, "itemStyle": {"color": colour, "borderColor": colour, "borderWidth": 2},
                           "label": {"show": judged, "formatter": words}})
        mark: dict = {}
        if target.value is not None:
            mark["markLine"] = {"symbol": ["none", "none"], "silent": True, "label": {"show": False},
                                "lineStyle": {"color": TARGET_COLOUR, "width": 2, "type": "dashed"},
                                "data": [{"xAxis": round(target.value / scale, 6), "name": t("chart.target")}]}
            if width:
                mark["markArea"] = {"silent": True, "itemStyle": {"color": BAND_COLOUR},
                                    "data": [[{"xAxis": round((target.value - width) / scale, 6)},
                                              {"xAxis": round((target.value + width) / scale, 6)}]]}
        layout_rows.append(CategoryRow(
            label, t("chart.target_line", rule=rule), tuple(v / scale for v in values), suffix, scale != 1,
            len(series), round(verdict.outcome.value / scale, 6) if judged_words and verdict.outcome else None,
            judged_words, "" if outcomes else t(f"status.{verdict.status}")))
        series.append({"type": "scatter", "name": label, "xAxisIndex": index, "yAxisIndex": index, "data": points,
                       "label": {"position": "top", "fontSize": SMALLEST_TEXT}, **mark})
        if paired and reference is not None:
            ref_unit = unit_of(reference.targets[0], data, reference.unit)
            series.append({"type": "scatter", "name": reference.name.get(lang), "xAxisIndex": index,
                           "yAxisIndex": index, "symbol": "rect", "symbolSize": 11,
                           "itemStyle": {"color": REFERENCE_COLOUR},
                           "data": [{"value": [round(r.value / scale, 6), 0],
                                     "name": f"{reference.name.get(lang)} {format_quantity(r.value, ref_unit, lang)}"}
                                    for r in paired]})
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
    widest, layouts = category_layouts(layout_rows)
    placed = widest["series"] + [{}] * (len(series) - len(widest["series"]))
    options.update({"grid": widest["grid"], "yAxis": y_axes, "legend": {"show": False},
                    # Each row's name and target, and the status in words of a row with no figure (never
                    # only an empty plot), as texts of their own: wrapped, and placed, for each width.
                    "graphic": widest["graphic"],
                    "xAxis": [merged(a, b) for a, b in zip(x_axes, widest["xAxis"], strict=True)],
                    "series": [merged(a, b) for a, b in zip(series, placed, strict=True)]})
    options["tooltip"] = {**options.get("tooltip", {}), "trigger": "item", "className": "chart-tooltip"}
    head = (t("indicators.name"), t("chart.category_outcomes"), t("table.note"))
    return ChartSpec(dom_id, t("chart.category_title", name=name), t("chart.category_subtitle"), description,
                     ChartOptions(options), head, tuple(rows), None, WIDTH, layouts[-1].height,
                     home=INDICATORS_SLUG, records=tuple(records), sources=tuple(sorted(sources)),
                     as_of=latest_period([v.outcome for v in verdicts if v.outcome], t), layouts=layouts)


def with_count_layout(options: dict, widest: dict) -> dict:
    """A count chart's options with its widest layout's placing of bars and labels merged in."""
    options["grid"] = widest["grid"]
    for key in ("xAxis", "yAxis", "series"):
        options[key] = [merged(a, b) for a, b in zip(options[key], widest[key], strict=True)]
    return options


def status_count_chart(
    dom_id: str, title: str, verdicts: list[Verdict], t: Strings, lang: str, what: str, home: str
) -> ChartSpec:
    """How many targets have each status: the shape of a plan's delivery in one glance."""
    counts = count_statuses(verdicts)
    names = [t(f"status.{s}") for s in STATUSES]
    labels = [f"{t(f'status.{s}')} {counts[s]}" for s in STATUSES]
    items = [
        {"value": counts[s], "itemStyle": {"color": STATUS_COLOURS[s]},
         "label": {"formatter": label}}
        for s, label in zip(STATUSES, labels, strict=True)
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
    widest, layouts = count_layouts(labels)
    options = with_count_layout(dumped_options(chart), widest)
    rows = tuple(TableRow(t(f"status.{s}"), str(counts[s])) for s in STATUSES)
    head = (t("table.status"), t("table.count"), "")
    records = tuple({"status": s, "status_label": t(f"status.{s}"), "count": counts[s]} for s in STATUSES)
    sources = tuple(sorted({v.outcome.source for v in verdicts if v.outcome is not None}))
    return ChartSpec(dom_id, title, "", description, ChartOptions(options), head, rows, None,
                     WIDTH, layouts[-1].height, home=home, records=records, sources=sources,
                     as_of=latest_period([v.outcome for v in verdicts if v.outcome], t), layouts=layouts)


def reporting_chart(data: TargetsFile, t: Strings, lang: str) -> ChartSpec:
    """How many annex indicators have any reported outcome: the transparency gap is news too."""
    reported = sum(1 for i in data.indicators if any(tg.outcomes for tg in i.targets))
    missing = len(data.indicators) - reported
    title = t("chart.reporting_title")
    description = t("chart.describe_reporting", total=len(data.indicators), reported=reported, missing=missing)
    labels = [t("chart.reported"), t("status.not_reported")]
    words = [f"{labels[0]} {reported}", f"{labels[1]} {missing}"]
    items = [
        {"value": reported, "itemStyle": {"color": STATUS_COLOURS["met"]}, "label": {"formatter": words[0]}},
        {"value": missing, "itemStyle": {"color": STATUS_COLOURS["not_reported"]}, "label": {"formatter": words[1]}},
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
    widest, layouts = count_layouts(words)
    options = with_count_layout(dumped_options(chart), widest)
    rows = (TableRow(labels[0], str(reported)), TableRow(labels[1], str(missing)))
    head = (t("table.status"), t("chart.indicators"), "")
    records = (
        {"group": "reported", "label": labels[0], "indicators": reported},
        {"group": "not_reported", "label": labels[1], "indicators": missing},
    )
    sources = tuple(sorted({o.source for i in data.indicators for tg in i.targets for o in tg.outcomes}))
    outcomes = [o for i in data.indicators for tg in i.targets for o in tg.outcomes]
    return ChartSpec("chart-reporting", title, "", description, ChartOptions(options), head, rows, None, WIDTH,
                     layouts[-1].height, home="", records=records, sources=sources, as_of=latest_period(outcomes, t),
                     layouts=layouts)
