"""`site-builder build` after an edit renders only the pages that used what changed, and the site it
leaves is, byte for byte, the one a build from scratch makes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli

from site_builder.pipeline import build
from site_builder.sources.config import DEFAULT_THEME


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def themed(site: Path) -> Path:
    """The small site with the default theme copied into it, so a test can edit templates and strings."""
    shutil.copytree(DEFAULT_THEME, site / "themes" / "default")
    return site


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS: dict[str, tuple[Callable[[Path], None], int]] = {
    # what the editor does, and at most how many pages it should take to render again
    "commentary": (lambda root: _append(root / "content/en/areas/industry.md", "\nA paragraph on ceramics.\n"), 1),
    "commentary title": (lambda root: _replace(root / "content/zh/index.md", "title: 首页", "title: 首页（修订）"), 1),
    "a template": (lambda root: _append(root / "themes/default/templates/area.html", "\n{# a comment #}\n"), 2),
    "a string": (lambda root: _replace(root / "themes/default/strings/en.toml", '"', '"Edited ', ), 999),
    "the stylesheet": (lambda root: _append(root / "themes/default/static/site.css", "\n/* edited */\n"), 0),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_renders_only_the_pages_that_used_it_and_gives_the_bytes_of_a_cold_build(
    themed: Path, tmp_path: Path, edit: str
) -> None:
    out = themed / "build"
    first = build(themed, out)
    change, most = EDITS[edit]
    change(themed)
    again = build(themed, out)
    assert again.pages_rendered is not None, "the previous pages should have been reused"
    assert again.pages_rendered <= min(most, first.pages - 1)
    cold = tmp_path / "cold"
    build(themed, cold)
    assert snapshot(out) == snapshot(cold)


def test_a_data_edit_renders_every_page(themed: Path, mini_data: dict) -> None:
    out = themed / "build"
    build(themed, out)
    mini_data["indicators"][1]["name"]["en"] = "Consumer price index"
    (themed / "data" / "targets.json").write_text(json.dumps(mini_data, ensure_ascii=False), encoding="utf-8")
    again = build(themed, out)
    assert again.pages_rendered == again.pages  # data reaches every page (menus, dates, charts, feeds)
    assert "Consumer price index" in (out / "en" / "indicators" / "cpi" / "index.html").read_text(encoding="utf-8")


def test_a_hand_edited_output_is_rebuilt_whole(themed: Path) -> None:
    out = themed / "build"
    build(themed, out)
    (out / "en" / "index.html").unlink()
    _append(themed / "content/en/areas/industry.md", "\nMore.\n")
    again = build(themed, out)
    assert again.pages_rendered == again.pages
    assert (out / "en" / "index.html").is_file()


def test_the_command_line_says_how_many_pages_it_rendered(themed: Path) -> None:
    assert run_cli("build", "--source", str(themed)).returncode == 0
    _append(themed / "content/en/areas/industry.md", "\nMore.\n")
    result = run_cli("build", "--source", str(themed))
    assert result.returncode == 0, result.stderr
    assert "1 rendered, the others unchanged" in result.stdout
