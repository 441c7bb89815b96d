"""`site-builder check`: translation parity, figures against the data and across languages, links."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REPO, invoke, write_site
from test_errors import line_of, problem_lines

from site_builder.model.figures import figures_in_line


def check(root: Path, *extra: str):
    result = invoke("check", "--source", str(root), *extra)
    return result, problem_lines(result.stderr) if result.stderr.strip() else []


def test_the_bundled_site_passes_strict_check() -> None:
    result = invoke("check", "--strict", "--source", str(REPO))
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout


@pytest.mark.parametrize(
    ("zh", "en"),
    [("150万台", "1.5 million"), ("1300亿元", "130 billion yuan"), ("7万亩", "70,000 mu"), ("8.7%", "8.7 per cent"),
     ("12万人", "120,000 people"), ("10680元", "10,680 yuan")],
)
def test_figures_are_compared_after_normalising_units(zh: str, en: str) -> None:
    [a] = figures_in_line(zh, "zh", 1)
    [b] = figures_in_line(en, "en", 1)
    assert a.key == b.key


def test_years_dates_ordinals_and_names_are_not_figures() -> None:
    assert figures_in_line("2021年3月1日，1—6月，5G网络，“3A示范村”，2022-04-27", "zh", 1) == []
    assert figures_in_line("On 1 March 2021, the 14th Five-Year Plan, 5G networks", "en", 1) == []
    assert [f.value for f in figures_in_line("up 8.7% to 1,300", "en", 1)] == [Decimal("8.7"), Decimal("1300")]


def test_commentary_figure_that_contradicts_the_data_is_an_error(copy_of_repo_sources: Path) -> None:
    page = copy_of_repo_sources / "content" / "zh" / "areas" / "industry.md"
    text = page.read_text(encoding="utf-8")
    row = "| 地区生产总值增速 | 7%以上 | 8.7% |"
    assert row in text
    page.write_text(text.replace(row, "| 地区生产总值增速 | 7%以上 | 8.9% |"), encoding="utf-8")
    result, problems = check(copy_of_repo_sources)
    assert result.returncode == 1
    found = [p for p in problems if p["kind"] == "numbers" and p["level"] == "error"]
    assert len(found) == 1, result.stderr
    [problem] = found
    assert problem["path"] == "content/zh/areas/industry.md"
    line = line_of(page.read_text(encoding="utf-8"), "| 地区生产总值增速 | 7%以上 | 8.9%")
    assert int(problem["line"]) == line
    assert page.read_text(encoding="utf-8").splitlines()[line - 1][int(problem["col"]) - 1:].startswith("8.9%")
    assert "8.7%" in problem["message"]  # says what the data has


def test_figure_one_language_lacks_is_a_warning_and_strict_makes_it_fail(site: Path) -> None:
    page = site / "content" / "en" / "areas" / "industry.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Text.", "Robots rose by 2,500 units."), encoding="utf-8")
    result, problems = check(site)
    assert result.returncode == 0, result.stderr
    [warning] = problems
    found = (warning["path"], warning["level"], warning["kind"])
    assert found == ("content/en/areas/industry.md", "warning", "numbers")
    assert "'2,500' is not in the Chinese version" in warning["message"]
    strict, _ = check(site, "--strict")
    assert strict.returncode == 1
    assert ": error: '2,500' is not in the Chinese version" in strict.stderr


def test_missing_english_commitment_text_names_the_place(site: Path, mini_data: dict) -> None:
    del mini_data["areas"][0]["commitments"][0]["text"]["en"]
    write_site(site, mini_data)
    result, problems = check(site)
    assert result.returncode == 1
    [problem] = problems
    text = (site / "data" / "targets.json").read_text(encoding="utf-8")
    assert problem["kind"] == "parity"
    assert problem["message"] == "commitment 'industry-1' has no English text: add \"en\" to its \"text\""
    assert int(problem["line"]) == line_of(text, '"zh": "新增应用工业机器人2000台。"') - 1


def test_blank_translation_is_an_error(site: Path, mini_data: dict) -> None:
    mini_data["indicators"][1]["name"]["en"] = "   "
    write_site(site, mini_data)
    result, problems = check(site)
    assert result.returncode == 1
    [problem] = problems
    assert problem["message"] == "indicator 'cpi' name: the English text is blank"


def test_chinese_only_pages_are_reported_at_the_page(site: Path) -> None:
    (site / "content" / "en" / "areas" / "industry.md").unlink()
    (site / "content" / "en" / "index.md").unlink()
    result, problems = check(site)
    assert result.returncode == 1
    where = {(p["path"], p["line"], p["col"], p["kind"]): p["message"] for p in problems}
    assert where[("content/zh/areas/industry.md", "1", "1", "parity")] == (
        "area 'industry' has no en commentary: create content/en/areas/industry.md"
    )
    message = where[("content/zh/index.md", "1", "1", "parity")]
    assert message == "no English version of this page: create content/en/index.md"


def test_missing_ui_string_is_a_parity_error(site: Path) -> None:
    strings = site / "themes" / "civic" / "strings"
    strings.mkdir(parents=True)
    (strings / "zh.toml").write_text('only_in_chinese = "仅中文"\n', encoding="utf-8")
    (site / "site.toml").write_text('theme = "civic"\n', encoding="utf-8")
    result, problems = check(site)
    assert result.returncode == 1
    [problem] = problems
    assert problem["kind"] == "parity"
    assert "missing UI string 'only_in_chinese'" in problem["message"]


def test_broken_internal_links_and_anchors(site: Path) -> None:
    page = site / "content" / "en" / "areas" / "industry.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nSee [the home page](../../) and [indicators](../../indicators/#gdp-growth).\n"
        + "\nSee [nowhere](../nowhere/) and [a missing anchor](../../#no-such-heading).\n",
        encoding="utf-8",
    )
    result, problems = check(site)
    assert result.returncode == 1
    links = [p for p in problems if p["kind"] == "link"]
    assert [p["message"] for p in links] == [
        "link '../nowhere/' leads to no page of the site",
        "link '../../#no-such-heading': the page has no anchor '#no-such-heading'",
    ]
    text = page.read_text(encoding="utf-8")
    assert {int(p["line"]) for p in links} == {line_of(text, "../nowhere/")}


def test_unknown_chart_id_in_commentary_is_a_chart_error(site: Path) -> None:
    page = site / "content" / "en" / "areas" / "industry.md"
    page.write_text(page.read_text(encoding="utf-8").replace("gdp-growth", "gdp-grwth"), encoding="utf-8")
    result, problems = check(site)
    assert result.returncode == 1
    [problem] = problems
    assert problem["kind"] == "chart"
    assert int(problem["line"]) == line_of(page.read_text(encoding="utf-8"), "gdp-grwth")


def test_build_runs_the_same_checks_and_prints_warnings(site: Path) -> None:
    page = site / "content" / "zh" / "areas" / "industry.md"
    page.write_text(page.read_text(encoding="utf-8").replace("说明。", "说明：新增2500台。"), encoding="utf-8")
    result = invoke("build", "--source", str(site), "--out", str(site / "build"))
    assert result.returncode == 0, result.stderr
    assert "content/zh/areas/industry.md:" in result.stderr and "warning: '2500'" in result.stderr
    strict = invoke("build", "--strict", "--source", str(site), "--out", str(site / "other"))
    assert strict.returncode == 1
    assert not (site / "other").exists()


def test_english_table_row_is_checked_through_its_chinese_counterpart(copy_of_repo_sources: Path) -> None:
    # The English table calls the indicator "GDP growth", not the data's name: the row is matched by its
    # place in the same table of the Chinese page.
    page = copy_of_repo_sources / "content" / "en" / "areas" / "industry.md"
    text = page.read_text(encoding="utf-8")
    row = "| GDP growth | At least 7% | 8.7% |"
    assert row in text
    page.write_text(text.replace(row, "| GDP growth | At least 7% | 8.9% |"), encoding="utf-8")
    result, problems = check(copy_of_repo_sources)
    assert result.returncode == 1
    [error] = [p for p in problems if p["level"] == "error"]
    assert (error["path"], error["kind"]) == ("content/en/areas/industry.md", "numbers")
    assert int(error["line"]) == line_of(text, row)
    assert "'8.9%' is not what data/targets.json says for 'Growth of gross regional product (GDP)'" in error["message"]


def test_an_outcome_of_another_year_than_the_plans_is_a_period_warning(site: Path, mini_data: dict) -> None:
    mini_data["indicators"][0]["targets"][0]["outcomes"][0]["year"] = 2020  # the plan is for 2021
    write_site(site, mini_data)
    result, problems = check(site)
    assert result.returncode == 0, result.stderr
    [problem] = problems
    text = (site / "data" / "targets.json").read_text(encoding="utf-8")
    line = line_of(text, '"period": "h1"') - 1  # the outcome's own "{"
    assert (int(problem["line"]), int(problem["col"])) == (line, text.splitlines()[line - 1].index("{") + 1)
    assert (problem["level"], problem["kind"]) == ("warning", "period")
    assert problem["message"].startswith("target 'gdp-growth': an outcome for 2020, but the plan is for 2021")
    assert check(site, "--strict")[0].returncode == 1


def test_a_note_never_stops_a_run_even_when_strict() -> None:
    from site_builder.checks.run import stop_on_errors
    from site_builder.errors import ContentError, Problem

    note = Problem("data/plans/2025.json", 12, 9, "a target with no successor", "note", "dropped")
    warning = Problem("data/plans/2026.json", 3, 5, "replace the placeholder", "warning", "todo")
    assert stop_on_errors([note], strict=True) == (note,)
    with pytest.raises(ContentError) as raised:
        stop_on_errors([note, warning], strict=True)
    assert [p.level for p in raised.value.problems] == ["note", "error"]  # the note is still a note
