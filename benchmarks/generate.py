"""Writes a synthetic plan N times the size of the bundled Shaoxing plan, for the scale benchmark.

Copy 0 is the bundled project as it is; copy k (k >= 1) repeats every area, commitment, target,
indicator, outcome and both languages' commentary with ids suffixed `-x{k}` and titles, names and
target labels marked "(copy k)", so the site has 10N areas, 30N commitments and 37N indicators, each
copy with charts of its own. Units, sources and categories are shared, as they
would be in one plan.

`generate_years` writes a site of several plan years instead (data/plans/YYYY.json, content/{lang}/YYYY/):
each year the same scaled plan, its figures moved so that a third of the targets are raised, a third
lowered and a third kept from the year before, outcomes in every year but the last. There every copy is
marked, copy 1 to copy N: the bundled commentary names the bundled targets and states their outcomes, which
the later years' figures, moved, and the last year, unreported, would contradict (`check` stops the build).
Usage:

    python benchmarks/generate.py N OUT_DIR [YEARS]
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import sys
import zlib
from decimal import Decimal
from pathlib import Path

FIRST_YEAR = 2021  # the bundled plan's year
NUMERIC_KINDS = {"at_least", "at_most", "about", "reach"}  # as sources/schema.py has them
REPO = Path(__file__).resolve().parent.parent
CHART_FENCE = re.compile(r"^(`{3,}|~{3,})\s*chart\s*$")


def suffix(ident: str, k: int) -> str:
    return ident if k == 0 else f"{ident}-x{k}"


def mark(text: dict, k: int) -> dict:
    if k == 0:
        return text
    return {"zh": f"{text['zh']}（副本{k}）", "en": f"{text['en']} (copy {k})"}


def copy_targets(targets: list[dict], k: int) -> list[dict]:
    out = []
    for target in targets:
        target = copy.deepcopy(target)
        target["id"] = suffix(target["id"], k)
        if "label" in target:
            target["label"] = mark(target["label"], k)
        for link in ("reference", "repeats"):  # ids of other targets, which the copy has under its own ids
            if link in target:
                target[link] = suffix(target[link], k)
        out.append(target)
    return out


def scaled_data(data: dict, n: int, first_copy: int = 0) -> dict:
    """N copies of the plan, numbered from `first_copy` (0: the bundled plan as it is, then marked copies)."""
    result = copy.deepcopy(data)
    result["areas"], result["indicators"] = [], []
    for k in range(first_copy, first_copy + n):
        for area in data["areas"]:
            area = copy.deepcopy(area)
            area["id"] = suffix(area["id"], k)
            area["number"] = len(result["areas"]) + 1
            area["title"] = mark(area["title"], k)
            area["indicators"] = [suffix(i, k) for i in area.get("indicators", [])]
            for commitment in area["commitments"]:
                commitment["id"] = suffix(commitment["id"], k)
                commitment["title"] = mark(commitment["title"], k)
                commitment["targets"] = copy_targets(commitment.get("targets", []), k)
            result["areas"].append(area)
        for indicator in data["indicators"]:
            indicator = copy.deepcopy(indicator)
            indicator["id"] = suffix(indicator["id"], k)
            # Marked, with the target labels that repeat it, so that every copy's charts and images are its
            # own to render (unmarked, copies shared copy 0's charts through the render cache). The copied
            # commentary then names no target of its copy, so the number check finds nothing to contradict.
            indicator["name"] = mark(indicator["name"], k)
            indicator["targets"] = copy_targets(indicator["targets"], k)
            if "merged_with" in indicator:  # the row above, in the copy's own annex
                indicator["merged_with"] = suffix(indicator["merged_with"], k)
            result["indicators"].append(indicator)
    return result


def scaled_markdown(text: str, k: int) -> str:
    """The same commentary with its chart blocks pointing at copy k's indicators."""
    if k == 0:
        return text
    lines, inside = [], False
    for line in text.split("\n"):
        if CHART_FENCE.match(line):
            inside = True
        elif inside and line.strip().startswith(("```", "~~~")):
            inside = False
        elif inside and line.strip():
            line = suffix(line.strip(), k)
        lines.append(line)
    return "\n".join(lines)


def generate(n: int, out: Path, source: Path = REPO) -> Path:
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    data = json.loads((source / "data" / "targets.json").read_text(encoding="utf-8"))
    text = json.dumps(scaled_data(data, n), ensure_ascii=False, indent=2) + "\n"
    (out / "data" / "targets.json").write_text(text, encoding="utf-8")
    if (source / "themes").is_dir():  # a project theme of its own (the default theme is in the package)
        shutil.copytree(source / "themes", out / "themes")
    for lang_dir in sorted((source / "content").iterdir()):
        (out / "content" / lang_dir.name / "areas").mkdir(parents=True)
        shutil.copy2(lang_dir / "index.md", out / "content" / lang_dir.name / "index.md")
        for page in sorted((lang_dir / "areas").glob("*.md")):
            body = page.read_text(encoding="utf-8")
            for k in range(n):
                target = out / "content" / lang_dir.name / "areas" / f"{suffix(page.stem, k)}.md"
                target.write_text(scaled_markdown(body, k), encoding="utf-8")
    # ECharts comes from the checkout's node_modules (config.echarts_file falls back to it).
    return out


def _nudged(value: float, choice: int) -> float:
    """The figure kept (0), raised (1) or lowered (2) by a tenth of its leading digit's place (7 -> 7.1, 60 -> 61,
    220000 -> 230000), in decimal so that the data reads 7.1, not 7.1000000001."""
    if choice == 0:
        return value
    exact = Decimal(str(value))
    step = Decimal(1).scaleb(exact.copy_abs().adjusted() - 1) if exact else Decimal("0.1")
    moved = exact + step if choice == 1 else exact - step
    return int(moved) if moved == moved.to_integral_value() else float(moved)


def _targets_of(plan: dict) -> list[dict]:
    return [t for a in plan["areas"] for c in a["commitments"] for t in c.get("targets", [])] + [
        t for i in plan["indicators"] for t in i["targets"]]


def _shift_date(date: str, years: int) -> str:
    year, rest = date.split("-", 1)
    return f"{int(year) + years}-{rest}"


def year_plan(plan: dict, first: dict, offset: int, last: bool) -> dict:
    """The plan of FIRST_YEAR + offset: the year before's `plan` with its figures moved (by the target's id and
    the year, so every run writes the same files; a commitment's target moves with the annex target it
    repeats, which must state the same rule), its dates and sources a year on, and the outcomes of `first`
    (the scaled bundled plan) moved to this year, or none in the last year: its year has not been reported."""
    year = FIRST_YEAR + offset
    data = copy.deepcopy(plan)
    data["$schema"] = "../targets.schema.json"
    meta = data["plan"]
    meta["year"] = year
    for key in ("title", "short_title"):
        meta[key] = {lang: text.replace(str(FIRST_YEAR), str(year)) for lang, text in first["plan"][key].items()}
    for key in ("adopted", "published"):
        if key in meta:
            meta[key] = _shift_date(first["plan"][key], offset)
    for source, original in zip(data["sources"], first["sources"], strict=True):
        if original.get("date"):  # a report of this year's outcomes is dated in this year, as in the first
            source["date"] = _shift_date(original["date"], offset)
    outcomes = {t["id"]: t.get("outcomes", []) for t in _targets_of(first)}
    for target in _targets_of(data):
        if offset and target["kind"] in NUMERIC_KINDS:
            key = target.get("repeats", target["id"])
            target["value"] = _nudged(target["value"], (zlib.crc32(key.encode()) + year) % 3)
        target.pop("outcomes", None)
        if not last and outcomes[target["id"]]:
            target["outcomes"] = [o | {"year": year} for o in copy.deepcopy(outcomes[target["id"]])]
    return data


def generate_years(n: int, years: int, out: Path, source: Path = REPO) -> Path:
    """A site of `years` plan years, each N times the bundled plan (see the module's docstring)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "data" / "plans").mkdir(parents=True)
    shutil.copy2(source / "data" / "targets.schema.json", out / "data" / "targets.schema.json")
    first = scaled_data(json.loads((source / "data" / "targets.json").read_text(encoding="utf-8")), n, first_copy=1)
    plan = first
    for offset in range(years):
        plan = year_plan(plan, first, offset, last=offset == years - 1)
        text = json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
        (out / "data" / "plans" / f"{FIRST_YEAR + offset}.json").write_text(text, encoding="utf-8")
    if (source / "themes").is_dir():
        shutil.copytree(source / "themes", out / "themes")
    for lang_dir in sorted((source / "content").iterdir()):
        pages = sorted((lang_dir / "areas").glob("*.md"))
        for offset in range(years):
            # A site of one plan year, even one in data/plans/, has its commentary in the one-year layout.
            folder = out / "content" / lang_dir.name / (str(FIRST_YEAR + offset) if years > 1 else "")
            (folder / "areas").mkdir(parents=True)
            # The home page's chart blocks name copy 1's indicators (there is no copy 0 to name).
            home = scaled_markdown((lang_dir / "index.md").read_text(encoding="utf-8"), 1)
            (folder / "index.md").write_text(home, encoding="utf-8")
            for page in pages:
                body = page.read_text(encoding="utf-8")
                for k in range(1, n + 1):
                    text = scaled_markdown(body, k)
                    (folder / "areas" / f"{suffix(page.stem, k)}.md").write_text(text, encoding="utf-8")
    return out


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    if len(sys.argv) == 4:
        print(generate_years(int(sys.argv[1]), int(sys.argv[3]), Path(sys.argv[2])))
    else:
        print(generate(int(sys.argv[1]), Path(sys.argv[2])))
