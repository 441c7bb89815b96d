"""The track record across plan years: each target followed from one year's plan to the next, with its
verdict each year and how the next year's target changed it.

The question a reader asks of a yearly plan is not only "was last year's target met?" but "what do they
promise now: raised, kept, lowered, or quietly dropped?". The answer is computed here from the typed
targets, never typed in, so it can be neither forgotten nor spun.

A track follows one measure: an annex indicator's target or a commitment's target. A target's successor in
a later year's plan is, in this order:

1. the target whose `continues` names it ("2025/gdp-growth"; the first one, in year and document order);
2. else the target of the same id in the next year's plan (one that names no predecessor of its own);
3. else, for an annex target, the only target of its indicator's successor, when its own indicator has only
   this one: an indicator renamed with `continues` carries its single target along.

An indicator's successor is the indicator whose `continues` names it, else the one of the same id in the
next year's plan. A `continues` that names nothing (a year without a plan, an unknown id, a year not
before its own) links to nothing here; `checks/continuity.py` reports it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise
from typing import Literal

from site_builder.model.status import Direction, Verdict, evaluate
from site_builder.sources.schema import NUMERIC_KINDS, Dropped, Indicator, Target, TargetsFile

Node = tuple[int, str]  # (plan year, id in that year's plan)
Plans = Mapping[int, TargetsFile]

# How a year's target became the next year's:
ChangeKind = Literal[
    "raised",  # the same rule with a higher figure
    "kept",  # the same rule and figure (or, for a target without a figure, the same kind and reference)
    "lowered",  # the same rule with a lower figure
    "changed",  # another kind of rule, unit, reference or better direction: the figures do not compare
    "dropped",  # no successor in any later plan
]
# Whether a raised or lowered figure asks more of the government or less.
Ambition = Literal["more", "less", ""]
Aspect = Literal["kind", "unit", "reference", "direction"]


@dataclass(frozen=True)
class Difference:
    """One way in which a target's successor is not the same rule: what was, and what is."""

    aspect: Aspect
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """How a target became the next year's. `by` (raised or lowered only) is the next figure minus this one,
    in the target's unit (percentage points for a percentage), computed in decimal so that 2.6 - 2.5 is 0.1."""

    kind: ChangeKind
    by: float | None = None
    ambition: Ambition = ""
    differences: tuple[Difference, ...] = ()


@dataclass(frozen=True)
class Step:
    """A track's target in one year's plan, judged on that plan's outcomes."""

    year: int
    target: Target
    indicator: Indicator | None  # the annex indicator; None for a commitment's target
    unit: str | None  # the target's own unit, else its indicator's
    direction: Direction  # the better direction it is judged in
    verdict: Verdict
    # To the next step: None in the latest plan's year, when there is no next year's plan yet to compare.
    change: Change | None


@dataclass(frozen=True)
class Track:
    """One measure followed across the plans, oldest year first."""

    steps: tuple[Step, ...]
    # No predecessor, although an earlier plan exists: a target the plans did not set before.
    new: bool

    @property
    def dropped(self) -> bool:
        """No successor, although a later plan exists."""
        last = self.steps[-1].change
        return last is not None and last.kind == "dropped"

    @property
    def latest(self) -> Step:
        return self.steps[-1]


def parse_continues(value: str) -> Node:
    """ "2021/gdp-growth" -> (2021, "gdp-growth") (the schema's pattern guarantees the form)."""
    year, ident = value.split("/", 1)
    return int(year), ident


def confirmed_drops(plans: Plans) -> dict[Node, Dropped]:
    """Each item an editor confirmed dropped (the "dropped" list of a later plan), with what they said."""
    return {parse_continues(d.id): d for _, data in sorted(plans.items()) for d in data.dropped}


def _targets(data: TargetsFile) -> Iterator[tuple[Target, Indicator | None]]:
    """Every target of a plan in document order (commitments first, as the data file has them), with its
    indicator for an annex target."""
    for area in data.areas:
        for commitment in area.commitments:
            for target in commitment.targets:
                yield target, None
    for indicator in data.indicators:
        for target in indicator.targets:
            yield target, indicator


def _link(items: Mapping[int, list[tuple[str, str | None]]]) -> dict[Node, Node]:
    """Successors among items of one sort (indicators, or targets), given each year's (id, continues): rules
    1 and 2 of the module's docstring. Each item has at most one successor and one predecessor."""
    succ: dict[Node, Node] = {}
    has_pred: set[Node] = set()
    ids = {year: {ident for ident, _ in entries} for year, entries in items.items()}
    for year in sorted(items):
        for ident, continues in items[year]:
            if continues is None:
                continue
            before = parse_continues(continues)
            if before[0] < year and before[1] in ids.get(before[0], set()) and before not in succ:
                succ[before] = (year, ident)
                has_pred.add((year, ident))
    for previous, year in pairwise(sorted(items)):
        for ident, continues in items[year]:
            node, before = (year, ident), (previous, ident)
            if continues is None and ident in ids[previous] and before not in succ and node not in has_pred:
                succ[before] = node
                has_pred.add(node)
    return succ


def indicator_successors(plans: Plans) -> dict[Node, Node]:
    """Each indicator's successor in a later plan, by (year, indicator id)."""
    return _link({year: [(i.id, i.continues) for i in data.indicators] for year, data in plans.items()})


def target_successors(plans: Plans) -> dict[Node, Node]:
    """Each target's successor in a later plan, by (year, target id): the three rules of the module's docstring."""
    succ = _link({year: [(t.id, t.continues) for t, _ in _targets(data)] for year, data in plans.items()})
    has_pred = set(succ.values())
    for (year, ident), (later, other) in indicator_successors(plans).items():
        before, after = plans[year].indicator(ident), plans[later].indicator(other)
        assert before is not None and after is not None
        if len(before.targets) == 1 and len(after.targets) == 1:
            node, next_node = (year, before.targets[0].id), (later, after.targets[0].id)
            if node not in succ and next_node not in has_pred and after.targets[0].continues is None:
                succ[node] = next_node
                has_pred.add(next_node)
    return succ


def _direction(target: Target, indicator: Indicator | None, data: TargetsFile) -> Direction:
    """The better direction of a target: its own, else its indicator's, else (a commitment's target that
    restates an annex target) that target's indicator's; else higher, as the pages judge it."""
    if target.direction is not None:
        return target.direction
    if indicator is not None:
        return indicator.direction
    repeated = data.annex_target(target.repeats)
    return repeated[0].direction if repeated is not None else "higher"


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


def _ambition(kind: str, direction: Direction, raised: bool) -> Ambition:
    """A floor (at least) asks more when raised and a cap (at most) when lowered, whatever the direction, as
    their verdicts are judged; a bare figure or an "about" asks more in its better direction."""
    if kind == "at_least":
        return "more" if raised else "less"
    if kind == "at_most":
        return "less" if raised else "more"
    return "more" if raised == (direction == "higher") else "less"


def compare(before: Step, after: Step) -> Change:
    """How the target of `before` became the target of `after`, from their typed rules alone."""
    old, new = before.target, after.target
    differences = [Difference("kind", old.kind, new.kind)] if old.kind != new.kind else []
    numeric = old.kind in NUMERIC_KINDS and new.kind in NUMERIC_KINDS
    if numeric and before.unit != after.unit:
        differences.append(Difference("unit", before.unit or "", after.unit or ""))
    if old.reference != new.reference:
        differences.append(Difference("reference", old.reference or "", new.reference or ""))
    if before.direction != after.direction:
        differences.append(Difference("direction", before.direction, after.direction))
    if differences:
        return Change("changed", differences=tuple(differences))
    if not numeric:
        return Change("kept")
    assert old.value is not None and new.value is not None  # validated: a numeric kind has a value
    by = _decimal(new.value) - _decimal(old.value)
    if by == 0:
        return Change("kept")
    return Change("raised" if by > 0 else "lowered", float(by), _ambition(old.kind, before.direction, by > 0))


def _step(year: int, target: Target, indicator: Indicator | None, data: TargetsFile) -> Step:
    direction = _direction(target, indicator, data)
    unit = target.unit or (indicator.unit if indicator is not None else None)
    return Step(year, target, indicator, unit, direction, evaluate(target, direction, data), None)


def tracks(plans: Plans) -> tuple[Track, ...]:
    """Every measure's track across the plans: those that start in the oldest plan first, in its document
    order, then those that are new in each later plan."""
    if not plans:
        return ()
    years = sorted(plans)
    succ = target_successors(plans)
    has_pred = set(succ.values())
    found: dict[Node, tuple[Target, Indicator | None]] = {
        (year, target.id): (target, indicator) for year in years for target, indicator in _targets(plans[year])
    }
    out: list[Track] = []
    for year in years:
        for target, _ in _targets(plans[year]):
            if (year, target.id) in has_pred:
                continue
            chain: list[Step] = []
            node: Node | None = (year, target.id)
            while node is not None:
                chain.append(_step(node[0], *found[node], plans[node[0]]))
                node = succ.get(node)
            steps = [replace(step, change=compare(step, after)) for step, after in pairwise(chain)] + [chain[-1]]
            if chain[-1].year < years[-1]:
                steps[-1] = replace(chain[-1], change=Change("dropped"))
            out.append(Track(tuple(steps), new=year > years[0]))
    return tuple(out)


def tracks_by_indicator(all_tracks: tuple[Track, ...]) -> dict[Node, list[Track]]:
    """The tracks that pass through each annex indicator of each year's plan, by (year, indicator id): one
    pass over the tracks, so that each indicator page looks its own up."""
    through: dict[Node, list[Track]] = {}
    for track in all_tracks:
        for node in dict.fromkeys((s.year, s.indicator.id) for s in track.steps if s.indicator is not None):
            through.setdefault(node, []).append(track)
    return through


def tracks_of_indicator(all_tracks: tuple[Track, ...], year: int, indicator_id: str) -> tuple[Track, ...]:
    """The tracks that pass through an indicator of one year's plan (one per target of it)."""
    return tuple(tracks_by_indicator(all_tracks).get((year, indicator_id), []))
