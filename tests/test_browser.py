"""The bundled site in a real browser (Debian's chromium through Playwright), served under a sub-path.

Every page in both languages: no console error, no failed request, no request to another host, and
every chart drew. Without a browser the tests skip with a notice; on CI (CI=true) they fail instead.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUB_PATH = "/some/sub/path/"
pytestmark = pytest.mark.browser


def browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"no browser at {CHROMIUM} (apt install chromium fonts-noto-cjk)"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = browser_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run on CI: {missing}")
        pytest.skip(f"BROWSER TESTS SKIPPED: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the build only under SUB_PATH, as a host that puts the site in a sub-folder would."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(bundled_build: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(bundled_build)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()


def all_pages(build: Path) -> list[str]:
    return sorted(p.relative_to(build).as_posix() for p in build.rglob("index.html"))


def watch(page, rel: str, origin: str, problems: list[str], requests: list[str]) -> None:
    page.on("console", lambda m: m.type in {"error", "warning"} and problems.append(f"{rel}: console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"{rel}: page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"{rel}: request failed: {r.url}"))
    page.on("request", lambda r: requests.append(r.url))
    page.on("request", lambda r: urlsplit(r.url).netloc != origin and problems.append(f"{rel}: other host: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{rel}: HTTP {r.status}: {r.url}"))


def test_every_page_loads_cleanly_with_every_chart_drawn_and_no_echarts(browser, served: str, bundled_build: Path) -> None:
    pages = all_pages(bundled_build)
    assert len(pages) >= 99
    origin = urlsplit(served).netloc
    context = browser.new_context()
    problems: list[str] = []
    charts = 0
    for rel in pages:
        page = context.new_page()
        requests: list[str] = []
        watch(page, rel, origin, problems, requests)
        page.goto(served + rel.removesuffix("index.html"), wait_until="load")
        canvases = page.locator(".chart-canvas")
        for i in range(canvases.count()):
            box = canvases.nth(i).locator("svg").bounding_box()
            assert box and box["width"] > 100 and box["height"] > 50, f"{rel}: chart {i} did not draw"
            # Drawn means real marks, not an empty frame: axes, bars, target lines.
            assert canvases.nth(i).locator("svg path").count() >= 3, f"{rel}: chart {i} is empty"
        charts += canvases.count()
        assert not [r for r in requests if "echarts" in r], f"{rel}: ECharts loaded before any interaction"
        page.close()
    context.close()
    assert not problems, "\n".join(problems)
    assert charts >= 100


def test_with_javascript_off_every_chart_shows_as_svg_with_its_words(browser, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for rel in ("zh/", "en/areas/ecology/", "zh/indicators/", "en/indicators/gdp-growth/"):
        page.goto(served + rel)
        figures = page.locator("figure.chart")
        assert figures.count() >= 1
        for i in range(figures.count()):
            figure = figures.nth(i)
            if figure.locator(".chart-canvas").count():
                assert figure.locator(".chart-canvas svg").is_visible()
                assert figure.locator(".chart-canvas").get_attribute("aria-label")
            assert figure.locator(".chart-description").inner_text().strip()
        figure = figures.first
        figure.locator("details.chart-data summary").click()
        assert figure.locator("details.chart-data table tbody tr").count() >= 1
    context.close()


def test_area_page_first_load_is_small_and_hover_brings_tooltips(browser, served: str) -> None:
    import gzip

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


def test_no_horizontal_scrolling_at_360px(browser, served: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    for rel in ("zh/", "en/", "zh/areas/industry/", "en/areas/livelihoods/", "zh/indicators/", "en/indicators/"):
        page.goto(served + rel)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{rel} is {width}px wide at 360px"
    page.close()
