"""Reads `data/targets.json`, validates it strictly and checks every cross-reference.

Errors point at the JSON file's line and column, found through the document's JSON pointers.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import json_source_map
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from site_builder.errors import Problem, Problems, display_path
from site_builder.sources.json_syntax import unclosed
from site_builder.sources.schema import ID_PATTERN, Indicator, Target, TargetsFile


class Locator:
    """Maps a path inside the JSON document (keys and indexes) to a 1-based line and column."""

    def __init__(self, text: str) -> None:
        self._text = text
        # JSON pointer -> json_source_map's Entry (untyped: where its key and value start).
        self._computed: dict[str, Any] | None = None

    @property
    def _map(self) -> dict[str, Any]:
        # Built on first use: most runs find nothing to locate, and the map takes a while on a large file.
        if self._computed is None:
            try:
                self._computed = json_source_map.calculate(self._text)
            except Exception:  # the map is a convenience; a document json accepted should never fail here
                self._computed = {}
        return self._computed

    def find(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        parts = [str(p) for p in loc]
        # The deepest part of the path that exists: a missing key is reported at its parent object.
        while True:
            pointer = "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)
            entry = self._map.get(pointer)
            if entry is not None:
                at = entry.key_start if key and entry.key_start is not None else entry.value_start
                return at.line + 1, at.column + 1
            if not parts:
                return 1, 1
            parts.pop()
            key = False


def _message(error: ErrorDetails, loc: tuple[str | int, ...]) -> str:
    """pydantic's error in an editor's words; `loc` is its path without pydantic's additions."""
    kind = error["type"]
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        return f"unknown key '{name}': remove it or check its spelling"
    if kind == "missing":
        return f"missing key '{name}'"
    if kind in {"int_type", "float_type"}:
        return f"'{name}' must be a number, not {json.dumps(error.get('input'), ensure_ascii=False)[:40]}"
    if kind == "string_type":
        return f"'{name}' must be a string (text in quotes)"
    if kind == "bool_type":
        return f"'{name}' must be true or false"
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == ID_PATTERN:
        shown = json.dumps(error.get("input"))[:60]  # ASCII escapes make full-width and direction marks visible
        return (
            f"'{name}' must be lowercase letters a-z, digits and single hyphens (ids become URLs and file names), "
            f"not {shown}"
        )
    if kind == "string_pattern_mismatch" and isinstance(name, str):
        return f"'{name}' has the wrong form: {error['msg'].lower()}"
    if kind == "literal_error":
        return f"'{name}': {error['msg'].lower()}"
    text = error["msg"]
    if text.startswith("Value error, "):
        text = text[len("Value error, "):]
    return f"'{name}': {text}" if isinstance(name, str) and name else text


def _clean_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    # pydantic adds union member names ("int", "float"; a basis's two forms, "Basis" and "Text") and
    # validator names to the path.
    added = {"int", "float", "Basis", "Text", "function-after[_fields_fit_kind(), Target]"}
    return tuple(p for p in loc if not (isinstance(p, str) and p in added))


def load_data(path: Path, root: Path | None = None) -> TargetsFile:
    """Reads and validates the data file; raises ContentError with every problem it found."""
    problems = Problems()
    shown = display_path(path, root)
    text = read_text(path, shown, problems)
    problems.raise_if_any()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        # Where the parser stopped, and, when the indentation shows one, the bracket never closed above it.
        never_closed = unclosed(text, exc.lineno)
        cause = f"; {never_closed.what} opened on line {never_closed.line} is never closed" if never_closed else ""
        problems.add(shown, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}{cause}", kind="json")
        if never_closed is not None:
            problems.add(shown, never_closed.line, never_closed.col, never_closed.message(exc.lineno), kind="json")
        problems.raise_if_any()
    locator = Locator(text)
    try:
        data = TargetsFile.model_validate_json(text, strict=True)
    except ValidationError as exc:
        errors = exc.errors()
        for error in errors:
            loc = _clean_loc(error["loc"])
            if error["type"] == "too_short" and any(
                len(other["loc"]) > len(error["loc"]) and other["loc"][: len(error["loc"])] == error["loc"]
                for other in errors
            ):
                continue  # a list that is "too short" only because its items failed: the items say why
            line, col = locator.find(loc, key=error["type"] == "extra_forbidden")
            gap = translation_gap(raw, loc, error["type"])
            if gap:
                problems.add(shown, line, col, gap, kind="parity")
            else:
                problems.add(shown, line, col, _message(error, loc), kind="schema")
        problems.raise_if_any()
        raise  # unreachable: a ValidationError always has errors
    problems.extend(cross_reference_problems(data, locator, shown))
    problems.raise_if_any()
    return data


LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
ENTITY_NAMES = {
    "areas": "area", "commitments": "commitment", "indicators": "indicator", "categories": "category",
    "groups": "group", "units": "unit", "sources": "source", "targets": "target", "outcomes": "outcome",
}


def translation_gap(raw: object, loc: tuple[str | int, ...], error_type: str) -> str | None:
    """A missing or empty zh/en text, said as a translation gap: "commitment 'x' has no English text"."""
    if len(loc) < 2 or loc[-1] not in LANGUAGE_NAMES or error_type not in {"missing", "string_too_short"}:
        return None
    owner: Any = raw  # the parsed JSON document; a path that is not in it is caught below
    owner_loc = loc[:-2]
    try:
        for part in owner_loc:
            owner = owner[part]
    except (KeyError, IndexError, TypeError):
        return None
    field = loc[-2]
    container = next((p for p in reversed(owner_loc) if isinstance(p, str)), "plan")
    entity = ENTITY_NAMES.get(str(container), str(container))
    ident = owner.get("id") if isinstance(owner, dict) else None
    named = f"{entity} '{ident}'" if ident else entity
    return f"{named} has no {LANGUAGE_NAMES[str(loc[-1])]} {field}: add \"{loc[-1]}\" to its \"{field}\""



# Far above any real plan (Shaoxing's is 0.15 MB, a hundred times it 13 MB), low enough that a file
# pasted or generated by mistake is refused before it is read into memory.
MAX_DATA_BYTES = 50 * 1024 * 1024
MAX_MARKDOWN_BYTES = 5 * 1024 * 1024


def read_text(path: Path, shown: str, problems: Problems, limit: int = MAX_DATA_BYTES) -> str:
    """A source file as text; UTF-8 only, with a clear error for anything else."""
    try:
        size = path.stat().st_size
        if size > limit:
            mb, most = size / 2**20, limit / 2**20
            message = f"the file is {mb:.1f} MB, over the limit of {most:.0f} MB: is it the right file?"
            problems.add(shown, 1, 1, message)
            return ""
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(shown, 1, 1, "file not found")
        return ""
    except OSError as exc:
        problems.add(shown, 1, 1, f"cannot read the file: {exc.strerror}")
        return ""
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.add(shown, 1, 1, "the file starts with a byte-order mark; save it as UTF-8 without BOM")
        return ""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(shown, line, col, "the file is not UTF-8 (GBK?); save it as UTF-8")
        return ""


def all_targets(data: TargetsFile) -> Iterator[tuple[tuple[str | int, ...], Target]]:
    """Every target with its place in the document: commitment targets and indicator targets."""
    for ai, area in enumerate(data.areas):
        for ci, commitment in enumerate(area.commitments):
            for ti, target in enumerate(commitment.targets):
                yield ("areas", ai, "commitments", ci, "targets", ti), target
    for ii, indicator in enumerate(data.indicators):
        for ti, target in enumerate(indicator.targets):
            yield ("indicators", ii, "targets", ti), target


def cross_reference_problems(data: TargetsFile, locator: Locator, shown: str) -> list[Problem]:
    out: list[Problem] = []

    def add(loc: tuple[str | int, ...], message: str) -> None:
        line, col = locator.find(loc)
        out.append(Problem(shown, line, col, message, kind="xref"))

    def duplicates(kind: str, items: list[tuple[tuple[str | int, ...], str]]) -> None:
        seen: dict[str, tuple[str | int, ...]] = {}
        for loc, ident in items:
            if ident in seen:
                first_line, _ = locator.find(seen[ident])
                add(loc, f"duplicate {kind} id '{ident}' (first used on line {first_line})")
            else:
                seen[ident] = loc

    duplicates("unit", [(("units", i, "id"), u.id) for i, u in enumerate(data.units)])
    duplicates("source", [(("sources", i, "id"), s.id) for i, s in enumerate(data.sources)])
    duplicates("area", [(("areas", i, "id"), a.id) for i, a in enumerate(data.areas)])
    duplicates("category", [(("categories", i, "id"), c.id) for i, c in enumerate(data.categories)])
    duplicates("indicator", [(("indicators", i, "id"), x.id) for i, x in enumerate(data.indicators)])
    duplicates(
        "commitment",
        [
            (("areas", ai, "commitments", ci, "id"), c.id)
            for ai, a in enumerate(data.areas)
            for ci, c in enumerate(a.commitments)
        ],
    )
    duplicates("target", [((*loc, "id"), t.id) for loc, t in all_targets(data)])

    units = {u.id for u in data.units}
    sources = {s.id for s in data.sources}
    indicators: dict[str, Indicator] = {x.id: x for x in data.indicators}
    categories = {c.id: c for c in data.categories}

    if data.plan.source not in sources:
        add(("plan", "source"), f"unknown source '{data.plan.source}'")
    for ai, area in enumerate(data.areas):
        for xi, ref in enumerate(area.indicators):
            if ref not in indicators:
                add(("areas", ai, "indicators", xi), f"unknown indicator '{ref}'")
        counts = Counter(area.indicators)
        for xi, ref in enumerate(area.indicators):
            if counts[ref] > 1 and area.indicators.index(ref) != xi:
                add(("areas", ai, "indicators", xi), f"indicator '{ref}' is listed twice")
    for ii, indicator in enumerate(data.indicators):
        if indicator.unit not in units:
            add(("indicators", ii, "unit"), f"unknown unit '{indicator.unit}'")
        category = categories.get(indicator.category)
        if category is None:
            add(("indicators", ii, "category"), f"unknown category '{indicator.category}'")
        elif indicator.group is not None and indicator.group not in {g.id for g in category.groups}:
            add(("indicators", ii, "group"), f"category '{category.id}' has no group '{indicator.group}'")
    for loc, target in all_targets(data):
        if loc[0] == "areas" and target.outcomes and target.unit is None:
            # An indicator's target falls back to the indicator's unit; a commitment's has none to fall back on,
            # and a reported figure without its unit would be a number that says nothing.
            add((*loc, "kind"), f"target '{target.id}' has outcomes but no 'unit' to show them with; add one")
        if target.unit is not None and target.unit not in units:
            add((*loc, "unit"), f"unknown unit '{target.unit}'")
        if target.reference is not None and target.reference not in indicators:
            add((*loc, "reference"), f"unknown indicator '{target.reference}'")
        for oi, outcome in enumerate(target.outcomes):
            if outcome.source not in sources:
                add((*loc, "outcomes", oi, "source"), f"unknown source '{outcome.source}'")
    for ii, indicator in enumerate(data.indicators):
        if indicator.merged_with is None:
            continue
        above = indicators.get(indicator.merged_with)
        if above is None or above.id == indicator.id:
            add(("indicators", ii, "merged_with"), f"unknown indicator '{indicator.merged_with}' (the row above)")
        elif above.target_text != indicator.target_text:
            add(("indicators", ii, "target_text"),
                f"indicator '{indicator.id}' shares the merged annex cell of '{above.id}', so its 'target_text' must "
                f"be that row's: {above.target_text.zh!r} / {above.target_text.en!r}")
    out.extend(Problem(shown, *locator.find(loc), message, kind="measure") for loc, message in measure_problems(data))
    return out


def _fold_name(text: str) -> str:
    return "".join(text.split()).casefold()


def _rule(target: Target) -> str:
    if target.reference is not None:
        return f"{target.kind} {target.reference}"
    return target.kind + (f" {target.value:g}" if target.value is not None else "")


def _outcome_keys(target: Target) -> set[tuple[str, int, float, str]]:
    return {(o.period, o.year, float(o.value), o.comparability) for o in target.outcomes}


def measure_problems(data: TargetsFile) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """One measure, one status: a commitment's target that restates an annex target must say so
    (`repeats`), with the same rule, and without outcomes of its own that differ from the annex's, or the
    site would show one measure with two statuses, one of them resting on the wrong figures."""
    annex = {t.id: t for i in data.indicators for t in i.targets}
    # The annex's measures by name: an indicator's name when it has one target, each target's label.
    names: dict[str, str] = {}
    for indicator in data.indicators:
        if len(indicator.targets) == 1:
            names.setdefault(_fold_name(indicator.name.zh), indicator.targets[0].id)
        for target in indicator.targets:
            if target.label is not None:
                names.setdefault(_fold_name(target.label.zh), target.id)
    for loc, target in all_targets(data):
        if target.repeats is None:
            same_name = names.get(_fold_name(target.label.zh)) if loc[0] == "areas" and target.label else None
            if same_name is not None:
                yield (*loc, "label"), (
                    f"target '{target.id}' has the name of the annex target '{same_name}': if it is the same measure, "
                    f"add \"repeats\": \"{same_name}\" so that both show one outcome and one status; if it is another "
                    "measure, give it a name that says how it differs")
            continue
        if loc[0] == "indicators":
            yield (*loc, "repeats"), "only a commitment's target can repeat an annex target; remove 'repeats'"
            continue
        other = annex.get(target.repeats)
        if other is None:
            yield (*loc, "repeats"), f"unknown annex target '{target.repeats}'"
            continue
        if _rule(target) != _rule(other):
            differs = next(f for f in ("kind", "value", "reference") if getattr(target, f) != getattr(other, f))
            yield (*loc, differs), (
                f"target '{target.id}' repeats the annex target '{other.id}' but states another rule ({_rule(target)}, "
                f"against {_rule(other)}): a verdict on one would rest on the other's figures; correct the rule, or "
                "remove 'repeats' if they are two measures")
        if target.outcomes and _outcome_keys(target) != _outcome_keys(other):
            yield (*loc, "outcomes"), (
                f"targets '{target.id}' and '{other.id}' are one measure ('repeats') but list different outcomes: "
                f"keep the outcomes on the annex target '{other.id}' only")
