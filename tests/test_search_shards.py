"""A large plan's search index comes in shards (pagefind holds every page it indexes in memory), and the
search page merges them: a page indexed in any shard is found."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import threading
from pathlib import Path

import pytest
from browsing import SUB_PATH, SubPathHandler
from conftest import write_site

from site_builder.pages import search
from site_builder.pipeline import build


def shard_pages(bundle: Path) -> list[str]:
    """The page addresses one index (a pagefind bundle folder) holds, from its fragment files."""
    urls = []
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[data.index(b"{"):])["url"])
    return sorted(urls)


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site built once with tiny shards; both tests only read it."""
    site = write_site(tmp_path_factory.mktemp("sharded") / "site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_BYTES", 48_000)  # one or two pages of the small site
        build(site, site / "build")
    return site / "build"


def test_each_language_is_indexed_in_shards_of_the_given_size_and_none_is_lost(sharded: Path) -> None:
    def size(url: str) -> int:
        return (sharded / url.lstrip("/") / "index.html").stat().st_size

    listed = json.loads((sharded / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    for lang in ("zh", "en"):
        marked = sorted(
            "/" + p.relative_to(sharded).as_posix().removesuffix("index.html")
            for p in (sharded / lang).rglob("*.html")
            if "data-pagefind-body" in p.read_text(encoding="utf-8")
        )
        main = [url for url in shard_pages(sharded / "pagefind") if url.startswith(f"/{lang}/")]
        shards = [main] + [shard_pages(sharded / "pagefind" / name) for name in listed[lang]]
        assert len(shards) >= 3 and any(len(pages) > 1 for pages in shards)
        # Each shard holds no more HTML than allowed, unless it is a single page.
        assert all(sum(map(size, pages)) <= 48_000 or len(pages) == 1 for pages in shards)
        assert sorted(url for pages in shards for url in pages) == marked  # each page once
        for name in listed[lang]:  # an index and pagefind's scripts, not its ready-made interfaces
            assert (sharded / "pagefind" / name / "pagefind.js").is_file()
            assert not (sharded / "pagefind" / name / "pagefind-ui.js").exists()


@pytest.mark.browser
def test_search_finds_a_page_that_only_a_later_shard_holds(browser, sharded: Path) -> None:
    listed = json.loads((sharded / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    last = sharded / "pagefind" / listed["en"][-1]
    target = shard_pages(last)[-1]
    title = ""
    for fragment in sorted((last / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        if record["url"] == target:
            title = record["meta"]["title"]
    assert title
    handler = functools.partial(SubPathHandler, directory=str(sharded))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}en/search/?q={title}")
        page.wait_for_function("document.querySelectorAll('#search-results > li').length > 0", timeout=15_000)
        hrefs = page.locator("#search-results > li > h2 a").evaluate_all("l => l.map(a => a.getAttribute('href'))")
        page.close()
    finally:
        server.shutdown()
    assert SUB_PATH.rstrip("/") + target in hrefs
    assert not errors
