"""`site-builder new year YEAR` and `new outcome --plan-year`: next year's plan started from this year's,
nothing published lost, and an outcome reported a year later filed under the year it measures."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, invoke
from test_errors import problem_lines

from site_builder.model.track import tracks
from site_builder.sources.plans import load_plans


def test_a_one_year_site_moves_to_plan_years_and_starts_the_next_from_this_one(copy_of_repo_sources: Path) -> None:
    root = copy_of_repo_sources
    before = (root / "data" / "targets.json").read_text(encoding="utf-8")
    pages = sorted(p.relative_to(root / "content").as_posix() for p in (root / "content").rglob("*.md"))
    result = invoke("new", "year", "2022", "--source", str(root))
    assert result.returncode == 0, result.stderr
    assert "Moved data/targets.json to data/plans/2021.json." in result.stdout
    # The plan of 2021 is the file it was, but for the schema's place (one folder up).
    assert not (root / "data" / "targets.json").exists()
    moved = (root / "data" / "plans" / "2021.json").read_text(encoding="utf-8")
    assert moved == before.replace('"./targets.schema.json"', '"../targets.schema.json"')
    # Every commentary file is in the year's folder, the same bytes.
    for rel in pages:
        lang, rest = rel.split("/", 1)
        assert (root / "content" / lang / "2021" / rest).read_bytes() == (REPO / "content" / rel).read_bytes()
    # 2022 starts as 2021's targets with their ids: each continues, kept; no outcome is carried over.
    plans, problems = load_plans(root)
    assert problems == [] and sorted(plans) == [2021, 2022]
    new = plans[2022]
    assert new.plan.year == 2022 and new.plan.adopted is None and new.plan.published is None
    assert all(not t.outcomes for i in new.indicators for t in i.targets)
    assert all(not t.outcomes for a in new.areas for c in a.commitments for t in c.targets)
    found = tracks(plans)
    assert found and all(len(t.steps) == 2 and t.steps[0].change is not None and t.steps[0].change.kind == "kept"
                         for t in found)
    # The new year's facts are placeholders `check` lists; nothing fails, and --strict refuses to publish.
    check = invoke("check", "--source", str(root))
    assert check.returncode == 0, check.stderr
    todo = [p for p in problem_lines(check.stderr) if p["kind"] == "todo"]
    assert {p["path"] for p in todo} >= {"data/plans/2022.json", "content/zh/2022/index.md",
                                         "content/en/2022/areas/industry.md"}
    assert not any(p["path"].startswith(("data/plans/2021", "content/zh/2021", "content/en/2021")) for p in todo)
    # Every copied item says it is 2021's until an editor confirms it against the 2022 plan.
    copied = [p["message"] for p in todo if "copied from the 2021 plan" in p["message"]]
    assert len(copied) == len(new.areas) + sum(len(a.commitments) for a in new.areas) + len(new.categories) + len(
        new.indicators)
    assert any(m.startswith("indicator 'gdp-growth' copied from the 2021 plan") for m in copied)
    assert invoke("check", "--strict", "--source", str(root)).returncode == 1


def test_new_year_refuses_a_year_it_has_or_one_before_the_latest(copy_of_repo_sources: Path) -> None:
    root = copy_of_repo_sources
    before = invoke("new", "year", "2020", "--source", str(root))
    assert before.returncode == 1 and "before the latest plan (2021)" in before.stderr
    assert (root / "data" / "targets.json").is_file()  # nothing moved
    same = invoke("new", "year", "2021", "--source", str(root))
    assert same.returncode == 1 and "already has a plan for 2021" in same.stderr
    assert invoke("new", "year", "2022", "--source", str(root)).returncode == 0
    again = invoke("new", "year", "2022", "--source", str(root))
    assert again.returncode == 1 and "already has a plan for 2022" in again.stderr
    # A third year starts from the latest, and nothing is moved again.
    third = invoke("new", "year", "2023", "--source", str(root))
    assert third.returncode == 0, third.stderr
    assert "Moved" not in third.stdout and "copy of the 2022 plan" in third.stdout


def test_an_outcome_reported_a_year_later_goes_in_its_own_year_s_plan(copy_of_repo_sources: Path) -> None:
    root = copy_of_repo_sources
    assert invoke("new", "year", "2022", "--source", str(root)).returncode == 0
    later = (root / "data" / "plans" / "2022.json").read_text(encoding="utf-8")
    # labour-productivity-growth has no 2021 outcome yet (any source of the 2021 plan serves the test).
    added = invoke("new", "outcome", "labour-productivity-growth", "--value", "8.1", "--source-id", "S7",
                   "--plan-year", "2021", "--source", str(root))
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("data/plans/2021.json:")
    assert "content/zh/2021/areas/industry.md" in added.stdout  # the commentary to update is the year's
    plans, _ = load_plans(root)
    target = plans[2021].by_id("indicators")["labour-productivity-growth"].targets[0]
    assert [(o.year, o.value, o.source) for o in target.outcomes] == [(2021, 8.1, "S7")]
    assert (root / "data" / "plans" / "2022.json").read_text(encoding="utf-8") == later  # untouched
    # Without --plan-year, the latest plan; and its year is the outcome's year by default.
    latest = invoke("new", "outcome", "labour-productivity-growth", "--value", "6", "--source-id", "S7",
                    "--source", str(root))
    assert latest.returncode == 0 and latest.stdout.startswith("data/plans/2022.json:"), latest.stderr
    nowhere = invoke("new", "outcome", "labour-productivity-growth", "--value", "6", "--source-id", "S7",
                     "--plan-year", "2019", "--source", str(root))
    assert nowhere.returncode == 1 and "no plan for 2019" in nowhere.stderr and "2021, 2022" in nowhere.stderr


def test_plan_year_on_a_one_year_site_must_be_its_year(copy_of_repo_sources: Path) -> None:
    wrong = invoke("new", "outcome", "gdp-growth", "--value", "1", "--source-id", "S1", "--plan-year", "2022",
                   "--source", str(copy_of_repo_sources))
    assert wrong.returncode == 1 and "one plan, for 2021, not 2022" in wrong.stderr
    data = json.loads((copy_of_repo_sources / "data" / "targets.json").read_text(encoding="utf-8"))
    assert data == json.loads((REPO / "data" / "targets.json").read_text(encoding="utf-8"))
