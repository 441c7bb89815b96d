"""`site-builder new`: scaffolds that are valid, say what to fill in, and never invent a figure."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import invoke, write_site
from test_errors import problem_lines


def test_new_area_is_valid_and_lists_every_placeholder(site: Path) -> None:
    result = invoke("new", "area", "--source", str(site), "open-data")
    assert result.returncode == 0, result.stderr
    data = json.loads((site / "data" / "targets.json").read_text(encoding="utf-8"))
    area = data["areas"][-1]
    assert (area["id"], area["number"]) == ("open-data", 2)
    for lang in ("zh", "en"):
        assert (site / "content" / lang / "areas" / "open-data.md").is_file()
        assert f"content/{lang}/areas/open-data.md:2:" in result.stdout  # where to fill in the title
    # Valid, so the site builds; every placeholder is a [todo] warning, and --strict refuses to publish it.
    check = invoke("check", "--source", str(site))
    assert check.returncode == 0, check.stderr
    todo = [p for p in problem_lines(check.stderr) if p["kind"] == "todo"]
    assert len(todo) == 12  # 3 texts x 2 languages in the data, 3 lines x 2 languages in the pages
    assert invoke("check", "--strict", "--source", str(site)).returncode == 1


def test_new_area_refuses_a_bad_or_existing_id(site: Path) -> None:
    assert "already exists" in invoke("new", "area", "--source", str(site), "industry").stderr
    bad = invoke("new", "area", "--source", str(site), "Open Data")
    assert bad.returncode == 1 and "is not an id" in bad.stderr


def test_new_outcome_adds_the_editors_figure_and_the_page_shows_it(site: Path) -> None:
    result = invoke("new", "outcome", "--source", str(site), "cpi", "--value", "1.4", "--source-id", "S1")
    assert result.returncode == 0, result.stderr
    data = json.loads((site / "data" / "targets.json").read_text(encoding="utf-8"))
    # "added" is the day it was entered: it dates the feed entry and the page's "last updated".
    assert data["indicators"][1]["targets"][0]["outcomes"] == [
        {"period": "year", "year": 2021, "value": 1.4, "source": "S1", "added": dt.date.today().isoformat()}]
    assert "content/zh/areas/industry.md, content/en/areas/industry.md" in result.stdout
    build = invoke("build", "--source", str(site), "--out", str(site / "build"))
    assert build.returncode == 0, build.stderr
    html = (site / "build" / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    assert "1.4%" in html[html.index('id="indicator-cpi"'):]


def test_new_outcome_keeps_calendar_order_and_refuses_duplicates(site: Path) -> None:
    assert invoke("new", "outcome", "--source", str(site), "gdp-growth", "--value", "12.1", "--source-id", "S1",
                   "--period", "q1_q3").returncode == 0
    data = json.loads((site / "data" / "targets.json").read_text(encoding="utf-8"))
    outcomes = data["indicators"][0]["targets"][0]["outcomes"]
    assert [o["period"] for o in outcomes] == ["h1", "q1_q3", "year"]
    again = invoke("new", "outcome", "--source", str(site), "gdp-growth", "--value", "8.7", "--source-id", "S1")
    assert again.returncode == 1 and "already has a year 2021 outcome" in again.stderr


def test_new_outcome_needs_a_known_source_and_a_number(site: Path) -> None:
    before = (site / "data" / "targets.json").read_bytes()
    unknown = invoke("new", "outcome", "--source", str(site), "cpi", "--value", "1.4", "--source-id", "S9")
    assert unknown.returncode == 1 and "no source 'S9'" in unknown.stderr and "S1" in unknown.stderr
    words = invoke("new", "outcome", "--source", str(site), "cpi", "--value", "about two", "--source-id", "S1")
    assert words.returncode == 1 and "must be a number" in words.stderr
    assert (site / "data" / "targets.json").read_bytes() == before


def test_new_outcome_refuses_another_year_than_the_plans_unless_forced(site: Path) -> None:
    data_file = site / "data" / "targets.json"
    before = data_file.read_bytes()
    typo = invoke("new", "outcome", "--source", str(site), "cpi", "--value", "1.4", "--source-id", "S1",
                  "--year", "1999")
    assert typo.returncode == 1
    assert "the plan is for 2021: no verdict rests on a 1999 outcome" in typo.stderr and "--force" in typo.stderr
    assert data_file.read_bytes() == before
    forced = invoke("new", "outcome", "--source", str(site), "cpi", "--value", "1.4", "--source-id", "S1",
                    "--year", "1999", "--force")
    assert forced.returncode == 0, forced.stderr
    [outcome] = json.loads(data_file.read_text(encoding="utf-8"))["indicators"][1]["targets"][0]["outcomes"]
    assert (outcome["year"], outcome["value"]) == (1999, 1.4)
    # Recorded on purpose, and still a warning in every check: --strict will not publish it unseen.
    check = invoke("check", "--source", str(site))
    assert check.returncode == 0, check.stderr
    [warning] = [p for p in problem_lines(check.stderr) if p["kind"] == "period"]
    assert warning["level"] == "warning" and "an outcome for 1999, but the plan is for 2021" in warning["message"]
    assert invoke("check", "--strict", "--source", str(site)).returncode == 1


def test_a_mistyped_indicator_target_or_source_gets_the_closest_id(site: Path, mini_data: dict) -> None:
    mini_data["indicators"][1]["targets"].append({"id": "cpi-core", "kind": "about", "value": 2, "unit": "percent"})
    write_site(site, mini_data)
    before = (site / "data" / "targets.json").read_bytes()
    indicator = invoke("new", "outcome", "--source", str(site), "gdp-grwth", "--value", "8", "--source-id", "S1")
    assert indicator.returncode == 1
    assert indicator.stderr.strip() == "Error: no indicator 'gdp-grwth'; did you mean 'gdp-growth'?"
    target = invoke("new", "outcome", "--source", str(site), "cpi", "--value", "1.4", "--source-id", "S1",
                    "--target", "cpi-cor")
    assert target.returncode == 1
    assert "indicator 'cpi' has no target 'cpi-cor': did you mean 'cpi-core'?" in target.stderr
    source = invoke("new", "outcome", "--source", str(site), "cpi", "--value", "1.4", "--source-id", "S11",
                    "--target", "cpi")
    assert source.returncode == 1 and "no source 'S11' in data/targets.json; did you mean 'S1'?" in source.stderr
    # Nothing close: every id is listed, as before.
    far = invoke("new", "outcome", "--source", str(site), "unemployment", "--value", "2", "--source-id", "S1")
    assert "the indicators are: gdp-growth, cpi" in far.stderr
    assert (site / "data" / "targets.json").read_bytes() == before


def test_new_outcome_without_value_is_a_usage_error_not_a_prompt(site: Path) -> None:
    # No terminal and no input (a script, CI): click's prompt would read nothing and end in "Aborted!".
    result = invoke("new", "outcome", "--source", str(site), "cpi", "--source-id", "S1")
    assert result.returncode == 2
    assert "Missing option '--value'" in result.stderr
    assert "Aborted!" not in result.stdout + result.stderr
