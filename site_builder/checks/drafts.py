"""What `site-builder import-plan` drafted, or `new year` copied, and an editor has not yet confirmed.

Each item with a `"drafted": {"line", "col"}` key is a todo, reported where that key stands, naming the
place in the plan's text it came from; so is each with `"carried": YEAR`, copied from that year's plan
into the next, whose words and figures may not be the new plan's. (Placeholders left in any text are
parity's: `parity.py`.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from site_builder.errors import Problem
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


def draft_problems(raw: Any, locator: Locator, shown: str) -> list[Problem]:
    """A todo for each drafted item of the parsed data document."""
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
        carried = item.get("carried")
        if isinstance(carried, int) and not isinstance(carried, bool):
            line, col = locator.find((*loc, "carried"), key=True)
            message = (
                f"{_named(item, loc)} copied from the {carried} plan by `new year`: confirm its words and figures "
                "(and its targets') against this year's plan, then delete \"carried\""
            )
            out.append(Problem(shown, line, col, message, "warning", "todo"))
    return out
