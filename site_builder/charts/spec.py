"""What a chart is, to the rest of the site: its ECharts options as JSON text, and words for everyone.

A `ChartSpec` carries a chart's title, description, data-table rows and downloads beside its options,
so a reader without JavaScript or without sight gets everything the drawing shows.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from pyecharts import options as opts
from pyecharts.charts import Bar
from pyecharts.globals import CurrentConfig

from site_builder.model.status import Status
from site_builder.sources.i18n import Strings
from site_builder.sources.schema import Outcome, Unit

# pyecharts points at an outside asset host by default; nothing here renders pages, but make sure
# that no path through it can ever reference another host.
CurrentConfig.ONLINE_HOST = "assets/vendor/"

PERIOD_ORDER = ("h1", "q1_q3", "jan_nov", "year")
OUTCOME_COLOUR = "#0072B2"
REFERENCE_COLOUR = "#8a8a8a"
TARGET_COLOUR = "#B34700"
BAND_COLOUR = "rgba(230, 159, 0, 0.18)"
STATUS_COLOURS: dict[str, str] = {
    "met": "#0072B2",
    "on_track": "#009E73",
    "at_risk": "#E69F00",
    "missed": "#D55E00",
    "indicative": "#CC79A7",
    "not_assessable": "#7F7F7F",
    "not_reported": "#BDBDBD",
}
WIDTH = 640
HEIGHT = 320
# The widths, in CSS pixels, each chart is laid out and drawn at: a phone's column (a 320 px screen
# leaves about 270 px), a 360-414 px phone, a tablet or a two-column pair, and a desktop column. The page
# carries every layout and its stylesheet shows the widest that fits the chart's box (a container
# query), so a drawing is only ever scaled up, never down: text is never smaller than it was drawn.
LAYOUT_WIDTHS = (260, 380, 540, 740)


@dataclass(frozen=True)
class TableRow:
    label: str
    value: str
    source_id: str = ""
    note: str = ""


class ChartOptions:
    """A chart's ECharts options, kept as JSON text: a large plan has thousands of charts, and their
    parsed dicts were the largest thing a build held in memory. The text is what pages embed and what
    Node reads: keys sorted, and `<`, `>`, `&` and `'` escaped as Jinja's `tojson` does, so it is safe
    inside a <script> element (and still JSON)."""

    __slots__ = ("text",)

    def __init__(self, options: dict | list) -> None:
        self.text = str(htmlsafe_json_dumps(options, sort_keys=True))

    def parsed(self) -> dict:
        return json.loads(self.text)

    def __getitem__(self, key: str) -> Any:
        return self.parsed()[key]

    def __html__(self) -> str:  # `{{ spec.options }}` in a template writes the text as it is
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChartOptions) and self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)


@dataclass(frozen=True)
class Layout:
    """A chart as laid out for one width: its size, and the options that differ from the chart's own
    there (merged over them as ECharts' `setOption` merges, by Node at build time and by the page when
    the chart becomes interactive)."""

    width: int
    height: int
    patch: ChartOptions | None = None  # None: the chart's own options, unchanged


@dataclass
class ChartSpec:
    """Everything a template needs to show one chart: options for ECharts, words for everyone else."""

    dom_id: str
    title: str
    subtitle: str
    description: str
    options: ChartOptions | None  # None when there is nothing to draw (a target with no figure)
    table_head: tuple[str, str, str]
    rows: tuple[TableRow, ...] = ()
    status: Status | None = None
    width: int = WIDTH
    height: int = HEIGHT
    home: str = ""  # slug of the page the chart belongs to (embeds link back to it)
    records: tuple[dict, ...] = ()  # the chart's data, raw numbers, for CSV and JSON downloads
    sources: tuple[str, ...] = ()  # ids of the sources its figures come from
    as_of: str = ""  # the latest period its figures cover, in words ("2021年全年"); "" when none
    # The chart laid out for each width it is drawn at, narrowest first (charts/layouts.py); none: one
    # drawing at width x height.
    layouts: tuple[Layout, ...] = ()
    # The folder of the pages it belongs to, before their slugs: a plan year's ("2021/") in a site of several
    # years, "track-record/" for a chart across the years, "" in a one-year site. Its embed page is there.
    folder: str = ""

    @property
    def drawn_layouts(self) -> tuple[Layout, ...]:
        return self.layouts or (Layout(self.width, self.height),)

    @property
    def layouts_json(self) -> ChartOptions:
        """Each layout's width, height and patch, for the page's script (charts.js) to lay the live chart
        out as the drawing it replaces was."""
        return ChartOptions([{"width": layout.width, "height": layout.height,
                              "patch": layout.patch.parsed() if layout.patch else {}}
                             for layout in self.drawn_layouts])

    @property
    def chart_id(self) -> str:
        """The chart's public id, as in its embed URL: chart-gdp-growth -> gdp-growth."""
        return self.dom_id.removeprefix("chart-")


@dataclass(frozen=True)
class ChartDrawing:
    """A chart's SVG in each of its layouts, narrowest first: what a page shows of it."""

    layouts: tuple[tuple[Layout, str], ...]

    @property
    def widest(self) -> str:
        return self.layouts[-1][1] if self.layouts else ""

    def nearest(self, width: int) -> str:
        """The SVG of the layout closest to `width` (a preview image's slot)."""
        if not self.layouts:
            return ""
        return min(self.layouts, key=lambda pair: (abs(pair[0].width - width), -pair[0].width))[1]


def dumped_options(chart: Bar) -> dict:
    options = json.loads(chart.dump_options_with_quotes())
    if isinstance(options.get("tooltip"), dict):
        options["tooltip"]["className"] = "chart-tooltip"  # a name the stylesheet and tests can find
    return options


def init_options(dom_id: str, description: str) -> opts.InitOpts:
    return opts.InitOpts(
        chart_id=dom_id,
        renderer="svg",
        animation_opts=opts.AnimationOpts(animation=False),
        aria_opts=opts.AriaOpts(is_enable=True, aria_label_opts=opts.AriaLabelOpts(description=description)),
    )


def _nice_max(value: float) -> float:
    # Series are rounded to 6 decimals, so a smaller top would only ask ECharts for an axis it refuses.
    if value < 1e-6:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def axis_scale(unit_kind: str, unit_name: str, values: list[float], lang: str) -> tuple[float, str]:
    """Big quantities are charted in 万/亿 (zh) or thousands/millions/billions (en)."""
    if unit_kind != "quantity" or not values:
        return 1.0, unit_name
    biggest = max(abs(v) for v in values)
    steps = ((1e8, "亿"), (1e4, "万")) if lang == "zh" else ((1e9, "billion "), (1e6, "million "), (1e3, "thousand "))
    for scale, word in steps:
        if biggest >= scale:
            return scale, f"{word}{unit_name}"
    return 1.0, unit_name


def latest_period(outcomes: list[Outcome], t: Strings) -> str:
    """The period of the most recent figure, in words: what an "as of" line should say."""
    if not outcomes:
        return ""
    latest = max(outcomes, key=lambda o: (o.year, PERIOD_ORDER.index(o.period)))
    return t(f"period.{latest.period}", year=latest.year)


def unit_name_of(unit: Unit, lang: str) -> str:
    return unit.zh if lang == "zh" else unit.en


def by_period(outcomes: tuple[Outcome, ...]) -> list[Outcome]:
    return sorted(outcomes, key=lambda o: (o.year, PERIOD_ORDER.index(o.period)))
