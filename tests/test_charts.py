"""Chart options, descriptions and rules per target kind, in both languages."""

from __future__ import annotations

import json

from conftest import MINI_DATA, REPO

from site_builder.charts.options import target_chart
from site_builder.charts.overviews import category_chart, reporting_chart
from site_builder.model.statements import target_rule
from site_builder.sources.config import SiteConfig
from site_builder.sources.i18n import load_strings, strings_paths
from site_builder.sources.schema import TargetsFile

DATA = TargetsFile.model_validate_json(json.dumps(MINI_DATA), strict=True)
dirs = SiteConfig(root=REPO).theme_dirs()
STRINGS, _ = load_strings({lang: strings_paths(dirs, lang) for lang in ("zh", "en")}, REPO)


def chart(indicator_id: str, lang: str):
    indicator = next(i for i in DATA.indicators if i.id == indicator_id)
    return target_chart(indicator, indicator.targets[0], DATA, STRINGS[lang], lang)


def test_rule_in_words_per_language() -> None:
    gdp = DATA.indicators[0].targets[0]
    assert target_rule(gdp, DATA, STRINGS["zh"], "zh") == "7%以上"
    assert target_rule(gdp, DATA, STRINGS["en"], "en") == "at least 7%"


def test_outcomes_by_period_against_the_target_line() -> None:
    spec = chart("gdp-growth", "en")
    assert spec.dom_id == "chart-gdp-growth"
    assert spec.options["xAxis"][0]["data"] == ["H1 2021", "Full year 2021"]
    assert spec.options["series"][0]["data"] == [13.7, 8.7]
    assert spec.options["series"][0]["markLine"]["data"][0]["yAxis"] == 7
    assert spec.options["aria"]["enabled"] is True
    assert "Reported: H1 2021 13.7%; Full year 2021 8.7%." in spec.description
    assert "Target: at least 7% · Outcome: 8.7% · Met" in spec.description
    assert [r.label for r in spec.rows] == ["H1 2021", "Full year 2021"]
    assert spec.status == "met"


def test_target_without_outcome_is_marked_not_yet_reported() -> None:
    spec = chart("cpi", "zh")
    assert spec.status == "not_reported"
    assert spec.options["graphic"][0]["style"]["text"] == "尚未报告"
    assert "尚未见公开报告的结果" in spec.description
    assert spec.options["yAxis"][0]["max"] >= 3  # the target line is inside the plot


def test_chart_ids_are_stable_and_descriptions_are_in_the_pages_language() -> None:
    assert chart("gdp-growth", "zh").options == chart("gdp-growth", "zh").options
    assert "地区生产总值增速。目标 7%以上 · 实际 8.7% · 已完成（2021年全年）。" in chart("gdp-growth", "zh").description


def test_about_target_draws_its_band() -> None:
    spec = chart("cpi", "en")
    band = spec.options["series"][0]["markArea"]["data"][0]
    assert [band[0]["yAxis"], band[1]["yAxis"]] == [2.7, 3.3]  # 3% ± 0.3


def test_category_chart_keeps_each_target_in_its_own_unit_and_labels_every_row() -> None:
    for lang in ("zh", "en"):
        spec = category_chart(DATA.categories[0], DATA, STRINGS[lang], lang)
        options = spec.options.parsed()
        targets = [t for i in DATA.indicators for t in i.targets]
        # One row (grid, axes) per target: each on its own value axis, never a share of its target.
        assert len(options["grid"]) == len(options["xAxis"]) == len(options["yAxis"]) == len(targets)
        assert all(len(axis["data"]) == 1 and axis["axisLabel"]["interval"] == 0 for axis in options["yAxis"])
        labels = [axis["data"][0] for axis in options["yAxis"]]
        assert [label.split("\n")[0] for label in labels] == [i.name.get(lang) for i in DATA.indicators]
        gdp = options["series"][0]
        assert [point["value"][0] for point in gdp["data"]] == [13.7, 8.7]  # the figures themselves
        assert gdp["markLine"]["data"][0]["xAxis"] == 7  # against the target line, in the same unit
        assert [point["symbol"] for point in gdp["data"]] == ["emptyCircle", "circle"]  # interim hollow
        assert options["xAxis"][0]["min"] <= 7 <= options["xAxis"][0]["max"]
        assert all("share" not in key for record in spec.records for key in record)
    en = category_chart(DATA.categories[0], DATA, STRINGS["en"], "en")
    assert [r.value for r in en.rows] == ["H1 2021 13.7%; Full year 2021 8.7%", "—"]
    assert en.options["graphic"][0]["style"]["text"] == "Not yet reported"  # an empty row says so in words


def test_category_chart_marks_an_indicative_figure_apart() -> None:
    data = json.loads(json.dumps(MINI_DATA))
    data["indicators"][1]["targets"][0]["outcomes"] = [
        {"period": "year", "year": 2021, "value": 1.4, "source": "S1", "added": "2022-03-05",
         "comparability": "close", "differs_in": "definition"}]
    spec = category_chart(DATA.categories[0], TargetsFile.model_validate_json(json.dumps(data), strict=True),
                          STRINGS["en"], "en")
    cpi = spec.options["series"][1]
    assert cpi["data"][0]["symbol"] == "diamond" and cpi["markArea"]["data"][0][0]["xAxis"] == 2.7
    assert spec.records[-1]["status"] == "indicative" and spec.records[-1]["comparability"] == "close"


def test_reporting_chart_counts_the_transparency_gap() -> None:
    spec = reporting_chart(DATA, STRINGS["zh"], "zh")
    assert [r.value for r in spec.rows] == ["1", "1"]
    assert "2项主要目标指标中，1项有公开来源的结果，1项尚未报告" in spec.description
