"""A target's status, computed from its typed rule and the reported outcomes; never typed in by hand.

| rule                | full-year outcome        | interim outcome (H1, Jan-Sep, Jan-Nov) |
|---------------------|--------------------------|----------------------------------------|
| at least / at most  | met or missed            | on track or at risk                    |
| about X (± band)    | met inside the band or   | on track / at risk, the same way       |
|                     | beyond it on the better  |                                        |
|                     | side; missed on the worse|                                        |
| reach X (bare)      | at least X when higher is better, at most X when lower is better |
| in step with Y      | against Y's outcome for the same period, on the same known price basis, |
|                     | no more than the band below it                                          |
| qualitative / set by the province | not assessable, with the reason             |
| no outcome          | not yet reported                                                  |

Only an outcome of the target's own measure can give a verdict: one of a close or different measure, or
a growth rate whose basis (nominal or real) the source does not state, is shown with its figure as
"indicative", with the reason, and never counts as met or missed. The bands for "about" and "in step
with" are the site's reading, not the plan's words: a target's `tolerance` in the data, else the
defaults below (the methodology page states them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from site_builder.sources.schema import Indicator, Outcome, Target, TargetsFile, Unit

Status = Literal["met", "missed", "on_track", "at_risk", "indicative", "not_assessable", "not_reported"]
STATUSES: tuple[Status, ...] = (
    "met", "on_track", "at_risk", "missed", "indicative", "not_assessable", "not_reported",
)
# The statuses that are a judgement of the target; the others say why there is none.
JUDGED: frozenset[Status] = frozenset({"met", "missed", "on_track", "at_risk"})
Direction = Literal["higher", "lower"]

# "左右" with no tolerance in the data: for percentages, half a percentage point or a tenth of the
# figure, whichever is smaller (CPI 3% -> ±0.3, a 50% share -> ±0.5); otherwise 5% of the figure.
PERCENT_ABOUT_CAP = 0.5
PERCENT_ABOUT_SHARE = 0.1
DEFAULT_RELATIVE_TOLERANCE = 0.05
# "基本同步" (broadly in step) with no tolerance in the data: no more than one percentage point below
# the reference. The plan states no figure; this is the site's reading.
DEFAULT_IN_STEP_TOLERANCE = 1.0

PERIOD_RANK = {"h1": 0, "q1_q3": 1, "jan_nov": 2, "year": 3}

# Why a target has no judgement (not assessable, or indicative only): each has words in the strings.
Reason = Literal[
    "",
    "qualitative",  # a goal in words
    "set_by_province",  # the plan gives no figure
    "no_reference",  # "in step with": the reference has no figure for the same period
    "close_measure",  # the outcome is of a related but not identical measure
    "different_measure",  # the outcome is of another measure
    "basis_unknown",  # a growth rate whose source does not say whether it is nominal or real
    "basis_differs",  # "in step with": the two growth rates are on different bases
    "reference_not_comparable",  # "in step with": the reference figure is not the reference's own measure
    "reference_basis_unknown",  # "in step with": the reference growth rate's basis is not known
]


@dataclass(frozen=True)
class Verdict:
    status: Status
    outcome: Outcome | None = None  # the outcome the verdict rests on
    reference: Outcome | None = None  # the reference indicator's outcome, for "in step with"
    tolerance: float | None = None  # the band of "about" or "in step with"
    # True when the band is the site's default, not a tolerance the data states for this target.
    default_tolerance: bool = False
    reason: Reason = ""
    # The annex target whose outcomes and status a commitment's target shows (`repeats`), if any.
    repeats: str = ""
    # The better direction the verdict was judged in (the target's own, else its indicator's).
    direction: Direction = "higher"

    @property
    def interim(self) -> bool:
        return self.outcome is not None and self.outcome.period != "year"

    @property
    def judged(self) -> bool:
        return self.status in JUDGED


def mismatch(outcome: Outcome) -> Reason:
    """Why an outcome cannot be judged against its own target's rule ("" if it can)."""
    if outcome.comparability == "close":
        return "close_measure"
    if outcome.comparability == "different":
        return "different_measure"
    if outcome.prices == "unknown":
        return "basis_unknown"
    return ""


def judged_outcome(outcomes: tuple[Outcome, ...], year: int) -> Outcome | None:
    """The outcome a verdict rests on: of the plan's year, the target's own measure before any other,
    then the full-year figure before the latest interim one."""
    of_year = [o for o in outcomes if o.year == year]
    return max(of_year, key=lambda o: (mismatch(o) == "", PERIOD_RANK[o.period]), default=None)


def about_tolerance(target: Target, unit: Unit) -> float:
    if target.tolerance is not None:
        return float(target.tolerance)
    assert target.value is not None
    if unit.kind == "percent":
        return min(PERCENT_ABOUT_CAP, abs(target.value) * PERCENT_ABOUT_SHARE)
    return abs(target.value) * DEFAULT_RELATIVE_TOLERANCE


def band(target: Target, data: TargetsFile) -> tuple[float, bool] | None:
    """The band the site reads into an "about" or "in step with" target, whatever its outcomes, and
    whether it is the site's default (True) rather than a tolerance the data states (None: no band)."""
    if target.kind == "about" and target.value is not None:
        unit = data.unit(target.unit)
        assert unit is not None  # validated: a numeric target's unit exists
        return about_tolerance(target, unit), target.tolerance is None
    if target.kind == "in_step_with":
        tolerance = DEFAULT_IN_STEP_TOLERANCE if target.tolerance is None else float(target.tolerance)
        return tolerance, target.tolerance is None
    return None


def _judge(ok: bool, interim: bool) -> Status:
    if interim:
        return "on_track" if ok else "at_risk"
    return "met" if ok else "missed"


def evaluate(target: Target, direction: Direction, data: TargetsFile) -> Verdict:
    """The status of one target, from its rule and its own outcomes; a commitment's target that repeats
    an annex target has that target's status."""
    if target.repeats is not None:
        found = data.annex_target(target.repeats)
        if found is not None:  # validated: `repeats` names an annex target
            indicator, annex = found
            return replace(evaluate(annex, indicator.direction, data), repeats=annex.id)
    return replace(_evaluate(target, target.direction or direction, data), direction=target.direction or direction)


def _evaluate(target: Target, direction: Direction, data: TargetsFile) -> Verdict:
    if target.kind in ("qualitative", "set_by_province"):
        return Verdict("not_assessable", judged_outcome(target.outcomes, data.plan.year), reason=target.kind)
    if target.kind == "in_step_with":
        return _in_step(target, direction, data)
    outcome = judged_outcome(target.outcomes, data.plan.year)
    if outcome is None:
        return Verdict("not_reported")
    assert target.value is not None and target.unit is not None
    tolerance: float | None = None
    if target.kind == "about":
        unit = data.unit(target.unit)
        assert unit is not None
        tolerance = about_tolerance(target, unit)
    default = tolerance is not None and target.tolerance is None
    reason = mismatch(outcome)
    if reason:
        return Verdict("indicative", outcome, tolerance=tolerance, default_tolerance=default, reason=reason)
    value, goal = float(outcome.value), float(target.value)
    kind = target.kind
    if kind == "reach":
        kind = "at_least" if direction == "higher" else "at_most"
    if kind == "at_least":
        return Verdict(_judge(value >= goal, outcome.period != "year"), outcome)
    if kind == "at_most":
        return Verdict(_judge(value <= goal, outcome.period != "year"), outcome)
    assert tolerance is not None
    inside = abs(value - goal) <= tolerance + 1e-9
    better_side = value > goal if direction == "higher" else value < goal
    return Verdict(_judge(inside or better_side, outcome.period != "year"), outcome, tolerance=tolerance,
                   default_tolerance=default)


def pair_mismatch(own: Outcome, theirs: Outcome) -> Reason:
    """Why two growth rates of the same period cannot be set against each other ("" if they can): both
    must be their indicators' own measures, on the same known price basis."""
    if own.comparability != "same":
        return mismatch(own)
    if theirs.comparability != "same":
        return "reference_not_comparable"
    if own.prices in (None, "unknown"):
        return "basis_unknown"
    if theirs.prices in (None, "unknown"):
        return "reference_basis_unknown"
    if own.prices != theirs.prices:
        return "basis_differs"
    return ""


def _in_step(target: Target, direction: Direction, data: TargetsFile) -> Verdict:
    reference = data.indicator(target.reference)
    assert reference is not None
    own = [o for o in target.outcomes if o.year == data.plan.year]
    if not own:
        return Verdict("not_reported")
    tolerance = float(target.tolerance) if target.tolerance is not None else DEFAULT_IN_STEP_TOLERANCE
    default = target.tolerance is None
    theirs = {(o.period, o.year): o for t in reference.targets[:1] for o in t.outcomes}
    pairs = [(o, theirs[(o.period, o.year)]) for o in own if (o.period, o.year) in theirs]
    if not pairs:
        return Verdict("not_assessable", judged_outcome(target.outcomes, data.plan.year), tolerance=tolerance,
                       default_tolerance=default, reason="no_reference")
    # The latest pair that can be compared; else the latest pair, shown as indicative with the reason.
    outcome, other = max(pairs, key=lambda p: (pair_mismatch(*p) == "", PERIOD_RANK[p[0].period]))
    reason = pair_mismatch(outcome, other)
    if reason:
        return Verdict("indicative", outcome, reference=other, tolerance=tolerance, default_tolerance=default,
                       reason=reason)
    gap = float(outcome.value) - float(other.value)
    ok = gap >= -tolerance - 1e-9 if direction == "higher" else gap <= tolerance + 1e-9
    return Verdict(_judge(ok, outcome.period != "year"), outcome, reference=other, tolerance=tolerance,
                   default_tolerance=default)


def indicator_verdicts(indicator: Indicator, data: TargetsFile) -> list[Verdict]:
    return [evaluate(target, indicator.direction, data) for target in indicator.targets]


def count_statuses(verdicts: list[Verdict]) -> dict[Status, int]:
    counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
    for verdict in verdicts:
        counts[verdict.status] += 1
    return counts
