"""`site-builder import-plan`: a plan's text drafted into data, each item pointing at the text it came from."""

from __future__ import annotations

import copy
import json
import math
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import MINI_DATA, ON_CI, REPO, invoke, write_site
from test_errors import problem_lines

from site_builder.checks.parity import PLACEHOLDER
from site_builder.sources.data import load_data
from site_builder.sources.schema import NUMERIC_KINDS

PLAN = REPO.parent / "shared" / "reference" / "shaoxing-2021-plan.zh.txt"
# Outside the repository (read-only, shared): a checkout without it skips these, CI never does.
needs_plan = pytest.mark.skipif(not PLAN.exists() and not ON_CI, reason=f"the bundled plan's text is not at {PLAN}")
FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万)?")
SCALE = {"万": 10**4, "亿": 10**8, "万亿": 10**12, None: 1}

# Another city's plan, in the same shape with other habits: full-width brackets, a commitment over two
# lines, a preamble, qualifiers before and after the figure, a signature, an annex with a merged cell.
OTHER_PLAN = """清水市人民政府关于印发2025年清水市国民经济和社会发展计划的通知
发文字号：清政发〔2025〕2号

2025年清水市国民经济和社会发展计划已经市三届人大四次会议审议批准，现印发给你们。

一、做强实体经济

（一）壮大先进制造业。新增规上工业企业120家以上，工业投资突破350亿元，
建成数字化车间25个左右。

（二）稳住农业基本盘。建成高标准农田1.2万亩，粮食播种面积稳定在45万亩。

二、守住生态底线

（一）改善环境质量。PM2.5平均浓度控制在28微克/立方米以内，地表水达标率达到95%。

清水市人民政府
2025年2月10日

附件

2025年清水市主要目标

指标类别

指标名称

2025年目标

经济发展

地区生产总值增速

5.5%左右

工业增加值增速

固定资产投资增速

6%以上

绿色生态

PM2.5平均浓度

28微克/立方米以内
"""


def _draft(tmp_path: Path, text: str | None = None, name: str = "plan.txt") -> tuple[Path, dict]:
    plan = PLAN if text is None else tmp_path / name
    if text is not None:
        plan.write_text(text, encoding="utf-8")
    out = tmp_path / "draft.json"
    result = invoke("import-plan", str(plan), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, json.loads(out.read_text(encoding="utf-8"))


def _numeric(targets: list[dict]) -> Counter[tuple[str, Decimal]]:
    return Counter((t["kind"], Decimal(str(t["value"])).normalize()) for t in targets if t["kind"] in NUMERIC_KINDS)


def _commitments(raw: dict) -> dict[tuple[int, int], dict]:
    return {(a["number"], c["number"]): c for a in raw["areas"] for c in a["commitments"]}


@needs_plan
def test_the_bundled_plan_is_drafted_as_the_editors_read_it(tmp_path: Path) -> None:
    _, draft = _draft(tmp_path)
    data = json.loads((REPO / "data" / "targets.json").read_text(encoding="utf-8"))
    assert [(a["number"], a["title"]["zh"]) for a in draft["areas"]] == [
        (a["number"], a["title"]["zh"]) for a in data["areas"]]
    ours, theirs = _commitments(draft), _commitments(data)
    assert ours.keys() == theirs.keys()
    for key, commitment in theirs.items():
        assert ours[key]["title"]["zh"] == commitment["title"]["zh"]
        assert ours[key]["text"]["zh"] == commitment["text"]["zh"], f"commitment {key}: the full text"

    # The figures the commitments commit to: the data's numeric targets, by kind and value in base units.
    found, missed, extra = Counter(), [], []
    for key, commitment in theirs.items():
        want, got = _numeric(commitment.get("targets", [])), _numeric(ours[key]["targets"])
        found[key] = sum((want & got).values())
        missed += [f"  {key} {kind} {value}" for kind, value in (want - got).elements()]
        extra += [f"  {key} {kind} {value}" for kind, value in (got - want).elements()]
    total = sum(sum(_numeric(c.get("targets", [])).values()) for c in theirs.values())
    indicators = {i["name"]["zh"]: i for i in draft["indicators"]}
    annex_want = _numeric([t for i in data["indicators"] for t in i["targets"]])
    annex_got = _numeric([t for i in draft["indicators"] for t in i["targets"]])
    print(f"\ncommitment targets: {sum(found.values())} of {total} found, {len(missed)} missed, {len(extra)} extra")
    print("missed:", *missed or ["  none"], sep="\n")
    print("drafted, not in the data:", *extra or ["  none"], sep="\n")
    print(f"annex: {len(indicators)} indicators of {len(data['indicators'])}; numeric targets "
          f"{sum((annex_want & annex_got).values())} of {sum(annex_want.values())} found, missed "
          f"{sorted((annex_want - annex_got).elements())}, extra {sorted((annex_got - annex_want).elements())}")
    assert total == 70, "the issue's population: the commitments' numeric targets"
    assert sum(found.values()) >= math.ceil(0.9 * total), "\n".join(missed)
    assert len(extra) <= 7, "\n".join(extra)

    # The annex: every indicator, in its category, with its targets' kinds and values.
    assert set(indicators) == {i["name"]["zh"] for i in data["indicators"]}
    assert sum((annex_want & annex_got).values()) >= math.ceil(0.9 * sum(annex_want.values()))
    categories = {c["id"]: c["name"]["zh"] for c in draft["categories"]}
    names = {c["id"]: c["name"]["zh"] for c in data["categories"]}
    for indicator in data["indicators"]:
        assert categories[indicators[indicator["name"]["zh"]]["category"]] == names[indicator["category"]] or (
            indicator.get("group")), indicator["id"]


def _position_text(lines: list[str], drafted: dict) -> str:
    return lines[drafted["line"] - 1][drafted["col"] - 1:]


@needs_plan
def test_every_drafted_item_points_at_its_words_in_the_plan(tmp_path: Path) -> None:
    _, draft = _draft(tmp_path)
    lines = PLAN.read_text(encoding="utf-8").split("\n")
    assert _position_text(lines, draft["plan"]["drafted"]).startswith(draft["plan"]["title"]["zh"])
    for area in draft["areas"]:
        heading = _position_text(lines, area["drafted"])
        assert heading.split("、", 1)[1].startswith(area["title"]["zh"]), heading
        for commitment in area["commitments"]:
            heading = _position_text(lines, commitment["drafted"])
            assert heading[0] in "(（" and commitment["title"]["zh"] in heading, heading
            for target in commitment["targets"]:
                at = _position_text(lines, target["drafted"])
                number = FIGURE.match(at)
                assert number, f"{target['id']} points at {at[:20]!r}, not at a figure"
                value = Decimal(number[1]) * SCALE[number[2]]
                assert value == Decimal(str(target["value"])), f"{target['id']}: {at[:20]!r}"
                assert number[0].strip() in target["wording"]["zh"]
    for category in draft["categories"]:
        assert _position_text(lines, category["drafted"]).startswith(category["name"]["zh"])
    for indicator in draft["indicators"]:
        assert _position_text(lines, indicator["drafted"]).startswith(indicator["name"]["zh"])
        for target in indicator["targets"]:
            if target["kind"] in NUMERIC_KINDS and "merged_with" not in indicator:
                cell = FIGURE.match(_position_text(lines, target["drafted"]))
                assert cell and Decimal(cell[1]) * SCALE[cell[2]] == Decimal(str(target["value"])), indicator["id"]


def _texts(raw: object) -> list[dict]:
    if isinstance(raw, dict):
        if raw and set(raw) <= {"zh", "en"}:
            return [raw]
        return [t for value in raw.values() for t in _texts(value)]
    if isinstance(raw, list):
        return [t for value in raw for t in _texts(value)]
    return []


def test_another_citys_plan_is_drafted_with_kinds_values_and_no_translation(tmp_path: Path) -> None:
    out, draft = _draft(tmp_path, OTHER_PLAN)
    load_data(out)
    plan = draft["plan"]
    assert (plan["title"]["zh"], plan["year"], plan["document_number"]) == (
        "2025年清水市国民经济和社会发展计划", 2025, "清政发〔2025〕2号")
    assert (plan["adopted"], plan["issuer"]["zh"], plan["approved_by"]["zh"]) == (
        "2025-02-10", "清水市人民政府", "市三届人大四次会议")
    [industry, farming] = draft["areas"][0]["commitments"]
    assert industry["text"]["zh"].endswith("建成数字化车间25个左右。"), "a commitment goes on over its lines"
    assert "清水市人民政府" not in draft["areas"][1]["commitments"][0]["text"]["zh"], "the signature is not text"
    drafted = [(t["kind"], t["value"], t["label"]["zh"]) for c in (industry, farming) for t in c["targets"]]
    assert drafted == [
        ("at_least", 120, "新增规上工业企业"), ("at_least", 35_000_000_000, "工业投资"),
        ("about", 25, "建成数字化车间"), ("reach", 12_000, "建成高标准农田"), ("reach", 450_000, "粮食播种面积"),
    ]
    [environment] = draft["areas"][1]["commitments"]
    [pm25, water] = environment["targets"]
    assert (pm25["kind"], pm25["value"], pm25["unit"]) == ("at_most", 28, "ug-m3")
    assert (water["kind"], water["value"], water["unit"]) == ("reach", 95, "percent")
    units = {u["id"]: u for u in draft["units"]}
    assert units["mu"]["zh"] == "亩" and units[industry["targets"][0]["unit"]]["zh"] == "家"
    # The annex: a blank cell takes the row above's target, and a commitment's restated target links to it.
    annex = {i["name"]["zh"]: i for i in draft["indicators"]}
    blank = annex["工业增加值增速"]
    assert blank["merged_with"] == annex["地区生产总值增速"]["id"]
    [borrowed] = blank["targets"]
    assert (blank["target_text"]["zh"], borrowed["kind"], borrowed["value"]) == ("5.5%左右", "about", 5.5)
    assert pm25["repeats"] == annex["PM2.5平均浓度"]["targets"][0]["id"]
    assert annex["PM2.5平均浓度"]["direction"] == "lower"
    assert draft["areas"][1]["indicators"] == [annex["PM2.5平均浓度"]["id"]]
    # No English text is made up: every one is a placeholder for a translator.
    assert all(text["en"].startswith(PLACEHOLDER["en"]) for text in _texts(draft))


def _site_for(tmp_path: Path, draft: dict) -> Path:
    pages = {}
    for lang in ("zh", "en"):
        marker = PLACEHOLDER[lang]
        page = f'---\ntitle: "{marker} title"\nsummary: "{marker} summary"\n---\n{marker} text\n'
        pages[f"content/{lang}/index.md"] = page
        pages.update({f"content/{lang}/areas/{a['id']}.md": page for a in draft["areas"]})
    return write_site(tmp_path / "site", data=draft, pages=pages)


@needs_plan
def test_the_draft_passes_check_with_a_todo_for_each_drafted_item(tmp_path: Path) -> None:
    _, draft = _draft(tmp_path)
    site = _site_for(tmp_path, draft)
    result = invoke("check", "--source", str(site))
    assert result.returncode == 0, result.stderr
    problems = problem_lines(result.stderr)
    assert {(p["level"], p["kind"]) for p in problems} == {("warning", "todo")}
    data_lines = (site / "data" / "targets.json").read_text(encoding="utf-8").split("\n")
    reported = [p for p in problems if "drafted from the plan's text" in p["message"]]
    assert len(reported) == json.dumps(draft).count('"drafted"')
    plan_lines = PLAN.read_text(encoding="utf-8").split("\n")
    for problem in reported:
        assert data_lines[int(problem["line"]) - 1][int(problem["col"]) - 1:].startswith('"drafted"')
        line, col = map(int, re.search(r"at line (\d+), col (\d+)", problem["message"]).groups())
        assert plan_lines[line - 1][col - 1:].strip(), "the message names a place with text in the plan"
    assert any("source_url" in p["message"] for p in problems), "the unknown address is a todo too"
    # Once an editor confirms an item and deletes "drafted", check stops listing it.
    confirmed = copy.deepcopy(draft)
    del confirmed["areas"][0]["commitments"][0]["targets"][0]["drafted"]
    (site / "data" / "targets.json").write_text(json.dumps(confirmed, ensure_ascii=False, indent=2), encoding="utf-8")
    again = problem_lines(invoke("check", "--source", str(site)).stderr)
    assert len([p for p in again if "drafted from" in p["message"]]) == len(reported) - 1


@pytest.mark.parametrize(("encoding", "message"), [("gbk", "not UTF-8"), ("utf-8-sig", "byte-order mark")])
def test_gbk_and_a_byte_order_mark_are_refused_as_in_the_data_file(tmp_path: Path, encoding: str, message: str) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_bytes(OTHER_PLAN.encode(encoding))
    out = tmp_path / "draft.json"
    result = invoke("import-plan", str(plan), "--out", str(out))
    assert result.returncode == 1 and not out.exists()
    [problem] = problem_lines(result.stderr)
    assert message in problem["message"] and problem["path"].endswith("plan.txt")
    # The same words as for a data file saved the same way.
    site = write_site(tmp_path / "site")
    data_file = site / "data" / "targets.json"
    data_file.write_bytes(data_file.read_text(encoding="utf-8").encode(encoding))
    [same] = problem_lines(invoke("check", "--source", str(site)).stderr)
    assert same["message"] == problem["message"]


def test_an_existing_file_is_never_overwritten_without_merge(tmp_path: Path) -> None:
    out, _ = _draft(tmp_path, OTHER_PLAN)
    before = out.read_bytes()
    result = invoke("import-plan", str(tmp_path / "plan.txt"), "--out", str(out))
    assert result.returncode == 1
    assert "--merge" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == before


def test_a_text_without_areas_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "notes.txt"
    plan.write_text("会议纪要\n\n今天讨论了预算。\n", encoding="utf-8")
    result = invoke("import-plan", str(plan), "--out", str(tmp_path / "draft.json"))
    assert result.returncode == 1 and "一、" in result.stderr and "Traceback" not in result.stderr


def test_merge_adds_what_is_missing_and_keeps_what_an_editor_wrote(tmp_path: Path) -> None:
    out, fresh = _draft(tmp_path, OTHER_PLAN)
    edited = copy.deepcopy(fresh)
    area = edited["areas"][0]
    area["id"], area["title"] = "economy", {"zh": "做强实体经济", "en": "A stronger real economy"}
    first = area["commitments"][0]
    first["text"]["en"] = "Add more than 120 industrial firms above designated size."
    first["targets"][0] |= {"id": "new-industrial-firms", "label": {"zh": "新增规上企业", "en": "New firms"}}
    del first["targets"][0]["drafted"]
    dropped = area["commitments"].pop(1)
    edited["indicators"].pop(2)  # 固定资产投资增速, which nothing refers to
    out.write_text(json.dumps(edited, ensure_ascii=False, indent=2), encoding="utf-8")
    result = invoke("import-plan", str(tmp_path / "plan.txt"), "--out", str(out), "--merge")
    assert result.returncode == 0, result.stderr
    merged = json.loads(out.read_text(encoding="utf-8"))
    load_data(out)
    # Everything the editor wrote is there as they wrote it.
    assert merged["areas"][0]["commitments"][0] == first
    assert merged["areas"][0]["title"] == area["title"] and merged["areas"][1] == edited["areas"][1]
    assert merged["plan"] == edited["plan"] and merged["units"][: len(edited["units"])] == edited["units"]
    # What the editor's file lacked is back, once, and nothing is there twice.
    back = merged["areas"][0]["commitments"][1]
    assert (back["title"], back["text"], len(back["targets"])) == (
        dropped["title"], dropped["text"], len(dropped["targets"]))
    assert sorted(i["name"]["zh"] for i in merged["indicators"]) == sorted(i["name"]["zh"] for i in fresh["indicators"])
    assert sum(len(c["targets"]) for a in merged["areas"] for c in a["commitments"]) == sum(
        len(c["targets"]) for a in fresh["areas"] for c in a["commitments"])
    assert "Added" in result.stdout and "1 commitment" in result.stdout


@needs_plan
def test_merge_into_another_file_uses_its_units_and_changes_nothing_of_it(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    data_file = site / "data" / "targets.json"
    result = invoke("import-plan", str(PLAN), "--out", str(data_file), "--merge")
    assert result.returncode == 0, result.stderr
    merged = json.loads(data_file.read_text(encoding="utf-8"))
    industry = merged["areas"][0]
    assert industry["id"] == "industry" and industry["title"] == MINI_DATA["areas"][0]["title"], "matched by title"
    robots = [t for t in industry["commitments"][0]["targets"] if t["value"] == 2000]
    assert robots == MINI_DATA["areas"][0]["commitments"][0]["targets"], "the editor's target, kept, not repeated"
    devices = next(t for t in industry["commitments"][0]["targets"] if t["value"] == 1_500_000)
    assert devices["unit"] == "machines", "the file's own unit for 台"
    assert [i for i in merged["indicators"] if i["id"] in {"gdp-growth", "cpi"}] == MINI_DATA["indicators"]
    assert len(merged["areas"]) == 10
    load_data(data_file)


@needs_plan
def test_the_readme_flow_init_then_import_plan_gives_a_site_with_todos_only(tmp_path: Path) -> None:
    # init's example area holds nothing an editor wrote: the plan's first area takes its place (and its
    # id, so its commentary files stay in use), and every other area gets commentary to fill in.
    site = tmp_path / "new"
    assert invoke("init", str(site), "--title-zh", "清水市2025年计划", "--title-en", "Qingshui 2025 Plan",
                  "--year", "2025").returncode == 0
    result = invoke("import-plan", str(PLAN), "--out", str(site / "data" / "targets.json"), "--merge")
    assert result.returncode == 0, result.stderr
    raw = json.loads((site / "data" / "targets.json").read_text(encoding="utf-8"))
    assert len(raw["areas"]) == 10 and raw["areas"][0]["id"] == "example-area"
    assert raw["areas"][0]["title"]["zh"] == "构建现代产业体系"  # the plan's 一、
    for area in raw["areas"]:
        assert (site / "content" / "en" / "areas" / f"{area['id']}.md").is_file()
    checked = invoke("check", "--source", str(site))
    assert checked.returncode == 0, checked.stderr
    assert all(line.endswith("[todo]") for line in checked.stderr.strip().splitlines())


def test_a_plan_year_s_draft_gets_its_commentary_in_its_year_s_folder(tmp_path: Path) -> None:
    from site_builder.drafting.importer import _placeholder_commentary

    root = tmp_path / "site"
    (root / "content" / "zh").mkdir(parents=True)
    (root / "data" / "plans").mkdir(parents=True)
    written = _placeholder_commentary(root / "data" / "plans" / "2022.json", {"areas": [{"id": "industry"}]})
    assert written == ["content/zh/2022/areas/industry.md", "content/en/2022/areas/industry.md"]
    assert (root / "content" / "en" / "2022" / "areas" / "industry.md").is_file()
    assert not (root / "content" / "zh" / "areas").exists()
