"""UI strings in both languages and locale-aware formatting."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from conftest import invoke

from site_builder.sources.config import DEFAULT_THEME
from site_builder.sources.i18n import _flatten, format_date, format_quantity
from site_builder.sources.schema import Unit

STRINGS = DEFAULT_THEME / "strings"
YUAN = Unit(id="yuan", zh="元", en="yuan", kind="quantity")
MU = Unit(id="mu", zh="亩", en="mu", kind="quantity")
PERCENT = Unit(id="percent", zh="%", en="%", kind="percent")


def keys(lang: str) -> set[str]:
    return set(_flatten(tomllib.loads((STRINGS / f"{lang}.toml").read_text(encoding="utf-8"))))


def test_both_languages_have_the_same_ui_strings() -> None:
    assert keys("zh") == keys("en")


def test_chinese_uses_wan_and_yi_english_uses_million_and_billion() -> None:
    assert format_quantity(130_000_000_000, YUAN, "zh") == "1300亿元"
    assert format_quantity(130_000_000_000, YUAN, "en") == "130 billion yuan"
    assert format_quantity(70_000, MU, "zh") == "7万亩"
    assert format_quantity(70_000, MU, "en") == "70,000 mu"
    assert format_quantity(1_500_000, YUAN, "en") == "1.5 million yuan"


def test_no_figure_is_rounded_by_compact_forms() -> None:
    assert format_quantity(10_680, YUAN, "zh") == "10,680元"
    assert format_quantity(679_500_000_000, YUAN, "en") == "679.5 billion yuan"


def test_percent_and_dates() -> None:
    assert format_quantity(8.7, PERCENT, "zh") == "8.7%"
    assert format_date(dt.date(2021, 3, 4), "zh") == "2021年3月4日"
    assert format_date(dt.date(2021, 3, 4), "en") == "4 March 2021"


def test_a_missing_ui_string_fails_the_build(site: Path) -> None:
    theme = site / "themes" / "plain"
    (theme / "strings").mkdir(parents=True)
    (site / "site.toml").write_text('theme = "plain"\n', encoding="utf-8")
    (theme / "templates").mkdir()
    (theme / "templates" / "indicators.html").write_text(
        '{% extends "default/indicators.html" %}{% block main %}{{ t("no.such.key") }}{% endblock %}', encoding="utf-8"
    )
    result = invoke("build", "--source", str(site), "--out", str(site / "build"))
    assert result.returncode == 1
    assert "no UI string 'no.such.key'" in result.stderr
    assert not (site / "build").exists()


def test_a_key_one_language_lacks_is_reported(site: Path) -> None:
    theme = site / "themes" / "plain"
    (theme / "strings").mkdir(parents=True)
    (site / "site.toml").write_text('theme = "plain"\n', encoding="utf-8")
    (theme / "strings" / "zh.toml").write_text('extra = "只有中文"\n', encoding="utf-8")
    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    assert "missing UI string 'extra' (the zh strings have it)" in result.stderr
