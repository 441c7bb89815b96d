"""Charts drawn by several Node worker threads: the same drawings as one thread, every one reported to
Python, and a failure in a thread still one clear error (this machine may have too few cores to use them)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO

from site_builder.charts import node
from site_builder.charts.node import ChartRequest, Renderer
from site_builder.errors import SiteBuilderError

PACKAGES = REPO / "node_modules"


def _requests() -> list[ChartRequest]:
    requests = []
    for index in range(14):
        options = json.dumps({"xAxis": {"type": "category", "data": ["H1", "Q1–Q3", "全年"]},
                              "yAxis": {"type": "value"},
                              "series": [{"type": "bar", "data": [index, index + 1.5, 2 * index]}]})
        patch = json.dumps({"yAxis": {"splitNumber": 2}}) if index % 2 else ""
        requests.append(ChartRequest(f"zh/chart-{index}", options, 260 + 40 * index, 240, "ZH", patch))
    return requests


def _draw(cache: Path, threads: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr(node, "DRAWING_THREADS", threads)
    renderer = Renderer(PACKAGES, cache)
    try:
        drawings = renderer.draw(_requests())
        # Asked for in reverse: a page may need a chart that a later thread draws first.
        svgs = {request.key: drawings.svg(request.key) for request in reversed(_requests())}
        renderer.wait()
    finally:
        renderer.stop()
    assert renderer.stats.rendered == len(svgs)
    return svgs


def test_three_threads_draw_what_one_thread_draws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = _draw(tmp_path / "one", 1, monkeypatch)
    three = _draw(tmp_path / "three", 3, monkeypatch)
    assert three == one
    assert all(svg.startswith("<svg") for svg in one.values())
    assert not list((tmp_path / "three").glob(".incoming-*")), "the run's request folder is left behind"


def test_a_thread_that_fails_fails_the_drawing_with_its_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "node_modules"
    (broken / "echarts" / "dist").mkdir(parents=True)
    shutil.copy(PACKAGES / "echarts" / "package.json", broken / "echarts" / "package.json")
    for script in ("index.js", "dist/echarts.js", "dist/echarts.min.js"):
        (broken / "echarts" / script).write_text("throw new Error('broken echarts')", encoding="utf-8")
    monkeypatch.setattr(node, "DRAWING_THREADS", 3)
    renderer = Renderer(broken, tmp_path / "cache")
    try:
        drawings = renderer.draw(_requests())
        failed = r"(?s)^rendering in Node failed \(exit status 1\): .*broken echarts"
        with pytest.raises(SiteBuilderError, match=failed):
            drawings.svg("zh/chart-0")
    finally:
        renderer.stop()
