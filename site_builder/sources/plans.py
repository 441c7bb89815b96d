"""The plans a site holds: one year's plan in `data/targets.json`, or one plan per year in `data/plans/YYYY.json`.

A site starts with one plan (the one-year layout, which stays exactly as it is). When the editor adds the
next year's plan, every year gets a file of its own, in the same format, named by its year, so that the
year an editor looks for is the file they open. Both layouts at once would leave it unclear which file
the one-year pages come from, so that is an error, as is a file whose name and `plan.year` disagree: the
name is what an editor goes by, the `plan.year` is what verdicts are judged on (`model/status.py`).

Each file is read by `sources/data.py::load_data`, with all its checks; every problem of every file is
collected, so an editor sees them all in one run.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.errors import ContentError, Problem, Problems, display_path
from site_builder.sources.data import Locator, load_data, read_text
from site_builder.sources.schema import TargetsFile

ONE_YEAR_FILE = Path("data") / "targets.json"
PLANS_FOLDER = Path("data") / "plans"
YEAR_FILE = re.compile(r"^(\d{4})\.json$")


def _yearly_files(root: Path) -> list[Path]:
    """The `.json` files of `data/plans/`, but JSON Schemas: an editor may keep the schema beside the plans."""
    folder = root / PLANS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if p.is_file() and not p.name.endswith(".schema.json"))


def _layout(root: Path) -> tuple[list[Path], list[Problem]]:
    """The plan files to read, and what is wrong with the layout (the files are still read)."""
    yearly = _yearly_files(root)
    if not yearly:
        return [root / ONE_YEAR_FILE], []  # the one-year layout; a missing file is load_data's "file not found"
    problems = Problems(kind="plans")
    one = root / ONE_YEAR_FILE
    if one.exists():
        names = ", ".join(p.name for p in yearly)
        problems.add(
            display_path(one, root), 1, 1,
            f"the plans are in {PLANS_FOLDER.as_posix()}/ ({names}), so this one-year file is not read: move it to "
            f"{PLANS_FOLDER.as_posix()}/YEAR.json (YEAR its plan's year), or delete it",
        )
    named = []
    for path in yearly:
        if YEAR_FILE.match(path.name):
            named.append(path)
        else:
            problems.add(
                display_path(path, root), 1, 1,
                f"a plan file is named by its plan's year, as {PLANS_FOLDER.as_posix()}/2026.json: rename "
                f"'{path.name}', or move it out of {PLANS_FOLDER.as_posix()}/",
            )
    return named, problems.items


def find_plan_files(root: Path) -> list[Path]:
    """The plan files of the site at `root`, oldest year first: `data/targets.json` alone (one year), or the
    `data/plans/YYYY.json` files (several). Raises ContentError when the layout is wrong (both at once, or a
    file in `data/plans/` not named by a year)."""
    files, problems = _layout(root)
    if problems:
        raise ContentError(problems)
    return files


def plan_file(root: Path, year: int) -> Path:
    """Where the plan of `year` is (or would be): `data/plans/YEAR.json` when the site has that folder's
    layout, else the one-year file."""
    if _yearly_files(root):
        return root / PLANS_FOLDER / f"{year}.json"
    return root / ONE_YEAR_FILE


def _year_at(path: Path, shown: str) -> tuple[int, int]:
    """The line and column of the file's `plan.year` value."""
    return Locator(read_text(path, shown, Problems())).find(("plan", "year"))


def load_plans(root: Path) -> tuple[dict[int, TargetsFile], list[Problem]]:
    """Every plan of the site by its year, and every problem found in any of them.

    A file that does not load is left out of the plans (its problems say why); so is a second file of a
    year already read. The problems of the layout come first, then each file's, oldest year first."""
    files, problems = _layout(root)
    out = Problems(kind="plans")
    out.extend(problems)
    plans: dict[int, TargetsFile] = {}
    first: dict[int, str] = {}
    for path in files:
        shown = display_path(path, root)
        try:
            data = load_data(path, root)
        except ContentError as exc:
            out.extend(exc.problems)
            continue
        year = data.plan.year
        named = YEAR_FILE.match(path.name) if path.parent == root / PLANS_FOLDER else None
        if named is not None and int(named[1]) != year:
            out.add(shown, *_year_at(path, shown),
                    f"this plan's year is {year} but the file is named {path.name}: correct the year, or rename "
                    f"the file to {PLANS_FOLDER.as_posix()}/{year}.json")
        if year in first:
            out.add(shown, *_year_at(path, shown),
                    f"a second plan for {year} (the first is {first[year]}): a year has one plan file; correct the "
                    "year, or merge the two files")
            continue
        first[year] = shown
        plans[year] = data
    return plans, out.items
