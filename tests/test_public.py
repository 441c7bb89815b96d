"""What the public and their tools get besides pages: the Atom feeds, sitemap, robots.txt, canonical and
preview metadata, JSON-LD, 404 pages, the search index and "last updated" dates taken from the data.

The feed is checked against the MUSTs of RFC 4287 and the sitemap against the sitemaps.org protocol
(with Google's hreflang rules), one rule per assertion.
"""

from __future__ import annotations

import copy
import html as html_module
import json
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest
from conftest import MINI_DATA, REPO, invoke, write_site

from site_builder.errors import SiteBuilderError
from site_builder.output import folder as folder_writer
from site_builder.pages.discovery import page_meta
from site_builder.pages.theme import make_environment
from site_builder.pipeline import build
from site_builder.sources.config import DEFAULT_THEME

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
BASE = "https://plan.example.org/shaoxing/"


def outcome_count(data: dict) -> int:
    targets = [t for a in data["areas"] for c in a["commitments"] for t in c.get("targets", [])]
    targets += [t for i in data["indicators"] for t in i["targets"]]
    return sum(len(t.get("outcomes", [])) for t in targets)


def check_atom(feed_file: Path, build_dir: Path) -> list[ET.Element]:
    """RFC 4287's requirements on a feed and its entries; returns the entries."""
    root = ET.parse(feed_file).getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, f"atom:feed needs exactly one atom:{name}"
    assert RFC3339.match(root.findtext(f"{ATOM}updated"))
    assert re.match(r"^[a-z][a-z0-9+.-]*:", root.findtext(f"{ATOM}id")), "atom:id must be an absolute IRI"
    feed_has_author = root.find(f"{ATOM}author") is not None
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)), "two entries share an atom:id"
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, f"atom:entry needs exactly one atom:{name}"
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert feed_has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None, "an entry without an author"
        alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1 and entry.find(f"{ATOM}summary") is not None
        assert_link_resolves(feed_file, build_dir, alternates[0].get("href"))
    newest = max((e.findtext(f"{ATOM}updated") for e in entries), default=None)
    if newest:
        assert root.findtext(f"{ATOM}updated") == newest
    return entries


def assert_link_resolves(from_file: Path, build_dir: Path, href: str) -> None:
    """A feed link points at a built page, and its #anchor is an id on that page."""
    address, _, anchor = href.partition("#")
    if address.startswith(BASE):
        target = build_dir / address[len(BASE):]
    else:
        assert not urlsplit(address).scheme, href
        target = Path(posixpath.normpath(posixpath.join(from_file.parent.as_posix(), address)))
    page = target / "index.html" if address.endswith("/") or address == "" else target
    assert page.is_file(), href
    if anchor:
        assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), href


@pytest.fixture(scope="module")
def hosted_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project in a scratch copy whose site.toml says where it is published."""
    root = tmp_path_factory.mktemp("hosted") / "project"
    for name in ("data", "content"):
        shutil.copytree(REPO / name, root / name)
    (root / "site.toml").write_text(f'base_url = "{BASE.rstrip("/")}"\n', encoding="utf-8")
    out = root / "build"
    result = invoke("build", "--source", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def kind(entry: ET.Element) -> str:
    return entry.find(f"{ATOM}category").get("term")


def test_each_language_has_an_atom_feed_with_every_outcome_and_status_change(bundled_build: Path) -> None:
    data = json.loads((REPO / "data" / "targets.json").read_text(encoding="utf-8"))
    for lang in ("zh", "en"):
        entries = check_atom(bundled_build / lang / "feed.xml", bundled_build)
        assert sum(kind(e) == "outcome" for e in entries) == outcome_count(data) > 0
        changes = [e.findtext(f"{ATOM}title") for e in entries if kind(e) == "status"]
        assert changes
        # Every bundled outcome was added on one day, so each change starts from "not yet reported".
        was = "尚未报告 →" if lang == "zh" else "Not yet reported →"
        assert all(was in title for title in changes), changes
    page = (bundled_build / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" href="feed.xml"' in page


def test_feed_lists_newest_outcomes_first_with_the_dates_of_source_and_site(site: Path) -> None:
    build(site, site / "build")
    entries = check_atom(site / "build" / "en" / "feed.xml", site / "build")
    assert [(e.findtext(f"{ATOM}updated")[:10], e.findtext(f"{ATOM}title")) for e in entries] == [
        ("2022-03-05", "GDP growth: On track → Met"),
        ("2022-03-05", "GDP growth: Full year 2021 8.7%"),
        ("2021-08-02", "GDP growth: Not yet reported → On track"),
        ("2021-08-02", "GDP growth: H1 2021 13.7%"),
    ]
    # An outcome says when its source published it and when the site added it, and names the source's
    # publisher; a status change is the site's own computation, and names the site.
    assert ("Source: Statistical bulletin, published 1 March 2022; added to this site on 5 March 2022"
            in entries[1].findtext(f"{ATOM}summary"))
    assert entries[1].findtext(f"{ATOM}author/{ATOM}name") == "Statistics bureau"
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == "Test plan (this site)"
    assert "this site's computed status changed" in entries[0].findtext(f"{ATOM}summary")
    assert "Target: at least 7% · Outcome: 8.7% · Met" in entries[0].findtext(f"{ATOM}summary")
    assert entries[0].find(f"{ATOM}link").get("href") == "indicators/gdp-growth/"


def test_hosted_feed_and_pages_use_absolute_addresses(hosted_build: Path) -> None:
    for lang in ("zh", "en"):
        entries = check_atom(hosted_build / lang / "feed.xml", hosted_build)
        assert all(e.find(f"{ATOM}link").get("href").startswith(BASE + lang + "/") for e in entries)
    page = (hosted_build / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}en/areas/industry/">' in page
    assert f'<meta property="og:url" content="{BASE}en/areas/industry/">' in page


def test_sitemap_lists_every_page_with_its_language_versions(hosted_build: Path) -> None:
    text = (hosted_build / "sitemap.xml").read_bytes()
    assert len(text) < 50 * 1024 * 1024
    root = ET.fromstring(text)
    assert root.tag == f"{SITEMAP}urlset"
    urls = root.findall(f"{SITEMAP}url")
    assert 0 < len(urls) <= 50_000
    locs = []
    for url in urls:
        children = list(url)
        assert children[0].tag == f"{SITEMAP}loc", "loc comes first"
        loc = children[0].text
        assert loc.startswith(BASE) and len(loc) <= 2048
        locs.append(loc)
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        assert all(link.get("rel") == "alternate" for link in url.findall(f"{XHTML}link"))
        # Google's rules: each version lists every version, itself included.
        assert set(alternates) == {"zh-CN", "en"} and loc in alternates.values()
    assert len(locs) == len(set(locs))
    pages = {p.relative_to(hosted_build).as_posix() for p in hosted_build.glob("*/**/index.html")}
    # Not the search page, nor chart embeds (their canonical address is the page showing the chart).
    listed = {BASE + p.removesuffix("index.html") for p in pages if "/search/" not in p and "/embed/" not in p}
    assert set(locs) == listed
    robots = (hosted_build / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


def test_without_base_url_no_sitemap_and_relative_canonical_links(bundled_build: Path) -> None:
    assert not (bundled_build / "sitemap.xml").exists()
    assert "Sitemap:" not in (bundled_build / "robots.txt").read_text(encoding="utf-8")
    for page in bundled_build.glob("*/**/index.html"):
        if "embed" in page.parts:
            continue  # an embed's canonical link is the page that shows its chart
        html = page.read_text(encoding="utf-8")
        assert '<link rel="canonical" href="./">' in html, page
        assert "og:url" not in html


def test_base_url_must_be_an_http_address(site: Path) -> None:
    (site / "site.toml").write_text('theme = "default"\nbase_url = "plan.example.org"\n', encoding="utf-8")
    result = invoke("build", "--source", str(site))
    assert result.returncode == 1
    assert result.stderr.startswith("site.toml:2:1: error: 'base_url' must be an http(s) address")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [("", "../../../assets/preview/zh/areas/industry.png"), (BASE, BASE + "assets/preview/zh/areas/industry.png")],
)
def test_preview_image_is_relative_or_absolute(base_url: str, expected: str) -> None:
    meta = page_meta("zh/areas/industry/index.html", "zh", base_url, "assets/preview/zh/areas/industry.png")
    assert meta["preview_url"] == expected
    env = make_environment([DEFAULT_THEME])
    context = {
        **meta, "t": lambda key, **values: key, "plan": {"short_title": "Plan"}, "page_title": "Industry",
        "summary": "", "base_url": base_url, "preview_image": "assets/preview/zh/areas/industry.png",
        "preview_alt": "", "json_ld": None,
    }
    html = env.get_template("partials/meta.html").render(context)
    assert f'<meta property="og:image" content="{expected}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    without = env.get_template("partials/meta.html").render({**context, "preview_image": "", "preview_url": ""})
    assert "og:image" not in without and '<meta name="twitter:card" content="summary">' in without


def test_indicators_page_describes_its_dataset_in_json_ld(hosted_build: Path) -> None:
    html = (hosted_build / "en" / "indicators" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found
    dataset = json.loads(found.group(1))
    assert dataset["@type"] == "Dataset" and dataset["inLanguage"] == "en"
    assert dataset["url"] == BASE + "en/indicators/"
    assert len(dataset["variableMeasured"]) == 37
    # Modified when the newest outcome entered the dataset, not when the site was built.
    assert dataset["dateModified"] == max(_added_dates())
    assert dataset["isBasedOn"]["url"].startswith("http")


def test_every_page_dates_its_figures_by_their_source_and_by_when_the_site_added_them(site: Path) -> None:
    build(site, site / "build")
    industry = (site / "build" / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    # The page's newest source is dated 2022-03-01, its newest outcome was added 2022-03-05; neither the
    # build's own date nor the plan's (2021-03-04) dates its figures.
    assert ('Newest dated source published <time datetime="2022-03-01">1 March 2022</time> · '
            'added to this site <time datetime="2022-03-05">5 March 2022</time>') in industry
    assert MINI_DATA["plan"]["published"] not in industry.split('class="site-footer"')[1].split("feed.xml")[0]
    zh = (site / "build" / "zh" / "indicators" / "index.html").read_text(encoding="utf-8")
    assert '最新一份发布于 <time datetime="2022-03-01">2022年3月1日</time>' in zh
    assert '本站录入于 <time datetime="2022-03-05">2022年3月5日</time>' in zh


def test_a_source_without_a_date_is_said_to_have_none(tmp_path: Path) -> None:
    data = copy.deepcopy(MINI_DATA)
    del data["sources"][0]["date"]
    site = write_site(tmp_path / "site", data=data)
    build(site, site / "build")
    page = (site / "build" / "en" / "indicators" / "gdp-growth" / "index.html").read_text(encoding="utf-8")
    footer = page.split('class="site-footer"')[1]
    assert 'Sources give no publication date · added to this site <time datetime="2022-03-05">' in footer
    feed = (site / "build" / "en" / "feed.xml").read_text(encoding="utf-8")
    assert "Source: Statistical bulletin, which gives no date of publication; added to this site on 5 March 2022" \
        in feed


def test_each_chart_dates_its_own_figures_and_one_without_any_says_so(site: Path) -> None:
    build(site, site / "build")
    html = (site / "build" / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="chart" id="chart-([a-z-]+)-figure"[^>]*>(.*?)</figure>', html, re.S)
    dated = re.compile(r'class="chart-updated[^"]*">(.*?)</p>', re.S)
    lines = {name: html_module.unescape(re.sub(r"<[^>]+>", "", dated.search(body).group(1))) for name, body in charts}
    # GDP growth has outcomes; consumer prices has none, so it says so, with the day the site's data was
    # last revised (never the plan's date); the area's status chart counts both.
    assert lines == {
        "gdp-growth": "Newest dated source published 1 March 2022 · added to this site 5 March 2022",
        "cpi": "No figures reported yet · this site's data last revised 5 March 2022",
        "area-industry": "Newest dated source published 1 March 2022 · added to this site 5 March 2022",
    }


def test_two_builds_are_identical(site: Path) -> None:
    build(site, site / "one")
    build(site, site / "two")
    one = {p.relative_to(site / "one"): p.read_bytes() for p in (site / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(site / "two"): p.read_bytes() for p in (site / "two").rglob("*") if p.is_file()}
    assert one == two


def test_search_index_per_language_holds_the_content_pages_only(bundled_build: Path) -> None:
    entry = json.loads((bundled_build / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # Home, the areas, the indicator list, one page per indicator and the methodology page: not the search
    # page, not the 404 page.
    data = json.loads((REPO / "data" / "targets.json").read_text(encoding="utf-8"))
    pages_per_language = 1 + len(data["areas"]) + 1 + len(data["indicators"]) + 1
    counts = {lang: v["page_count"] for lang, v in entry["languages"].items()}
    assert counts == {"zh-cn": pages_per_language, "en": pages_per_language}
    assert (bundled_build / "pagefind" / "pagefind.js").is_file()
    for lang in ("zh", "en"):
        assert "data-pagefind-body" not in (bundled_build / lang / "search" / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" in (bundled_build / lang / "index.html").read_text(encoding="utf-8")


def test_a_failed_search_index_leaves_the_previous_site(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = site / "build"
    build(site, out)
    before = (out / "en" / "index.html").read_bytes()

    class Broken(folder_writer.SearchIndex):  # pagefind ran, and failed
        def finish(self) -> None:
            raise SiteBuilderError("search index: pagefind failed")

    monkeypatch.setattr(folder_writer, "SearchIndex", Broken)
    (site / "content" / "en" / "index.md").write_text("---\ntitle: Changed\n---\nNew.\n", encoding="utf-8")
    with pytest.raises(SiteBuilderError):
        build(site, out)
    assert (out / "en" / "index.html").read_bytes() == before
    assert not list(site.glob(".build.building-*"))


def test_each_language_has_a_404_page(hosted_build: Path, bundled_build: Path) -> None:
    for lang, title in (("zh", "找不到该页面"), ("en", "Page not found")):
        html = (hosted_build / lang / "404.html").read_text(encoding="utf-8")
        assert f"<h1>{title}</h1>" in html
        assert '<meta name="robots" content="noindex">' in html and 'rel="canonical"' not in html
        # Served at any missing address, so its links are absolute when the address is known.
        assert f'href="{BASE}assets/site.css"' in html and f'href="{BASE}{lang}/indicators/"' in html
        relative = (bundled_build / lang / "404.html").read_text(encoding="utf-8")
        assert 'href="../assets/site.css"' in relative


def _bundled_outcomes() -> list[tuple[dict, dict]]:
    """Every outcome of the bundled data, with its source."""
    data = json.loads((REPO / "data" / "targets.json").read_text(encoding="utf-8"))
    sources = {s["id"]: s for s in data["sources"]}
    targets = [t for a in data["areas"] for c in a["commitments"] for t in c.get("targets", [])]
    targets += [t for i in data["indicators"] for t in i["targets"]]
    return [(o, sources[o["source"]]) for t in targets for o in t.get("outcomes", [])]


def _added_dates() -> set[str]:
    return {outcome["added"] for outcome, _ in _bundled_outcomes()}


def test_bundled_outcomes_are_dated_when_they_entered_this_dataset() -> None:
    # The days this dataset was edited: the first entry of the outcomes, and the addendum of interim
    # figures found since (shared/reference/shaoxing-2021-outcomes.md, 2026-12-01).
    assert _added_dates() == {"2026-11-26", "2026-12-01"}
    for outcome, source in _bundled_outcomes():
        if source.get("date"):
            assert outcome["added"] >= source["date"], f"added before its source was published: {outcome}"


def test_every_page_has_a_canonical_link_and_a_last_updated_date(bundled_build: Path) -> None:
    pages = sorted(bundled_build.rglob("*.html"))
    assert len(pages) >= 29
    for page in pages:
        if page.parent.name == "pagefind" or "pagefind" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', html), page
        if page.name == "404.html":
            assert 'rel="canonical"' not in html  # a 404 page has no address of its own
        else:
            assert html.count('rel="canonical"') == 1, page
