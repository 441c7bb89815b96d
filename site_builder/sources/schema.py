"""The data model of `data/targets.json`: pydantic v2, strict, no unknown keys.

Strict mode matters here: a figure typed as "7" (a string) must be an error, not silently a number,
because every number on the site is a public claim.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, overload

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag, model_validator

# Ids end up in URLs and file names: lowercase ASCII words joined by hyphens, nothing that could
# climb out of the output folder.
# The pattern is ASCII-only on purpose: full-width letters (ｇｄｐ), direction marks and other look-alikes
# would give two ids that read the same and URLs that do not.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
SourceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$", max_length=40)]
NonEmpty = Annotated[str, Field(min_length=1)]
Number = int | float


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Text(Strict):
    """The same text in both languages; the English is an unofficial translation."""

    zh: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Drafted(Strict):
    """Where a drafted item stands in the plan's text (1-based line and column of its first character)."""

    line: Annotated[int, Field(ge=1)]
    col: Annotated[int, Field(ge=1)]


DraftedField = Annotated[
    Drafted | None,
    Field(
        description=(
            "Drafted by `site-builder import-plan` from the plan's text, at this line and column of it, and not "
            "yet confirmed: `check` lists it as a todo. Confirm the item against the plan, then delete this key."
        )
    ),
]

CarriedField = Annotated[
    int | None,
    Field(
        ge=1949, le=2200,
        description=(
            "Copied from this year's plan by `site-builder new year` and not yet confirmed against the new "
            "plan: `check` lists it as a todo. Confirm its words and figures (and its targets'), then delete this key."
        ),
    ),
]

# A predecessor in an earlier year's plan: "2021/gdp-growth", the year and then the id in that year's plan.
CONTINUES_PATTERN = r"^\d{4}/[a-z0-9]+(?:-[a-z0-9]+)*$"
ContinuesField = Annotated[
    str | None,
    Field(
        pattern=CONTINUES_PATTERN,
        max_length=85,
        description=(
            "What this continues in an earlier year's plan, as \"YEAR/ID\" (\"2021/gdp-growth\"): an indicator's "
            "id for an indicator, a target's id for a target. Without it, the item of the same id in the previous "
            "year's plan is its predecessor. The track record compares the two years' targets (raised, kept, "
            "lowered or changed); `check` reports a year or id that does not exist."
        ),
    ),
]


TargetKind = Literal[
    "at_least",  # 以上: the outcome must reach the value or exceed it
    "at_most",  # 以内: the outcome must not exceed the value
    "about",  # 左右: the outcome should be near the value
    "reach",  # a bare figure ("10%"): reach it, in the indicator's better direction
    "in_step_with",  # 与经济增长基本同步: in step with another indicator
    "qualitative",  # a goal in words with no figure
    "set_by_province",  # 根据省下达任务设定目标: the figure is set by the province
]
NUMERIC_KINDS = frozenset({"at_least", "at_most", "about", "reach"})

Period = Literal["year", "h1", "q1_q3", "jan_nov"]


class Unit(Strict):
    id: Id
    zh: NonEmpty
    en: NonEmpty
    # "percent" and "rate" values are printed as they are, with their unit; "quantity" values get
    # 万/亿 in Chinese and million/billion in English.
    kind: Literal["percent", "quantity", "rate"]


class Source(Strict):
    id: SourceId
    title: Text
    publisher: Text
    date: dt.date | None = None
    url: Annotated[str, Field(pattern=r"^https?://[^\s\"'<>]+$")]
    official: bool
    # True when the page is a copy on a third party's site, not the publisher's own.
    reproduction: bool = False
    note: Text | None = None


# How an outcome's measure relates to the target's. Only "same" can give met or missed; the others are
# shown with their figure as indicative, with the reason in words (model/status.py).
Comparability = Literal[
    "same",  # the source reports the plan's own measure
    "close",  # a related but not identical measure (第一产业 for 农林牧渔业; another station network)
    "different",  # another measure altogether, shown only for context
]
# In what a close or different measure differs, so that the site can say why it does not judge it.
Difference = Literal["aggregate", "station_network", "coverage", "definition"]
# A growth rate's price basis: real (at comparable prices), nominal (at current prices), or not stated
# by the source. Two growth rates are compared only on the same, known basis.
PriceBasis = Literal["real", "nominal", "unknown"]


class Basis(Strict):
    """What a figure is measured on: the price basis of a growth rate, and the rest in words (a station
    network, a coverage)."""

    prices: PriceBasis | None = None
    text: Text | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Basis:
        if self.prices is None and self.text is None:
            raise ValueError("a 'basis' needs 'prices' (real, nominal or unknown) or 'text', or both")
        return self


def _basis_form(value: Any) -> str:
    # A bare {"zh", "en"} pair is the basis in words only (the form older data files use); anything else
    # is a Basis. Choosing the form first keeps pydantic from reporting errors for both forms at once.
    if isinstance(value, dict) and value and set(value) <= {"zh", "en"}:
        return "Text"
    return "Basis"


BasisField = Annotated[
    Annotated[Basis, Tag("Basis")] | Annotated[Text, Tag("Text")], Discriminator(_basis_form)
]


class Outcome(Strict):
    period: Period
    year: int
    value: Number
    source: SourceId
    comparability: Comparability = "same"
    differs_in: Difference | None = None
    basis: BasisField | None = None
    note: Text | None = None
    # The day this outcome was entered into this dataset (not the source's date): it dates the
    # "last updated" lines and the Atom feed's entries, so the site never prints its build clock.
    added: dt.date

    @model_validator(mode="after")
    def _difference_fits(self) -> Outcome:
        if self.differs_in is not None and self.comparability == "same":
            raise ValueError("'differs_in' says how a close or different measure differs; this one is 'same'")
        return self

    @property
    def prices(self) -> PriceBasis | None:
        """The growth rate's price basis, when the data records one."""
        return self.basis.prices if isinstance(self.basis, Basis) else None

    @property
    def basis_text(self) -> Text | None:
        """The basis in words (a station network, a coverage), if any."""
        return self.basis.text if isinstance(self.basis, Basis) else self.basis


class Target(Strict):
    id: Id
    label: Text | None = None
    kind: TargetKind
    value: Number | None = None
    unit: Id | None = None
    tolerance: Number | None = None
    reference: Id | None = None
    # Overrides the indicator's direction for this target (air quality: PM2.5 lower, good days higher).
    direction: Literal["higher", "lower"] | None = None
    # The exact words of the plan for this target, when the target is part of a longer sentence.
    wording: Text | None = None
    note: Text | None = None
    outcomes: tuple[Outcome, ...] = ()
    # A commitment's target that restates a target of the annex (one measure): the id of that annex
    # target. The page then shows the annex target's outcomes and status, so one measure has one status.
    repeats: Id | None = None
    # Its predecessor: a target id of an earlier year's plan (an annex or a commitment target).
    continues: ContinuesField = None
    drafted: DraftedField = None

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> Target:
        if self.kind in NUMERIC_KINDS:
            if self.value is None:
                raise ValueError(f"a target of kind '{self.kind}' needs a 'value'")
            if self.unit is None:
                raise ValueError(f"a target of kind '{self.kind}' needs a 'unit'")
        elif self.value is not None:
            raise ValueError(f"a target of kind '{self.kind}' has no 'value'; remove it")
        if self.kind == "in_step_with" and self.reference is None:
            raise ValueError("a target of kind 'in_step_with' needs a 'reference' (an indicator id)")
        if self.kind != "in_step_with" and self.reference is not None:
            raise ValueError("only a target of kind 'in_step_with' takes a 'reference'")
        return self


class Commitment(Strict):
    id: Id
    number: Annotated[int, Field(ge=1)]
    title: Text
    text: Text
    targets: tuple[Target, ...] = ()
    drafted: DraftedField = None
    carried: CarriedField = None


class Area(Strict):
    id: Id
    number: Annotated[int, Field(ge=1)]
    title: Text
    commitments: tuple[Commitment, ...]
    indicators: tuple[Id, ...] = ()
    drafted: DraftedField = None
    carried: CarriedField = None


class Group(Strict):
    id: Id
    name: Text


class Category(Strict):
    id: Id
    name: Text
    groups: tuple[Group, ...] = ()
    drafted: DraftedField = None
    carried: CarriedField = None


class Indicator(Strict):
    id: Id
    name: Text
    category: Id
    group: Id | None = None
    unit: Id
    direction: Literal["higher", "lower"]
    # The annex's target cell, word for word (zh), and its translation.
    target_text: Text
    targets: Annotated[tuple[Target, ...], Field(min_length=1)]
    definition: Text | None = None
    # How the target was read, for cells the annex leaves blank (merged cells) and similar readings.
    note: Text | None = None
    # The annex's target cell for this row is blank: a merged cell, so the target of the row above
    # (this indicator) applies. `target_text` then holds that row's words, and pages say the cell is blank.
    merged_with: Id | None = None
    # Its predecessor: an indicator id of an earlier year's plan (a renamed or redefined indicator).
    continues: ContinuesField = None
    drafted: DraftedField = None
    carried: CarriedField = None


class Licence(Strict):
    """The licence of the data this site compiles (not of the sources, which keep their own rights)."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9.+-]+$")]  # an SPDX identifier, e.g. CC-BY-4.0
    url: Annotated[str, Field(pattern=r"^https?://[^\s\"'<>]+$")]
    text: Text


class Plan(Strict):
    title: Text
    short_title: Text
    issuer: Text
    document_number: NonEmpty
    year: int
    # null until the editor gives them: a new site (`site-builder init`) does not know them, and a date
    # made up to fill the field would be published as the plan's. `check` lists a null one as a todo.
    adopted: dt.date | None
    approved_by: Text
    published: dt.date | None
    source: SourceId
    source_url: Annotated[str, Field(pattern=r"^https?://[^\s\"'<>]+$")]
    licence: Licence | None = None
    drafted: DraftedField = None


class Dropped(Strict):
    """A target (or indicator) of an earlier year's plan that this plan, as an editor confirmed, no longer sets."""

    id: Annotated[str, Field(pattern=CONTINUES_PATTERN, max_length=85,
                             description="The dropped item, as \"YEAR/ID\" (\"2021/gdp-growth\"): a target's id, "
                                         "or an indicator's for all its targets.")]
    note: Text | None = None  # why, when the plan or a report says


class TargetsFile(Strict):
    schema_: str | None = Field(default=None, alias="$schema")
    plan: Plan
    units: tuple[Unit, ...]
    sources: tuple[Source, ...]
    areas: Annotated[tuple[Area, ...], Field(min_length=1)]
    categories: tuple[Category, ...]
    indicators: tuple[Indicator, ...]
    # Last year's targets this year's plan no longer sets, each confirmed by an editor: `check` stops
    # listing them as undecided, and the track record says the drop was confirmed.
    dropped: tuple[Dropped, ...] = ()

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)

    # Look-ups by id, made on first use: pages ask for them thousands of times on a large plan, and a
    # scan of every indicator each time made the build grow with the square of the plan's size.
    _index: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)

    # Typed per list, so a look-up's result is the model it holds.
    @overload
    def by_id(self, kind: Literal["indicators"]) -> dict[str, Indicator]: ...
    @overload
    def by_id(self, kind: Literal["units"]) -> dict[str, Unit]: ...
    @overload
    def by_id(self, kind: Literal["areas"]) -> dict[str, Area]: ...
    @overload
    def by_id(self, kind: Literal["sources", "categories"]) -> dict[str, Any]: ...

    def by_id(self, kind: str) -> dict[str, Any]:
        """The items of one of the file's lists ("indicators", "units", ...) by id."""
        if kind not in self._index:
            self._index[kind] = {item.id: item for item in getattr(self, kind)}
        return self._index[kind]

    def indicator(self, ident: str | None) -> Indicator | None:
        return self.by_id("indicators").get(ident) if ident else None

    def unit(self, ident: str | None) -> Unit | None:
        return self.by_id("units").get(ident) if ident else None

    def annex_target(self, ident: str | None) -> tuple[Indicator, Target] | None:
        """The annex indicator target with this id, and its indicator (what a commitment target repeats)."""
        if "annex_targets" not in self._index:
            self._index["annex_targets"] = {t.id: (i, t) for i in self.indicators for t in i.targets}
        found: tuple[Indicator, Target] | None = self._index["annex_targets"].get(ident) if ident else None
        return found

    def with_lists(self, **update: Any) -> TargetsFile:
        """A copy with some lists replaced (the data as of a day, for the feed), with look-ups of its own:
        `model_copy` would share this file's look-ups, which would then find the replaced items' old versions."""
        copy = self.model_copy(update=update)
        copy._index = {}
        return copy


def json_schema() -> dict[str, Any]:
    """The JSON Schema an editor's text editor uses to check data/targets.json as they type."""
    schema = TargetsFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "site_builder data/targets.json"
    return schema


