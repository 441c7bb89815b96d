"""The Atom feed per language of new outcomes and of changes in a target's computed status.

Every date comes from the data, never from the build clock, so two builds of the same sources are byte
for byte the same. An entry is dated by the day the site added its figure (`added`); its summary also
says when the source published it. A status change is the site's reading of the figures, so its author
is the site, not the body that published them.

A site of several plan years has one feed for them all: each year's outcomes and status changes (computed
on that year's plan alone, as on a one-year site), linked to the year's pages, and an entry for each plan
year after the first, dated by the plan's own date.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from site_builder.model.dates import every_target
from site_builder.model.statements import target_rule, verdict_line
from site_builder.model.status import Direction, Verdict, evaluate
from site_builder.model.urls import HOME_SLUG, area_slug, indicator_slug, output_path, year_prefix
from site_builder.pages.discovery import link
from site_builder.sources.i18n import HTML_LANG, Strings, format_date, format_number, format_quantity
from site_builder.sources.schema import Commitment, Source, Target, TargetsFile

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    key: str  # stable across builds and hosts: the entry's id is derived from it (with its plan's namespace)
    kind: str  # "outcome", "status" or "plan_year": the entry's atom:category
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
    # The page's output path without the year's folder, as a one-year site has it: entry keys are made from
    # it, so an entry keeps its id when a one-year site gains a second year (its namespace tells the years apart).
    keyed: str


def placements(data: TargetsFile, lang: str, prefix: str = "") -> list[Placement]:
    """Every target of the data, commitments first, in the data's order; `prefix` is its year's folder
    (model/urls.py::year_prefix), "" on a one-year site."""
    found: list[Placement] = []
    for area in data.areas:
        for commitment in area.commitments:
            for target in commitment.targets:
                name = target.label.get(lang) if target.label else commitment.title.get(lang)
                slug = area_slug(area.id)
                found.append(Placement(name, target, target.unit or "", target.direction or "higher",
                                       output_path(lang, prefix + slug), f"target-{target.id}",
                                       output_path(lang, slug)))
    for indicator in data.indicators:
        for target in indicator.targets:
            name = indicator.name.get(lang)
            if target.label and len(indicator.targets) > 1:
                name = f"{name} · {target.label.get(lang)}"
            slug = indicator_slug(indicator.id)
            found.append(Placement(name, target, target.unit or indicator.unit, indicator.direction,
                                   output_path(lang, prefix + slug), "", output_path(lang, slug)))
    return found


def feed_entries(data: TargetsFile, t: Strings, lang: str, prefix: str = "") -> list[FeedEntry]:
    """One entry per reported outcome, newest first (ties in a fixed order)."""
    units = {u.id: u for u in data.units}
    sources = {s.id: s for s in data.sources}
    entries: list[FeedEntry] = []
    for place in placements(data, lang, prefix):
        rule = target_rule(place.target, data, t, lang)
        for outcome in place.target.outcomes:
            period = t(f"period.{outcome.period}", year=outcome.year)
            unit = units.get(place.unit_id)
            value = format_quantity(outcome.value, unit, lang) if unit else format_number(outcome.value, lang)
            source = sources[outcome.source]
            entries.append(
                FeedEntry(
                    key=f"{lang}/{place.keyed}/{place.target.id}/{outcome.period}/{outcome.year}",
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


def status_changes(data: TargetsFile, t: Strings, lang: str, prefix: str = "") -> list[FeedEntry]:
    """One entry each time a target's computed status changed: for each day outcomes were added, the
    status from the outcomes known the day before against the status from those known at its end."""
    days = sorted({o.added for target in every_target(data) for o in target.outcomes})
    site = t("feed.site_author", site=data.plan.short_title.get(lang))
    known = as_of(data, None)
    before: list[Verdict] = [evaluate(p.target, p.direction, known) for p in placements(known, lang, prefix)]
    entries: list[FeedEntry] = []
    for day in days:
        known = as_of(data, day)
        places = placements(known, lang, prefix)
        after: list[Verdict] = [evaluate(p.target, p.direction, known) for p in places]
        # as_of() keeps every target and drops only outcomes, so each day has the same placements.
        for place, was, now in zip(places, before, after, strict=True):
            if was.status == now.status:
                continue
            was_words, now_words = t(f"status.{was.status}"), t(f"status.{now.status}")
            line = verdict_line(place.target, now, known, t, lang, place.unit_id or None)
            entries.append(
                FeedEntry(
                    key=f"{lang}/{place.keyed}/{place.target.id}/status/{day.isoformat()}",
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


def plan_year_entry(data: TargetsFile, t: Strings, lang: str, prefix: str) -> FeedEntry | None:
    """The entry saying a later year's plan was added, dated by the plan's publication, else the date it
    bears; None when it gives neither, as a made-up date would be published as the plan's."""
    plan = data.plan
    day = plan.published or plan.adopted
    if day is None:
        return None
    dated = (t("feed_years.published", issuer=plan.issuer.get(lang), date=format_date(day, lang)) if plan.published
             else t("feed_years.adopted", date=format_date(day, lang)))
    return FeedEntry(
        key=f"{lang}/plan-year/{plan.year}",
        kind="plan_year",
        title=t("feed_years.entry_title", plan=plan.short_title.get(lang)),
        summary=t("feed_years.entry_summary", title=plan.title.get(lang), document=plan.document_number,
                  dated=dated, year=plan.year),
        page=output_path(lang, (prefix + HOME_SLUG).rstrip("/")),  # the year's home: {lang}/YYYY/
        anchor="",
        added=day,
        author=plan.issuer.get(lang),
    )


# Within a day: a status change before the outcomes behind it, and a new plan year after both.
KIND_ORDER = {"status": 0, "outcome": 1, "plan_year": 2}
KIND_LABEL = {"status": "feed.kind_status", "outcome": "feed.kind_outcome", "plan_year": "feed_years.kind_plan_year"}


def _namespaces(plans: Sequence[TargetsFile]) -> list[tuple[uuid.UUID, str]]:
    """Each plan's id namespace, from its source address, and the prefix of its entries' keys: "" unless
    another year's plan has the same address (a placeholder, say), when the year keeps the ids apart."""
    urls = [data.plan.source_url for data in plans]
    return [(uuid.uuid5(uuid.NAMESPACE_URL, url), f"{data.plan.year}/" if urls.count(url) > 1 else "")
            for data, url in zip(plans, urls, strict=True)]


def atom_feed(plans: Sequence[TargetsFile], t: Strings, lang: str, base_url: str) -> bytes:
    """The language's Atom feed (RFC 4287) of new outcomes and status changes of every plan year (oldest
    first; a one-year site passes one), and of each later plan year, at {lang}/feed.xml.

    Ids are urn:uuid names derived from each plan's source address and each entry's key, so they stay
    the same wherever the site is hosted (a tag: URI would need a host name the site may not have), and
    when the site gains a year: the feed's own id is the oldest plan's.
    """
    if not plans:
        raise ValueError("a feed needs at least one plan")
    feed_path = f"{lang}/feed.xml"
    years = [data.plan.year for data in plans]
    spaces = _namespaces(plans)
    found: list[tuple[FeedEntry, str]] = []  # each entry with its atom:id
    for index, (data, (space, key_prefix)) in enumerate(zip(plans, spaces, strict=True)):
        prefix = year_prefix(years, data.plan.year)
        made = [*feed_entries(data, t, lang, prefix), *status_changes(data, t, lang, prefix)]
        if index > 0 and (new_year := plan_year_entry(data, t, lang, prefix)) is not None:
            made.append(new_year)
        found += [(e, f"urn:uuid:{uuid.uuid5(space, key_prefix + e.key)}") for e in made]
    # Newest day first; within a day by kind, then a fixed order (the id tells apart equal keys of two years).
    found.sort(key=lambda pair: (-pair[0].added.toordinal(), KIND_ORDER[pair[0].kind], pair[0].key, pair[1]))
    # With no entry yet, the newest plan's publication; a new site that knows none says 1 January of its
    # year, as Atom requires a date and a build must not depend on the day it runs.
    updated = max((e.added for e, _ in found),
                  default=max(d.plan.published or dt.date(d.plan.year, 1, 1) for d in plans))
    newest = plans[-1].plan

    ET.register_namespace("", ATOM_NS)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": HTML_LANG[lang]})
    add(feed, "id", f"urn:uuid:{uuid.uuid5(spaces[0][0], f'feed/{lang}')}")
    title = "feed.title" if len(plans) == 1 else "feed_years.title"
    add(feed, "title", t(title, plan=newest.short_title.get(lang)))
    add(feed, "subtitle", t("feed.subtitle"))
    add(feed, "updated", _timestamp(updated))
    add(feed, "link", rel="self", type="application/atom+xml", href=link(base_url, feed_path, feed_path))
    add(feed, "link", rel="alternate", type="text/html", href=link(base_url, feed_path, output_path(lang, "")))
    # No feed-level author: each entry names the body that published its figure, or the site.
    for entry, entry_id in found:
        item = add(feed, "entry")
        add(item, "id", entry_id)
        add(item, "title", entry.title)
        add(item, "updated", _timestamp(entry.added))
        add(item, "published", _timestamp(entry.added))
        add(item, "link", rel="alternate", type="text/html",
            href=link(base_url, feed_path, entry.page) + (f"#{entry.anchor}" if entry.anchor else ""))
        add(item, "category", term=entry.kind, label=t(KIND_LABEL[entry.kind]))
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
