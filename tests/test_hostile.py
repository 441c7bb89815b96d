"""Untrusted input: script and markup in every text field, unsafe ids, and broken or oversized files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke, write_site
from hostile_site import PAYLOAD, Audit

from site_builder.sources.data import MAX_DATA_BYTES, MAX_MARKDOWN_BYTES


def test_script_in_any_text_field_is_shown_as_text_and_never_becomes_markup(hostile_build: Path) -> None:
    out = hostile_build
    pages = sorted(out.rglob("*.html"))
    # entry; home, area, list, two indicator pages, search and 404 in each language; an embed per chart
    assert len(pages) >= 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        audit = Audit()
        audit.feed(html)
        assert not audit.unsafe, f"{page.relative_to(out)}: {audit.unsafe}"
        # Each JSON block of chart options stays one intact script element, with the payload inside it escaped.
        assert html.count("<script") == html.count("</script>")
    area = (out / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    audit = Audit()
    audit.feed(area)
    shown = "".join(audit.text)
    # The reader sees what the editor typed: titles, commitment text, target labels, units, sources, notes.
    for visible in ("Building a modern industrial system" + PAYLOAD,
                    "Put 2,000 new industrial robots to use." + PAYLOAD,
                    "GDP growth" + PAYLOAD, "Statistical bulletin" + PAYLOAD, "Note" + PAYLOAD, "Basis" + PAYLOAD):
        assert visible in shown, visible
    assert "window.__pwned = 4" not in shown  # a raw <script> in Markdown is removed with its content
    # Chart text (descriptions, series names, the target line's label) keeps the payload, as data.
    blocks = [b.split(">", 1)[1].split("</script>", 1)[0] for b in area.split('<script type="application/json"')[1:]]
    assert blocks and any(any(PAYLOAD in text for text in strings_in(json.loads(b))) for b in blocks)


def strings_in(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        node = list(node.values())
    return [text for item in node for text in strings_in(item)] if isinstance(node, list) else []


@pytest.mark.parametrize(
    "bad_id",
    ["../escape", "/etc/passwd", "ｇｄｐ", "gdp\u202egrowth", "gdp-growth\n", "GDP", "a/b", "..", "gdp--growth", "ﬁ"],
    ids=["parent", "absolute", "full-width", "rtl-override", "trailing-newline", "upper", "slash", "dots",
         "double-hyphen", "ligature"],
)
def test_ids_that_could_escape_the_output_folder_are_refused(mini_data: dict, tmp_path: Path, bad_id: str) -> None:
    mini_data["areas"][0]["id"] = bad_id
    root = write_site(tmp_path / "s", mini_data)
    result = invoke("build", "--source", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "data/targets.json:" in result.stderr
    assert "'id' must be lowercase letters a-z, digits and single hyphens" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_javascript_source_url_is_refused(mini_data: dict, tmp_path: Path) -> None:
    mini_data["sources"][0]["url"] = "javascript:alert(1)"
    mini_data["plan"]["source_url"] = 'https://example.org/"onmouseover="alert(1)'
    root = write_site(tmp_path / "s", mini_data)
    result = invoke("check", "--source", str(root))
    assert result.returncode == 1
    assert "'url' has the wrong form" in result.stderr
    assert "'source_url' has the wrong form" in result.stderr


def test_commentary_file_names_must_name_an_area(site: Path) -> None:
    odd = site / "content" / "en" / "areas" / "ｉｎｄｕｓｔｒｙ.md"
    odd.write_text("---\ntitle: T\nsummary: S\n---\nText.\n", encoding="utf-8")
    result = invoke("build", "--source", str(site), "--out", str(site / "build"))
    assert result.returncode == 1
    assert "content/en/areas/ｉｎｄｕｓｔｒｙ.md:1:1: error: no area 'ｉｎｄｕｓｔｒｙ'" in result.stderr


@pytest.mark.parametrize(
    "payload, message",
    [
        ('{"plan": {"title": ', "data/targets.json:1:20: error: invalid JSON"),
        ("", "data/targets.json:1:1: error: invalid JSON"),
        ("[1, 2]", "data/targets.json:1:1: "),
        ('{"plan": null, "units": "x"}', "data/targets.json:1:"),
    ],
    ids=["truncated", "empty", "not-an-object", "wrong-types"],
)
def test_malformed_data_gets_a_located_error(site: Path, payload: str, message: str) -> None:
    (site / "data" / "targets.json").write_text(payload, encoding="utf-8")
    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_wrongly_encoded_markdown_and_data_get_a_clear_error(site: Path, encoding: str) -> None:
    page = site / "content" / "zh" / "index.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode(encoding))
    data = site / "data" / "targets.json"
    data.write_bytes(data.read_text(encoding="utf-8").encode(encoding))
    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for shown in ("content/zh/index.md:", "data/targets.json:"):
        line = next(line for line in result.stderr.splitlines() if line.startswith(shown))
        assert "UTF-8" in line


def test_oversized_files_are_refused_before_they_are_read(site: Path) -> None:
    data = site / "data" / "targets.json"
    with data.open("ab") as handle:
        handle.truncate(MAX_DATA_BYTES + 1)  # a sparse file: costs no disk
    page = site / "content" / "en" / "index.md"
    with page.open("ab") as handle:
        handle.truncate(MAX_MARKDOWN_BYTES + 1)
    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    assert "data/targets.json:1:1: error: the file is 50.0 MB, over the limit of 50 MB" in result.stderr
    assert "content/en/index.md:1:1: error: the file is 5.0 MB, over the limit of 5 MB" in result.stderr
