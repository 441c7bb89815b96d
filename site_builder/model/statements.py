"""Targets and verdicts in words, in the reader's language: "目标 7%以上 · 实际 8.7% · 已完成"."""

from __future__ import annotations

from site_builder.model.status import Verdict
from site_builder.sources.i18n import Strings, format_number, format_quantity
from site_builder.sources.schema import NUMERIC_KINDS, Target, TargetsFile, Unit


def unit_of(target: Target, data: TargetsFile, fallback: str | None = None) -> Unit:
    """The target's unit, or its indicator's; qualitative commitment targets have neither."""
    unit_id = target.unit or fallback
    found = data.unit(unit_id)
    if found is None:
        raise ValueError(f"target '{target.id}' has no unit")
    return found


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


def verdict_line(
    target: Target, verdict: Verdict, data: TargetsFile, t: Strings, lang: str, unit_id: str | None
) -> str:
    """The rule next to the verdict, as the reader checks it: target · outcome · status."""
    return t("verdict.separator").join([*evidence(target, verdict, data, t, lang, unit_id), status_words(verdict, t)])


def status_words(verdict: Verdict, t: Strings) -> str:
    words = t(f"status.{verdict.status}")
    if verdict.status == "not_assessable":
        words += t("verdict.reason", reason=t(f"reason.{verdict.reason}"))
    return words


def evidence(
    target: Target, verdict: Verdict, data: TargetsFile, t: Strings, lang: str, unit_id: str | None
) -> list[str]:
    """What a verdict rests on: the target, and the outcome it was judged on (with its period if interim)."""
    parts = [t("verdict.target", rule=target_rule(target, data, t, lang))]
    if verdict.tolerance is not None and target.kind == "about":
        parts[0] += t("verdict.tolerance", tolerance=format_number(round(verdict.tolerance, 3), lang))
    if verdict.outcome is not None:
        value = format_quantity(verdict.outcome.value, unit_of(target, data, unit_id), lang)
        if verdict.interim:
            period = t(f"period.{verdict.outcome.period}", year=verdict.outcome.year)
            parts.append(t("verdict.interim_outcome", period=period, value=value))
        else:
            parts.append(t("verdict.outcome", value=value))
        if verdict.outcome.comparability == "close":
            parts[-1] += t("verdict.close")
        if verdict.reference is not None and target.reference:
            reference = data.indicator(target.reference)
            assert reference is not None
            ref_unit = unit_of(reference.targets[0], data, reference.unit)
            ref_value = format_quantity(verdict.reference.value, ref_unit, lang)
            parts[-1] += t("verdict.reference", name=reference.name.get(lang), value=ref_value)
    return parts
