"""The files beside the pages of the site of two plan years (two_year_plan.py: Qingshui, 2025 and 2026), built
once (`two_year_build`): the sitemap lists each year's pages and the track record but no redirect or embed
(on a copy with base_url), the open data holds both years' rows, the feed announces the new year, and the
search index holds both years' pages, each with its year."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import invoke, redirect_pages
from test_search_shards import shard_pages
from test_two_year_site import LANGS, YEARS, _read, _resolve
from two_year_plan import PLANS, REPORT

BASE = "https://plan.example.org/qingshui/"


@pytest.fixture(scope="module")
def hosted_two_year_build(two_year_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-year site in a scratch copy whose site.toml says where it is published (for its sitemap)."""
    root = tmp_path_factory.mktemp("hosted-two-year") / "site"
    shutil.copytree(two_year_site, root)
    (root / "site.toml").write_text(f'base_url = "{BASE.rstrip("/")}"\n', encoding="utf-8")
    result = invoke("build", "--source", str(root), "--out", str(root / "build"))
    assert result.returncode == 0, result.stderr
    return root / "build"


def test_the_sitemap_lists_every_year_s_pages_and_the_track_record_but_no_redirect_or_embed(
    hosted_two_year_build: Path,
) -> None:
    build = hosted_two_year_build
    tree = ET.fromstring((build / "sitemap.xml").read_bytes())
    listed = [loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(listed) == len(set(listed))
    pages = {f"{BASE}{loc}" for loc in (rel.removesuffix("index.html") for rel in (
        p.relative_to(build).as_posix() for p in build.rglob("index.html")))
        if loc.startswith(LANGS) and "/embed/" not in loc and "/search/" not in loc}
    redirects = {f"{BASE}{rel.removesuffix('index.html')}" for rel in redirect_pages(build)}
    assert redirects & pages  # the old addresses of 2025's area and indicator pages (its embeds aside)
    assert set(listed) == pages - redirects
    for lang in LANGS:
        assert f"{BASE}{lang}/track-record/" in listed
        assert {f"{BASE}{lang}/{year}/" for year in YEARS} <= set(listed)
    # A redirect page names its year's page as canonical, at its full address.
    for rel in redirect_pages(build):
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', _read(build, rel))
        lang, _, rest = rel.partition("/")
        assert canonical and canonical.group(1) == f"{BASE}{lang}/{YEARS[0]}/{rest.removesuffix('index.html')}", rel


def _csv(build: Path, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((build / "data" / f"{table}.csv").read_text(encoding="utf-8-sig"))))


def _plan_targets(plan: dict) -> int:
    return (sum(len(i["targets"]) for i in plan["indicators"])
            + sum(len(c.get("targets", [])) for a in plan["areas"] for c in a["commitments"]))


def test_the_open_data_has_the_rows_of_both_years(two_year_build: Path) -> None:
    for table in ("areas", "commitments", "indicators", "targets", "outcomes", "sources"):
        assert {row["plan_year"] for row in _csv(two_year_build, table)} == {"2025", "2026"}, table
        records = json.loads((two_year_build / "data" / f"{table}.json").read_text(encoding="utf-8"))
        assert {record["plan_year"] for record in records} == {2025, 2026}, table
    targets = _csv(two_year_build, "targets")
    for year, plan in PLANS.items():
        assert sum(row["plan_year"] == str(year) for row in targets) == _plan_targets(plan), year
    late = [row for row in _csv(two_year_build, "outcomes") if row["source_id"] == REPORT["id"]]
    assert [(row["plan_year"], row["value"]) for row in late] == [("2025", "7.1")]


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_announces_the_new_plan_year_and_links_each_entry_to_its_year_s_page(two_year_build: Path) -> None:
    redirects = redirect_pages(two_year_build)
    for lang in LANGS:
        entries = ET.fromstring((two_year_build / lang / "feed.xml").read_bytes()).findall(f"{ATOM}entry")
        links = {entry.find(f"{ATOM}category").get("term"): [] for entry in entries}
        for entry in entries:
            links[entry.find(f"{ATOM}category").get("term")].append(entry.find(f"{ATOM}link").get("href"))
        assert links.get("plan_year") == ["2026/"], lang
        targets = [_resolve(f"{lang}/feed.xml", href) for hrefs in links.values() for href in hrefs]
        assert [t for t in targets if t in redirects or not (two_year_build / t).is_file()] == [], lang
        assert {t.split("/")[1] for t in targets} == {"2025", "2026"}, lang  # both years' outcomes


def test_the_search_index_holds_both_years_pages_each_with_its_year(two_year_build: Path) -> None:
    listed = json.loads((two_year_build / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    bundles = [two_year_build / "pagefind", *(two_year_build / "pagefind" / name for names in listed.values()
                                              for name in names)]
    indexed = {url for bundle in bundles for url in shard_pages(bundle)}
    redirects = {f"/{rel.removesuffix('index.html')}" for rel in redirect_pages(two_year_build)}
    marked = {"/" + p.relative_to(two_year_build).as_posix().removesuffix("index.html")
              for p in two_year_build.rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    assert indexed == marked and not indexed & redirects and not any("/embed/" in url for url in indexed)
    for lang in LANGS:
        for year, plan in PLANS.items():
            expected = {f"/{lang}/{year}/", *(f"/{lang}/{year}/areas/{a['id']}/" for a in plan["areas"]),
                        *(f"/{lang}/{year}/indicators/{i['id']}/" for i in plan["indicators"])}
            assert expected <= indexed, (lang, year, sorted(expected - indexed))
        assert f"/{lang}/track-record/" in indexed
    # Each year's pages carry their year, so that a result says which plan it is of (search.js shows it).
    years = {}
    for bundle in bundles:
        for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(fragment.read_bytes())
            record = json.loads(data[data.index(b"{"):])
            years[record["url"]] = record["meta"].get("year")
    wrong = {url: year for url, year in years.items()
             if year != (url.split("/")[2] if url.split("/")[2].isdigit() else "2026" if url.count("/") == 2 else None)}
    assert not wrong, wrong
