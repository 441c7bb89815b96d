"""The site of two plan years (two_year_plan.py: Qingshui, 2025 and 2026) in Debian's Chromium. Every page but
the redirect pages, visited once for the session (`two_year_visits` in conftest.py), loads cleanly under the
strict policy, passes axe in the light and the dark scheme, never scrolls sideways, and shows each chart in
one of its layouts with legible labels at every width of the visit; the track charts (on the indicator pages
and their embeds) are measured as test_chart_legibility_browser.py measures the others, with JavaScript on,
off and in the dark scheme. With JavaScript off, a redirect page's meta refresh takes the reader to its
year's page; a search finds the pages of both years and says which year each is of."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from browsing import WIDTHS, Visit, measure_pages, representatives, serving, site_pages
from conftest import redirect_pages
from test_browser import LOAD_PROBLEMS
from test_chart_legibility_browser import charts, failed_visits

from site_builder.charts.text_fit import SMALLEST_TEXT

pytestmark = pytest.mark.browser

CANVAS = re.compile(r'class="[^"]*\bchart-canvas\b[^"]*" id="([^"]+)"')
# A page of each kind that shows a track chart, measured again with JavaScript off and in the dark scheme.
TRACK_PAGES = ("en/2026/indicators/industrial-value-added-growth/", "zh/2025/indicators/pm25/",
               "zh/track-record/embed/track-2025-rd-intensity/", "en/track-record/embed/track-2025-energy-intensity/")
# An old address of 2025's pages of each kind, and the year's page it leads to.
REDIRECTS = {"en/areas/industry/": "en/2025/areas/industry/",
             "zh/indicators/gdp-growth/": "zh/2025/indicators/gdp-growth/", "en/embed/pm25/": "en/2025/embed/pm25/"}


def _pages(build: Path) -> list[str]:
    redirects = redirect_pages(build)
    return [rel for rel in site_pages(build) if rel not in redirects]


def _chart_problems(where: str, chart: dict) -> list[str]:
    """What is wrong with one chart as measured (browsing.MEASURE), by the rules of
    test_chart_legibility_browser.py: one layout shown, with real marks; no text under 12 px as displayed; no
    two labels overlapping; none leaving the chart."""
    problems = []
    if chart["shown"] != 1 or chart["paths"] < 3:
        problems.append(f"{where}: {chart['shown']} of its layouts shown, not one, with {chart['paths']} paths")
    if chart["smallest"] is not None and chart["smallest"] < SMALLEST_TEXT - 0.01:
        problems.append(f"{where}: \"{chart['smallestText']}\" at {chart['smallest']:.1f}px")
    return problems + [f"{where}: labels overlap: {pair}" for pair in chart["overlaps"]] + [
        f"{where}: label outside: {label}" for label in chart["outside"]]


def test_every_page_loads_cleanly_under_the_strict_policy(
    two_year_visits: dict[str, Visit], two_year_build: Path
) -> None:
    assert set(two_year_visits) == set(_pages(two_year_build))
    report: list[str] = []
    for rel, visit in two_year_visits.items():
        # Console errors and warnings, script errors, failed requests, requests to another host: while the
        # page loads and afterwards (axe, dark mode; on some pages, a chart made live and menus opened).
        report += visit.problems({"load", "later"}, LOAD_PROBLEMS) + [f"{rel}: {v}" for v in visit.csp]
        loaded = [url for phase, url in visit.requests if phase == "load" and "echarts" in url]
        report += [f"{rel}: ECharts loaded before any interaction: {loaded}"] if loaded else []
    # A chart was made live (ECharts loaded and drawing under the policy): a home page's and a track chart.
    live = [rel for rel, visit in two_year_visits.items() if visit.interacted]
    assert sorted(live) == sorted(["zh/index.html", "en/index.html",
                                   *(f"{lang}/track-record/embed/track-2025-gdp-growth/index.html" for lang in
                                     ("zh", "en"))])
    assert not report, "\n".join(report)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(
    axe_source: str, two_year_visits: dict[str, Visit], two_year_build: Path, scheme: str
) -> None:
    pages = _pages(two_year_build)
    if scheme == "dark":
        pages = [rel for chosen in representatives(two_year_build, pages).values() for rel in chosen]
        assert any("track-record/index.html" in rel for rel in pages)  # the track record's table, in the dark
    found = [problem for rel in pages for problem in two_year_visits[rel].axe_problems(scheme)]
    assert not found, "\n".join(found)


def test_no_page_scrolls_sideways_and_every_chart_is_legible_at_every_width(
    two_year_visits: dict[str, Visit], two_year_build: Path
) -> None:
    report: list[str] = []
    for rel, visit in two_year_visits.items():
        canvases = len(CANVAS.findall((two_year_build / rel).read_text(encoding="utf-8")))
        if sorted(visit.widths) != sorted(WIDTHS):
            report.append(f"{rel}: measured at {sorted(visit.widths)} only ({visit.error})")
        for width, found in visit.widths.items():
            if found["scrollWidth"] > width:
                report.append(f"{rel} is {found['scrollWidth']}px wide at {width}px")
            if len(found["charts"]) != canvases:
                report.append(f"{rel}: {len(found['charts'])} of its {canvases} charts measured at {width}px")
            report += [problem for chart in found["charts"]
                       for problem in _chart_problems(f"{rel} at {width}px: {chart['id']}", chart)]
    assert not report, "\n".join(report)


@pytest.fixture(scope="module")
def track_charts_measured(browser, two_year_visits: dict[str, Visit], two_year_build: Path) -> dict[str, dict]:
    """The track charts as measured, by mode: in the session's visits (JavaScript on, every page with one), and
    on TRACK_PAGES loaded again with JavaScript off and in the dark scheme."""
    found: dict[str, dict] = {"javascript on": {rel: visit.widths if not visit.error else {0: {"error": visit.error}}
                                                for rel, visit in two_year_visits.items()}}
    with serving(two_year_build) as base:
        found["javascript off"] = measure_pages(browser, base, list(TRACK_PAGES), java_script_enabled=False)
        found["dark"] = measure_pages(browser, base, list(TRACK_PAGES), color_scheme="dark")
    return {mode: {rel: {width: {**result, "charts": [c for c in result.get("charts", [])
                                                      if c["id"].startswith("chart-track-")]}
                         for width, result in widths.items()}
                   for rel, widths in measured.items()} for mode, measured in found.items()}


@pytest.mark.parametrize("mode", ["javascript on", "javascript off", "dark"])
def test_the_track_charts_are_legible_at_every_width(
    track_charts_measured: dict[str, dict], two_year_build: Path, mode: str
) -> None:
    measured = track_charts_measured[mode]
    seen = {(where.split(" at ")[0], int(where.split(" at ")[1].split("px")[0])) for where, _ in charts(measured)}
    if mode == "javascript on":  # every page that shows a track chart, at every width
        shown = {rel for rel in _pages(two_year_build) if "chart-track-" in (two_year_build / rel).read_text("utf-8")}
        assert len(shown) >= 4 * 7  # both years' indicator pages, the track embeds, in both languages
    else:
        shown = set(TRACK_PAGES)
    assert seen == {(rel, width) for rel in shown for width in WIDTHS}
    problems = [problem for where, chart in charts(measured) for problem in _chart_problems(where, chart)]
    problems += [f"{rel} is {found['scrollWidth']}px wide at {width}px" for rel, widths in measured.items()
                 for width, found in widths.items() if width and found["scrollWidth"] > width]
    assert not problems, "\n".join(failed_visits(measured) + problems)


@pytest.mark.parametrize("old", sorted(REDIRECTS))
def test_with_javascript_off_an_old_address_leads_to_its_year_s_page(
    browser, two_year_build: Path, old: str
) -> None:
    target = REDIRECTS[old]
    title = re.search(r"<h1[^>]*>(.*?)</h1>", (two_year_build / target / "index.html").read_text(encoding="utf-8"),
                      re.DOTALL)
    assert title
    with serving(two_year_build) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        failed: list[str] = []
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        page.goto(base + old)
        page.wait_for_url(base + target, timeout=10_000)
        heading = page.locator("h1").first.inner_text()
        context.close()
    assert heading == html.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip()
    assert not failed


@pytest.fixture(scope="module")
def search_results(browser, two_year_build: Path) -> dict[str, list[tuple[str, str]]]:
    """(address, heading as shown) of each result of a search for one indicator's name, per language."""
    found: dict[str, list[tuple[str, str]]] = {}
    queries = {"zh": "社会消费品零售总额增速", "en": "retail sales of consumer goods"}
    with serving(two_year_build) as base:
        page = browser.new_page()
        for lang, query in queries.items():
            page.goto(f"{base}{lang}/search/?q={quote(query)}")
            page.wait_for_function("document.querySelectorAll('#search-results > li').length > 1", timeout=15_000)
            found[lang] = page.locator("#search-results > li > h2").evaluate_all(
                "hs => hs.map(h => [h.querySelector('a').getAttribute('href'), h.textContent])")
        page.close()
    return {lang: [(href.split("/some/sub/path/", 1)[-1], text) for href, text in results]
            for lang, results in found.items()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_search_finds_both_years_pages_and_says_which_year_each_is_of(
    search_results: dict[str, list[tuple[str, str]]], lang: str
) -> None:
    results = dict(search_results[lang])
    year_words = {"zh": "{year}年计划", "en": "{year} plan"}[lang]
    for year in (2025, 2026):
        address = f"{lang}/{year}/indicators/retail-sales-growth/"
        assert address in results, (year, search_results[lang])
        assert results[address].endswith(year_words.format(year=year)), results[address]
