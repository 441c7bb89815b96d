"""What `site-builder import-plan` drafted and an editor has not yet confirmed.

Each item with a `"drafted": {"line", "col"}` key is a todo, reported where that key stands, naming the
place in the plan's text it came from. So are placeholders in the data's plain strings (a unit's names, a
source's address), which the parity check of `{"zh", "en"}` texts does not read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from site_builder.checks.parity import PLACEHOLDER
from site_builder.errors import Problem, display_path
from site_builder.sources.data import ENTITY_NAMES, LANGUAGE_NAMES, Locator

Loc = tuple[str | int, ...]


def _walk(raw: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    yield loc, raw
    if isinstance(raw, dict):
        for key, value in raw.items():
            yield from _walk(value, (*loc, key))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield from _walk(value, (*loc, index))


def _named(item: dict[str, Any], loc: Loc) -> str:
    container = next((p for p in reversed(loc) if isinstance(p, str)), "plan")
    entity = ENTITY_NAMES.get(container, container)
    ident = item.get("id")
    return f"{entity} '{ident}'" if isinstance(ident, str) else entity


def _is_text(item: dict[str, Any]) -> bool:
    return bool(item) and set(item) <= set(LANGUAGE_NAMES)


def draft_problems(data_file: Path, root: Path) -> list[Problem]:
    """A todo for each drafted item and each placeholder outside a text (a valid document)."""
    text = data_file.read_text(encoding="utf-8")
    if '"drafted"' not in text and not any(marker in text for marker in PLACEHOLDER.values()):
        return []
    raw = json.loads(text)
    locator = Locator(text)
    shown = display_path(data_file, root)
    out: list[Problem] = []
    for loc, item in _walk(raw):
        if not isinstance(item, dict) or _is_text(item):
            continue
        drafted = item.get("drafted")
        if isinstance(drafted, dict):
            line, col = locator.find((*loc, "drafted"), key=True)
            message = (
                f"{_named(item, loc)} drafted from the plan's text at line {drafted.get('line')}, col "
                f"{drafted.get('col')}: confirm it against the plan, then delete \"drafted\""
            )
            out.append(Problem(shown, line, col, message, "warning", "todo"))
        for key, value in item.items():
            if isinstance(value, str) and any(marker in value for marker in PLACEHOLDER.values()):
                line, col = locator.find((*loc, key))
                shown_value = json.dumps(value, ensure_ascii=False)
                message = f"{_named(item, loc)} {key}: replace the placeholder in {shown_value}"
                out.append(Problem(shown, line, col, message, "warning", "todo"))
    return out
