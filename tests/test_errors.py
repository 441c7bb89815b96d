"""Every content error is one line `path:line:col: level: message [kind]`, all of them in one run, exit status 1."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import MINI_DATA, invoke, run_cli, write_site

from site_builder.errors import Problem, count_problems

LINE = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning|note): (?P<message>.+) "
    r"\[(?P<kind>[a-z-]+)\]$"
)


def problem_lines(stderr: str) -> list[re.Match]:
    lines = [line for line in stderr.strip().splitlines() if not line.startswith("site-builder:")]
    matches = [LINE.match(line) for line in lines]
    assert all(matches), f"not path:line:col: level: message [kind]: {stderr}"
    assert "Traceback" not in stderr
    return matches  # type: ignore[return-value]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_truncated_json_names_the_place(site: Path) -> None:
    path = site / "data" / "targets.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    [problem] = problem_lines(result.stderr)
    assert problem["path"].endswith("data/targets.json")
    assert "invalid JSON" in problem["message"]
    assert int(problem["line"]) > 1


def test_unknown_key_string_number_and_unknown_chart_all_reported_at_once(site: Path, mini_data: dict) -> None:
    mini_data["indicators"][0]["colour"] = "red"  # unknown key
    mini_data["indicators"][0]["targets"][0]["value"] = "7"  # a string where a number belongs
    write_site(site, mini_data)
    page = site / "content" / "zh" / "areas" / "industry.md"
    page.write_text(page.read_text(encoding="utf-8").replace("gdp-growth", "gdp-grwoth"), encoding="utf-8")

    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    problems = problem_lines(result.stderr)
    data_text = (site / "data" / "targets.json").read_text(encoding="utf-8")
    by_message = {p["message"]: p for p in problems}

    unknown = next(p for m, p in by_message.items() if "unknown key 'colour'" in m)
    assert int(unknown["line"]) == line_of(data_text, '"colour"')
    assert int(unknown["col"]) == data_text.splitlines()[int(unknown["line"]) - 1].index('"colour"') + 1

    number = next(p for m, p in by_message.items() if "'value' must be a number" in m)
    assert int(number["line"]) == line_of(data_text, '"value": "7"')

    chart = next(p for m, p in by_message.items() if "unknown indicator 'gdp-grwoth'" in m)
    assert chart["path"].endswith("content/zh/areas/industry.md")
    assert int(chart["line"]) == line_of(page.read_text(encoding="utf-8"), "gdp-grwoth")
    assert "did you mean 'gdp-growth'" in chart["message"]
    assert len(problems) == 3


def test_build_with_errors_writes_nothing_and_keeps_previous_site(site: Path) -> None:
    out = site / "build"
    assert invoke("build", "--source", str(site), "--out", str(out)).returncode == 0
    before = (out / "zh" / "index.html").read_bytes()
    data = json.loads((site / "data" / "targets.json").read_text(encoding="utf-8"))
    data["areas"][0]["indicators"].append("no-such-indicator")
    write_site(site, data)
    result = run_cli("build", "--source", str(site), "--out", str(out))  # the process's own exit status
    assert result.returncode == 1
    assert "unknown indicator 'no-such-indicator'" in result.stderr
    assert (out / "zh" / "index.html").read_bytes() == before
    # No staging folder is left behind (the build cache, .build.cache/, is kept on purpose).
    assert not list(site.glob(".build.building-*")) + list(site.glob(".build.old-*"))


def test_check_writes_nothing(site: Path) -> None:
    result = invoke("check", "--source", str(site))
    assert result.returncode == 0, result.stderr
    assert not (site / "build").exists()


def test_missing_commentary_names_the_file_to_create(site: Path) -> None:
    (site / "content" / "en" / "areas" / "industry.md").unlink()
    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    [problem] = problem_lines(result.stderr)
    assert "area 'industry' has no en commentary: create content/en/areas/industry.md" in problem["message"]


def test_gbk_and_bom_files_get_a_clear_error(site: Path) -> None:
    page = site / "content" / "zh" / "index.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("gbk"))
    data = site / "data" / "targets.json"
    data.write_bytes(b"\xef\xbb\xbf" + data.read_bytes())
    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    messages = [p["message"] for p in problem_lines(result.stderr)]
    assert any("not UTF-8" in m for m in messages)
    assert any("byte-order mark" in m for m in messages)


def test_bad_front_matter_points_at_the_line(site: Path) -> None:
    page = site / "content" / "en" / "index.md"
    page.write_text("---\ntitle: Home\nsummary: [unclosed\n---\nText\n", encoding="utf-8")
    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    [problem] = problem_lines(result.stderr)
    assert problem["path"].endswith("content/en/index.md")
    assert int(problem["line"]) >= 3


def test_duplicate_ids_and_unknown_references(mini_data: dict, tmp_path: Path) -> None:
    mini_data["indicators"][1]["id"] = "gdp-growth"
    mini_data["indicators"][1]["targets"][0]["id"] = "cpi-target"
    mini_data["indicators"][0]["targets"][0]["outcomes"][0]["source"] = "S9"
    root = write_site(tmp_path / "s", mini_data)
    result = invoke("check", "--source", str(root))
    assert result.returncode == 1
    messages = [p["message"] for p in problem_lines(result.stderr)]
    assert any("duplicate indicator id 'gdp-growth'" in m for m in messages)
    assert any("unknown source 'S9'" in m for m in messages)


def test_target_kind_needs_its_fields(mini_data: dict, tmp_path: Path) -> None:
    del mini_data["indicators"][1]["targets"][0]["value"]
    root = write_site(tmp_path / "s", mini_data)
    result = invoke("check", "--source", str(root))
    assert result.returncode == 1
    [problem] = problem_lines(result.stderr)
    assert "needs a 'value'" in problem["message"]


def test_unsafe_id_is_refused(mini_data: dict, tmp_path: Path) -> None:
    mini_data["areas"][0]["id"] = "../escape"
    root = write_site(tmp_path / "s", mini_data)
    result = invoke("build", "--source", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "'id' must be lowercase letters a-z, digits and single hyphens" in result.stderr
    assert not (tmp_path / "escape").exists()


def test_mini_data_is_valid_reference() -> None:
    # Guard for the other tests: they break a copy of a document that is itself valid.
    assert MINI_DATA["indicators"][0]["id"] == "gdp-growth"


def test_outcomes_of_a_commitment_target_need_a_unit(mini_data: dict, tmp_path: Path) -> None:
    # Found by tests/test_properties.py: the page had no unit to show such an outcome with, and crashed.
    target = mini_data["areas"][0]["commitments"][0]["targets"][0]
    outcome = {"period": "year", "year": 2021, "value": 1, "source": "S1", "added": "2026-11-26"}
    target.update(kind="qualitative", outcomes=[outcome])
    del target["value"], target["unit"]
    root = write_site(tmp_path / "s", mini_data)
    result = invoke("check", "--source", str(root))
    assert result.returncode == 1
    assert "target 'industrial-robots' has outcomes but no 'unit' to show them with; add one" in result.stderr


def test_a_missing_brace_points_at_the_object_never_closed_and_where_parsing_stopped(site: Path) -> None:
    path = site / "data" / "targets.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    # The plan title's closing line "}," loses its "}": the parser reads on to the end of the file.
    start = next(i for i, line in enumerate(lines) if line.strip() == '"title": {')
    end = start + 3
    assert lines[end].strip() == "},"
    lines[end] = lines[end].replace("}", "")
    path.write_text("\n".join(lines), encoding="utf-8")
    result = invoke("check", "--source", str(site))
    assert result.returncode == 1
    never_closed, stopped = problem_lines(result.stderr)
    assert (int(never_closed["line"]), int(never_closed["col"])) == (start + 1, lines[start].index("{") + 1)
    assert never_closed["message"] == (
        f"the object 'title' opened here is never closed: its '}}' is missing before line {end + 1}, the first line "
        f"indented no deeper than this one (parsing stopped at line {len(lines)})")
    assert never_closed["kind"] == "json"
    assert int(stopped["line"]) == len(lines)  # where the parser gave up: the end of the file
    assert stopped["message"].startswith("invalid JSON: ")
    assert stopped["message"].endswith(f"; the object 'title' opened on line {start + 1} is never closed")
    assert stopped["kind"] == "json"


def test_a_brace_missing_inside_a_list_names_the_item_by_its_id(site: Path) -> None:
    path = site / "data" / "targets.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    # The first indicator's object loses its closing "}," (its line goes, and with it the comma).
    first = next(i for i, line in enumerate(lines) if line.strip() == '"id": "gdp-growth",') - 1
    depth = len(lines[first]) - len(lines[first].lstrip())
    end = next(i for i in range(first + 1, len(lines)) if lines[i] == " " * depth + "},")
    del lines[end]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = invoke("check", "--source", str(site))
    never_closed, stopped = problem_lines(result.stderr)
    assert (int(never_closed["line"]), int(never_closed["col"])) == (first + 1, depth + 1)
    assert f"the object 'gdp-growth' opened here is never closed: its '}}' is missing before line {end + 1}," in (
        never_closed["message"])
    assert int(stopped["line"]) == end + 1  # the next indicator, where a comma or a "}" was due


def test_a_note_has_the_one_line_format_and_never_fails_even_when_strict() -> None:
    # A note is for what an editor decides (last year's target with no successor), not a mistake.
    note = Problem("data/plans/2025.json", 12, 15, "confirm it was dropped", "note", "dropped")
    warning = Problem("content/zh/index.md", 3, 1, "translate the figure", "warning", "numbers")
    error = Problem("data/plans/2026.json", 4, 7, "unknown id", "error", "continues")
    assert LINE.match(str(note)) and str(note) == "data/plans/2025.json:12:15: note: confirm it was dropped [dropped]"
    assert [p.fails(strict=False) for p in (error, warning, note)] == [True, False, False]
    assert [p.fails(strict=True) for p in (error, warning, note)] == [True, True, False]
    assert count_problems([error, warning, note, note]) == "1 error, 1 warning, 2 notes"
    assert count_problems([note]) == "1 note"
