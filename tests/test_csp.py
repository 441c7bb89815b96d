"""Every page under a strict Content-Security-Policy, and a site full of injected script, in Chromium.

The pages are served with the policy (browsing.CSP) in its report-only form: a listener installed before
any page script records each `securitypolicyviolation` event, exactly those the enforced policy would
block and report, while nothing is blocked, so the same visit also shows what a page does with no
policy at all (see `bundled_visits` in conftest.py). An injected script that ran would set
`window.__pwned`. Each page is visited once for the session; these tests read what the visits found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import Visit, all_pages, representatives, site_pages
from hostile_site import PAYLOAD

pytestmark = pytest.mark.browser

# What the page did wrong on any visit: script and console errors, requests to another host.
WRONG = {"console error", "page error", "other host"}
EVERY_PHASE = {"load", "later"}


def test_every_page_works_under_a_strict_content_security_policy(
    bundled_visits: dict[str, Visit], bundled_build: Path
) -> None:
    assert len(all_pages(bundled_build)) >= 25
    report: list[str] = []
    for rel, visit in bundled_visits.items():
        report += visit.problems(EVERY_PHASE, WRONG) + [f"{rel}: {violation}" for violation in visit.csp]
    # Interaction runs code a bare load does not (ECharts drawing a live chart and its tooltip, menus):
    # it was run on a page of each language and template, and made a chart live wherever there is one.
    groups = representatives(bundled_build, site_pages(bundled_build))
    for (lang, template), chosen in groups.items():
        visit = bundled_visits[chosen[0]]
        has_live_charts = 'data-options="' in (bundled_build / chosen[0]).read_text(encoding="utf-8")
        if has_live_charts and not visit.interacted:
            report.append(f"{chosen[0]}: no chart of the {lang} {template} pages was made live")
    assert any(visit.interacted for visit in bundled_visits.values())
    assert not report, "\n".join(report)


def test_no_injected_script_runs_and_the_text_is_shown_as_typed(
    hostile_visits: dict[str, Visit], hostile_build: Path
) -> None:
    # Nothing is blocked on these visits: escaping alone must stop every payload (the policy is a second
    # wall, not the first).
    report: list[str] = []
    for rel, visit in hostile_visits.items():
        if visit.error:
            report.append(f"{rel}: the visit failed: {visit.error}")
        if visit.pwned:
            report.append(f"{rel}: an injected script ran")
        report += [p for p in visit.problems(EVERY_PHASE, WRONG) + [f"{rel}: {v}" for v in visit.csp] if "pwned" in p]
        # Every chart's texts carry the payload too: each page's first chart was drawn live, tooltip and all.
        if 'data-options="' in (hostile_build / rel).read_text(encoding="utf-8") and not visit.interacted:
            report.append(f"{rel}: no chart was made live")
    # The reader sees what the editor typed: the front matter's title, a commitment's text.
    shown = hostile_visits["en/areas/industry/index.html"].probed
    if shown.get("h1") != PAYLOAD + "Building a modern industrial system":
        report.append(f"en/areas/industry/: the title shows as {shown.get('h1')!r}")
    if ("Put 2,000 new industrial robots to use." + PAYLOAD) not in (shown.get("commitment") or ""):
        report.append(f"en/areas/industry/: the commitment shows as {shown.get('commitment')!r}")
    if shown.get("scriptLinks") != 0:
        report.append(f"en/areas/industry/: {shown.get('scriptLinks')} javascript: links in the commentary")
    assert not report, "\n".join(report)


def test_the_hostile_site_raises_no_violation_under_the_policy(hostile_visits: dict[str, Visit]) -> None:
    # Any payload that had become markup (an inline script, a handler) would show up here as a violation.
    # (The editor's <img src="x"> stays, as a harmless same-site image that is not found: not a policy matter.)
    report = [
        problem
        for rel, visit in hostile_visits.items()
        for problem in visit.problems(EVERY_PHASE, WRONG) + [f"{rel}: {violation}" for violation in visit.csp]
        if "status of 404" not in problem
    ]
    assert not report, "\n".join(report)
