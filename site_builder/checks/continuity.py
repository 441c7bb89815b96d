"""What continues from one year's plan to the next: `continues` links that name nothing, and last year's
targets that nothing continues.

A broken link is an error: the track record would silently call the target new, and its predecessor
dropped. A target with no successor is a `note`, never a failure: plans do drop targets, and only an
editor can tell a target dropped from one renamed (whose link is missing). The note says both ways out.
Successors are found as the track record finds them (`model/track.py`), so the notes list exactly the
targets the track record shows as dropped.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from pathlib import Path

from site_builder.errors import Problem, Problems, display_path
from site_builder.model.track import Node, confirmed_drops, indicator_successors, parse_continues, target_successors
from site_builder.sources.data import Locator, all_targets, read_text
from site_builder.sources.plans import PLANS_FOLDER, plan_file
from site_builder.sources.schema import TargetsFile

Loc = tuple[str | int, ...]
Plans = Mapping[int, TargetsFile]


class _Files:
    """Each plan's file, its name as the editor knows it, and a locator made on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._locators: dict[int, Locator] = {}

    def shown(self, year: int) -> str:
        return display_path(plan_file(self.root, year), self.root)

    def at(self, year: int, loc: Loc) -> tuple[int, int]:
        if year not in self._locators:
            self._locators[year] = Locator(read_text(plan_file(self.root, year), self.shown(year), Problems()))
        return self._locators[year].find(loc)


def _links(data: TargetsFile) -> Iterator[tuple[Loc, str, str, str]]:
    """Every `continues` of a plan: where it is, what it links ("indicator" or "target"), its id, its value."""
    for ii, indicator in enumerate(data.indicators):
        if indicator.continues is not None:
            yield ("indicators", ii, "continues"), "indicator", indicator.id, indicator.continues
    for loc, target in all_targets(data):
        if target.continues is not None:
            yield (*loc, "continues"), "target", target.id, target.continues


def _ids(data: TargetsFile, what: str) -> list[str]:
    if what == "indicator":
        return [i.id for i in data.indicators]
    if what == "item":  # a confirmed drop names a target, or an indicator for all its targets
        return [*_ids(data, "target"), *_ids(data, "indicator")]
    return [t.id for _, t in all_targets(data)]


def _broken(value: str, what: str, year: int, plans: Plans, root: Path) -> str | None:
    """What is wrong with one `continues` of the plan of `year` (None: nothing, or nothing to say yet)."""
    before, ident = parse_continues(value)
    if before >= year:
        return (f"'continues' names {before}, not a year before this plan's ({year}): it links a {what} to its "
                f"predecessor in an earlier year's plan")
    if before not in plans:
        if (root / PLANS_FOLDER / f"{before}.json").is_file():
            return None  # the file is there but did not load: its own problems say why
        years = ", ".join(str(y) for y in sorted(plans))
        return f"there is no plan for {before} (the plans are {years}): correct the year in \"{value}\""
    known = _ids(plans[before], what)
    if ident in known:
        return None
    close = difflib.get_close_matches(ident, sorted(known), n=1)
    where = display_path(plan_file(root, before), root)
    hint = f"; did you mean '{before}/{close[0]}'?" if close else f"; see the {what} ids in {where}"
    return f"the {before} plan has no {what} '{ident}'{hint}"


def _claimed_twice(data: TargetsFile, year: int, seen: dict[str, tuple[int, str]]) -> Iterator[tuple[Loc, str]]:
    """A `continues` naming a predecessor another one already names: a target has one successor."""
    for loc, what, ident, value in _links(data):
        key = f"{what} {value}"
        if key in seen:
            first_year, first_id = seen[key]
            yield loc, (f"{what} '{first_id}' of the {first_year} plan already continues '{value}': a {what} has one "
                        f"successor; link this one to another {what}, or remove its 'continues'")
        else:
            seen[key] = (year, ident)


def _drop_problems(plans: Plans, files: _Files) -> list[Problem]:
    """A confirmed drop that names nothing, or names an item a later plan continues after all."""
    indicators, targets = indicator_successors(plans), target_successors(plans)
    out: list[Problem] = []
    for year, data in sorted(plans.items()):
        for di, dropped in enumerate(data.dropped):
            message = _broken(dropped.id, "item", year, plans, files.root)
            node = parse_continues(dropped.id)
            if message is None and node[0] in plans:
                successor = targets.get(node) or indicators.get(node)
                if successor is not None:
                    message = (f"'{dropped.id}' is not dropped: the {successor[0]} plan continues it as "
                               f"'{successor[1]}'; remove it from \"dropped\", or remove that link")
            if message is not None:
                out.append(Problem(files.shown(year), *files.at(year, ("dropped", di, "id")), message,
                                   kind="continues"))
    return out


def link_problems(plans: Plans, root: Path, files: _Files) -> list[Problem]:
    out: list[Problem] = _drop_problems(plans, files)
    seen: dict[str, tuple[int, str]] = {}
    for year, data in sorted(plans.items()):
        for loc, what, _, value in _links(data):
            message = _broken(value, what, year, plans, root)
            if message is not None:
                out.append(Problem(files.shown(year), *files.at(year, loc), message, kind="continues"))
        for loc, message in _claimed_twice(data, year, seen):
            out.append(Problem(files.shown(year), *files.at(year, loc), message, kind="continues"))
    return out


def _next_year(plans: Plans, year: int) -> int | None:
    return min((y for y in plans if y > year), default=None)


def dropped_notes(plans: Plans, root: Path, files: _Files) -> list[Problem]:
    """A note for each target of a plan that no later plan continues: at the indicator's id when neither it
    nor any of its targets continues, else at the target's id."""
    indicators, targets = indicator_successors(plans), target_successors(plans)
    confirmed = confirmed_drops(plans)
    out: list[Problem] = []

    def note(year: int, loc: Loc, named: str, link: Node) -> None:
        later = _next_year(plans, year)
        assert later is not None
        message = (
            f"{named} of the {year} plan has no successor in the {later} plan: confirm it was dropped (add "
            f"{{\"id\": \"{link[0]}/{link[1]}\"}} to \"dropped\" in {files.shown(later)}), or link its successor "
            f"there with \"continues\": \"{link[0]}/{link[1]}\""
        )
        out.append(Problem(files.shown(year), *files.at(year, loc), message, level="note", kind="dropped"))

    for year, data in sorted(plans.items()):
        if _next_year(plans, year) is None:
            continue  # the latest plan: nothing could continue it yet
        for ii, indicator in enumerate(data.indicators):
            continued = [(ti, t) for ti, t in enumerate(indicator.targets) if (year, t.id) in targets]
            if (year, indicator.id) in confirmed:
                continue  # every target of the indicator, confirmed dropped
            if (year, indicator.id) not in indicators and not continued:
                note(year, ("indicators", ii, "id"), f"indicator '{indicator.id}'", (year, indicator.id))
                continue
            for ti, target in enumerate(indicator.targets):
                if (year, target.id) not in targets and (year, target.id) not in confirmed:
                    note(year, ("indicators", ii, "targets", ti, "id"),
                         f"target '{target.id}' of indicator '{indicator.id}'", (year, target.id))
        for loc, target in all_targets(data):
            if loc[0] == "areas" and (year, target.id) not in targets and (year, target.id) not in confirmed:
                commitment = data.areas[int(loc[1])].commitments[int(loc[3])]
                note(year, (*loc, "id"), f"target '{target.id}' of commitment '{commitment.id}'", (year, target.id))
    return out


def continuity_problems(plans: Plans, root: Path) -> list[Problem]:
    """Every broken `continues` (errors, at its value) and every target no later plan continues (notes, at
    its id), across the plans of the site at `root` (from `sources/plans.py::load_plans`)."""
    files = _Files(root)
    return [*link_problems(plans, root, files), *dropped_notes(plans, root, files)]
