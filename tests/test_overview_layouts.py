"""The overview charts' layouts (charts/overview_layouts.py), checked on their options: each width's patch
places every text where its estimated width fits, with per-index entries for every row; the browser tests
check what a reader then sees."""

from __future__ import annotations

import json

import pytest
from conftest import REPO

from site_builder.charts.overview_layouts import (
    MOST_TICKS,
    SIDE_BY_SIDE,
    axis_bounds,
    merged,
)
from site_builder.charts.overviews import category_chart, reporting_chart, status_count_chart
from site_builder.charts.spec import LAYOUT_WIDTHS, ChartSpec
from site_builder.charts.text_fit import SMALLEST_TEXT, text_width, wrap
from site_builder.model.status import evaluate
from site_builder.sources.config import SiteConfig
from site_builder.sources.data import load_data
from site_builder.sources.i18n import load_strings, strings_paths

BUNDLED = load_data(REPO / "data" / "targets.json", REPO)
STRINGS, _ = load_strings({lang: strings_paths(SiteConfig(root=REPO).theme_dirs(), lang) for lang in ("zh", "en")},
                          REPO)


def laid_out(spec: ChartSpec) -> list[tuple[int, int, dict]]:
    """(width, height, options as drawn there) for each layout: the chart's own options with the patch
    merged over them, components by index."""
    own = spec.options.parsed() if spec.options else {}
    found = []
    for layout in spec.drawn_layouts:
        patch = layout.patch.parsed() if layout.patch else {}
        options = dict(own)
        for key, value in patch.items():
            if isinstance(value, list):
                base = own[key] if isinstance(own.get(key), list) else [own.get(key, {})]
                options[key] = [merged(b, v) for b, v in zip(base, value + [{}] * (len(base) - len(value)),
                                                            strict=True)]
            else:
                options[key] = merged(own.get(key, {}), value)
        found.append((layout.width, layout.height, options))
    return found


def test_a_wrapped_text_keeps_every_word_and_fits_its_width() -> None:
    for text, size in (("Growth of value-added of industrial enterprises above designated size", 13),
                       ("外贸出口总额增速 · 出口占全国份额（人民币）", 13), ("Target: at most 30 μg/m³", 12)):
        for width in (90, 150, 248):
            lines = wrap(text, width, size)
            assert all(text_width(line, size) <= width for line in lines), (text, width, lines)
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert text_width("国", 12) == 12 and text_width("Met 2", 12) > text_width("Met", 12)


def test_an_axis_has_few_round_ticks_that_fit_its_panel() -> None:
    for values, suffix in (((6.6, 13.7, 7.0), "%"), ((98.4, 100.0), "%"), ((120.0,), ""), ((0.0012, 0.0019), "")):
        for width, most in MOST_TICKS.items():
            low, high, step = axis_bounds(values, suffix, width - 24, most)
            ticks = round((high - low) / step) + 1
            assert low <= min(values) and max(values) <= high and 3 <= ticks <= most, (values, width)
            assert abs(low / step - round(low / step)) < 1e-6


def test_an_axis_holds_figures_at_the_ends_of_what_a_float_can_say() -> None:
    # A data file may hold 5e-324 or 1e308 (Hypothesis found the first): the axis still holds them all.
    for values in ((5e-324,), (5e-324, 1e-323), (-1e308, 1e308), (1e308,), (-1e13, 1e13)):
        low, high, step = axis_bounds(values, "", 200, 5)
        assert low <= min(values) and max(values) <= high and step > 0, values


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_category_rows_are_labelled_beside_their_panels_when_wide_and_above_them_when_narrow(lang: str) -> None:
    for category in BUNDLED.categories:
        spec = category_chart(category, BUNDLED, STRINGS[lang], lang)
        rows = len(spec.options["grid"])
        heights = []
        for width, height, options in laid_out(spec):
            grids, texts = options["grid"], options["graphic"]
            assert len(grids) == len(options["xAxis"]) == len(options["yAxis"]) == rows
            names, rules = texts[-2 * rows:-rows], texts[-rows:]
            for grid, name, rule in zip(grids, names, rules, strict=True):
                assert name["style"]["text"] and rule["style"]["text"]  # every row labelled
                assert min(name["style"]["fontSize"], rule["style"]["fontSize"]) >= SMALLEST_TEXT
                for text in (name, rule):
                    lines = text["style"]["text"].split("\n")
                    assert max(text_width(line, text["style"]["fontSize"]) for line in lines) <= (
                        grid["left"] if width >= SIDE_BY_SIDE else width) - text["left"]
                if width >= SIDE_BY_SIDE:
                    assert name["left"] < grid["left"]
                else:  # above its panel, across the chart
                    assert rule["top"] + len(rule["style"]["text"].split("\n")) * 15 <= grid["top"]
                    assert grid["left"] + grid["right"] < 30
                assert grid["top"] + grid["height"] < height
            assert all(axis["axisLabel"]["fontSize"] >= SMALLEST_TEXT for axis in options["xAxis"])
            heights.append(height / width)
        assert heights == sorted(heights, reverse=True), category.id  # narrower: taller for its width


def test_every_patch_carries_its_texts_whole() -> None:
    """A drawing may merge the patch before it draws (Node's lazy update), making each text from the patch
    alone: so each text there has its type, words and size."""
    spec = category_chart(BUNDLED.categories[0], BUNDLED, STRINGS["en"], "en")
    for layout in spec.drawn_layouts[:-1]:
        assert layout.patch is not None
        for text in layout.patch.parsed()["graphic"]:
            assert text["type"] == "text" and text["style"]["text"] and text["style"]["fontSize"] >= SMALLEST_TEXT


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_count_labels_fit_beside_their_bars_when_wide_and_sit_above_them_when_narrow(lang: str) -> None:
    verdicts = [evaluate(t, i.direction, BUNDLED) for i in BUNDLED.indicators for t in i.targets]
    for spec in (status_count_chart("chart-home-status", "Status", verdicts, STRINGS[lang], lang, "targets", ""),
                 reporting_chart(BUNDLED, STRINGS[lang], lang)):
        labels = [item["label"]["formatter"] for item in spec.options["series"][0]["data"]]
        assert [layout.width for layout in spec.drawn_layouts] == list(LAYOUT_WIDTHS)
        for width, height, options in laid_out(spec):
            label, grid = options["series"][0]["label"], options["grid"]
            assert options["yAxis"][0]["axisLabel"]["show"] is False  # the labels name each status
            assert label["fontSize"] >= SMALLEST_TEXT
            if width >= 540:
                assert label["position"] == "right"
                assert grid["right"] >= max(text_width(t, label["fontSize"]) for t in labels) + label["distance"]
            else:
                assert label["position"] == [0, -4] and label["verticalAlign"] == "bottom"
                assert width - grid["left"] - grid["right"] >= max(text_width(t, label["fontSize"]) for t in labels)
            assert height >= grid["top"] + grid["bottom"] + 30 * len(labels)
        json.dumps(spec.layouts_json.parsed())
