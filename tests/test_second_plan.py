"""A second plan, of another city and year (second_plan.py: Qingshui, 2025), built by the generator: it
checks with no warning, nothing of the bundled plan's city or year reaches any built file, its own title
and year stand where the bundled site has Shaoxing's, and each status shown is the one its data implies."""

from __future__ import annotations

import html
import re
import tomllib
from pathlib import Path

from conftest import invoke
from second_plan import DATA, SHORT_TITLE, TITLE, YEAR, write_second_plan

from site_builder.model.status import evaluate
from site_builder.sources.config import DEFAULT_THEME
from site_builder.sources.schema import TargetsFile

BUNDLED = re.compile(r"Shaoxing|绍兴|(?<!\d)2021(?!\d)", re.IGNORECASE)
TEXT_FILES = {".html", ".xml", ".json", ".csv", ".txt", ".svg", ".js", ".css"}
LANGS = ("zh", "en")


def _strings(lang: str) -> dict:
    return tomllib.loads((DEFAULT_THEME / "strings" / f"{lang}.toml").read_text(encoding="utf-8"))


def _text(build: Path, rel: str) -> str:
    """A page as a reader's text would compare: entities decoded (&#39; is ')."""
    return html.unescape((build / rel).read_text(encoding="utf-8"))


def test_the_second_plan_checks_with_no_warning_even_when_strict(tmp_path: Path) -> None:
    root = write_second_plan(tmp_path / "qingshui")
    checked = invoke("check", "--strict", "--source", str(root))
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    assert "no problems found" in checked.stdout


def test_no_built_file_mentions_the_bundled_city_or_year(second_plan_build: Path) -> None:
    hits: list[str] = []
    kinds: set[str] = set()
    for path in sorted(p for p in second_plan_build.rglob("*") if p.is_file()):
        rel = path.relative_to(second_plan_build).as_posix()
        hits += [f"{rel}: in its name: {m.group(0)}" for m in BUNDLED.finditer(rel)]
        if path.suffix in TEXT_FILES:
            kinds.add(path.suffix)
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                hits += [f"{rel}:{number}: {m.group(0)} in …{line[max(0, m.start() - 40):m.end() + 40]}…"
                         for m in BUNDLED.finditer(line)]
    for hit in hits:
        print(hit)
    assert kinds == TEXT_FILES  # every kind of text file was built, and read
    assert not hits, "\n".join(hits)


def test_its_own_title_and_document_are_on_its_home_pages(second_plan_build: Path) -> None:
    plan = DATA["plan"]
    for lang in LANGS:
        home = _text(second_plan_build, f"{lang}/index.html")
        # The commentary names neither title: these come from the data's plan section, through the theme.
        for shown in (TITLE[lang], SHORT_TITLE[lang], plan["issuer"][lang], plan["document_number"]):
            assert shown in home, (lang, shown)
    entry = _text(second_plan_build, "index.html")
    assert TITLE["zh"] in entry and TITLE["en"] in entry


def test_the_plans_year_stands_where_the_theme_says_a_year(second_plan_build: Path) -> None:
    indicators = DATA["indicators"]
    annex_targets = [t for i in indicators for t in i["targets"]]
    reported = sum(1 for t in annex_targets if t.get("outcomes"))
    for lang in LANGS:
        strings = _strings(lang)
        expected = {
            # The target column of the annex table, and the page's own summary.
            f"{lang}/indicators/index.html": [
                strings["indicators"]["target"].format(year=YEAR),
                strings["indicators"]["summary"].format(year=YEAR, total=len(indicators)),
            ],
            # The periods of the outcomes the indicator has: the first half and the full year.
            f"{lang}/indicators/gdp-growth/index.html": [
                strings["period"]["h1"].format(year=YEAR), strings["period"]["year"].format(year=YEAR),
            ],
            f"{lang}/index.html": [strings["home"]["coverage_summary"].format(
                year=YEAR, targets=len(annex_targets), total=len(indicators), reported=reported,
                missing=len(annex_targets) - reported,
            )],
        }
        for rel, texts in expected.items():
            page = _text(second_plan_build, rel)
            assert [text for text in texts if text not in page] == [], rel


# A status badge of a target on an area page: its status, the measure it is of, and its words.
BADGE = re.compile(r'<a class="status status-([a-z_]+)"[^>]*\sdata-measure="([^"]+)"[^>]*>(.*?)</a>', re.DOTALL)


def test_every_status_shown_is_the_one_its_data_implies(second_plan_build: Path) -> None:
    data = TargetsFile.model_validate_json(
        (second_plan_build.parent / "data" / "targets.json").read_text(encoding="utf-8")
    )
    seen: set[str] = set()
    for area in data.areas:
        expected: dict[str, set[str]] = {}
        verdicts = [evaluate(t, t.direction or "higher", data) for c in area.commitments for t in c.targets]
        measures = [t.repeats or t.id for c in area.commitments for t in c.targets]
        for indicator in (data.by_id("indicators")[i] for i in area.indicators):
            verdicts += [evaluate(t, indicator.direction, data) for t in indicator.targets]
            measures += [t.id for t in indicator.targets]
        for measure, verdict in zip(measures, verdicts, strict=True):
            expected.setdefault(measure, set()).add(verdict.status)
            seen.add(verdict.status)
        for lang in LANGS:
            labels = _strings(lang)["status"]
            page = (second_plan_build / lang / "areas" / area.id / "index.html").read_text(encoding="utf-8")
            shown: dict[str, set[str]] = {}
            for status, measure, words in BADGE.findall(page):
                shown.setdefault(measure, set()).add(status)
                assert labels[status] in html.unescape(words), (lang, area.id, measure, words)
            assert shown == expected, (lang, area.id)
    # The plan was written to show every kind of status the site can give but "at risk".
    assert seen == {"met", "missed", "on_track", "indicative", "not_assessable", "not_reported"}


def test_the_methodology_page_explains_only_what_this_plan_has(second_plan_build: Path, bundled_build: Path) -> None:
    # Qingshui's annex has no merged (blank) target cell; Shaoxing's has several. Both plans have
    # commitments that restate an annex target.
    assert not any(i.get("merged_with") for i in DATA["indicators"])
    for lang in ("zh", "en"):
        own = _text(second_plan_build, f"{lang}/methodology/index.html")
        bundled = _text(bundled_build, f"{lang}/methodology/index.html")
        assert 'id="merged"' not in own and 'id="merged"' in bundled
        assert 'id="one-measure"' in own and 'id="one-measure"' in bundled
