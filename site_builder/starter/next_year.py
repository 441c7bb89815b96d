"""`site-builder new year YEAR`: start the next year's plan beside the ones the site has.

A one-year site first moves to the plan-years layout (sources/plans.py): its data file becomes
data/plans/FIRST.json, byte for byte but for the schema's path, and its commentary moves into
content/{zh,en}/FIRST/. Its pages move to /{lang}/FIRST/, and the pipeline keeps their old addresses
answering (redirect pages), so nothing published breaks.

The new year starts as a copy of the latest plan with the same ids, so each target continues by default
and the track record compares them: the editor then changes what the new plan changed. Nothing is made
up: the copy has no outcomes, the plan's own facts (titles, document number, dates, address, the session
approving it) are left as placeholders, and every copied area, commitment, category and indicator carries
`"carried": YEAR`; `check` lists each as a todo until an editor confirms it against the new plan.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from site_builder.checks.parity import PLACEHOLDER
from site_builder.drafting.facts import UNKNOWN_URL
from site_builder.errors import ContentError, SiteBuilderError, display_path
from site_builder.model.urls import area_slug
from site_builder.scaffold import placeholder_page, save_data
from site_builder.sources.config import load_config
from site_builder.sources.content import YEAR_FOLDER
from site_builder.sources.i18n import LANGUAGES
from site_builder.sources.plans import ONE_YEAR_FILE, PLANS_FOLDER, load_plans


def _move_to_plan_years(root: Path, year: int) -> list[str]:
    """The one-year site's data and commentary moved to the plan-years layout; what moved, in words."""
    one = root / ONE_YEAR_FILE
    target = root / PLANS_FOLDER / f"{year}.json"
    text = one.read_text(encoding="utf-8")
    # The schema stays in data/, one folder up from the plans.
    text = text.replace('"$schema": "./targets.schema.json"', '"$schema": "../targets.schema.json"', 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    one.unlink()
    moved = [f"Moved {display_path(one, root)} to {display_path(target, root)}."]
    for lang in LANGUAGES:
        folder = root / "content" / lang
        pages = [p for p in sorted(folder.rglob("*.md"))
                 if not YEAR_FOLDER.fullmatch(p.relative_to(folder).parts[0])] if folder.is_dir() else []
        for page in pages:
            destination = folder / str(year) / page.relative_to(folder)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(page, destination)
        for empty in sorted({p.parent for p in pages}, key=lambda p: -len(p.parts)):
            if empty != folder and empty.is_dir() and not any(empty.iterdir()):
                empty.rmdir()
        if pages:
            moved.append(f"Moved the {lang} commentary ({len(pages)} files) into "
                         f"{display_path(folder / str(year), root)}/.")
    return moved


def _referenced_sources(raw: Any) -> set[str]:
    """Every source id the document names (the plan's, and any item's "source")."""
    found: set[str] = set()
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key == "source" and isinstance(value, str):
                found.add(value)
            else:
                found |= _referenced_sources(value)
    elif isinstance(raw, list):
        for item in raw:
            found |= _referenced_sources(item)
    return found


def _strip(raw: Any) -> None:
    """Outcomes, links to earlier years and import-plan's drafting marks: none of them carry over."""
    if isinstance(raw, dict):
        raw.pop("continues", None)
        raw.pop("drafted", None)
        raw.pop("carried", None)
        if "outcomes" in raw:
            raw["outcomes"] = []
        for value in raw.values():
            _strip(value)
    elif isinstance(raw, list):
        for item in raw:
            _strip(item)


def _to_fill_in(text: dict[str, str]) -> dict[str, str]:
    """A text an editor must confirm for the new plan, marked so that `check` lists it."""
    return {"zh": f"{PLACEHOLDER['zh']}{text['zh']}", "en": f"{PLACEHOLDER['en']} {text['en']}"}


def next_plan(latest: dict[str, Any], year: int) -> dict[str, Any]:
    """The new year's plan as a copy of the latest: same ids, no outcomes, the plan's facts to fill in, and
    each area, commitment, category and indicator marked as carried over until an editor confirms it."""
    raw = json.loads(json.dumps(latest))
    raw.pop("dropped", None)
    _strip(raw)
    plan = raw["plan"]
    for item in [*raw["areas"], *(c for a in raw["areas"] for c in a["commitments"]), *raw["categories"],
                 *raw["indicators"]]:
        item["carried"] = plan["year"]
    plan.update(year=year, adopted=None, published=None, source_url=UNKNOWN_URL,
                document_number=f"{PLACEHOLDER['zh']}{plan['document_number']}")
    for key in ("title", "short_title", "approved_by"):  # the session that approves it is another one
        plan[key] = _to_fill_in(plan[key])
    used = _referenced_sources(raw)
    raw["sources"] = [s for s in raw["sources"] if s["id"] in used]
    for source in raw["sources"]:
        if source["id"] == plan["source"]:  # the plan's own document: the new year's, to fill in
            source.update(title=_to_fill_in(source["title"]), url=UNKNOWN_URL, date=None)
    raw["$schema"] = "../targets.schema.json"
    return {"$schema": raw.pop("$schema"), **raw}


def new_year(root: Path, year: int) -> list[str]:
    """Adds the plan of `year` (after the latest) as a copy of the latest, moving a one-year site to the
    plan-years layout first; returns what was done and what to do next, line by line."""
    config, problems = load_config(root)
    if problems:
        raise ContentError(problems)
    root = config.root
    plans, problems = load_plans(root)
    if problems:
        raise ContentError(problems)  # every plan must be valid before another is added
    latest = max(plans)
    if year in plans:
        raise SiteBuilderError(f"the site already has a plan for {year}")
    if year < latest:
        raise SiteBuilderError(f"{year} is before the latest plan ({latest}): a new year comes after it")
    done = _move_to_plan_years(root, latest) if (root / ONE_YEAR_FILE).is_file() else []
    latest_file = root / PLANS_FOLDER / f"{latest}.json"
    new_file = root / PLANS_FOLDER / f"{year}.json"
    raw = next_plan(json.loads(latest_file.read_text(encoding="utf-8")), year)
    save_data(new_file, root, raw, invalid="the new plan would not be valid")
    done.append(f"Started {display_path(new_file, root)} as a copy of the {latest} plan: the same targets and ids, "
                "no outcomes.")
    for lang in LANGUAGES:
        folder = root / "content" / lang / str(year)
        for slug in ["index", *(area_slug(a["id"]) for a in raw["areas"])]:
            page = folder / f"{slug}.md"
            if not page.exists():
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(placeholder_page(lang), encoding="utf-8")
        done.append(f"Wrote the {lang} commentary to fill in: {display_path(folder, root)}/.")
    return [
        *done,
        f"Next: change in {display_path(new_file, root)} what the {year} plan changed (figures, targets it no "
        f"longer sets, new ones); `site-builder import-plan PLAN.txt --out draft-{year}.json` drafts its figures "
        "from the plan's text, with their lines, to compare.",
        f"Link a renamed target with \"continues\": \"{latest}/OLD-ID\"; confirm a dropped one in \"dropped\".",
        "Then run `site-builder check`: it lists every placeholder, and each target with no successor.",
    ]
