"""Building a small inline site: outputs, theme overrides, stable chart ids, the previous site kept on failure."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_cli


def build(site: Path) -> Path:
    result = run_cli("build", "--source", str(site), "--out", str(site / "build"))
    assert result.returncode == 0, result.stderr
    return site / "build"


def test_builds_every_page_in_both_languages(site: Path) -> None:
    out = build(site)
    for page in ("index.html", "zh/index.html", "en/index.html", "zh/areas/industry/index.html",
                 "en/areas/industry/index.html", "zh/indicators/index.html", "en/indicators/index.html"):
        assert (out / page).is_file(), page
    assert (out / "assets" / "site.css").is_file()


def test_chart_options_travel_as_json_data_with_stable_ids(site: Path) -> None:
    first = (build(site) / "zh" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    second = (build(site) / "zh" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    assert first == second
    found = re.search(r'<script type="application/json" id="chart-gdp-growth-options">(.*?)</script>', first, re.S)
    assert found
    options = json.loads(found.group(1))
    assert options["series"][0]["markLine"]["data"][0]["yAxis"] == 7
    assert "7%以上" in options["series"][0]["markLine"]["label"]["formatter"]


def test_editor_text_cannot_break_out_of_the_chart_json(site: Path, mini_data: dict) -> None:
    from conftest import write_site

    mini_data["indicators"][0]["name"]["zh"] = "</script><script>alert(1)</script>"
    write_site(site, mini_data)
    html = (build(site) / "zh" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == html.count("<script")


def test_a_project_theme_overrides_a_template_by_file_name(site: Path) -> None:
    theme = site / "themes" / "civic" / "templates" / "partials"
    theme.mkdir(parents=True)
    (theme / "chart.html").write_text('<div class="my-chart">{{ spec.title }}</div>\n', encoding="utf-8")
    (site / "site.toml").write_text('theme = "civic"\n', encoding="utf-8")
    html = (build(site) / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    assert '<div class="my-chart">GDP growth</div>' in html
    assert "site-header" in html  # everything else still comes from the default theme


def test_unknown_setting_and_missing_theme_are_reported(site: Path) -> None:
    (site / "site.toml").write_text('theme = "nowhere"\ncolour = "red"\n', encoding="utf-8")
    result = run_cli("check", "--source", str(site))
    assert result.returncode == 1
    assert "site.toml:1:1: error: theme folder themes/nowhere/ not found [config]" in result.stderr
    assert "site.toml:2:1: error: unknown setting 'colour'" in result.stderr


def test_removed_pages_disappear_on_rebuild(site: Path, mini_data: dict) -> None:
    out = build(site)
    (out / "stale.html").write_text("old", encoding="utf-8")
    out = build(site)
    assert not (out / "stale.html").exists()


def test_not_yet_reported_is_shown_for_a_target_without_outcomes(site: Path) -> None:
    html = (build(site) / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    cpi = html[html.index('id="indicator-cpi"'):]
    assert "Not yet reported" in cpi


def test_cli_help_and_version() -> None:
    for args in (["--help"], ["build", "--help"], ["check", "--help"], ["serve", "--help"], ["--version"]):
        result = run_cli(*args)
        assert result.returncode == 0, args
    assert "0.1.0" in run_cli("--version").stdout


def test_a_rebuild_with_no_change_renders_no_chart_again(site: Path) -> None:
    first = run_cli("build", "--source", str(site), "--out", str(site / "build"), own_cache=True)
    # Into another folder, so the page cache of build/ (test_atomic.py) has nothing to offer; the SVG cache does.
    second = run_cli("build", "--source", str(site), "--out", str(site / "build-2"), own_cache=True)
    assert re.search(r"charts: [1-9]\d* rendered, 0 reused", first.stdout), first.stdout
    assert re.search(r"charts: 0 rendered, [1-9]\d* reused", second.stdout), second.stdout
    page = site / "content" / "en" / "areas" / "industry.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    third = run_cli("build", "--source", str(site), "--out", str(site / "build"), own_cache=True)
    assert "charts: 0 rendered" in third.stdout  # prose changed, no chart did


def test_charts_are_inline_svg_safe_for_a_strict_csp(site: Path) -> None:
    html = (build(site) / "zh" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    svg = html[html.index('<div class="chart-canvas" id="chart-gdp-growth"'):]
    svg = svg[: svg.index("</svg>")]
    assert "<svg" in svg and "viewBox" in svg
    assert "style=" not in svg and "<style" not in svg
    assert "8.7" in svg  # the outcome is drawn, labelled, in the HTML itself


def test_a_category_too_large_to_chart_keeps_its_table_and_says_why(site: Path, mini_data: dict) -> None:
    # 41 targets in one category: one panel each would make a chart no reader scrolls through.
    template = mini_data["indicators"][1]  # consumer prices: "about 3%", no outcome
    mini_data["indicators"] += [
        {**template, "id": f"extra-{n}", "name": {"zh": f"指标{n}", "en": f"Indicator {n}"},
         "targets": [{**template["targets"][0], "id": f"extra-{n}"}]}
        for n in range(40 - len(mini_data["indicators"]) + 1)
    ]
    (site / "data" / "targets.json").write_text(json.dumps(mini_data, ensure_ascii=False), encoding="utf-8")
    build(site)
    html = (site / "build" / "en" / "indicators" / "index.html").read_text(encoding="utf-8")
    assert 'id="chart-category-strength-figure"' not in html
    assert "41 indicators: too many for one chart to be read" in html
    assert html.count('<tr id="') == 41  # every indicator is still in the table
    assert not (site / "build" / "en" / "embed" / "category-strength").exists()


def test_a_category_that_fits_has_its_chart(site: Path) -> None:
    build(site)
    html = (site / "build" / "en" / "indicators" / "index.html").read_text(encoding="utf-8")
    assert 'id="chart-category-strength-figure"' in html
