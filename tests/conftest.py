"""Fixtures: a small bilingual site written inline (lektor's habit), and the bundled site built once."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

MINI_DATA: dict = {
    "$schema": "./targets.schema.json",
    "plan": {
        "title": {"zh": "测试计划", "en": "Test plan"},
        "short_title": {"zh": "测试计划", "en": "Test plan"},
        "issuer": {"zh": "测试市人民政府", "en": "Test City Government"},
        "document_number": "测政发〔2021〕1号",
        "year": 2021,
        "adopted": "2021-03-01",
        "approved_by": {"zh": "测试会议", "en": "A test session"},
        "published": "2021-03-04",
        "source": "S1",
        "source_url": "https://example.org/plan",
    },
    "units": [
        {"id": "percent", "zh": "%", "en": "%", "kind": "percent"},
        {"id": "machines", "zh": "台", "en": "machines", "kind": "quantity"},
    ],
    "sources": [
        {
            "id": "S1",
            "title": {"zh": "统计公报", "en": "Statistical bulletin"},
            "publisher": {"zh": "统计局", "en": "Statistics bureau"},
            "date": "2022-03-01",
            "url": "https://example.org/bulletin",
            "official": True,
        }
    ],
    "areas": [
        {
            "id": "industry",
            "number": 1,
            "title": {"zh": "构建现代产业体系", "en": "Building a modern industrial system"},
            "commitments": [
                {
                    "id": "industry-1",
                    "number": 1,
                    "title": {"zh": "推进数字化", "en": "Going digital"},
                    "text": {"zh": "新增应用工业机器人2000台。", "en": "Put 2,000 new industrial robots to use."},
                    "targets": [
                        {
                            "id": "industrial-robots",
                            "label": {"zh": "新增应用工业机器人", "en": "New industrial robots in use"},
                            "kind": "reach",
                            "value": 2000,
                            "unit": "machines",
                            "wording": {"zh": "新增应用工业机器人2000台", "en": "2,000 new industrial robots"},
                        }
                    ],
                }
            ],
            "indicators": ["gdp-growth", "cpi"],
        }
    ],
    "categories": [{"id": "strength", "name": {"zh": "实力提升", "en": "Economic strength"}}],
    "indicators": [
        {
            "id": "gdp-growth",
            "name": {"zh": "地区生产总值增速", "en": "GDP growth"},
            "category": "strength",
            "unit": "percent",
            "direction": "higher",
            "target_text": {"zh": "7%以上", "en": "above 7%"},
            "targets": [
                {
                    "id": "gdp-growth",
                    "kind": "at_least",
                    "value": 7,
                    "unit": "percent",
                    "outcomes": [
                        {"period": "h1", "year": 2021, "value": 13.7, "source": "S1", "added": "2021-08-02"},
                        {"period": "year", "year": 2021, "value": 8.7, "source": "S1", "added": "2022-03-05"},
                    ],
                }
            ],
        },
        {
            "id": "cpi",
            "name": {"zh": "居民消费价格涨幅", "en": "Consumer prices"},
            "category": "strength",
            "unit": "percent",
            "direction": "lower",
            "target_text": {"zh": "3%左右", "en": "about 3%"},
            "targets": [{"id": "cpi", "kind": "about", "value": 3, "unit": "percent"}],
        },
    ],
}

PAGES = {
    "content/zh/index.md": "---\ntitle: 首页\nsummary: 测试首页\n---\n## 概况\n\n第一行\n第二行\n",
    "content/en/index.md": "---\ntitle: Home\nsummary: Test home\n---\n## Overview\n\nText.\n",
    "content/zh/areas/industry.md": "---\ntitle: 构建现代产业体系\nsummary: 产业\n---\n## 数字经济\n\n说明。\n\n```chart\ngdp-growth\n```\n",
    "content/en/areas/industry.md": "---\ntitle: Building a modern industrial system\nsummary: Industry\n---\n## Digital economy\n\nText.\n\n```chart\ngdp-growth\n```\n",
}


def write_site(root: Path, data: dict | None = None, pages: dict[str, str] | None = None) -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "targets.json").write_text(
        json.dumps(data if data is not None else MINI_DATA, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    for rel, text in (pages if pages is not None else PAGES).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def mini_data() -> dict:
    return copy.deepcopy(MINI_DATA)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small valid bilingual site, written inline."""
    return write_site(tmp_path / "site")


def pytest_configure(config: pytest.Config) -> None:
    # Many tests build small sites with the same charts: share one chart cache among them (entries are
    # named by a hash of what they draw), so the suite renders each distinct chart and image once.
    if "SITE_BUILDER_CACHE_DIR" not in os.environ:
        os.environ["SITE_BUILDER_CACHE_DIR"] = tempfile.mkdtemp(prefix="site-builder-test-cache-")


def run_cli(*args: str, cwd: Path | None = None, own_cache: bool = False) -> subprocess.CompletedProcess:
    """Runs the command line; own_cache=True gives it the project's own chart cache, not the shared one."""
    env = {k: v for k, v in os.environ.items() if not (own_cache and k == "SITE_BUILDER_CACHE_DIR")}
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled Shaoxing site, built once for the whole session."""
    out = tmp_path_factory.mktemp("bundled") / "build"
    result = run_cli("build", "--source", str(REPO), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def copy_of_repo_sources(tmp_path: Path) -> Path:
    """The bundled project's sources in a scratch folder, to break on purpose."""
    root = tmp_path / "project"
    for name in ("data", "content", "themes"):
        shutil.copytree(REPO / name, root / name)
    return root
