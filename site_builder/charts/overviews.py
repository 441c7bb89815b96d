"""Overview charts: how many targets have each status (home and area pages), how many have any reported
outcome, and each annex category's outcomes against their targets (the indicators page).

Status is never shown by colour alone: every status bar carries its name, and the colours
(Okabe-Ito) stay distinct for colour-blind readers.
"""

from __future__ import annotations

from pyecharts import options as opts
from pyecharts.charts import Bar

from site_builder.charts.options import share_of_target
from site_builder.charts.spec import (
    STATUS_COLOURS,
    TARGET_COLOUR,
    WIDTH,
    ChartOptions,
    ChartSpec,
    TableRow,
    _dump,
    _init,
    latest_period,
)
from site_builder.model.statements import verdict_line
from site_builder.model.status import STATUSES, Verdict, count_statuses, evaluate
from site_builder.model.urls import INDICATORS_SLUG
from site_builder.sources.i18n import Strings, format_number
from site_builder.sources.schema import Category, TargetsFile


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
