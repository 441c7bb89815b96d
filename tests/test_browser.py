"""The bundled site in a real browser (Debian's chromium through Playwright), served under a sub-path.

Every page in both languages: no console error, no failed request, no request to another host, and
every chart drew. The pages are visited once for the whole session (`bundled_visits` in conftest.py);
these tests read what the visits recorded. Without a browser the tests skip with a notice; on CI
(CI=true) they fail instead.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from browsing import Visit, all_pages

pytestmark = pytest.mark.browser

LOAD_PROBLEMS = {"console error", "console warning", "page error", "request failed", "HTTP error", "other host"}


def test_every_page_loads_cleanly_with_every_chart_drawn_and_no_echarts(
    bundled_visits: dict[str, Visit], bundled_build: Path
) -> None:
    pages = all_pages(bundled_build)
    assert len(pages) >= 99
    problems: list[str] = []
    charts = 0
    for rel in pages:
        visit = bundled_visits[rel]
        # While the page loads: console errors and warnings, script errors, failed requests, HTTP errors,
        # requests to another host.
        problems += visit.problems({"load"}, LOAD_PROBLEMS)
        for width, measured in visit.widths.items():
            size = f"{width}px"
            for i, chart in enumerate(measured.get("charts", [])):
                if not (chart["width"] > 100 and chart["height"] > 50):
                    problems.append(f"{rel}: chart {i} did not draw at {size}: {chart}")
                elif chart["shown"] != 1:
                    problems.append(f"{rel}: chart {i} shows {chart['shown']} of its layouts at {size}, not one")
                # Drawn means real marks, not an empty frame: axes, bars, target lines.
                if chart["paths"] < 3:
                    problems.append(f"{rel}: chart {i} is empty at {size}: {chart}")
        charts += len(visit.desktop.get("charts", []))
        loaded = [url for phase, url in visit.requests if phase == "load" and "echarts" in url]
        if loaded:
            problems.append(f"{rel}: ECharts loaded before any interaction: {loaded}")
    assert not problems, "\n".join(problems)
    assert charts >= 100


def test_a_live_chart_takes_the_layout_of_its_width_and_follows_its_box(browser, served: str) -> None:
    # After a hover ECharts draws the chart live: laid out with the patch of the layout for its real
    # width (so as tall as that layout's drawing at this width: no jump), and again when its box widens.
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(served + "en/indicators/gdp-growth/")
    layouts = json.loads(page.locator("#chart-gdp-growth-layouts").text_content())

    def expected_height(width: float) -> int:
        chosen = [x for x in layouts if x["width"] <= width] or layouts[:1]
        return round(chosen[-1]["height"] * width / chosen[-1]["width"])

    chart = page.locator("#chart-gdp-growth")
    chart.scroll_into_view_if_needed()
    drawn = chart.bounding_box()
    chart.hover()
    page.wait_for_function("document.querySelector('#chart-gdp-growth').getAttribute('data-interactive') === 'true'")
    live = chart.bounding_box()
    assert drawn and live and abs(live["height"] - drawn["height"]) <= 2, (drawn, live)
    smallest = page.evaluate("""() => Math.min(...Array.from(document.querySelectorAll('#chart-gdp-growth svg text'))
        .filter((t) => t.textContent.trim())
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b)))""")
    assert smallest >= 12
    width = page.evaluate("document.querySelector('#chart-gdp-growth').clientWidth")
    assert abs(live["height"] - expected_height(width)) <= 2
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("document.querySelector('#chart-gdp-growth svg').getAttribute('width') > 600")
    width = page.evaluate("document.querySelector('#chart-gdp-growth').clientWidth")
    page.wait_for_timeout(100)
    wide = chart.bounding_box()
    assert wide and abs(wide["height"] - expected_height(width)) <= 2, (width, wide)
    page.close()


# Where, as a share of the chart's box, its texts stand: top and bottom of each visible label.
TEXT_PLACES = """(id) => {
  const box = document.getElementById(id).getBoundingClientRect();
  return Array.from(document.querySelectorAll('#' + id + ' svg text'))
    .filter((t) => t.textContent.trim() && t.getClientRects().length)
    .map((t) => t.getBoundingClientRect())
    .map((r) => [(r.top - box.top) / box.height, (r.bottom - box.top) / box.height])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_a_live_chart_is_its_drawing_come_alive_with_its_labels_where_they_were(browser, served: str,
                                                                                width: int) -> None:
    # Category charts place labels in pixels; drawn live at the box's own width they kept the layout's
    # pixel positions in a box made taller, leaving blank space below. Live, each label stays where the
    # drawing had it, and the lowest label stays at the bottom of the box.
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(served + "en/indicators/")
    for chart_id in ("chart-category-strength", "chart-category-green"):
        chart = page.locator(f"#{chart_id}")
        chart.scroll_into_view_if_needed()
        drawn = page.evaluate(TEXT_PLACES, chart_id)
        chart.hover()
        page.wait_for_function(f"document.getElementById('{chart_id}').getAttribute('data-interactive') === 'true'")
        page.wait_for_timeout(50)
        live = page.evaluate(TEXT_PLACES, chart_id)
        assert drawn and len(live) == len(drawn), (chart_id, len(drawn), len(live))
        moved = [(d, v) for d, v in zip(drawn, live, strict=True) if abs(d[0] - v[0]) > 0.02 or abs(d[1] - v[1]) > 0.02]
        assert not moved, (chart_id, moved[:3])
        assert max(bottom for _, bottom in live) > 0.85  # no blank band below the chart
    page.close()


def test_with_javascript_off_every_chart_shows_as_svg_with_its_words(browser, served: str) -> None:
    # A page of each template that shows charts, in both languages: the script is the same on every page.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for rel in ("zh/", "en/", "en/areas/ecology/", "zh/areas/ecology/", "zh/indicators/", "en/indicators/",
                "en/indicators/gdp-growth/", "zh/indicators/gdp-growth/", "en/embed/gdp-growth/", "zh/embed/pm25/"):
        page.goto(served + rel)
        figures = page.locator("figure.chart, figure.embed-chart")
        assert figures.count() >= 1
        for i in range(figures.count()):
            figure = figures.nth(i)
            if figure.locator(".chart-canvas").count():
                assert figure.locator(".chart-canvas svg:visible").is_visible()
                assert figure.locator(".chart-canvas").get_attribute("aria-label")
            assert figure.locator(".chart-description").inner_text().strip()
        figure = figures.first
        figure.locator("details.chart-data summary").click()
        assert figure.locator("details.chart-data table tbody tr").count() >= 1
    context.close()


def test_area_page_first_load_is_small_and_hover_brings_tooltips(browser, served: str) -> None:
    page = browser.new_page()
    sizes: dict[str, int] = {}
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))

    def measure(response) -> None:
        body = response.body()
        sizes[response.url] = len(gzip.compress(body, 9))

    page.on("response", measure)
    page.goto(served + "zh/areas/ecology/", wait_until="networkidle")
    assert not [u for u in requested if "echarts" in u]
    total = sum(sizes.values())
    assert total <= 100_000, f"first load is {total} bytes gzipped: {sizes}"

    chart = page.locator("#chart-pm25")
    chart.scroll_into_view_if_needed()
    chart.hover()
    page.wait_for_function("document.querySelector('#chart-pm25').getAttribute('data-interactive') === 'true'")
    assert [u for u in requested if "echarts" in u], "hovering did not load ECharts"
    box = chart.bounding_box()
    assert box
    # Sweep across the plot: ECharts shows its axis tooltip wherever the pointer rests over a period.
    for step in range(1, 10):
        page.mouse.move(box["x"] + box["width"] * step / 10, box["y"] + box["height"] * 0.6)
        page.wait_for_timeout(60)
    tooltip = page.locator("#chart-pm25 .chart-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "27" in tooltip.inner_text()
    page.close()


def test_language_switcher_goes_to_the_same_page(browser, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "zh/areas/ecology/")
    page.click(".lang-switch")
    page.wait_for_url("**/en/areas/ecology/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".notice").inner_text().startswith("This English version is an unofficial translation")
    page.close()


def test_no_horizontal_scrolling_at_360px(bundled_visits: dict[str, Visit]) -> None:
    # The pages with the widest content of each kind; test_public_browser.py checks every page.
    too_wide = []
    for rel in ("zh/index.html", "en/index.html", "zh/areas/industry/index.html", "en/areas/livelihoods/index.html",
                "zh/indicators/index.html", "en/indicators/index.html"):
        visit = bundled_visits[rel]
        width = visit.phone.get("scrollWidth")
        if visit.error or width is None or width > 360:
            too_wide.append(f"{rel} is {width}px wide at 360px{f' ({visit.error})' if visit.error else ''}")
    assert not too_wide, too_wide

