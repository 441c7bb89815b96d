"""After an edit, only the search shards that hold a changed page are indexed again, and the index is
the one a build from scratch makes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from site_builder.pages import search
from site_builder.pipeline import build


def _bundle(out: Path) -> dict[str, bytes]:
    folder = out / "pagefind"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def pagefind_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The glob of each pagefind run (that is, each shard indexed), in order."""
    runs: list[str] = []
    real = subprocess.Popen

    def counted(command: list[str], *args: object, **kwargs: object) -> subprocess.Popen:
        if "pagefind" in command and "--glob" in command:  # the module is shared: Node starts through it too
            runs.append(command[command.index("--glob") + 1])
        return real(command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(search.subprocess, "Popen", counted)
    return runs


def test_an_edit_indexes_only_the_shards_of_the_changed_pages(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pagefind_runs: list[str]
) -> None:
    monkeypatch.setattr(search, "SHARD_BYTES", 40_000)  # one or two pages of the small site a shard
    monkeypatch.setenv("SITE_BUILDER_CACHE_DIR", str(tmp_path / "cache"))  # no shard of other tests
    out = site / "build"
    build(site, out)
    shards = len(pagefind_runs)
    assert shards >= 6, "the small site should need several shards per language at this size"

    page = site / "content" / "en" / "areas" / "industry.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA paragraph about ceramics.\n", encoding="utf-8")
    pagefind_runs.clear()
    build(site, out)
    assert len(pagefind_runs) == 1, f"indexed again: {pagefind_runs}"
    assert "en/areas/industry/index.html" in pagefind_runs[0]

    # The same index as a build with no cache at all.
    incremental = _bundle(out)
    shutil.rmtree(tmp_path / "cache")
    cold = site / "cold"
    build(site, cold)
    assert _bundle(cold) == incremental
