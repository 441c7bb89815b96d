"""Every chart is laid out for each width it is drawn at, and the stylesheet shows one layout per width.

The drawings themselves are checked in a browser (tests/test_browser.py); these tests check what the
build writes: a drawing per layout, the layouts' sizes and patches beside the options, and a stylesheet
whose container queries name exactly the widths the charts are drawn at.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from site_builder.charts.spec import LAYOUT_WIDTHS
from site_builder.pipeline import build
from site_builder.sources.config import DEFAULT_THEME


def test_the_stylesheet_switches_layouts_at_the_widths_charts_are_drawn_at() -> None:
    css = (DEFAULT_THEME / "static" / "chart-layouts.css").read_text(encoding="utf-8")
    queries = [int(w) for w in re.findall(r"@container \(min-width: (\d+)px\)", css)]
    assert queries == list(LAYOUT_WIDTHS[1:])
    shown = [int(w) for w in re.findall(r'data-layout-width="(\d+)"\] \{ display: block; \}', css)]
    assert shown == list(LAYOUT_WIDTHS[1:])
    narrowest = f'.chart-layout[data-layout-width="{LAYOUT_WIDTHS[0]}"], .chart-layout:only-child'
    assert narrowest + " { display: block; }" in css


def test_each_chart_carries_a_drawing_and_a_layout_per_width(site: Path) -> None:
    build(site, site / "build")
    html = (site / "build" / "en" / "indicators" / "gdp-growth" / "index.html").read_text(encoding="utf-8")
    canvas = re.search(r'<div class="chart-canvas" id="chart-gdp-growth".*?</div></div>', html, re.S).group(0)
    widths = [int(w) for w in re.findall(r'<div class="chart-layout" data-layout-width="(\d+)"><svg ', canvas)]
    assert widths == list(LAYOUT_WIDTHS)
    # Each drawing is of its own layout: its viewBox is the layout's size, narrower ones taller for their width.
    boxes = [tuple(map(float, b.split()[2:])) for b in re.findall(r'viewBox="([^"]+)"', canvas)]
    assert [w for w, _ in boxes] == list(LAYOUT_WIDTHS)
    ratios = [h / w for w, h in boxes]
    assert ratios == sorted(ratios, reverse=True)
    layouts = json.loads(re.search(r'id="chart-gdp-growth-layouts">(.*?)</script>', html, re.S).group(1))
    assert [(x["width"], x["height"]) for x in layouts] == [(int(w), int(h)) for w, h in boxes]
    # The widest is the chart's own options; a narrower one's patch holds only what its width changes
    # (charts/layouts.py): nothing at all when the chart's own options fit it at its size.
    assert layouts[-1]["patch"] == {}
