"""oEmbed: with base_url set, each embed answers content systems that embed by URL."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import invoke

BASE = "https://plan.example.org/shaoxing/"


def test_oembed_file_and_discovery_link_with_a_base_url(copy_of_repo_sources: Path) -> None:
    root = copy_of_repo_sources
    (root / "site.toml").write_text(f'base_url = "{BASE}"\n', encoding="utf-8")
    result = invoke("build", "--source", str(root), "--out", str(root / "build"))
    assert result.returncode == 0, result.stderr
    folder = root / "build" / "en" / "embed" / "gdp-growth"
    answer = json.loads((folder / "oembed.json").read_text(encoding="utf-8"))
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert isinstance(answer["width"], int) and isinstance(answer["height"], int)
    assert f'<iframe src="{BASE}en/embed/gdp-growth/"' in answer["html"]
    assert f'src="{BASE}assets/embed-resize.js"' in answer["html"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="alternate" type="application/json+oembed" href="{BASE}en/embed/gdp-growth/oembed.json"' in page
    # The chart's own page announces it too, so pasting the page's address embeds its main chart.
    indicator = (root / "build" / "en" / "indicators" / "gdp-growth" / "index.html").read_text(encoding="utf-8")
    assert f'type="application/json+oembed" href="{BASE}en/embed/gdp-growth/oembed.json"' in indicator


def test_no_oembed_without_a_base_url(bundled_build: Path) -> None:
    # oEmbed needs absolute addresses; without base_url the site cannot know its own.
    assert not list(bundled_build.glob("*/embed/*/oembed.json"))
    embed = (bundled_build / "en" / "embed" / "gdp-growth" / "index.html").read_text(encoding="utf-8")
    assert "json+oembed" not in embed
