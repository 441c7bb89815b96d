"""The build cache never outlives the code or the libraries that made what it holds.

Both tests rebuild into the folder an earlier build left, as an editor does after upgrading: the
output must be what the new code makes, not the old pages the cache remembers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from conftest import REPO

from site_builder import caches as cache_module
from site_builder.errors import SiteBuilderError
from site_builder.pipeline import build

MARKER = "made-by-the-new-code"

# Appended to the copied package's Markdown reader: the "new version" puts a marker in every page.
NEW_READER = f'''

_previous_read_page = read_page


def read_page(*args, **kwargs):
    page, problems = _previous_read_page(*args, **kwargs)
    if page is not None:
        page.html += "<p>{MARKER}</p>"
    return page, problems
'''


def _built(root: Path, package: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(package)}
    return subprocess.run(
        [sys.executable, "-m", "site_builder", "build"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


def test_a_change_to_the_code_is_in_the_next_build_into_the_same_folder(site: Path, tmp_path: Path) -> None:
    # A copy of the package (its default theme inside it), with the Node packages beside it, as in a checkout.
    package = tmp_path / "installed"
    shutil.copytree(REPO / "site_builder", package / "site_builder", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "node_modules").symlink_to(REPO / "node_modules")
    first = _built(site, package)
    assert first.returncode == 0, first.stderr
    page = site / "build" / "en" / "areas" / "industry" / "index.html"
    assert MARKER not in page.read_text(encoding="utf-8")

    reader = package / "site_builder" / "sources" / "content.py"
    reader.write_text(reader.read_text(encoding="utf-8") + NEW_READER, encoding="utf-8")
    second = _built(site, package)
    assert second.returncode == 0, second.stderr
    assert "Up to date" not in second.stdout
    assert MARKER in page.read_text(encoding="utf-8"), "the commentary was taken from the old code's cache"


def test_a_new_version_of_a_library_is_in_the_next_build_into_the_same_folder(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = site / "build"
    build(site, out)
    page = out / "zh" / "areas" / "industry" / "index.html"
    assert MARKER not in page.read_text(encoding="utf-8")

    # "Upgrade" Markdown: its version changes, and so does what it makes of the same text.
    real_version, real_convert = cache_module.metadata.version, markdown.Markdown.convert
    monkeypatch.setattr(
        cache_module.metadata, "version", lambda name: "99.0" if name == "Markdown" else real_version(name)
    )
    monkeypatch.setattr(markdown.Markdown, "convert", lambda self, text: real_convert(self, text) + f"<p>{MARKER}</p>")
    result = build(site, out)
    assert not result.unchanged
    assert MARKER in page.read_text(encoding="utf-8"), "the commentary was taken from the old library's cache"


def test_with_the_same_code_and_libraries_a_second_build_does_nothing(site: Path) -> None:
    out = site / "build"
    build(site, out)
    assert build(site, out).unchanged


def test_a_rebuild_checks_again_the_figures_of_the_edited_page_only(site: Path, monkeypatch) -> None:
    # The number check of every page was most of a one-edit rebuild of a large plan: between builds it is
    # kept in the build cache, by the data, the code and the page's texts in both languages.
    from site_builder.checks import numbers

    checked: list[str] = []
    real = numbers.contradictions

    def counting(page, *args, **kwargs):
        checked.append(page.shown)
        return real(page, *args, **kwargs)

    monkeypatch.setattr(numbers, "contradictions", counting)
    build(site, site / "build")
    assert len(checked) == 4  # both languages' home and industry pages

    checked.clear()
    zh = site / "content" / "zh" / "areas" / "industry.md"
    zh.write_text(zh.read_text(encoding="utf-8") + "\n地区生产总值增速7%以上。\n", encoding="utf-8")
    build(site, site / "build")
    # The edited page and its translation, whose figures are checked against it; not the home pages.
    assert sorted(checked) == ["content/en/areas/industry.md", "content/zh/areas/industry.md"]

    # A wrong figure in the edited page is still found, with its place.
    checked.clear()
    zh.write_text(zh.read_text(encoding="utf-8").replace("7%以上。", "9%以上。"), encoding="utf-8")
    with pytest.raises(SiteBuilderError) as failed:
        build(site, site / "build")
    assert "content/zh/areas/industry.md:" in str(failed.value) and "'9%'" in str(failed.value)

    # An edit of the data checks every page again.
    zh.write_text(zh.read_text(encoding="utf-8").replace("9%以上。", "7%以上。"), encoding="utf-8")
    data = site / "data" / "targets.json"
    data.write_text(data.read_text(encoding="utf-8").replace('"Test plan"', '"Test plan 2"'), encoding="utf-8")
    checked.clear()
    build(site, site / "build")
    assert len(checked) == 4
