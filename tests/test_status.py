"""Status comes from the target's rule; every rule and its edges."""

from __future__ import annotations

import copy
import json

import pytest
from conftest import MINI_DATA

from site_builder.model.status import evaluate
from site_builder.sources.schema import TargetsFile

UNITS = [
    {"id": "percent", "zh": "%", "en": "%", "kind": "percent"},
    {"id": "machines", "zh": "台", "en": "machines", "kind": "quantity"},
]


def doc(target: dict, direction: str = "higher", extra: list[dict] | None = None) -> TargetsFile:
    data = copy.deepcopy(MINI_DATA)
    data["units"] = UNITS
    data["indicators"] = [
        {
            "id": "x",
            "name": {"zh": "某指标", "en": "An indicator"},
            "category": "strength",
            "unit": target.get("unit", "percent"),
            "direction": direction,
            "target_text": {"zh": "目标", "en": "target"},
            "targets": [{"id": "x", **target}],
        },
        *(extra or []),
    ]
    data["areas"][0]["indicators"] = []
    return TargetsFile.model_validate_json(json.dumps(data), strict=True)


def outcome(value: float, period: str = "year", **extra: object) -> dict:
    return {"period": period, "year": 2021, "value": value, "source": "S1", "added": "2022-03-05", **extra}


REAL = {"basis": {"prices": "real"}}  # "in step with" compares growth rates only on one known price basis


def status(target: dict, direction: str = "higher", extra: list[dict] | None = None) -> str:
    data = doc(target, direction, extra)
    return evaluate(data.indicators[0].targets[0], direction, data).status  # type: ignore[arg-type]


AT_LEAST = {"kind": "at_least", "value": 7, "unit": "percent"}
AT_MOST = {"kind": "at_most", "value": 3, "unit": "percent"}


@pytest.mark.parametrize(
    ("target", "direction", "expected"),
    [
        ({**AT_LEAST, "outcomes": [outcome(8.7)]}, "higher", "met"),  # GDP: at least 7%, 8.7%
        ({**AT_LEAST, "outcomes": [outcome(7)]}, "higher", "met"),  # 以上 includes the figure itself
        ({**AT_LEAST, "outcomes": [outcome(6.99)]}, "higher", "missed"),
        ({**AT_LEAST, "outcomes": [outcome(11.4, "q1_q3")]}, "higher", "on_track"),
        ({**AT_LEAST, "outcomes": [outcome(6.0, "h1")]}, "higher", "at_risk"),
        ({**AT_LEAST, "outcomes": [outcome(13.7, "h1"), outcome(6.5)]}, "higher", "missed"),  # full year wins
        ({**AT_MOST, "outcomes": [outcome(3)]}, "lower", "met"),  # 以内 includes the figure itself
        ({**AT_MOST, "outcomes": [outcome(3.2)]}, "lower", "missed"),
        ({**AT_MOST, "outcomes": [outcome(3.2, "jan_nov")]}, "lower", "at_risk"),
        ({**AT_LEAST}, "higher", "not_reported"),
        ({"kind": "qualitative", "outcomes": [outcome(1)]}, "higher", "not_assessable"),
        ({"kind": "set_by_province"}, "lower", "not_assessable"),
    ],
)
def test_at_least_at_most_and_the_rest(target: dict, direction: str, expected: str) -> None:
    assert status(target, direction) == expected


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        (1.4, "lower", "met"),  # CPI "3%左右" at 1.4%: below the band, the better side
        (3.3, "lower", "met"),  # on the band's edge (3 ± 0.3)
        (3.4, "lower", "missed"),
        (2.61, "higher", "met"),  # on the band's edge (2.9 ± 0.29)
        (2.6, "higher", "missed"),  # "2.9%左右" R&D intensity below the band
        (9.0, "higher", "met"),
    ],
)
def test_about_uses_a_band_and_the_direction(value: float, direction: str, expected: str) -> None:
    goal = 3 if direction == "lower" else 2.9
    target = {"kind": "about", "value": goal, "unit": "percent", "outcomes": [outcome(value)]}
    assert status(target, direction) == expected


def test_about_tolerance_from_the_data_and_relative_default_for_quantities() -> None:
    narrow = {"kind": "about", "value": 2.9, "unit": "percent", "tolerance": 0.1, "outcomes": [outcome(2.75)]}
    assert status(narrow) == "missed"
    share = {"kind": "about", "value": 50, "unit": "percent", "outcomes": [outcome(49.5)]}
    assert status(share) == "met"  # a 50% share: the band is capped at half a point
    count = {"kind": "about", "value": 100, "unit": "machines", "outcomes": [outcome(95)]}
    assert status(count) == "met"  # within 5%
    count_low = {"kind": "about", "value": 100, "unit": "machines", "outcomes": [outcome(94)]}
    assert status(count_low) == "missed"


def test_reach_follows_the_indicators_direction() -> None:
    assert status({"kind": "reach", "value": 10, "unit": "percent", "outcomes": [outcome(10.5)]}, "higher") == "met"
    assert status({"kind": "reach", "value": 10, "unit": "percent", "outcomes": [outcome(10.5)]}, "lower") == "missed"


def gdp(*outcomes: dict) -> list[dict]:
    return [
        {
            "id": "gdp",
            "name": {"zh": "地区生产总值增速", "en": "GDP growth"},
            "category": "strength",
            "unit": "percent",
            "direction": "higher",
            "target_text": {"zh": "7%以上", "en": "at least 7%"},
            "targets": [{"id": "gdp", "kind": "at_least", "value": 7, "unit": "percent", "outcomes": list(outcomes)}],
        }
    ]


def test_in_step_with_compares_the_same_period_of_the_reference() -> None:
    target = {"kind": "in_step_with", "reference": "gdp", "outcomes": [outcome(12.6, "q1_q3", **REAL)]}
    assert status(target, extra=gdp(outcome(11.4, "q1_q3", **REAL))) == "on_track"
    lagging = {"kind": "in_step_with", "reference": "gdp", "outcomes": [outcome(12.5, "h1", **REAL)]}
    assert status(lagging, extra=gdp(outcome(13.7, "h1", **REAL))) == "at_risk"  # 1.2 points behind
    close = {"kind": "in_step_with", "reference": "gdp", "outcomes": [outcome(7.8, **REAL)]}
    assert status(close, extra=gdp(outcome(8.7, **REAL))) == "met"  # within one point
    edge = {"kind": "in_step_with", "reference": "gdp", "outcomes": [outcome(7.7, **REAL)]}
    assert status(edge, extra=gdp(outcome(8.7, **REAL))) == "met"  # exactly one point behind (7.7 - 8.7 in floats)
    behind = {"kind": "in_step_with", "reference": "gdp", "outcomes": [outcome(7.6, **REAL)]}
    assert status(behind, extra=gdp(outcome(8.7, **REAL))) == "missed"


def test_in_step_with_without_a_reference_figure_is_not_assessable() -> None:
    target = {"kind": "in_step_with", "reference": "gdp", "outcomes": [outcome(12.6, "q1_q3")]}
    assert status(target, extra=gdp(outcome(8.7))) == "not_assessable"
    assert status({"kind": "in_step_with", "reference": "gdp"}, extra=gdp(outcome(8.7))) == "not_reported"


def test_target_direction_overrides_the_indicator() -> None:
    target = {"kind": "reach", "value": 85, "unit": "percent", "direction": "higher", "outcomes": [outcome(93.4)]}
    assert status(target, "lower") == "met"
