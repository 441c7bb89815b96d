"""No address the bundled one-year site publishes today breaks when a second plan year is added.

The bundled site (data/targets.json, content/) is turned into a site of two years: 2021 as it is, and a 2022
plan copied from it with the year changed, its outcomes removed and a line of commentary per page. Every file
of tests/baselines/one_year_site.json (the one-year site's output) is still there: a page is either a real
page or a redirect page to that page's 2021 version, and every other file (an embed's CSV, JSON and SVG,
the assets, the open data, the feeds) is still served at its address.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, invoke, redirect_pages
from test_one_year_unchanged import BASELINE

FIRST, NEXT = 2021, 2022
# What a page of the 2022 commentary says: check asks for a title and a summary, and no figure.
PLACEHOLDER = {"zh": "---\ntitle: 评述待补\nsummary: 评述待补\n---\n\n评述待补。\n",
               "en": "---\ntitle: Commentary to come\nsummary: Commentary to come\n---\n\nCommentary to come.\n"}
# pagefind names these files by a hash of what they index, so they change with every page indexed: no
# address a reader or another site keeps (the search page finds them from pagefind-entry.json).
HASHED = re.compile(r"pagefind/(fragment/|index/|pagefind\.[a-z-]+_[0-9a-f]+\.pf_meta$)")
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def write_two_year_bundled_site(root: Path) -> Path:
    """The bundled site's sources as a site of two plan years, 2021 (as it is) and 2022, into `root`."""
    plans = root / "data" / "plans"
    plans.mkdir(parents=True)
    shutil.copyfile(REPO / "data" / "targets.schema.json", root / "data" / "targets.schema.json")
    data = json.loads((REPO / "data" / "targets.json").read_text(encoding="utf-8"))
    data["$schema"] = "../targets.schema.json"
    (plans / f"{FIRST}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    data["plan"]["year"] = NEXT
    for target in [*(t for i in data["indicators"] for t in i["targets"]),
                   *(t for a in data["areas"] for c in a["commitments"] for t in c.get("targets", []))]:
        target.pop("outcomes", None)  # 2021's outcomes are 2021's; 2022 has none reported yet
    (plans / f"{NEXT}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    for lang in PLACEHOLDER:
        for page in sorted((REPO / "content" / lang).rglob("*.md")):
            rel = page.relative_to(REPO / "content" / lang)
            for year, text in ((FIRST, page.read_text(encoding="utf-8")), (NEXT, PLACEHOLDER[lang])):
                path = root / "content" / lang / str(year) / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def two_year_bundled_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_two_year_bundled_site(tmp_path_factory.mktemp("two-year-bundled") / "site")
    result = invoke("build", "--source", str(root), "--out", str(root / "build"))
    assert result.returncode == 0, result.stderr
    return root / "build"


def test_every_address_the_one_year_site_published_still_answers(two_year_bundled_build: Path) -> None:
    build = two_year_bundled_build
    published = [rel for rel in json.loads(BASELINE.read_text(encoding="utf-8"))["files"] if not HASHED.match(rel)]
    redirects = redirect_pages(build)
    report: list[str] = []
    kinds = {"page": 0, "redirect": 0, "file": 0}
    for rel in published:
        path = build / rel
        if not path.is_file():
            report.append(f"{rel}: gone")
        elif rel in redirects:
            kinds["redirect"] += 1
            page = path.read_text(encoding="utf-8")
            lang, _, rest = rel.partition("/")
            expected = f"{lang}/{FIRST}/{rest}"  # en/areas/industry/index.html -> en/2021/areas/industry/...
            refresh = REFRESH.search(page)
            target = refresh and posixpath.normpath(posixpath.join(posixpath.dirname(rel), refresh.group(1)))
            if target is None or f"{target}/index.html" != expected:
                report.append(f"{rel}: redirects to {target}, not to {expected}")
            elif not (build / expected).is_file() or expected in redirects:
                report.append(f"{rel}: redirects to {expected}, which is not a page")
            elif f'<link rel="canonical" href="{refresh.group(1)}">' not in page or 'name="robots" content="noindex"' \
                    not in page or f'<a href="{refresh.group(1)}">' not in page:
                report.append(f"{rel}: a redirect page without its canonical link, noindex or plain link")
        else:
            kinds["page" if rel.endswith(".html") else "file"] += 1
    # The old embeds' downloads are 2021's: the same bytes as at the year's address.
    for rel in published:
        lang, _, rest = rel.partition("/")
        year_file = build / lang / str(FIRST) / rest
        if rest.startswith("embed/") and not rest.endswith(".html") and (build / rel).is_file() \
                and (build / rel).read_bytes() != year_file.read_bytes():
            report.append(f"{rel}: not the same file as {lang}/{FIRST}/{rest}")
    assert not report, "\n".join(report)
    # Every area, indicator and embed page of 2021 was a redirect; the homes, methodology, search and 404
    # pages are the site-wide ones; the downloads, assets, open data and feeds are files.
    assert kinds["redirect"] == sum(1 for rel in published if rel.endswith("index.html")
                                    and rel.split("/")[1:2] in (["areas"], ["indicators"], ["embed"]))
    assert kinds["page"] == 9 and kinds["file"] > 300, kinds
