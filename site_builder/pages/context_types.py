"""Stage 5, what a template gets: every page context's keys and their types, in one place.

A theme author reads here what each page kind's template may use (`pages/contexts.py` builds them, from
`pages/view.py`'s shown pieces); mypy checks that every context carries exactly these keys. Besides its
own context, every page gets what `pages/render.py::render_page` adds (links, languages, head metadata,
`svgs`: each chart's drawing by dom id). Texts are already in the page's language; "" means none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias, TypedDict

from markupsafe import Markup

from site_builder.charts.spec import ChartSpec
from site_builder.model.status import Status
from site_builder.pages.view import ShownDates
from site_builder.sources.i18n import Strings
from site_builder.sources.schema import Comparability, TargetKind

# The pieces pages share (SiteView's shown data)


class ShownSource(TypedDict):
    id: str
    title: str
    publisher: str
    date: str  # the publication date in words, "" when the source has none
    url: str
    official: bool  # an official publication
    reproduction: bool  # the page is a copy on a third party's site, not the publisher's own
    note: str


class ShownOutcome(TypedDict):
    period: str  # "2021年全年", "H1 2022"
    value: str  # formatted with its unit
    source: ShownSource
    comparability: Comparability  # whether the source reports the plan's own measure
    measure: str  # why a close or different measure is not the plan's ("" when it is the same)
    prices: str  # the growth rate's price basis in words, "" when the data records none
    basis: str  # the rest of its basis in words (a station network, a coverage)
    note: str
    judged: bool  # the outcome the target's status rests on


class ShownRepeat(TypedDict):
    """The annex target a commitment's target repeats."""

    name: str
    slug: str  # its indicator's page


class ShownTarget(TypedDict):
    id: str
    label: str  # one of an indicator's several targets: its label
    rule: str  # the target as a rule in words ("at least 6%")
    kind: TargetKind
    status: Status
    status_label: str
    verdict: str  # the status with its evidence, in a sentence
    evidence: str  # the same for a badge: the period and the reason
    measure: str  # the target id the status belongs to: an annex target's, also on commitments repeating it
    repeats: ShownRepeat | None
    wording: str  # the plan's own words for the target
    note: str
    outcomes: list[ShownOutcome]  # the figures shown (a repeating target's are its annex target's)


class ShownIndicator(TypedDict):
    id: str
    slug: str
    name: str
    category: str
    group: str  # its group within the category, "" when none
    direction: str  # whether higher or lower is better, in words
    target_text: str  # the annex's words for the target (for a merged cell: that it is blank, and why)
    merged: bool  # a blank annex cell merged with the row above
    targets: list[ShownTarget]
    reported: bool  # any of its targets has a figure
    definition: str
    note: str


class AreaIndicator(ShownIndicator):
    """An indicator as an area page lists it."""

    charts: list[ChartSpec]  # [] when the commentary already shows its charts
    chart_in_commentary: bool


class ShownPlan(TypedDict):
    title: str
    short_title: str
    issuer: str
    document_number: str
    adopted: str | None  # dates in words; None until the editor gives them
    published: str | None
    approved_by: str
    source_url: str
    year: int  # the year the plan's targets are for


class AreaLink(TypedDict):
    """An area in a menu or a list of links."""

    slug: str
    number: int
    title: str


class CommonContext(TypedDict):
    """What every page of a language has (contexts._common)."""

    data_files: list[str]  # the open data files about the page, build-root paths
    t: Callable[..., str]  # the UI strings: t(key, **values)
    source: Callable[[str], ShownSource]  # a source by id
    chart_credit: Callable[[ChartSpec], str]  # the line under a chart that travels without the site
    chart_dates: Callable[[ChartSpec], ShownDates]  # the dates behind a chart
    plan: ShownPlan
    nav_areas: list[AreaLink]  # the menu's areas; [] past NAV_AREA_LIMIT (the menu then links home)
    year_slug: str  # the plan year's home page: "" in a one-year site, else "2021"
    year_folder: str  # before the year's slugs: "" in a one-year site, else "2021/"
    plan_years: list[PlanYearLink]  # every plan year, newest first; [] in a one-year site


class PlanYearLink(TypedDict):  # a plan year in the menu: its year, its home page, whether the page's own
    year: int
    slug: str
    current: bool


# Page kinds


class EntryPlan(TypedDict):
    short_title: str  # in the default language


class EntryContext(TypedDict):
    """The language-choice page at the site's root: both languages, so no `CommonContext`."""

    t: Callable[..., str]  # the default language's strings
    strings: dict[str, Strings]  # every language's, by code
    titles: dict[str, str]  # the plan's title by language
    plan: EntryPlan
    dates: dict[str, ShownDates]  # the whole site's dates by language
    page_title: str
    summary: str


# The page's Markdown HTML split around its chart blocks: HTML, then a block's charts, then HTML...
Commentary: TypeAlias = list[Markup | list[ChartSpec]]
Toc: TypeAlias = list[dict[str, Any]]  # Markdown's toc_tokens: level, id, name, children


class AreaRow(TypedDict):
    """An area in the home page's list."""

    slug: str
    number: int
    title: str
    commitments: int  # how many
    indicators: int  # how many


class HomeCategory(TypedDict):
    id: str
    name: str
    indicators: list[ShownIndicator]


class Coverage(TypedDict):
    """What the home page leads with: how many annex targets have any sourced figure, then how many
    have each status."""

    targets: int
    reported: int  # with a figure
    missing: int  # without one
    final: int  # judged on a full-year figure: met or missed
    met: int
    on_track: int
    at_risk: int
    missed: int
    indicative: int
    not_assessable: int
    not_reported: int


class HomeContext(CommonContext):
    page_title: str
    summary: str
    commentary: Commentary
    toc: Toc
    status_charts: list[ChartSpec]  # the status counts, then reporting coverage
    areas: list[AreaRow]
    categories: list[HomeCategory]
    total_indicators: int
    reported_indicators: int  # with a figure for any target
    coverage: Coverage
    dates: ShownDates


class ShownCommitment(TypedDict):
    id: str
    number: int
    title: str
    text: str
    targets: list[ShownTarget]


class ShownArea(TypedDict):
    id: str
    number: int
    title: str
    commitments: list[ShownCommitment]


class AreaContext(CommonContext):
    page_title: str
    summary: str
    area: ShownArea
    status_chart: ChartSpec
    commentary: Commentary
    toc: Toc
    indicators: list[AreaIndicator]
    dates: ShownDates


class CategorySection(TypedDict):
    group: str  # "" for the category's indicators outside any group, listed first
    indicators: list[ShownIndicator]


class IndicatorCategory(TypedDict):
    id: str
    name: str
    sections: list[CategorySection]
    chart: ChartSpec | None  # None when its targets are too many for one chart (its table lists them)


class IndicatorsContext(CommonContext):
    page_title: str
    summary: str
    categories: list[IndicatorCategory]
    sources: list[ShownSource]  # every source an outcome cites
    dates: ShownDates
    json_ld: dict[str, Any]  # schema.org Dataset (discovery.dataset_json_ld)


class IndicatorContext(CommonContext):
    page_title: str
    summary: str
    indicator: ShownIndicator
    charts: list[ChartSpec]  # one per target
    areas: list[AreaLink]  # the areas that list it
    sources: list[ShownSource]
    dates: ShownDates
    json_ld: dict[str, Any]
    # Each target followed across the plan years, with a chart of every year's target and outcome for each
    # (track_charts, in the same order); both empty in a one-year site.
    tracks: list[ShownTrack]
    track_charts: list[ChartSpec]


# The track record (pages/track_view.py)
class ShownChange(TypedDict):  # kind: raised, kept, lowered, changed, dropped ("" in the latest year)
    kind: str
    words: str  # "Raised by 0.5 percentage points (asks more)"


class ShownStep(TypedDict):
    """A target in one year's plan, judged on that year's outcomes."""

    year: int
    name: str
    slug: str  # its page in its year
    rule: str  # "at least 7%"
    wording: str  # the plan's own words, when the data has them
    outcome: str  # "Full year 2021: 8.7%", or "Not yet reported"
    reported: bool
    source: str  # the outcome's source's title ("" when not reported)
    status: str
    status_label: str
    reason: str  # why there is no judgement ("" when there is one)
    change: ShownChange  # how the next year's plan changed it


class TrackPair(TypedDict):  # a year's step beside the next year's
    before: ShownStep
    after: ShownStep


class ShownTrack(TypedDict):
    id: str
    name: str  # as the latest year's plan names it
    annex: bool  # an annex indicator's target (else a commitment's)
    steps: list[ShownStep]
    pairs: list[TrackPair]  # each year beside the next
    new: bool  # no predecessor in an earlier plan
    dropped: bool  # no successor in a later plan


class TrackRecordContext(CommonContext):
    """Every continuing target across the plan years, and the targets dropped."""

    page_title: str
    summary: str
    years: list[int]
    tracks: list[ShownTrack]  # those with a successor, or dropped
    dropped: list[ShownTrack]
    new: list[ShownTrack]
    dates: ShownDates


class ShownLicence(TypedDict):
    id: str  # SPDX
    url: str
    text: str


class EmbedContext(CommonContext):
    page_title: str
    summary: str
    spec: ChartSpec
    home_slug: str  # the page the chart belongs to
    as_of: str  # the latest period its figures cover, in words
    sources: list[ShownSource]
    licence: ShownLicence | None
    credit: str


class MethodologyRule(TypedDict):
    kind: str  # a TargetKind
    words: str  # the plan's words for it
    how: str  # how the site judges it
    chinese: bool  # the words are Chinese (on the English page too), for the lang attribute
    rule: str  # the rule with X and Y for its figures


class BandedTarget(TypedDict):
    """A target whose verdict uses a band, with the band the site reads."""

    name: str
    slug: str
    rule: str
    reading: str
    default: bool  # the band is the site's default, the target sets none


class MergedRow(TypedDict):
    name: str
    slug: str
    above: str  # the indicator whose target the blank cell shares


class Defaults(TypedDict):
    """The bands' defaults, formatted."""

    cap: str
    share: str
    relative: str
    in_step: str


class MethodologyContext(CommonContext):
    page_title: str
    summary: str
    rules: list[MethodologyRule]
    defaults: Defaults
    banded: list[BandedTarget]
    statuses: list[Status]
    periods: list[str]  # every period's name, in words
    merged: list[MergedRow]  # the annex's merged cells (no section when there are none)
    repeats: bool  # whether a commitment restates an annex target (no section when none does)
    sources: list[ShownSource]
    dates: ShownDates


class UtilityContext(CommonContext):
    """The search page and the 404 page."""

    page_title: str
    summary: str
    dates: ShownDates


class RedirectContext(CommonContext):  # a first-year page at its address before the site had several years

    page_title: str
    summary: str
    target_slug: str  # where the page is now
    dates: ShownDates


PageContext: TypeAlias = (
    EntryContext | HomeContext | AreaContext | IndicatorsContext | IndicatorContext | EmbedContext
    | MethodologyContext | UtilityContext | RedirectContext | TrackRecordContext
)
