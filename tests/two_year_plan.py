"""Two plan years of the fictional city of Qingshui (清水市), 2025 and 2026, as one site in the multi-year
layout (data/plans/YYYY.json, content/{lang}/YYYY/...), written from Python.

Qingshui is made up, and so is every figure, source and address here (example.org). The 2025 year is
second_plan.py's plan, moved into the yearly layout, with one outcome more, reported a year later. The 2026
plan continues it so that each way a target passes from one year's plan to the next occurs at least once:

| 2025 id (→ 2026 id)                        | what it exercises                                                      |
|--------------------------------------------|------------------------------------------------------------------------|
| industrial-value-added-growth              | annex target RAISED, about 7% → about 7.5% (higher is better); and     |
|                                            | the LATE OUTCOME: 2025's full year, 7.1%, in 2025.json from R1, the    |
|                                            | 2026 plan-execution report, dated 2026-02-09; 2026's not reported yet  |
| retail-sales-growth                        | annex target LOWERED, at least 6% → at least 5% (asks less)            |
| pm25 (and pm25-text, which repeats it)     | annex cap LOWERED, within 32 → within 30 μg/m³ (asks more)             |
| gdp-growth                                 | annex target KEPT, at least 6%; 2026's first half, 6.2% (on track),    |
|                                            | the one 2026 outcome reported yet                                      |
| energy-intensity                           | annex target CHANGED: set by the province → about 3% (another kind)    |
| old-lorries-retired                        | DROPPED, confirmed in 2026's "dropped" list with a note                |
| afforestation                              | DROPPED, not confirmed: `check`'s one note [dropped]                   |
| digital-economy-share (2026)               | NEW in 2026: an annex indicator with no predecessor                    |
| rd-intensity → rd-spending-share           | indicator RENAMED, `"continues": "2025/rd-intensity"`; its one target  |
|                                            | carried along, 2.6% → 2.7% (raised)                                    |
| rd-intensity-text → rd-spending-share-text | its commitment twin, renamed with a target's own `continues`           |
| new-urban-jobs, unemployment-rate,         | commitment targets continuing, KEPT (the last three with no figure:    |
| childcare-places, digital-upgrading,       | the same kind)                                                         |
| old-compounds, energy-use-limits           |                                                                        |
| smart-factories, new-high-tech-firms,      | commitment targets continuing, RAISED                                  |
| charging-points, city-roads                |                                                                        |

Each year's commentary states only its own year's figures, but where it quotes last year's for comparison (in
brackets after this year's, or on a line marked 作为参照 / for reference): `check` holds each year's pages to
that year's plan.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

from second_plan import BUREAU, _indicator, _page, _source, _t, _target
from second_plan import DATA as PLAN_2025_ONE_YEAR
from second_plan import PAGES as PAGES_2025_ONE_YEAR

REPO = Path(__file__).resolve().parent.parent

GOVERNMENT = ("清水市人民政府", "Qingshui Municipal People's Government")
# The plan-execution report, delivered at the opening of the congress session that approves the 2026 plan.
REPORT = _source("R1", ("关于清水市2025年国民经济和社会发展计划执行情况与2026年计划草案的报告",
                        "Report on the Implementation of Qingshui's 2025 Plan for National Economic and Social "
                        "Development and on the Draft 2026 Plan"),
                 ("清水市发展和改革委员会", "Qingshui Municipal Development and Reform Commission"), "2026-02-09",
                 "plan-report-2026")
LATE = {"period": "year", "year": 2025, "value": 7.1, "source": "R1", "basis": {"prices": "real"},
        "note": _t("执行情况报告所列为初步统计数。", "The implementation report gives a preliminary figure."),
        "added": "2026-02-11"}


def _plan_2025() -> dict:
    """second_plan.py's 2025 plan as the yearly layout has it, with the outcome reported in 2026."""
    data = copy.deepcopy(PLAN_2025_ONE_YEAR) | {"$schema": "../targets.schema.json"}
    data["sources"].append(REPORT)
    [iva] = [i for i in data["indicators"] if i["id"] == "industrial-value-added-growth"]
    iva["targets"][0]["outcomes"].append(LATE)
    return data


TITLE_2026 = _t("清水市2026年国民经济和社会发展计划", "Qingshui 2026 National Economic and Social Development Plan")


def _as_in_2025(ident: str, **changes: object) -> dict:
    """An area, commitment or commitment's target of the 2025 plan that the 2026 plan sets again, with the 2026
    plan's changes, and without the 2025 outcomes (they are 2025's, and name 2025's sources)."""
    areas = PLAN_2025_ONE_YEAR["areas"]
    items = [*areas, *(c for a in areas for c in a["commitments"])]
    [found] = [i for i in [*items, *(t for c in items for t in c.get("targets", []))] if i["id"] == ident]
    item = copy.deepcopy(found)
    nodes = [item]
    for node in nodes:  # the item, its commitments and their targets, as the loop appends them
        node.pop("outcomes", None)
        nodes += [child for key in ("commitments", "targets") for child in node.get(key, [])]
    return item | changes


def _indicator_again(ident: str, text: tuple[str, str], kind: str, value: float, outcomes: list | None = None) -> dict:
    """A 2025 annex indicator (its name, category, unit and direction) with the 2026 plan's target."""
    [before] = [i for i in PLAN_2025_ONE_YEAR["indicators"] if i["id"] == ident]
    return _indicator(ident, (before["name"]["zh"], before["name"]["en"]), before["category"], text, kind, value,
                      unit=before["unit"], direction=before["direction"], outcomes=outcomes)


PLAN_2026: dict = {
    "$schema": "../targets.schema.json",
    "plan": {
        "title": TITLE_2026, "short_title": _t("清水市2026年计划", "Qingshui 2026 Plan"), "issuer": _t(*GOVERNMENT),
        "document_number": "清政发〔2026〕2号", "year": 2026, "adopted": "2026-02-13",
        "approved_by": _t("市五届人大五次会议", "the 5th session of the 5th Qingshui Municipal People's Congress"),
        "published": "2026-02-16", "source": "P1", "source_url": "https://example.org/qingshui/plan-2026",
    },
    "units": [copy.deepcopy(u) for u in PLAN_2025_ONE_YEAR["units"] if u["id"] not in ("vehicles", "mu")],
    "sources": [
        _source("P1", (TITLE_2026["zh"], TITLE_2026["en"]), GOVERNMENT, "2026-02-16", "plan-2026"),
        _source("H1", ("2026年上半年清水市经济运行情况", "Qingshui's economy in the first half of 2026"), BUREAU,
                "2026-07-17", "economy-h1-2026"),
    ],
    "areas": [
        _as_in_2025("industry", commitments=[
            _as_in_2025("industry-1", text=_t(
                "新建智能工厂和数字化车间60家以上，推动规上工业企业数字化改造全覆盖。",
                "Build at least 60 smart factories and digital workshops, and bring digital upgrading to every "
                "industrial enterprise above designated size."), targets=[
                _as_in_2025("smart-factories", value=60, wording=_t(
                    "新建智能工厂和数字化车间60家以上", "build at least 60 smart factories and digital workshops")),
                _as_in_2025("digital-upgrading")]),
            _as_in_2025("industry-2", text=_t(
                "新增高新技术企业130家，全社会研发经费投入强度达到2.7%。",
                "Add 130 high-tech enterprises, and raise R&D spending across society to 2.7% of GDP."), targets=[
                _as_in_2025("new-high-tech-firms", value=130, wording=_t("新增高新技术企业130家",
                                                                          "add 130 high-tech enterprises")),
                _target("rd-spending-share-text", ("全社会研发经费投入强度", "R&D spending across society as a "
                                                   "share of GDP"), "reach", 2.7, "percent",
                        ("全社会研发经费投入强度达到2.7%", "raise R&D spending across society to 2.7% of GDP"),
                        repeats="rd-spending-share", continues="2025/rd-intensity-text")]),
        ], indicators=["gdp-growth", "industrial-value-added-growth", "retail-sales-growth", "rd-spending-share",
                       "digital-economy-share"]),
        _as_in_2025("ecology", commitments=[
            _as_in_2025("ecology-1", text=_t("PM2.5年均浓度控制在30微克/立方米以内。",
                                             "Keep the annual average PM2.5 concentration within 30 μg/m³."), targets=[
                _as_in_2025("pm25-text", value=30, wording=_t(
                    "PM2.5年均浓度控制在30微克/立方米以内",
                    "keep the annual average PM2.5 concentration within 30 μg/m³"))]),
            _as_in_2025("ecology-2", text=_t(
                "新建公共充电桩1200个以上，完成省下达的能耗双控任务。",
                "Build at least 1,200 public charging points, and meet the energy-use limits the province sets."),
                targets=[_as_in_2025("charging-points", value=1200, wording=_t(
                    "新建公共充电桩1200个以上", "build at least 1,200 public charging points")),
                         _as_in_2025("energy-use-limits")]),
        ]),
        _as_in_2025("livelihoods", commitments=[
            _as_in_2025("livelihoods-1"),
            _as_in_2025("livelihoods-2", text=_t(
                "新增婴幼儿托位1500个左右，新建改造城市道路35公里，推进老旧小区改造。",
                "Add about 1,500 childcare places, build or rebuild 35 km of city roads, and renovate old residential "
                "compounds."), targets=[
                _as_in_2025("childcare-places"),
                _as_in_2025("city-roads", value=35, wording=_t("新建改造城市道路35公里",
                                                                "build or rebuild 35 km of city roads")),
                _as_in_2025("old-compounds")]),
        ]),
    ],
    "categories": copy.deepcopy(PLAN_2025_ONE_YEAR["categories"]),
    "indicators": [
        _indicator_again("gdp-growth", ("6%以上", "at least 6%"), "at_least", 6, outcomes=[
            {"period": "h1", "year": 2026, "value": 6.2, "source": "H1", "basis": {"prices": "real"},
             "added": "2026-07-20"}]),
        _indicator_again("industrial-value-added-growth", ("7.5%左右", "about 7.5%"), "about", 7.5),
        _indicator_again("retail-sales-growth", ("5%以上", "at least 5%"), "at_least", 5),
        _indicator("rd-spending-share", ("全社会研发经费投入强度", "R&D spending across society as a share of GDP"),
                   "economy", ("2.7%", "2.7%"), "reach", 2.7) | {"continues": "2025/rd-intensity"},
        _indicator("digital-economy-share", ("数字经济核心产业增加值占地区生产总值比重", "Core digital-economy "
                                             "industries' share of GDP"), "economy", ("9.5%", "9.5%"), "reach", 9.5),
        _indicator_again("pm25", ("30微克/立方米以内", "within 30 μg/m³"), "at_most", 30),
        _indicator_again("energy-intensity", ("3%左右", "about 3%"), "about", 3),
    ],
    # The editor's confirmation of one drop; the other (afforestation) is left for `check` to list.
    "dropped": [{"id": "2025/old-lorries-retired", "note": _t(
        "2025年已完成老旧营运柴油货车淘汰任务，2026年计划不再列出。",
        "The retirement of old diesel lorries was completed in 2025; the 2026 plan no longer lists it.")}],
}

# second_plan.py's 2025 industry pages say that the full year of industrial value-added is not yet reported: here, LATE.
LATE_REPORTED = {
    "zh": ("，全年尚未报告。", "；2026年2月，市发展改革委在2025年计划执行情况与2026年计划草案的报告中报告全年为7.1%"
                           "（初步统计数），在7%左右的目标范围内。"),
    "en": ("; the full year is not yet reported.",
           "; in February 2026 the Municipal Development and Reform Commission's report on the implementation of the "
           "2025 plan and on the draft 2026 plan gave 7.1% for the full year (a preliminary figure), within the target "
           "of about 7%."),
}

PAGES_2026: dict[str, str] = {
    "zh/index.md": _page(
        "清水市2026年计划：承诺与进展",
        "本站逐项列出清水市2026年计划的承诺和目标，与上年计划对照，并与已公布的结果对照。",
        """
## 这是什么

本站是测试用的虚构示例：清水市并不存在，计划、数字和来源都是编造的。

本计划（清政发〔2026〕2号）经市五届人大五次会议批准，由清水市人民政府发布，分3个任务领域，附件列出7项主要目标指标。

## 与2025年计划相比

地区生产总值增速目标保持6%以上。规上工业增加值增速目标提高到7.5%左右（上年为7%左右），社会消费品零售总额增速目标下调为5%以上（上年为6%以上）。原研究与试验发展经费投入强度指标改称全社会研发经费投入强度，目标提高到2.7%（上年为2.6%）。数字经济核心产业增加值占地区生产总值比重是新设的指标。

## 已报告的情况

地区生产总值增速上半年为6.2%，高于目标；其他指标的2026年结果尚未报告。

```chart
gdp-growth
```

| 指标 | 2026年目标 | 已报告结果 | 与上年目标相比 |
|---|---|---|---|
| 地区生产总值增速 | 6%以上 | 6.2%（上半年） | 不变 |
| 规上工业增加值增速 | 7.5%左右 | 尚未报告 | 提高（上年7%左右） |
| 社会消费品零售总额增速 | 5%以上 | 尚未报告 | 下调（上年6%以上） |
| PM2.5年均浓度 | 30微克/立方米以内 | 尚未报告 | 收紧（上年32微克/立方米以内） |
""",
    ),
    "en/index.md": _page(
        "Qingshui's 2026 Plan: commitments and progress",
        "This site sets out the commitments and targets of Qingshui's plan for 2026, item by item, against the "
        "previous year's plan and the outcomes published so far.",
        """
## What this is

This site is a fictional example for the tests: Qingshui does not exist, and its plan, figures and sources are made up.

The plan (清政发〔2026〕2号) was approved by the 5th session of the 5th Qingshui Municipal People's Congress and issued
by the Qingshui Municipal People's Government. It has 3 task areas, and its annex lists 7 main target indicators.

## Compared with the 2025 plan

The GDP growth target stays at 6% or more. The target for growth of industrial value-added above designated size is
raised to about 7.5% (about 7% last year), and the one for growth of retail sales of consumer goods lowered to at least
5% (at least 6% last year). R&D spending as a share of GDP is renamed R&D spending across society as a share of GDP,
its target raised to 2.7% (2.6% last year). The core digital-economy industries' share of GDP is a new indicator.

## What has been reported

GDP grew by 6.2% in the first half, above the target; the other indicators' 2026 outcomes are not yet reported.

```chart
gdp-growth
```

| Indicator | 2026 target | Reported outcome | Against last year's target |
|---|---|---|---|
| Growth of gross regional product (GDP) | At least 6% | 6.2% (first half) | Unchanged |
| Growth of industrial value-added above designated size | About 7.5% | Not yet reported | Raised (about 7% last year) |
| Growth of retail sales of consumer goods | At least 5% | Not yet reported | Lowered (at least 6% last year) |
| Annual average PM2.5 concentration | Within 30 μg/m³ | Not yet reported | Tightened (within 32 μg/m³ last year) |
""",
    ),
    "zh/areas/industry.md": _page(
        "推动制造业高质量发展",
        "计划提出新建智能工厂和数字化车间60家以上，新增高新技术企业130家；上半年地区生产总值增速为6.2%。",
        """
## 计划承诺了什么

本领域有两条编号承诺。计划写明的数量目标是：新建智能工厂和数字化车间60家以上，新增高新技术企业130家，全社会研发经费投入强度达到2.7%。数字经济核心产业增加值占地区生产总值比重是新设的附件指标，目标为9.5%。

与2025年计划相比，新建智能工厂和数字化车间目标提高到60家以上（上年为50家以上），新增高新技术企业目标提高到130家（上年为120家）。

## 已报告的结果

地区生产总值增速上半年为6.2%，高于6%以上的目标；本领域其他目标的2026年结果尚未报告。

作为参照：2025年规上工业增加值增速全年为7.1%，在当年7%左右的目标范围内。

```chart
gdp-growth
```
""",
    ),
    "en/areas/industry.md": _page(
        "Advancing high-quality manufacturing",
        "The plan promises at least 60 smart factories and digital workshops and 130 new high-tech enterprises; "
        "GDP grew by 6.2% in the first half.",
        """
## What the plan promises

This area has two numbered commitments. Its quantified targets are: build at least 60 smart factories and digital
workshops, add 130 high-tech enterprises, and raise R&D spending across society to 2.7% of GDP. The core
digital-economy industries' share of GDP is a new annex indicator, with a target of 9.5%.

Compared with the 2025 plan, the target for smart factories and digital workshops is raised to at least 60 (at least 50
last year), and the one for new high-tech enterprises to 130 (120 last year).

## What has been reported

GDP grew 6.2% in the first half, above its target of at least 6%; the area's other 2026 outcomes are not yet reported.

For reference: industrial value-added above designated size grew 7.1% in full-year 2025, within its target of about 7%.

```chart
gdp-growth
```
""",
    ),
    "zh/areas/ecology.md": _page(
        "建设美丽清水",
        "计划提出PM2.5年均浓度控制在30微克/立方米以内，新建公共充电桩1200个以上。",
        """
## 计划承诺了什么

计划写明的数量目标是：PM2.5年均浓度控制在30微克/立方米以内，新建公共充电桩1200个以上，单位地区生产总值能耗降低3%左右。

与2025年计划相比，PM2.5年均浓度目标收紧到30微克/立方米以内（上年为32微克/立方米以内），新建公共充电桩目标提高到1200个以上（上年为1000个以上）。单位地区生产总值能耗降低目标由按省下达任务设定改为3%左右。

上年的两项目标不再列出。老旧营运柴油货车淘汰任务已于2025年完成（当年淘汰910辆）；上年新增造林面积1.2万亩左右的目标未见于2026年计划，是否另有安排尚待核实。

## 已报告的结果

本领域的2026年目标尚未有结果报告。
""",
    ),
    "en/areas/ecology.md": _page(
        "Building a beautiful Qingshui",
        "The plan promises to keep the annual average PM2.5 concentration within 30 μg/m³ and to build at least "
        "1,200 public charging points.",
        """
## What the plan promises

Its quantified targets are: keep the annual average PM2.5 concentration within 30 μg/m³, build at least 1,200 public
charging points, and reduce energy use per unit of GDP by about 3%.

Compared with the 2025 plan, the PM2.5 target is tightened to within 30 μg/m³ (within 32 μg/m³ last year), and the one
for public charging points raised to at least 1,200 (at least 1,000 last year). The reduction in energy use per unit of
GDP, set last year by the tasks the province assigned, now has a target of its own: about 3%.

Two of last year's targets are no longer listed. The retirement of old diesel lorries was completed in 2025 (910 were
retired that year); last year's target of about 12,000 mu of new forest does not appear in the 2026 plan, and whether
it is set elsewhere is still being checked.

## What has been reported

None of this area's 2026 targets has a reported outcome yet.
""",
    ),
    "zh/areas/livelihoods.md": _page(
        "增进民生福祉",
        "计划提出城镇新增就业2.5万人以上，城镇调查失业率控制在5.5%以内。",
        """
## 计划承诺了什么

计划写明的数量目标是：城镇新增就业2.5万人以上，城镇调查失业率控制在5.5%以内，新增婴幼儿托位1500个左右，新建改造城市道路35公里。附件的主要目标指标中没有一项直接属于本领域。

与2025年计划相比，就业、失业率和托位的目标不变，新建改造城市道路目标提高到35公里（上年为30公里）。

## 已报告的结果

本领域的2026年目标尚未有结果报告。作为参照：2025年城镇新增就业2.68万人，城镇调查失业率为5.7%。
""",
    ),
    "en/areas/livelihoods.md": _page(
        "Improving people's well-being",
        "The plan promises at least 25,000 new urban jobs and a surveyed urban unemployment rate within 5.5%.",
        """
## What the plan promises

Its quantified targets are: create at least 25,000 new urban jobs, keep the surveyed urban unemployment rate within
5.5%, add about 1,500 childcare places, and build or rebuild 35 km of city roads. None of the annex's main target
indicators belongs directly to this area.

Compared with the 2025 plan, the targets for jobs, unemployment and childcare places are unchanged, and the one for
city roads is raised to 35 km (30 km last year).

## What has been reported

None of this area's 2026 targets has a reported outcome yet. For reference: 26,800 new urban jobs were created in 2025,
and the surveyed urban unemployment rate was 5.7%.
""",
    ),
}


def _pages_2025() -> dict[str, str]:
    """second_plan.py's pages, by their path under content/{lang}/2025/, the industry pages saying what R1 reported."""
    pages = {rel.removeprefix("content/"): text for rel, text in PAGES_2025_ONE_YEAR.items()}
    for lang, (before, after) in LATE_REPORTED.items():
        rel = f"{lang}/areas/industry.md"
        assert pages[rel].count(before) == 1, f"second_plan.py's {rel} no longer says {before!r}"
        pages[rel] = pages[rel].replace(before, after)
    return pages


PLANS: dict[int, dict] = {2025: _plan_2025(), 2026: PLAN_2026}
# Each year's commentary, by its path under content/{lang}/YEAR/ as "{lang}/..."
PAGES: dict[int, dict[str, str]] = {2025: _pages_2025(), 2026: PAGES_2026}


def write_two_year_site(root: Path) -> Path:
    """Writes the two-year Qingshui site's sources into `root`: data/plans/2025.json and 2026.json, the
    schema they name, and each year's commentary under content/{lang}/YEAR/; returns `root`."""
    plans = root / "data" / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "data" / "targets.schema.json", root / "data" / "targets.schema.json")
    for year, data in PLANS.items():
        (plans / f"{year}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for year, pages in PAGES.items():
        for rel, text in pages.items():
            path = root / "content" / rel.replace("/", f"/{year}/", 1)  # zh/index.md -> content/zh/2026/index.md
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root
