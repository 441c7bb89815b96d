"""The same input gives the same bytes: another folder, another hash seed, another day."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def build(source: Path, out: Path, **env: str) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--source", str(source), "--out", str(out)],
        capture_output=True, text=True, timeout=300, env={**os.environ, **env}, check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_bundled_site_are_byte_identical(bundled_build: Path, tmp_path: Path) -> None:
    # The session's build (made in this process, with its hash seed) against a copy of the project
    # elsewhere, built by another process with another hash seed (set and dict order), no shared build cache.
    copy = tmp_path / "elsewhere" / "project"
    for name in ("data", "content"):
        shutil.copytree(REPO / name, copy / name)
    (copy / "node_modules").symlink_to(REPO / "node_modules")
    other_seed = "3" if os.environ.get("PYTHONHASHSEED") == "2" else "2"
    first = contents(bundled_build)
    second = contents(build(copy, tmp_path / "two", PYTHONHASHSEED=other_seed))
    assert len(first) >= 30
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    machine_paths = (str(REPO), str(bundled_build.parent), str(tmp_path))
    for html in (v.decode("utf-8") for built in (first, second) for k, v in built.items() if k.endswith(".html")):
        assert not [path for path in machine_paths if path in html]  # no build machine's paths


def test_source_date_epoch_sets_every_file_time(site: Path, tmp_path: Path) -> None:
    out = build(site, tmp_path / "out", SOURCE_DATE_EPOCH="1614556800")  # 2021-03-01, the plan's adoption
    times = {p.stat().st_mtime for p in out.rglob("*") if p.is_file()}
    assert times == {1614556800}


def test_a_drawing_has_the_same_ids_whichever_process_drew_it_and_no_other_drawing_shares_them() -> None:
    from site_builder.charts.svg import clean_svg

    def drawing(counter: int, colour: str) -> str:
        return (f'<svg width="10" height="10"><g clip-path="url(#zr{counter}-c0)"><rect fill="{colour}"/></g>'
                f'<defs><clipPath id="zr{counter}-c0"><path d="M0 0"/></clipPath></defs></svg>')

    # The same chart, drawn first by one Node process and 300th by another, is the same bytes.
    assert clean_svg(drawing(3, "red")) == clean_svg(drawing(300, "red"))
    # Two charts the same counter drew (two processes) do not share an id on a page that shows both.
    ids = [set(re.findall(r'id="([^"]+)"', clean_svg(drawing(3, colour)))) for colour in ("red", "blue")]
    assert ids[0] and ids[1] and not ids[0] & ids[1]
