"""Each chart laid out for each width it is drawn at (`spec.LAYOUT_WIDTHS`), not just resized.

A layout is the chart's own options (made for the widest) with a patch merged over them, as ECharts'
`setOption` merges: Node draws every layout at build time, and the page's script applies the same patch
when a reader's interaction makes the chart live, so the live chart keeps the rules its drawing had.
Narrower layouts are taller for their width, keep every label at its designed size (never below
`SMALLEST_TEXT` CSS pixels: a drawing is only ever scaled up), and give labels the room they need.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from site_builder.charts.spec import LAYOUT_WIDTHS, ChartOptions, Layout
from site_builder.charts.text_fit import SMALLEST_TEXT, text_width, wrap

WIDEST = LAYOUT_WIDTHS[-1]


# -- a target's chart: outcomes by period against its target ----------------------------------------------

EDGE = 8  # px between a text and the chart's edge
LEGEND_LINE = 16  # a legend line's height
LEGEND_ICON = 24 + 5  # a legend entry's icon and the gap after it
AXIS_LINE = 14  # an axis label's line height, for labels in two lines
BAR_GAP = 4  # px kept free between two value labels side by side
ROW_BAR = 18  # a bar's thickness where bars run across (narrow layouts)
NOTE_LINE = 22  # a line of its own for the words on a chart whose target has no figure, over other bars
PLOT_HEIGHT = {260: 170, 380: 185, 540: 215, 740: 240}  # the plot's height where bars stand up


@dataclass(frozen=True)
class TargetShape:
    """What a target's chart shows, as its layouts need to know it to place its texts."""

    periods: tuple[str, ...]  # each period's name, as the widest layout shows it ("Full year 2021")
    period_lines: tuple[str, ...]  # the same in two lines ("Full year\n2021")
    labels: tuple[tuple[str | None, ...], ...]  # per series (outcome, reference), per period: its bar's label
    ends: tuple[tuple[float, ...], ...]  # ... and where its bar ends, as a share of the value axis (0 to 1)
    distances: tuple[tuple[float, ...], ...]  # ... and how far its label is from its end (px)
    legend: tuple[str, ...]  # the legend's entries for the bars (none when they are only the outcome's)
    ticks: tuple[str, ...]  # the value axis's widest labels
    axis_name: str  # the value axis's unit
    bounds: tuple[float, float]  # the value axis's ends
    target: float | None = None  # the target line, on the value axis
    band: tuple[float, float] | None = None  # the site's band around it ("about")
    target_name: str = ""
    target_entry: str = ""  # the target line's entry in the legend: the rule in words
    note: str = ""  # words on an empty chart ("Not yet reported")


def _legend(shape: TargetShape, width: int) -> tuple[dict, int]:
    """The legend above the plot at `width`, and its height: one line when every entry fits in it, else
    one entry a line, each entry wrapped as it must be."""

    names = [*shape.legend, *([shape.target_entry] if shape.target_entry else [])]
    if not names:
        return {"show": False}, 0
    room = width - 2 * EDGE
    style: dict = {"fontSize": SMALLEST_TEXT, "lineHeight": LEGEND_LINE}
    # The target line's entry is a dashed line alone: the dot ECharts draws on a line's entry is hidden.
    data = [*shape.legend, *([{"name": shape.target_entry, "itemStyle": {"opacity": 0}}] if shape.target_entry else [])]
    legend = {"show": True, "left": EDGE, "top": 4, "itemWidth": 24, "itemHeight": 12, "selectedMode": False,
              "data": data}
    entries = [LEGEND_ICON + text_width(entry, SMALLEST_TEXT) for entry in names]
    if sum(entries) + 14 * (len(entries) - 1) <= room:
        return legend | {"orient": "horizontal", "itemGap": 14, "textStyle": style}, 4 + LEGEND_LINE
    text_room = room - LEGEND_ICON
    lines = sum(len(wrap(entry, text_room, SMALLEST_TEXT)) for entry in names)
    style |= {"width": text_room, "overflow": "break"}
    return (legend | {"orient": "vertical", "itemGap": 6, "textStyle": style},
            4 + lines * LEGEND_LINE + 6 * (len(entries) - 1))


def _upright(shape: TargetShape, width: int) -> tuple[dict, int] | None:
    """Bars standing on the periods, as wide charts have them: the options and height at `width`, or
    None when a bar's label or a period's name would not fit beside its neighbours."""

    legend, legend_height = _legend(shape, width)
    series = max(len(shape.labels), 1)
    left = EDGE + max(text_width(tick, SMALLEST_TEXT) for tick in shape.ticks) + 8
    plot = width - left - EDGE - 4
    category = plot / len(shape.periods)
    bar = min(56.0, category * 0.8 / (series + 0.3 * (series - 1)))
    names = shape.periods
    if any(text_width(name, SMALLEST_TEXT) > category - 6 for name in names):
        names = shape.period_lines
    if any(text_width(line, SMALLEST_TEXT) > category - 6 for name in names for line in name.split("\n")):
        return None
    placed = sorted(  # each label's (left, right), from its bar's middle
        (middle - half, middle + half)
        for s, labels in enumerate(shape.labels) for i, text in enumerate(labels) if text is not None
        for middle in [left + (i + 0.5) * category + (s - (series - 1) / 2) * bar * 1.3]
        for half in [text_width(text, SMALLEST_TEXT) / 2]
    )
    if any(b[0] - a[1] < BAR_GAP for a, b in itertools.pairwise(placed)):
        return None
    if placed and (placed[0][0] < EDGE or placed[-1][1] > width - EDGE):
        return None
    lines = max(name.count("\n") + 1 for name in names)
    note = NOTE_LINE if shape.note and _drawn(shape) else 0
    top = legend_height + note + 30
    plot_height = PLOT_HEIGHT.get(width, PLOT_HEIGHT[WIDEST])
    height = top + plot_height + 8 + AXIS_LINE * lines + 12
    options: dict = {
        "legend": [legend],
        "grid": {"left": EDGE, "right": EDGE + 4, "top": top, "bottom": 8, "containLabel": True},
        # Every name shown, in the lines made here (each line fits its category, as checked above).
        "xAxis": [{"type": "category", "data": list(names),
                   "axisLabel": {"interval": 0, "fontSize": SMALLEST_TEXT,
                                 "lineHeight": AXIS_LINE if lines > 1 else None}}],
        "yAxis": [{"type": "value", "min": shape.bounds[0], "max": shape.bounds[1], "name": shape.axis_name,
                   "nameLocation": "end", "nameGap": 12,
                   "nameTextStyle": {"fontSize": SMALLEST_TEXT, "align": "left"},
                   **_ticks(shape, (4, 2, 5, 3) if width < 400 else (5, 4, 6, 8, 3)),
                   "axisLabel": {"fontSize": SMALLEST_TEXT}}],
        "series": [{"label": {"position": "top", "fontSize": SMALLEST_TEXT}, "barWidth": None}
                   for _ in shape.labels],
    }
    if shape.note:
        options["graphic"] = [_note(shape, legend_height + note + 4 if note else top + 6, plot_height)]
    return options, round(height)


def _ticks(shape: TargetShape, splits: tuple[int, ...]) -> dict:
    return round_ticks(shape.bounds, splits)


def round_ticks(bounds: tuple[float, float], splits: tuple[int, ...]) -> dict:
    """A value axis's ticks from `bounds`: the first of `splits` (how many steps from end to end) that gives
    round steps, so that both ends carry a label and no label crowds the end one; else ECharts' own choice
    (an interval of null)."""
    low, high = bounds
    for count in splits:
        step = (high - low) / count
        if step > 0 and math.isclose(low / step, round(low / step), abs_tol=1e-9):
            mantissa = step / 10 ** math.floor(math.log10(step))
            if any(math.isclose(mantissa, nice) for nice in (1, 2, 2.5, 5)):
                return {"interval": round(step, 6), "splitNumber": count}
    return {"interval": None, "splitNumber": splits[0]}  # both keys: a layout's patch replaces the other's


def _drawn(shape: TargetShape) -> bool:
    """Whether any bar is drawn (a reference's bars, on a chart whose target has no figure)."""
    return any(text is not None for labels in shape.labels for text in labels)


def _note(shape: TargetShape, plot_top: float, plot_height: float) -> dict:
    """The words on a chart whose target has no figure: in the half of an empty plot the target line does
    not cross, or, over a reference's bars, in a line of their own above the plot (`NOTE_LINE`)."""
    if _drawn(shape):
        return {"type": "text", "left": EDGE, "top": round(plot_top - NOTE_LINE), "silent": True,
                "style": {"text": shape.note, "fontSize": 14, "fill": "#555555"}}
    low, high = shape.bounds
    line = (shape.target - low) / (high - low) if shape.target is not None and high > low else 0.0
    middle = plot_top + plot_height * (0.75 if line >= 0.5 else 0.25)
    return {"type": "text", "left": "center", "top": round(middle - SMALLEST_TEXT), "silent": True,
            "style": {"text": shape.note, "fontSize": 14, "fill": "#555555"}}


def _across(shape: TargetShape, width: int) -> tuple[dict, int]:
    """Bars running across, a row per period, each label after its bar: for widths where upright bars'
    labels would run into each other. The options and height at `width`."""

    legend, legend_height = _legend(shape, width)
    series = max(len(shape.labels), 1)
    names = shape.period_lines
    left = EDGE + max(text_width(line, SMALLEST_TEXT) for name in names for line in name.split("\n")) + 8
    free = width - left  # the plot and the right margin
    right = float(EDGE + 4)
    for labels, ends, distances in zip(shape.labels, shape.ends, shape.distances, strict=True):
        for text, end, distance in zip(labels, ends, distances, strict=True):
            # After its bar: the plot's share `end` of (free - right), a gap, the label, the edge.
            if text is not None and end > 0:
                room = free - EDGE - 1 - distance - text_width(text, SMALLEST_TEXT)
                right = max(right, free - room / end)
    row = max(44, series * (ROW_BAR + 6) + 20)
    note = NOTE_LINE if shape.note and _drawn(shape) else 0
    top = legend_height + note + 10
    height = top + row * len(names) + 8 + AXIS_LINE + 8 + 22 + 8
    options: dict = {
        "legend": [legend],
        "grid": {"left": EDGE, "right": math.ceil(right), "top": top, "bottom": 26, "containLabel": True},
        "yAxis": [{"type": "category", "data": list(names), "inverse": True,
                   "axisLabel": {"interval": 0, "fontSize": SMALLEST_TEXT, "lineHeight": AXIS_LINE},
                   "axisTick": {"show": False}}],
        "xAxis": [{"type": "value", "min": shape.bounds[0], "max": shape.bounds[1], "name": shape.axis_name,
                   "nameLocation": "middle", "nameGap": 30, "nameTextStyle": {"fontSize": SMALLEST_TEXT},
                   **_ticks(shape, (2, 4, 3) if width < 300 else (4, 2, 5, 3)),
                   "axisLabel": {"fontSize": SMALLEST_TEXT}}],
        "series": [{"label": {"position": "right", "fontSize": SMALLEST_TEXT}, "barWidth": ROW_BAR}
                   for _ in shape.labels],
    }
    if shape.target is not None:
        options["series"][0]["markLine"] = {"data": [{"xAxis": shape.target, "name": shape.target_name}]}
    if shape.band is not None:
        options["series"][0]["markArea"] = {"data": [[{"xAxis": shape.band[0]}, {"xAxis": shape.band[1]}]]}
    if shape.note:
        options["graphic"] = [_note(shape, legend_height + note + 4 if note else top, row * len(names))]
    return options, round(height)


def target_layouts(shape: TargetShape) -> tuple[dict, tuple[Layout, ...]]:
    """A target's chart laid out for each width: its options for the widest layout (to merge into its own),
    and its layouts. Each layout has the legend above the plot (the target line is an entry of it, so its
    words never sit on a bar), period names in two lines where one is too wide, few value ticks when
    narrow, and upright bars where every bar's label fits beside its neighbours, else bars running across,
    a row per period, each label after its bar in a margin made for it."""
    geometry: dict[int, tuple[dict, int]] = {}
    for width in LAYOUT_WIDTHS:
        geometry[width] = _upright(shape, width) or _across(shape, width)
    widest = geometry[WIDEST][0]
    patches = {width: _beyond(patch, widest) for width, (patch, _) in geometry.items() if width != WIDEST}
    return widest, tuple(Layout(width, height, ChartOptions(patches[width]) if patches.get(width) else None)
                         for width, (_, height) in geometry.items())


def _beyond(options: dict, widest: dict) -> dict:
    """What a layout's options change in the widest's, which the chart's own options already hold: each
    component (an axis, a series, the legend) only by the keys it changes, a component of another type
    whole (ECharts makes it anew), the graphic whole."""
    def changed(mine: object, theirs: object) -> object:
        if not (isinstance(mine, dict) and isinstance(theirs, dict)):
            return mine
        return {key: changed(value, theirs.get(key)) for key, value in mine.items()
                if key not in theirs or value != theirs[key]}

    patch: dict = {}
    for key, value in options.items():
        base = widest.get(key)
        if value == base:
            continue
        if isinstance(value, list) and isinstance(base, list) and key != "graphic":
            patch[key] = [changed(item, base[i]) if i < len(base) and item.get("type") == base[i].get("type")
                          else item for i, item in enumerate(value)]
        else:
            patch[key] = value
    return patch
