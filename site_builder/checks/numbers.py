"""Do the figures in the commentary agree with `data/targets.json`, and with the other language?

Two checks, both on the Markdown source so every finding has a line and column:

- A figure stated for a target (the first after its name in a Chinese clause, or the first in the
  target and outcome cells of a table row naming it; an English row is matched through the Chinese
  row in the same place) must be one the data knows for it: the target, its reported outcomes, or a
  figure in its own notes. Anything else contradicts the data: an error.
- A figure in one language's commentary that the other language's version of the page lacks is a
  warning: a translation dropped or changed it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from site_builder.caches import Findings
from site_builder.errors import Problem
from site_builder.model.figures import (
    Figure,
    figure_key,
    figures_in_line,
    figures_in_markdown,
    front_matter_lines,
    markdown_body_lines,
)
from site_builder.model.urls import HOME_SLUG, area_slug
from site_builder.sources.content import Page
from site_builder.sources.i18n import LANGUAGES, other_language
from site_builder.sources.schema import Indicator, Target, TargetsFile, Text

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
PERIOD_WORDS = {"year": "full year", "h1": "first half", "q1_q3": "first three quarters", "jan_nov": "January-November"}


@dataclass
class Known:
    """What the data says about one target: its names and every figure it states."""

    names: dict[str, list[str]]  # folded, for matching
    shown: dict[str, str]  # as written, for messages
    percent: bool
    figures: set[tuple[Decimal, bool]] = field(default_factory=set)
    said: list[str] = field(default_factory=list)  # "target 7%", "outcome 8.7% (2021)", for messages


def _texts(*items: Text | None) -> Iterator[str]:
    for item in items:
        if item is not None:
            yield item.zh
            yield item.en


def _known(target: Target, indicator: Indicator | None, data: TargetsFile) -> Known:
    unit_id = target.unit or (indicator.unit if indicator else None)
    unit = data.unit(unit_id)
    percent = unit is not None and unit.kind == "percent"
    names: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    texts = [t for t in (target.label, indicator.name if indicator else None) if t is not None]
    for text in texts:
        for lang in LANGUAGES:
            names[lang].append(_fold(text.get(lang)))
    shown = {lang: texts[0].get(lang) if texts else target.id for lang in LANGUAGES}
    known = Known(names, shown, percent)
    if target.value is not None:
        known.figures.add(figure_key(target.value, percent))
        known.said.append(f"target {_plain(target.value)}{'%' if percent else ''}")
    if target.tolerance is not None:
        known.figures.add(figure_key(target.tolerance, percent))
    # A commitment's target that repeats an annex target is shown with that target's outcomes.
    repeated = data.annex_target(target.repeats)
    outcomes = [*target.outcomes, *(repeated[1].outcomes if repeated else ())]
    for outcome in outcomes:
        known.figures.add(figure_key(outcome.value, percent))
        value = f"{_plain(outcome.value)}{'%' if percent else ''}"
        known.said.append(f"outcome {value} ({PERIOD_WORDS[outcome.period]} {outcome.year})")
    notes = [target.wording, target.note, target.label]
    notes += [o.basis_text for o in outcomes] + [o.note for o in outcomes]
    if indicator is not None:
        notes += [indicator.target_text, indicator.note, indicator.definition]
    for note in _texts(*notes):
        for lang in LANGUAGES:
            known.figures.update(f.key for f in figures_in_line(note, lang, 0))
    return known


def _plain(value: float) -> str:
    """130000000000 -> "130,000,000,000", 8.7 -> "8.7": as the data file has it, never 1.3e+11."""
    return format(Decimal(str(value)).normalize(), ",f")


def _fold(text: str) -> str:
    return text.casefold().replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def targets_of_page(slug: str, data: TargetsFile, page: Page | None) -> list[Known]:
    """The targets a page talks about: its area's commitments and indicators, or all on the home page."""
    indicators = data.by_id("indicators")
    chosen: list[tuple[Target, Indicator | None]] = []
    area = data.by_id("areas").get(slug.removeprefix(area_slug("")))
    if area is not None and area_slug(area.id) == slug:
        chosen += [(t, None) for c in area.commitments for t in c.targets]
        ids = list(area.indicators) + [c.indicator for c in (page.charts if page else [])]
    elif slug == HOME_SLUG:
        ids = list(indicators)
    else:
        ids = []
    for indicator_id in dict.fromkeys(ids):
        if indicator_id in indicators:
            chosen += [(t, indicators[indicator_id]) for t in indicators[indicator_id].targets]
    return _merge_same_names([_known(t, i, data) for t, i in chosen])


def _merge_same_names(items: list[Known]) -> list[Known]:
    """A commitment target and an annex indicator often share a name: what either says is known."""
    merged: list[Known] = []
    owner: dict[tuple[str, str], int] = {}  # (language, name) -> its place in merged: no pairwise comparing

    def claim(index: int, item: Known) -> None:
        for lang in LANGUAGES:
            for name in item.names[lang]:
                owner.setdefault((lang, name), index)

    for item in items:
        hits = [owner[(lang, n)] for lang in LANGUAGES for n in item.names[lang] if (lang, n) in owner]
        if not hits:
            merged.append(item)
            claim(len(merged) - 1, item)
            continue
        twin = merged[min(hits)]  # the earliest entry sharing a name, as a scan in order would find
        for lang in LANGUAGES:
            twin.names[lang] += [n for n in item.names[lang] if n not in twin.names[lang]]
        twin.figures |= item.figures
        twin.said += [s for s in item.said if s not in twin.said]
        claim(min(hits), item)
    return merged


# A sentence that quotes another year or another source for comparison says so (作为参照 / for reference);
# its figures are not claims about the target.
REFERENCE_MARKERS = ("参照",)
CLAUSE_END = {"zh": re.compile(r"[。；;，,：:！？]"), "en": re.compile(r"[.;,:!?](?=\\s|$)")}


def _mentions(text: str, lang: str, known: list[Known]) -> list[tuple[int, int, Known]]:
    """(start, end, target) of each target name in a piece of text, the longest name winning an overlap."""
    folded = _fold(text)
    found: list[tuple[int, int, Known]] = []
    for item in known:
        for name in item.names[lang]:
            start = folded.find(name) if name else -1
            while start >= 0:
                found.append((start, start + len(name), item))
                start = folded.find(name, start + 1)
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, Known]] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def _row_target(line: str, lang: str, known: list[Known]) -> Known | None:
    """The target a table row names in its first cell, if exactly one."""
    cells = line.split("|")
    hits = _mentions(cells[1], lang, known) if len(cells) > 3 else []
    return hits[0][2] if len(hits) == 1 else None


def _table_rows(text: str) -> list[list[tuple[int, str]]]:
    """Each Markdown table's body rows, (line number, text), in order."""
    tables: list[list[tuple[int, str]]] = []
    previous = -1
    for number, line in markdown_body_lines(text):
        if not line.lstrip().startswith("|"):
            continue
        if number != previous + 1:
            tables.append([])
        previous = number
        tables[-1].append((number, line))
    return [table[2:] for table in tables]  # without the header and its --- line


def translated_rows(text: str, lang: str, other_text: str, known: list[Known]) -> dict[int, Known]:
    """Line -> target for the table rows of `text` whose counterpart, in the same place of the same
    table of the other language's page, names a target: English tables may word the names freely."""
    mine, theirs = _table_rows(text), _table_rows(other_text)
    rows: dict[int, Known] = {}
    if len(mine) != len(theirs):
        return rows
    for table, other_table in zip(mine, theirs, strict=True):  # lengths compared above
        if len(table) != len(other_table):
            continue
        for (number, _), (_, other_line) in zip(table, other_table, strict=True):
            target = _row_target(other_line, other_language(lang), known)
            if target is not None:
                rows[number] = target
    return rows


def _checked_figures(
    line: str, lang: str, number: int, known: list[Known], row_target: Known | None = None
) -> list[tuple[Figure, Known]]:
    """The figures a line states for a named target: in a table, the first figure of the target and
    outcome cells when the cell starts with it; in prose, the first figure after the name in its clause."""
    out: list[tuple[Figure, Known]] = []
    if line.lstrip().startswith("|"):
        cells = line.split("|")
        offsets = [sum(len(c) + 1 for c in cells[:i]) for i in range(len(cells))]
        target = _row_target(line, lang, known) or row_target
        if target is not None:
            for index in (2, 3):
                cell = cells[index] if index < len(cells) else ""
                figures = figures_in_line(cell, lang, number)
                if figures and cell.strip()[:1].isdigit():
                    first = figures[0]
                    at = offsets[index] + first.col
                    out.append((Figure(first.value, first.percent, first.text, number, at), target))
        return out
    if lang != "zh" or any(marker in line for marker in REFERENCE_MARKERS):
        # English puts a figure before the name it belongs to ("130 billion yuan in tourism revenue"),
        # so English prose is left to the cross-language check.
        return out
    figures = figures_in_line(line, lang, number)
    hits = _mentions(line, lang, known)
    for position, (_, end, target) in enumerate(hits):
        stop = hits[position + 1][0] if position + 1 < len(hits) else len(line)
        clause_end = CLAUSE_END[lang].search(line, end)
        if clause_end and clause_end.start() < stop:
            stop = clause_end.start()
        after = [f for f in figures if end < f.col <= stop and f.percent == target.percent]
        if after:
            out.append((after[0], target))
    return out


def contradictions(page: Page, text: str, data: TargetsFile, other_text: str | None = None,
                   data_name: str = "data/targets.json") -> list[Problem]:
    known = targets_of_page(page.slug, data, page)
    rows = translated_rows(text, page.lang, other_text, known) if other_text is not None else {}
    out: list[Problem] = []
    for number, line in front_matter_lines(text) + markdown_body_lines(text):
        for figure, target in _checked_figures(line, page.lang, number, known, rows.get(number)):
            if figure.percent == target.percent and figure.key not in target.figures:
                said = ", ".join(target.said) or "no figure"
                out.append(
                    Problem(
                        page.shown, figure.line, figure.col,
                        f"'{figure.text}' is not what {data_name} says for '{target.shown[page.lang]}' "
                        f"({said}): correct the text, or the data with its source",
                        kind="numbers",
                    )
                )
    return out


def missing_in_other_language(pages: dict[tuple[str, str], Page], texts: dict[str, str]) -> list[Problem]:
    """Figures one language's page quotes and its translation does not (each reported once per page)."""
    out: list[Problem] = []
    for (lang, slug), page in pages.items():
        other = pages.get((other_language(lang), slug))
        if other is None:
            continue
        theirs = {f.key for f in figures_in_markdown(texts[other.shown], other.lang)}
        reported: set[tuple[Decimal, bool]] = set()
        for figure in figures_in_markdown(texts[page.shown], lang):
            if figure.key in theirs or figure.key in reported:
                continue
            reported.add(figure.key)
            out.append(
                Problem(
                    page.shown, figure.line, figure.col,
                    f"'{figure.text}' is not in the {LANGUAGE_NAMES[other.lang]} version ({other.shown}): "
                    "translate the figure or correct it",
                    level="warning", kind="numbers",
                )
            )
    return out


def number_problems(
    data: TargetsFile, pages: dict[tuple[str, str], Page], texts: dict[str, str],
    findings: Findings | None = None, data_version: str = "", data_name: str = "data/targets.json",
) -> list[Problem]:
    """Every page's figures against the data and against its translation. With `findings`, a page's
    findings are reused while the data (`data_version`: anything that changes with the data and the
    code) and the page's texts in both languages are unchanged: an edit changes one page."""
    out: list[Problem] = []
    for (lang, slug), page in pages.items():
        other = pages.get((other_language(lang), slug))
        other_text = texts[other.shown] if other else None
        key = hashlib.sha256(f"{data_version}\0{texts[page.shown]}\0{other_text}".encode()).hexdigest()
        found = findings.get(page.shown, key) if findings is not None else None
        if found is None:
            found = contradictions(page, texts[page.shown], data, other_text, data_name)
            pair = {(lang, slug): page, **({(other.lang, slug): other} if other else {})}
            found += missing_in_other_language(pair, texts)
            found = [p for p in found if p.path == page.shown]
            if findings is not None:
                findings.put(page.shown, key, found)
        out.extend(found)
    return out
