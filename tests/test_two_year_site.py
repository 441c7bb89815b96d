"""The site of two plan years (two_year_plan.py: Qingshui, 2025 and 2026) as a reader finds it, built once
(`two_year_build`, --strict): the track record sets each 2025 target beside its outcome, verdict and 2026
successor with the change in words, lists the dropped and the new; each year's pages stand in its own folder
and links within it (and to its page in the other language); the late 2025 outcome judges 2025; every link
of the site leads somewhere. The files beside the pages: test_two_year_site_files.py; the same build in
Chromium: test_two_year_browser.py."""

from __future__ import annotations

import html
import posixpath
import re
import tomllib
from pathlib import Path

import pytest
from conftest import invoke, redirect_pages
from two_year_plan import PLAN_2026, PLANS, REPORT

from site_builder.sources.config import DEFAULT_THEME

LANGS = ("zh", "en")
YEARS = tuple(sorted(PLANS))
STRINGS = {lang: tomllib.loads((DEFAULT_THEME / "strings" / f"{lang}.toml").read_text(encoding="utf-8"))
           for lang in LANGS}
HIDDEN = re.compile(r'<span class="visually-hidden">.*?</span>', re.DOTALL)
ANCHOR = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)

# The track record's rows, from two_year_plan.py's table: a target and an outcome as (en, zh); a change as
# ("kept",), ("changed", aspect) or (raised/lowered, (by in en, by in zh), asks more/less).
QUALITATIVE = ("qualitative target (no figure)", "定性目标（无数值）")
PROVINCE = ("set according to the province's assignment", "根据省下达任务设定")
KEPT = ("kept",)
ROWS: list[tuple[str, str, tuple[str, str], tuple[str, str] | None, str, tuple[str, str], tuple]] = [
    # (2025 id, its 2026 page, 2025 target, 2025 outcome (None: not yet reported), verdict, 2026 target, change)
    ("gdp-growth", "indicators/gdp-growth", ("at least 6%", "6%以上"), ("Full year 2025: 6.3%", "2025年全年 6.3%"),
     "met", ("at least 6%", "6%以上"), KEPT),
    ("industrial-value-added-growth", "indicators/industrial-value-added-growth", ("about 7%", "7%左右"),
     ("Full year 2025: 7.1%", "2025年全年 7.1%"), "met", ("about 7.5%", "7.5%左右"),
     ("raised", ("0.5 percentage points", "0.5个百分点"), "more")),
    ("retail-sales-growth", "indicators/retail-sales-growth", ("at least 6%", "6%以上"),
     ("Full year 2025: 4.8%", "2025年全年 4.8%"), "missed", ("at least 5%", "5%以上"),
     ("lowered", ("1 percentage point", "1个百分点"), "less")),
    ("rd-intensity", "indicators/rd-spending-share", ("2.6%", "2.6%"), None, "not_reported", ("2.7%", "2.7%"),
     ("raised", ("0.1 percentage points", "0.1个百分点"), "more")),
    ("pm25", "indicators/pm25", ("at most 32 μg/m³", "32微克/立方米以内"),
     ("Full year 2025: 29 μg/m³", "2025年全年 29微克/立方米"), "indicative", ("at most 30 μg/m³", "30微克/立方米以内"),
     ("lowered", ("2 μg/m³", "2微克/立方米"), "more")),
    ("energy-intensity", "indicators/energy-intensity", PROVINCE, None, "not_assessable", ("about 3%", "3%左右"),
     ("changed", "kind")),
    ("smart-factories", "areas/industry", ("at least 50 firms", "50家以上"),
     ("Full year 2025: 56 firms", "2025年全年 56家"), "met", ("at least 60 firms", "60家以上"),
     ("raised", ("10 firms", "10家"), "more")),
    ("digital-upgrading", "areas/industry", QUALITATIVE, None, "not_assessable", QUALITATIVE, KEPT),
    ("new-high-tech-firms", "areas/industry", ("120 firms", "120家"), None, "not_reported", ("130 firms", "130家"),
     ("raised", ("10 firms", "10家"), "more")),
    ("charging-points", "areas/ecology", ("at least 1,000 charging points", "1,000个以上"), None, "not_reported",
     ("at least 1,200 charging points", "1,200个以上"), ("raised", ("200 charging points", "200个"), "more")),
    ("energy-use-limits", "areas/ecology", PROVINCE, None, "not_assessable", PROVINCE, KEPT),
    ("new-urban-jobs", "areas/livelihoods", ("at least 25,000 people", "2.5万人以上"),
     ("Full year 2025: 26,800 people", "2025年全年 2.68万人"), "met", ("at least 25,000 people", "2.5万人以上"), KEPT),
    ("unemployment-rate", "areas/livelihoods", ("at most 5.5%", "5.5%以内"),
     ("Full year 2025: 5.7%", "2025年全年 5.7%"), "missed", ("at most 5.5%", "5.5%以内"), KEPT),
    ("childcare-places", "areas/livelihoods", ("about 1,500 places", "1,500个左右"), None, "not_reported",
     ("about 1,500 places", "1,500个左右"), KEPT),
    ("city-roads", "areas/livelihoods", ("30 km", "30公里"), None, "not_reported", ("35 km", "35公里"),
     ("raised", ("5 km", "5公里"), "more")),
    ("old-compounds", "areas/livelihoods", QUALITATIVE, None, "not_assessable", QUALITATIVE, KEPT),
]
# The annex indicators of 2026 with a predecessor, and it.
PREDECESSORS = {page.removeprefix("indicators/"): before for before, page, *_ in ROWS if page.startswith("indicators/")}


def _read(build: Path, rel: str) -> str:
    return (build / rel).read_text(encoding="utf-8")


def _words(fragment: str) -> str:
    """What a reader sees of a piece of HTML: its text, entities decoded, hidden words and spacing dropped."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", HIDDEN.sub("", fragment)))).strip()


def _resolve(rel: str, href: str) -> str:
    """The built file a relative link of page `rel` leads to (a folder's index.html), without its #fragment."""
    path = href.split("#")[0]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)) if path else rel
    return target if target.endswith((".html", ".xml", ".csv", ".json", ".svg", ".png", ".js", ".css")) \
        else f"{target}/index.html"


def _internal_links(rel: str, text: str) -> list[tuple[str, str]]:
    """(built path, link words) of every link of the page to a page of this site."""
    return [(_resolve(rel, href), _words(words)) for href, words in ANCHOR.findall(text)
            if href and not re.match(r"[a-z]+:", href) and not href.startswith("#")]


def _in(lang: str, pair: tuple[str, str]) -> str:
    """The words of an (en, zh) pair in one language."""
    return pair[0] if lang == "en" else pair[1]


def _change(lang: str, change: tuple) -> str:
    t = STRINGS[lang]["track"]
    if change[0] == "kept":
        return t["kept"]
    if change[0] == "changed":
        return t["changed"].format(aspects=t[f"aspect_{change[1]}"])
    kind, by, asks = change
    return t[kind].format(by=_in(lang, by)) + t[f"asks_{asks}"]


def _track_rows(build: Path, lang: str) -> dict[str, list[str]]:
    """The track record's 2025 → 2026 table: each row's cells, as HTML, by the row's 2025 target id."""
    page = _read(build, f"{lang}/track-record/index.html")
    return {ident: re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)
            for ident, row in re.findall(r'<tr id="track-2025-([a-z0-9-]+)-2025">(.*?)</tr>', page, re.DOTALL)}


def test_the_strict_check_finds_only_the_unconfirmed_drop(two_year_site: Path) -> None:
    checked = invoke("check", "--strict", "--source", str(two_year_site))
    assert checked.returncode == 0, checked.stderr
    [note] = checked.stderr.splitlines()
    assert "note: target 'afforestation'" in note and note.endswith("[dropped]")
    assert "1 note found" in checked.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_the_track_record_sets_each_2025_target_beside_its_outcome_verdict_and_successor(
    two_year_build: Path, lang: str
) -> None:
    rows = _track_rows(two_year_build, lang)
    assert list(rows) == [row[0] for row in ROWS]  # every continuing target, once (a twin that repeats an
    # annex target, pm25-text or rd-intensity-text, is its annex target's row)
    rel = f"{lang}/track-record/index.html"
    page = _words(_read(two_year_build, rel))
    t = STRINGS[lang]["track"]
    assert t["title"] in page and t["pair"].format(year=2025, next=2026) in page
    for ident, page_2026, before, outcome, status, after, change in ROWS:
        name, target, reported, verdict, successor, changed = rows[ident]
        page_2025 = f"indicators/{ident}" if page_2026.startswith("indicators/") else page_2026
        where = f"{lang}: {ident}"
        assert [path for path, _ in _internal_links(rel, name)] == [f"{lang}/2025/{page_2025}/index.html"], where
        assert _words(target) == _in(lang, before), where
        shown = _words(reported)
        expected = _in(lang, outcome) if outcome else STRINGS[lang]["status"]["not_reported"]
        assert shown.startswith(expected), (where, shown)
        assert f'class="status status-{status}"' in verdict, where
        assert _words(verdict).startswith(STRINGS[lang]["status"][status]), where
        assert _words(successor) == _in(lang, after), where
        assert [path for path, _ in _internal_links(rel, successor)] == [f"{lang}/2026/{page_2026}/index.html"], where
        assert _words(changed) == _change(lang, change), where


@pytest.mark.parametrize("lang", LANGS)
def test_the_renamed_indicator_shows_its_new_name(two_year_build: Path, lang: str) -> None:
    [renamed] = [i for i in PLAN_2026["indicators"] if i.get("continues") == "2025/rd-intensity"]
    name = _words(_track_rows(two_year_build, lang)["rd-intensity"][0])
    [old] = [i for i in PLANS[2025]["indicators"] if i["id"] == "rd-intensity"]
    assert name == f"{old['name'][lang]} {STRINGS[lang]['track']['now_named'].format(name=renamed['name'][lang])}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_track_record_lists_the_dropped_and_the_new(two_year_build: Path, lang: str) -> None:
    page = _read(two_year_build, f"{lang}/track-record/index.html")
    items = {ident: _words(item) for ident, item in re.findall(r'<li id="track-(\d{4}-[a-z0-9-]+)">(.*?)</li>', page,
                                                                re.DOTALL)}
    t = STRINGS[lang]["track"]
    assert sorted(items) == ["2025-afforestation", "2025-old-lorries-retired", "2026-digital-economy-share"]
    [confirmed] = PLAN_2026["dropped"]
    lorries = items["2025-old-lorries-retired"]
    assert t["dropped_confirmed"].format(year=2026) in lorries and confirmed["note"][lang] in lorries
    assert t["dropped_unconfirmed"].format(year=2026) in items["2025-afforestation"]
    assert t["dropped_confirmed"].format(year=2026) not in items["2025-afforestation"]
    [new] = [i for i in PLAN_2026["indicators"] if i["id"] == "digital-economy-share"]
    added = items["2026-digital-economy-share"]
    assert added.startswith(new["name"][lang]) and "9.5%" in added


@pytest.mark.parametrize("lang", LANGS)
def test_each_indicator_page_with_a_predecessor_has_the_track_table_and_chart(two_year_build: Path, lang: str) -> None:
    heading = STRINGS[lang]["track"]["heading"]
    for after, before in PREDECESSORS.items():
        for ident, year in ((before, 2025), (after, 2026)):
            rel = f"{lang}/{year}/indicators/{ident}/index.html"
            section = re.search(r'<section aria-labelledby="track-heading">(.*?)</section>', _read(two_year_build, rel),
                                re.DOTALL)
            assert section and heading in _words(section.group(1)), rel
            canvas = re.search(rf'<div class="chart-canvas" id="chart-track-2025-{before}"[^>]*>(.*?)</div></div>',
                               section.group(1), re.DOTALL)
            assert canvas and "<svg" in canvas.group(1), f"{rel}: no track chart drawn"
            table = re.search(r'<table class="track-table">(.*?)</table>', section.group(1), re.DOTALL)
            assert table, f"{rel}: no track table"
            # A row per plan year, each linking to that year's page of the indicator.
            assert [path for path, _ in _internal_links(rel, table.group(1)) if "/indicators/" in path] == [
                f"{lang}/2025/indicators/{before}/index.html", f"{lang}/2026/indicators/{after}/index.html"], rel


def test_the_late_outcome_judges_2025_with_its_2026_source(two_year_build: Path) -> None:
    iva = "industrial-value-added-growth"
    for lang in LANGS:
        met = STRINGS[lang]["status"]["met"]
        for rel in (f"{lang}/2025/indicators/{iva}/index.html", f"{lang}/2025/areas/industry/index.html",
                    f"{lang}/2025/indicators/index.html"):
            page = _read(two_year_build, rel)
            assert REPORT["url"] in page and REPORT["title"][lang] in _words(page) and "7.1%" in _words(page), rel
        own = _read(two_year_build, f"{lang}/2025/indicators/{iva}/index.html")
        verdict = re.search(r'<p class="verdict">(.*?)</p>', own, re.DOTALL)
        assert verdict and 'status-met"' in verdict.group(1) and _words(verdict.group(1)).startswith(met)
        assert '<time datetime="2026-02-09">' in own  # the source's own date, a year after the plan's
        # It is 2025's outcome: 2026's own target is not yet reported.
        later = re.search(r'<p class="verdict">(.*?)</p>',
                          _read(two_year_build, f"{lang}/2026/indicators/{iva}/index.html"), re.DOTALL)
        assert later and 'status-not_reported"' in later.group(1)
        row = _track_rows(two_year_build, lang)[iva]
        assert 'status-met"' in row[3] and REPORT["title"][lang] in _words(row[2])


def test_each_year_has_its_pages_in_its_own_folder(two_year_build: Path) -> None:
    redirects = redirect_pages(two_year_build)
    for year, plan in PLANS.items():
        for lang in LANGS:
            folder = f"{lang}/{year}/"
            expected = {f"{folder}index.html", f"{folder}indicators/index.html",
                        *(f"{folder}areas/{a['id']}/index.html" for a in plan["areas"]),
                        *(f"{folder}indicators/{i['id']}/index.html" for i in plan["indicators"])}
            built = {p.relative_to(two_year_build).as_posix() for p in (two_year_build / folder).rglob("index.html")}
            assert {rel for rel in built if "/embed/" not in rel} == expected, (year, lang)
            assert not built & redirects
            # Every chart of the year's pages but the track charts has its embed, with its downloads, in the folder.
            for rel in sorted(expected):
                for src in re.findall(r'data-embed-src="([^"]+)"', _read(two_year_build, rel)):
                    embed = _resolve(rel, src)
                    if "/track-record/" in embed:
                        assert embed.startswith(f"{lang}/track-record/embed/track-"), (rel, embed)
                        continue
                    assert embed.startswith(f"{folder}embed/"), (rel, embed)
                    for name in ("index.html", "data.csv", "data.json", "chart.svg"):
                        assert (two_year_build / embed).with_name(name).is_file(), (rel, embed, name)


def test_a_year_s_pages_link_to_that_year_s_pages(two_year_build: Path) -> None:
    """Within a year's folder, links stay in that year but for the other years' home pages (the menu of plan
    years, the home page's links to the other years) and the track table, which links each year's row to that
    year's indicator page: never to another year's area pages. None leads to a redirect page."""
    redirects = redirect_pages(two_year_build)
    wide = {"index.html", "methodology/index.html", "search/index.html", "track-record/index.html", "404.html",
            "feed.xml"}

    def site_wide(target: str, lang: str) -> bool:  # a page or file of no year: methodology, open data, assets
        other, _, inside = target.partition("/")
        return other in ("assets", "data") or (other == lang and (inside in wide or inside.startswith("track-record/")))

    report: list[str] = []
    for year in YEARS:
        for lang in LANGS:
            for path in sorted((two_year_build / lang / str(year)).rglob("index.html")):
                rel = path.relative_to(two_year_build).as_posix()
                page = path.read_text(encoding="utf-8")
                menu = re.search(r'<ul class="plan-years".*?</ul>', page, re.DOTALL)
                track = re.search(r'<section aria-labelledby="track-heading">.*?</section>', page, re.DOTALL)
                rest = page
                for block in (menu, track):
                    rest = rest.replace(block.group(0), "") if block else rest
                same_page = rel.partition("/")[2]  # the language switch: this page in the other language
                for target, words in _internal_links(rel, rest):
                    other, _, inside = target.partition("/")
                    in_year = (other == lang and inside.startswith(f"{year}/")) or inside == same_page
                    year_home = re.fullmatch(rf"{lang}/\d{{4}}/index\.html", target)
                    if target in redirects or not (in_year or year_home or site_wide(target, lang)):
                        report.append(f"{rel} links to {target} ({words})")
                for target, _ in _internal_links(rel, menu.group(0) if menu else ""):
                    if not re.fullmatch(rf"{lang}/(\d{{4}}/|track-record/)index\.html", target):
                        report.append(f"{rel}: its year menu links to {target}")
                # The track table links each year's row to that year's indicator page, and never to its area pages.
                for target, words in _internal_links(rel, track.group(0) if track else ""):
                    year_page = re.fullmatch(rf"{lang}/\d{{4}}/indicators/[a-z0-9-]+/index\.html", target)
                    if target in redirects or not (year_page or site_wide(target, lang)):
                        report.append(f"{rel}: its track table links to {target} ({words})")
    assert not report, "\n".join(report)


def _links_of_every_page(build: Path) -> list[tuple[str, str, str]]:
    """(page, link as written, built file it leads to) for every relative href and src of every HTML file."""
    found = []
    for path in sorted(build.rglob("*.html")):
        rel = path.relative_to(build).as_posix()
        for href in re.findall(r'\s(?:href|src)="([^"]*)"', path.read_text(encoding="utf-8")):
            href = html.unescape(href)
            if href and not re.match(r"[a-z]+:", href) and not href.startswith("#"):
                found.append((rel, href, _resolve(rel, href)))
    return found


def test_every_link_of_the_site_leads_to_a_file_it_has(two_year_build: Path) -> None:
    missing = [f"{rel}: {href}" for rel, href, target in _links_of_every_page(two_year_build)
               if not (two_year_build / target).is_file()]
    assert not missing, "\n".join(missing)


def test_every_anchor_a_link_names_is_on_its_page(two_year_build: Path) -> None:
    ids: dict[str, set[str]] = {}
    report: list[str] = []
    for rel, href, target in _links_of_every_page(two_year_build):
        fragment = href.partition("#")[2]
        if fragment and target.endswith(".html") and (two_year_build / target).is_file():
            if target not in ids:
                ids[target] = set(re.findall(r'\sid="([^"]+)"', _read(two_year_build, target)))
            if fragment not in ids[target]:
                report.append(f"{rel}: {href}: {target} has no #{fragment}")
    assert not report, "\n".join(report)


ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def test_a_year_page_s_other_language_is_the_same_year_s_page(two_year_build: Path) -> None:
    redirects = redirect_pages(two_year_build)
    report: list[str] = []
    checked = 0
    for lang in LANGS:
        for path in sorted((two_year_build / lang).rglob("index.html")):
            rel = path.relative_to(two_year_build).as_posix()
            if rel in redirects or "/embed/" in rel:
                continue
            same = rel.partition("/")[2]  # 2025/areas/industry/index.html
            found = {code: _resolve(rel, href) for code, href in ALTERNATE.findall(path.read_text(encoding="utf-8"))}
            expected = {"zh-CN": f"zh/{same}", "en": f"en/{same}", "x-default": f"zh/{same}"}
            checked += same[:4].isdigit()  # a year's page
            if found != expected or not all((two_year_build / target).is_file() for target in found.values()):
                report.append(f"{rel}: {found}")
    # Each year's home, indicators page, area and indicator pages, in both languages, were checked.
    assert checked == 2 * sum(2 + len(p["areas"]) + len(p["indicators"]) for p in PLANS.values())
    assert not report, "\n".join(report)
