"""A plan's text drafted into the data file's format: a document `load_data` accepts as it is.

Each drafted area, commitment, target, category and indicator carries `"drafted": {"line", "col"}`, where it
stands in the plan's text, until an editor has confirmed it. Chinese texts are the plan's words; English
texts are placeholders ([TO FILL IN] …), never a translation. Ids are numbered (area-1, area-1-2,
area-1-2-t3, indicator-4): an editor may rename them before the site is published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from site_builder.checks.parity import PLACEHOLDER
from site_builder.drafting.annex import AnnexRow, direction, read_annex
from site_builder.drafting.facts import plan_facts
from site_builder.drafting.figures import COUNTERS, MEASURES, Figure, figures_in
from site_builder.drafting.plantext import PlanText, Position

Raw = dict[str, Any]
PERCENT_NAME = re.compile(r"(增速|增长|增幅|涨幅|率|比重|比例|占比)$")
GROWTH = re.compile(r"(生产总值|GDP|经济)(增速|增长)")
PLACEHOLDER_UNIT = "to-fill-in"


def todo(hint: str) -> str:
    """An English placeholder: `check` lists it as a todo until a translator replaces it."""
    return f"{PLACEHOLDER['en']} {hint}"


def zh_text(zh: str, hint: str) -> dict[str, str]:
    return {"zh": zh, "en": todo(hint)}


def drafted(at: Position) -> dict[str, int]:
    return {"line": at[0], "col": at[1]}


def unit_entry(word: str) -> Raw:
    """The data file's unit for a unit word of the plan: "%" → percent, "台" → tai (its English to fill in)."""
    if word in MEASURES:
        ident, en, kind = MEASURES[word]
        return {"id": ident, "zh": "%" if kind == "percent" and ident == "percent" else word, "en": en, "kind": kind}
    if word in COUNTERS:
        return {"id": COUNTERS[word], "zh": word, "en": todo(f"what is counted in {COUNTERS[word]} ({word})"),
                "kind": "quantity"}
    return {"id": PLACEHOLDER_UNIT, "zh": f"{PLACEHOLDER['zh']}单位", "en": todo("unit"), "kind": "quantity"}


@dataclass
class Draft:
    """The drafted document, and the unit word behind each unit id it uses."""

    raw: Raw
    units: dict[str, str] = field(default_factory=dict)  # unit id -> the plan's unit word
    notes: list[str] = field(default_factory=list)  # what the text did not say, for the editor


def _target(ident: str, figure: Figure, *, label: bool = True, wording: bool = True) -> Raw:
    out: Raw = {"id": ident}
    if label and figure.label:
        out["label"] = zh_text(figure.label, "target label")
    out |= {"kind": figure.kind, "value": figure.value, "unit": unit_entry(figure.unit)["id"]}
    if wording:
        out["wording"] = zh_text(figure.wording, "the plan's words, translated")
    out["drafted"] = drafted(figure.at)
    return out


def _commitments(plan: PlanText, units: dict[str, str]) -> list[Raw]:
    areas: list[Raw] = []
    for area in plan.areas:
        area_id = f"area-{area.number}"
        commitments: list[Raw] = []
        for commitment in area.commitments:
            ident = f"{area_id}-{commitment.number}"
            found = figures_in(commitment.title) + figures_in(commitment.text)
            for figure in found:
                units[unit_entry(figure.unit)["id"]] = figure.unit
            text = commitment.text.text or commitment.title.text
            commitments.append({
                "id": ident,
                "number": commitment.number,
                "title": zh_text(commitment.title.text, "commitment title"),
                "text": zh_text(text, "the plan's text, translated"),
                "targets": [_target(f"{ident}-t{k}", figure) for k, figure in enumerate(found, 1)],
                "drafted": drafted(commitment.heading.pos()),
            })
        areas.append({
            "id": area_id,
            "number": area.number,
            "title": zh_text(area.title.text, "area title"),
            "commitments": commitments,
            "indicators": [],
            "drafted": drafted(area.heading.pos()),
        })
    return areas


def _annex_unit(row: AnnexRow) -> str:
    if row.figures:
        return row.figures[0].unit
    if row.unit:
        return row.unit
    return "%" if PERCENT_NAME.search(row.name.text) else ""


def _annex_targets(ident: str, row: AnnexRow, unit: str, reference: str | None) -> list[Raw]:
    if row.rule == "figures":
        several = len(row.figures) > 1
        targets = [_target(f"{ident}-{k}" if several else ident, figure, label=several, wording=False)
                   for k, figure in enumerate(row.figures, 1)]
        overall = direction(row.name.text, row.figures)
        for target, figure in zip(targets, row.figures, strict=True):
            own = "lower" if figure.kind == "at_most" else "higher" if figure.kind == "at_least" else overall
            if several and own != overall:
                target["direction"] = own
        return targets
    at = row.cell.pos() if row.cell is not None else row.name.pos()
    if row.rule == "in_step_with" and reference is not None and reference != ident:
        return [{"id": ident, "kind": "in_step_with", "reference": reference, "drafted": drafted(at)}]
    kind = "set_by_province" if row.rule == "set_by_province" else "qualitative"
    return [{"id": ident, "kind": kind, "drafted": drafted(at)}]


def _indicators(plan: PlanText, units: dict[str, str]) -> tuple[list[Raw], list[Raw]]:
    names, rows = read_annex(plan.annex)
    if not rows:
        return [], []
    categories = [{"id": f"category-{k}", "name": zh_text(name.text, "category name"), "drafted": drafted(name.pos())}
                  for k, name in enumerate(names, 1)]
    if any(row.category is None for row in rows):
        head = plan.annex_head or rows[0].name
        categories.insert(0, {"id": "category-0", "name": zh_text(f"{PLACEHOLDER['zh']}指标类别", "category name"),
                              "drafted": drafted(head.pos())})
    ids = [f"indicator-{k}" for k in range(1, len(rows) + 1)]
    growth = next((ids[k] for k, row in enumerate(rows) if GROWTH.search(row.name.text)), None)
    indicators: list[Raw] = []
    for k, row in enumerate(rows):
        source = rows[row.merged_with] if row.merged_with is not None else row
        if source.cell is None:
            continue  # a blank cell with no row above it: nothing to draft
        unit = _annex_unit(source) if source.figures else _annex_unit(row)
        entry = unit_entry(unit)
        units[entry["id"]] = unit
        indicator: Raw = {
            "id": ids[k],
            "name": zh_text(row.name.text, "indicator name"),
            "category": f"category-{row.category + 1}" if row.category is not None else "category-0",
            "unit": entry["id"],
            "direction": direction(row.name.text, source.figures),
            "target_text": zh_text(source.cell.text, "the annex's target, translated"),
            "targets": _annex_targets(ids[k], source, unit, growth),
            "drafted": drafted(row.name.pos()),
        }
        if row is not source:
            above = ids[row.merged_with or 0]
            indicator["merged_with"] = above
            indicator["note"] = zh_text(f"附件中本行目标栏空白（合并单元格），按上一行“{source.name.text}”的目标",
                                        "how the blank annex cell was read")
            for target in indicator["targets"]:
                target["id"] = target["id"].replace(above, ids[k], 1)
                target["drafted"] = drafted(row.name.pos())
        indicators.append(indicator)
    return categories, indicators


def fold(text: str) -> str:
    return "".join(text.split()).casefold()


def link_repeats(raw: Raw, targets: list[Raw]) -> None:
    """A commitment's target named like an annex target restates it (one measure, one status): it gets
    `repeats` when its rule is the annex's; a target of another rule is renamed, with a note to confirm."""
    names: dict[str, Raw] = {}
    for indicator in raw["indicators"]:
        if len(indicator["targets"]) == 1:
            names.setdefault(fold(indicator["name"]["zh"]), indicator["targets"][0])
        for target in indicator["targets"]:
            if target.get("label"):
                names.setdefault(fold(target["label"]["zh"]), target)
    for target in targets:
        annex = names.get(fold(target["label"]["zh"])) if target.get("label") else None
        if annex is None:
            continue
        if annex["kind"] == target["kind"] and float(annex.get("value", 0)) == float(target.get("value", 0)):
            target["repeats"] = annex["id"]
            continue
        target["label"]["zh"] += "（本项承诺）"
        target["note"] = zh_text(f"{PLACEHOLDER['zh']}名称与附件目标“{annex['id']}”相同而目标不同：确认是否同一指标",
                                 "whether this is the annex's measure")


def area_indicators(raw: Raw, area: Raw) -> list[str]:
    """The annex indicators an area's commitments restate: what its page shows."""
    owners = {t["id"]: i["id"] for i in raw["indicators"] for t in i["targets"]}
    shown: list[str] = []
    for commitment in area["commitments"]:
        for target in commitment.get("targets", []):
            owner = owners.get(target.get("repeats", ""))
            if owner is not None and owner not in shown:
                shown.append(owner)
    return shown


def draft_document(plan: PlanText) -> Draft:
    """The whole document drafted from the plan's text."""
    units: dict[str, str] = {}
    plan_section, source, notes = plan_facts(plan.lines)
    areas = _commitments(plan, units)
    categories, indicators = _indicators(plan, units)
    raw: Raw = {
        "plan": plan_section,
        "units": [unit_entry(word) for word in units.values()],
        "sources": [source],
        "areas": areas,
        "categories": categories,
        "indicators": indicators,
    }
    link_repeats(raw, [t for a in areas for c in a["commitments"] for t in c["targets"]])
    for area in areas:
        area["indicators"] = area_indicators(raw, area)
    return Draft(raw, units, notes)

