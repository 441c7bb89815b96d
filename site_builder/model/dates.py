"""What a date on the site means. Three different days are kept apart, so that no line reads as more
than it is: the day a figure's source published it, the day the site entered it, and the day the site's
data was last revised. None of them is the plan's own date: a page with no figures says that it has
none, and when the site's data was last revised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from site_builder.sources.schema import Target, TargetsFile


def every_target(data: TargetsFile) -> list[Target]:
    """Every target of the data: the commitments' first, then the annex indicators'."""
    commitments = (t for a in data.areas for c in a.commitments for t in c.targets)
    return [*commitments, *(t for i in data.indicators for t in i.targets)]


def data_revised(data: TargetsFile) -> dt.date | None:
    """The day the site's data was last revised: the newest `added` of any outcome (None: no outcome yet)."""
    return max((o.added for t in every_target(data) for o in t.outcomes), default=None)


@dataclass(frozen=True)
class FigureDates:
    """The dates behind what one page or chart shows."""

    published: dt.date | None  # the newest date among the sources of its figures (None: no dated source)
    added: dt.date | None  # the day the newest of its figures was entered on the site (None: no figures)
    undated: bool  # some figure's source gives no date of publication
    revised: dt.date | None  # the day the site's data as a whole was last revised


def figure_dates(targets: Iterable[Target], data: TargetsFile, revised: dt.date | None) -> FigureDates:
    """The dates of the outcomes of `targets`, with `revised` (from `data_revised`) for the site as a whole."""
    outcomes = [o for t in targets for o in t.outcomes]
    sources = data.by_id("sources")
    dates = [sources[o.source].date for o in outcomes]
    return FigureDates(
        published=max((d for d in dates if d is not None), default=None),
        added=max((o.added for o in outcomes), default=None),
        undated=any(d is None for d in dates),
        revised=revised,
    )
