"""Open data: the plan's data as CSV and JSON in `build/data/`, described by a Frictionless data package.

Tables (each as .csv and .json, with Chinese and English columns side by side):
areas, commitments, indicators, targets (with computed statuses), outcomes, sources.
A site of several plan years has one table of each kind for all its years, oldest year first. Every row
starts with `plan_year`, the year of the plan it belongs to, on a one-year site too, so a reader's script
works on both: ids are unique only within one year's plan, so every key is (plan_year, id).
The CSV files are UTF-8 with a byte-order mark, which Excel needs to show Chinese, and which the
data package declares (encoding "utf-8-sig").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from site_builder.model.statements import verdict_line
from site_builder.model.status import Direction, band, evaluate
from site_builder.sources.data import all_targets
from site_builder.sources.i18n import Strings
from site_builder.sources.schema import Target, TargetsFile, Text

DATA_DIR = "data"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless field type: string, integer, number, boolean, date
    description: str


# (fields, other table, its fields): fields of one table that name a row of another.
ForeignKey = tuple[tuple[str, ...], str, tuple[str, ...]]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]  # column name -> value, as written to the CSV and JSON files
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()


PLAN_YEAR = Column(
    "plan_year", "integer",
    "Year of the plan the row belongs to (the plan's own year, not the date of a source): an outcome of a year "
    "reported in the next year's document belongs to the plan of the year it measures",
)


def _zh_en(name: str, what: str) -> tuple[Column, Column]:
    return (
        Column(f"{name}_zh", "string", f"{what} (Chinese)"),
        Column(f"{name}_en", "string", f"{what} (English, unofficial)"),
    )


def _text(value: Text | None, lang: str) -> str:
    return "" if value is None else value.get(lang)


def year_tables(data: TargetsFile, strings: dict[str, Strings]) -> list[Table]:
    """One plan's tables, keyed by id alone (tables() adds its year)."""
    owners: dict[str, tuple[str, str, Direction]] = {}  # target id -> (owner kind, owner id, direction)
    for area in data.areas:
        for commitment in area.commitments:
            for target in commitment.targets:
                owners[target.id] = ("commitment", commitment.id, target.direction or "higher")
    for indicator in data.indicators:
        for target in indicator.targets:
            owners[target.id] = ("indicator", indicator.id, indicator.direction)
    units = {u.id: u for u in data.units}

    areas = Table(
        "areas", "Task areas",
        (Column("area_id", "string", "Area id"), Column("number", "integer", "Number in the plan (一 = 1)"),
         *_zh_en("title", "Title")),
        [{"area_id": a.id, "number": a.number, "title_zh": a.title.zh, "title_en": a.title.en} for a in data.areas],
        ("area_id",),
    )
    commitments = Table(
        "commitments", "Commitments",
        (Column("commitment_id", "string", "Commitment id"), Column("area_id", "string", "Area id"),
         Column("number", "integer", "Number within the area"),
         *_zh_en("title", "Title"), *_zh_en("text", "Full text")),
        [
            {"commitment_id": c.id, "area_id": a.id, "number": c.number, "title_zh": c.title.zh, "title_en": c.title.en,
             "text_zh": c.text.zh, "text_en": c.text.en}
            for a in data.areas for c in a.commitments
        ],
        ("commitment_id",),
        ((("area_id",), "areas", ("area_id",)),),
    )
    categories = {c.id: c for c in data.categories}
    indicators = Table(
        "indicators", "Main target indicators (the plan's annex)",
        (Column("indicator_id", "string", "Indicator id"), Column("category_id", "string", "Category id"),
         *_zh_en("category", "Category"), Column("group_id", "string", "Group id within the category"),
         *_zh_en("name", "Indicator"), Column("unit", "string", "Unit id"), *_zh_en("unit", "Unit"),
         Column("direction", "string", "higher or lower is better"), *_zh_en("target_text", "Target as worded"),
         *_zh_en("note", "How the target was read")),
        [
            {"indicator_id": i.id, "category_id": i.category, "category_zh": categories[i.category].name.zh,
             "category_en": categories[i.category].name.en, "group_id": i.group or "", "name_zh": i.name.zh,
             "name_en": i.name.en, "unit": i.unit, "unit_zh": units[i.unit].zh, "unit_en": units[i.unit].en,
             "direction": i.direction, "target_text_zh": i.target_text.zh, "target_text_en": i.target_text.en,
             "note_zh": _text(i.note, "zh"), "note_en": _text(i.note, "en")}
            for i in data.indicators
        ],
        ("indicator_id",),
    )

    judged: set[tuple[str, str, int]] = set()  # (target id, period, year) of each outcome a status rests on

    def target_row(target: Target) -> dict[str, Any]:
        kind, owner, direction = owners[target.id]
        verdict = evaluate(target, direction, data)
        if verdict.outcome is not None:
            judged.add((verdict.repeats or target.id, verdict.outcome.period, verdict.outcome.year))
        unit_id = target.unit or (data.by_id("indicators")[owner].unit if kind == "indicator" else None)
        lines = {lang: verdict_line(target, verdict, data, strings[lang], lang, unit_id) for lang in ("zh", "en")}
        repeated = data.annex_target(target.repeats)  # a repeated annex target's band is the one read
        reading = band(repeated[1] if repeated else target, data)
        return {
            "target_id": target.id, "owner_type": kind, "owner_id": owner, "kind": target.kind,
            "value": target.value, "unit": target.unit or "", "tolerance": target.tolerance,
            "reference_indicator": target.reference or "", "repeats": target.repeats or "",
            "label_zh": _text(target.label, "zh"),
            "label_en": _text(target.label, "en"), "wording_zh": _text(target.wording, "zh"),
            "wording_en": _text(target.wording, "en"), "status": verdict.status,
            "status_zh": strings["zh"](f"status.{verdict.status}"),
            "status_en": strings["en"](f"status.{verdict.status}"),
            "status_reason": verdict.reason,
            "judged_period": verdict.outcome.period if verdict.outcome else "",
            "judged_year": verdict.outcome.year if verdict.outcome else None,
            "judged_value": verdict.outcome.value if verdict.outcome else None,
            "judged_comparability": verdict.outcome.comparability if verdict.outcome else "",
            "judged_price_basis": (verdict.outcome.prices or "") if verdict.outcome else "",
            "reference_value": verdict.reference.value if verdict.reference else None,
            "band": reading[0] if reading else None,
            "band_is_default": reading[1] if reading else None,
            "verdict_zh": lines["zh"], "verdict_en": lines["en"],
        }

    targets = Table(
        "targets", "Targets with their computed status",
        (Column("target_id", "string", "Target id"), Column("owner_type", "string", "indicator or commitment"),
         Column("owner_id", "string", "Indicator or commitment id"),
         Column("kind", "string", "Rule: at_least, at_most, about, reach, in_step_with, qualitative, set_by_province"),
         Column("value", "number", "Target figure in base units"), Column("unit", "string", "Unit id"),
         Column("tolerance", "number", "Band of an 'about' or 'in step with' target, when the data states one"),
         Column("reference_indicator", "string", "Indicator an 'in step with' target follows"),
         Column("repeats", "string", "The annex target a commitment's target restates: its outcomes and status are "
                "that target's"),
         *_zh_en("label", "Label"), *_zh_en("wording", "The plan's words"),
         Column("status", "string", "Computed status: met, missed, on_track, at_risk (interim figures only), "
                "indicative (a figure of another measure or basis: not judged), not_assessable, not_reported"),
         *_zh_en("status", "Status"),
         Column("status_reason", "string", "Why there is no judgement (indicative, not assessable)"),
         Column("judged_period", "string", "Period of the outcome the status rests on"),
         Column("judged_year", "integer", "Year of the outcome the status rests on"),
         Column("judged_value", "number", "Outcome the status rests on"),
         Column("judged_comparability", "string", "same, close or different: that outcome's measure against the "
                "target's"),
         Column("judged_price_basis", "string", "real, nominal or unknown: that outcome's price basis, if recorded"),
         Column("reference_value", "number", "For 'in step with': the reference indicator's outcome, same period"),
         Column("band", "number", "The band the site read into 'about' or 'in step with' (percentage points for "
                "'in step with')"),
         Column("band_is_default", "boolean", "True when the band is the site's default, not stated in the data"),
         *_zh_en("verdict", "The verdict as the site states it: target, outcome, status with its period")),
        [target_row(t) for _, t in all_targets(data)],
        ("target_id",),
    )
    indicator_unit = {id(tg): i.unit for i in data.indicators for tg in i.targets}  # a target without its own unit
    outcomes = Table(
        "outcomes", "Reported outcomes with their period and source",
        (Column("target_id", "string", "Target id"), Column("period", "string", "year, h1, q1_q3 or jan_nov"),
         Column("year", "integer", "Year"), Column("value", "number", "Reported figure in base units"),
         Column("unit", "string", "Unit id"), Column("source_id", "string", "Source id"),
         Column("comparability", "string", "same: the target's own measure; close: a related but not identical "
                "measure; different: another measure (close and different are never judged)"),
         Column("differs_in", "string", "What a close or different measure differs in: aggregate, station_network, "
                "coverage, definition"),
         Column("price_basis", "string", "A growth rate's basis: real (comparable prices), nominal (current prices), "
                "unknown (not stated by the source); blank when not recorded"),
         *_zh_en("basis", "Basis of the figure, in words"), *_zh_en("note", "Note"),
         Column("judged", "boolean", "True when a target's status rests on this outcome"),
         Column("added", "date", "The day the site added the figure (not the source's date)")),
        [
            {"target_id": t.id, "period": o.period, "year": o.year, "value": o.value,
             "unit": t.unit or indicator_unit[id(t)], "source_id": o.source,
             "comparability": o.comparability, "differs_in": o.differs_in or "", "price_basis": o.prices or "",
             "basis_zh": _text(o.basis_text, "zh"), "basis_en": _text(o.basis_text, "en"),
             "note_zh": _text(o.note, "zh"), "note_en": _text(o.note, "en"),
             "judged": (t.id, o.period, o.year) in judged, "added": o.added.isoformat()}
            for _, t in all_targets(data) for o in t.outcomes
        ],
        ("target_id", "period", "year"),
        ((("target_id",), "targets", ("target_id",)), (("source_id",), "sources", ("source_id",))),
    )
    sources = Table(
        "sources", "Sources",
        (Column("source_id", "string", "Source id"), *_zh_en("title", "Title"), *_zh_en("publisher", "Publisher"),
         Column("date", "date", "Publication date, when known"), Column("url", "string", "Address"),
         Column("official", "boolean", "Published by a government body"),
         Column("reproduction", "boolean", "Read on a third party's copy"), *_zh_en("note", "What was readable")),
        [
            {"source_id": s.id, "title_zh": s.title.zh, "title_en": s.title.en, "publisher_zh": s.publisher.zh,
             "publisher_en": s.publisher.en, "date": s.date.isoformat() if s.date else None, "url": s.url,
             "official": s.official, "reproduction": s.reproduction, "note_zh": _text(s.note, "zh"),
             "note_en": _text(s.note, "en")}
            for s in data.sources
        ],
        ("source_id",),
    )
    return [areas, commitments, indicators, targets, outcomes, sources]


def tables(plans: Sequence[TargetsFile], strings: dict[str, Strings]) -> list[Table]:
    """Each kind's table for every plan (oldest year first), each row led by its plan's year, and every key
    (a row's own, and those naming another table's row) led by it too: ids repeat from one year to the next."""
    per_year = [(data.plan.year, year_tables(data, strings)) for data in plans]
    merged: list[Table] = []
    for kind, first in enumerate(per_year[0][1]):
        merged.append(Table(
            first.name, first.title, (PLAN_YEAR, *first.columns),
            [{PLAN_YEAR.name: year, **row} for year, made in per_year for row in made[kind].rows],
            (PLAN_YEAR.name, *first.primary_key),
            tuple(((PLAN_YEAR.name, *fields), other, (PLAN_YEAR.name, *other_fields))
                  for fields, other, other_fields in first.foreign_keys),
        ))
    return merged


def _csv(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(row[c.name]) for c in table.columns])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def open_data_files(plans: Sequence[TargetsFile], strings: dict[str, Strings]) -> dict[str, bytes]:
    """Every open-data file, by its path in the build folder, for the site's plans (oldest year first)."""
    if not plans:
        raise ValueError("open data needs at least one plan")
    files: dict[str, bytes] = {}
    made = tables(plans, strings)
    for table in made:
        files[f"{DATA_DIR}/{table.name}.csv"] = _csv(table)
        rows = json.dumps(table.rows, ensure_ascii=False, indent=1) + "\n"
        files[f"{DATA_DIR}/{table.name}.json"] = rows.encode("utf-8")
    package = {
        **_about(plans),
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "path": f"{table.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in table.columns],
                    "primaryKey": list(table.primary_key),
                    "foreignKeys": [
                        {"fields": list(fields), "reference": {"resource": other, "fields": list(other_fields)}}
                        for fields, other, other_fields in table.foreign_keys
                    ],
                },
            }
            for table in made
        ],
    }
    files[f"{DATA_DIR}/datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files


def _about(plans: Sequence[TargetsFile]) -> dict[str, Any]:
    """The package's name, title, description and licences: one plan's as before, or every year's plan."""
    what = ("targets, reported outcomes with their sources and periods, and statuses computed from each target's "
            "rule. English text is an unofficial translation.")
    licences: list[dict[str, str]] = []
    for data in plans:  # each distinct licence once, in the order of the years that use it
        licence = data.plan.licence
        entry = {"name": licence.id, "path": licence.url} if licence else None
        if entry and entry not in licences:
            licences.append(entry)
    if len(plans) == 1:
        plan = plans[0].plan
        return {"name": f"plan-{plan.year}", "title": plan.title.en,
                "description": f"{plan.title.zh} ({plan.document_number}): {what}", "licenses": licences}
    years = [data.plan.year for data in plans]
    documents = "; ".join(f"{d.plan.title.zh} ({d.plan.document_number})" for d in plans)
    return {
        "name": f"plans-{years[0]}-{years[-1]}",
        "title": "; ".join(d.plan.title.en for d in plans),
        "description": f"{documents}: {what} Each row's plan_year is the year of the plan it belongs to.",
        "licenses": licences,
    }
