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


def test_category_chart_puts_different_units_on_one_scale() -> None:
    spec = category_chart(DATA.categories[0], DATA, STRINGS["en"], "en")
    values = {r.label: r.value for r in spec.rows}
    assert values["GDP growth"] == "124.3%"  # 8.7 / 7
    assert values["Consumer prices"] == "—"  # not yet reported: no bar, said in words
    labels = [item["label"]["formatter"] for item in spec.options["series"][0]["data"]]
    assert "Not yet reported" in labels and "Met 124.3%" in labels  # status in words, not colour alone


def test_reporting_chart_counts_the_transparency_gap() -> None:
    spec = reporting_chart(DATA, STRINGS["zh"], "zh")
    assert [r.value for r in spec.rows] == ["1", "1"]
    assert "2项主要目标指标中，1项有公开来源的结果，1项尚未报告" in spec.description
