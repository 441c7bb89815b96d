"""The public's view of the bundled site in Debian's chromium: accessibility (axe-core on every page,
both languages), search in Chinese and English, a 360 px phone, dark mode, keyboard and paper.

axe-core comes from node_modules (npm ci; pinned in package-lock.json). The tests over every page read
the session's one visit of each page (`bundled_visits` in conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import SUB_PATH, Visit, describe, representatives, run_axe, site_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(
    axe_source: str, bundled_visits: dict[str, Visit], bundled_build: Path, scheme: str
) -> None:
    # Light: every page. Dark: the dark scheme changes colours, not content, so it is checked on the
    # fewest pages of each language and template that show every kind of element the template has.
    pages = site_pages(bundled_build)
    assert len(pages) >= 29
    if scheme == "dark":
        groups = representatives(bundled_build, pages)
        templates = {template for _, template in groups}
        assert templates >= {"entry", "home", "area", "indicators", "indicator", "embed", "search", "404"}
        pages = [rel for chosen in groups.values() for rel in chosen]
    found: list[str] = []
    for rel in pages:
        visit = bundled_visits[rel]
        violations = visit.axe if scheme == "light" else visit.axe_dark
        if visit.error or violations is None:
            found.append(f"{rel}: not checked: {visit.error or 'axe did not run'}")
        elif violations:
            found.append(f"{rel}: {describe(violations)}")
    assert not found, "\n".join(found)


def test_axe_finds_no_violation_on_search_results(browser, served: str, axe_source: str) -> None:
    page = browser.new_page()
    for lang, query in (("zh", "工业机器人"), ("en", "industrial robots")):
        search(page, served, lang, query)
        violations = run_axe(page, axe_source)
        assert not violations, f"{lang} search results: {describe(violations)}"
    page.close()


def search(page, served: str, lang: str, query: str, start: str = "areas/ecology/") -> None:
    """Types the query into the header's search box of some page and waits for the results."""
    page.goto(served + f"{lang}/{start}")
    page.fill("#site-search-q", query)
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function("document.querySelectorAll('#search-results > li').length > 0", timeout=15_000)


@pytest.mark.parametrize(
    ("lang", "query", "commitment_title"),
    [
        ("zh", "工业机器人", "推进数字产业化、产业数字化"),
        ("en", "industrial robots", "Promoting digital industrialisation"),
    ],
)
def test_search_lists_the_commitment_first(browser, served: str, lang: str, query: str, commitment_title: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    search(page, served, lang, query)
    # The index and pagefind's code come from the site itself, under its sub-path.
    assert any("/pagefind/" in url for url in requests)
    assert all(url.startswith(served) for url in requests), [u for u in requests if not u.startswith(served)]
    first = page.locator("#search-results > li").first
    # The page holding the commitment, under the sub-path the site is served from...
    assert first.locator("h2 a").get_attribute("href") == f"{SUB_PATH}{lang}/areas/industry/"
    # ...and, first among its sections, the commitment itself.
    section = first.locator(".search-sections a").first
    assert section.get_attribute("href") == f"{SUB_PATH}{lang}/areas/industry/#industry-1-title"
    assert commitment_title in section.inner_text()
    # Results are in the page's language only.
    hrefs = page.locator("#search-results a").evaluate_all("l => l.map(a => a.getAttribute('href'))")
    assert all(f"{SUB_PATH}{lang}/" in href for href in hrefs)
    # The link leads to the commitment.
    section.click()
    page.wait_for_url(f"**/{lang}/areas/industry/#industry-1-title")
    assert page.locator("#industry-1-title").is_visible()
    page.close()


def test_search_says_when_nothing_is_found(browser, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "en/search/?q=zzzqqqxxx")
    page.wait_for_function(
        "document.getElementById('search-status').textContent.includes('Nothing found')", timeout=15_000
    )
    assert page.locator("#search-results > li").count() == 0
    page.close()


def test_search_without_javascript_offers_the_lists_to_browse(browser, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "zh/areas/industry/")
    page.fill("#site-search-q", "工业机器人")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/zh/search/?q=*")
    assert "搜索需要启用 JavaScript" in page.inner_text("main")
    page.click("main a:has-text('主要目标指标')")
    page.wait_for_url("**/zh/indicators/")
    context.close()


def test_no_horizontal_scrolling_at_360px_on_any_page(browser, served: str, bundled_visits: dict[str, Visit]) -> None:
    too_wide = []
    for rel, visit in bundled_visits.items():
        width = visit.phone.get("scrollWidth")
        if visit.error or width is None or width > 360:
            too_wide.append(f"{rel}: {width}px{f' ({visit.error})' if visit.error else ''}")
    page = browser.new_page(viewport={"width": 360, "height": 740})
    search(page, served, "zh", "工业机器人")
    if (width := page.evaluate("document.documentElement.scrollWidth")) > 360:
        too_wide.append(f"search results: {width}px")
    page.close()
    assert len(bundled_visits) >= 29
    assert not too_wide, too_wide


def colours(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(
        "el => { const s = getComputedStyle(el); return {color: s.color, background: s.backgroundColor}; }"
    )


def luminance(rgb: str) -> float:
    r, g, b = (int(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_dark_mode_follows_the_readers_setting(browser, served: str) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(served + "en/areas/industry/", wait_until="load")
        body = colours(page, "html")  # the page background and text colour are set on :root
        chart = colours(page, ".chart")
        # The words inside the server-rendered chart SVG (axis labels, values) and its grid lines.
        label = page.locator(".chart-canvas svg text").first.evaluate("el => getComputedStyle(el).fill")
        if scheme == "dark":
            assert luminance(body["background"]) < 60 < luminance(body["color"]), body
            assert luminance(chart["background"]) < 60 < luminance(label), (chart, label)
        else:
            assert luminance(body["background"]) > 200 > luminance(body["color"]), body
            assert luminance(label) < 120, label
        context.close()


def test_keyboard_reaches_skip_link_search_and_every_menu(browser, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "en/areas/industry/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # Tab order from the top: skip link, site title, search box, its button, language switch.
    page.goto(served + "en/areas/industry/")
    order = []
    for _ in range(5):
        page.keyboard.press("Tab")
        active = "document.activeElement.id || document.activeElement.className || document.activeElement.tagName"
        order.append(page.evaluate(active))
    assert order[:3] == ["skip-link", "site-title", "site-search-q"], order
    # The task-area menu opens with the keyboard.
    page.focus(".area-menu summary")
    page.keyboard.press("Enter")
    assert page.locator(".area-menu").get_attribute("open") is not None
    page.close()


def test_print_hides_navigation_opens_details_and_shows_link_addresses(browser, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "en/areas/industry/", wait_until="load")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-search").is_visible()
    assert page.locator("details.full-text p").first.is_visible()
    after = page.locator("main a[href^='http']").first.evaluate("a => getComputedStyle(a, '::after').content")
    assert "http" in after
    internal = page.locator("main .breadcrumb a").first.evaluate("a => getComputedStyle(a, '::after').content")
    assert SUB_PATH + "en/" in internal
    page.close()
