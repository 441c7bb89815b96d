"""A target's multi-year chart: one chart shows every year's target and outcome together, for one track
across the plan years (model/track.py), oldest plan year first.

Each year is a column: the target as that year's plan set it (a line across the column at its figure,
with the site's band shaded for "about"), and the outcome that year's verdict rests on, as a bar with its value
(hollow and dashed when it is only indicative, hatched when it covers part of the year). A year with no
outcome has no bar: nothing is drawn that the data does not hold, and its row in the table says it is
not yet reported. A year whose target is in another unit than the latest year's cannot share the axis:
it is left out of the drawing, and the description and its row say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from pyecharts import options as opts
from pyecharts.charts import Bar

from site_builder.charts.options import _merge_layout
from site_builder.charts.spec import (
    BAND_COLOUR,
    OUTCOME_COLOUR,
    TARGET_COLOUR,
    WIDTH,
    ChartOptions,
    ChartSpec,
    TableRow,
    _nice_max,
    axis_scale,
    dumped_options,
    init_options,
    latest_period,
    unit_name_of,
)
from site_builder.charts.track_layouts import TrackShape, Year, track_layouts
from site_builder.model.statements import (
    judged_target,
    outcome_words,
    reading_words,
    status_words,
    target_rule,
    verdict_line,
)
from site_builder.model.status import about_tolerance
from site_builder.model.track import Step, Track
from site_builder.model.urls import TRACK_RECORD_SLUG
from site_builder.sources.i18n import Strings, format_number
from site_builder.sources.schema import NUMERIC_KINDS, Outcome, TargetsFile, Unit

# A figure that cannot be judged (another measure or basis) is drawn hollow and dashed, as the target
# charts draw it; one for part of the year is hatched, so neither is read as a full-year figure of the
# target's own measure, even where its label is too long to say so.
INDICATIVE_STYLE = {"color": "rgba(0,0,0,0)", "borderColor": OUTCOME_COLOUR, "borderWidth": 2, "borderType": "dashed"}
INTERIM_STYLE = {"color": OUTCOME_COLOUR, "decal": {"symbol": "rect", "dashArrayX": [1, 0], "dashArrayY": [3, 4],
                                                    "rotation": 0.785, "color": "rgba(255,255,255,0.65)"}}
FULL_STYLE = {"color": OUTCOME_COLOUR}
# A target's line is an area of no height across its year's column (a marker line cannot span a category),
# solid: a dashed outline of no height is drawn there and back, its dashes filling each other's gaps.
LINE_STYLE = {"color": "rgba(0,0,0,0)", "borderColor": TARGET_COLOUR, "borderWidth": 2, "borderType": "solid"}
BAND_STYLE = {"color": BAND_COLOUR, "borderWidth": 0}


def _name(step: Step, lang: str) -> str:
    """What the track measures, as its latest year's plan names it."""
    target = step.target
    if step.indicator is not None:
        name = step.indicator.name.get(lang)
        several = len(step.indicator.targets) > 1
        return f"{name} · {target.label.get(lang)}" if several and target.label else name
    return target.label.get(lang) if target.label else target.id


def _outcome_unit(step: Step, data: TargetsFile) -> str | None:
    """The unit of the outcome a step's verdict rests on: its own, or the annex target's it repeats."""
    return judged_target(step.target, data, step.unit)[1]


def _marks(step: Step, unit: Unit) -> tuple[float | None, tuple[float, float] | None]:
    """A step's target on the value axis, in its own unit: the line at its figure, and the band the site
    reads into "about" (its tolerance in the data, else the site's default)."""
    target = step.target
    if target.kind not in NUMERIC_KINDS or target.value is None:
        return None, None
    band = None
    if target.kind == "about":
        tolerance = about_tolerance(target, unit)
        band = (round(target.value - tolerance, 6), round(target.value + tolerance, 6))
    return float(target.value), band


def _figure(value: float, scale: float) -> str:
    """A figure in the value axis's unit (万, million), exactly: 1236587 in millions is 1.236587, never
    a rounded 1.24."""
    exact = (Decimal(str(value)) / Decimal(str(scale))).normalize() + 0  # + 0: never "-0"
    return f"{exact:f}"


def _labels(outcome: Outcome, scale: float, indicative: bool, t: Strings) -> tuple[str, ...]:
    """An outcome's label, longest first: its figure with what it is (part of the year, indicative) in one
    line and in two, then the bare figure, which the bar's style still marks."""
    figure = _figure(outcome.value, scale)
    notes = [*([t(f"track_chart.interim_{outcome.period}")] if outcome.period != "year" else []),
             *([t("track_chart.indicative_note")] if indicative else [])]
    if not notes:
        return (figure,)
    words = t("track_chart.notes_separator").join(notes)
    return (t("track_chart.value_note", value=figure, notes=words),
            f"{figure}\n{t('track_chart.note_line', notes=words)}", figure)


def track_chart(track: Track, plans: Mapping[int, TargetsFile], t: Strings, lang: str, dom_id: str) -> ChartSpec:
    """One track's chart: each plan year's target and outcome, oldest year first, on one value axis."""
    steps = track.steps
    latest = track.latest
    axis_unit_id = latest.unit or next((s.unit for s in reversed(steps) if s.unit), None)
    axis_unit = plans[latest.year].unit(axis_unit_id) if axis_unit_id else None
    shown = [s for s in steps if s.unit in (None, axis_unit_id)]
    left_out = [s for s in steps if s.unit not in (None, axis_unit_id)]
    charted = {s.year for s in shown}
    title = t("track_chart.title", name=_name(latest, lang))
    year_words = {s.year: t("track_chart.year", year=s.year) for s in steps}

    rows, records, lines = [], [], []
    for step in steps:
        data = plans[step.year]
        unit = data.unit(step.unit)
        outcome = step.verdict.outcome
        outcome_unit = data.unit(_outcome_unit(step, data))
        rule = target_rule(step.target, data, t, lang)
        band = _marks(step, unit)[1] if unit is not None else None
        notes = [] if step.verdict.status == "not_reported" else [status_words(step.verdict, t)]
        if step.target.kind == "about":
            notes.append(reading_words(step.target, step.verdict, data, t, lang))
        if step.year not in charted and unit is not None and axis_unit is not None:
            notes.append(t("track_chart.not_charted", unit=unit_name_of(unit, lang),
                           axis_unit=unit_name_of(axis_unit, lang)))
        if outcome is None:
            value = t("status.not_reported")
        else:
            figure = (outcome_words(outcome, outcome_unit, t, lang) if outcome_unit is not None
                      else format_number(outcome.value, lang))
            value = t("verdict.outcome_in", period=t(f"period.{outcome.period}", year=outcome.year), value=figure)
        rows.append(TableRow(t("track_chart.row_label", year=year_words[step.year], rule=rule), value,
                             f"{step.year}/{outcome.source}" if outcome else "",
                             t("list_separator").join(w for w in notes if w)))
        records.append({
            "plan_year": step.year, "target_id": step.target.id, "target_kind": step.target.kind,
            "target": rule, "target_value": step.target.value,
            # For "about": the site's band, from the target's tolerance in the data or the site's default.
            "target_low": band[0] if band else None, "target_high": band[1] if band else None,
            "band_from": "" if band is None else "data" if step.target.tolerance is not None else "site_default",
            "unit": unit_name_of(unit, lang) if unit else "",
            "outcome_value": outcome.value if outcome else None, "outcome_period": outcome.period if outcome else "",
            "outcome_year": outcome.year if outcome else None, "outcome_source_id": outcome.source if outcome else "",
            "comparability": outcome.comparability if outcome else "",
            "status": step.verdict.status, "status_label": t(f"status.{step.verdict.status}"),
            "charted": step.year in charted,
        })
        unit_id = step.indicator.unit if step.indicator is not None else step.unit
        lines.append(t("track_chart.describe_year", year=year_words[step.year],
                       line=verdict_line(step.target, step.verdict, data, t, lang, unit_id)))

    parts = [t("track_chart.describe", name=_name(latest, lang), first=year_words[steps[0].year],
               last=year_words[latest.year]), *lines]
    if left_out and axis_unit is not None:
        parts.append(t("track_chart.describe_left_out", years=t("list_separator").join(
            year_words[s.year] for s in left_out), axis_unit=unit_name_of(axis_unit, lang)))
    description = ("" if lang == "zh" else " ").join(parts)
    outcomes = [s.verdict.outcome for s in steps if s.verdict.outcome is not None]
    head = (t("track_chart.head_target"), t("track_chart.head_outcome"), t("track_chart.head_source"))
    spec = ChartSpec(dom_id, title, t("track_chart.subtitle"), description, None, head, tuple(rows), None,
                     home=TRACK_RECORD_SLUG, records=tuple(records),
                     # "2025/R1": a source of that year's plan (each plan numbers its own sources)
                     sources=tuple(sorted({f"{s.year}/{s.verdict.outcome.source}" for s in steps
                                           if s.verdict.outcome is not None})),
                     as_of=latest_period(outcomes, t), folder=TRACK_RECORD_SLUG + "/")
    if axis_unit is None:
        return spec  # no year's target has a unit: nothing can be drawn
    return _drawn(spec, shown, plans, axis_unit, year_words, t, lang)


def _drawn(spec: ChartSpec, shown: list[Step], plans: Mapping[int, TargetsFile], unit: Unit,
           year_words: dict[int, str], t: Strings, lang: str) -> ChartSpec:
    """The spec with the drawing of the years `shown`, when any of them has a target's figure or an
    outcome to draw."""
    marks = {s.year: _marks(s, unit) for s in shown}
    drawn = {s.year: s.verdict.outcome for s in shown if s.verdict.outcome is not None
             and _outcome_unit(s, plans[s.year]) == unit.id}
    extent = [float(o.value) for o in drawn.values()]
    for line, band in marks.values():
        extent += [*([line] if line is not None else []), *(band or ())]
    if not extent:
        return spec
    scale, axis_name = axis_scale(unit.kind, unit_name_of(unit, lang), extent, lang)
    top = _nice_max(max([0.0, *[v / scale for v in extent]]) * 1.15)
    # A fall (a negative outcome or target) is drawn below zero, never cut off by the axis.
    lowest = min([0.0, *[v / scale for v in extent]])
    bottom = -_nice_max(-lowest * 1.15) if lowest < 0 else 0.0

    def on_axis(value: float | None) -> float | None:
        return None if value is None else round(value / scale, 6)

    years = []
    for step in shown:
        line, band = marks[step.year]
        outcome = drawn.get(step.year)
        value = on_axis(outcome.value) if outcome is not None else None
        indicative = step.verdict.status == "indicative"
        style = INDICATIVE_STYLE if indicative else INTERIM_STYLE if outcome and outcome.period != "year" \
            else FULL_STYLE
        scaled_band = (round(band[0] / scale, 6), round(band[1] / scale, 6)) if band else None
        years.append(Year(
            name=year_words[step.year], rule=target_rule(step.target, plans[step.year], t, lang),
            value=value, labels=_labels(outcome, scale, indicative, t) if outcome is not None else (),
            style=style, line=on_axis(line), band=scaled_band,
        ))

    chart = Bar(init_opts=init_options(spec.dom_id, spec.description))
    chart.add_xaxis([year.name for year in years])
    chart.add_yaxis(t("track_chart.legend_outcome"), [year.value for year in years], color=OUTCOME_COLOUR,
                    label_opts=opts.LabelOpts(is_show=True, position="top"),
                    markarea_opts=opts.MarkAreaOpts(is_silent=True, label_opts=opts.LabelOpts(is_show=False)),
                    bar_max_width=40)
    chart.set_global_opts(
        legend_opts=opts.LegendOpts(is_show=True, pos_top="0"),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
        yaxis_opts=opts.AxisOpts(name=axis_name, min_=bottom, max_=top),
        xaxis_opts=opts.AxisOpts(type_="category"),
    )
    options = dumped_options(chart)
    # The outcome's entry only over a full-year bar of the target's own measure: the others have their own.
    full = any(y.style is FULL_STYLE for y in years if y.value is not None)
    legend: list[dict] = [{"name": t("track_chart.legend_outcome")}] if full else []
    # The legend's other entries are series of no data, each drawing its icon as the marks it names.
    extra: list[tuple[str, str, dict]] = []
    if any(y.style is INTERIM_STYLE for y in years if y.value is not None):
        extra.append((t("track_chart.legend_interim"), "rect", INTERIM_STYLE))
    if any(y.style is INDICATIVE_STYLE for y in years if y.value is not None):
        extra.append((t("track_chart.legend_indicative"), "rect", INDICATIVE_STYLE))
    if any(y.band is not None for y in years):
        extra.append((t("track_chart.legend_band"), "rect", {"color": BAND_COLOUR}))
    for name, symbol, style in extra:
        options["series"].append({"type": "scatter", "name": name, "data": [], "symbol": symbol, "silent": True,
                                  "itemStyle": style})
        legend.append({"name": name})
    if any(y.line is not None for y in years):
        name = t("track_chart.legend_target")
        options["series"].append({"type": "line", "name": name, "data": [], "symbol": "none", "silent": True,
                                  "lineStyle": {"color": TARGET_COLOUR, "type": "solid", "width": 2},
                                  "itemStyle": {"color": TARGET_COLOUR}})
        legend.append({"name": name, "itemStyle": {"opacity": 0}})  # a line alone, no dot on it
    shape = TrackShape(years=tuple(years), legend=tuple(legend), axis_name=axis_name, bounds=(bottom, top),
                       line_style=LINE_STYLE, band_style=BAND_STYLE)
    widest, layouts = track_layouts(shape)
    _merge_layout(options, widest)
    return replace(spec, options=ChartOptions(options), layouts=layouts, width=WIDTH, height=layouts[-1].height)
