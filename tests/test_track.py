"""A track record across plan years, on two years of a fictional city's plans (Qingshui 2025 and 2026):
each target followed to the next year's plan, its verdict, and whether it was raised, kept, lowered,
changed or dropped, computed from the typed targets; the multi-year layout and its `continues` links.

Not yet wired into the pipeline (issue 17's next step): these tests call the modules directly.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import REPO

from site_builder.checks.continuity import continuity_problems
from site_builder.errors import ContentError, count_problems
from site_builder.model.track import Difference, Track, tracks, tracks_of_indicator
from site_builder.sources.plans import find_plan_files, load_plans


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def _target(ident: str, kind: str, value: float | None = None, unit: str | None = None, **extra: object) -> dict:
    target: dict = {"id": ident, "kind": kind}
    if value is not None:
        target |= {"value": value, "unit": unit}
    return target | extra


def _indicator(ident: str, name: str, target: dict, unit: str = "percent", direction: str = "higher",
               **extra: object) -> dict:
    text = f"{target.get('value', '')}"
    return {"id": ident, "name": _t(name, name.title()), "category": "economy", "unit": unit,
            "direction": direction, "target_text": _t(text or "定性", text or "in words"), "targets": [target],
            **extra}


# The 2025 plan's GDP outcome is reported in the 2026 plan-execution report, a 2026 document, and is recorded
# in the 2025 plan (whose verdict it is) without touching the 2026 plan.
REPORT_2026 = {"id": "R26", "title": _t("关于清水市2025年计划执行情况与2026年计划草案的报告",
                                        "Report on the implementation of Qingshui's 2025 plan and the 2026 draft plan"),
               "publisher": _t("清水市发展和改革委员会", "Qingshui Development and Reform Commission"),
               "date": "2026-01-20", "url": "https://example.org/qingshui/report-2026", "official": True}
GDP_OUTCOME = {"period": "year", "year": 2025, "value": 6.3, "source": "R26", "added": "2026-01-22"}


def plan(year: int, indicators: list[dict], targets: list[dict], sources: tuple[dict, ...] = ()) -> dict:
    """One year's plan of Qingshui, in the data file's format."""
    return {
        "$schema": "../targets.schema.json",
        "plan": {
            "title": _t(f"清水市{year}年国民经济和社会发展计划",
                        f"Qingshui {year} National Economic and Social Development Plan"),
            "short_title": _t(f"清水市{year}年计划", f"Qingshui {year} Plan"),
            "issuer": _t("清水市人民政府", "Qingshui Municipal People's Government"),
            "document_number": f"清政发〔{year}〕3号",
            "year": year,
            "adopted": f"{year}-02-20",
            "approved_by": _t("市人代会", "the Qingshui Municipal People's Congress"),
            "published": f"{year}-02-24",
            "source": "P",
            "source_url": f"https://example.org/qingshui/plan-{year}",
        },
        "units": [
            {"id": "percent", "zh": "%", "en": "%", "kind": "percent"},
            {"id": "firms", "zh": "家", "en": "firms", "kind": "quantity"},
            {"id": "villages", "zh": "个", "en": "villages", "kind": "quantity"},
            {"id": "ug-m3", "zh": "微克/立方米", "en": "μg/m³", "kind": "rate"},
        ],
        "sources": [
            {"id": "P", "title": _t(f"清水市{year}年计划", f"Qingshui {year} Plan"),
             "publisher": _t("清水市人民政府", "Qingshui Municipal People's Government"), "date": f"{year}-02-24",
             "url": f"https://example.org/qingshui/plan-{year}", "official": True},
            *sources,
        ],
        "areas": [{
            "id": "economy", "number": 1, "title": _t("推动高质量发展", "High-quality development"),
            "commitments": [{"id": "economy-1", "number": 1, "title": _t("重点任务", "Key tasks"),
                             "text": _t("完成各项任务。", "Carry out the tasks."), "targets": targets}],
            "indicators": [i["id"] for i in indicators],
        }],
        "categories": [{"id": "economy", "name": _t("经济发展", "Economic development")}],
        "indicators": indicators,
    }


def _label(zh: str) -> dict:
    return {"label": _t(zh, zh)}


PLAN_2025 = plan(2025, [
    _indicator("gdp-growth", "地区生产总值增速", _target("gdp-growth", "at_least", 6, "percent",
                                                         outcomes=[GDP_OUTCOME])),
    _indicator("pm25", "细颗粒物浓度", _target("pm25", "at_most", 32, "ug-m3"), unit="ug-m3", direction="lower"),
    _indicator("cpi", "居民消费价格涨幅", _target("cpi", "about", 3, "percent"), direction="lower"),
    _indicator("retail-sales-growth", "社会消费品零售总额增速",
               _target("retail-sales-growth", "at_least", 6, "percent")),
    _indicator("rd-intensity", "研发投入强度", _target("rd-intensity", "reach", 2.5, "percent")),
    _indicator("income-growth", "居民收入增速", _target("income-growth", "in_step_with", reference="gdp-growth")),
    _indicator("forest-cover", "森林覆盖率", _target("forest-cover", "at_least", 60, "percent")),
], [
    _target("smart-factories", "at_least", 50, "firms", **_label("新建智能工厂")),
    _target("unemployment-rate", "at_most", 5.5, "percent", **_label("调查失业率")),
    _target("broadband-villages", "at_least", 95, "percent", **_label("宽带进村")),
    _target("old-compounds", "qualitative", **_label("老旧小区改造")),
    _target("charging-points", "at_least", 1000, "firms", **_label("充电桩")),
], (REPORT_2026,))

PLAN_2026 = plan(2026, [
    _indicator("gdp-growth", "地区生产总值增速", _target("gdp-growth", "at_least", 6.5, "percent")),
    _indicator("pm25", "细颗粒物浓度", _target("pm25", "at_most", 30, "ug-m3"), unit="ug-m3", direction="lower"),
    _indicator("cpi", "居民消费价格涨幅", _target("cpi", "about", 3, "percent"), direction="lower"),
    _indicator("retail-sales-growth", "社会消费品零售总额增速", _target("retail-sales-growth", "about", 5, "percent")),
    # Renamed in 2026: linked by `continues`, its single target carried along.
    _indicator("rd-spending-intensity", "研发经费投入强度", _target("rd-spending-intensity", "reach", 2.6, "percent"),
               continues="2025/rd-intensity"),
    _indicator("income-growth", "居民收入增速", _target("income-growth", "in_step_with", reference="gdp-growth")),
    _indicator("digital-economy-share", "数字经济占比", _target("digital-economy-share", "reach", 12, "percent")),
], [
    _target("smart-factories", "at_least", 40, "firms", **_label("新建智能工厂")),
    _target("unemployment-rate", "at_most", 5.8, "percent", **_label("调查失业率")),
    _target("broadband-villages", "at_least", 300, "villages", **_label("宽带进村")),
    _target("old-compounds", "qualitative", **_label("老旧小区改造")),
])


def write_plans(root: Path, *plans: dict, names: tuple[str, ...] = ()) -> Path:
    folder = root / "data" / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    for data, name in zip(plans, names or tuple(f"{p['plan']['year']}.json" for p in plans), strict=True):
        (folder / name).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return root


def at(root: Path, relative: str, line_with: str, needle: str | None = None, nth: int = 1) -> tuple[int, int]:
    """The 1-based line and column of `needle` (else `line_with`) on the `nth` line of a file that has `line_with`."""
    lines = [(n, line) for n, line in enumerate((root / relative).read_text(encoding="utf-8").splitlines(), 1)
             if line_with in line]
    assert len(lines) >= nth, f"{line_with!r} is not in {relative} {nth} times"
    number, line = lines[nth - 1]
    return number, line.index(needle or line_with) + 1


def by_first_id(found: tuple[Track, ...]) -> dict[str, Track]:
    return {t.steps[0].target.id: t for t in found}


@pytest.fixture
def two_years(tmp_path: Path) -> Path:
    return write_plans(tmp_path / "qingshui", PLAN_2025, PLAN_2026)


def test_the_yearly_layout_loads_every_plan_by_its_year(two_years: Path) -> None:
    assert find_plan_files(two_years) == [two_years / "data/plans/2025.json", two_years / "data/plans/2026.json"]
    plans, problems = load_plans(two_years)
    assert problems == []
    assert sorted(plans) == [2025, 2026]
    assert plans[2026].plan.document_number == PLAN_2026["plan"]["document_number"]


def test_each_change_is_computed_from_the_typed_targets(two_years: Path) -> None:
    plans, _ = load_plans(two_years)
    found = by_first_id(tracks(plans))

    def change(ident: str) -> tuple[str, float | None, str]:
        first = found[ident].steps[0].change
        assert first is not None
        return first.kind, first.by, first.ambition

    # A floor raised, a cap lowered: both ask more. A floor lowered, a cap raised: both ask less.
    assert change("gdp-growth") == ("raised", 0.5, "more")
    assert change("pm25") == ("lowered", -2, "more")
    assert change("smart-factories") == ("lowered", -10, "less")
    assert change("unemployment-rate") == ("raised", pytest.approx(0.3), "less")
    assert change("cpi") == ("kept", None, "")
    assert change("old-compounds") == ("kept", None, "")  # qualitative, the same kind: kept
    assert change("income-growth") == ("kept", None, "")  # in step with the same reference
    # Figures in decimal: 2.6 - 2.5 is 0.1, not 0.10000000000000009.
    assert change("rd-intensity") == ("raised", 0.1, "more")
    retail, broadband = found["retail-sales-growth"].steps[0].change, found["broadband-villages"].steps[0].change
    assert retail is not None and retail.kind == "changed"
    assert retail.differences == (Difference("kind", "at_least", "about"),)
    assert broadband is not None and broadband.kind == "changed"
    assert broadband.differences == (Difference("unit", "percent", "villages"),)
    # The latest year has nothing to compare with yet.
    assert all(t.latest.change is None for t in found.values() if t.latest.year == 2026)


def test_a_rule_without_a_figure_is_kept_only_with_the_same_kind_and_reference(tmp_path: Path) -> None:
    later = copy.deepcopy(PLAN_2026)
    later["indicators"][5]["targets"][0]["reference"] = "retail-sales-growth"  # income in step with another
    later["areas"][0]["commitments"][0]["targets"][3] = _target("old-compounds", "set_by_province",
                                                                **_label("老旧小区改造"))
    plans, _ = load_plans(write_plans(tmp_path / "s", PLAN_2025, later))
    found = by_first_id(tracks(plans))
    income, compounds = found["income-growth"].steps[0].change, found["old-compounds"].steps[0].change
    assert income is not None and (income.kind, income.differences) == (
        "changed", (Difference("reference", "gdp-growth", "retail-sales-growth"),))
    assert compounds is not None and (compounds.kind, compounds.differences) == (
        "changed", (Difference("kind", "qualitative", "set_by_province"),))


def test_dropped_new_and_an_explicit_continues_with_another_id(two_years: Path) -> None:
    plans, _ = load_plans(two_years)
    found = by_first_id(tracks(plans))
    assert {i for i, t in found.items() if t.dropped} == {"forest-cover", "charging-points"}
    assert {i for i, t in found.items() if t.new} == {"digital-economy-share"}
    assert [(s.year, s.target.id) for s in found["digital-economy-share"].steps] == [(2026, "digital-economy-share")]
    renamed = found["rd-intensity"]
    assert [(s.year, s.target.id) for s in renamed.steps] == [(2025, "rd-intensity"), (2026, "rd-spending-intensity")]
    assert renamed.latest.indicator is not None and renamed.latest.indicator.continues == "2025/rd-intensity"
    assert "rd-spending-intensity" not in found  # it is the renamed track's second year, not a new one
    assert tracks_of_indicator(tuple(found.values()), 2026, "rd-spending-intensity") == (renamed,)


def test_an_outcome_reported_a_year_later_judges_its_own_year(two_years: Path) -> None:
    plans, _ = load_plans(two_years)
    gdp = by_first_id(tracks(plans))["gdp-growth"]
    last_year, this_year = gdp.steps
    # 6.3% against "at least 6%": met, on the 2026 report recorded in the 2025 plan.
    assert last_year.verdict.status == "met"
    assert last_year.verdict.outcome is not None and last_year.verdict.outcome.source == REPORT_2026["id"]
    assert last_year.verdict.outcome.value == GDP_OUTCOME["value"]
    # The 2026 plan was not touched: its own target has no outcome yet.
    assert "R26" not in plans[2026].by_id("sources")
    assert this_year.verdict.status == "not_reported"


def test_a_target_no_later_plan_continues_is_a_note_that_never_fails(two_years: Path) -> None:
    plans, _ = load_plans(two_years)
    problems = continuity_problems(plans, two_years)
    shown = "data/plans/2025.json"
    # At the id of what has no successor: where an editor reads what it is.
    forest = at(two_years, shown, '"id": "forest-cover"', '"forest-cover"')
    charging = at(two_years, shown, '"id": "charging-points"', '"charging-points"')
    assert sorted((p.path, p.line, p.col, p.level, p.kind) for p in problems) == sorted([
        (shown, *forest, "note", "dropped"), (shown, *charging, "note", "dropped"),
    ])
    messages = {p.line: p.message for p in problems}
    assert messages[forest[0]] == (
        "indicator 'forest-cover' of the 2025 plan has no successor in the 2026 plan: confirm it was dropped (add "
        "{\"id\": \"2025/forest-cover\"} to \"dropped\" in data/plans/2026.json), or link its successor there "
        "with \"continues\": \"2025/forest-cover\"")
    assert messages[charging[0]].startswith("target 'charging-points' of commitment 'economy-1' of the 2025 plan")
    assert not any(p.fails(strict=True) for p in problems)
    assert count_problems(problems) == "2 notes"
    assert str(min(problems)).endswith(" [dropped]") and ": note: " in str(min(problems))


def test_a_continues_naming_nothing_is_an_error_at_its_value(tmp_path: Path) -> None:
    later = copy.deepcopy(PLAN_2026)
    renamed, new, gdp = later["indicators"][4], later["indicators"][6], later["indicators"][0]
    renamed["continues"] = "2025/rd-intensty"  # mistyped id
    new["continues"] = "2024/digital-economy"  # a year with no plan
    gdp["targets"][0]["continues"] = "2026/gdp-growth"  # not an earlier year
    root = write_plans(tmp_path / "s", PLAN_2025, later)
    plans, problems = load_plans(root)
    assert problems == []  # the form is right: what it names is the continuity check's
    found = {(p.line, p.col): p for p in continuity_problems(plans, root) if p.level == "error"}
    shown = "data/plans/2026.json"
    typo = found.pop(at(root, shown, '"2025/rd-intensty"'))
    assert typo.message == "the 2025 plan has no indicator 'rd-intensty'; did you mean '2025/rd-intensity'?"
    assert (typo.path, typo.kind) == (shown, "continues")
    no_plan = found.pop(at(root, shown, '"2024/digital-economy"'))
    assert no_plan.message == ("there is no plan for 2024 (the plans are 2025, 2026): correct the year in "
                               "\"2024/digital-economy\"")
    not_before = found.pop(at(root, shown, '"2026/gdp-growth"'))
    assert not_before.message.startswith("'continues' names 2026, not a year before this plan's (2026)")
    assert not found
    # The broken link links nothing: the renamed indicator is new, and its predecessor a dropped-target note.
    assert by_first_id(tracks(plans))["rd-spending-intensity"].new
    notes = [p for p in continuity_problems(plans, root) if p.level == "note"]
    assert any("indicator 'rd-intensity' of the 2025 plan" in p.message for p in notes)


def test_one_predecessor_continued_twice_is_an_error(tmp_path: Path) -> None:
    later = copy.deepcopy(PLAN_2026)
    later["indicators"][6]["continues"] = "2025/rd-intensity"  # as rd-spending-intensity already does
    root = write_plans(tmp_path / "s", PLAN_2025, later)
    plans, _ = load_plans(root)
    [twice] = [p for p in continuity_problems(plans, root) if p.is_error]
    # At the second one: the first, in document order, is the successor.
    assert (twice.line, twice.col) == at(root, "data/plans/2026.json", '"2025/rd-intensity"', nth=2)
    assert "indicator 'rd-spending-intensity' of the 2026 plan already continues '2025/rd-intensity'" in twice.message


def test_both_layouts_at_once_is_an_error(two_years: Path) -> None:
    (two_years / "data" / "targets.json").write_text(json.dumps(PLAN_2025, ensure_ascii=False), encoding="utf-8")
    plans, problems = load_plans(two_years)
    [both] = problems
    assert str(both) == (
        "data/targets.json:1:1: error: the plans are in data/plans/ (2025.json, 2026.json), so this one-year file "
        "is not read: move it to data/plans/YEAR.json (YEAR its plan's year), or delete it [plans]")
    assert sorted(plans) == [2025, 2026]
    with pytest.raises(ContentError) as raised:
        find_plan_files(two_years)
    assert raised.value.problems == [both]


def test_a_file_named_for_another_year_than_its_plan_is_an_error_at_the_year(tmp_path: Path) -> None:
    later = copy.deepcopy(PLAN_2026)
    later["plan"]["year"] = 2027
    root = write_plans(tmp_path / "s", PLAN_2025, later, names=("2025.json", "2026.json"))
    _, problems = load_plans(root)
    [wrong] = problems
    year_at = at(root, "data/plans/2026.json", '"year": 2027', "2027")
    assert (wrong.path, wrong.line, wrong.col, wrong.kind) == ("data/plans/2026.json", *year_at, "plans")
    assert wrong.message == ("this plan's year is 2027 but the file is named 2026.json: correct the year, or rename "
                             "the file to data/plans/2027.json")


def test_two_files_of_one_year_are_an_error_and_the_first_is_kept(tmp_path: Path) -> None:
    root = write_plans(tmp_path / "s", PLAN_2025, PLAN_2025, names=("2025.json", "2026.json"))
    plans, problems = load_plans(root)
    assert sorted(plans) == [2025]
    messages = [p.message for p in problems if p.path == "data/plans/2026.json"]
    assert "a second plan for 2025 (the first is data/plans/2025.json): a year has one plan file; correct the year, " \
           "or merge the two files" in messages
    assert {(p.line, p.col) for p in problems} == {at(root, "data/plans/2026.json", '"year": 2025', "2025")}


def test_every_file_s_problems_are_collected_with_their_place(tmp_path: Path) -> None:
    earlier, later = copy.deepcopy(PLAN_2025), copy.deepcopy(PLAN_2026)
    earlier["indicators"][0]["targets"][0]["value"] = "6"  # a string where a number belongs
    later["indicators"][1]["colour"] = "grey"  # an unknown key
    root = write_plans(tmp_path / "s", earlier, later)
    (root / "data" / "plans" / "draft.json").write_text("{}", encoding="utf-8")
    plans, problems = load_plans(root)
    assert plans == {}
    where = {(p.path, p.line, p.col): p.message for p in problems}
    assert where[("data/plans/2025.json", *at(root, "data/plans/2025.json", '"value": "6"', '"6"'))] == (
        "'value' must be a number, not \"6\"")
    assert where[("data/plans/2026.json", *at(root, "data/plans/2026.json", '"colour"'))] == (
        "unknown key 'colour': remove it or check its spelling")
    assert where[("data/plans/draft.json", 1, 1)].startswith("a plan file is named by its plan's year")
    assert len(where) == 3


def test_the_one_year_layout_is_one_plan_with_no_problems() -> None:
    assert find_plan_files(REPO) == [REPO / "data" / "targets.json"]
    plans, problems = load_plans(REPO)
    assert problems == []
    [(year, data)] = plans.items()
    assert year == data.plan.year
    # One plan: nothing continues, nothing is dropped, nothing is new.
    assert continuity_problems(plans, REPO) == []
    found = tracks(plans)
    assert found and not any(t.new or t.dropped for t in found)
    assert all(len(t.steps) == 1 and t.latest.change is None for t in found)



def test_a_drop_an_editor_confirmed_is_no_longer_a_note_and_one_naming_nothing_is_an_error(two_years: Path) -> None:
    path = two_years / "data/plans/2026.json"
    later = json.loads(path.read_text(encoding="utf-8"))
    later["dropped"] = [
        {"id": "2025/forest-cover", "note": _t("并入生态指标。", "Merged into the ecology indicators.")},
        {"id": "2025/forest-covr"},  # a typo
        {"id": "2025/gdp-growth"},  # continued after all
    ]
    path.write_text(json.dumps(later, ensure_ascii=False, indent=2), encoding="utf-8")
    plans, problems = load_plans(two_years)
    assert problems == []
    found = continuity_problems(plans, two_years)
    notes = [p for p in found if p.level == "note"]
    assert [p.message.split(" of ")[0] for p in notes] == ["target 'charging-points'"]
    errors = sorted((p.line, p.message) for p in found if p.level == "error")
    shown = "data/plans/2026.json"
    assert [line for line, _ in errors] == [at(two_years, shown, '"2025/forest-covr"')[0],
                                             at(two_years, shown, '"2025/gdp-growth"')[0]]
    assert "did you mean '2025/forest-cover'?" in errors[0][1]
    assert errors[1][1].startswith("'2025/gdp-growth' is not dropped: the 2026 plan continues it as")
    assert all(p.path == shown and p.kind == "continues" for p in found if p.level == "error")
