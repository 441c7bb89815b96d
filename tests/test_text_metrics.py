"""Chart text is laid out by the widths of the fonts the pages use (charts/text_metrics.json), not by
ECharts' guesses: a label's room grows with its font size, and "WWW" needs more of it than "iii"."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ON_CI, REPO

from site_builder.charts import node, text_metrics
from site_builder.charts.node import ChartRequest, Renderer

PACKAGES = REPO / "node_modules"
WIDTH = 400
PLACED = re.compile(r'<text [^>]*transform="translate\(([\d.]+) 0\)"')


def test_the_committed_table_is_what_the_installed_fonts_give() -> None:
    faces = text_metrics.installed_faces()
    if faces is None:
        message = f"the fonts the table is made from are not installed: {text_metrics.FACES}"
        if ON_CI:
            pytest.fail(message)
        pytest.skip(f"TEXT METRICS NOT CHECKED: {message}")
    committed = text_metrics.TABLE.read_text(encoding="utf-8")
    assert text_metrics.dumps(text_metrics.generate(faces)) == committed, (
        "the fonts changed: run `python -m site_builder.charts.text_metrics` and commit text_metrics.json")


def _advance(table: dict, weight: str, char: str) -> float:
    for first, widths in table[weight]["ranges"]:
        if first <= ord(char) < first + len(widths):
            return widths[ord(char) - first] / table["unitsPerEm"]
    wide = any(first <= ord(char) <= last for first, last in table["wideRanges"])
    return (table["wide"] if wide else table["fallback"]) / table["unitsPerEm"]


def _title_widths(tmp_path: Path, labels: list[tuple[str, int, str]]) -> dict[tuple[str, int, str], float]:
    """Each (text, size, weight) drawn as a title flush right: its measured width is how far from the
    chart's right edge ECharts starts it."""
    renderer = Renderer(PACKAGES, tmp_path)
    requests = {
        label: ChartRequest(f"{index}", json.dumps({"title": {
            "text": label[0], "right": 0, "top": 0, "padding": 0,
            "textStyle": {"fontSize": label[1], "fontWeight": label[2]}}}), WIDTH, 100, "EN")
        for index, label in enumerate(labels)
    }
    try:
        drawings = renderer.draw(list(requests.values()))
        placed = {label: PLACED.search(drawings.svg(request.key)) for label, request in requests.items()}
        renderer.wait()
    finally:
        renderer.stop()
    assert all(placed.values()), placed
    return {label: WIDTH - float(found.group(1)) for label, found in placed.items() if found}


def test_a_label_is_measured_by_its_font_size_weight_and_letters(tmp_path: Path) -> None:
    labels = [(text, size, weight) for text in ("iii", "WWW", "国国国", "GDP 增速 %") for size in (12, 24)
              for weight in ("normal", "bold")]
    widths = _title_widths(tmp_path, labels)
    table = json.loads(text_metrics.TABLE.read_text(encoding="utf-8"))
    for (text, size, weight), width in widths.items():
        expected = size * sum(_advance(table, "bold" if weight == "bold" else "regular", char) for char in text)
        assert width == pytest.approx(expected, abs=0.01), (text, size, weight)
    for text in ("iii", "WWW", "GDP 增速 %"):
        for weight in ("normal", "bold"):
            assert widths[(text, 24, weight)] == pytest.approx(2 * widths[(text, 12, weight)], abs=0.01)
        assert widths[(text, 12, "bold")] > widths[(text, 12, "normal")]
    assert widths[("WWW", 12, "normal")] > 3 * widths[("iii", 12, "normal")]
    assert widths[("国国国", 12, "normal")] == pytest.approx(36)  # an ideograph is one em, whatever the weight
    assert widths[("国国国", 12, "bold")] == pytest.approx(36)


def test_a_changed_table_redraws_every_chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = Renderer(PACKAGES, tmp_path).salt
    changed = tmp_path / "text_metrics.json"
    shutil.copy(text_metrics.TABLE, changed)
    table = json.loads(changed.read_text(encoding="utf-8"))
    table["fallback"] += 1
    changed.write_text(json.dumps(table), encoding="utf-8")
    monkeypatch.setattr(node, "TEXT_METRICS", changed)
    assert Renderer(PACKAGES, tmp_path).salt != before
