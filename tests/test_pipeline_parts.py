"""The pipeline's parts on their own: drawing charts in Node, the dependency records of the preview
server, and the writer. Each test is about what a reader or an editor would see go wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO

from site_builder.charts import node
from site_builder.charts.node import ChartRequest, Renderer
from site_builder.errors import ContentError, SiteBuilderError
from site_builder.output.writer import clean_leftovers, update_files, write_site
from site_builder.pages.deps import ALL_DATA, affected, inputs_of_files, rule_inputs
from site_builder.pages.plan import PagePlan
from site_builder.pipeline import build
from site_builder.sources.content import Page
from site_builder.sources.data import load_data

PACKAGES = REPO / "node_modules"
BAR = json.dumps({"xAxis": {"type": "category", "data": ["H1"]}, "yAxis": {"type": "value"},
                  "series": [{"type": "bar", "data": [13.7]}]})


# Drawing charts ---------------------------------------------------------------------------------------

def test_a_chart_is_drawn_once_then_comes_from_the_cache_without_node(tmp_path: Path, monkeypatch) -> None:
    first = Renderer(PACKAGES, tmp_path)
    drawings = first.draw([ChartRequest("zh/chart-gdp", BAR, 640, 320, "ZH")])
    svg = drawings.svg("zh/chart-gdp")
    first.wait()
    first.stop()
    assert svg.startswith("<svg") and ">H1</text>" in svg
    assert (first.stats.rendered, first.stats.reused) == (1, 0)

    # With Node gone, the same chart still comes out, from the cache; a new one cannot.
    monkeypatch.setattr(node.shutil, "which", lambda name: None)
    second = Renderer(PACKAGES, tmp_path)
    assert second.draw([ChartRequest("en/chart-gdp", BAR, 640, 320, "ZH")]).svg("en/chart-gdp") == svg
    assert (second.stats.rendered, second.stats.reused) == (0, 1)
    with pytest.raises(SiteBuilderError, match=r"Node\.js 20\+ is needed"):
        second.draw([ChartRequest("en/other", BAR.replace("13.7", "8.7"), 640, 320, "EN")])


def test_node_failing_is_one_clear_error_and_the_previous_site_stays(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = site / "build"
    build(site, out)
    before = (out / "en" / "index.html").read_bytes()
    # An ECharts that Node cannot load: Node starts, then fails before drawing the first chart.
    broken = tmp_path / "node_modules"
    (broken / "echarts" / "dist").mkdir(parents=True)
    shutil.copy(PACKAGES / "echarts" / "package.json", broken / "echarts" / "package.json")
    for script in ("index.js", "dist/echarts.min.js"):
        (broken / "echarts" / script).write_text("throw new Error('broken echarts')", encoding="utf-8")
    (broken / "@resvg").mkdir()
    (broken / "@resvg" / "resvg-js").symlink_to(PACKAGES / "@resvg" / "resvg-js")  # present, as npm ci leaves it
    (site / "node_modules").symlink_to(broken)
    monkeypatch.setenv("SITE_BUILDER_CACHE_DIR", str(tmp_path / "empty-cache"))
    changed = "---\ntitle: Changed\nsummary: Changed\n---\nNew.\n"
    (site / "content" / "en" / "index.md").write_text(changed, encoding="utf-8")
    with pytest.raises(SiteBuilderError, match=r"^rendering in Node failed \(exit status 1\): "):
        build(site, out)
    assert (out / "en" / "index.html").read_bytes() == before
    assert not list(site.glob(".build.building-*"))


# Dependency records (the preview server's partial rebuilds) -------------------------------------------

def test_an_area_page_depends_on_its_area_and_the_indicators_it_shows_only(site: Path) -> None:
    data = load_data(site / "data" / "targets.json", site)
    page = Page(site / "content/en/areas/industry.md", "content/en/areas/industry.md", "en", "areas/industry",
                "Industry", "", "")
    area = PagePlan("area.html", "area", "en", "areas/industry", "en/areas/industry/index.html", "Industry", "industry")
    inputs = rule_inputs(area, data, {("en", "areas/industry"): page}, site / "content")
    assert {"data:area:industry", "data:indicator:gdp-growth", "data:indicator:cpi", "strings:en"} <= inputs
    assert f"markdown:{site / 'content/en/areas/industry.md'}" in inputs
    assert ALL_DATA not in inputs and "strings:zh" not in inputs
    # The indicators list shows every indicator: it depends on all the data.
    listing = PagePlan("indicators.html", "indicators", "en", "indicators", "en/indicators/index.html", "Indicators")
    assert ALL_DATA in rule_inputs(listing, data, {}, site / "content")


def test_an_area_page_depends_on_the_annex_indicator_its_commitment_repeats(site: Path, mini_data: dict) -> None:
    # The area lists only consumer prices, but a commitment restates the GDP target: the page shows
    # GDP's figures and status, so a new GDP outcome must rebuild it.
    mini_data["areas"][0]["indicators"] = ["cpi"]
    mini_data["areas"][0]["commitments"][0]["targets"].append(
        {"id": "gdp-growth-commitment", "label": {"zh": "地区生产总值增速", "en": "GDP growth"}, "kind": "at_least",
         "value": 7, "unit": "percent", "repeats": "gdp-growth"})
    (site / "data" / "targets.json").write_text(json.dumps(mini_data, ensure_ascii=False), encoding="utf-8")
    data = load_data(site / "data" / "targets.json", site)
    area = PagePlan("area.html", "area", "en", "areas/industry", "en/areas/industry/index.html", "Industry", "industry")
    assert "data:indicator:gdp-growth" in rule_inputs(area, data, {}, site / "content")


def test_an_edit_reaches_exactly_the_pages_that_used_it(site: Path) -> None:
    recorded = {
        "en/areas/industry/index.html": {"data:area:industry", "template:area.html", "strings:en"},
        "zh/areas/industry/index.html": {"data:area:industry", "template:area.html", "strings:zh"},
        "en/indicators/index.html": {ALL_DATA, "template:indicators.html", "strings:en"},
    }
    assert affected(recorded, {"strings:zh"}) == {"zh/areas/industry/index.html"}
    assert affected(recorded, {"template:indicators.html"}) == {"en/indicators/index.html"}
    # Any data change reaches the pages that use all of it.
    assert affected(recorded, {"data:indicator:cpi"}) == {"en/indicators/index.html"}

    theme = site / "themes" / "default"
    files = {theme / "templates" / "area.html", theme / "strings" / "en.toml", theme / "static" / "site.css"}
    inputs, full = inputs_of_files(files, site, [theme])
    assert not full
    assert {"template:area.html", "template:default/area.html", "strings:en", "static:site.css"} <= inputs
    assert inputs_of_files({site / "site.toml"}, site, [theme])[1], "a settings change rebuilds everything"


# The writer --------------------------------------------------------------------------------------------

def test_two_outputs_claiming_one_file_and_paths_outside_the_site_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "build"
    write_site(out, [("index.html", b"old")], {})
    for files in ([("a.html", b"1"), ("a.html", b"2")], [("../escape.html", b"x")], [("/etc/x", b"x")]):
        with pytest.raises(SiteBuilderError):
            write_site(out, files, {})
        assert (out / "index.html").read_bytes() == b"old", "a refused write leaves the previous site"
    assert not (tmp_path / "escape.html").exists()


def test_a_site_moved_aside_by_a_killed_build_is_put_back(tmp_path: Path) -> None:
    out = tmp_path / "build"
    aside = tmp_path / ".build.old-999999999"  # a process id no running process has
    aside.mkdir()
    (aside / "index.html").write_text("previous", encoding="utf-8")
    clean_leftovers(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"
    assert not aside.exists()


def test_single_file_updates_replace_and_remove_only_what_they_name(tmp_path: Path) -> None:
    out = tmp_path / "build"
    write_site(out, [("a/index.html", b"a"), ("b/index.html", b"b"), ("c.txt", b"c")], {})
    update_files(out, {"a/index.html": b"A", "new/index.html": b"N"}, {}, {"c.txt"})
    assert (out / "a/index.html").read_bytes() == b"A"
    assert (out / "new/index.html").read_bytes() == b"N"
    assert (out / "b/index.html").read_bytes() == b"b"
    assert not (out / "c.txt").exists()
    assert not [p for p in out.rglob("*") if p.name.startswith(".")], "no temporary file is left behind"
    with pytest.raises(SiteBuilderError):
        update_files(out, {"../outside.html": b"x"}, {}, set())


def test_a_check_draws_nothing_and_writes_nothing(site: Path, monkeypatch) -> None:
    monkeypatch.setattr(node.shutil, "which", lambda name: None)  # no Node: a check must not need it
    result = build(site, None)
    assert result.pages > 0 and result.files == 0
    assert not (site / "build").exists()
    broken_link = "---\ntitle: Home\nsummary: Home\n---\n[gone](areas/nowhere/)\n"
    (site / "content" / "en" / "index.md").write_text(broken_link, encoding="utf-8")
    with pytest.raises(ContentError, match="link"):
        build(site, None)
