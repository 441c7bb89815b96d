"""Charts that read on every screen (issue 14): at 320, 360, 768 and 1280 px, every chart shows exactly one of
its layouts, its smallest text at 12 CSS px or more as displayed, no two labels overlapping, no label
leaving the chart, and no page scrolls sideways.

Measured in the session's one visit of every page (`bundled_visits`: JavaScript on, light scheme; the
viewport resized within the visit, `browsing.MEASURE`). Container queries depend neither on JavaScript nor
on the colour scheme, so with JavaScript off and in the dark scheme one page of each template is measured
(`ONE_PER_TEMPLATE`), and a few embeds are measured in a 320 px frame on another origin, pasted as a
journalist pastes the share dialog's snippet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import MEASURE, WIDTHS, Visit, measure_pages, serving, site_pages

from site_builder.charts.text_fit import SMALLEST_TEXT

pytestmark = pytest.mark.browser

# One page of each template that shows charts, the languages alternating between the two checks.
ONE_PER_TEMPLATE = {
    "javascript off": ("zh/areas/livelihoods/", "en/indicators/urban-income-growth/", "zh/indicators/", "en/",
                       "zh/embed/fixed-asset-investment-growth/"),
    "dark": ("en/areas/livelihoods/", "zh/indicators/urban-income-growth/", "en/indicators/", "zh/",
             "en/embed/fixed-asset-investment-growth/"),
}
# Embeds measured in a 320 px frame: target charts with a reference series, indicative figures, long units,
# several periods, and each kind of overview chart.
FRAMED = ("en/urban-income-growth", "zh/fixed-asset-investment-growth", "en/good-air-days", "zh/pm25",
          "en/urban-new-jobs", "zh/gdp-growth", "en/area-livelihoods", "zh/category-livelihood", "en/home-status",
          "zh/reporting")
FRAME_WIDTH = 320

MODES = ("javascript on", "javascript off", "dark", "embedded")

Measured = dict[str, dict[int, dict]]  # page (or frame) -> width -> MEASURE's result


@pytest.fixture(scope="module")
def measured_by_mode(
    browser, bundled_visits: dict[str, Visit], bundled_build: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Measured]:
    found: dict[str, Measured] = {}
    found["javascript on"] = {rel: visit.widths if not visit.error else {0: {"error": visit.error}}
                              for rel, visit in bundled_visits.items()}
    with serving(bundled_build) as base:
        found["javascript off"] = measure_pages(browser, base, list(ONE_PER_TEMPLATE["javascript off"]),
                                                java_script_enabled=False)
        found["dark"] = measure_pages(browser, base, list(ONE_PER_TEMPLATE["dark"]), color_scheme="dark")
        found["embedded"] = framed(browser, base, bundled_build, tmp_path_factory.mktemp("article"))
    return found


def snippet(build: Path, lang: str, chart_id: str, base: str) -> str:
    """The iframe and resize script a reader copies from the share dialog of the chart, made absolute
    (as the dialog's copy button makes them)."""
    found = ""
    for page in sorted((build / lang).rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        frame = re.search(rf'id="chart-{re.escape(chart_id)}-snippet"[^>]*>([^<]*)</textarea>', text)
        script = re.search(rf'id="chart-{re.escape(chart_id)}-resize"[^>]*>([^<]*)</textarea>', text)
        if frame and script:
            found = html.unescape(frame.group(1)) + html.unescape(script.group(1))
            break
    assert found, f"no share snippet for {lang}/{chart_id}"
    found = re.sub(r'src="(?:\.\./)*embed/', f'src="{base}{lang}/embed/', found)
    return re.sub(r'src="(?:\.\./)+assets/', f'src="{base}assets/', found)


def framed(browser, base: str, build: Path, folder: Path) -> Measured:
    """Each of FRAMED in an article page of its own, served from another origin, at FRAME_WIDTH: MEASURE
    inside the frame, once the resize script has sized it."""
    found: Measured = {}
    page = browser.new_page(viewport={"width": FRAME_WIDTH, "height": 640})
    with serving(folder) as article_base:
        for item in FRAMED:
            lang, chart_id = item.split("/")
            name = f"{lang}-{chart_id}.html"
            (folder / name).write_text(
                "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Article</title>"
                "<link rel='icon' href='data:,'><meta name='viewport' content='width=device-width'></head>"
                f"<body style='margin:0'>{snippet(build, lang, chart_id, base)}</body></html>",
                encoding="utf-8",
            )
            page.goto(article_base + name)
            page.wait_for_selector("iframe[data-embed-resized='true']", timeout=10_000)
            found[f"{lang}/embed/{chart_id}/ in a {FRAME_WIDTH} px frame"] = {
                FRAME_WIDTH: page.frames[1].evaluate(MEASURE)
            }
    page.close()
    return found


def charts(measured: Measured) -> Iterator[tuple[str, dict]]:
    """(where, chart) for every chart measured: 'zh/areas/ecology/index.html at 320px: chart-pm25'."""
    for rel, widths in measured.items():
        for width, found in widths.items():
            for chart in found.get("charts", []):
                yield f"{rel} at {width}px: {chart['id']} (layout {chart['layout'] or '-'})", chart


def failed_visits(measured: Measured) -> list[str]:
    return [f"{rel}: the visit failed: {widths[0]['error']}" for rel, widths in measured.items() if 0 in widths]


def test_every_width_is_measured_on_every_page(measured_by_mode: dict[str, Measured], bundled_build: Path) -> None:
    on = measured_by_mode["javascript on"]
    assert set(on) == set(site_pages(bundled_build))
    problems = failed_visits(on) + [f"{rel}: measured at {sorted(widths)}" for rel, widths in on.items()
                                    if 0 not in widths and sorted(widths) != sorted(WIDTHS)]
    assert not problems, "\n".join(problems)
    checked = sum(1 for _ in charts(on))
    assert checked >= 4 * 200  # the charts of the area, indicator, home and embed pages, at each width


@pytest.mark.parametrize("mode", MODES)
def test_every_chart_shows_exactly_one_layout(measured_by_mode: dict[str, Measured], mode: str) -> None:
    measured = measured_by_mode[mode]
    problems = [f"{where} shows {chart['shown']} drawings, not one" for where, chart in
                charts(measured) if chart["shown"] != 1]
    assert any(True for _ in charts(measured))
    assert not problems, "\n".join(failed_visits(measured) + problems)


@pytest.mark.parametrize("mode", MODES)
def test_no_page_scrolls_sideways(measured_by_mode: dict[str, Measured], mode: str) -> None:
    measured = measured_by_mode[mode]
    problems = [f"{rel} is {found['scrollWidth']}px wide at {width}px" for rel, widths in measured.items()
                for width, found in widths.items() if width and found["scrollWidth"] > width]
    assert not problems, "\n".join(failed_visits(measured) + problems)


@pytest.mark.parametrize("mode", MODES)
def test_the_smallest_chart_text_shows_at_12px_or_more(measured_by_mode: dict[str, Measured], mode: str) -> None:
    measured = measured_by_mode[mode]
    problems = [f"{where}: \"{chart['smallestText']}\" shows at {chart['smallest']:.1f}px" for where, chart in
                charts(measured)
                if chart["smallest"] is not None and chart["smallest"] < SMALLEST_TEXT - 0.01]
    assert not problems, "\n".join(failed_visits(measured) + problems)


@pytest.mark.parametrize("mode", MODES)
def test_no_two_chart_labels_overlap(measured_by_mode: dict[str, Measured], mode: str) -> None:
    measured = measured_by_mode[mode]
    problems = [f"{where}: {'; '.join(chart['overlaps'])}" for where, chart in charts(measured)
                if chart["overlaps"]]
    assert not problems, "\n".join(failed_visits(measured) + problems)


@pytest.mark.parametrize("mode", MODES)
def test_no_chart_label_leaves_its_chart(measured_by_mode: dict[str, Measured], mode: str) -> None:
    measured = measured_by_mode[mode]
    problems = [f"{where}: {'; '.join(chart['outside'])} outside" for where, chart in
                charts(measured) if chart["outside"]]
    assert not problems, "\n".join(failed_visits(measured) + problems)
