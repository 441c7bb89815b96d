"""The same input gives the same bytes: another folder, another hash seed, another day."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def build(source: Path, out: Path, **env: str) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--source", str(source), "--out", str(out)],
        capture_output=True, text=True, timeout=300, env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    return out


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_bundled_site_are_byte_identical(tmp_path: Path) -> None:
    # A copy of the project elsewhere, built with other hash seeds (set and dict order) and no shared cache.
    copy = tmp_path / "elsewhere" / "project"
    for name in ("data", "content", "themes"):
        shutil.copytree(REPO / name, copy / name)
    (copy / "node_modules").symlink_to(REPO / "node_modules")
    first = contents(build(REPO, tmp_path / "one", PYTHONHASHSEED="1"))
    second = contents(build(copy, tmp_path / "two", PYTHONHASHSEED="2"))
    assert len(first) >= 30
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    for html in (v.decode("utf-8") for k, v in first.items() if k.endswith(".html")):
        assert str(tmp_path) not in html and str(REPO) not in html  # no build machine's paths


def test_source_date_epoch_sets_every_file_time(site: Path, tmp_path: Path) -> None:
    out = build(site, tmp_path / "out", SOURCE_DATE_EPOCH="1614556800")  # 2021-03-01, the plan's adoption
    times = {p.stat().st_mtime for p in out.rglob("*") if p.is_file()}
    assert times == {1614556800}
