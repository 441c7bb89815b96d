"""The overview charts laid out for each width they are drawn at (`spec.LAYOUT_WIDTHS`).

Every text is placed where it fits by `text_fit.text_width`, never by the drawing's own measure; labels
are wrapped here, line by line, and rows are as tall as their labels make them.

- Category charts: one panel per target. From `SIDE_BY_SIDE` px wide a row's label sits in a column left
  of its panel; narrower, it spans the chart above its panel. The value axis has as few ticks as fit.
- Count charts (statuses, reporting): each bar's label names its status and count, so the category axis
  shows nothing; wide, the label follows its bar, with a right margin made for the longest label; narrow,
  it sits above its bar, and the bars take the whole width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from site_builder.charts.spec import LAYOUT_WIDTHS, ChartOptions, Layout
from site_builder.charts.text_fit import SMALLEST_TEXT, text_width, wrap

WIDEST = LAYOUT_WIDTHS[-1]

def merged(base: dict, patch: dict) -> dict:
    """`patch` over `base` as ECharts merges plain objects: key by key, nested objects recursively."""
    out = dict(base)
    for key, value in patch.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def layouts_from(geometry: dict[int, tuple[dict, int]]) -> tuple[Layout, ...]:
    """One Layout per width from each width's (patch, height); the widest is the chart's own options."""
    return tuple(Layout(width, height, None if width == WIDEST else ChartOptions(patch))
                 for width, (patch, height) in sorted(geometry.items()))


# -- count charts --------------------------------------------------------------------------------------

COUNT_NARROW = 540  # below this width a bar's label sits above it


def count_geometry(labels: list[str], width: int) -> tuple[dict, int]:
    """The options that place one count chart's bars and labels at `width`, and its height there."""
    rows = len(labels)
    longest = max(text_width(label, SMALLEST_TEXT) for label in labels)
    axis = {"splitNumber": 3 if width < COUNT_NARROW else 5,
            "axisLabel": {"fontSize": SMALLEST_TEXT, "hideOverlap": True}}
    label: dict = {"show": True, "fontSize": SMALLEST_TEXT, "distance": 6}
    if width < COUNT_NARROW:  # each label above its bar, from the bar's start: the bars take the width
        top, per_row, bar = 24, 42, 16
        grid = {"left": 10, "right": 14, "top": top, "bottom": 28, "containLabel": False}
        label |= {"position": [0, -4], "align": "left", "verticalAlign": "bottom"}
    else:  # each label after its bar, in a margin as wide as the longest
        top, per_row, bar = 12, 34, 22
        grid = {"left": 10, "right": math.ceil(longest) + 18, "top": top, "bottom": 28, "containLabel": False}
        label |= {"position": "right", "align": "left", "verticalAlign": "middle"}
    patch = {"grid": grid, "xAxis": [axis],
             # No lines between the rows when a label sits above its bar: they would run through it.
             "yAxis": [{"axisLabel": {"show": False}, "axisTick": {"show": False},
                        "splitLine": {"show": width >= COUNT_NARROW}}],
             "series": [{"label": label, "barWidth": bar}]}
    return patch, top + per_row * rows + 28


def count_layouts(labels: list[str]) -> tuple[dict, tuple[Layout, ...]]:
    """A count chart's options for its widest layout (to merge into its own), and its layouts."""
    geometry = {width: count_geometry(labels, width) for width in LAYOUT_WIDTHS}
    return geometry[WIDEST][0], layouts_from(geometry)


# -- category charts -----------------------------------------------------------------------------------

SIDE_BY_SIDE = 540  # from this width a row's label sits left of its panel
LABEL_COLUMN = {540: 168, 740: 190}  # the label column's width, where labels sit beside their panels
EDGE = 6  # px between a text and the chart's edge
NAME = (13, 17)  # font size and line height of a row's name
RULE = (12, 15)  # ... and of its target
SLOT = 18  # above a panel: the judged figure's label, or the row's status in words
PANEL = 24  # the panel itself, where the dots are
TICKS = 22  # below it: the value axis's labels
UNIT = 16  # and, for an axis in 万 or millions, its unit
GAP = 14  # between rows
MOST_TICKS = {260: 4, 380: 5, 540: 6, 740: 7}


@dataclass(frozen=True)
class CategoryRow:
    """What a category chart's layout needs to know of one row."""

    name: str  # the indicator (and the target's own label)
    rule: str  # the target in words
    values: tuple[float, ...]  # every figure the axis must hold, in the axis's unit
    suffix: str  # after each value axis label ("%")
    unit: bool  # the axis names its unit (万, million) under its labels
    series: int  # the index of the row's own series
    point: float | None  # the judged figure, in the axis's unit, if there is one
    point_label: str  # its label
    note: str  # the row's status in words, when it has no figure to show; "" otherwise


def _tick_label(value: float, suffix: str) -> str:
    return f"{value:,.6f}".rstrip("0").rstrip(".") + suffix


def axis_bounds(values: tuple[float, ...], suffix: str, plot: float, most: int) -> tuple[float, float, float]:
    """The value axis of a panel `plot` px wide: (min, max, interval), round numbers a little beyond the
    figures, with three to `most` labels and room between them, so that every tick shows."""
    if not values:
        return 0.0, 1.0, 0.5
    low, high = min(values), max(values)
    span = (high - low) or abs(high) or 1.0
    if not math.isfinite(span) or max(abs(low), abs(high)) > 1e15:
        # Beyond any plan's figures (a float's far range): the figures' own span, without round ticks.
        return low, high, (high / 2 - low / 2) or abs(high) or 1.0
    if not span / 4 > 0:  # figures so small that a quarter of their span is no number (5e-324)
        span = 1.0
    magnitude = 10 ** math.floor(math.log10(span / 4))
    steps = [m * magnitude * 10**k for k in range(-1, 4) for m in (1, 2, 2.5, 5)]

    def axis(step: float) -> tuple[float, float, int, bool]:
        bottom = math.floor(round((low - span * 0.1) / step, 9)) * step
        top = math.ceil(round((high + span * 0.1) / step, 9)) * step
        ticks = round((top - bottom) / step) + 1
        widest = max(text_width(_tick_label(bottom + k * step, suffix), SMALLEST_TEXT) for k in range(ticks))
        return bottom, top, ticks, ticks <= most and plot / max(ticks - 1, 1) >= widest + 12

    first = next((k for k, s in enumerate(steps) if s >= span / 4 * 0.999 and axis(s)[3]), len(steps) - 1)
    # Too coarse for three labels (one figure, or a span just past a round number): a finer step that fits.
    chosen = next((s for s in reversed(steps[:first + 1]) if axis(s)[2] >= 3 and axis(s)[3]), steps[first])
    bottom, top, _, _ = axis(chosen)
    return round(bottom, 6), round(top, 6), round(chosen, 6)


def _text(text: str, left: float, top: float, size: int, line: int, fill: str) -> dict:
    """A text of the chart's own, whole in every layout's patch: a drawing that merges a patch before it
    draws the chart (Node's lazy update) makes each element from the patch's option alone."""
    return {"type": "text", "silent": True, "left": round(left), "top": round(top),
            "style": {"text": text, "fontSize": size, "lineHeight": line, "fill": fill}}


def category_geometry(rows: list[CategoryRow], width: int) -> tuple[dict, int]:
    """The options that place a category chart's rows at `width` (per-index grid, xAxis, graphic and
    series entries, merged over the chart's own by index), and its height there."""
    beside = width >= SIDE_BY_SIDE
    column = LABEL_COLUMN.get(width, round(width * 0.26)) if beside else 0
    text = (column - EDGE - 14) if beside else width - 2 * EDGE
    left, right = (column, 18) if beside else (EDGE + 6, EDGE + 6)
    plot = width - left - right
    grids: list[dict] = []
    axes: list[dict] = []
    notes: list[dict] = []
    names: list[dict] = []
    rules: list[dict] = []
    labels: dict[int, dict] = {}
    y = 8.0
    for row in rows:
        name = wrap(row.name, text, NAME[0])
        rule = wrap(row.rule, text, RULE[0])
        block = len(name) * NAME[1] + len(rule) * RULE[1]
        # A row with nothing to plot (no figure, no target value) shows only its status, in its panel.
        shown = bool(row.values)
        above, below = (SLOT, TICKS + (UNIT if row.unit else 0)) if shown else (0, 0)
        if beside:
            panel_top = y + max(0.0, (block - (above + PANEL + below)) / 2) + above
            middle = panel_top + PANEL / 2
            label_top = max(y, middle - block / 2)
            end = max(label_top + block, panel_top + PANEL + below)
        else:
            label_top = y
            panel_top = y + block + 4 + above
            end = panel_top + PANEL + below
        grids.append({"left": left, "right": right, "top": round(panel_top), "height": PANEL})
        low, high, step = axis_bounds(row.values, row.suffix, plot, MOST_TICKS.get(width, 5))
        axes.append({"min": low, "max": high, "interval": step})
        names.append(_text("\n".join(name), EDGE, label_top, *NAME, "#1d232b"))
        rules.append(_text("\n".join(rule), EDGE, label_top + len(name) * NAME[1], *RULE, "#555555"))
        if row.note:
            note_top = panel_top - SLOT + 2 if shown else panel_top + PANEL / 2 - 8
            notes.append(_text(row.note, left + 2, note_top, 13, 16, "#555555"))
        if row.point is not None:
            x = left + (row.point - low) / ((high - low) or 1) * plot
            half = text_width(row.point_label, SMALLEST_TEXT) / 2
            align = "center" if half + EDGE <= x <= width - EDGE - half else "left" if x < width / 2 else "right"
            labels[row.series] = {"label": {"align": align}}
        y = end + GAP
    series = [labels.get(k, {}) for k in range(max(labels, default=-1) + 1)]
    patch = {"grid": grids, "xAxis": axes, "graphic": notes + names + rules, "series": series}
    return patch, math.ceil(y - GAP + 8)


def category_layouts(rows: list[CategoryRow]) -> tuple[dict, tuple[Layout, ...]]:
    """A category chart's options for its widest layout (to merge into its own), and its layouts."""
    geometry = {width: category_geometry(rows, width) for width in LAYOUT_WIDTHS}
    return geometry[WIDEST][0], layouts_from(geometry)
