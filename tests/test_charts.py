"""Chart options, descriptions and rules per target kind, in both languages."""

from __future__ import annotations

import json

from conftest import MINI_DATA, REPO

from site_builder.charts import build_chart, target_rule
from site_builder.config import SiteConfig
from site_builder.i18n import load_strings
from site_builder.schema import TargetsFile
from site_builder.theme import strings_paths

DATA = TargetsFile.model_validate_json(json.dumps(MINI_DATA), strict=True)
dirs = SiteConfig(root=REPO).theme_dirs()
STRINGS, _ = load_strings({lang: strings_paths(dirs, lang) for lang in ("zh", "en")}, REPO)


def chart(indicator_id: str, lang: str):
    indicator = next(i for i in DATA.indicators if i.id == indicator_id)
    return build_chart(indicator, indicator.targets[0], DATA, STRINGS[lang], lang)


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
    assert [r.period for r in spec.rows] == ["H1 2021", "Full year 2021"]


def test_target_without_outcome_is_marked_not_yet_reported() -> None:
    spec = chart("cpi", "zh")
    assert not spec.reported
    assert spec.options["graphic"][0]["style"]["text"] == "尚未报告"
    assert "尚未见公开报告的结果" in spec.description
    assert spec.options["yAxis"][0]["max"] >= 3  # the target line is inside the plot


def test_chart_ids_are_stable_and_descriptions_are_in_the_pages_language() -> None:
    assert chart("gdp-growth", "zh").options == chart("gdp-growth", "zh").options
    assert "地区生产总值增速：目标为7%以上。" in chart("gdp-growth", "zh").description
