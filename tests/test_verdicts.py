"""Verdicts a statistician would sign: only the target's own measure, on a known basis, is judged; interim
figures give at most "on track"; the bands are the site's reading and say so; one measure, one status."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import MINI_DATA, REPO, write_site

from site_builder.checks.parity import data_text_problems
from site_builder.errors import ContentError
from site_builder.model.statements import badge_line, verdict_line
from site_builder.model.status import Verdict, evaluate
from site_builder.sources.config import SiteConfig
from site_builder.sources.data import load_data
from site_builder.sources.i18n import load_strings, strings_paths
from site_builder.sources.schema import TargetsFile

dirs = SiteConfig(root=REPO).theme_dirs()
STRINGS, _ = load_strings({lang: strings_paths(dirs, lang) for lang in ("zh", "en")}, REPO)


def outcome(value: float, period: str = "year", **extra: object) -> dict:
    return {"period": period, "year": 2021, "value": value, "source": "S1", "added": "2022-03-05", **extra}


def document(target: dict, direction: str = "higher", gdp_outcomes: list[dict] | None = None) -> dict:
    """The mini site's data with indicator 'x' holding `target`, and GDP growth with `gdp_outcomes`."""
    data = copy.deepcopy(MINI_DATA)
    data["indicators"].append({
        "id": "x", "name": {"zh": "某增速", "en": "Some growth"}, "category": "strength", "unit": "percent",
        "direction": direction, "target_text": {"zh": "目标", "en": "target"}, "targets": [{"id": "x", **target}],
    })
    if gdp_outcomes is not None:
        data["indicators"][0]["targets"][0]["outcomes"] = gdp_outcomes
    return data


def judge(
    target: dict, direction: str = "higher", gdp_outcomes: list[dict] | None = None
) -> tuple[Verdict, TargetsFile]:
    data = TargetsFile.model_validate_json(json.dumps(document(target, direction, gdp_outcomes)), strict=True)
    indicator = data.indicator("x")
    assert indicator is not None
    return evaluate(indicator.targets[0], direction, data), data  # type: ignore[arg-type]


def line(target: dict, lang: str, direction: str = "higher", gdp_outcomes: list[dict] | None = None) -> str:
    verdict, data = judge(target, direction, gdp_outcomes)
    indicator = data.indicator("x")
    assert indicator is not None
    return verdict_line(indicator.targets[0], verdict, data, STRINGS[lang], lang, "percent")


AT_LEAST = {"kind": "at_least", "value": 7, "unit": "percent"}
ABOUT = {"kind": "about", "value": 2.2, "unit": "percent"}
IN_STEP = {"kind": "in_step_with", "reference": "gdp-growth"}
REAL, NOMINAL, UNKNOWN = ({"basis": {"prices": p}} for p in ("real", "nominal", "unknown"))


# Comparability: only the target's own measure gives met or missed.

@pytest.mark.parametrize(
    ("figure", "reason"),
    [
        (outcome(2.5, comparability="close", differs_in="aggregate"), "close_measure"),  # 第一产业 for 农林牧渔业
        (outcome(2.5, comparability="different"), "different_measure"),
        (outcome(2.5, **UNKNOWN), "basis_unknown"),  # the source does not say nominal or real
    ],
)
def test_a_figure_of_another_measure_or_an_unknown_basis_is_indicative_not_met(figure: dict, reason: str) -> None:
    verdict, _ = judge({**ABOUT, "outcomes": [figure]})
    assert (verdict.status, verdict.reason) == ("indicative", reason)  # 2.5 would be "met" as the same measure
    assert verdict.outcome is not None and verdict.outcome.value == 2.5  # shown with its figure
    assert judge({**ABOUT, "outcomes": [outcome(2.5)]})[0].status == "met"


def test_an_indicative_verdict_says_the_figure_period_and_reason_in_both_languages() -> None:
    target = {**ABOUT, "outcomes": [outcome(2.5, comparability="close", differs_in="aggregate")]}
    en, zh = line(target, "en"), line(target, "zh")
    assert "Outcome: 2.5% (a close but not identical measure: another aggregate)" in en
    assert en.endswith("Indicative only (Full year 2021): the figure is of a close but not identical measure, "
                       "so the site does not judge the target on it")
    assert "实际 2.5%（口径相近但不完全相同：统计口径不同的另一总量）" in zh
    assert "仅供参考（2021年全年）：该数据口径相近但不完全相同" in zh


def test_the_targets_own_measure_is_judged_before_a_later_figure_of_another() -> None:
    target = {**AT_LEAST, "outcomes": [outcome(9.0, "h1"), outcome(8.0, comparability="close")]}
    verdict, _ = judge(target)
    assert verdict.status == "on_track" and verdict.outcome is not None and verdict.outcome.period == "h1"


# Interim is not final.

@pytest.mark.parametrize("period", ["h1", "q1_q3", "jan_nov"])
def test_an_interim_figure_gives_at_most_on_track_and_says_its_period(period: str) -> None:
    assert judge({**AT_LEAST, "outcomes": [outcome(11.8, period)]})[0].status == "on_track"
    assert judge({**AT_LEAST, "outcomes": [outcome(6.0, period)]})[0].status == "at_risk"
    words = {"h1": "H1 2021", "q1_q3": "Jan–Sep 2021", "jan_nov": "Jan–Nov 2021"}[period]
    assert line({**AT_LEAST, "outcomes": [outcome(11.8, period)]}, "en").endswith(f"On track ({words})")


def test_a_full_year_verdict_names_its_period_too() -> None:
    assert line({**AT_LEAST, "outcomes": [outcome(8.7)]}, "zh") == "目标 7%以上 · 实际 8.7% · 已完成（2021年全年）"


# Tolerances are the site's, from the data or a documented default, and said as the site's reading.

def test_about_band_is_the_sites_reading_from_the_data_or_the_default() -> None:
    default, _ = judge({"kind": "about", "value": 3, "unit": "percent", "outcomes": [outcome(1.4)]}, "lower")
    assert (default.tolerance, default.default_tolerance) == (pytest.approx(0.3), True)
    cpi = {"kind": "about", "value": 3, "unit": "percent", "outcomes": [outcome(1.4)]}
    assert "Target: about 3% (the site reads this as 2.7%–3.3%, or lower)" in line(cpi, "en", "lower")
    assert "目标 3%左右（本站理解为2.7%至3.3%，低于此亦可）" in line(cpi, "zh", "lower")
    narrow = {"kind": "about", "value": 2.9, "unit": "percent", "tolerance": 0.1, "outcomes": [outcome(2.75)]}
    verdict, _ = judge(narrow)
    assert (verdict.status, verdict.tolerance, verdict.default_tolerance) == ("missed", 0.1, False)
    assert "(the site reads this as 2.8%–3%, or higher)" in line(narrow, "en")


def test_in_step_band_comes_from_the_data_and_is_said_as_the_sites_reading() -> None:
    gdp = [outcome(13.7, "h1", **REAL)]
    lagging = {**IN_STEP, "outcomes": [outcome(12.9, "h1", **REAL)]}  # 0.8 points behind
    assert judge(lagging, gdp_outcomes=gdp)[0].status == "on_track"  # the default band: one point
    assert judge({**lagging, "tolerance": 0.5}, gdp_outcomes=gdp)[0].status == "at_risk"
    assert "(the site reads this as no more than 0.5 percentage points below it, for the same period and on the " \
           "same basis)" in line({**lagging, "tolerance": 0.5}, "en", gdp_outcomes=gdp)


# "In step with" only between figures of the same period and the same known basis.

@pytest.mark.parametrize(
    ("own", "theirs", "reason"),
    [
        (NOMINAL, REAL, "basis_differs"),  # fixed-asset investment (nominal) against real GDP growth
        (UNKNOWN, REAL, "basis_unknown"),  # urban income: the source does not say
        ({}, REAL, "basis_unknown"),  # no basis recorded
        (REAL, {}, "reference_basis_unknown"),
        (REAL, {"comparability": "close", **REAL}, "reference_not_comparable"),
    ],
)
def test_in_step_across_bases_is_indicative(own: dict, theirs: dict, reason: str) -> None:
    verdict, _ = judge({**IN_STEP, "outcomes": [outcome(12.6, "q1_q3", **own)]},
                       gdp_outcomes=[outcome(11.4, "q1_q3", **theirs)])
    assert (verdict.status, verdict.reason) == ("indicative", reason)
    assert verdict.reference is not None and verdict.reference.value == 11.4  # what it was set against


def test_in_step_verdict_states_both_figures_their_bases_and_the_period() -> None:
    target = {**IN_STEP, "outcomes": [outcome(12.6, "q1_q3", **NOMINAL)]}
    en = line(target, "en", gdp_outcomes=[outcome(11.4, "q1_q3", **REAL)])
    assert "Outcome: 12.6% (nominal, at current prices), against GDP growth: 11.4% (real, at comparable prices)" in en
    assert "Indicative only (Jan–Sep 2021): the two growth rates are on different bases (nominal, at current " \
           "prices, against real, at comparable prices)" in en


def test_in_step_on_one_basis_is_judged_and_without_a_same_period_figure_is_not_assessable() -> None:
    assert judge({**IN_STEP, "outcomes": [outcome(12.6, "q1_q3", **NOMINAL)]},
                 gdp_outcomes=[outcome(11.4, "q1_q3", **NOMINAL)])[0].status == "on_track"
    # A comparable pair is used before a later pair that cannot be compared.
    verdict, _ = judge({**IN_STEP, "outcomes": [outcome(12.6, "h1", **REAL), outcome(9, **UNKNOWN)]},
                       gdp_outcomes=[outcome(13.7, "h1", **REAL), outcome(8.7, **REAL)])
    assert verdict.status == "at_risk" and verdict.outcome is not None and verdict.outcome.period == "h1"
    verdict, _ = judge({**IN_STEP, "outcomes": [outcome(12.6, "q1_q3", **REAL)]}, gdp_outcomes=[outcome(8.7, **REAL)])
    assert (verdict.status, verdict.reason) == ("not_assessable", "no_reference")


# One measure, one status.

def repeating(commitment_target: dict, data: dict | None = None) -> dict:
    data = copy.deepcopy(data or MINI_DATA)
    data["areas"][0]["commitments"][0]["targets"].append(commitment_target)
    return data


GDP_AGAIN = {"id": "gdp-again", "label": {"zh": "经济增长", "en": "Economic growth"}, "kind": "at_least", "value": 7,
             "unit": "percent", "repeats": "gdp-growth"}


def test_a_commitment_target_that_repeats_an_annex_target_has_its_outcome_and_status() -> None:
    data = TargetsFile.model_validate_json(json.dumps(repeating(GDP_AGAIN)), strict=True)
    mine = data.areas[0].commitments[0].targets[-1]
    verdict = evaluate(mine, "higher", data)
    assert (verdict.status, verdict.repeats) == ("met", "gdp-growth")
    assert verdict.outcome is not None and verdict.outcome.value == 8.7
    words = badge_line(mine, verdict, data, STRINGS["en"], "en", None)
    assert words == "Target: at least 7% · Full year 2021: 8.7%"


def problems_of(tmp_path: Path, data: dict) -> list[str]:
    site = write_site(tmp_path / "site", data)
    with pytest.raises(ContentError) as raised:
        load_data(site / "data" / "targets.json", site)
    return [str(p) for p in raised.value.problems]


def line_of(tmp_path: Path, needle: str) -> int:
    text = (tmp_path / "site" / "data" / "targets.json").read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_check_reports_one_measure_with_two_rules_or_two_sets_of_outcomes(tmp_path: Path) -> None:
    wrong_rule = {**GDP_AGAIN, "value": 6}
    found = problems_of(tmp_path, repeating(wrong_rule))
    assert len(found) == 1
    row = line_of(tmp_path, '"value": 6')
    assert found[0].startswith(f"data/targets.json:{row}:") and ": error: " in found[0]
    assert "repeats the annex target 'gdp-growth' but states another rule (at_least 6, against at_least 7)" in found[0]
    assert found[0].endswith("[measure]")
    own = {**GDP_AGAIN, "outcomes": [outcome(9.1)]}
    found = problems_of(tmp_path, repeating(own))
    assert any("'gdp-again' and 'gdp-growth' are one measure ('repeats') but list different outcomes" in p
               for p in found), found


def test_check_reports_a_commitment_target_named_like_an_annex_measure_but_not_linked(tmp_path: Path) -> None:
    unlinked = {k: v for k, v in GDP_AGAIN.items() if k != "repeats"}
    unlinked["label"] = {"zh": "地区生产总值 增速", "en": "GDP growth"}  # the annex name, spaced differently
    found = problems_of(tmp_path, repeating(unlinked))
    assert len(found) == 1 and "has the name of the annex target 'gdp-growth'" in found[0]
    assert 'add "repeats": "gdp-growth"' in found[0] and found[0].endswith("[measure]")
    row = line_of(tmp_path, "地区生产总值 增速") - 1  # the "label" key, on the line above its "zh"
    assert found[0].startswith(f"data/targets.json:{row}:")


def test_check_reports_repeats_of_nothing_and_from_an_annex_target(tmp_path: Path) -> None:
    found = problems_of(tmp_path, repeating({**GDP_AGAIN, "repeats": "gdp-grwoth"}))
    assert any("unknown annex target 'gdp-grwoth'" in p for p in found), found
    data = copy.deepcopy(MINI_DATA)
    data["indicators"][1]["targets"][0]["repeats"] = "gdp-growth"
    assert any("only a commitment's target can repeat an annex target" in p for p in problems_of(tmp_path, data))


def test_a_merged_annex_cell_must_hold_the_row_above_s_target(tmp_path: Path) -> None:
    data = copy.deepcopy(MINI_DATA)
    data["indicators"][1]["merged_with"] = "gdp-growth"  # CPI's "about 3%" is not the row above's "7%以上"
    found = problems_of(tmp_path, data)
    assert len(found) == 1 and "shares the merged annex cell of 'gdp-growth'" in found[0] and "'7%以上'" in found[0]


def test_check_warns_of_a_figure_whose_source_predates_the_end_of_its_period(tmp_path: Path) -> None:
    data = copy.deepcopy(MINI_DATA)
    data["sources"][0]["date"] = "2021-11-03"  # a table published in November cannot hold the full year
    site = write_site(tmp_path / "site", data)
    found = [str(p) for p in data_text_problems(site / "data" / "targets.json", site)]
    assert len(found) == 1, found
    text = (site / "data" / "targets.json").read_text(encoding="utf-8")
    row = text[: text.index('"period": "year"')].count("\n") + 1
    assert found[0].startswith(f"data/targets.json:{row}:")
    assert "a full-year 2021 figure from source 'S1', published 2021-11-03, before that period ended (2021-12-31)" \
        in found[0]
    assert ": warning: " in found[0] and found[0].endswith("[period]")


# The bundled site.

BUNDLED = load_data(REPO / "data" / "targets.json", REPO)


def bundled_verdicts() -> list[tuple[str, Verdict]]:
    found = [(t.id, evaluate(t, t.direction or "higher", BUNDLED)) for a in BUNDLED.areas for c in a.commitments
             for t in c.targets]
    return found + [(t.id, evaluate(t, i.direction, BUNDLED)) for i in BUNDLED.indicators for t in i.targets]


def test_no_bundled_met_or_missed_rests_on_an_interim_figure_or_another_measure_or_basis() -> None:
    final = [(ident, v) for ident, v in bundled_verdicts() if v.status in ("met", "missed")]
    assert final  # the full-year figures of the same measure are judged (GDP growth 8.7%, among others)
    for ident, verdict in final:
        assert verdict.outcome is not None and verdict.outcome.period == "year", ident
        assert verdict.outcome.comparability == "same" and verdict.outcome.prices != "unknown", ident
        if verdict.reference is not None:
            assert verdict.outcome.prices is not None and verdict.reference.prices == verdict.outcome.prices, ident
    for ident, verdict in bundled_verdicts():
        if verdict.outcome is not None and verdict.outcome.period != "year":
            assert verdict.status not in ("met", "missed"), ident


def test_bundled_agriculture_income_and_investment_are_not_judged_across_measures_or_bases() -> None:
    verdicts = dict(bundled_verdicts())
    agri = verdicts["agri-value-added-growth"]
    assert (agri.status, agri.reason) == ("indicative", "close_measure")
    assert agri.outcome is not None and agri.outcome.value == 2.5
    income = verdicts["urban-income-growth"]
    assert (income.status, income.reason) == ("indicative", "basis_unknown")
    investment = verdicts["fixed-asset-investment-growth"]
    assert (investment.status, investment.reason) == ("indicative", "basis_differs")
    # The commitment's "in step" target is the same measure: the same verdict.
    assert verdicts["fixed-asset-investment-in-step"] == replace(investment, repeats="fixed-asset-investment-growth")


def test_bundled_verdict_pages_say_what_they_compare(bundled_build: Path) -> None:
    page = (bundled_build / "en" / "indicators" / "agri-value-added-growth" / "index.html").read_text(encoding="utf-8")
    assert "status-indicative" in page and "status-met" not in page
    assert "Full year 2021: 2.5% (real, at comparable prices; a close but not identical measure: another aggregate)" \
        in page
    income = (bundled_build / "zh" / "indicators" / "urban-income-growth" / "index.html").read_text(encoding="utf-8")
    assert (
        "2021年上半年 12.5%（来源未说明是名义还是实际增速），"
        "对照地区生产总值增速 13.7%（按可比价格计算的实际增速）"
    ) in income
    investment = (bundled_build / "en" / "indicators" / "fixed-asset-investment-growth" / "index.html").read_text(
        encoding="utf-8")
    assert "12.6% (nominal, at current prices), against" in investment
    assert "11.4% (real, at comparable prices)" in investment


class Badges(HTMLParser):
    """Every status badge of a page: its status and the measure it is the status of."""

    def __init__(self) -> None:
        super().__init__()
        self.badges: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag in ("span", "a") and "status" in classes:
            status = next(c.removeprefix("status-") for c in classes if c.startswith("status-"))
            self.badges.append((status, values.get("data-measure")))


def test_every_area_page_shows_each_measure_with_one_status(bundled_build: Path) -> None:
    repeated = 0
    for area in BUNDLED.areas:
        for lang in ("zh", "en"):
            parser = Badges()
            parser.feed((bundled_build / lang / "areas" / area.id / "index.html").read_text(encoding="utf-8"))
            assert all(measure for _, measure in parser.badges), f"{lang}/{area.id}: a badge without its measure"
            statuses: dict[str | None, set[str]] = {}
            for status, measure in parser.badges:
                statuses.setdefault(measure, set()).add(status)
            assert all(len(found) == 1 for found in statuses.values()), f"{lang}/{area.id}: {statuses}"
            repeated += sum(1 for _, measure in parser.badges) - len(statuses)
    assert repeated > 0  # some measures are shown twice on a page (commitment and annex): with one status


def test_the_data_as_of_a_day_finds_only_the_outcomes_known_that_day() -> None:
    """The feed's status changes judge each day on the outcomes known by then, references included."""
    import datetime as dt

    from site_builder.pages.feeds import as_of

    data = TargetsFile.model_validate_json(json.dumps(MINI_DATA), strict=True)
    assert data.indicator("gdp-growth") is not None  # the full data's look-ups are made first
    early = as_of(data, dt.date(2021, 8, 2))
    gdp = early.indicator("gdp-growth")
    assert gdp is not None and [o.period for o in gdp.targets[0].outcomes] == ["h1"]


def test_the_home_page_leads_with_coverage_and_counts_interim_and_indicative_apart(bundled_build: Path) -> None:
    annex = [evaluate(t, i.direction, BUNDLED) for i in BUNDLED.indicators for t in i.targets]
    count = {s: sum(1 for v in annex if v.status == s) for s in ("met", "missed", "on_track", "at_risk", "indicative")}
    reported = sum(1 for i in BUNDLED.indicators for t in i.targets if t.outcomes)
    assert count["on_track"] + count["at_risk"] > 0 and count["indicative"] > 0  # the bundled data has both
    en = (bundled_build / "en" / "index.html").read_text(encoding="utf-8")
    lead = en[en.index('id="reporting-heading"'):en.index('class="chart-pair"')]
    assert f"{reported} have a sourced 2021 figure" in lead and f"of the {len(annex)} targets" in lead
    assert f"{count['met']} met, {count['missed']} missed" in lead
    assert f"{count['on_track']} on track, {count['at_risk']} at risk" in lead
    assert f"which the site does not judge): {count['indicative']}" in lead
    assert f"only {count['met'] + count['missed']} of the {len(annex)} targets have a full-year figure" in lead
    assert en.index('id="reporting-heading"') < en.index('id="areas-heading"')  # it comes first
    zh = (bundled_build / "zh" / "index.html").read_text(encoding="utf-8")
    assert f"已完成{count['met']}项，未完成{count['missed']}项" in zh and "仅供参考" in zh


# The methodology page, and every verdict linking to it.

class Links(HTMLParser):
    """Status badges and methodology links of a page, and its element ids."""

    def __init__(self) -> None:
        super().__init__()
        self.badges: list[tuple[str, str, str | None]] = []  # (tag, status, href)
        self.method_links: list[str] = []
        self.figures_with_status: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if "status" in classes:
            status = next(c.removeprefix("status-") for c in classes if c.startswith("status-"))
            self.badges.append((tag, status, values.get("href")))
        if "method-link" in classes:
            self.method_links.append(values.get("href") or "")
        if tag == "figure" and values.get("data-status"):
            self.figures_with_status.append(values["data-status"] or "")


def parsed(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_the_methodology_page_states_the_rules_defaults_and_statuses_in_both_languages(bundled_build: Path) -> None:
    from site_builder.model.status import (
        DEFAULT_IN_STEP_TOLERANCE,
        DEFAULT_RELATIVE_TOLERANCE,
        PERCENT_ABOUT_CAP,
        PERCENT_ABOUT_SHARE,
        STATUSES,
    )

    pages = {lang: bundled_build / lang / "methodology" / "index.html" for lang in ("zh", "en")}
    for lang, page in pages.items():
        links = parsed(page)
        assert {f"status-{s}" for s in STATUSES} <= links.ids, lang
        assert {"rules", "bands", "comparability", "interim", "merged", "sources"} <= links.ids, lang
    en = pages["en"].read_text(encoding="utf-8")
    assert f"{PERCENT_ABOUT_CAP:g} percentage points or {PERCENT_ABOUT_SHARE * 100:g}% of the figure" in en
    assert f"{DEFAULT_RELATIVE_TOLERANCE * 100:g}% of the figure" in en
    assert f"no more than {DEFAULT_IN_STEP_TOLERANCE:g} percentage point below the reference" in en
    assert "unofficial translation" in en
    zh = pages["zh"].read_text(encoding="utf-8")
    assert f"{PERCENT_ABOUT_CAP:g}个百分点与目标值的{PERCENT_ABOUT_SHARE * 100:g}%中较小者" in zh
    # Each band in use is listed with the site's reading of it, and every merged annex row with the row above.
    assert "本站理解为1.98%至2.42%，高于此亦可" in zh and "制造业投资增速：上一行为民间投资增速" in zh
    assert all(f'id="source-{s.id}"' in en for s in BUNDLED.sources)


def test_every_verdict_on_the_site_links_to_what_its_status_means(bundled_build: Path) -> None:
    for lang in ("zh", "en"):
        method = bundled_build / lang / "methodology" / "index.html"
        anchors = parsed(method).ids
        for page in (bundled_build / lang).rglob("index.html"):
            links = parsed(page)
            for tag, status, href in links.badges:
                assert tag == "a" and href, f"{page}: a '{status}' status that links nowhere"
                address, _, fragment = href.partition("#")
                assert (page.parent / address / "index.html").resolve() == method.resolve(), (page, href)
                assert fragment == f"status-{status}" and fragment in anchors, (page, href)
            # Each chart with a verdict links to the methodology beside its rule.
            assert len(links.method_links) >= len(links.figures_with_status), page
            assert all("methodology/#status-" in href for href in links.method_links), page
        for indicator in BUNDLED.indicators:  # every verdict: each indicator page has one per target
            page = bundled_build / lang / "indicators" / indicator.id / "index.html"
            assert len(parsed(page).badges) >= len(indicator.targets), page


def test_no_page_embed_or_download_shows_an_outcome_as_a_share_of_its_target(bundled_build: Path) -> None:
    import re

    for path in bundled_build.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".svg") and "pagefind" not in path.parts:
            text = path.read_text(encoding="utf-8-sig")
            for word in ("share_of_target", "Share of target", "占目标的百分比"):
                assert word not in text, path
    for lang in ("zh", "en"):
        html = (bundled_build / lang / "indicators" / "index.html").read_text(encoding="utf-8")
        for category in BUNDLED.categories:
            found = re.search(rf'id="chart-category-{category.id}-options">(.*?)</script>', html, re.S)
            assert found, (lang, category.id)
            options = json.loads(found.group(1))
            targets = [t for i in BUNDLED.indicators if i.category == category.id for t in i.targets]
            # Every row labelled, in the page's language: one label per target, none left to chance.
            names = [axis["data"][0].split("\n")[0] for axis in options["yAxis"]]
            assert len(names) == len(targets) and all(names), (lang, category.id)
            assert all(axis["axisLabel"]["interval"] == 0 for axis in options["yAxis"])
