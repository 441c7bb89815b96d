"""A plan's text read into its parts, every character keeping the line and column it stands at.

The shape every Chinese city's annual plan shares: task areas headed 一、…, numbered commitments (一)…
with their text in the paragraphs that follow, then the annex's table of main target indicators, one cell
a line ("指标名称" heads it). Anything else (the notice's preamble, the signature) is read for the plan's
facts only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
AREA_HEADING = re.compile(r"^\s*(?P<n>[一二三四五六七八九十]{1,3})\s*、\s*(?P<title>\S.*?)\s*$")
COMMITMENT_HEADING = re.compile(r"^\s*[(（]\s*(?P<n>[一二三四五六七八九十]{1,3})\s*[)）]\s*(?P<rest>\S.*?)\s*$")
ANNEX_LINE = re.compile(r"^\s*附\s*件")
# A paragraph goes on while its lines read as prose; a bare short line (a signature, a date) ends it.
PROSE = re.compile(r"[。，,；;：:]")
TABLE_HEAD = re.compile(r"^(指标|单位|序号|备注|类别|类型|\d{4}年|目标|预期|计划)")
TABLE_END = re.compile(r"^\s*(备\s*)?注\s*[:：]")

Position = tuple[int, int]  # 1-based line and column


@dataclass(frozen=True)
class Span:
    """Text cut from the plan, with the (line, column) of each of its characters."""

    text: str
    at: tuple[Position, ...]

    @classmethod
    def of_line(cls, number: int, line: str, start: int = 0, end: int | None = None) -> Span:
        end = len(line) if end is None else end
        return cls(line[start:end], tuple((number, col + 1) for col in range(start, end)))

    def pos(self, index: int = 0) -> Position:
        if not self.at:
            return (1, 1)
        return self.at[min(max(index, 0), len(self.at) - 1)]

    def cut(self, start: int, end: int | None = None) -> Span:
        end = len(self.text) if end is None else end
        return Span(self.text[start:end], self.at[start:end])

    def strip(self, chars: str | None = None) -> Span:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.cut(left, max(left, right))

    def __add__(self, other: Span) -> Span:
        return Span(self.text + other.text, self.at + other.at)


@dataclass
class CommitmentText:
    number: int
    heading: Span  # "(一)推进…" from its bracket, the title and the text after it
    title: Span
    text: Span


@dataclass
class AreaText:
    number: int
    heading: Span  # "一、构建现代产业体系"
    title: Span
    commitments: list[CommitmentText] = field(default_factory=list)


@dataclass
class PlanText:
    lines: list[str]
    areas: list[AreaText]
    annex: list[Span]  # the table's cells after its header, one a line, in reading order
    annex_head: Span | None  # the line "指标名称"


def chinese_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; None for anything else."""
    if not text:
        return None
    if "十" not in text:
        return NUMERALS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(text.replace("十", "")) != len(text) - 1:
        return None
    high = NUMERALS.get(tens, 0) if tens else 1
    if tens and not high:
        return None
    low = NUMERALS.get(ones, 0) if ones else 0
    if ones and not low:
        return None
    return high * 10 + low


def _title_and_text(number: int, line: str, start: int) -> tuple[Span, Span]:
    """A heading's title (up to its first 。) and the text that follows it on the same line."""
    rest = Span.of_line(number, line, start)
    stop = rest.text.find("。")
    if stop < 0:
        return rest.strip(), Span("", ())
    return rest.cut(0, stop).strip(), rest.cut(stop + 1).strip()


def read_plan(text: str) -> PlanText:
    """The plan's areas, commitments and annex cells; `text` is the whole file, already decoded."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    areas: list[AreaText] = []
    current: CommitmentText | None = None
    body_end = len(lines)
    for index, line in enumerate(lines):
        number = index + 1
        if ANNEX_LINE.match(line) and areas:
            body_end = index
            break
        area = AREA_HEADING.match(line)
        commitment = COMMITMENT_HEADING.match(line)
        if area and chinese_number(area.group("n")):
            title, _ = _title_and_text(number, line, area.start("title"))
            heading = Span.of_line(number, line, area.start("n"), area.end("title"))
            areas.append(AreaText(chinese_number(area.group("n")) or 0, heading, title))
            current = None
        elif commitment and areas and chinese_number(commitment.group("n")):
            title, rest = _title_and_text(number, line, commitment.start("rest"))
            bracket = len(line) - len(line.lstrip())
            heading = Span.of_line(number, line, bracket, commitment.end("rest"))
            current = CommitmentText(chinese_number(commitment.group("n")) or 0, heading, title, rest)
            areas[-1].commitments.append(current)
        elif current is not None and line.strip():
            if not PROSE.search(line):
                current = None  # a signature or a date line: the body has ended
                continue
            more = Span.of_line(number, line).strip()
            current.text = more if not current.text.text else current.text + more
    annex, head = _annex_cells(lines, body_end)
    return PlanText(lines, areas, annex, head)


def _annex_cells(lines: list[str], start: int) -> tuple[list[Span], Span | None]:
    """The cells of the annex's table: every non-empty line after its header, up to a note (注:)."""
    head_index = next((i for i in range(start, len(lines)) if "指标名称" in lines[i]), None)
    if head_index is None:
        return [], None
    head = Span.of_line(head_index + 1, lines[head_index]).strip()
    cells: list[Span] = []
    in_header = True
    for index in range(head_index + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if TABLE_END.match(line):
            break
        cell = Span.of_line(index + 1, line).strip()
        if in_header and TABLE_HEAD.match(cell.text) and len(cell.text) <= 10:
            continue
        in_header = False
        cells.append(cell)
    return cells, head
