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


def test_every_page_loads_cleanly_and_every_chart_draws(browser, served: str, bundled_build: Path) -> None:
    pages = all_pages(bundled_build)
    assert len(pages) >= 25
    origin = urlsplit(served).netloc
    context = browser.new_context()
    problems: list[str] = []
    charts_drawn = 0
    for rel in pages:
        page = context.new_page()
        page.on("console", lambda m, rel=rel: m.type in {"error", "warning"} and problems.append(f"{rel}: console {m.type}: {m.text}"))
        page.on("pageerror", lambda e, rel=rel: problems.append(f"{rel}: page error: {e}"))
        page.on("requestfailed", lambda r, rel=rel: problems.append(f"{rel}: request failed: {r.url}"))
        page.on("request", lambda r, rel=rel: urlsplit(r.url).netloc != origin and problems.append(f"{rel}: other host: {r.url}"))
        page.on("response", lambda r, rel=rel: r.status >= 400 and problems.append(f"{rel}: HTTP {r.status}: {r.url}"))
        url = served + rel.removesuffix("index.html")
        page.goto(url, wait_until="load")
        expected = page.locator(".chart-canvas").count()
        if expected:
            page.wait_for_function(
                "n => document.querySelectorAll('.chart-canvas[data-chart-drawn] svg').length === n", arg=expected, timeout=10_000
            )
            # Drawn means real marks, not an empty frame: the SVG has paths (axes, bars, target lines).
            assert page.locator(".chart-canvas svg path").count() > expected, rel
            charts_drawn += expected
        page.close()
    context.close()
    assert not problems, "\n".join(problems)
    assert charts_drawn >= 40


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
