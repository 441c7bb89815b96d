"""`site-builder serve` in a real browser: an edit reloads the open page by itself, twice in a row, and a
broken data file shows its problem on the page until it is fixed.

Skipped with a notice without a browser (failed on CI), like every browser test. Timing belongs to
benchmarks/reload.py, so these tests only wait for the change to appear.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_serve import start_server

pytestmark = pytest.mark.browser


@pytest.fixture
def served(site: Path):
    yield from start_server(site)


def test_edits_reload_the_open_page_and_errors_show_on_it(browser, served: str, site: Path) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + "en/areas/industry/")
    page.wait_for_function(
        "() => window.LiveReload && window.LiveReload.connector && window.LiveReload.connector._isSocketConnected()"
    )
    source = site / "content" / "en" / "areas" / "industry.md"

    # Two edits within three seconds (livereload's own server would drop the second): both appear.
    source.write_text(source.read_text(encoding="utf-8").replace("Text.", "First edit."), encoding="utf-8")
    page.wait_for_selector("text=First edit.", timeout=15_000)
    source.write_text(source.read_text(encoding="utf-8").replace("First edit.", "Second edit."), encoding="utf-8")
    page.wait_for_selector("text=Second edit.", timeout=15_000)

    data = site / "data" / "targets.json"
    good = data.read_text(encoding="utf-8")
    broken = good.replace('"unit": "percent",\n      "direction"', '"unit": "percent",,\n      "direction"', 1)
    data.write_text(broken, encoding="utf-8")
    panel = page.wait_for_selector("#site-builder-error", timeout=15_000)
    assert "data/targets.json:" in panel.inner_text()
    assert "invalid JSON" in panel.inner_text()
    assert page.locator("text=Second edit.").count() == 1  # the last good page is still shown

    data.write_text(good, encoding="utf-8")
    page.wait_for_selector("#site-builder-error", state="detached", timeout=15_000)
    assert page.locator("text=Second edit.").count() == 1
    assert not errors
    page.close()
