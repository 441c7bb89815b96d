"""An embed on someone else's page: another origin, the snippet copied from the dialog, a phone's width."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from test_browser import SubPathHandler, browser, served  # noqa: F401  (fixtures)

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


def copy_snippets(browser, served: str) -> tuple[str, str]:  # noqa: F811
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
        page.wait_for_function(f"document.querySelector(\"button[data-copy='chart-gdp-growth-{name}']\").textContent === '已复制'")
        clip = page.evaluate("navigator.clipboard.readText()")
        assert clip == page.locator(f"#chart-gdp-growth-{name}").input_value()
        copied.append(clip)
    context.close()
    return copied[0], copied[1]


def test_copied_snippet_embeds_the_chart_on_another_origin(browser, served: str, publisher) -> None:  # noqa: F811
    iframe, script = copy_snippets(browser, served)
    assert iframe.startswith("<iframe") and served in iframe  # absolute, so it works on someone else's page
    folder, base = publisher
    (folder / "article.html").write_text(
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Article</title><link rel='icon' href='data:,'></head>"
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
    assert frame.locator(".chart-canvas svg").is_visible()
    assert "地区生产总值增速" in frame.locator("h1").inner_text()
    inner_height = page.frames[1].evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    outer_height = page.locator("iframe").evaluate("f => f.getBoundingClientRect().height")
    assert abs(inner_height - outer_height) <= 2  # the frame was sized to its content
    assert not errors, errors
    page.close()


def test_embed_at_320px_shows_the_whole_chart_without_scrolling(browser, served: str, publisher) -> None:  # noqa: F811
    iframe, script = copy_snippets(browser, served)
    folder, base = publisher
    (folder / "narrow.html").write_text(
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Narrow</title><link rel='icon' href='data:,'>"
        f"<meta name='viewport' content='width=device-width'></head><body style='margin:0'>{iframe}{script}</body></html>",
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
    svg = inner.locator(".chart-canvas svg").bounding_box()
    assert svg and svg["width"] <= 320 and svg["height"] > 80
    page.close()


def test_theme_parameter_chooses_dark_or_light(browser, served: str) -> None:  # noqa: F811
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
