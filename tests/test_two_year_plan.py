"""Two years of the fictional Qingshui's plans in one site (two_year_plan.py): each way a target passes from
the 2025 plan to the 2026 one, as its docstring's table documents, is what the domain code computes from the
typed targets; continuity lists only the drop no editor confirmed; an outcome of 2025 reported in a 2026
document judges 2025's target alone. And each year's commentary agrees with its own year's data.

The pipeline does not yet build a site of several years (issue 17's next step): these tests call the domain
modules directly, and check each year's data and commentary as a one-year site of its own.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import invoke
from two_year_plan import PAGES, PLANS

from site_builder.checks.continuity import continuity_problems
from site_builder.model.track import Difference, Track, confirmed_drops, tracks
from site_builder.sources.plans import find_plan_files, load_plans

REPORT_TITLE = "关于清水市2025年国民经济和社会发展计划执行情况与2026年计划草案的报告"


def by_first_id(found: tuple[Track, ...]) -> dict[str, Track]:
    return {t.steps[0].target.id: t for t in found}


def test_both_years_load_with_no_problems(two_year_site: Path) -> None:
    plans_folder = two_year_site / "data" / "plans"
    assert find_plan_files(two_year_site) == [plans_folder / "2025.json", plans_folder / "2026.json"]
    assert not (two_year_site / "data" / "targets.json").exists()
    assert (two_year_site / "data" / "targets.schema.json").is_file()  # what each plan's "$schema" names
    plans, problems = load_plans(two_year_site)
    assert problems == []
    assert sorted(plans) == [2025, 2026]
    assert {year: data.plan.year for year, data in plans.items()} == {2025: 2025, 2026: 2026}
    assert {year: data.schema_ for year, data in plans.items()} == dict.fromkeys(plans, "../targets.schema.json")
    # Each year's commentary is in its year's folder, in both languages.
    for year in plans:
        for lang in ("zh", "en"):
            folder = two_year_site / "content" / lang / str(year)
            assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")) == [
                "areas/ecology.md", "areas/industry.md", "areas/livelihoods.md", "index.md"]


def test_the_city_and_every_source_are_fictional(two_year_site: Path) -> None:
    for year, data in PLANS.items():
        addresses = [data["plan"]["source_url"], *(s["url"] for s in data["sources"])]
        assert all(a.startswith("https://example.org/qingshui/") for a in addresses), year
    # Nothing written names the bundled plan's city or year.
    bundled = re.compile(r"Shaoxing|绍兴|(?<!\d)2021(?!\d)", re.IGNORECASE)
    written = [p for p in two_year_site.rglob("*") if p.is_file() and p.name != "targets.schema.json"]
    assert [p for p in written if bundled.search(p.read_text(encoding="utf-8"))] == []


def test_each_documented_id_passes_to_2026_as_documented(two_year_site: Path) -> None:
    plans, _ = load_plans(two_year_site)
    found = by_first_id(tracks(plans))

    def change(ident: str) -> tuple[str, float | None, str]:
        first = found[ident].steps[0].change
        assert first is not None
        return first.kind, first.by, first.ambition

    # The annex.
    assert change("industrial-value-added-growth") == ("raised", 0.5, "more")  # about 7% -> about 7.5%
    assert change("retail-sales-growth") == ("lowered", -1, "less")  # a floor lowered asks less
    assert change("pm25") == ("lowered", -2, "more")  # a cap lowered asks more
    assert change("gdp-growth") == ("kept", None, "")
    energy = found["energy-intensity"].steps[0].change
    assert energy is not None and (energy.kind, energy.differences) == (
        "changed", (Difference("kind", "set_by_province", "about"),))
    # The renamed indicator: linked by its "continues", its one target carried along (2.6% -> 2.7%).
    renamed = found["rd-intensity"]
    assert [(s.year, s.target.id) for s in renamed.steps] == [(2025, "rd-intensity"), (2026, "rd-spending-share")]
    assert renamed.latest.indicator is not None and renamed.latest.indicator.continues == "2025/rd-intensity"
    assert change("rd-intensity") == ("raised", 0.1, "more")
    # Commitments' targets continue too: the twin of the renamed one by a target's own "continues".
    twin = found["rd-intensity-text"]
    assert [(s.year, s.target.id) for s in twin.steps] == [
        (2025, "rd-intensity-text"), (2026, "rd-spending-share-text")]
    assert change("pm25-text") == ("lowered", -2, "more")  # as the annex target it repeats
    for kept in ("new-urban-jobs", "unemployment-rate", "childcare-places", "digital-upgrading", "old-compounds",
                 "energy-use-limits"):
        assert change(kept) == ("kept", None, ""), kept
    assert {i: change(i) for i in ("smart-factories", "new-high-tech-firms", "charging-points", "city-roads")} == {
        "smart-factories": ("raised", 10, "more"), "new-high-tech-firms": ("raised", 10, "more"),
        "charging-points": ("raised", 200, "more"), "city-roads": ("raised", 5, "more"),
    }
    # Two dropped, one new: nothing else.
    assert {i for i, t in found.items() if t.dropped} == {"old-lorries-retired", "afforestation"}
    assert {i for i, t in found.items() if t.new} == {"digital-economy-share"}
    assert [(s.year, s.indicator.id if s.indicator else None) for s in found["digital-economy-share"].steps] == [
        (2026, "digital-economy-share")]
    # Every 2025 target has a track of two years, but the dropped two; the latest year compares with nothing.
    assert {i for i, t in found.items() if t.steps[0].year == 2025 and len(t.steps) != 2} == {
        "old-lorries-retired", "afforestation"}
    assert all(t.latest.change is None for t in found.values() if t.latest.year == 2026)


def test_the_editor_confirmed_one_drop_with_a_note(two_year_site: Path) -> None:
    plans, _ = load_plans(two_year_site)
    confirmed = confirmed_drops(plans)
    assert set(confirmed) == {(2025, "old-lorries-retired")}
    note = confirmed[(2025, "old-lorries-retired")].note
    assert note is not None and "2025" in note.zh and "2025" in note.en


def test_continuity_notes_only_the_drop_no_editor_confirmed(two_year_site: Path) -> None:
    plans, _ = load_plans(two_year_site)
    [note] = continuity_problems(plans, two_year_site)
    assert (note.path, note.level, note.kind) == ("data/plans/2025.json", "note", "dropped")
    assert note.message.startswith(
        "target 'afforestation' of commitment 'ecology-2' of the 2025 plan has no successor in the 2026 plan")
    assert not note.fails(strict=True)
    # At the target's id, where an editor reads what it is.
    lines = (two_year_site / "data/plans/2025.json").read_text(encoding="utf-8").splitlines()
    assert '"id": "afforestation"' in lines[note.line - 1]


def test_the_outcome_reported_in_2026_judges_2025_and_leaves_2026_unjudged(two_year_site: Path) -> None:
    plans, _ = load_plans(two_year_site)
    last_year, this_year = by_first_id(tracks(plans))["industrial-value-added-growth"].steps
    # 7.1% against "about 7%": met, on the 2026 plan-execution report, recorded in the 2025 plan.
    outcome = last_year.verdict.outcome
    assert last_year.verdict.status == "met"
    assert outcome is not None and (outcome.period, outcome.year, outcome.value) == ("year", 2025, 7.1)
    report = plans[2025].by_id("sources")[outcome.source]
    assert report.title.zh == REPORT_TITLE
    assert report.date is not None and report.date.year == 2026
    # The same figure was never written into the 2026 plan, whose own target has no outcome yet.
    assert outcome.source not in plans[2026].by_id("sources")
    assert this_year.target.outcomes == ()
    assert this_year.verdict.status == "not_reported"


def test_2026_has_one_first_half_outcome_and_nothing_else_reported(two_year_site: Path) -> None:
    plans, _ = load_plans(two_year_site)
    steps = {s.target.id: s for t in tracks(plans) for s in t.steps if s.year == 2026}
    gdp = steps.pop("gdp-growth")
    assert gdp.verdict.status == "on_track"  # 6.2% in the first half, against at least 6%
    assert gdp.verdict.outcome is not None and (gdp.verdict.outcome.period, gdp.verdict.outcome.value) == ("h1", 6.2)
    statuses = {i: s.verdict.status for i, s in steps.items()}
    assert {i for i, s in statuses.items() if s != "not_reported"} == {
        "digital-upgrading", "old-compounds", "energy-use-limits"}  # no figure: not assessable
    assert {statuses[i] for i in ("digital-upgrading", "old-compounds", "energy-use-limits")} == {"not_assessable"}


def _strip_links(value: object) -> object:
    """The data without `continues` and `dropped`: on a one-year site they would name a plan it does not have."""
    if isinstance(value, dict):
        return {k: _strip_links(v) for k, v in value.items() if k not in ("continues", "dropped")}
    if isinstance(value, list):
        return [_strip_links(v) for v in value]
    return value


@pytest.mark.parametrize("year", sorted(PLANS))
def test_each_year_checks_on_its_own_with_no_warning(two_year_site: Path, tmp_path: Path, year: int) -> None:
    # Until `check` reads a site of several years, each year is checked as a one-year site of its own: the
    # figures of its commentary against its own plan, each language against the other.
    root = tmp_path / str(year)
    (root / "data").mkdir(parents=True)
    data = _strip_links(json.loads((two_year_site / f"data/plans/{year}.json").read_text(encoding="utf-8")))
    assert isinstance(data, dict)
    data["$schema"] = "./targets.schema.json"
    (root / "data/targets.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.copyfile(two_year_site / "data/targets.schema.json", root / "data/targets.schema.json")
    for lang in ("zh", "en"):
        shutil.copytree(two_year_site / "content" / lang / str(year), root / "content" / lang)
    assert len(PAGES[year]) == 8
    checked = invoke("check", "--strict", "--source", str(root))
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    assert "no problems found" in checked.stdout
