"""A target's multi-year chart (charts/track.py), on two years of a fictional city's plans (Qingshui 2025
and 2026, tests/test_track.py's helpers): every year's target and outcome in one chart, nothing drawn that
the data does not hold, and every layout drawn by ECharts in Node with its text legible, inside the chart
and clear of every other text.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import REPO
from test_track import REPORT_2026, _indicator, _label, _target, plan, write_plans

from site_builder.charts.node import ChartRequest, Renderer
from site_builder.charts.spec import LAYOUT_WIDTHS, ChartSpec
from site_builder.charts.text_fit import SMALLEST_TEXT
from site_builder.charts.track import track_chart
from site_builder.model.track import Track, tracks
from site_builder.sources.config import SiteConfig
from site_builder.sources.i18n import load_strings, strings_paths
from site_builder.sources.plans import load_plans
from site_builder.sources.schema import TargetsFile

STRINGS, _ = load_strings({lang: strings_paths(SiteConfig(root=REPO).theme_dirs(), lang) for lang in ("zh", "en")},
                          REPO)


def _outcome(year: int, value: float, source: str, period: str = "year", **extra: object) -> dict:
    return {"period": period, "year": year, "value": value, "source": source, "added": f"{year + 1}-01-22", **extra}


# GDP growth: met in 2025 (reported in the 2026 plan-execution report), not yet reported in 2026. CPI "about
# 3%", then "about 2.5%": a band each year; 2025's figure is of a close measure (indicative only), 2026's
# is for the first half. Broadband: a share of villages in 2025, a number of villages in 2026.
PLAN_2025 = plan(2025, [
    _indicator("gdp-growth", "地区生产总值增速", _target("gdp-growth", "at_least", 6, "percent",
                                                         outcomes=[_outcome(2025, 6.3, "R26")])),
    _indicator("cpi", "居民消费价格涨幅", _target("cpi", "about", 3, "percent", outcomes=[
        _outcome(2025, 2.9, "R26", comparability="close", differs_in="definition")]), direction="lower"),
], [_target("broadband-villages", "at_least", 95, "percent", **_label("宽带进村"))], (REPORT_2026,))
PLAN_2026 = plan(2026, [
    _indicator("gdp-growth", "地区生产总值增速", _target("gdp-growth", "at_least", 6.5, "percent")),
    _indicator("cpi", "居民消费价格涨幅", _target("cpi", "about", 2.5, "percent",
                                                  outcomes=[_outcome(2026, 2.2, "P", "h1")]), direction="lower"),
], [_target("broadband-villages", "at_least", 300, "villages", **_label("宽带进村"),
            outcomes=[_outcome(2026, 120, "P", "h1")])])


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[int, TargetsFile]:
    found, problems = load_plans(write_plans(tmp_path_factory.mktemp("qingshui"), PLAN_2025, PLAN_2026))
    assert problems == []
    return found


def track_of(plans: dict[int, TargetsFile], ident: str) -> Track:
    return next(t for t in tracks(plans) if t.steps[0].target.id == ident)


def chart(plans: dict[int, TargetsFile], ident: str, lang: str) -> ChartSpec:
    return track_chart(track_of(plans, ident), plans, STRINGS[lang], lang, f"chart-track-{ident}")


def areas(spec: ChartSpec) -> list[tuple[int, float, float]]:
    """The targets drawn, as (year's index, low, high): a line has no height, a band has."""
    assert spec.options is not None
    found = spec.options["series"][0]["markArea"]["data"]
    return [(start["xAxis"], start["yAxis"], end["yAxis"]) for start, end in found]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_year_s_target_and_outcome_are_in_the_drawing_and_the_table(plans, lang: str) -> None:
    spec = chart(plans, "gdp-growth", lang)
    t = STRINGS[lang]
    assert spec.options is not None
    assert spec.options["xAxis"][0]["data"][0].split("\n")[0] == t("track_chart.year", year=2025)
    assert [name.split("\n")[0] for name in spec.options["xAxis"][0]["data"]] == (
        ["2025年", "2026年"] if lang == "zh" else ["2025", "2026"])
    assert [item["value"] if item else None for item in spec.options["series"][0]["data"]] == [6.3, None]
    assert spec.options["series"][0]["data"][0]["label"]["formatter"] == "6.3"
    assert areas(spec) == [(0, 6, 6), (1, 6.5, 6.5)]  # a line at each year's own figure
    first, second = spec.rows
    assert "6%" in first.label and "2025" in first.label and "6.5%" in second.label
    assert "6.3%" in first.value and first.source_id == "2025/R26"  # a source of that year's plan
    assert t("status.met") in first.note
    assert [r["plan_year"] for r in spec.records] == [2025, 2026]
    assert (spec.records[0]["target_value"], spec.records[0]["outcome_value"],
            spec.records[0]["outcome_source_id"], spec.records[0]["status"]) == (6, 6.3, "R26", "met")
    assert (spec.dom_id, spec.home, spec.sources, spec.folder) == (
        "chart-track-gdp-growth", "track-record", ("2025/R26",), "track-record/")
    assert "6.3%" in spec.description and "6.5%" in spec.description


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_year_with_no_outcome_has_no_bar_and_says_not_yet_reported(plans, lang: str) -> None:
    spec = chart(plans, "gdp-growth", lang)
    assert spec.options is not None
    assert spec.options["series"][0]["data"][1] is None  # nothing drawn for 2026's outcome
    assert spec.rows[1].value == STRINGS[lang]("status.not_reported") and spec.rows[1].source_id == ""
    assert spec.records[1]["outcome_value"] is None and spec.records[1]["status"] == "not_reported"
    assert STRINGS[lang]("status.not_reported") in spec.description


def test_an_about_target_is_a_band_and_an_indicative_or_interim_outcome_looks_apart(plans) -> None:
    spec = chart(plans, "cpi", "en")
    assert spec.options is not None
    # Each year's band (the site's default: ±10% of a percentage) with its figure's line in it.
    assert areas(spec) == [(0, 2.7, 3.3), (0, 3, 3), (1, 2.25, 2.75), (1, 2.5, 2.5)]
    indicative, interim = spec.options["series"][0]["data"]
    assert indicative["value"] == 2.9 and indicative["label"]["formatter"] == "2.9 (indicative)"
    assert indicative["itemStyle"]["borderType"] == "dashed" and indicative["itemStyle"]["color"] == "rgba(0,0,0,0)"
    assert interim["value"] == 2.2 and interim["label"]["formatter"] == "2.2 (H1)" and "decal" in interim["itemStyle"]
    legend = [entry["name"] for entry in spec.options["legend"][0]["data"]]
    t = STRINGS["en"]
    assert t("track_chart.legend_indicative") in legend and t("track_chart.legend_band") in legend
    assert t("track_chart.legend_outcome") not in legend  # no full-year bar of the target's own measure
    assert [(r["target_low"], r["target_high"], r["band_from"]) for r in spec.records] == [
        (2.7, 3.3, "site_default"), (2.25, 2.75, "site_default")]
    assert "H1 2026: 2.2%" in spec.rows[1].value and "2.7%–3.3%" in spec.rows[0].note


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_year_in_another_unit_is_left_out_of_the_drawing_and_said_so(plans, lang: str) -> None:
    spec = chart(plans, "broadband-villages", lang)
    t = STRINGS[lang]
    assert spec.options is not None
    assert [name.split("\n")[0] for name in spec.options["xAxis"][0]["data"]] == [t("track_chart.year", year=2026)]
    assert areas(spec) == [(0, 300, 300)]
    assert [r["charted"] for r in spec.records] == [False, True]
    percent, villages = ("%", "个") if lang == "zh" else ("%", "villages")
    assert t("track_chart.not_charted", unit=percent, axis_unit=villages) in spec.rows[0].note
    assert t("track_chart.describe_left_out", years=t("track_chart.year", year=2025), axis_unit=villages) in (
        spec.description)
    assert spec.rows[0].value == t("status.not_reported")  # and its table row still says what it was
    assert "95%" in spec.rows[0].label


def test_the_options_are_plain_data_with_no_script(plans) -> None:
    for ident in ("gdp-growth", "cpi", "broadband-villages"):
        for lang in ("zh", "en"):
            spec = chart(plans, ident, lang)
            assert spec.options is not None
            for text in (spec.options.text, *(layout.patch.text for layout in spec.layouts if layout.patch)):
                json.loads(text)
                assert not re.search(r"function|=>|JsCode", text), ident


# -- every layout, drawn -----------------------------------------------------------------------------

def _many_years(tmp_path: Path) -> dict[int, TargetsFile]:
    """Seven years of GDP growth, one a fall and one for the first half: columns too narrow for upright
    bars at the narrowest widths."""
    figures = {2020: -2.1, 2021: 8.4, 2022: 3.0, 2023: 5.2, 2024: 4.9, 2025: 5.3, 2026: None}
    years = [plan(year, [_indicator("gdp-growth", "地区生产总值增速", _target(
        "gdp-growth", "about" if year == 2022 else "at_least", 5.5 if year == 2022 else 6, "percent",
        outcomes=[_outcome(year, value, "P", "h1" if year == 2025 else "year")] if value is not None else []))],
        []) for year, value in figures.items()]
    found, problems = load_plans(write_plans(tmp_path / "seven", *years))
    assert problems == []
    return found


def _metrics() -> tuple[dict[int, float], float, float, list[tuple[int, int]]]:
    table = json.loads((REPO / "site_builder" / "charts" / "text_metrics.json").read_text(encoding="utf-8"))
    units = table["unitsPerEm"]
    advances = {first + k: w / units for first, widths in table["regular"]["ranges"] for k, w in enumerate(widths)}
    return advances, table["wide"] / units, table["fallback"] / units, table["wideRanges"]


ADVANCES, WIDE, FALLBACK, WIDE_RANGES = _metrics()


def drawn_width(text: str, size: float) -> float:
    """A text's width as ECharts measured it in Node (charts/text_metrics.json), where it placed it."""
    return size * sum(ADVANCES.get(ord(c), WIDE if any(a <= ord(c) <= b for a, b in WIDE_RANGES) else FALLBACK)
                      for c in text)


TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")
TARGET_LINE = re.compile(r'<polygon points="([^"]+)"[^>]*stroke="#B34700"')  # charts/spec.py TARGET_COLOUR


def text_boxes(svg: str) -> list[tuple[str, float, tuple[float, float, float, float]]]:
    """Each text of a drawing: its words, its size and its box (left, top, right, bottom)."""
    boxes = []
    for attributes, words in TEXT.findall(svg):
        words = html.unescape(words)
        if not words.strip():
            continue
        attrs = dict(re.findall(r'([\w:-]+)="([^"]*)"', attributes))
        size = float(attrs["font-size"].removesuffix("px"))
        moved = re.fullmatch(r"translate\(([-\d.e]+) ([-\d.e]+)\)", attrs.get("transform", "translate(0 0)"))
        assert moved, f"a text turned or scaled: {attrs.get('transform')}"
        x = float(moved.group(1)) + float(attrs.get("x", 0))
        y = float(moved.group(2)) + float(attrs.get("y", 0))
        width = drawn_width(words, size)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[attrs.get("text-anchor", "start")]
        assert attrs.get("dominant-baseline") == "central"
        boxes.append((words, size, (left, y - size / 2, left + width, y + size / 2)))
    return boxes


def target_lines(svg: str) -> list[tuple[float, float, float, float]]:
    """Each target's line, as the box its stroke (2 px) covers."""
    lines = []
    for points in TARGET_LINE.findall(svg):
        values = [float(v) for v in points.split()]
        xs, ys = values[0::2], values[1::2]
        lines.append((min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1))
    return lines


def apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5


def test_every_layout_is_legible_with_no_text_over_another_or_out_of_the_chart(plans, tmp_path: Path) -> None:
    specs = [(chart(plans, ident, lang), lang) for ident in ("gdp-growth", "cpi", "broadband-villages")
             for lang in ("zh", "en")]
    many = _many_years(tmp_path)
    for lang in ("zh", "en"):
        spec = track_chart(tracks(many)[0], many, STRINGS[lang], lang, "chart-track-many")
        narrowest = spec.layouts[0].patch
        # Seven years at the narrowest width: bars run across, a row per year; upright at the widest.
        assert narrowest is not None and narrowest.parsed()["yAxis"][0]["type"] == "category"
        assert spec.options is not None and spec.options["xAxis"][0]["type"] == "category"
        specs.append((spec, lang))
    requests = {}
    for number, (spec, lang) in enumerate(specs):
        assert spec.options is not None
        assert [layout.width for layout in spec.layouts] == list(LAYOUT_WIDTHS)
        heights = [layout.height / layout.width for layout in spec.layouts]
        assert heights == sorted(heights, reverse=True)  # narrower: taller for its width
        for layout in spec.layouts:
            requests[(number, layout.width)] = ChartRequest(
                f"{number}-{layout.width}", spec.options.text, layout.width, layout.height, lang.upper(),
                layout.patch.text if layout.patch else "")
    renderer = Renderer(REPO / "node_modules", tmp_path / "cache")
    try:
        drawings = renderer.draw(list(requests.values()))
        svgs = {key: drawings.svg(request.key) for key, request in requests.items()}
        renderer.wait()
    finally:
        renderer.stop()
    for (number, width), svg in svgs.items():
        spec, height = specs[number][0], requests[(number, width)].height
        where = f"{spec.dom_id} {spec.title} at {width} px"
        boxes = text_boxes(svg)
        words = [w for w, _, _ in boxes]
        assert min(size for _, size, _ in boxes) >= SMALLEST_TEXT, where
        for text, _, (left, top, right, bottom) in boxes:
            assert left >= -0.5 and top >= -0.5 and right <= width + 0.5 and bottom <= height + 0.5, (where, text)
        for index, (one, _, a) in enumerate(boxes):
            for other, _, b in boxes[index + 1:]:
                assert apart(a, b), f"{where}: {one!r} overlaps {other!r}"
            # A label lifted over its target's line: never struck through by it.
            assert all(apart(a, line) for line in target_lines(svg)), f"{where}: a target line crosses {one!r}"
        assert target_lines(svg), where  # every chart here has a target to draw
        # Every outcome's label and every year is drawn, in one form or another: none hidden.
        assert spec.options is not None
        for item in spec.options["series"][0]["data"]:
            if item is not None:
                figure = re.split(r"[ \n（]", item["label"]["formatter"])[0]
                assert any(w == figure or w.startswith((f"{figure} ", f"{figure}（")) for w in words), (where, figure)
        for record in spec.records:
            if record["charted"]:
                assert any(w.startswith(str(record["plan_year"])) for w in words), (where, record["plan_year"])
