"""Partial rebuilds: an edit rewrites exactly the outputs that used what changed, and the result is the
same site a full build makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli, write_site

from site_builder.errors import ContentError
from site_builder.serve.incremental import SiteState


@pytest.fixture
def state(site: Path) -> SiteState:
    state = SiteState(site, site / "build")
    state.full()
    return state


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def same_as_full_build(site: Path) -> None:
    fresh = site / "fresh"
    result = run_cli("build", "--source", str(site), "--out", str(fresh))
    assert result.returncode == 0, result.stderr
    for page in fresh.rglob("*"):
        # The search index is rebuilt by full builds only: a partial rebuild keeps the last one.
        if page.is_file() and "pagefind" not in page.relative_to(fresh).parts:
            assert (site / "build" / page.relative_to(fresh)).read_bytes() == page.read_bytes(), page


def test_markdown_edit_rewrites_only_its_page(site: Path, state: SiteState) -> None:
    page = edit(site / "content" / "en" / "areas" / "industry.md", "Text.", "Edited text.")
    update = state.update({page})
    assert update.written == ("en/areas/industry/index.html",)
    industry = site / "build" / "en" / "areas" / "industry" / "index.html"
    assert "Edited text." in industry.read_text(encoding="utf-8")
    same_as_full_build(site)


def test_new_outcome_rewrites_the_pages_that_show_the_indicator(site: Path, state: SiteState, mini_data: dict) -> None:
    mini_data["indicators"][1]["targets"][0]["outcomes"] = [
        {"period": "year", "year": 2021, "value": 1.4, "source": "S1", "added": "2022-01-20"}
    ]
    write_site(site, mini_data, pages={})
    update = state.update({site / "data" / "targets.json"})
    pages = {path for path in update.written if path.endswith(".html") and "/embed/" not in path}  # embeds: below
    shown = ("areas/industry", "indicators", "indicators/cpi")
    assert pages == {
        f"{lang}/{page}/index.html" for lang in ("zh", "en") for page in shown
    } | {"zh/index.html", "en/index.html"}  # the home page counts reported indicators
    assert "en/indicators/gdp-growth/index.html" not in update.written
    assert "1.4%" in (site / "build" / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    same_as_full_build(site)


def test_data_section_nobody_shows_rewrites_nothing(site: Path, state: SiteState, mini_data: dict) -> None:
    cpi = mini_data["indicators"][1]
    mini_data["indicators"].append({**cpi, "id": "unused", "targets": [{**cpi["targets"][0], "id": "unused"}]})
    write_site(site, mini_data, pages={})
    update = state.update({site / "data" / "targets.json"})
    # Only pages listing every indicator change; the area page does not show it.
    assert "zh/areas/industry/index.html" not in update.written
    assert "zh/indicators/index.html" in update.written


def test_template_and_static_edits(site: Path, state: SiteState) -> None:
    theme = site / "themes" / "civic"
    (theme / "templates" / "partials").mkdir(parents=True)
    (site / "site.toml").write_text('theme = "civic"\n', encoding="utf-8")
    # A settings change rebuilds everything: every page of the site.
    assert state.update({site / "site.toml"}).result.pages == len(list((site / "build").rglob("*.html")))
    override = theme / "templates" / "partials" / "outcomes.html"
    override.write_text(
        '{% macro outcomes(tg, t) %}<span class="mine">{{ tg.id }}</span>{% endmacro %}\n', encoding="utf-8"
    )
    update = state.update({override})
    # The pages that show outcomes through this partial, and no other.
    using = {
        page.relative_to(site / "build").as_posix()
        for page in (site / "build").rglob("index.html")
        if '<span class="mine">' in page.read_text(encoding="utf-8")
    }
    assert "en/indicators/index.html" in using and "en/index.html" not in using
    assert set(update.written) == using
    same_as_full_build(site)  # no page that uses it was left stale
    (theme / "static").mkdir()
    css = theme / "static" / "site.css"
    css.write_text("body { color: black }\n", encoding="utf-8")
    update = state.update({css})
    assert update.written == ("assets/site.css",)
    assert (site / "build" / "assets" / "site.css").read_text(encoding="utf-8") == "body { color: black }\n"


def test_edits_made_while_broken_are_applied_when_fixed(site: Path, state: SiteState) -> None:
    page = edit(site / "content" / "zh" / "areas" / "industry.md", "说明。", "新说明。")
    data = site / "data" / "targets.json"
    good = data.read_text(encoding="utf-8")
    data.write_text(good[:200], encoding="utf-8")
    with pytest.raises(ContentError):
        state.update({page, data})
    assert "新说明" not in (site / "build" / "zh" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    data.write_text(good, encoding="utf-8")
    update = state.update({data})  # the page edit is not lost although only the data file changed now
    assert "zh/areas/industry/index.html" in update.written
    same_as_full_build(site)


def test_removing_an_area_removes_its_pages(site: Path, state: SiteState, mini_data: dict) -> None:
    area = json.loads(json.dumps(mini_data["areas"][0]))
    area.update(id="second", number=2)
    area["commitments"][0]["id"] = "second-1"
    area["commitments"][0]["targets"] = []
    mini_data["areas"].append(area)
    write_site(site, mini_data, pages={
        "content/zh/areas/second.md": "---\ntitle: 第二\nsummary: 第二\n---\n正文\n",
        "content/en/areas/second.md": "---\ntitle: Second\nsummary: Second\n---\nText\n",
    })
    state.update({site / "data" / "targets.json"})
    assert (site / "build" / "en" / "areas" / "second" / "index.html").is_file()
    for lang in ("zh", "en"):
        (site / "content" / lang / "areas" / "second.md").unlink()
    mini_data["areas"].pop()
    write_site(site, mini_data, pages={})
    update = state.update({site / "data" / "targets.json"})
    assert "en/areas/second/index.html" in update.written
    assert not (site / "build" / "en" / "areas" / "second" / "index.html").exists()
    same_as_full_build(site)


def test_an_edit_of_an_earlier_year_s_plan_reaches_its_pages_and_the_track_record(two_year_site: Path,
                                                                                   tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(two_year_site, site, symlinks=True)
    state = SiteState(site, site / "build")
    state.full()
    plan = site / "data" / "plans" / "2025.json"
    data = json.loads(plan.read_text(encoding="utf-8"))
    indicator = next(i for i in data["indicators"] if i["id"] == "retail-sales-growth")
    outcome = indicator["targets"][0]["outcomes"][0]
    outcome["note"] = {"zh": "初步核算数。", "en": "A preliminary figure."}
    outcome["comparability"], outcome["differs_in"] = "close", "coverage"  # a close, not identical, measure
    scope = {"zh": "限额以上单位", "en": "units above the designated size"}
    outcome["basis"] = {**outcome.get("basis", {}), "text": scope}
    plan.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    update = state.update({plan})
    assert "en/2025/indicators/retail-sales-growth/index.html" in update.written
    assert "en/track-record/index.html" in update.written
    record = (site / "build" / "en" / "track-record" / "index.html").read_text(encoding="utf-8")
    assert "units above the designated size" in record
    same_as_full_build(site)
