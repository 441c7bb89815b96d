"""Fixtures: a small bilingual site written inline (lektor's habit); the bundled and hostile sites built
once; one browser, and one visit of every page, for the whole session; Hypothesis's profiles."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import AXE, CSP, Visit, browser_missing, launch, representatives, serving, site_pages, visit_pages
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
ON_CI = os.environ.get("CI") == "true"

# Hypothesis: a few examples where a person waits for the suite, many more on CI (CI=true); the same
# examples on every run (derandomize), so CI never fails on a new seed. HYPOTHESIS_PROFILE=ci runs CI's
# share locally. A test whose examples cost less asks for a multiple of max_examples (test_properties.py).
settings.register_profile(
    "dev", max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow],
    report_multiple_bugs=False,
)
settings.register_profile("ci", settings.get_profile("dev"), max_examples=100)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if ON_CI else "dev"))

MINI_DATA: dict = {
    "$schema": "./targets.schema.json",
    "plan": {
        "title": {"zh": "测试计划", "en": "Test plan"},
        "short_title": {"zh": "测试计划", "en": "Test plan"},
        "issuer": {"zh": "测试市人民政府", "en": "Test City Government"},
        "document_number": "测政发〔2021〕1号",
        "year": 2021,
        "adopted": "2021-03-01",
        "approved_by": {"zh": "测试会议", "en": "A test session"},
        "published": "2021-03-04",
        "source": "S1",
        "source_url": "https://example.org/plan",
    },
    "units": [
        {"id": "percent", "zh": "%", "en": "%", "kind": "percent"},
        {"id": "machines", "zh": "台", "en": "machines", "kind": "quantity"},
    ],
    "sources": [
        {
            "id": "S1",
            "title": {"zh": "统计公报", "en": "Statistical bulletin"},
            "publisher": {"zh": "统计局", "en": "Statistics bureau"},
            "date": "2022-03-01",
            "url": "https://example.org/bulletin",
            "official": True,
        }
    ],
    "areas": [
        {
            "id": "industry",
            "number": 1,
            "title": {"zh": "构建现代产业体系", "en": "Building a modern industrial system"},
            "commitments": [
                {
                    "id": "industry-1",
                    "number": 1,
                    "title": {"zh": "推进数字化", "en": "Going digital"},
                    "text": {"zh": "新增应用工业机器人2000台。", "en": "Put 2,000 new industrial robots to use."},
                    "targets": [
                        {
                            "id": "industrial-robots",
                            "label": {"zh": "新增应用工业机器人", "en": "New industrial robots in use"},
                            "kind": "reach",
                            "value": 2000,
                            "unit": "machines",
                            "wording": {"zh": "新增应用工业机器人2000台", "en": "2,000 new industrial robots"},
                        }
                    ],
                }
            ],
            "indicators": ["gdp-growth", "cpi"],
        }
    ],
    "categories": [{"id": "strength", "name": {"zh": "实力提升", "en": "Economic strength"}}],
    "indicators": [
        {
            "id": "gdp-growth",
            "name": {"zh": "地区生产总值增速", "en": "GDP growth"},
            "category": "strength",
            "unit": "percent",
            "direction": "higher",
            "target_text": {"zh": "7%以上", "en": "above 7%"},
            "targets": [
                {
                    "id": "gdp-growth",
                    "kind": "at_least",
                    "value": 7,
                    "unit": "percent",
                    "outcomes": [
                        {"period": "h1", "year": 2021, "value": 13.7, "source": "S1", "added": "2021-08-02"},
                        {"period": "year", "year": 2021, "value": 8.7, "source": "S1", "added": "2022-03-05"},
                    ],
                }
            ],
        },
        {
            "id": "cpi",
            "name": {"zh": "居民消费价格涨幅", "en": "Consumer prices"},
            "category": "strength",
            "unit": "percent",
            "direction": "lower",
            "target_text": {"zh": "3%左右", "en": "about 3%"},
            "targets": [{"id": "cpi", "kind": "about", "value": 3, "unit": "percent"}],
        },
    ],
}

PAGES = {
    "content/zh/index.md": "---\ntitle: 首页\nsummary: 测试首页\n---\n## 概况\n\n第一行\n第二行\n",
    "content/en/index.md": "---\ntitle: Home\nsummary: Test home\n---\n## Overview\n\nText.\n",
    "content/zh/areas/industry.md": (
        "---\ntitle: 构建现代产业体系\nsummary: 产业\n---\n## 数字经济\n\n说明。\n\n```chart\ngdp-growth\n```\n"
    ),
    "content/en/areas/industry.md": (
        "---\ntitle: Building a modern industrial system\nsummary: Industry\n---\n## Digital economy\n\nText.\n\n"
        "```chart\ngdp-growth\n```\n"
    ),
}


def write_site(root: Path, data: dict | None = None, pages: dict[str, str] | None = None) -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "targets.json").write_text(
        json.dumps(data if data is not None else MINI_DATA, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    for rel, text in (pages if pages is not None else PAGES).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def mini_data() -> dict:
    return copy.deepcopy(MINI_DATA)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small valid bilingual site, written inline."""
    return write_site(tmp_path / "site")


def pytest_configure(config: pytest.Config) -> None:
    # Many tests build small sites with the same charts: share one chart cache among them (entries are
    # named by a hash of what they draw), so the suite renders each distinct chart and image once.
    if "SITE_BUILDER_CACHE_DIR" not in os.environ:
        os.environ["SITE_BUILDER_CACHE_DIR"] = tempfile.mkdtemp(prefix="site-builder-test-cache-")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The browser tests last: the one browser of the session then starts after every other test. While
    # Playwright's synchronous API is open, asyncio.run() refuses to start (test_serve.py uses it).
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def run_cli(*args: str, cwd: Path | None = None, own_cache: bool = False) -> subprocess.CompletedProcess:
    """Runs the command line as a process (`python -m site_builder`), for tests of the process itself: its
    exit status, signals, its environment. own_cache=True gives it the project's own chart cache."""
    env = {k: v for k, v in os.environ.items() if not (own_cache and k == "SITE_BUILDER_CACHE_DIR")}
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env,
        check=False,
    )


def invoke(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Runs the command line in this process (click's runner), as `run_cli` would run it as a process:
    the same commands, output and exit status, without starting Python again. An exception the command
    does not turn into a message and an exit status propagates, as a crash."""
    from site_builder.cli import main

    with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
        result = CliRunner().invoke(main, list(args), prog_name="site-builder", catch_exceptions=False)
    return subprocess.CompletedProcess(["site-builder", *args], result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled Shaoxing site, built once for the whole session (tests read it, never change it)."""
    out = tmp_path_factory.mktemp("bundled") / "build"
    result = invoke("build", "--source", str(REPO), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose every editor-written text carries script payloads (hostile_site.py), built once."""
    from hostile_site import write_hostile_site  # it imports this module

    root = write_hostile_site(tmp_path_factory.mktemp("hostile") / "site")
    result = invoke("build", "--source", str(root), "--out", str(root / "build"))
    assert result.returncode == 0, result.stderr
    return root / "build"


@pytest.fixture(scope="session")
def second_plan_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fictional plan of another city and year (second_plan.py: Qingshui, 2025), built once with --strict."""
    from second_plan import write_second_plan

    root = write_second_plan(tmp_path_factory.mktemp("second-plan") / "site")
    result = invoke("build", "--strict", "--source", str(root), "--out", str(root / "build"))
    assert result.returncode == 0, result.stderr
    return root / "build"


@pytest.fixture(scope="session")
def two_year_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sources of a site of two plan years (two_year_plan.py: Qingshui, 2025 and 2026), written once: the
    folder to pass as --source. Not built: tests read it, never change it (copy it to break it)."""
    from two_year_plan import write_two_year_site

    return write_two_year_site(tmp_path_factory.mktemp("two-year-plan") / "site")


def redirect_pages(build: Path) -> set[str]:
    """The pages of a build that only send the reader on (meta refresh): a multi-year site's first year's old
    one-year addresses."""
    return {p.relative_to(build).as_posix() for p in build.rglob("*.html")
            if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")}


@pytest.fixture(scope="session")
def two_year_build(two_year_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`two_year_site` built once with --strict (tests read it, never change it). Strict fails on every warning,
    but not on a note: the build reports only the one drop no editor confirmed (afforestation, a [dropped] note)."""
    out = tmp_path_factory.mktemp("two-year-build") / "build"
    result = invoke("build", "--strict", "--source", str(two_year_site), "--out", str(out))
    assert result.returncode == 0, result.stderr
    [note] = result.stderr.splitlines()
    assert ": note: target 'afforestation' " in note and note.endswith("[dropped]"), note
    return out


@pytest.fixture(scope="session")
def two_year_visits(browser, two_year_build: Path) -> dict[str, Visit]:
    """Every page of the two-year site visited once, as `second_plan_visits` visits the second plan's, but for
    the redirect pages (a visit would leave them at once: test_two_year_browser.py follows three of them with
    JavaScript off). A chart is made live on the home pages and on one track chart's embed per language."""
    redirects = redirect_pages(two_year_build)
    pages = [rel for rel in site_pages(two_year_build) if rel not in redirects]
    chosen = representatives(two_year_build, pages).values()
    live = {"zh/index.html", "en/index.html", *(f"{lang}/track-record/embed/track-2025-gdp-growth/index.html"
                                                 for lang in ("zh", "en"))}
    with serving(two_year_build, CSP, report_only=True) as base:
        return visit_pages(
            browser, base, pages, axe_source=AXE.read_text(encoding="utf-8") if AXE.is_file() else None,
            dark={rel for group in chosen for rel in group}, interact_on=live,
        )


@pytest.fixture
def copy_of_repo_sources(tmp_path: Path) -> Path:
    """The bundled project's sources in a scratch folder, to break on purpose."""
    root = tmp_path / "project"
    for name in ("data", "content"):
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one for the session. Without it the browser tests skip with
    a notice; on CI (CI=true) they fail instead."""
    missing = browser_missing()
    if missing:
        if ON_CI:
            pytest.fail(f"browser tests cannot run on CI: {missing}")
        pytest.skip(f"BROWSER TESTS SKIPPED: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served(bundled_build: Path) -> Iterator[str]:
    """The bundled build served under a sub-path, with no policy."""
    with serving(bundled_build) as base:
        yield base


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from node_modules (npm ci; pinned in package-lock.json). Without it the axe tests skip
    with a notice; on CI they fail."""
    if not AXE.is_file():
        if ON_CI:
            pytest.fail("axe-core is not installed: run npm ci")
        pytest.skip("AXE TESTS SKIPPED: axe-core is not installed (npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def bundled_visits(browser, bundled_build: Path) -> dict[str, Visit]:
    """Every page of the bundled build (its index pages and both 404 pages), each visited once.

    Served with the strict policy of test_csp.py as Content-Security-Policy-Report-Only: the browser
    reports each violation as it would under the enforced policy, but blocks nothing, so the same visit
    also shows what the page does with no policy (a request to another host is made and seen, not
    silently blocked). A page that reports nothing runs the same under the enforced policy, which only
    blocks what it reports; test_embed_browser.py downloads a PNG under the enforced one.

    axe-core runs on every page in the light scheme, and in the dark scheme on the fewest pages of each
    language and template that show every kind of element that template has (`representatives`); the
    first of those pages also has a chart hovered and its menus opened."""
    pages = site_pages(bundled_build)
    groups = representatives(bundled_build, pages)
    with serving(bundled_build, CSP, report_only=True) as base:
        return visit_pages(
            browser, base, pages, axe_source=AXE.read_text(encoding="utf-8") if AXE.is_file() else None,
            dark={rel for chosen in groups.values() for rel in chosen},
            interact_on={chosen[0] for chosen in groups.values()},
        )


# Read from every page of the hostile site: what its reader sees of the payloads.
HOSTILE_PROBE = """() => ({
  h1: (document.querySelector("h1") || {innerText: null}).innerText,
  commitment: (document.querySelector(".commitment details p") || {textContent: null}).textContent,
  scriptLinks: document.querySelectorAll("main a[href^='javascript' i]").length,
})"""


@pytest.fixture(scope="session")
def hostile_visits(browser, hostile_build: Path) -> dict[str, Visit]:
    """Every page of the hostile site, each visited once under the report-only policy (so a payload that
    became markup would both run and be reported), with a chart hovered and menus opened on every page:
    the payloads are in every chart's texts too."""
    pages = site_pages(hostile_build)
    with serving(hostile_build, CSP, report_only=True) as base:
        return visit_pages(
            browser, base, pages, interact_on=set(pages), probe=lambda page: page.evaluate(HOSTILE_PROBE)
        )


@pytest.fixture(scope="session")
def second_plan_visits(browser, second_plan_build: Path) -> dict[str, Visit]:
    """Every page of the second plan visited once, as `bundled_visits` visits the bundled site's: under the
    report-only policy, axe in the light scheme everywhere and in the dark one on the representatives. A
    chart is made live only on the home pages (the bundled site's visits try every template; here it is
    the data that differs, and each interaction costs about a second)."""
    pages = site_pages(second_plan_build)
    chosen = representatives(second_plan_build, pages).values()
    with serving(second_plan_build, CSP, report_only=True) as base:
        return visit_pages(
            browser, base, pages, axe_source=AXE.read_text(encoding="utf-8") if AXE.is_file() else None,
            dark={rel for group in chosen for rel in group}, interact_on={"zh/index.html", "en/index.html"},
        )
