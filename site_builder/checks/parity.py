"""Nothing an editor writes in one language silently goes missing in the other.

The data model already requires both `zh` and `en` in every text (a missing one is reported by
`data.load_data` as a translation gap); this module adds what a schema cannot see: blank or
untranslated text, Markdown pages that exist in one language only, and scaffold placeholders left
unfilled.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from site_builder.checks.drafts import draft_problems
from site_builder.errors import Level, Problem, display_path
from site_builder.sources.content import Page
from site_builder.sources.data import ENTITY_NAMES, LANGUAGE_NAMES, Locator
from site_builder.sources.i18n import LANGUAGES, other_language

# What `site-builder new` writes where an editor has to fill something in.
PLACEHOLDER = {"zh": "【待填写】", "en": "[TO FILL IN]"}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def texts_in(raw: object, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], dict[str, str]]]:
    """Every {"zh": ..., "en": ...} object in the data document, with its place."""
    if isinstance(raw, dict):
        if set(raw) <= set(LANGUAGES) and raw and all(isinstance(v, str) for v in raw.values()):
            yield loc, raw
            return
        for key, value in raw.items():
            yield from texts_in(value, (*loc, key))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield from texts_in(value, (*loc, index))


def _owner(raw: object, loc: tuple[str | int, ...]) -> str:
    owner: Any = raw  # the parsed JSON document, which texts_in() found `loc` in
    for part in loc[:-1]:
        owner = owner[part]
    container = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), "plan")
    entity = ENTITY_NAMES.get(container, container)
    ident = owner.get("id") if isinstance(owner, dict) else None
    return f"{entity} '{ident}'" if ident else entity


def data_text_problems(data_file: Path, root: Path) -> list[Problem]:
    """Blank, untranslated or placeholder texts in data/targets.json (a valid document), and the items
    import-plan drafted that an editor has not yet confirmed."""
    text = data_file.read_text(encoding="utf-8")
    raw = json.loads(text)
    locator = Locator(text)
    shown = display_path(data_file, root)
    out: list[Problem] = []
    for loc, pair in texts_in(raw):
        field = loc[-1] if loc else "text"
        for lang, value in pair.items():
            found: tuple[str, Level, str]  # message, level, kind
            if not value.strip():
                found = (f"the {LANGUAGE_NAMES[lang]} text is blank", "error", "parity")
            elif PLACEHOLDER[lang] in value:
                found = (f"replace {PLACEHOLDER[lang]} with the text", "warning", "todo")
            elif lang == "en" and CJK.search(value) and not LATIN.search(value):
                found = ("the English text is in Chinese; translate it", "warning", "parity")
            else:
                continue
            message, level, kind = found
            line, col = locator.find((*loc, lang))
            out.append(Problem(shown, line, col, f"{_owner(raw, loc)} {field}: {message}", level, kind))
    out.extend(unfilled_problems(raw, locator, shown))
    out.extend(draft_problems(raw, locator, shown))
    out.extend(period_problems(raw, locator, shown))
    return out


# The plan's fields a new site (`site-builder init`) leaves for the editor: null until they are known.
PLAN_DATES = {"adopted": "the date the plan was adopted", "published": "the date it was published"}


def unfilled_problems(raw: Any, locator: Locator, shown: str) -> list[Problem]:
    """Placeholders outside the zh/en texts (a document number, a web address) and the plan's dates
    not yet given: each a `todo`, so a new site lists everything it still lacks."""
    out: list[Problem] = []

    def walk(value: object, loc: tuple[str | int, ...]) -> None:
        if isinstance(value, dict) and not (set(value) <= set(LANGUAGES)):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))
        elif isinstance(value, str) and any(marker in value for marker in PLACEHOLDER.values()):
            line, col = locator.find(loc)
            out.append(Problem(shown, line, col, f"{_owner(raw, loc)} {loc[-1]}: replace the placeholder in "
                               f"'{value}'", "warning", "todo"))

    walk(raw, ())
    plan = raw.get("plan") if isinstance(raw, dict) else None
    for field, what in PLAN_DATES.items():
        if isinstance(plan, dict) and field in plan and plan[field] is None:
            line, col = locator.find(("plan", field))
            out.append(Problem(shown, line, col, f"plan {field}: not given yet; add {what} (YYYY-MM-DD)",
                               "warning", "todo"))
    return out


# The last day each period covers: a source published before it cannot report the whole period.
PERIOD_END = {"h1": (6, 30), "q1_q3": (9, 30), "jan_nov": (11, 30), "year": (12, 31)}
PERIOD_NAMES = {"h1": "first-half", "q1_q3": "January-September", "jan_nov": "January-November", "year": "full-year"}


def period_problems(raw: Any, locator: Locator, shown: str) -> list[Problem]:
    """Outcomes recorded for a period that had not ended when their source was published: a year-end
    table's figure for January-November recorded as the full year, say. A verdict would rest on an interim
    figure as if it were final (met or missed), so the period must be the one the figure really covers.
    A warning: the source's date may be the day of a later reprint. Outcomes of another year than the plan's
    are warned about too: no verdict rests on them, and 1999 for 2021 is more often a typo than a choice.
    `raw` is a document that validated."""
    plan_year = raw["plan"]["year"]
    dates = {s["id"]: dt.date.fromisoformat(s["date"]) for s in raw["sources"] if s.get("date")}
    places: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
    for ai, area in enumerate(raw["areas"]):
        for ci, commitment in enumerate(area["commitments"]):
            targets = enumerate(commitment.get("targets", []))
            places += [(("areas", ai, "commitments", ci, "targets", ti), t) for ti, t in targets]
    for ii, indicator in enumerate(raw["indicators"]):
        places += [(("indicators", ii, "targets", ti), t) for ti, t in enumerate(indicator["targets"])]
    out: list[Problem] = []
    for loc, target in places:
        for oi, outcome in enumerate(target.get("outcomes", [])):
            if outcome["year"] != plan_year:
                line, col = locator.find((*loc, "outcomes", oi))
                out.append(Problem(
                    shown, line, col,
                    f"target '{target['id']}': an outcome for {outcome['year']}, but the plan is for {plan_year}: "
                    f"no verdict rests on it; correct its \"year\", or remove it if it belongs to another plan",
                    "warning", "period",
                ))
            published = dates.get(outcome["source"])
            end = dt.date(outcome["year"], *PERIOD_END[outcome["period"]]) if 1 <= outcome["year"] <= 9999 else None
            if published is None or end is None or published >= end:
                continue
            line, col = locator.find((*loc, "outcomes", oi, "period"))
            out.append(Problem(
                shown, line, col,
                f"target '{target['id']}': a {PERIOD_NAMES[outcome['period']]} {outcome['year']} figure from source "
                f"'{outcome['source']}', published {published.isoformat()}, before that period ended "
                f"({end.isoformat()}): record the period the figure really covers",
                "warning", "period",
            ))
    return out


def page_problems(
    content_dir: Path, root: Path, pages: dict[tuple[str, str], Page], area_slugs: set[str]
) -> list[Problem]:
    """Pages that exist in one language only (areas are reported by build.commentary_coverage), and
    scaffold placeholders left in a page."""
    out: list[Problem] = []
    for (lang, slug), page in sorted(pages.items()):
        other = other_language(lang)
        if (other, slug) not in pages and slug not in area_slugs:
            missing = content_dir / other / (f"{slug}.md" if slug else "index.md")
            out.append(
                Problem(
                    page.shown, 1, 1,
                    f"no {LANGUAGE_NAMES[other]} version of this page: create {display_path(missing, root)}",
                    kind="parity",
                )
            )
        for number, line in enumerate(page.source.read_text(encoding="utf-8").split("\n"), 1):
            for marker in PLACEHOLDER.values():
                if marker in line:
                    col = line.index(marker) + 1
                    message = f"replace {marker} with the text"
                    out.append(Problem(page.shown, number, col, message, level="warning", kind="todo"))
    return out
