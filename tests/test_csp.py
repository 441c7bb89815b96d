"""Every page under a strict Content-Security-Policy, and a site full of injected script, in Chromium.

The server sends the policy with every response; a listener installed before any page script records
each `securitypolicyviolation` event, and the console is watched for CSP errors. An injected script
that ran would set `window.__pwned`.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import run_cli
from hostile_site import PAYLOAD, write_hostile_site
from test_browser import SUB_PATH, SubPathHandler, all_pages, browser  # noqa: F401 - browser is a fixture

pytestmark = pytest.mark.browser

CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; style-src 'self'"

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " in " + e.sourceFile + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""


class PolicyHandler(SubPathHandler):
    """The sub-path server of test_browser, sending the strict policy with every response."""

    policy: str | None = CSP

    def end_headers(self) -> None:
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


def serve(folder: Path, policy: str | None) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (PolicyHandler,), {"policy": policy})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_hostile_site(tmp_path_factory.mktemp("hostile") / "site")
    result = run_cli("build", "--source", str(root), "--out", str(root / "build"))
    assert result.returncode == 0, result.stderr
    return root / "build"


def visit_all(browser, build: Path, policy: str | None) -> Iterator[tuple[str, object, list[str]]]:  # noqa: F811
    """Opens every page of a build; yields (page path, Playwright page, problems seen so far on it)."""
    server, base = serve(build, policy)
    origin = urlsplit(base).netloc
    context = browser.new_context()
    context.add_init_script(LISTEN)
    try:
        for rel in all_pages(build):
            page = context.new_page()
            problems: list[str] = []
            page.on("console", lambda m, p=problems: m.type == "error" and p.append(f"console: {m.text}"))
            page.on("pageerror", lambda e, p=problems: p.append(f"page error: {e}"))
            page.on("request", lambda r, p=problems: urlsplit(r.url).netloc != origin and p.append(f"other host: {r.url}"))
            page.goto(base + rel.removesuffix("index.html"), wait_until="load")
            # Interaction runs code a bare load does not: hovering a chart loads ECharts, draws the live chart
            # and shows its tooltip (the HTML tooltip is where ECharts writes style attributes); open menus too.
            for canvas in page.locator(".chart-canvas[data-options]").all()[:1]:
                canvas.scroll_into_view_if_needed()
                canvas.hover()
                canvas.element_handle().wait_for_element_state("stable")
                page.wait_for_function("el => el.getAttribute('data-interactive') === 'true'", arg=canvas.element_handle(), timeout=10_000)
                box = canvas.bounding_box()
                assert box
                for step in range(1, 10):
                    page.mouse.move(box["x"] + box["width"] * step / 10, box["y"] + box["height"] * 0.6)
                    page.wait_for_timeout(30)
            for details in page.locator("details > summary").all()[:3]:
                if details.is_visible():
                    details.click()
            page.wait_for_timeout(100)
            problems.extend(page.evaluate("window.__csp"))
            yield rel, page, problems
            page.close()
    finally:
        context.close()
        server.shutdown()


def test_every_page_works_under_a_strict_content_security_policy(browser, bundled_build: Path) -> None:  # noqa: F811
    report: list[str] = []
    pages = 0
    for rel, _, problems in visit_all(browser, bundled_build, CSP):
        pages += 1
        report.extend(f"{rel}: {p}" for p in problems)
    assert pages >= 25
    assert not report, "\n".join(report)


def test_no_injected_script_runs_and_the_text_is_shown_as_typed(browser, hostile_build: Path) -> None:  # noqa: F811
    # Without the policy: escaping alone must stop every payload (the policy is a second wall, not the first).
    report: list[str] = []
    for rel, page, problems in visit_all(browser, hostile_build, None):
        if page.evaluate("typeof window.__pwned") != "undefined":
            report.append(f"{rel}: an injected script ran")
        report.extend(f"{rel}: {p}" for p in problems if "pwned" in p)
        if rel == "en/areas/industry/index.html":
            assert page.locator("h1").inner_text() == PAYLOAD + "Building a modern industrial system"  # front matter title
            assert ("Put 2,000 new industrial robots to use." + PAYLOAD) in page.locator(".commitment details p").first.text_content()
            assert page.locator("main a[href^='javascript' i]").count() == 0
    assert not report, "\n".join(report)


def test_the_hostile_site_raises_no_violation_under_the_policy(browser, hostile_build: Path) -> None:  # noqa: F811
    # Any payload that had become markup (an inline script, a handler) would show up here as a violation.
    # (The editor's <img src="x"> stays, as a harmless same-site image that is not found: not a policy matter.)
    report = [
        f"{rel}: {p}"
        for rel, _, problems in visit_all(browser, hostile_build, CSP)
        for p in problems
        if "status of 404" not in p
    ]
    assert not report, "\n".join(report)
