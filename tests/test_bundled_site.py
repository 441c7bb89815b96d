"""The bundled Shaoxing site: complete, faithful to the plan, every page in both languages, every link working."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPO

from site_builder.charts.preview import HEIGHT, PIXEL_WIDTH, WIDTH
from site_builder.sources.data import load_data
from site_builder.sources.schema import json_schema

PLAN = (REPO.parent / "shared" / "reference" / "shaoxing-2021-plan.zh.txt")
DATA = load_data(REPO / "data" / "targets.json", REPO)
LANGS = ("zh", "en")


def test_schema_file_is_in_step_with_the_model() -> None:
    on_disk = json.loads((REPO / "data" / "targets.schema.json").read_text(encoding="utf-8"))
    assert on_disk == json_schema(), "run `site-builder schema` and commit data/targets.schema.json"
    data = json.loads((REPO / "data" / "targets.json").read_text(encoding="utf-8"))
    assert data["$schema"] == "./targets.schema.json"


def test_ten_areas_thirty_commitments_thirty_seven_indicators() -> None:
    assert [a.number for a in DATA.areas] == list(range(1, 11))
    assert sum(len(a.commitments) for a in DATA.areas) == 30
    assert len(DATA.indicators) == 37
    assert len(DATA.categories) == 6


@pytest.mark.skipif(not PLAN.is_file(), reason="the plan's reference text is not beside the repository")
def test_commitment_texts_and_annex_wording_are_the_plans_own() -> None:
    plan = PLAN.read_text(encoding="utf-8")
    for area in DATA.areas:
        assert area.title.zh in plan
        for commitment in area.commitments:
            assert commitment.text.zh in plan, commitment.id
            for target in commitment.targets:
                if target.wording:
                    assert target.wording.zh in commitment.text.zh, target.id
    annex = plan[plan.index("2021年目标") :]
    for indicator in DATA.indicators:
        assert indicator.name.zh.replace(" ", "") in annex.replace(" ", ""), indicator.id
        assert indicator.target_text.zh in annex, indicator.id


def test_the_figures_the_plan_commits_to_are_typed_targets() -> None:
    targets = {
        (t.value, t.unit): t
        for a in DATA.areas
        for c in a.commitments
        for t in c.targets
        if t.value is not None
    }
    units = {u.id: u for u in DATA.units}
    expected = [(1000, "款"), (1_500_000, "台"), (300, "家"), (2000, "台"), (70_000, "亩"), (620_000, "头")]
    for value, zh_unit in expected:
        assert any(v == value and units[u].zh == zh_unit for (v, u) in targets), (value, zh_unit)


def test_every_outcome_has_a_known_source_and_period() -> None:
    sources = {s.id: s for s in DATA.sources}
    outcomes = [o for i in DATA.indicators for t in i.targets for o in t.outcomes]
    assert outcomes
    for outcome in outcomes:
        assert outcome.source in sources and sources[outcome.source].url.startswith("http")
    gdp = next(i for i in DATA.indicators if i.id == "gdp-growth").targets[0]
    assert any(o.period == "year" and o.value == 8.7 and o.source == "S1" for o in gdp.outcomes)


def test_merged_annex_cells_carry_a_note() -> None:
    by_id = {i.id: i for i in DATA.indicators}
    for indicator_id in ("manufacturing-investment-growth", "rural-income-growth", "co2-intensity", "cod-emissions"):
        assert by_id[indicator_id].note is not None, indicator_id


def expected_pages() -> list[str]:
    pages = ["index.html"]
    for lang in LANGS:
        pages += [f"{lang}/index.html", f"{lang}/indicators/index.html"]
        pages += [f"{lang}/areas/{a.id}/index.html" for a in DATA.areas]
    return pages


def test_every_page_exists_in_both_languages(bundled_build: Path) -> None:
    for page in expected_pages():
        assert (bundled_build / page).is_file(), page


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if values.get("id"):
            self.ids.add(values["id"])  # type: ignore[arg-type]
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name])  # type: ignore[arg-type]


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_resolves_and_is_relative(bundled_build: Path) -> None:
    parsed = {p: parse(p) for p in bundled_build.rglob("*.html")}
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme in {"http", "https", "mailto"}:
                continue
            assert not parts.scheme and not link.startswith("/"), f"{page}: {link} is not relative"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page}: broken link {link}"
            if parts.fragment:
                assert unquote(parts.fragment) in parsed[target].ids, f"{page}: no #{parts.fragment} in {target}"


def test_no_page_loads_anything_from_another_host(bundled_build: Path) -> None:
    for page in bundled_build.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            if "rel=\"alternate\"" in tag:
                continue
            assert "http://" not in tag and "https://" not in tag and "//" not in tag.replace("://", ""), (page, tag)


def test_language_switcher_and_hreflang(bundled_build: Path) -> None:
    for area in DATA.areas:
        zh = parse(bundled_build / "zh" / "areas" / area.id / "index.html")
        en = parse(bundled_build / "en" / "areas" / area.id / "index.html")
        assert zh.lang == "zh-CN" and en.lang == "en"
        assert f"../../../en/areas/{area.id}/" in zh.links
        assert f"../../../zh/areas/{area.id}/" in en.links
    en_home = (bundled_build / "en" / "index.html").read_text(encoding="utf-8")
    assert "unofficial translation" in en_home
    assert 'hreflang="zh-CN"' in en_home


def test_area_pages_show_commitments_targets_and_charts(bundled_build: Path) -> None:
    html = (bundled_build / "zh" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    assert "开发集成1000款以上工业APP" in html
    assert "新增应用工业机器人2000台" in html
    options = re.findall(r'<script type="application/json" id="chart-gdp-growth-options">(.*?)</script>', html, re.S)
    assert len(options) == 1
    chart = json.loads(options[0])
    assert chart["series"][0]["data"][-1] == 8.7
    en = (bundled_build / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    assert "Full year 2021" in en and "at least 7%" in en


def test_indicator_page_lists_all_37_with_target_text_and_sources(bundled_build: Path) -> None:
    for lang in LANGS:
        html = (bundled_build / lang / "indicators" / "index.html").read_text(encoding="utf-8")
        for indicator in DATA.indicators:
            assert f'id="{indicator.id}"' in html
        # Every annex target with a figure to compare and no sourced outcome says so, and no other does.
        unreported = [t for i in DATA.indicators for t in i.targets
                      if not t.outcomes and t.kind not in ("qualitative", "set_by_province")]
        assert html.count('class="status status-not_reported"') == len(unreported) > 0
    zh = (bundled_build / "zh" / "indicators" / "index.html").read_text(encoding="utf-8")
    assert "稳步提高(6%左右)" in zh and "与经济增长基本同步" in zh


def test_entry_page_links_both_languages_without_javascript(bundled_build: Path) -> None:
    entry = parse(bundled_build / "index.html")
    assert "zh/" in entry.links and "en/" in entry.links
    assert "<script" not in (bundled_build / "index.html").read_text(encoding="utf-8")


def test_echarts_is_served_from_the_site(bundled_build: Path) -> None:
    assert (bundled_build / "assets" / "vendor" / "echarts.min.js").stat().st_size > 500_000


def test_every_indicator_has_a_page_with_a_computed_status_in_both_languages(bundled_build: Path) -> None:
    for indicator in DATA.indicators:
        for lang in LANGS:
            html = (bundled_build / lang / "indicators" / indicator.id / "index.html").read_text(encoding="utf-8")
            assert re.search(
                r'class="status status-(met|missed|on_track|at_risk|indicative|not_assessable|not_reported)"', html
            )
    gdp_zh = (bundled_build / "zh" / "indicators" / "gdp-growth" / "index.html").read_text(encoding="utf-8")
    gdp_en = (bundled_build / "en" / "indicators" / "gdp-growth" / "index.html").read_text(encoding="utf-8")
    # The verdict names the basis of the figure and the period it is for.
    assert "目标 7%以上 · 实际 8.7%（按可比价格计算的实际增速） · 已完成（2021年全年）" in gdp_zh
    assert "Target: at least 7% · Outcome: 8.7% (real, at comparable prices) · Met (Full year 2021)" in gdp_en
    retail = (bundled_build / "en" / "indicators" / "retail-sales-growth" / "index.html").read_text(encoding="utf-8")
    assert "status-not_reported" in retail and "Not yet reported" in retail
    province = (bundled_build / "en" / "indicators" / "energy-intensity" / "index.html").read_text(encoding="utf-8")
    assert "Not assessable: the province assigns the target" in province


def test_statuses_come_from_the_rules_not_from_the_data_file() -> None:
    raw = (REPO / "data" / "targets.json").read_text(encoding="utf-8")
    assert '"status"' not in raw


def test_every_page_has_a_preview_image_made_from_its_main_chart(bundled_build: Path) -> None:
    import struct

    for page in expected_pages() + [f"{lang}/indicators/{i.id}/index.html" for lang in LANGS for i in DATA.indicators]:
        parts = page.split("/")
        lang = parts[0] if len(parts) > 1 else "root"
        slug = "/".join(parts[1:-1]) or "index"
        png = bundled_build / "assets" / "preview" / lang / f"{slug}.png"
        head = png.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", page
        width, height = struct.unpack(">II", head[16:24])
        assert (width, height) == (PIXEL_WIDTH, round(PIXEL_WIDTH * HEIGHT / WIDTH)), page
        assert width >= 600 and height >= 315, page  # the smallest large link preview the big platforms take
