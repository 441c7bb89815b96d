"""The Atom feed of a site of several plan years, on two years of Qingshui's plans (tests/test_track.py,
with a 2026 half-year figure from tests/test_open_data.py): each year's entries linked to its own pages,
ids that stay apart and stay the same when a year is added, and one "new plan year" entry per later year.

A one-year site's feed is checked byte for byte by tests/test_one_year_unchanged.py, and against RFC 4287
by tests/test_public.py.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from test_open_data import PLAN_2026_H1, STRINGS
from test_track import PLAN_2025, write_plans

from site_builder.pages.feeds import atom_feed
from site_builder.sources.plans import load_plans
from site_builder.sources.schema import TargetsFile

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://plan.example.org/qingshui/"


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> list[TargetsFile]:
    plans, problems = load_plans(write_plans(tmp_path_factory.mktemp("qingshui"), PLAN_2025, PLAN_2026_H1))
    assert problems == []
    return [plans[year] for year in sorted(plans)]


def entries(plans: list[TargetsFile], lang: str = "en", base_url: str = "") -> list[ET.Element]:
    return ET.fromstring(atom_feed(plans, STRINGS[lang], lang, base_url)).findall(f"{ATOM}entry")


def href(entry: ET.Element) -> str:
    return entry.find(f"{ATOM}link").get("href")


def term(entry: ET.Element) -> str:
    return entry.find(f"{ATOM}category").get("term")


def with_plan(data: TargetsFile, **changes: object) -> TargetsFile:
    return data.model_copy(update={"plan": data.plan.model_copy(update=changes)})


def test_each_year_s_entries_link_to_that_year_s_pages(two_years: list[TargetsFile]) -> None:
    for lang in ("zh", "en"):
        found = entries(two_years, lang)
        outcomes = {href(e) for e in found if term(e) == "outcome"}
        assert outcomes == {"2025/indicators/gdp-growth/", "2026/indicators/gdp-growth/"}
        assert all(href(e).startswith(("2025/", "2026/")) for e in found)
        assert {term(e) for e in found} == {"outcome", "status", "plan_year"}
    hosted = entries(two_years, "zh", BASE)
    assert all(href(e).startswith((f"{BASE}zh/2025/", f"{BASE}zh/2026/")) for e in hosted)


def test_status_changes_are_computed_on_each_year_s_plan(two_years: list[TargetsFile]) -> None:
    changes = [(e.findtext(f"{ATOM}title"), href(e)) for e in entries(two_years) if term(e) == "status"]
    # 2026's first figure starts from "not yet reported" in 2026's plan, whatever 2025's status was.
    assert changes == [("地区生产总值增速: Not yet reported → On track", "2026/indicators/gdp-growth/"),
                       ("地区生产总值增速: Not yet reported → Met", "2025/indicators/gdp-growth/")]


def test_ids_are_unique_and_a_year_s_ids_stay_when_the_next_year_is_added(two_years: list[TargetsFile]) -> None:
    for lang in ("zh", "en"):
        both = entries(two_years, lang)
        ids = [e.findtext(f"{ATOM}id") for e in both]
        assert len(ids) == len(set(ids))
        alone = {e.findtext(f"{ATOM}id") for e in entries(two_years[:1], lang)}
        assert alone == {e.findtext(f"{ATOM}id") for e in both if href(e).startswith("2025/")}
        feed_id = ET.fromstring(atom_feed(two_years, STRINGS[lang], lang, "")).findtext(f"{ATOM}id")
        assert feed_id == ET.fromstring(atom_feed(two_years[:1], STRINGS[lang], lang, "")).findtext(f"{ATOM}id")


def test_ids_stay_apart_when_two_years_share_a_source_address(two_years: list[TargetsFile]) -> None:
    # A placeholder address in both years, and the same target, period and day: only the year tells them apart.
    placeholder = "https://example.invalid/plan"
    same = [with_plan(two_years[0], source_url=placeholder),
            with_plan(two_years[0], source_url=placeholder, year=2026)]
    found = entries(same)
    ids = [e.findtext(f"{ATOM}id") for e in found]
    assert len(ids) == len(set(ids))
    outcomes = [href(e) for e in found if term(e) == "outcome"]
    assert sorted(outcomes) == ["2025/indicators/gdp-growth/", "2026/indicators/gdp-growth/"]


def test_a_later_plan_year_has_an_entry_dated_by_its_publication(two_years: list[TargetsFile]) -> None:
    for lang, title, issuer, summary in (
        ("en", "A new plan year: this site has added Qingshui 2026 Plan", "Qingshui Municipal People's Government",
         "published by Qingshui Municipal People's Government on 24 February 2026"),
        ("zh", "新的计划年度：本站已加入清水市2026年计划", "清水市人民政府", "清水市人民政府于2026年2月24日发布"),
    ):
        [entry] = [e for e in entries(two_years, lang) if term(e) == "plan_year"]  # none for the first year
        assert entry.findtext(f"{ATOM}title") == title and summary in entry.findtext(f"{ATOM}summary")
        assert entry.findtext(f"{ATOM}updated") == "2026-02-24T00:00:00Z" and href(entry) == "2026/"
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == issuer  # who published the plan
    assert not [e for e in entries(two_years[:1]) if term(e) == "plan_year"]


def test_without_a_publication_date_the_plan_s_own_date_or_no_entry(two_years: list[TargetsFile]) -> None:
    unpublished = [two_years[0], with_plan(two_years[1], published=None)]
    [entry] = [e for e in entries(unpublished) if term(e) == "plan_year"]
    assert entry.findtext(f"{ATOM}updated") == "2026-02-20T00:00:00Z"
    assert "dated 20 February 2026" in entry.findtext(f"{ATOM}summary")
    undated = [two_years[0], with_plan(two_years[1], published=None, adopted=None)]
    assert not [e for e in entries(undated) if term(e) == "plan_year"]


def test_the_feed_is_dated_by_its_newest_entry_and_titled_for_every_year(two_years: list[TargetsFile]) -> None:
    feed = ET.fromstring(atom_feed(two_years, STRINGS["en"], "en", ""))
    newest = max(e.findtext(f"{ATOM}updated") for e in feed.findall(f"{ATOM}entry"))
    assert feed.findtext(f"{ATOM}updated") == newest == "2026-07-20T00:00:00Z"
    assert feed.findtext(f"{ATOM}title").startswith("Qingshui 2026 Plan and earlier years' plans")


def test_a_one_year_feed_has_no_year_in_its_links(two_years: list[TargetsFile], tmp_path: Path) -> None:
    found = entries(two_years[:1])
    assert found and {href(e) for e in found} == {"indicators/gdp-growth/"}
    assert {term(e) for e in found} == {"outcome", "status"}
    feed = ET.fromstring(atom_feed(two_years[:1], STRINGS["en"], "en", ""))
    assert feed.findtext(f"{ATOM}title") == "Qingshui 2025 Plan: new outcomes and status changes"
