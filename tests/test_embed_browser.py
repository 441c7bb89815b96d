"""An embed on someone else's page: another origin, the snippet copied from the dialog, a phone's width."""

from __future__ import annotations

import functools
import http.server
import re
import struct
import threading
from pathlib import Path

import pytest
from browsing import CSP, LISTEN, serve

pytestmark = pytest.mark.browser


@pytest.fixture
def publisher(tmp_path: Path):
    """A second server, on another port (another origin), for the journalist's article."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def copy_snippets(browser, served: str) -> tuple[str, str]:
    """Opens a chart's share dialog with the keyboard, copies both snippets, reads the clipboard."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served + "zh/indicators/gdp-growth/")
    summary = page.locator("#chart-gdp-growth-figure details.chart-share summary")
    summary.focus()
    page.keyboard.press("Enter")
    copied = []
    for name in ("snippet", "resize"):
        button = page.locator(f"button[data-copy='chart-gdp-growth-{name}']")
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"document.querySelector(\"button[data-copy='chart-gdp-growth-{name}']\").textContent === '已复制'"
        )
        clip = page.evaluate("navigator.clipboard.readText()")
        assert clip == page.locator(f"#chart-gdp-growth-{name}").input_value()
        copied.append(clip)
    context.close()
    return copied[0], copied[1]


@pytest.fixture(scope="module")
def snippets(browser, served: str) -> tuple[str, str]:
    """Both snippets, copied once for the tests that paste them into someone else's page."""
    return copy_snippets(browser, served)


def test_copied_snippet_embeds_the_chart_on_another_origin(
    browser, served: str, snippets: tuple[str, str], publisher
) -> None:
    iframe, script = snippets
    assert iframe.startswith("<iframe") and served in iframe  # absolute, so it works on someone else's page
    folder, base = publisher
    (folder / "article.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Article</title>"
        "<link rel='icon' href='data:,'></head>"
        f"<body><h1>An article</h1><p>Text.</p>{iframe}{script}</body></html>",
        encoding="utf-8",
    )
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "article.html")
    page.wait_for_selector("iframe[data-embed-resized='true']", timeout=10_000)
    frame = page.frame_locator("iframe")
    assert frame.locator(".chart-canvas svg:visible").is_visible()
    assert "地区生产总值增速" in frame.locator("h1").inner_text()
    inner_height = page.frames[1].evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    outer_height = page.locator("iframe").evaluate("f => f.getBoundingClientRect().height")
    assert abs(inner_height - outer_height) <= 2  # the frame was sized to its content
    assert not errors, errors
    page.close()


def test_embed_at_320px_shows_the_whole_chart_without_scrolling(browser, snippets: tuple[str, str], publisher) -> None:
    iframe, script = snippets
    folder, base = publisher
    (folder / "narrow.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Narrow</title>"
        "<link rel='icon' href='data:,'><meta name='viewport' content='width=device-width'></head>"
        f"<body style='margin:0'>{iframe}{script}</body></html>",
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(base + "narrow.html")
    page.wait_for_selector("iframe[data-embed-resized='true']", timeout=10_000)
    inner = page.frames[1]
    sizes = inner.evaluate(
        "({sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,"
        " sh: document.documentElement.scrollHeight, ch: document.documentElement.clientHeight})"
    )
    assert sizes["sw"] <= sizes["cw"], sizes  # no horizontal scrolling
    assert sizes["sh"] <= sizes["ch"] + 1, sizes  # no vertical scrolling either
    svg = inner.locator(".chart-canvas svg:visible").bounding_box()
    assert svg and svg["width"] <= 320 and svg["height"] > 80
    page.close()


def test_theme_parameter_chooses_dark_or_light(browser, served: str) -> None:
    page = browser.new_page(color_scheme="light")
    page.goto(served + "en/embed/gdp-growth/?theme=dark")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.goto(served + "en/embed/gdp-growth/?theme=light")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light and light == "rgb(255, 255, 255)"
    page.close()
    auto = browser.new_page(color_scheme="dark")
    auto.goto(served + "en/embed/gdp-growth/")
    assert auto.evaluate("getComputedStyle(document.body).backgroundColor") == dark  # follows the reader
    auto.close()


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_BUTTON = "#chart-gdp-growth-figure button[data-png-src]"


def download_png(browser, base: str, tmp_path: Path) -> tuple[str, bytes, list[str]]:
    """Opens a chart's share dialog, clicks the PNG button; the file's suggested name, its bytes, any problems."""
    context = browser.new_context(accept_downloads=True)
    context.add_init_script(LISTEN)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(base + "zh/indicators/gdp-growth/")
    page.locator("#chart-gdp-growth-figure details.chart-share summary").click()
    button = page.locator(PNG_BUTTON)
    assert button.is_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    saved = tmp_path / "download.png"
    download.save_as(saved)
    problems.extend(page.evaluate("window.__csp"))
    context.close()
    return download.suggested_filename, saved.read_bytes(), problems


def test_png_button_draws_the_chart_at_twice_its_size_in_the_browser(
    browser, served: str, bundled_build: Path, tmp_path: Path
) -> None:
    name, png, problems = download_png(browser, served, tmp_path)
    assert name == "gdp-growth.png"
    assert png.startswith(PNG_SIGNATURE)
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    svg = (bundled_build / "zh/embed/gdp-growth/chart.svg").read_text(encoding="utf-8")
    svg_width = int(re.search(r'<svg[^>]*\swidth="(\d+)"', svg).group(1))
    assert width == 2 * svg_width  # the chart spans the image's width, drawn at a pixel ratio of 2
    assert height > width / 2  # the chart (640 x 320) with its title above and credit below
    assert len(png) > 20_000  # a drawn chart with words, not a blank canvas
    assert not problems, problems


def test_png_button_works_under_the_strict_content_security_policy(
    browser, bundled_build: Path, tmp_path: Path
) -> None:
    server, base = serve(bundled_build, CSP)
    try:
        name, png, problems = download_png(browser, base, tmp_path)
    finally:
        server.shutdown()
    assert name.endswith(".png") and png.startswith(PNG_SIGNATURE)
    assert not problems, problems


def test_png_button_is_hidden_without_javascript_and_the_svg_link_stays(browser, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "zh/indicators/gdp-growth/")
    page.locator("#chart-gdp-growth-figure details.chart-share summary").click()  # <details> opens without script
    assert page.locator(PNG_BUTTON).count() == 1
    assert not page.locator(PNG_BUTTON).is_visible()
    assert page.locator("#chart-gdp-growth-figure a[href$='chart.svg']").is_visible()
    assert page.locator("#chart-gdp-growth-figure a[href$='data.csv']").is_visible()
    context.close()
