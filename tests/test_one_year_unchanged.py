"""A one-year site is built as it was before the site could hold several plan years.

tests/baselines/one_year_site.json is the bundled site's output at 7608fac, the last commit before plan
years, with one fix since (drawings' ids named after what they draw, not after Node's counter, which made
a chart's bytes depend on what the cache held): each file's path and the start of its SHA-256 (preview
PNGs aside: resvg draws them with the machine's fonts). Every difference from it must be one this file
names, with the reason.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

import pytest
from conftest import REPO

BASELINE = REPO / "tests" / "baselines" / "one_year_site.json"

# Files whose bytes changed on purpose since the baseline, and why.
CHANGED: dict[str, str] = {
    **{f"data/{table}.{form}": "plan_year column: every open-data row starts with the year of the plan it belongs to, "
       "on a one-year site too, so one script reads a site of any number of years"
       for table in ("areas", "commitments", "indicators", "targets", "outcomes", "sources")
       for form in ("csv", "json")},
    "data/datapackage.json": "plan_year column: the package describes it, and every key is (plan_year, id), as ids "
                             "are unique only within one year's plan",
    "assets/search.js": "a result says which plan year its page is about, on a site of several years (the script "
                        "is the same file for every site; a one-year site's pages give it no year)",
    "assets/site.css": "styles for the track record's tables, the plan-year menu and a search result's year: rules "
                       "no one-year page's markup uses",
}
# Files added on purpose since the baseline, and why.
ADDED: dict[str, str] = {}


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:16]
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".png"}


def installed_versions() -> dict[str, str]:
    """The versions of what shapes the output's bytes besides this code: a new Markdown or pagefind may
    change them, which says nothing about this code."""
    found = {name: metadata.version(name) for name in ("pagefind", "markdown", "nh3", "jinja2", "babel",
                                                         "pyecharts", "pydantic")}
    echarts = REPO / "node_modules" / "echarts" / "package.json"
    found["echarts"] = json.loads(echarts.read_text(encoding="utf-8"))["version"]
    return found


def test_a_one_year_site_is_built_as_before_plan_years_but_for_the_named_changes(bundled_build: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    if baseline["versions"] != installed_versions():
        pytest.skip(f"the baseline was built with {baseline['versions']}, this build with {installed_versions()}: "
                    "build 7608fac's site with these versions to compare")
    before = baseline["files"]
    now = digests(bundled_build)
    assert sorted(set(before) - set(now)) == [], "files the one-year site no longer has"
    assert sorted(set(now) - set(before) - set(ADDED)) == [], "files added without a reason in ADDED"
    changed = {p for p in before.keys() & now.keys() if before[p] != now[p]}
    assert sorted(changed - set(CHANGED)) == [], "files changed without a reason in CHANGED"
    assert sorted(set(CHANGED) - changed) == [], "CHANGED names a file that did not change"
