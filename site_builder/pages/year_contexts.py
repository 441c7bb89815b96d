"""The contexts of the pages a site of several plan years adds: the track record, and the first year's pages
at their old addresses."""

from __future__ import annotations

from site_builder.pages.common_context import common
from site_builder.pages.context_types import RedirectContext, TrackRecordContext
from site_builder.pages.plan import PagePlan
from site_builder.pages.track_view import TrackView
from site_builder.pages.view import SiteView


def redirect_context(view: SiteView, page: PagePlan) -> RedirectContext:
    """A page that moved when the site took a second plan year: where it is now, for every reader (the
    refresh for browsers, the canonical link for search engines, a plain link for everyone)."""
    return {
        **common(view),
        "page_title": page.title,
        "summary": view.t("redirect.summary", year=view.data.plan.year),
        "target_slug": page.subject,
        "dates": view.site_dates(),
    }


def track_record_context(view: SiteView, tracks: TrackView) -> TrackRecordContext:
    """Every target followed across the plan years: each year's beside the next, the dropped and the new."""
    every = tracks.every()
    return {
        **common(view),
        "page_title": view.t("track.title"),
        "summary": view.t("track.summary"),
        "years": list(view.years),
        "tracks": [track for track in every if track["pairs"]],
        "dropped": [track for track in every if track["dropped"]],
        "new": [track for track in every if track["new"]],
        "dates": view.site_dates(),
    }
