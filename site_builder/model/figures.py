"""Figures quoted in commentary, read the way a reader reads them, so two languages can be compared.

"150万台", "1.5 million" and "1,500,000" are the same figure; "1300亿元" is "130 billion yuan";
"8.7%" is "8.7 per cent". Each figure becomes a value in base units and whether it is a percentage.
Years, dates, ordinals ("14th"), footnote numbers and digits inside links or code are not figures.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

NUMBER = r"(?<![A-Za-z0-9_.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
ZH_FIGURE = re.compile(NUMBER + r"\s*(?P<scale>万亿|亿|万)?\s*(?P<percent>%|％|个百分点|百分点)?(?P<after>.?)")
EN_FIGURE = re.compile(
    NUMBER
    + r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b|(?P<zh_scale>万亿|亿|万))?"  # "12万" quoted from the plan
    + r"(?:\s*(?P<percent>%|per\s?cent\b|percentage points?\b))?"
    + r"(?P<after>\w*)",
    re.I,
)
SCALES = {
    "万": Decimal(10_000), "亿": Decimal(100_000_000), "万亿": Decimal(10**12),
    "thousand": Decimal(1_000), "million": Decimal(10**6), "billion": Decimal(10**9), "trillion": Decimal(10**12),
}
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
EN_DATE = re.compile(rf"\b\d{{1,2}}\s+{MONTHS}\b|\b{MONTHS}\s+\d{{1,2}}\b", re.I)
ZH_DATE_AFTER = set("年月日")
# "1—6月" (January to June) and "2021-07-15" are dates, in either language.
DATE_RANGES = re.compile(r"\d{1,2}\s*[—–\-～~至]\s*\d{1,2}\s*[月日]|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
# Parts of a Markdown line whose digits are not figures a reader sees as such.
NOT_TEXT = re.compile(
    r"`[^`]*`"  # inline code
    r"|\]\([^)]*\)"  # link targets
    r"|\[\^[^\]]*\]"  # footnote references
    r"|\{:[^}]*\}"  # attribute lists
    r"|<[^>]+>"  # raw HTML tags
    r"|https?://\S+"  # bare addresses
)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    percent: bool
    text: str  # as written, for messages
    line: int
    col: int

    @property
    def key(self) -> tuple[Decimal, bool]:
        return (self.value.normalize(), self.percent)


def _is_year(number: str, scale: str | None, percent: str | None) -> bool:
    return not scale and not percent and re.fullmatch(r"(19|20)\d\d", number) is not None


def figures_in_line(text: str, lang: str, line: int) -> list[Figure]:
    """Every figure in one line of Markdown, with its column."""
    return [Figure(value, percent, shown, line, col) for value, percent, shown, col in _figures(text, lang)]


@functools.lru_cache(maxsize=65536)
def _figures(text: str, lang: str) -> tuple[tuple[Decimal, bool, str, int], ...]:
    # Cached: the preview server checks every page on every edit, and most lines have not changed.
    cleaned = NOT_TEXT.sub(lambda m: " " * len(m.group(0)), text)
    cleaned = DATE_RANGES.sub(lambda m: " " * len(m.group(0)), cleaned)
    if lang == "en":
        cleaned = EN_DATE.sub(lambda m: " " * len(m.group(0)), cleaned)
    pattern = ZH_FIGURE if lang == "zh" else EN_FIGURE
    found: list[tuple[Decimal, bool, str, int]] = []
    for match in pattern.finditer(cleaned):
        number, scale, percent, after = match.group("number", "scale", "percent", "after")
        if lang == "en" and match.group("zh_scale"):
            scale = match.group("zh_scale")
        if _is_year(number, scale, percent):
            continue
        if lang == "zh" and not scale and not percent and after in ZH_DATE_AFTER:
            continue
        if lang == "en" and after.lower() in ORDINAL_SUFFIXES:
            continue
        if after and after.isascii() and after.isalpha() and not scale and not percent:
            continue  # "5G", "3A", "531X": part of a name, not a figure
        value = Decimal(number.replace(",", "")) * SCALES.get((scale or "").lower(), 1)
        shown = match.group(0)[: len(match.group(0)) - len(after or "")].strip()
        found.append((value, bool(percent), shown, match.start() + 1))
    return tuple(found)


def markdown_body_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of the lines a reader sees: no front matter, no chart or code blocks."""
    lines = text.split("\n")
    out: list[tuple[int, str]] = []
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        start = end + 1
    fence: str | None = None
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        opened = re.match(r"^(`{3,}|~{3,})", stripped)
        if fence is None and opened:
            fence = opened.group(1)
            continue
        if fence is not None:
            if stripped == fence:
                fence = None
            continue
        out.append((index + 1, lines[index]))
    return out


def front_matter_lines(text: str) -> list[tuple[int, str]]:
    """The title and summary lines: their figures count as much as the body's."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return []
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    return [(i + 1, lines[i]) for i in range(1, end)]


def figures_in_markdown(text: str, lang: str) -> list[Figure]:
    out: list[Figure] = []
    for number, line in front_matter_lines(text) + markdown_body_lines(text):
        out.extend(figures_in_line(line, lang, number))
    return out


def figure_key(value: float | int, percent: bool) -> tuple[Decimal, bool]:
    return (Decimal(str(value)).normalize(), percent)
