"""Each chart laid out for each width it is drawn at (`spec.LAYOUT_WIDTHS`), not just resized.

A layout is the chart's own options (made for the widest) with a patch merged over them, as ECharts'
`setOption` merges: Node draws every layout at build time, and the page's script applies the same patch
when a reader's interaction makes the chart live, so the live chart keeps the rules its drawing had.
Narrower layouts are taller for their width, keep every label at its designed size (never below
`SMALLEST_TEXT` CSS pixels: a drawing is only ever scaled up), and give labels the room they need.
"""

from __future__ import annotations

from site_builder.charts.spec import LAYOUT_WIDTHS, ChartOptions, Layout

SMALLEST_TEXT = 12  # CSS pixels: no chart text is drawn smaller
WIDEST = LAYOUT_WIDTHS[-1]


def _height(base: int, width: int, *, at_least: float = 0.62) -> int:
    """A height for `width`, from the widest layout's `base`: a narrower chart keeps more of its height
    than of its width, so its bars and rows stay readable."""
    return round(base * (at_least + (1 - at_least) * width / WIDEST))


def layouts_of(base_height: int, patch_for: dict[int, dict] | None = None, *, at_least: float = 0.62,
               heights: dict[int, int] | None = None) -> tuple[Layout, ...]:
    """One layout per width: its height (given, or from `base_height`) and its patch (none for the widest)."""
    patches = patch_for or {}
    return tuple(
        Layout(width, (heights or {}).get(width) or _height(base_height, width, at_least=at_least),
               ChartOptions(patches[width]) if patches.get(width) else None)
        for width in LAYOUT_WIDTHS
    )


def target_layouts(periods: int, legend: bool) -> tuple[Layout, ...]:
    """A target's bars by period: on narrow widths, tighter margins, fewer value ticks, and period names
    wrapped under their bars."""
    patches: dict[int, dict] = {}
    for width in LAYOUT_WIDTHS[:-1]:
        plot = width - 56
        patches[width] = {
            "grid": {"left": 8, "right": 12, "top": 56 if legend else 40, "bottom": 8, "containLabel": True},
            "yAxis": {"splitNumber": 3 if width < 400 else 4},
            "xAxis": {"axisLabel": {"interval": 0, "width": max(48, plot // max(periods, 1) - 8), "overflow": "break",
                                    "fontSize": SMALLEST_TEXT}},
        }
    return layouts_of(340, patches)
