"""`site-builder new`: add a valid entry to the sources and say, line by line, what to fill in.

Placeholders are marked 【待填写】 / [TO FILL IN]; `check` reports each one left as a warning (an error
with --strict), so a scaffold cannot reach the public site by accident. No figure is ever made up: a
new outcome takes its value and source from the editor.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from pathlib import Path
from typing import Any

from site_builder.checks.parity import PLACEHOLDER, data_text_problems
from site_builder.errors import ContentError, SiteBuilderError, display_path
from site_builder.model.urls import area_slug
from site_builder.sources.config import load_config
from site_builder.sources.data import Locator, load_data
from site_builder.sources.plans import find_plan_files

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PERIODS: tuple[str, ...] = ("h1", "q1_q3", "jan_nov", "year")  # calendar order; the schema's Period


def placeholder_text(zh: str, en: str) -> dict[str, str]:
    """A text to fill in, in both languages, each marked so that `check` lists it."""
    return {"zh": f"{PLACEHOLDER['zh']}{zh}", "en": f"{PLACEHOLDER['en']} {en}"}


def placeholder_page(lang: str) -> str:
    """An area's commentary to fill in, in `lang`."""
    marker = PLACEHOLDER[lang]
    if lang == "zh":
        title, summary, heading, body = "领域标题", "一句话概述", "计划承诺了什么", "正文。"
    else:
        title, summary, heading, body = " Area title", " One-sentence summary", "What the plan promises", " Text."
    # Quoted: "[TO FILL IN] ..." would otherwise be a YAML list.
    return f'---\ntitle: "{marker}{title}"\nsummary: "{marker}{summary}"\n---\n## {heading}\n\n{marker}{body}\n'


def save_data(path: Path, root: Path, raw: dict[str, Any], *, invalid: str) -> str:
    """Writes the data document only if it is valid, and in one step, so that the preview server never
    reads half of it; the file keeps its two-space layout. `invalid` says what was refused, if it is not."""
    text = json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    trial = path.with_name(f".{path.name}.new")
    trial.write_text(text, encoding="utf-8")
    try:
        load_data(trial, root)
    except ContentError as exc:
        trial.unlink(missing_ok=True)
        found = "\n".join(str(p) for p in exc.problems)
        raise SiteBuilderError(f"{invalid}:\n{found}") from None
    os.replace(trial, path)
    return text


def _load(root: Path, plan_year: int | None = None) -> tuple[Path, Path, dict[str, Any]]:
    """The site's root, the plan file of `plan_year` (None: the latest plan) and its document."""
    config, problems = load_config(root)
    if problems:
        raise ContentError(problems)
    files = find_plan_files(config.root)
    years = {int(f.stem): f for f in files if f.stem.isdigit()}
    if plan_year is None or (len(files) == 1 and not years):
        data_file = files[-1]  # the latest plan (the plans are named by year, oldest first), or the only one
        if plan_year is not None:
            found = load_data(data_file, config.root).plan.year
            if found != plan_year:
                raise SiteBuilderError(f"the site has one plan, for {found}, not {plan_year}: check --plan-year")
    elif plan_year in years:
        data_file = years[plan_year]
    else:
        raise SiteBuilderError(f"the site has no plan for {plan_year}; its plans are for "
                               f"{', '.join(str(y) for y in sorted(years))}: check --plan-year")
    load_data(data_file, config.root)  # the document must be valid before we add to it
    return config.root, data_file, json.loads(data_file.read_text(encoding="utf-8"))


def commentary_folder(root: Path, data_file: Path, lang: str) -> Path:
    """Where a plan's commentary is: content/zh/ in a one-year site, content/zh/2022/ for data/plans/2022.json."""
    folder = root / "content" / lang
    return folder / data_file.stem if data_file.parent.name == "plans" else folder


def new_area(root: Path, area_id: str, plan_year: int | None = None) -> list[str]:
    """Adds area `area_id` (with one commitment to fill in) to a plan (the latest, unless `plan_year`) and its
    commentary in both languages."""
    if not ID.match(area_id):
        raise SiteBuilderError(
            f"'{area_id}' is not an id: use lowercase letters, digits and hyphens (it becomes the URL)"
        )
    root, data_file, raw = _load(root, plan_year)
    if any(a["id"] == area_id for a in raw["areas"]):
        raise SiteBuilderError(f"area '{area_id}' already exists in {display_path(data_file, root)}")
    pages = {lang: commentary_folder(root, data_file, lang) / f"{area_slug(area_id)}.md" for lang in ("zh", "en")}
    for page in pages.values():
        if page.exists():
            raise SiteBuilderError(f"{display_path(page, root)} already exists; move it away or pick another id")
    raw["areas"].append(
        {
            "id": area_id,
            "number": max((a["number"] for a in raw["areas"]), default=0) + 1,
            "title": placeholder_text("领域标题", "area title"),
            "commitments": [
                {
                    "id": f"{area_id}-1",
                    "number": 1,
                    "title": placeholder_text("承诺标题", "commitment title"),
                    "text": placeholder_text("计划原文", "the plan's text, translated"),
                    "targets": [],
                }
            ],
            "indicators": [],
        }
    )
    save_data(data_file, root, raw, invalid="the new entry would not be valid")
    for lang, page in pages.items():
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(placeholder_page(lang), encoding="utf-8")
    todo = [str(p) for p in data_text_problems(data_file, root) if p.kind == "todo"]
    for page in pages.values():
        for number, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1):
            for marker in PLACEHOLDER.values():
                if marker in line:
                    where = f"{display_path(page, root)}:{number}:{line.index(marker) + 1}"
                    todo.append(f"{where}: fill in: {line.strip()}")
    return [
        f"Added area '{area_id}' to {display_path(data_file, root)} and its commentary in both languages.",
        "Fill in each place marked 【待填写】 / [TO FILL IN]; `site-builder check` lists what is left:",
        *todo,
        "Add measurable targets under the commitment's \"targets\" and annex indicator ids under \"indicators\".",
    ]


def _number(text: str) -> int | float:
    try:
        value = float(text)
    except ValueError:
        raise SiteBuilderError(f"--value must be a number as the source prints it, not '{text}'") from None
    return int(value) if value.is_integer() and "." not in text else value


def _did_you_mean(name: str, known: list[str]) -> str | None:
    """The known id closest to a mistyped one, as the chart check suggests it; None when none is close."""
    close = difflib.get_close_matches(name, known, n=1)
    return close[0] if close else None


def new_outcome(
    root: Path, indicator_id: str, value: str, source: str, period: str, year: int | None, target_id: str | None,
    *, force: bool = False, plan_year: int | None = None,
) -> list[str]:
    """Adds a reported outcome to an indicator's target in a plan (the latest, unless `plan_year`: an outcome
    of 2021 reported in 2022 goes in the 2021 plan); the value and source come from the editor. An outcome
    for another year than the plan's is refused unless `force`: no verdict would rest on it."""
    root, data_file, raw = _load(root, plan_year)
    indicator = next((i for i in raw["indicators"] if i["id"] == indicator_id), None)
    if indicator is None:
        ids = [i["id"] for i in raw["indicators"]]
        close = _did_you_mean(indicator_id, ids)
        if close is not None:
            raise SiteBuilderError(f"no indicator '{indicator_id}'; did you mean '{close}'?")
        raise SiteBuilderError(f"no indicator '{indicator_id}'; the indicators are: {', '.join(ids)}")
    targets = indicator["targets"]
    if target_id is None and len(targets) > 1:
        choices = ", ".join(t["id"] for t in targets)
        raise SiteBuilderError(f"indicator '{indicator_id}' has several targets; choose one with --target: {choices}")
    target = next((t for t in targets if target_id in (None, t["id"])), None)
    if target is None:
        close = _did_you_mean(str(target_id), [t["id"] for t in targets])
        choices = f"did you mean '{close}'?" if close else ", ".join(t["id"] for t in targets)
        raise SiteBuilderError(f"indicator '{indicator_id}' has no target '{target_id}': {choices}")
    if target["kind"] in {"qualitative", "set_by_province"}:
        raise SiteBuilderError(
            f"target '{target['id']}' has no figure to compare ({target['kind']}); write the outcome in the commentary"
        )
    sources = [s["id"] for s in raw["sources"]]
    if source not in sources:
        close = _did_you_mean(source, sources)
        known = f"did you mean '{close}'?" if close else f"use one of: {', '.join(sources)}."
        raise SiteBuilderError(
            f"no source '{source}' in {display_path(data_file, root)}; {known} A new source goes in "
            "\"sources\" first (id, title, publisher, date, url, official)."
        )
    plan_year = raw["plan"]["year"]
    year = year if year is not None else plan_year
    if year != plan_year and not force:
        raise SiteBuilderError(
            f"the plan is for {plan_year}: no verdict rests on a {year} outcome (is --year a typo?); "
            "add --force to record it anyway"
        )
    outcomes = target.setdefault("outcomes", [])
    if any(o["period"] == period and o["year"] == year for o in outcomes):
        raise SiteBuilderError(
            f"target '{target['id']}' already has a {period} {year} outcome; edit it in {display_path(data_file, root)}"
        )
    # "added" is the day the figure entered the data: the feed and "last updated" dates come from it.
    added = {"period": period, "year": year, "value": _number(value), "source": source,
             "added": dt.date.today().isoformat()}
    outcomes.append(added)
    # The document lists outcomes in calendar order: h1 < q1_q3 < jan_nov < year.
    outcomes.sort(key=lambda o: (o["year"], PERIODS.index(o["period"])))
    text = save_data(data_file, root, raw, invalid="the new entry would not be valid")
    index = raw["indicators"].index(indicator)
    where = ("indicators", index, "targets", targets.index(target), "outcomes", outcomes.index(added))
    line, col = Locator(text).find(where)
    shown = display_path(data_file, root)
    areas = [a["id"] for a in raw["areas"] if indicator_id in a["indicators"]]
    pages = [display_path(commentary_folder(root, data_file, lang) / f"{area_slug(a)}.md", root)
             for a in areas for lang in ("zh", "en")]
    return [
        f"{shown}:{line}:{col}: added the {period} {year} outcome {value} of '{target['id']}' (source {source}).",
        'If the source reports a related but not identical figure, add "comparability": "close" and a "basis" '
        "in both languages;",
        'add a "note" (zh and en) for anything a reader needs to know about it.',
        "Update the commentary that quotes this indicator, in both languages: "
        + (", ".join(pages) or "content/{zh,en}/index.md"),
        "Then run `site-builder check`: it reports a figure in the text that disagrees with the data.",
    ]
