"""A target's status, computed from its typed rule and the reported outcomes; never typed in by hand.

| rule                | full-year outcome        | interim outcome (H1, Jan-Sep, Jan-Nov) |
|---------------------|--------------------------|----------------------------------------|
| at least / at most  | met or missed            | on track or at risk                    |
| about X (± tol)     | met inside the band or   | on track / at risk, the same way       |
|                     | beyond it on the better  |                                        |
|                     | side; missed on the worse|                                        |
| reach X (bare)      | at least X when higher is better, at most X when lower is better |
| in step with Y      | compared with Y's outcome for the same period, within a tolerance |
| qualitative / set by the province | not assessable, with the reason             |
| no outcome          | not yet reported                                                  |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from site_builder.sources.schema import Indicator, Outcome, Target, TargetsFile, Unit

Status = Literal["met", "missed", "on_track", "at_risk", "not_assessable", "not_reported"]
STATUSES: tuple[Status, ...] = ("met", "on_track", "at_risk", "missed", "not_assessable", "not_reported")
Direction = Literal["higher", "lower"]

# "左右" with no tolerance in the data: for percentages, half a percentage point or a tenth of the
# figure, whichever is smaller (CPI 3% -> ±0.3, a 50% share -> ±0.5); otherwise 5% of the figure.
PERCENT_ABOUT_CAP = 0.5
PERCENT_ABOUT_SHARE = 0.1
DEFAULT_RELATIVE_TOLERANCE = 0.05
# "基本同步" (broadly in step): within one percentage point of the reference.
DEFAULT_IN_STEP_TOLERANCE = 1.0

PERIOD_RANK = {"h1": 0, "q1_q3": 1, "jan_nov": 2, "year": 3}


@dataclass(frozen=True)
class Verdict:
    status: Status
    outcome: Outcome | None = None  # the outcome the verdict rests on
    reference: Outcome | None = None  # the reference indicator's outcome, for "in step with"
    tolerance: float | None = None
    # Why a target cannot be assessed: "qualitative", "set_by_province", "no_reference".
    reason: str = ""

    @property
    def interim(self) -> bool:
        return self.outcome is not None and self.outcome.period != "year"


def judged_outcome(outcomes: tuple[Outcome, ...], year: int) -> Outcome | None:
    """The full-year figure if there is one, else the latest interim figure of the plan's year."""
    of_year = [o for o in outcomes if o.year == year]
    return max(of_year, key=lambda o: PERIOD_RANK[o.period], default=None)


def about_tolerance(target: Target, unit: Unit) -> float:
    if target.tolerance is not None:
        return float(target.tolerance)
    assert target.value is not None
    if unit.kind == "percent":
        return min(PERCENT_ABOUT_CAP, abs(target.value) * PERCENT_ABOUT_SHARE)
    return abs(target.value) * DEFAULT_RELATIVE_TOLERANCE


def _judge(ok: bool, interim: bool) -> Status:
    if interim:
        return "on_track" if ok else "at_risk"
    return "met" if ok else "missed"


def evaluate(target: Target, direction: Direction, data: TargetsFile) -> Verdict:
    """The status of one target, from its rule and its own outcomes."""
    direction = target.direction or direction
    if target.kind in ("qualitative", "set_by_province"):
        return Verdict("not_assessable", judged_outcome(target.outcomes, data.plan.year), reason=target.kind)
    if target.kind == "in_step_with":
        return _in_step(target, direction, data)
    outcome = judged_outcome(target.outcomes, data.plan.year)
    if outcome is None:
        return Verdict("not_reported")
    assert target.value is not None and target.unit is not None
    value, goal = float(outcome.value), float(target.value)
    kind = target.kind
    if kind == "reach":
        kind = "at_least" if direction == "higher" else "at_most"
    if kind == "at_least":
        return Verdict(_judge(value >= goal, outcome.period != "year"), outcome)
    if kind == "at_most":
        return Verdict(_judge(value <= goal, outcome.period != "year"), outcome)
    unit = data.unit(target.unit)
    assert unit is not None
    tolerance = about_tolerance(target, unit)
    inside = abs(value - goal) <= tolerance + 1e-9
    better_side = value > goal if direction == "higher" else value < goal
    return Verdict(_judge(inside or better_side, outcome.period != "year"), outcome, tolerance=tolerance)


def _in_step(target: Target, direction: Direction, data: TargetsFile) -> Verdict:
    reference = data.indicator(target.reference)
    assert reference is not None
    own = [o for o in target.outcomes if o.year == data.plan.year]
    if not own:
        return Verdict("not_reported")
    theirs = {(o.period, o.year): o for t in reference.targets[:1] for o in t.outcomes}
    paired = [o for o in own if (o.period, o.year) in theirs]
    if not paired:
        return Verdict("not_assessable", judged_outcome(target.outcomes, data.plan.year), reason="no_reference")
    outcome = max(paired, key=lambda o: PERIOD_RANK[o.period])
    other = theirs[(outcome.period, outcome.year)]
    tolerance = float(target.tolerance) if target.tolerance is not None else DEFAULT_IN_STEP_TOLERANCE
    gap = float(outcome.value) - float(other.value)
    ok = gap >= -tolerance if direction == "higher" else gap <= tolerance
    return Verdict(_judge(ok, outcome.period != "year"), outcome, reference=other, tolerance=tolerance)


def indicator_verdicts(indicator: Indicator, data: TargetsFile) -> list[Verdict]:
    return [evaluate(target, indicator.direction, data) for target in indicator.targets]


def count_statuses(verdicts: list[Verdict]) -> dict[Status, int]:
    counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
    for verdict in verdicts:
        counts[verdict.status] += 1
    return counts
