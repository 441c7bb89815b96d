"""Markdown commentary: front matter, safe HTML, Chinese-friendly anchors and chart blocks.

An editor places an indicator's chart with a fenced block:

    ```chart
    gdp-growth
    ```

The block becomes a placeholder here; the renderer swaps in the chart's HTML after sanitising, so the
chart markup never passes through the editor-HTML allowlist and editor HTML never reaches the page raw.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import nh3
import yaml
from markdown.extensions.toc import slugify_unicode

from site_builder.errors import Problem, Problems, display_path
from site_builder.sources.data import MAX_MARKDOWN_BYTES, read_text

FRONT_MATTER_KEYS = {"title", "summary"}
CHART_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*chart\s*$")
PLACEHOLDER = "sbchartplaceholder{index}x"
PLACEHOLDER_HTML = re.compile(r"<p>sbchartplaceholder(\d+)x</p>")
CJK = r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
CJK_BREAK = re.compile(rf"({CJK})[ \t]*\n[ \t]*({CJK})")
PRE_BLOCK = re.compile(r"(<pre\b.*?</pre>)", re.S)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # no h1: the page title is the only h1
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}


@dataclass(frozen=True)
class ChartRef:
    indicator: str
    line: int
    col: int


@dataclass
class Page:
    """One Markdown file, read and rendered, with the chart blocks it asks for."""

    source: Path
    shown: str  # the path as the editor knows it, for messages
    lang: str
    slug: str  # "" for the home page, "areas/industry" for an area
    title: str
    summary: str
    html: str  # sanitised; chart blocks are placeholders until rendering
    toc: list[dict[str, Any]] = field(default_factory=list)  # Markdown's toc_tokens: level, id, name, children
    charts: list[ChartRef] = field(default_factory=list)


def slug_for(path: Path, lang_dir: Path) -> str:
    """content/zh/index.md -> "", content/zh/areas/industry.md -> "areas/industry"; in a site of several plan
    years, content/zh/2021/index.md -> "2021" (the year's home page)."""
    parts = path.relative_to(lang_dir).with_suffix("").parts
    if parts and parts[-1] == "index" and (len(parts) == 1 or YEAR_FOLDER.fullmatch("/".join(parts[:-1]))):
        parts = parts[:-1]
    return "/".join(parts)


# The folder of one plan year's commentary, in a site of several plan years: content/zh/2021/.
YEAR_FOLDER = re.compile(r"\d{4}")


def source_of(lang_dir: Path, slug: str) -> Path:
    """The Markdown file a page's commentary is read from (it may not exist yet): slug_for()'s inverse."""
    if slug == "" or YEAR_FOLDER.fullmatch(slug):
        return lang_dir / slug / "index.md"
    return lang_dir / f"{slug}.md"


def find_pages(content_dir: Path, languages: tuple[str, ...]) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for lang in languages:
        lang_dir = content_dir / lang
        if lang_dir.is_dir():
            found.extend((lang, p) for p in sorted(lang_dir.rglob("*.md")))
    return found


BACKLINK_TITLE = {"zh": "返回正文第 %d 个脚注处", "en": "Back to footnote %d in the text"}


def new_markdown(lang: str) -> markdown.Markdown:
    """One Markdown instance per language, reused (reset) for every page of that language."""
    return markdown.Markdown(
        extensions=["tables", "footnotes", "attr_list", "fenced_code", "sane_lists", "toc"],
        extension_configs={
            "toc": {"slugify": slugify_unicode, "toc_depth": "2-3"},
            "footnotes": {"BACKLINK_TITLE": BACKLINK_TITLE.get(lang, BACKLINK_TITLE["en"])},
        },
        output_format="html",
    )


def read_page(
    path: Path, lang: str, content_dir: Path, root: Path, md: markdown.Markdown, indicator_ids: set[str]
) -> tuple[Page | None, list[Problem]]:
    problems = Problems()
    shown = display_path(path, root)
    text = read_text(path, shown, problems, MAX_MARKDOWN_BYTES)
    if problems:
        return None, problems.items
    meta, body, body_line = split_front_matter(text, shown, problems)
    body, charts = extract_charts(body, body_line, shown, indicator_ids, problems)
    md.reset()
    html = md.convert(body)
    toc = getattr(md, "toc_tokens", [])
    page = Page(
        source=path,
        shown=shown,
        lang=lang,
        slug=slug_for(path, content_dir / lang),
        title=str(meta.get("title", "")),
        summary=str(meta.get("summary", "")),
        html=join_cjk_lines(sanitise(html)),
        toc=toc,
        charts=charts,
    )
    return page, problems.items


def split_front_matter(text: str, shown: str, problems: Problems) -> tuple[dict[str, Any], str, int]:
    """Returns (front matter, body, line number of the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.add(
            shown, 1, 1, "missing front matter: start the file with '---', then 'title:' and 'summary:', then '---'"
        )
        return {}, text, 1
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.add(shown, 1, 1, "front matter is not closed: add a line '---' after 'summary:'")
        return {}, text, 1
    block = "\n".join(lines[1:end])
    try:
        meta = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        col = mark.column + 1 if mark else 1
        reason = getattr(exc, "problem", None) or "invalid YAML"
        problems.add(shown, line, col, f"front matter: {reason}")
        return {}, "\n".join(lines[end + 1 :]), end + 2
    if not isinstance(meta, dict):
        problems.add(shown, 2, 1, "front matter must be 'key: value' lines")
        meta = {}
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            message = f"unknown front matter key '{key}': use title and summary"
            problems.add(shown, _key_line(lines, key, end), 1, message)
    for key in sorted(FRONT_MATTER_KEYS):
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.add(shown, 1, 1, f"front matter lacks '{key}'")
        elif not isinstance(value, str):
            problems.add(shown, _key_line(lines, key, end), 1, f"front matter '{key}' must be text")
    return meta, "\n".join(lines[end + 1 :]), end + 2


def _key_line(lines: list[str], key: object, end: int) -> int:
    for i in range(1, end):
        if lines[i].split(":", 1)[0].strip() == str(key):
            return i + 1
    return 1


def extract_charts(
    body: str, first_line: int, shown: str, indicator_ids: set[str], problems: Problems
) -> tuple[str, list[ChartRef]]:
    """Replaces ```chart blocks by placeholders; unknown indicators are reported where they stand."""
    out: list[str] = []
    charts: list[ChartRef] = []
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        opened = CHART_FENCE.match(lines[i])
        if not opened:
            out.append(lines[i])
            i += 1
            continue
        fence = opened.group("fence")
        start = i
        i += 1
        ids: list[tuple[str, int, int]] = []
        while i < len(lines) and lines[i].strip() != fence:
            name = lines[i].strip()
            if name:
                ids.append((name, first_line + i, lines[i].index(name) + 1))
            i += 1
        if i >= len(lines):
            problems.add(shown, first_line + start, 1, f"chart block is not closed: add a line '{fence}'", kind="chart")
        i += 1
        if not ids:
            message = "empty chart block: put an indicator id on the line after ```chart"
            problems.add(shown, first_line + start, 1, message, kind="chart")
        for name, line, col in ids:
            if name not in indicator_ids:
                close = difflib.get_close_matches(name, sorted(indicator_ids), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else "; see the ids in data/targets.json"
                problems.add(shown, line, col, f"unknown indicator '{name}' in chart block{hint}", kind="chart")
                continue
            out.extend(["", PLACEHOLDER.format(index=len(charts)), ""])
            charts.append(ChartRef(name, line, col))
    return "\n".join(out), charts


def sanitise(html: str) -> str:
    """Editor HTML goes through an allowlist: no scripts, handlers, styles or javascript: links."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def join_cjk_lines(html: str) -> str:
    """A line break between two Chinese characters is not a space in Chinese; drop it (not in <pre>)."""
    parts = PRE_BLOCK.split(html)
    return "".join(part if part.startswith("<pre") else CJK_BREAK.sub(r"\1\2", part) for part in parts)
