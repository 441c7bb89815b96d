"""Targets and verdicts in words, in the reader's language: "目标 7%以上 · 实际 8.7% · 已完成（2021年全年）".

A verdict says what it compares (the target, the outcome and, for "in step with", the reference's
outcome), on which basis (a growth rate's price basis, a measure that is not the target's own) and for
which period; a band the site reads into "about" or "in step with" is said to be the site's reading.
"""

from __future__ import annotations

from site_builder.model.status import Verdict, band
from site_builder.sources.i18n import Strings, format_number, format_quantity
from site_builder.sources.schema import NUMERIC_KINDS, Outcome, Target, TargetsFile, Unit


def unit_of(target: Target, data: TargetsFile, fallback: str | None = None) -> Unit:
    """The target's unit, or its indicator's; qualitative commitment targets have neither."""
    unit_id = target.unit or fallback
    found = data.unit(unit_id)
    if found is None:
        raise ValueError(f"target '{target.id}' has no unit")
    return found


def judged_target(target: Target, data: TargetsFile, unit_id: str | None) -> tuple[Target, str | None]:
    """The target whose outcomes a verdict rests on, with the unit to show them in: a commitment's target
    that repeats an annex target shows that target's outcomes, in its indicator's unit."""
    found = data.annex_target(target.repeats)
    if found is None:
        return target, unit_id
    indicator, annex = found
    return annex, annex.unit or indicator.unit


def target_rule(target: Target, data: TargetsFile, t: Strings, lang: str) -> str:
    """The target in words: "7%以上" / "at least 7%"."""
    if target.kind in NUMERIC_KINDS:
        assert target.value is not None
        return t(f"rule.{target.kind}", value=format_quantity(target.value, unit_of(target, data), lang))
    if target.kind == "in_step_with":
        reference = data.indicator(target.reference)
        assert reference is not None  # validated: a reference names an indicator
        return t("rule.in_step_with", reference=reference.name.get(lang))
    return t(f"rule.{target.kind}")


def reading(target: Target, verdict: Verdict, data: TargetsFile, t: Strings, lang: str) -> str:
    """The site's reading of an "about" or "in step with" target beside its rule, said as the site's,
    never the plan's: "（本站理解为2.7%至3.3%，低于此亦可）" / " (the site reads this as 2.7%–3.3%, or lower)"."""
    words = reading_words(target, verdict, data, t, lang)
    return t("verdict.aside", words=words) if words else ""


def reading_words(target: Target, verdict: Verdict, data: TargetsFile, t: Strings, lang: str) -> str:
    """The band itself in words: "the site reads this as 2.7%–3.3%, or lower" ("" for other rules). It is
    the target's, whether or not a figure has been reported."""
    found = band(judged_target(target, data, target.unit)[0], data)
    if found is None:
        return ""
    tolerance, direction = found[0], verdict.direction
    if target.kind == "about" and target.value is not None:
        unit = unit_of(target, data)
        low, high = (round(target.value + sign * tolerance, 6) for sign in (-1, 1))
        return t("verdict.reading", low=format_quantity(low, unit, lang), high=format_quantity(high, unit, lang),
                 side=t(f"verdict.reading_{direction}"))
    if target.kind == "in_step_with":
        points = t("verdict.points_one" if tolerance == 1 else "verdict.points_other",
                   n=format_number(round(tolerance, 3), lang))
        return t(f"verdict.in_step_reading_{direction}", points=points)
    return ""


def _period(outcome: Outcome, t: Strings) -> str:
    return t(f"period.{outcome.period}", year=outcome.year)


def status_words(verdict: Verdict, t: Strings) -> str:
    """The status with the period it is for ("Met (full year 2021)"), or with why there is none."""
    return t(f"status.{verdict.status}") + status_detail(verdict, t)


def status_detail(verdict: Verdict, t: Strings) -> str:
    """What goes with the status words: the period judged, and the reason when there is no judgement."""
    words = ""
    if verdict.outcome is not None and verdict.status not in ("not_assessable", "not_reported"):
        words += t("verdict.period", period=_period(verdict.outcome, t))
    if verdict.reason:
        words += t("verdict.reason", reason=reason_words(verdict, t))
    return words


def reason_words(verdict: Verdict, t: Strings) -> str:
    if verdict.reason == "basis_differs" and verdict.outcome and verdict.reference:
        return t("reason.basis_differs", own=t(f"basis.{verdict.outcome.prices}"),
                 reference=t(f"basis.{verdict.reference.prices}"))
    return t(f"reason.{verdict.reason}") if verdict.reason else ""


def outcome_words(outcome: Outcome, unit: Unit, t: Strings, lang: str) -> str:
    """A figure with what it is measured on: "12.5%（未说明名义或实际）" / "2.5% (a close but not identical
    measure: another aggregate)"."""
    value = format_quantity(outcome.value, unit, lang)
    said = []
    if outcome.prices is not None:
        said.append(t(f"basis.{outcome.prices}"))
    if outcome.basis_text is not None:
        said.append(outcome.basis_text.get(lang))
    if outcome.comparability != "same":
        measure = t(f"measure.{outcome.comparability}")
        if outcome.differs_in is not None:
            measure += t("verdict.reason", reason=t(f"differs.{outcome.differs_in}"))
        said.append(measure)
    return value + (t("verdict.basis", basis=t("list_separator").join(said)) if said else "")


def evidence(
    target: Target, verdict: Verdict, data: TargetsFile, t: Strings, lang: str, unit_id: str | None,
    periods: bool = False,
) -> list[str]:
    """What a verdict rests on: the target with the site's reading, the outcome it was judged on with its
    basis, and for "in step with" the reference's outcome for the same period. `periods`: the outcome
    says its period ("Full year 2021: 8.7%"), for lines beside a status badge, which does not."""
    parts = [t("verdict.target", rule=target_rule(target, data, t, lang)) + reading(target, verdict, data, t, lang)]
    if verdict.outcome is not None:
        shown, shown_unit = judged_target(target, data, unit_id)
        value = outcome_words(verdict.outcome, unit_of(shown, data, shown_unit), t, lang)
        if periods:
            parts.append(t("verdict.outcome_in", period=_period(verdict.outcome, t), value=value))
        else:
            parts.append(t("verdict.outcome", value=value))
        if verdict.reference is not None and shown.reference:
            reference = data.indicator(shown.reference)
            assert reference is not None
            ref_unit = unit_of(reference.targets[0], data, reference.unit)
            parts[-1] += t("verdict.reference", name=reference.name.get(lang),
                           value=outcome_words(verdict.reference, ref_unit, t, lang))
    return parts


def verdict_line(
    target: Target, verdict: Verdict, data: TargetsFile, t: Strings, lang: str, unit_id: str | None
) -> str:
    """The rule next to the verdict, as the reader checks it: target · outcome · status (period)."""
    return t("verdict.separator").join([*evidence(target, verdict, data, t, lang, unit_id), status_words(verdict, t)])


def badge_line(
    target: Target, verdict: Verdict, data: TargetsFile, t: Strings, lang: str, unit_id: str | None
) -> str:
    """The line beside a status badge (which shows only the status's name): the target, the outcome with
    its period, and the reason when there is no judgement, so that no badge stands without them."""
    parts = evidence(target, verdict, data, t, lang, unit_id, periods=True)
    if verdict.reason:
        parts.append(reason_words(verdict, t))
    return t("verdict.separator").join(parts)
