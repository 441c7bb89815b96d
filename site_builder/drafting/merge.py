"""`import-plan --merge`: what a draft has that a data file lacks, added to it; nothing already there changed.

An area is already there when an area has its id, its title or its number; a commitment, when one of the
area's commitments has its id, title or number; a target, when one of the commitment's targets has its id
or its value; a category or indicator, when one has its id or name. Added items get ids the file does not
use yet, and the file's own units where one has the same Chinese name.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable
from typing import Any

from site_builder.checks.parity import PLACEHOLDER, texts_in
from site_builder.drafting.document import Raw, area_indicators, fold, link_repeats


class _Ids:
    """The ids a document uses, by kind; new ones are made unique against them."""

    def __init__(self, raw: Raw) -> None:
        self.taken: dict[str, set[str]] = {
            "units": {u["id"] for u in raw["units"]},
            "areas": {a["id"] for a in raw["areas"]},
            "commitments": {c["id"] for a in raw["areas"] for c in a["commitments"]},
            "targets": {t["id"] for _, t in _all_targets(raw)},
            "categories": {c["id"] for c in raw["categories"]},
            "indicators": {i["id"] for i in raw["indicators"]},
        }

    def new(self, kind: str, base: str) -> str:
        taken = self.taken[kind]
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        taken.add(ident)
        return ident


def _all_targets(raw: Raw) -> Iterable[tuple[Raw, Raw]]:
    for area in raw["areas"]:
        for commitment in area["commitments"]:
            for target in commitment.get("targets", []):
                yield commitment, target
    for indicator in raw["indicators"]:
        for target in indicator["targets"]:
            yield indicator, target


def _same(existing: Raw, new: Raw, *fields: str) -> bool:
    """Whether two items are one: the same id, or the same value of one of the fields (texts folded)."""
    if existing.get("id") == new.get("id"):
        return True
    for name in fields:
        ours, theirs = existing.get(name), new.get(name)
        if isinstance(ours, dict) and isinstance(theirs, dict):
            ours, theirs = fold(ours.get("zh", "")), fold(theirs.get("zh", ""))
        if ours is not None and ours == theirs and ours != "":
            return True
    return False


def _find(items: list[Raw], new: Raw, *fields: str) -> Raw | None:
    # Ids first, then each field in turn: a title that matches wins over a number that matches.
    for keys in ((), *((name,) for name in fields)):
        found = next((item for item in items if _same(item, new, *keys)), None)
        if found is not None:
            return found
    return None


def _overlap(a: str, b: str) -> int:
    return len(set(a) & set(b))


class _Units:
    """Drafted unit ids to the document's: its own unit of that Chinese name where it has one."""

    def __init__(self, raw: Raw, drafted: list[Raw], ids: _Ids, added: Counter[str]) -> None:
        self.raw, self.ids, self.added = raw, ids, added
        self.drafted = {u["id"]: u for u in drafted}
        self.labels: dict[str, list[str]] = {}
        for _, target in _all_targets(raw):
            if target.get("unit") and target.get("label"):
                self.labels.setdefault(target["unit"], []).append(target["label"]["zh"])

    def __call__(self, ident: str, label: str = "") -> str:
        unit = self.drafted[ident]
        same = [u for u in self.raw["units"] if u["zh"] == unit["zh"] and u["kind"] == unit["kind"]]
        if same:
            # Several units count with the same word (台: devices, robots, lifts): the one whose targets' names
            # share the most with this one's.
            best = max(same, key=lambda u: max((_overlap(label, x) for x in self.labels.get(u["id"], [])), default=0))
            return str(best["id"])
        entry = dict(unit, id=self.ids.new("units", unit["id"]))
        self.raw["units"].append(entry)
        self.added["units"] += 1
        return str(entry["id"])


def _target(target: Raw, ids: _Ids, units: _Units) -> Raw:
    out = copy.deepcopy(target)
    out["id"] = ids.new("targets", target["id"])
    out.pop("repeats", None)  # linked again against the merged annex
    if "unit" in out:
        out["unit"] = units(out["unit"], out.get("label", {}).get("zh", ""))
    return out


def _commitment(commitment: Raw, ids: _Ids, units: _Units) -> Raw:
    out = copy.deepcopy(commitment)
    out["id"] = ids.new("commitments", commitment["id"])
    out["targets"] = [_target(t, ids, units) for t in commitment.get("targets", [])]
    return out


def _indicators(out: Raw, draft: Raw, ids: _Ids, units: _Units, added: Counter[str], kept: Counter[str]) -> None:
    categories: dict[str, str] = {}
    for category in draft["categories"]:
        match = _find(out["categories"], category, "name")
        # A category of the draft may be a group of the file's (节能减排降碳 under 绿色发展).
        match = match or next(
            (c for c in out["categories"] if any(_same(g, category, "name") for g in c.get("groups", []))), None)
        if match is not None:
            categories[category["id"]] = match["id"]
            kept["categories"] += 1
            continue
        entry = copy.deepcopy(category) | {"id": ids.new("categories", category["id"])}
        out["categories"].append(entry)
        categories[category["id"]] = entry["id"]
        added["categories"] += 1
    indicators: dict[str, str] = {}
    fresh: list[Raw] = []
    for indicator in draft["indicators"]:
        match = _find(out["indicators"], indicator, "name")
        if match is not None:
            indicators[indicator["id"]] = match["id"]
            kept["indicators"] += 1
            continue
        entry = copy.deepcopy(indicator)
        entry["id"] = indicators[indicator["id"]] = ids.new("indicators", indicator["id"])
        entry["category"] = categories[indicator["category"]]
        entry["unit"] = units(indicator["unit"])
        entry["targets"] = [_target(t, ids, units) for t in indicator["targets"]]
        fresh.append(entry)
        added["indicators"] += 1
    for entry in fresh:
        if "merged_with" in entry:
            entry["merged_with"] = indicators[entry["merged_with"]]
        for target in entry["targets"]:
            if "reference" in target:
                target["reference"] = indicators[target["reference"]]
    out["indicators"].extend(fresh)


def _stand_in(area: Raw) -> bool:
    """An area with nothing an editor wrote: every text a placeholder, no target, no indicator (the example
    area `site-builder init` writes). The plan's area of its number takes its place, keeping its id."""
    texts = [value for _, pair in texts_in(area) for value in pair.values()]
    return (bool(texts) and all(any(m in value for m in PLACEHOLDER.values()) for value in texts)
            and not area.get("indicators") and not any(c.get("targets") for c in area.get("commitments", [])))


def merged_with(existing: Raw, draft: Raw) -> tuple[Raw, Counter[str], Counter[str]]:
    """The existing document with what the draft adds; the counts of items added and of items kept."""
    out = copy.deepcopy(existing)
    added: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    ids = _Ids(out)
    units = _Units(out, draft["units"], ids, added)
    _indicators(out, draft, ids, units, added, kept)
    new_targets: list[Raw] = []
    new_areas: list[Raw] = []
    for area in draft["areas"]:
        match = _find(out["areas"], area, "title", "number")
        if match is None or _stand_in(match):
            entry = copy.deepcopy(area) | ({"id": ids.new("areas", area["id"])} if match is None
                                           else {"id": match["id"], "number": match["number"]})
            entry["commitments"] = [_commitment(c, ids, units) for c in area["commitments"]]
            if match is None:
                out["areas"].append(entry)
            else:
                out["areas"][out["areas"].index(match)] = entry
            new_areas.append(entry)
            new_targets += [t for c in entry["commitments"] for t in c["targets"]]
            added["areas"] += 1
            added["commitments"] += len(entry["commitments"])
            continue
        kept["areas"] += 1
        for commitment in area["commitments"]:
            theirs = _find(match["commitments"], commitment, "title", "number")
            if theirs is None:
                entry = _commitment(commitment, ids, units)
                match["commitments"].append(entry)
                new_targets += entry["targets"]
                added["commitments"] += 1
                added["targets"] += len(entry["targets"])
                continue
            kept["commitments"] += 1
            left = list(theirs.get("targets", []))
            for target in commitment["targets"]:
                same = _find(left, target, "value")
                if same is not None:
                    left.remove(same)
                    kept["targets"] += 1
                    continue
                entry = _target(target, ids, units)
                theirs.setdefault("targets", []).append(entry)
                new_targets.append(entry)
                added["targets"] += 1
    added["targets"] += sum(len(c["targets"]) for a in new_areas for c in a["commitments"])
    link_repeats(out, new_targets)
    for area in new_areas:
        area["indicators"] = area_indicators(out, area)
    return out, added, kept


def count_of(raw: Any) -> Counter[str]:
    """How many items of each kind a document holds (for the summary line)."""
    counts: Counter[str] = Counter()
    counts["areas"] = len(raw["areas"])
    counts["commitments"] = sum(len(a["commitments"]) for a in raw["areas"])
    counts["targets"] = sum(len(c.get("targets", [])) for a in raw["areas"] for c in a["commitments"])
    counts["categories"] = len(raw["categories"])
    counts["indicators"] = len(raw["indicators"])
    return counts
