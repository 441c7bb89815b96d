"""Open data and chart downloads: a valid Frictionless package whose CSVs round-trip the JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REPO

from site_builder.pages.embed import iframe_snippet
from site_builder.sources.data import load_data

DATA = load_data(REPO / "data" / "targets.json", REPO)


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
