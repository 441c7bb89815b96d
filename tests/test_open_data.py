"""Open data and chart downloads: a valid Frictionless package whose CSVs round-trip the JSON; every row led by
its plan's year, on a one-year site and on one of two years (Qingshui 2025 and 2026, from tests/test_track.py)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REPO
from test_track import PLAN_2025, PLAN_2026, write_plans

from site_builder.pages.embed import iframe_snippet
from site_builder.pages.opendata import open_data_files
from site_builder.sources.config import SiteConfig
from site_builder.sources.data import load_data
from site_builder.sources.i18n import load_strings, strings_paths
from site_builder.sources.plans import load_plans
from site_builder.sources.schema import TargetsFile

DATA = load_data(REPO / "data" / "targets.json", REPO)
STRINGS, _ = load_strings({lang: strings_paths(SiteConfig(root=REPO).theme_dirs(), lang) for lang in ("zh", "en")},
                          REPO)
TABLES = ("areas", "commitments", "indicators", "targets", "outcomes", "sources")

# The 2026 plan with a half-year GDP figure of its own, so both years have outcomes and status changes.
BULLETIN_2026 = {"id": "B26", "title": {"zh": "清水市2026年上半年经济运行情况", "en": "Qingshui's economy in H1 2026"},
                 "publisher": {"zh": "清水市统计局", "en": "Qingshui Statistics Bureau"}, "date": "2026-07-18",
                 "url": "https://example.org/qingshui/h1-2026", "official": True}
PLAN_2026_H1 = copy.deepcopy(PLAN_2026)
PLAN_2026_H1["sources"].append(BULLETIN_2026)
PLAN_2026_H1["indicators"][0]["targets"][0]["outcomes"] = [
    {"period": "h1", "year": 2026, "value": 6.8, "source": "B26", "added": "2026-07-20"}]


def test_datapackage_validates_with_the_frictionless_tooling(bundled_build: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(bundled_build / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def plain(value: object) -> object:
    """Frictionless reads numbers as Decimal and dates as date; JSON has float and ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def test_csvs_round_trip_the_json(bundled_build: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    package = frictionless.Package(str(bundled_build / "data" / "datapackage.json"))
    for resource in package.resources:
        from_csv = [{k: plain(v) for k, v in row.items()} for row in resource.read_rows()]
        from_json = json.loads((bundled_build / "data" / f"{resource.name}.json").read_text(encoding="utf-8"))
        normalised = [{k: (None if v == "" else v) for k, v in row.items()} for row in from_json]
        assert from_csv == normalised, resource.name


def test_open_data_holds_every_target_outcome_and_status(bundled_build: Path) -> None:
    targets = json.loads((bundled_build / "data" / "targets.json").read_text(encoding="utf-8"))
    gdp = next(t for t in targets if t["target_id"] == "gdp-growth")
    assert (gdp["status"], gdp["status_zh"], gdp["status_en"], gdp["judged_value"]) == ("met", "已完成", "Met", 8.7)
    outcomes = json.loads((bundled_build / "data" / "outcomes.json").read_text(encoding="utf-8"))
    assert len(outcomes) == sum(len(t.outcomes) for i in DATA.indicators for t in i.targets)
    csv = (bundled_build / "data" / "indicators.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and "地区生产总值增速".encode() in csv


def test_a_one_year_site_s_rows_are_led_by_its_plan_year(bundled_build: Path) -> None:
    for table in TABLES:
        rows = json.loads((bundled_build / "data" / f"{table}.json").read_text(encoding="utf-8"))
        assert rows and all(next(iter(row)) == "plan_year" and row["plan_year"] == 2021 for row in rows), table
        header = (bundled_build / "data" / f"{table}.csv").read_bytes().decode("utf-8-sig").split("\r\n")[0]
        assert header.startswith("plan_year,"), table
    package = json.loads((bundled_build / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "plan-2021"  # a one-year package keeps its name, title and description


def test_a_journalist_can_check_every_verdict_from_the_download(bundled_build: Path) -> None:
    targets = {t["target_id"]: t for t in json.loads((bundled_build / "data" / "targets.json").read_text("utf-8"))}
    outcomes = json.loads((bundled_build / "data" / "outcomes.json").read_text(encoding="utf-8"))
    agri = targets["agri-value-added-growth"]
    assert (agri["status"], agri["status_reason"], agri["judged_comparability"]) == ("indicative", "close_measure",
                                                                                      "close")
    assert agri["judged_period"] == "year" and agri["judged_value"] == 2.5 and agri["band_is_default"] is True
    assert "Indicative only (Full year 2021)" in agri["verdict_en"] and "仅供参考（2021年全年）" in agri["verdict_zh"]
    investment = targets["fixed-asset-investment-growth"]
    assert (investment["judged_price_basis"], investment["reference_value"]) == ("nominal", 11.4)
    assert targets["fixed-asset-investment-in-step"]["repeats"] == "fixed-asset-investment-growth"
    # Each verdict that rests on an outcome names it: one judged outcome row per measure, of that period.
    judged = {(o["target_id"], o["period"], o["year"]) for o in outcomes if o["judged"]}
    for target in targets.values():
        if target["judged_period"]:
            key = (target["repeats"] or target["target_id"], target["judged_period"], target["judged_year"])
            assert key in judged, target["target_id"]
    assert len(judged) == len({(t["repeats"] or t["target_id"]) for t in targets.values() if t["judged_period"]})
    gdp = [o for o in outcomes if o["target_id"] == "gdp-growth"]
    assert {(o["period"], o["price_basis"], o["comparability"], o["judged"]) for o in gdp} == {
        ("h1", "real", "same", False), ("q1_q3", "real", "same", False), ("year", "real", "same", True)}


def test_every_chart_has_an_embed_page_and_downloads_in_both_languages(bundled_build: Path) -> None:
    for lang in ("zh", "en"):
        pages = [p for p in (bundled_build / lang).rglob("index.html") if "/embed/" not in p.as_posix()]
        chart_ids = set()
        for page in pages:
            html = page.read_text(encoding="utf-8")
            chart_ids |= set(__import__("re").findall(r'<div class="chart-canvas" id="chart-([^"]+)"', html))
        assert len(chart_ids) >= 50
        for chart_id in chart_ids:
            folder = bundled_build / lang / "embed" / chart_id
            # The PNG is drawn in the reader's browser from chart.svg (tests/test_embed_browser.py).
            for name in ("index.html", "data.csv", "data.json", "chart.svg"):
                assert (folder / name).is_file(), f"{lang}/{chart_id}/{name}"
            assert (folder / "data.csv").read_bytes().startswith(b"\xef\xbb\xbf")
            embed = (folder / "index.html").read_text(encoding="utf-8")
            assert "site-header" not in embed  # the chart alone, no site navigation
            assert "<svg" in embed and "license" in embed


def test_gdp_chart_data_downloads(bundled_build: Path) -> None:
    data = json.loads((bundled_build / "en" / "embed" / "gdp-growth" / "data.json").read_text(encoding="utf-8"))
    assert [r["value"] for r in data["records"]] == [13.7, 11.4, 8.7]
    assert data["records"][-1]["period_label"] == "Full year 2021"
    svg = (bundled_build / "en" / "embed" / "gdp-growth" / "chart.svg").read_text(encoding="utf-8")
    assert svg.startswith('<?xml') and 'width="740"' in svg and "8.7" in svg


def test_snippet_escapes_what_an_editor_wrote() -> None:
    snippet = iframe_snippet("../embed/x/", 'A "title" <script>alert(1)</script>', 400)
    assert "<script>" not in snippet and "&quot;title&quot;" in snippet
    assert snippet.startswith('<iframe src="../embed/x/"')


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> list[TargetsFile]:
    plans, problems = load_plans(write_plans(tmp_path_factory.mktemp("qingshui"), PLAN_2025, PLAN_2026_H1))
    assert problems == []
    return [plans[year] for year in sorted(plans)]


def rows_of(files: dict[str, bytes], table: str) -> list[dict]:
    return json.loads(files[f"data/{table}.json"])


def test_two_years_rows_are_each_led_by_their_plan_s_year_oldest_first(two_years: list[TargetsFile]) -> None:
    files = open_data_files(two_years, STRINGS)
    one_year = open_data_files(two_years[:1], STRINGS)
    for table in TABLES:
        rows = rows_of(files, table)
        years = [row["plan_year"] for row in rows]
        assert years == sorted(years) and set(years) == {2025, 2026}, table
        # Each year's rows as that year alone gives them, in the same order.
        assert [r for r in rows if r["plan_year"] == 2025] == rows_of(one_year, table), table
        assert files[f"data/{table}.csv"].decode("utf-8-sig").startswith("plan_year,"), table
    targets = rows_of(files, "targets")
    assert [r["target_id"] for r in targets].count("gdp-growth") == 2
    assert len({(r["plan_year"], r["target_id"]) for r in targets}) == len(targets)
    # The 2025 outcome comes from a 2026 document, and belongs to the 2025 plan, as does that source's row.
    [gdp] = [o for o in rows_of(files, "outcomes") if o["target_id"] == "gdp-growth" and o["year"] == 2025]
    assert (gdp["plan_year"], gdp["year"], gdp["source_id"]) == (2025, 2025, "R26")
    sources = {(s["plan_year"], s["source_id"]) for s in rows_of(files, "sources")}
    assert sources == {(2025, "P"), (2025, "R26"), (2026, "P"), (2026, "B26")}


def test_the_datapackage_describes_plan_year_and_keys_each_row_by_it(two_years: list[TargetsFile]) -> None:
    package = json.loads(open_data_files(two_years, STRINGS)["data/datapackage.json"])
    assert package["name"] == "plans-2025-2026"
    assert "2025" in package["title"] and "2026" in package["title"]
    for resource in package["resources"]:
        schema = resource["schema"]
        first = schema["fields"][0]
        assert (first["name"], first["type"]) == ("plan_year", "integer")
        assert "year of the plan the row belongs to" in first["description"].lower()
        assert "next year's document belongs to the plan of the year it measures" in first["description"]
        assert schema["primaryKey"][0] == "plan_year" and len(schema["primaryKey"]) >= 2
        for key in schema["foreignKeys"]:
            assert key["fields"][0] == key["reference"]["fields"][0] == "plan_year"
    outcomes = next(r for r in package["resources"] if r["name"] == "outcomes")["schema"]
    assert outcomes["primaryKey"] == ["plan_year", "target_id", "period", "year"]
    assert {"fields": ["plan_year", "source_id"],
            "reference": {"resource": "sources", "fields": ["plan_year", "source_id"]}} in outcomes["foreignKeys"]


def test_a_two_year_package_validates_with_its_keys(two_years: list[TargetsFile], tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    for path, body in open_data_files(two_years, STRINGS).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(body)
    report = frictionless.validate(str(tmp_path / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
