"""A second, fictional plan: Qingshui's 2025 plan (清水市2025年国民经济和社会发展计划), written from Python.

Qingshui is made up, and so is every figure, source and address here (example.org). The plan exists so
that the test suite builds and browses a site of another city and another year than the bundled one: no
page of it may mention the bundled plan's city or year. It is small but whole (no placeholders: `check
--strict` passes) and has a little of every kind of thing: 3 task areas (one with no annex indicator), 6
numbered commitments with targets of every kind (at least, at most, about, a bare figure, qualitative,
set by the province, one repeating an annex target), an annex of 6 indicators in 2 categories, and
outcomes that are met, missed, interim, indicative (a close measure) and not yet reported.
"""

from __future__ import annotations

import json
from pathlib import Path

YEAR = 2025
TITLE = {"zh": "清水市2025年国民经济和社会发展计划",
         "en": "Qingshui 2025 National Economic and Social Development Plan"}
SHORT_TITLE = {"zh": "清水市2025年计划", "en": "Qingshui 2025 Plan"}


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def _target(ident: str, label: tuple[str, str], kind: str, value: float | None = None, unit: str | None = None,
            wording: tuple[str, str] | None = None, **extra: object) -> dict:
    target: dict = {"id": ident, "label": _t(*label), "kind": kind}
    if value is not None:
        target |= {"value": value, "unit": unit}
    if wording is not None:
        target["wording"] = _t(*wording)
    return target | extra


def _outcome(period: str, value: float, source: str, added: str, **extra: object) -> dict:
    return {"period": period, "year": YEAR, "value": value, "source": source, **extra, "added": added}


def _source(ident: str, title: tuple[str, str], publisher: tuple[str, str], date: str, path: str,
            **extra: object) -> dict:
    return {"id": ident, "title": _t(*title), "publisher": _t(*publisher), "date": date,
            "url": f"https://example.org/qingshui/{path}", "official": True, **extra}


def _indicator(ident: str, name: tuple[str, str], category: str, target_text: tuple[str, str], kind: str,
               value: float | None = None, unit: str = "percent", direction: str = "higher",
               outcomes: list[dict] | None = None) -> dict:
    """An annex indicator with one target, of the indicator's own id and unit."""
    target: dict = {"id": ident, "kind": kind}
    if value is not None:
        target |= {"value": value, "unit": unit}
    if outcomes:
        target["outcomes"] = outcomes
    return {"id": ident, "name": _t(*name), "category": category, "unit": unit, "direction": direction,
            "target_text": _t(*target_text), "targets": [target]}


BUREAU = ("清水市统计局", "Qingshui Municipal Bureau of Statistics")

DATA: dict = {
    "$schema": "./targets.schema.json",
    "plan": {
        "title": TITLE,
        "short_title": SHORT_TITLE,
        "issuer": _t("清水市人民政府", "Qingshui Municipal People's Government"),
        "document_number": "清政发〔2025〕3号",
        "year": YEAR,
        "adopted": "2025-02-20",
        "approved_by": _t("市五届人大四次会议", "the 4th session of the 5th Qingshui Municipal People's Congress"),
        "published": "2025-02-24",
        "source": "P1",
        "source_url": "https://example.org/qingshui/plan-2025",
    },
    "units": [
        {"id": "percent", "zh": "%", "en": "%", "kind": "percent"},
        {"id": "firms", "zh": "家", "en": "firms", "kind": "quantity"},
        {"id": "vehicles", "zh": "辆", "en": "vehicles", "kind": "quantity"},
        {"id": "mu", "zh": "亩", "en": "mu", "kind": "quantity"},
        {"id": "charging-points", "zh": "个", "en": "charging points", "kind": "quantity"},
        {"id": "people", "zh": "人", "en": "people", "kind": "quantity"},
        {"id": "places", "zh": "个", "en": "places", "kind": "quantity"},
        {"id": "km", "zh": "公里", "en": "km", "kind": "quantity"},
        {"id": "ug-m3", "zh": "微克/立方米", "en": "μg/m³", "kind": "rate"},
    ],
    "sources": [
        _source("P1", (TITLE["zh"], TITLE["en"]), ("清水市人民政府", "Qingshui Municipal People's Government"),
                "2025-02-24", "plan-2025"),
        _source("H1", ("2025年上半年清水市经济运行情况", "Qingshui's economy in the first half of 2025"), BUREAU,
                "2025-07-18", "economy-h1-2025"),
        _source("B1", ("清水市2025年国民经济和社会发展统计公报",
                       "Qingshui 2025 Statistical Communiqué on National Economic and Social Development"),
                BUREAU, "2026-03-16", "communique-2025"),
        _source("E1", ("清水市2025年生态环境状况公报", "Qingshui 2025 Bulletin on the State of the Environment"),
                ("清水市生态环境局", "Qingshui Municipal Ecology and Environment Bureau"), "2026-04-28",
                "environment-2025", reproduction=True,
                note=_t("第三方网站转载，非发布机关原页。",
                        "A copy on a third-party site, not the publisher's own page.")),
    ],
    "areas": [
        {
            "id": "industry",
            "number": 1,
            "title": _t("推动制造业高质量发展", "Advancing high-quality manufacturing"),
            "commitments": [
                {
                    "id": "industry-1",
                    "number": 1,
                    "title": _t("推进智能制造", "Advancing smart manufacturing"),
                    "text": _t("新建智能工厂和数字化车间50家以上，推动规上工业企业数字化改造全覆盖。",
                               "Build at least 50 smart factories and digital workshops, and bring digital upgrading "
                               "to every industrial enterprise above designated size."),
                    "targets": [
                        _target("smart-factories",
                                ("新建智能工厂和数字化车间", "New smart factories and digital workshops"), "at_least",
                                50, "firms", ("新建智能工厂和数字化车间50家以上",
                                              "build at least 50 smart factories and digital workshops"),
                                outcomes=[_outcome("year", 56, "B1", "2026-03-20")]),
                        _target("digital-upgrading",
                                ("规上工业企业数字化改造全覆盖",
                                 "Digital upgrading of every industrial enterprise above designated size"),
                                "qualitative"),
                    ],
                },
                {
                    "id": "industry-2",
                    "number": 2,
                    "title": _t("培育创新主体", "Growing innovative firms"),
                    "text": _t("新增高新技术企业120家，研究与试验发展经费投入强度达到2.6%。",
                               "Add 120 high-tech enterprises, and raise research and development spending to 2.6% "
                               "of GDP."),
                    "targets": [
                        _target("new-high-tech-firms", ("新增高新技术企业", "New high-tech enterprises"), "reach", 120,
                                "firms", ("新增高新技术企业120家", "add 120 high-tech enterprises")),
                        _target("rd-intensity-text", ("研究与试验发展经费投入强度", "R&D spending as a share of GDP"),
                                "reach", 2.6, "percent", ("研究与试验发展经费投入强度达到2.6%",
                                                          "raise R&D spending to 2.6% of GDP"),
                                repeats="rd-intensity"),
                    ],
                },
            ],
            "indicators": ["gdp-growth", "industrial-value-added-growth", "retail-sales-growth", "rd-intensity"],
        },
        {
            "id": "ecology",
            "number": 2,
            "title": _t("建设美丽清水", "Building a beautiful Qingshui"),
            "commitments": [
                {
                    "id": "ecology-1",
                    "number": 1,
                    "title": _t("打好蓝天保卫战", "Keeping the skies clean"),
                    "text": _t("淘汰老旧营运柴油货车800辆以上，PM2.5年均浓度控制在32微克/立方米以内。",
                               "Retire at least 800 old diesel lorries, and keep the annual average PM2.5 "
                               "concentration within 32 μg/m³."),
                    "targets": [
                        _target("old-lorries-retired", ("淘汰老旧营运柴油货车", "Old diesel lorries retired"),
                                "at_least", 800, "vehicles", ("淘汰老旧营运柴油货车800辆以上",
                                                              "retire at least 800 old diesel lorries"),
                                outcomes=[_outcome("year", 910, "E1", "2026-04-30")]),
                        _target("pm25-text", ("PM2.5年均浓度", "Annual average PM2.5 concentration"), "at_most", 32,
                                "ug-m3", ("PM2.5年均浓度控制在32微克/立方米以内",
                                          "keep the annual average PM2.5 concentration within 32 μg/m³"),
                                repeats="pm25"),
                    ],
                },
                {
                    "id": "ecology-2",
                    "number": 2,
                    "title": _t("推进绿色低碳发展", "Green, low-carbon development"),
                    "text": _t("新增造林面积1.2万亩左右，新建公共充电桩1000个以上，完成省下达的能耗双控任务。",
                               "Plant about 12,000 mu of new forest, build at least 1,000 public charging points, and "
                               "meet the energy-use limits the province sets."),
                    "targets": [
                        _target("afforestation", ("新增造林面积", "New forest planted"), "about", 12000, "mu",
                                ("新增造林面积1.2万亩左右", "plant about 12,000 mu of new forest")),
                        _target("charging-points", ("新建公共充电桩", "New public charging points"), "at_least", 1000,
                                "charging-points", ("新建公共充电桩1000个以上",
                                                    "build at least 1,000 public charging points")),
                        _target("energy-use-limits", ("能耗双控任务", "Energy-use limits"), "set_by_province",
                                wording=("完成省下达的能耗双控任务", "meet the energy-use limits the province sets")),
                    ],
                },
            ],
            "indicators": ["pm25", "energy-intensity"],
        },
        {
            "id": "livelihoods",
            "number": 3,
            "title": _t("增进民生福祉", "Improving people's well-being"),
            "commitments": [
                {
                    "id": "livelihoods-1",
                    "number": 1,
                    "title": _t("稳定和扩大就业", "Keeping jobs steady"),
                    "text": _t("城镇新增就业2.5万人以上，城镇调查失业率控制在5.5%以内。",
                               "Create at least 25,000 new urban jobs, and keep the surveyed urban unemployment rate "
                               "within 5.5%."),
                    "targets": [
                        _target("new-urban-jobs", ("城镇新增就业", "New urban jobs"), "at_least", 25000, "people",
                                ("城镇新增就业2.5万人以上", "create at least 25,000 new urban jobs"),
                                outcomes=[_outcome("year", 26800, "B1", "2026-03-20")]),
                        _target("unemployment-rate", ("城镇调查失业率", "Surveyed urban unemployment rate"), "at_most",
                                5.5, "percent", ("城镇调查失业率控制在5.5%以内",
                                                 "keep the surveyed urban unemployment rate within 5.5%"),
                                outcomes=[_outcome("year", 5.7, "B1", "2026-03-20")]),
                    ],
                },
                {
                    "id": "livelihoods-2",
                    "number": 2,
                    "title": _t("办好民生实事", "Delivering on everyday needs"),
                    "text": _t("新增婴幼儿托位1500个左右，新建改造城市道路30公里，推进老旧小区改造。",
                               "Add about 1,500 childcare places, build or rebuild 30 km of city roads, and renovate "
                               "old residential compounds."),
                    "targets": [
                        _target("childcare-places", ("新增婴幼儿托位", "New childcare places"), "about", 1500, "places",
                                ("新增婴幼儿托位1500个左右", "add about 1,500 childcare places")),
                        _target("city-roads", ("新建改造城市道路", "City roads built or rebuilt"), "reach", 30, "km",
                                ("新建改造城市道路30公里", "build or rebuild 30 km of city roads")),
                        _target("old-compounds", ("老旧小区改造", "Renovation of old residential compounds"),
                                "qualitative"),
                    ],
                },
            ],
        },
    ],
    "categories": [
        {"id": "economy", "name": _t("经济发展", "Economic development")},
        {"id": "green", "name": _t("绿色发展", "Green development")},
    ],
    "indicators": [
        _indicator("gdp-growth", ("地区生产总值增速", "Growth of gross regional product (GDP)"), "economy",
                   ("6%以上", "at least 6%"), "at_least", 6, outcomes=[
                       _outcome("h1", 6.1, "H1", "2025-07-21", basis={"prices": "real"}),
                       _outcome("year", 6.3, "B1", "2026-03-20", basis={"prices": "real"}),
                   ]),
        _indicator("industrial-value-added-growth",
                   ("规上工业增加值增速", "Growth of industrial value-added above designated size"), "economy",
                   ("7%左右", "about 7%"), "about", 7,
                   outcomes=[_outcome("h1", 7.4, "H1", "2025-07-21", basis={"prices": "real"})]),
        _indicator("retail-sales-growth", ("社会消费品零售总额增速", "Growth of retail sales of consumer goods"),
                   "economy", ("6%以上", "at least 6%"), "at_least", 6,
                   outcomes=[_outcome("year", 4.8, "B1", "2026-03-20", basis={"prices": "nominal"})]),
        _indicator("rd-intensity", ("研究与试验发展经费投入强度", "R&D spending as a share of GDP"), "economy",
                   ("2.6%", "2.6%"), "reach", 2.6),
        _indicator("pm25", ("PM2.5年均浓度", "Annual average PM2.5 concentration"), "green",
                   ("32微克/立方米以内", "within 32 μg/m³"), "at_most", 32, unit="ug-m3", direction="lower", outcomes=[
                       _outcome("year", 29, "E1", "2026-04-30", comparability="close", differs_in="station_network",
                                basis={"text": _t("全市6个国控点", "the city's 6 national monitoring stations")},
                                note=_t("计划目标的站点口径不详。",
                                        "The station basis of the plan's target is not known.")),
                   ]),
        _indicator("energy-intensity", ("单位地区生产总值能耗降低", "Reduction in energy use per unit of GDP"), "green",
                   ("根据省下达任务设定目标", "set according to the tasks assigned by the province"),
                   "set_by_province"),
    ],
}


def _page(title: str, summary: str, body: str) -> str:
    return f"---\ntitle: \"{title}\"\nsummary: \"{summary}\"\n---\n{body}"


PAGES: dict[str, str] = {
    "content/zh/index.md": _page(
        "清水市2025年计划：承诺与进展",
        "本站逐项列出清水市2025年计划的承诺和目标，并与已公布的结果对照。",
        """
## 这是什么

本站是测试用的虚构示例：清水市并不存在，计划、数字和来源都是编造的。

本计划（清政发〔2025〕3号）由清水市人民政府发布，分3个任务领域，附件列出6项主要目标指标。

## 已报告的情况

以地区生产总值增速为例：计划目标为6%以上，统计公报显示全年增长6.3%，达到目标；上半年增长6.1%。

```chart
gdp-growth
```

| 指标 | 2025年目标 | 已报告结果 | 期间 |
|---|---|---|---|
| 地区生产总值增速 | 6%以上 | 6.3% | 2025年全年 |
| 社会消费品零售总额增速 | 6%以上 | 4.8% | 2025年全年 |
| 研究与试验发展经费投入强度 | 2.6% | 尚未报告 | — |
""",
    ),
    "content/en/index.md": _page(
        "Qingshui's 2025 Plan: commitments and progress",
        "This site sets out the commitments and targets of Qingshui's plan for 2025, item by item, against the "
        "outcomes published so far.",
        """
## What this is

This site is a fictional example for the tests: Qingshui does not exist, and its plan, figures and sources are
made up.

The plan (清政发〔2025〕3号) was issued by the Qingshui Municipal People's Government. It has 3 task areas, and its
annex lists 6 main target indicators.

## What has been reported

Take GDP growth: the plan's target was at least 6%; the statistical communiqué reports 6.3% for the full year,
above the target; growth in the first half was 6.1%.

```chart
gdp-growth
```

| Indicator | 2025 target | Reported outcome | Period |
|---|---|---|---|
| Growth of gross regional product (GDP) | At least 6% | 6.3% | Full year 2025 |
| Growth of retail sales of consumer goods | At least 6% | 4.8% | Full year 2025 |
| R&D spending as a share of GDP | 2.6% | Not yet reported | — |
""",
    ),
    "content/zh/areas/industry.md": _page(
        "推动制造业高质量发展",
        "计划提出推进智能制造和培育创新主体；全年新建智能工厂和数字化车间56家。",
        """
## 计划承诺了什么

本领域有两条编号承诺。计划写明的数量目标是：新建智能工厂和数字化车间50家以上，新增高新技术企业120家。

## 已报告的结果

新建智能工厂和数字化车间56家，超过目标。规上工业增加值增速上半年为7.4%，全年尚未报告。

```chart
industrial-value-added-growth
```
""",
    ),
    "content/en/areas/industry.md": _page(
        "Advancing high-quality manufacturing",
        "The plan promises smart manufacturing and more innovative firms; 56 smart factories and digital "
        "workshops were built in the year.",
        """
## What the plan promises

This area has two numbered commitments. Its quantified targets are: build at least 50 smart factories and
digital workshops, and add 120 high-tech enterprises.

## What has been reported

56 smart factories and digital workshops were built, above the target. Growth of industrial value-added above
designated size was 7.4% in the first half; the full year is not yet reported.

```chart
industrial-value-added-growth
```
""",
    ),
    "content/zh/areas/ecology.md": _page(
        "建设美丽清水",
        "计划提出打好蓝天保卫战和推进绿色低碳发展；PM2.5年均浓度为29微克/立方米，仅供参考。",
        """
## 计划承诺了什么

计划写明的数量目标是：淘汰老旧营运柴油货车800辆以上，PM2.5年均浓度控制在32微克/立方米以内，新增造林面积1.2万亩左右，新建公共充电桩1000个以上。

## 已报告的结果

淘汰老旧营运柴油货车910辆。PM2.5年均浓度为29微克/立方米，但站点口径与目标可能不同，仅供参考。

```chart
pm25
```
""",
    ),
    "content/en/areas/ecology.md": _page(
        "Building a beautiful Qingshui",
        "The plan promises clean skies and green, low-carbon development; the annual average PM2.5 "
        "concentration was 29 μg/m³, indicative only.",
        """
## What the plan promises

Its quantified targets are: retire at least 800 old diesel lorries, keep the annual average PM2.5
concentration within 32 μg/m³, plant about 12,000 mu of new forest, and build at least 1,000 public charging
points.

## What has been reported

910 old diesel lorries were retired. The annual average PM2.5 concentration was 29 μg/m³, but on a set of
stations that may not be the target's, so indicative only.

```chart
pm25
```
""",
    ),
    "content/zh/areas/livelihoods.md": _page(
        "增进民生福祉",
        "计划提出稳定就业和办好民生实事；城镇新增就业2.68万人，城镇调查失业率为5.7%。",
        """
## 计划承诺了什么

计划写明的数量目标是：城镇新增就业2.5万人以上，城镇调查失业率控制在5.5%以内，新增婴幼儿托位1500个左右，新建改造城市道路30公里。附件的主要目标指标中没有一项直接属于本领域。

## 已报告的结果

城镇新增就业2.68万人，达到目标；城镇调查失业率为5.7%，高于目标。消费方面，社会消费品零售总额增速为4.8%。

```chart
retail-sales-growth
```
""",
    ),
    "content/en/areas/livelihoods.md": _page(
        "Improving people's well-being",
        "The plan promises steady jobs and everyday services; 26,800 new urban jobs were created, and the "
        "surveyed urban unemployment rate was 5.7%.",
        """
## What the plan promises

Its quantified targets are: create at least 25,000 new urban jobs, keep the surveyed urban unemployment rate
within 5.5%, add about 1,500 childcare places, and build or rebuild 30 km of city roads. None of the annex's
main target indicators belongs directly to this area.

## What has been reported

26,800 new urban jobs were created, above the target; the surveyed urban unemployment rate was 5.7%, above its
ceiling. On consumption, growth of retail sales of consumer goods was 4.8%.

```chart
retail-sales-growth
```
""",
    ),
}


def write_second_plan(root: Path) -> Path:
    """Writes the Qingshui site's sources (data and commentary) into `root`; returns `root`."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "targets.json").write_text(json.dumps(DATA, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for rel, text in PAGES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
