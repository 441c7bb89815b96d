"""Markdown commentary: safe HTML, Chinese anchors, Chinese line breaks, chart blocks, front matter."""

from __future__ import annotations

from pathlib import Path

from site_builder.sources.content import new_markdown, read_page


def render(tmp_path: Path, body: str, lang: str = "zh", ids: set[str] | None = None):
    root = tmp_path
    path = root / lang / "index.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: T\nsummary: S\n---\n{body}", encoding="utf-8")
    return read_page(path, lang, root, root, new_markdown(lang), ids or {"gdp-growth"})


def test_chinese_heading_keeps_its_anchor(tmp_path: Path) -> None:
    page, problems = render(tmp_path, "## 数字经济发展\n\n正文\n")
    assert not problems
    assert '<h2 id="数字经济发展">' in page.html
    assert page.toc[0]["id"] == "数字经济发展"


def test_raw_html_and_javascript_links_are_removed(tmp_path: Path) -> None:
    body = (
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n\n"
        '<p style="color:red" onclick="x()">styled</p>\n'
    )
    page, _ = render(tmp_path, body)
    html = page.html.lower()
    for bad in ("<script", "onerror", "javascript:", "onclick", "style="):
        assert bad not in html
    assert "styled" in page.html


def test_line_break_inside_a_chinese_paragraph_is_not_a_space(tmp_path: Path) -> None:
    page, _ = render(tmp_path, "绍兴市开发集成\n工业APP，\n连接设备。\n\nEnglish words\nstay apart.\n")
    assert "开发集成工业APP，连接设备。" in page.html
    assert "English words\nstay apart." in page.html


def test_tables_footnotes_and_attribute_lists(tmp_path: Path) -> None:
    body = "| 指标 | 目标 |\n|---|---|\n| GDP | 7% |\n\n说明[^1]\n\n[^1]: 来源。\n\n## 标题 {: #custom-id }\n"
    page, _ = render(tmp_path, body)
    assert "<table>" in page.html and "<td>7%</td>" in page.html
    assert 'class="footnote-ref"' in page.html
    assert 'id="custom-id"' in page.html


def test_chart_block_becomes_a_placeholder(tmp_path: Path) -> None:
    page, problems = render(tmp_path, "正文\n\n```chart\ngdp-growth\n```\n")
    assert not problems
    assert [c.indicator for c in page.charts] == ["gdp-growth"]
    assert "sbchartplaceholder0x" in page.html


def test_unknown_chart_id_is_reported_with_its_line(tmp_path: Path) -> None:
    _, problems = render(tmp_path, "正文\n\n```chart\nnot-an-indicator\n```\n")
    [problem] = problems
    assert problem.line == 8  # 4 front-matter lines, then body line 4
    assert "unknown indicator 'not-an-indicator'" in problem.message


def test_unknown_front_matter_key(tmp_path: Path) -> None:
    path = tmp_path / "zh" / "index.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: T\nsummary: S\nauthor: X\n---\nbody\n", encoding="utf-8")
    _, problems = read_page(path, "zh", tmp_path, tmp_path, new_markdown("zh"), set())
    [problem] = problems
    assert problem.line == 4 and "unknown front matter key 'author'" in problem.message
