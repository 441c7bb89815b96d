"""The second plan's site (second_plan.py: Qingshui, 2025) in Debian's Chromium: every page, visited once
for the session (`second_plan_visits` in conftest.py), loads cleanly under the strict policy, passes axe,
never scrolls sideways, and shows each chart in exactly one of its layouts with legible labels (another
plan's labels, of other lengths than the bundled plan's), at every width of the visit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browsing import WIDTHS, Visit, all_pages, representatives, site_pages
from test_browser import LOAD_PROBLEMS

pytestmark = pytest.mark.browser

CANVAS = re.compile(r'class="[^"]*\bchart-canvas\b')


def test_every_page_loads_cleanly_under_the_strict_policy(
    second_plan_visits: dict[str, Visit], second_plan_build: Path
) -> None:
    assert set(second_plan_visits) == set(site_pages(second_plan_build))
    report: list[str] = []
    for rel, visit in second_plan_visits.items():
        # Console errors and warnings, script errors, failed requests, requests to another host: while the
        # page loads and afterwards (axe, dark mode; on the home pages, a chart made live and menus opened).
        report += visit.problems({"load", "later"}, LOAD_PROBLEMS) + [f"{rel}: {v}" for v in visit.csp]
    # A chart was made live (ECharts loaded and drawing under the policy) on both home pages.
    assert [lang for lang in ("zh", "en") if not second_plan_visits[f"{lang}/index.html"].interacted] == []
    assert not report, "\n".join(report)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(
    axe_source: str, second_plan_visits: dict[str, Visit], second_plan_build: Path, scheme: str
) -> None:
    pages = site_pages(second_plan_build)
    if scheme == "dark":
        pages = [rel for chosen in representatives(second_plan_build, pages).values() for rel in chosen]
    found = [problem for rel in pages for problem in second_plan_visits[rel].axe_problems(scheme)]
    assert not found, "\n".join(found)


def test_no_page_scrolls_sideways_and_every_chart_shows_one_layout(
    second_plan_visits: dict[str, Visit], second_plan_build: Path
) -> None:
    report: list[str] = []
    charts = 0
    for rel, visit in second_plan_visits.items():
        canvases = len(CANVAS.findall((second_plan_build / rel).read_text(encoding="utf-8")))
        charts += canvases
        if sorted(visit.widths) != sorted(WIDTHS):
            report.append(f"{rel}: measured at {sorted(visit.widths)} only ({visit.error})")
        for width, found in visit.widths.items():
            if found["scrollWidth"] > width:
                report.append(f"{rel} is {found['scrollWidth']}px wide at {width}px")
            if len(found["charts"]) != canvases:
                report.append(f"{rel}: {len(found['charts'])} of its {canvases} charts measured at {width}px")
            report += [f"{rel} at {width}px: chart {chart['id']}: {problem}"
                       for chart in found["charts"] for problem in _chart_problems(chart)]
    # Home, area, indicator and embed pages have charts, in both languages: there were charts to check.
    assert charts >= len(all_pages(second_plan_build))
    assert not report, "\n".join(report)


def _chart_problems(chart: dict) -> list[str]:
    """What is wrong with one chart as measured (browsing.MEASURE): it should show one SVG layout with real
    marks, its labels at 12 px or more, none overlapping another or leaving the chart."""
    problems = []
    if chart["shown"] != 1 or chart["paths"] < 3:
        problems.append(f"{chart['shown']} of its layouts shown, not one, with {chart['paths']} paths")
    if chart["smallest"] is not None and chart["smallest"] < 11.99:
        problems.append(f"\"{chart['smallestText']}\" at {chart['smallest']:.1f}px")
    return problems + [f"labels overlap: {pair}" for pair in chart["overlaps"]] + [
        f"label outside: {label}" for label in chart["outside"]]
