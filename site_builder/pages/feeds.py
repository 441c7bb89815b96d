"""The Atom feed per language of new outcomes and of changes in a target's computed status.

Every date comes from the data, never from the build clock, so two builds of the same sources are byte
for byte the same. An entry is dated by the day the site added its figure (`added`); its summary also
says when the source published it. A status change is the site's reading of the figures, so its author
is the site, not the body that published them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from site_builder.model.dates import every_target
from site_builder.model.statements import target_rule, verdict_line
from site_builder.model.status import Direction, Verdict, evaluate
from site_builder.model.urls import area_slug, indicator_slug, output_path
from site_builder.pages.discovery import link
from site_builder.sources.i18n import HTML_LANG, Strings, format_date, format_number, format_quantity
from site_builder.sources.schema import Commitment, Source, Target, TargetsFile

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    key: str  # stable across builds and hosts: the entry's id is derived from it
    kind: str  # "outcome" or "status": the entry's atom:category
    title: str
    summary: str
    page: str  # output path of the page that shows the outcome
    anchor: str  # "" for the page itself
    added: dt.date  # the day the site added the figure (or computed the status from it)
    author: str  # who published the figure; the site itself for a computed status


@dataclass(frozen=True)
class Placement:
    """A target with the name, unit, better direction and place on the site that it is shown with."""

    name: str
    target: Target
    unit_id: str
    direction: Direction
    page: str  # output path
    anchor: str


def placements(data: TargetsFile, lang: str) -> list[Placement]:
    """Every target of the data, commitments first, in the data's order."""
    found: list[Placement] = []
    for area in data.areas:
        for commitment in area.commitments:
            for target in commitment.targets:
                name = target.label.get(lang) if target.label else commitment.title.get(lang)
                found.append(Placement(name, target, target.unit or "", target.direction or "higher",
                                       output_path(lang, area_slug(area.id)), f"target-{target.id}"))
    for indicator in data.indicators:
        for target in indicator.targets:
            name = indicator.name.get(lang)
            if target.label and len(indicator.targets) > 1:
                name = f"{name} · {target.label.get(lang)}"
            found.append(Placement(name, target, target.unit or indicator.unit, indicator.direction,
                                   output_path(lang, indicator_slug(indicator.id)), ""))
    return found


def feed_entries(data: TargetsFile, t: Strings, lang: str) -> list[FeedEntry]:
    """One entry per reported outcome, newest first (ties in a fixed order)."""
    units = {u.id: u for u in data.units}
    sources = {s.id: s for s in data.sources}
    entries: list[FeedEntry] = []
    for place in placements(data, lang):
        rule = target_rule(place.target, data, t, lang)
        for outcome in place.target.outcomes:
            period = t(f"period.{outcome.period}", year=outcome.year)
            unit = units.get(place.unit_id)
            value = format_quantity(outcome.value, unit, lang) if unit else format_number(outcome.value, lang)
            source = sources[outcome.source]
            entries.append(
                FeedEntry(
                    key=f"{lang}/{place.page}/{place.target.id}/{outcome.period}/{outcome.year}",
                    kind="outcome",
                    title=t("feed.entry_title", name=place.name, period=period, value=value),
                    summary=t("feed.entry_summary", name=place.name, period=period, value=value, rule=rule,
                              source=source.title.get(lang), published=_published(source, t, lang),
                              added=format_date(outcome.added, lang)),
                    page=place.page,
                    anchor=place.anchor,
                    added=outcome.added,
                    author=source.publisher.get(lang),
                )
            )
    return entries


def as_of(data: TargetsFile, day: dt.date | None) -> TargetsFile:
    """The data as it stood at the end of `day`: only the outcomes added by then (None: none at all)."""

    def keep(target: Target) -> Target:
        outcomes = tuple(o for o in target.outcomes if day is not None and o.added <= day)
        return target.model_copy(update={"outcomes": outcomes})

    def keep_in(commitment: Commitment) -> Commitment:
        return commitment.model_copy(update={"targets": tuple(map(keep, commitment.targets))})

    areas = tuple(a.model_copy(update={"commitments": tuple(map(keep_in, a.commitments))}) for a in data.areas)
    indicators = tuple(i.model_copy(update={"targets": tuple(map(keep, i.targets))}) for i in data.indicators)
    # A copy with look-ups of its own: one that shared the full data's would find outcomes not added yet.
    return data.with_lists(areas=areas, indicators=indicators)


def status_changes(data: TargetsFile, t: Strings, lang: str) -> list[FeedEntry]:
    """One entry each time a target's computed status changed: for each day outcomes were added, the
    status from the outcomes known the day before against the status from those known at its end."""
    days = sorted({o.added for target in every_target(data) for o in target.outcomes})
    site = t("feed.site_author", site=data.plan.short_title.get(lang))
    known = as_of(data, None)
    before: list[Verdict] = [evaluate(p.target, p.direction, known) for p in placements(known, lang)]
    entries: list[FeedEntry] = []
    for day in days:
        known = as_of(data, day)
        places = placements(known, lang)
        after: list[Verdict] = [evaluate(p.target, p.direction, known) for p in places]
        # as_of() keeps every target and drops only outcomes, so each day has the same placements.
        for place, was, now in zip(places, before, after, strict=True):
            if was.status == now.status:
                continue
            was_words, now_words = t(f"status.{was.status}"), t(f"status.{now.status}")
            line = verdict_line(place.target, now, known, t, lang, place.unit_id or None)
            entries.append(
                FeedEntry(
                    key=f"{lang}/{place.page}/{place.target.id}/status/{day.isoformat()}",
                    kind="status",
                    title=t("feed.status_title", name=place.name, was=was_words, now=now_words),
                    summary=t("feed.status_summary", name=place.name, was=was_words, now=now_words, line=line,
                              added=format_date(day, lang)),
                    page=place.page,
                    anchor=place.anchor,
                    added=day,
                    author=site,
                )
            )
        before = after
    return entries


def atom_feed(data: TargetsFile, t: Strings, lang: str, base_url: str) -> bytes:
    """The language's Atom feed (RFC 4287) of new outcomes and status changes, at {lang}/feed.xml.

    Ids are urn:uuid names derived from the plan's source address and each entry's key, so they stay
    the same wherever the site is hosted (a tag: URI would need a host name the site may not have).
    """
    feed_path = f"{lang}/feed.xml"
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, data.plan.source_url)
    # Newest day first; within a day a status change before the outcomes behind it, then a fixed order.
    entries = sorted(
        [*feed_entries(data, t, lang), *status_changes(data, t, lang)],
        key=lambda e: (-e.added.toordinal(), e.kind != "status", e.key),
    )
    # With no entry yet, the plan's publication; a new site that knows neither says 1 January of its year,
    # as Atom requires a date and a build must not depend on the day it runs.
    updated = max((e.added for e in entries), default=data.plan.published or dt.date(data.plan.year, 1, 1))

    ET.register_namespace("", ATOM_NS)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": HTML_LANG[lang]})
    add(feed, "id", f"urn:uuid:{uuid.uuid5(namespace, f'feed/{lang}')}")
    add(feed, "title", t("feed.title", plan=data.plan.short_title.get(lang)))
    add(feed, "subtitle", t("feed.subtitle"))
    add(feed, "updated", _timestamp(updated))
    add(feed, "link", rel="self", type="application/atom+xml", href=link(base_url, feed_path, feed_path))
    add(feed, "link", rel="alternate", type="text/html", href=link(base_url, feed_path, output_path(lang, "")))
    # No feed-level author: each entry names the body that published its figure, or the site.
    for entry in entries:
        item = add(feed, "entry")
        add(item, "id", f"urn:uuid:{uuid.uuid5(namespace, entry.key)}")
        add(item, "title", entry.title)
        add(item, "updated", _timestamp(entry.added))
        add(item, "published", _timestamp(entry.added))
        add(item, "link", rel="alternate", type="text/html",
            href=link(base_url, feed_path, entry.page) + (f"#{entry.anchor}" if entry.anchor else ""))
        add(item, "category", term=entry.kind, label=t(f"feed.kind_{entry.kind}"))
        reporter = add(item, "author")
        add(reporter, "name", entry.author)
        add(item, "summary", entry.summary)
    ET.indent(feed)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def _published(source: Source, t: Strings, lang: str) -> str:
    """When the source published its figures, in words: its date, or that it gives none."""
    return t("feed.published", date=format_date(source.date, lang)) if source.date else t("feed.undated")


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
