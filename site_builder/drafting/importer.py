"""`site-builder import-plan PLAN.txt --out DRAFT.json [--merge]`: a plan's text drafted into data.

The text is read as the data file is (UTF-8 only: GBK or a byte-order mark is refused with the same
error), drafted (document.py), merged into the file at --out only when asked (merge.py), checked with
`load_data` as `check` will read it, and written in one step, so --out is never left half written.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from site_builder.drafting.document import draft_document
from site_builder.drafting.merge import count_of, merged_with
from site_builder.drafting.plantext import read_plan
from site_builder.errors import Problems, SiteBuilderError, display_path
from site_builder.model.urls import area_slug
from site_builder.scaffold import placeholder_page, save_data
from site_builder.sources.data import MAX_MARKDOWN_BYTES, load_data, read_text

ONE = {"areas": "area", "commitments": "commitment", "targets": "target", "categories": "category",
       "indicators": "indicator", "units": "unit"}


def _counted(counts: Counter[str]) -> str:
    said = [f"{counts[k]} {k if counts[k] != 1 else one}" for k, one in ONE.items() if counts[k]]
    return ", ".join(said) or "nothing"


def import_plan(plan_text: Path, out: Path, merge: bool) -> list[str]:
    """Drafts data from the plan's text into `out`; the lines to tell the editor."""
    shown, target = display_path(plan_text), display_path(out)
    problems = Problems()
    text = read_text(plan_text, shown, problems, limit=MAX_MARKDOWN_BYTES)
    problems.raise_if_any()
    plan = read_plan(text)
    if not plan.areas:
        raise SiteBuilderError(
            f"{shown}: no task areas found: a plan's areas are headed 一、… on a line of their own, "
            "with numbered commitments (一)… under them"
        )
    draft = draft_document(plan)
    raw = draft.raw
    if out.exists() and not merge:
        raise SiteBuilderError(
            f"{target} already exists: use --merge to add what the plan has and the file lacks "
            "(nothing already in it is changed), or choose another --out"
        )
    lines: list[str] = []
    merged = out.exists()
    if merged:
        load_data(out, out.parent)  # an invalid file is reported as `check` reports it, and left alone
        raw, added, kept = merged_with(json.loads(out.read_text(encoding="utf-8")), raw)
        lines.append(f"Added to {target} from {shown}: {_counted(added)}.")
        lines.append(f"Already there, kept as they are: {_counted(kept)}.")
    else:
        if (out.parent / "targets.schema.json").exists():
            raw = {"$schema": "./targets.schema.json", **raw}
        elif out.parent.name == "plans" and (out.parent.parent / "targets.schema.json").exists():
            raw = {"$schema": "../targets.schema.json", **raw}  # a plan year's file, in data/plans/
        lines.append(f"Drafted {target} from {shown}: {_counted(count_of(raw))}.")
    save_data(out, out.parent, raw, invalid="the draft would not be a valid data file (please report this)")
    written = _placeholder_commentary(out, raw)
    lines += [*(f"Wrote {path} to fill in." for path in written)]
    lines += [
        'Each drafted item says where it stands in the plan\'s text ("drafted": {"line", "col"}); '
        "`site-builder check` lists every one as a todo: confirm it against the plan, then delete \"drafted\".",
        "English texts are left as [TO FILL IN] for a translator: nothing was translated.",
        *(f"Not in the text: {note}." for note in (draft.notes if not merged else [])),
        "Each area needs its commentary in both languages (content/zh/areas/ID.md and content/en/areas/ID.md).",
    ]
    return lines


def _placeholder_commentary(out: Path, raw: dict[str, Any]) -> list[str]:
    """When --out is a project's data file, each area without commentary gets a page to fill in, in both
    languages (as `new area` writes): `check` then lists todos, not missing pages. Never overwrites."""
    plan_year = out.parent.name == "plans" and out.parent.parent.name == "data"  # data/plans/2022.json
    project = out.parent.parent.parent if plan_year else out.parent.parent
    content = project / "content"
    if not (plan_year or out.parent.name == "data") or not content.is_dir():
        return []
    written = []
    for area in raw["areas"]:
        for lang in ("zh", "en"):
            folder = content / lang / out.stem if plan_year else content / lang  # the year's commentary
            page = folder / f"{area_slug(area['id'])}.md"
            if not page.exists():
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(placeholder_page(lang), encoding="utf-8")
                written.append(display_path(page, project))
    return written
