"""The track record in one language: each target followed across the plan years, as plain data for the
indicator pages (each target's years) and the track-record page (every continuing target, and the dropped).

The changes are `model/track.py`'s, computed from the typed targets; this module only words them. Every
step says the target as that year's plan set it, the outcome it was judged on with its period and source
(or "not yet reported"), the verdict with what it compares, and how the next year's plan changed it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from itertools import pairwise

from site_builder.charts.spec import ChartSpec
from site_builder.charts.track import track_chart
from site_builder.model.dates import FigureDates, data_revised, figure_dates
from site_builder.model.statements import (
    judged_target,
    outcome_words,
    reason_words,
    target_rule,
    unit_of,
)
from site_builder.model.track import Change, Node, Step, Track, confirmed_drops, tracks, tracks_by_indicator
from site_builder.model.urls import area_slug, indicator_slug
from site_builder.pages.context_types import ShownChange, ShownStep, ShownTrack
from site_builder.pages.view import ShownDates, shown_dates
from site_builder.sources.i18n import Strings, format_number, format_quantity
from site_builder.sources.schema import Area, Commitment, Dropped, TargetsFile


@dataclass
class TrackRecord:
    """The site's tracks, made once (they do not depend on the language), and where each year's pages are."""

    plans: Mapping[int, TargetsFile]
    prefixes: Mapping[int, str]  # each year's folder: "2021/"
    tracks: tuple[Track, ...] = ()
    confirmed: dict[Node, Dropped] = field(default_factory=dict)
    # Each commitment's target's area and commitment, by (year, target id): looked up once per step.
    owners: dict[Node, tuple[Area, Commitment]] = field(default_factory=dict)
    # The tracks through each annex indicator of each year, by (year, indicator id): asked once per page.
    through: dict[Node, list[Track]] = field(default_factory=dict)

    @classmethod
    def of(cls, plans: Mapping[int, TargetsFile], prefixes: Mapping[int, str]) -> TrackRecord:
        if len(plans) < 2:
            return cls(plans, prefixes)
        owners = {(year, t.id): (a, c) for year, data in plans.items()
                  for a in data.areas for c in a.commitments for t in c.targets}
        found = tracks(plans)
        return cls(plans, prefixes, found, confirmed_drops(plans), owners, tracks_by_indicator(found))

    def shown(self, track: Track) -> bool:
        """Whether the track belongs on the track record: a commitment's target that restates an annex
        target has that target's track already."""
        return not any(step.indicator is None and step.target.repeats for step in track.steps)


def track_id(track: Track) -> str:
    """A track's id on the site, from where it starts: "track-2021-gdp-growth"."""
    return f"track-{track.steps[0].year}-{track.steps[0].target.id}"


class TrackView:
    """The track record in one language, with each track's chart, made once."""

    def __init__(self, record: TrackRecord, strings: Strings, lang: str) -> None:
        self.record, self.t, self.lang = record, strings, lang
        self.charts_made: dict[str, ChartSpec] = {}
        self.dates: dict[str, ShownDates] = {}  # each chart's, by dom id: shared with every year's SiteView

    def chart(self, track: Track) -> ChartSpec:
        """The chart of every year's target and outcome of one track (charts/track.py)."""
        dom_id = f"chart-{track_id(track)}"
        if dom_id not in self.charts_made:
            spec = track_chart(track, self.record.plans, self.t, self.lang, dom_id)
            # Its page is the latest year's indicator page, which shows it (the track-record page has a
            # table, not every track's chart): embeds and "link to this chart" point there.
            self.charts_made[dom_id] = replace(spec, home=self.slug(track.latest))
            self.dates[dom_id] = shown_dates(self._figure_dates(track), self.lang)
        return self.charts_made[dom_id]

    def _figure_dates(self, track: Track) -> FigureDates:
        """The dates behind a track's figures, over every year it spans: the newest of each kind."""
        each = [figure_dates([judged_target(s.target, self.record.plans[s.year], None)[0]],
                             self.record.plans[s.year], data_revised(self.record.plans[s.year])) for s in track.steps]
        newest = {name: max((getattr(d, name) for d in each if getattr(d, name)), default=None)
                  for name in ("published", "added", "revised")}
        return FigureDates(undated=any(d.undated for d in each), **newest)

    def charts_of_indicator(self, year: int, indicator_id: str) -> list[ChartSpec]:
        """The charts of the tracks through an indicator of one year's plan, in of_indicator's order."""
        return [self.chart(track) for track in self._through(year, indicator_id)]

    def _through(self, year: int, indicator_id: str) -> list[Track]:
        return self.record.through.get((year, indicator_id), [])

    def name(self, step: Step) -> str:
        """What the target measures, as its year's plan names it."""
        if step.indicator is not None:
            name = step.indicator.name.get(self.lang)
            if len(step.indicator.targets) > 1 and step.target.label:
                name += f" · {step.target.label.get(self.lang)}"
            return name
        commitment = self.record.owners[(step.year, step.target.id)][1]
        label = step.target.label.get(self.lang) if step.target.label else ""
        return f"{commitment.title.get(self.lang)}{' · ' + label if label else ''}"

    def slug(self, step: Step) -> str:
        """The page of the target in its year: its indicator's, or its commitment's area's."""
        prefix = self.record.prefixes[step.year]
        if step.indicator is not None:
            return prefix + indicator_slug(step.indicator.id)
        return prefix + area_slug(self.record.owners[(step.year, step.target.id)][0].id)

    def change(self, step: Step, track: Track) -> ShownChange:
        t, change = self.t, step.change
        if change is None:
            return {"kind": "", "words": ""}
        if change.kind == "dropped":
            dropped = self.record.confirmed.get((step.year, step.target.id)) or (
                self.record.confirmed.get((step.year, step.indicator.id)) if step.indicator else None)
            later = min(y for y in self.record.plans if y > step.year)
            words = t("track.dropped_confirmed", year=later) if dropped else t("track.dropped_unconfirmed", year=later)
            if dropped is not None and dropped.note is not None:
                words += t("verdict.basis", basis=dropped.note.get(self.lang))
            return {"kind": "dropped", "words": words}
        return {"kind": change.kind, "words": self.change_words(step, change)}

    def change_words(self, step: Step, change: Change) -> str:
        t = self.t
        if change.kind == "kept":
            return t("track.kept")
        if change.kind == "changed":
            aspects = t("list_separator").join(t(f"track.aspect_{d.aspect}") for d in change.differences)
            return t("track.changed", aspects=aspects)
        assert change.by is not None
        unit = unit_of(step.target, self.record.plans[step.year], step.unit)
        points = "verdict.points_one" if abs(change.by) == 1 else "verdict.points_other"
        amount = (t(points, n=format_number(abs(change.by), self.lang)) if unit.kind == "percent"
                  else format_quantity(abs(change.by), unit, self.lang))
        return t(f"track.{change.kind}", by=amount) + t(f"track.asks_{change.ambition}")

    def step(self, step: Step, track: Track) -> ShownStep:
        data, t, lang = self.record.plans[step.year], self.t, self.lang
        verdict = step.verdict
        outcome, source = "", ""
        if verdict.outcome is not None:
            shown, shown_unit = judged_target(step.target, data, step.unit)
            outcome = t("verdict.outcome_in", period=t(f"period.{verdict.outcome.period}", year=verdict.outcome.year),
                        value=outcome_words(verdict.outcome, unit_of(shown, data, shown_unit), t, lang))
            source = data.by_id("sources")[verdict.outcome.source].title.get(lang)
        return {
            "year": step.year,
            "name": self.name(step),
            "slug": self.slug(step),
            "rule": target_rule(step.target, data, t, lang),
            "wording": step.target.wording.get(lang) if step.target.wording else "",
            "outcome": outcome or t("status.not_reported"),
            "reported": bool(outcome),
            "source": source,
            "status": verdict.status,
            "status_label": t(f"status.{verdict.status}"),
            # why there is no judgement, when there is none (the target and outcome have columns of their own)
            "reason": reason_words(verdict, t) if verdict.reason else "",
            "change": self.change(step, track),
        }

    def track(self, track: Track) -> ShownTrack:
        steps = [self.step(step, track) for step in track.steps]
        return {
            "id": track_id(track),
            "name": steps[-1]["name"],
            "annex": track.steps[-1].indicator is not None,
            "steps": steps,
            # each year beside the next: the rows of the track-record page
            "pairs": [{"before": a, "after": b} for a, b in pairwise(steps)],
            "new": track.new,
            "dropped": track.dropped,
        }

    def of_indicator(self, year: int, indicator_id: str) -> list[ShownTrack]:
        """The tracks through an indicator of one year's plan, one per target (none in a one-year site)."""
        return [self.track(track) for track in self._through(year, indicator_id)]

    def every(self) -> list[ShownTrack]:
        """Every track the track-record page lists: annex targets first, then commitments', each in document order."""
        shown = [self.track(track) for track in self.record.tracks if self.record.shown(track)]
        return sorted(shown, key=lambda track: not track["annex"])  # a stable sort keeps the document order
