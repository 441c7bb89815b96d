"""A target's multi-year chart (charts/track.py) laid out for each width it is drawn at (`spec.LAYOUT_WIDTHS`).

Each plan year is a column: its outcome's bar, its target's line (or band) across the column, and under
it the year and, where it fits, the year's target in words. Every text is placed by `text_fit`'s estimate,
never by the drawing's own measure: a value label takes the longest of its forms that fits its column, is
lifted over a target line that would strike through it, and the value axis is raised where a label would
leave the plot. Where even a year's name or a bare figure does not fit its column, the bars run across,
a row per year, each label after its bar in a margin made for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from site_builder.charts.layouts import (
    AXIS_LINE,
    BAR_GAP,
    EDGE,
    LEGEND_ICON,
    LEGEND_LINE,
    PLOT_HEIGHT,
    WIDEST,
    _beyond,
    round_ticks,
)
from site_builder.charts.spec import LAYOUT_WIDTHS, ChartOptions, Layout, _nice_max
from site_builder.charts.text_fit import SMALLEST_TEXT, text_width, wrap

LABEL_LINE = 14  # a value label's line height
LABEL_DISTANCE = 5  # px between a bar's end and its label (ECharts' default)
LIFT_GAP = 4  # px between a target line and the label lifted over it
LEGEND_GAP = 10  # px between two legend entries, side by side or one row above the other
TEXT_COLOUR = "#1d232b"


@dataclass(frozen=True)
class Year:
    """One plan year's column, as its layouts need to know it."""

    name: str  # "2025年"
    rule: str  # its target in words, shown under the name where it fits ("": none)
    value: float | None  # its outcome on the value axis; None: nothing is drawn for it
    labels: tuple[str, ...]  # the outcome's label, longest first: with its notes, in two lines, the bare figure
    style: dict  # the bar's own itemStyle (hollow and dashed when indicative, hatched when interim)
    line: float | None  # the target's figure on the value axis
    band: tuple[float, float] | None  # the target's band on the value axis


@dataclass(frozen=True)
class TrackShape:
    years: tuple[Year, ...]
    legend: tuple[dict, ...]  # the legend's entries: {"name": ...} with their icons' styles
    axis_name: str
    bounds: tuple[float, float]
    line_style: dict  # a target line's markArea style (an area of no height, dashed)
    band_style: dict


def _number(value: float) -> str:
    """A number as an axis label writes it, thousands apart: 13.7, 8, 0.25, -200,000."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.6g}"


def _legend(entries: tuple[dict, ...], width: int) -> tuple[dict, int]:
    """The legend above the plot at `width`, and its height: its entries in rows, as many to a row as fit
    (ECharts wraps a legend of a given width so, and measures text no wider than `text_width`); one entry
    a line, wrapped, when one is wider than the chart."""
    if not entries:
        return {"show": False}, 0
    room = width - 2 * EDGE
    style: dict = {"fontSize": SMALLEST_TEXT, "lineHeight": LEGEND_LINE}
    # No padding: the entries are laid out in `width`, from `top`, as they are counted here.
    legend = {"show": True, "left": EDGE, "top": 4, "padding": 0, "itemWidth": 24, "itemHeight": 12,
              "selectedMode": False, "data": list(entries)}
    # A slack of one em an entry: text_width counts curly quotes narrower than the CJK fonts draw them.
    widths = [LEGEND_ICON + text_width(entry["name"], SMALLEST_TEXT) + SMALLEST_TEXT for entry in entries]
    if max(widths) <= room:
        rows, used = 1, 0.0
        for entry in widths:
            if used and used + LEGEND_GAP + entry > room:
                rows, used = rows + 1, 0.0
            used += (LEGEND_GAP if used else 0) + entry
        return (legend | {"orient": "horizontal", "itemGap": LEGEND_GAP, "width": room, "textStyle": style},
                4 + rows * LEGEND_LINE + (rows - 1) * LEGEND_GAP)
    text_room = room - LEGEND_ICON
    lines = sum(len(wrap(entry["name"], text_room - SMALLEST_TEXT, SMALLEST_TEXT)) for entry in entries)
    style |= {"width": text_room, "overflow": "break"}
    return (legend | {"orient": "vertical", "itemGap": 6, "width": room, "textStyle": style},
            4 + lines * LEGEND_LINE + 6 * (len(entries) - 1))


def _tick_texts(bounds: tuple[float, float], ticks: dict) -> list[str]:
    low, high = bounds
    if ticks["interval"] is None:
        return [_number(low), _number(high), _number((low + high) / 2)]
    count = round((high - low) / ticks["interval"])
    return [_number(round(low + k * ticks["interval"], 6)) for k in range(count + 1)]


def _names(shape: TrackShape, room: float, most: int) -> list[str] | None:
    """Each year's name with its target in words under it, when every one fits `room` in at most `most`
    lines; else the names alone; None when a name alone does not fit."""
    if any(text_width(year.name, SMALLEST_TEXT) > room for year in shape.years):
        return None
    ruled = [[year.name, *(wrap(year.rule, room, SMALLEST_TEXT) if year.rule else [])] for year in shape.years]
    if all(len(lines) <= most and all(text_width(line, SMALLEST_TEXT) <= room for line in lines)
           for lines in ruled):
        return ["\n".join(lines) for lines in ruled]
    return [year.name for year in shape.years]


def _areas(shape: TrackShape, across: bool) -> list[list[dict]]:
    """Each year's target across its column (its row, where bars run across): a line at its figure, an
    area for its band; by the year's index, as a category axis numbers its categories (rows from the
    bottom: the oldest year's is the last)."""
    value_key, year_key = ("xAxis", "yAxis") if across else ("yAxis", "xAxis")
    areas: list[list[dict]] = []
    last = len(shape.years) - 1
    for order, year in enumerate(shape.years):
        index = last - order if across else order
        if year.band is not None:
            areas.append([{year_key: index, value_key: year.band[0], "itemStyle": shape.band_style},
                          {year_key: index, value_key: year.band[1]}])
        if year.line is not None:
            areas.append([{year_key: index, value_key: year.line, "itemStyle": shape.line_style},
                          {year_key: index, value_key: year.line}])
    return areas


def _item(year: Year, text: str, distance: float) -> dict:
    return {"value": year.value, "itemStyle": year.style,
            "label": {"formatter": text, "distance": math.ceil(distance)}}


def _upright(shape: TrackShape, width: int, bounds: tuple[float, float]) -> tuple[dict, int] | None:
    """Bars standing on the years: the options and height at `width`; None when a year's name or a bare
    figure does not fit its column, or a label would leave the plot (the axis must then reach higher)."""
    legend, legend_height = _legend(shape.legend, width)
    ticks = round_ticks(bounds, (4, 2, 5, 3) if width < 400 else (5, 4, 6, 8, 3))
    left = EDGE + max(text_width(tick, SMALLEST_TEXT) for tick in _tick_texts(bounds, ticks)) + 8
    column = (width - left - EDGE - 4) / len(shape.years)
    names = _names(shape, column - 6, 3)
    if names is None:
        return None
    plot_top = legend_height + 30
    plot_height = PLOT_HEIGHT.get(width, PLOT_HEIGHT[WIDEST])
    low, high = bounds

    def at(value: float) -> float:  # a value's height in the drawing, from its top
        return plot_top + (high - value) / (high - low) * plot_height

    data: list[dict | None] = []
    for year in shape.years:
        if year.value is None:
            data.append(None)
            continue
        fits = [text for text in year.labels
                if max(text_width(line, SMALLEST_TEXT) for line in text.split("\n")) <= column - BAR_GAP]
        if not fits:
            return None
        text = fits[0]
        tall = LABEL_LINE * (text.count("\n") + 1)
        end = at(max(year.value, 0.0))  # a "top" label sits over the bar's top: zero, for a fall
        distance: float = LABEL_DISTANCE
        if year.line is not None and end - distance - tall - LIFT_GAP <= at(year.line) <= end:
            distance = end - at(year.line) + LIFT_GAP  # over the line, never struck through by it
        if end - distance - tall < plot_top:
            return None
        data.append(_item(year, text, distance))
    lines = max(name.count("\n") + 1 for name in names)
    options: dict = {
        "legend": [legend],
        "grid": {"left": EDGE, "right": EDGE + 4, "top": plot_top, "bottom": 8, "containLabel": True},
        # Every name shown, in the lines made here; the ticks between the columns, where their lines end.
        "xAxis": [{"type": "category", "data": names,
                   "axisLabel": {"interval": 0, "fontSize": SMALLEST_TEXT, "lineHeight": AXIS_LINE},
                   "axisTick": {"show": True, "interval": 0}}],
        "yAxis": [{"type": "value", "min": low, "max": high, "name": shape.axis_name, "nameLocation": "end",
                   "nameGap": 12, "nameTextStyle": {"fontSize": SMALLEST_TEXT, "align": "left"},
                   **ticks, "axisLabel": {"fontSize": SMALLEST_TEXT}}],
        "series": [{"data": data, "barWidth": round(min(40.0, column * 0.5)),
                    "label": {"show": True, "position": "top", "fontSize": SMALLEST_TEXT, "lineHeight": LABEL_LINE,
                              "color": TEXT_COLOUR},
                    "markArea": {"data": _areas(shape, across=False)}}],
    }
    return options, round(plot_top + plot_height + 8 + AXIS_LINE * lines + 12)


def _across(shape: TrackShape, width: int, bounds: tuple[float, float]) -> tuple[dict, int]:
    """Bars running across, a row per year, each label after its bar in a margin made for it: for widths
    where the years' columns are too narrow. The options and height at `width`."""
    legend, legend_height = _legend(shape.legend, width)
    names = _names(shape, width * 0.4, 2) or [year.name for year in shape.years]
    left = EDGE + max(text_width(line, SMALLEST_TEXT) for name in names for line in name.split("\n")) + 8
    free = width - left  # the plot and the right margin
    low, high = bounds
    texts = []
    for year in shape.years:
        # In one line, with its notes where they fit in less than half the plot; else the bare figure.
        one_line = [text for text in year.labels if "\n" not in text]
        fitting = [text for text in one_line if text_width(text, SMALLEST_TEXT) <= (free - EDGE) * 0.45]
        texts.append((fitting or one_line[-1:])[0] if one_line else "")
    distances = [float(LABEL_DISTANCE)] * len(shape.years)
    right = float(EDGE + 4)
    for _ in range(3):  # a label lifted over a line needs a wider margin, which moves the line: settle both
        plot = free - right
        for index, year in enumerate(shape.years):
            if year.value is None:
                continue
            end = (max(year.value, 0.0) - low) / (high - low)
            start = end * plot + distances[index]
            if year.line is not None:
                line = (year.line - low) / (high - low) * plot
                if start - LIFT_GAP <= line <= start + text_width(texts[index], SMALLEST_TEXT) + LIFT_GAP:
                    distances[index] = line - end * plot + LIFT_GAP
            # After its bar: the share `end` of (free - right), the gap, the label, the edge.
            room = free - EDGE - 1 - distances[index] - text_width(texts[index], SMALLEST_TEXT)
            if end > 0:
                right = max(right, free - room / end)
    # The value axis's labels below the plot, the end ones aligned inward, as many as fit beside each other.
    splits = (2, 4, 3) if width < 300 else (4, 2, 5, 3)
    for count in (*splits, 1):
        ticks = round_ticks(bounds, (count,))
        widest = max(text_width(tick, SMALLEST_TEXT) for tick in _tick_texts(bounds, ticks))
        if ticks["interval"] is not None and (free - right) / count >= 1.5 * widest + 8:
            break
    else:
        ticks = round_ticks(bounds, splits) | {"interval": None}
    row = max(40, max(name.count("\n") + 1 for name in names) * AXIS_LINE + 16)
    top = legend_height + 10
    data = [None if year.value is None else _item(year, text, distance)
            for year, text, distance in zip(shape.years, texts, distances, strict=True)]
    # The oldest year on top, as the rows are listed from the bottom: an inverted axis would misplace the
    # targets' areas, which ECharts places between its ticks counted from the axis's start.
    options: dict = {
        "legend": [legend],
        "grid": {"left": EDGE, "right": math.ceil(right), "top": top, "bottom": 26, "containLabel": True},
        "yAxis": [{"type": "category", "data": names[::-1],
                   "axisLabel": {"interval": 0, "fontSize": SMALLEST_TEXT, "lineHeight": AXIS_LINE},
                   "axisTick": {"show": True, "interval": 0}}],
        "xAxis": [{"type": "value", "min": low, "max": high, "name": shape.axis_name, "nameLocation": "middle",
                   "nameGap": 30, "nameTextStyle": {"fontSize": SMALLEST_TEXT},
                   **ticks, "axisLabel": {"fontSize": SMALLEST_TEXT, "alignMinLabel": "left",
                                          "alignMaxLabel": "right", "hideOverlap": True}}],
        "series": [{"data": data[::-1], "barWidth": 18,
                    "label": {"show": True, "position": "right", "fontSize": SMALLEST_TEXT,
                              "lineHeight": LABEL_LINE, "color": TEXT_COLOUR},
                    "markArea": {"data": _areas(shape, across=True)}}],
    }
    return options, round(top + row * len(names) + 8 + AXIS_LINE + 8 + 22 + 8)


def _geometry(shape: TrackShape, width: int) -> tuple[dict, int]:
    """Upright bars where they fit, raising the axis's top (up to three times) for a label that would
    leave the plot; else bars running across."""
    low, high = shape.bounds
    for _ in range(4):
        found = _upright(shape, width, (low, high))
        if found is not None:
            return found
        high = _nice_max(high * 1.3) if high > 0 else 1.0
    return _across(shape, width, shape.bounds)


def track_layouts(shape: TrackShape) -> tuple[dict, tuple[Layout, ...]]:
    """A track's chart laid out for each width: its options for the widest layout (to merge into its own),
    and its layouts, narrowest first, each with the patch of what it changes in the widest."""
    geometry = {width: _geometry(shape, width) for width in LAYOUT_WIDTHS}
    widest = geometry[WIDEST][0]
    patches = {width: _beyond(patch, widest) for width, (patch, _) in geometry.items() if width != WIDEST}
    return widest, tuple(Layout(width, height, ChartOptions(patches[width]) if patches.get(width) else None)
                         for width, (_, height) in geometry.items())
