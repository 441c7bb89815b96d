"""Stages 1 and 2: read every source and run every check, collecting every problem before stopping.

`read_sources()` hands the later stages one `Sources`: the settings, the validated data, the parsed
commentary and the interface strings, with the warnings found on the way. Any error raises
`ContentError`, listing every problem of the run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.caches import BuildCache, Findings, PageMemo, code_key, ids_key
from site_builder.checks.continuity import continuity_problems
from site_builder.checks.numbers import number_problems
from site_builder.checks.parity import data_text_problems, page_problems
from site_builder.errors import ContentError, Problem, SiteBuilderError, display_path
from site_builder.model.urls import area_slug, year_prefix
from site_builder.sources.config import SiteConfig, load_config
from site_builder.sources.content import Page, find_pages, new_markdown, read_page, slug_for, source_of
from site_builder.sources.data import Locator
from site_builder.sources.i18n import LANGUAGES, Strings, load_strings, other_language, strings_paths
from site_builder.sources.plans import load_plans, plan_file
from site_builder.sources.schema import TargetsFile


@dataclass(frozen=True)
class PlanYear:
    """One plan year of the site: its plan, where it was read from, and the folder its pages go in."""

    year: int
    data: TargetsFile
    data_file: Path
    prefix: str  # "" in a one-year site, else "2021/" (model/urls.py::year_prefix)

    @property
    def home_slug(self) -> str:
        """The slug of the year's home page: "" in a one-year site, else "2021"."""
        return self.prefix.rstrip("/")

    def owns(self, slug: str) -> bool:
        """Whether a page's slug is one of this year's pages."""
        return not self.prefix or slug == self.home_slug or slug.startswith(self.prefix)

    def relative(self, slug: str) -> str:
        """A page's slug within the year: "2021/areas/x" -> "areas/x", "2021" -> ""."""
        return "" if slug == self.home_slug else slug.removeprefix(self.prefix)

    def own_pages(self, pages: dict[tuple[str, str], Page]) -> dict[tuple[str, str], Page]:
        """This year's commentary, by slugs within the year ("areas/x", "" for its home), as one year alone has."""
        return {(lang, self.relative(slug)): replace(page, slug=self.relative(slug))
                for (lang, slug), page in pages.items() if self.owns(slug)}


@dataclass
class Sources:
    """Everything a build reads, validated: what the later stages need, and the warnings found on the way."""

    config: SiteConfig
    years: tuple[PlanYear, ...]  # every plan year, oldest first; a one-year site has one
    pages: dict[tuple[str, str], Page]  # every page's commentary, by language and the page's slug
    strings: dict[str, Strings]
    theme_dirs: list[Path]
    echarts: Path
    problems: list[Problem] = field(default_factory=list)  # warnings only; errors were raised

    @property
    def data(self) -> TargetsFile:
        """The latest year's plan: the one the site leads with."""
        return self.years[-1].data

    @property
    def several_years(self) -> bool:
        return len(self.years) > 1


def read_sources(root: Path, *, strict: bool = False, cache: BuildCache | None = None) -> Sources:
    """Reads and validates every source and runs the editors' checks; collects every problem first."""
    config, problems = load_config(root)
    plans, plan_problems = load_plans(config.root)
    problems.extend(plan_problems)
    years = tuple(PlanYear(year, data, plan_file(config.root, year), year_prefix(sorted(plans), year))
                  for year, data in sorted(plans.items()))
    theme_dirs = config.theme_dirs()
    strings, string_problems = load_strings({lang: strings_paths(theme_dirs, lang) for lang in LANGUAGES}, config.root)
    problems.extend(string_problems)
    pages, page_problems_found = read_pages(config, _indicator_ids(config, years), cache=cache)
    problems.extend(page_problems_found)
    if years and not plan_problems:
        problems.extend(continuity_problems(plans, config.root))
        problems.extend(commentary_coverage(config, years, pages))
        problems.extend(editorial_problems(config, years, pages, cache))
    warnings = stop_on_errors(problems, strict=strict)
    assert years
    echarts = config.echarts_file()
    if echarts is None or not (echarts.parents[2] / "@resvg" / "resvg-js").is_dir():
        raise SiteBuilderError(_packages_missing(config, echarts))
    return Sources(config, years, pages, strings, theme_dirs, echarts, list(warnings))


def _indicator_ids(config: SiteConfig, years: tuple[PlanYear, ...]) -> Callable[[str], set[str] | None]:
    """The indicator ids a page's chart blocks may name, by the page's slug: its own year's (None when that
    year's data did not load, so chart blocks cannot be checked)."""
    loaded = {y.prefix: {i.id for i in y.data.indicators} for y in years}
    if len(years) > 1:
        return lambda slug: loaded.get(slug.split("/")[0] + "/")
    ids = next(iter(loaded.values()), None)
    if ids is None:  # the data did not load: its ids as far as they can be read
        ids = raw_indicator_ids(config.data_file)
    return lambda slug: ids


def editorial_problems(config: SiteConfig, years: tuple[PlanYear, ...], pages: dict[tuple[str, str], Page],
                       cache: BuildCache | None = None) -> list[Problem]:
    """The checks a schema cannot make: translation parity and figures that disagree. The number check
    of a page is reused from the build cache (between builds) or from this process's memory (between the
    preview server's rebuilds) while the data, the code and the page's texts are unchanged."""
    texts = {page.shown: page.source.read_text(encoding="utf-8") for page in pages.values()}
    area_slugs = {y.prefix + area_slug(a.id) for y in years for a in y.data.areas}
    out = page_problems(config.content_dir, config.root, pages, area_slugs)
    for year in years:
        own = year.own_pages(pages)
        out.extend(data_text_problems(year.data_file, config.root))
        name = display_path(year.data_file, config.root)
        out.extend(number_problems(year.data, own, texts, cache.numbers, f"{cache.inputs.fixed} {year.year}", name)
                   if cache is not None else
                   number_problems(year.data, own, texts, _number_memo, f"{year.data_file} {_stamp(year.data_file)}",
                                   name))
    return out


def _packages_missing(config: SiteConfig, echarts: Path | None) -> str:
    """What to do when the npm packages that draw the charts are not there, in one sentence."""
    what = "ECharts is not installed" if echarts is None else \
        f"resvg (it draws the preview images) is not installed beside ECharts in {echarts.parents[2]}"
    lock = "" if (config.root / "package.json").is_file() else \
        ", after adding the package.json and package-lock.json that `site-builder init` writes for a new site"
    return f"{what}: run `npm ci` in {config.root}{lock} (it installs the versions pinned in package-lock.json)"


def stop_on_errors(problems: list[Problem], *, strict: bool) -> tuple[Problem, ...]:
    """Raises ContentError (with the other problems too) if any problem fails the run (an error; a warning
    with strict=True; a note never); returns the warnings and notes."""
    if any(p.fails(strict) for p in problems):
        raise ContentError([replace(p, level="error") if p.fails(strict) else p for p in problems])
    return tuple(sorted(set(problems)))


def raw_indicator_ids(path: Path) -> set[str] | None:
    """Indicator ids from a data file that failed validation, so chart blocks are still checked."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {i["id"] for i in raw["indicators"] if isinstance(i, dict) and isinstance(i.get("id"), str)}
    except (OSError, ValueError, KeyError, TypeError):
        return None


# Pages parsed, and their number checks, in this process (the preview server's rebuilds).
_memo: PageMemo | None = None
_number_memo = Findings()


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)


def read_pages(
    config: SiteConfig, ids_of: Callable[[str], set[str] | None], *, cache: BuildCache | None = None
) -> tuple[dict[tuple[str, str], Page], list[Problem]]:
    """Every Markdown page, parsed; reused from the build cache (between builds) or from this process's
    memory (between the preview server's rebuilds) while the file and the indicator ids are unchanged."""
    global _memo
    memo = _memo = _memo or PageMemo()
    code = cache.inputs.code if cache is not None else code_key()
    problems: list[Problem] = []
    pages: dict[tuple[str, str], Page] = {}
    markdowns = {lang: new_markdown(lang) for lang in LANGUAGES}
    keys: dict[int, str] = {}  # each set of ids' key, made once: a year's pages share one set
    for lang, path in find_pages(config.content_dir, LANGUAGES):
        name = path.relative_to(config.root).as_posix()
        indicator_ids = ids_of(slug_for(path, config.content_dir / lang))  # its plan year's
        if id(indicator_ids) not in keys:
            keys[id(indicator_ids)] = ids_key(indicator_ids)
        ids = keys[id(indicator_ids)]
        parsed: tuple[Page | None, list[Problem]] | None = cache.parsed(name, ids) if cache is not None else None
        if parsed is None:
            key = (lang, config.root, _stamp(path), ids, code)
            parsed = memo.get(path, key)
            if parsed is None:
                parsed = read_page(path, lang, config.content_dir, config.root, markdowns[lang], indicator_ids or set())
                memo.put(path, key, parsed)
            if cache is not None:
                cache.remember_parsed(name, ids, parsed)
        page, found = parsed
        if indicator_ids is None:  # the data's ids are unknown: chart blocks cannot be checked
            found = [p for p in found if p.kind != "chart"]
        problems.extend(found)
        if page is not None:
            pages[(lang, page.slug)] = page
    return pages, problems


def commentary_coverage(config: SiteConfig, years: tuple[PlanYear, ...],
                        pages: dict[tuple[str, str], Page]) -> list[Problem]:
    """Every area has commentary in every language, and every commentary file belongs to something."""
    problems: list[Problem] = []
    known: set[str] = set()
    for year in years:
        known |= {year.home_slug} | {year.prefix + area_slug(a.id) for a in year.data.areas}
        for area in year.data.areas:
            slug = year.prefix + area_slug(area.id)
            for lang in LANGUAGES:
                if (lang, slug) in pages:
                    continue
                expected = source_of(config.content_dir / lang, slug)
                # Point at the translation that exists (the page to translate), else at the area's data.
                translated = pages.get((other_language(lang), slug))
                where = (translated.shown, 1, 1) if translated else (
                    display_path(year.data_file, config.root), *_area_position(year.data_file, area.id)
                )
                problems.append(Problem(
                    *where, f"area '{area.id}' has no {lang} commentary: create {display_path(expected, config.root)}",
                    kind="parity",
                ))
    several = len(years) > 1
    for (lang, slug), page in pages.items():
        if slug in known:
            continue
        if several and not any(year.owns(slug) for year in years):
            folders = ", ".join(f"content/{lang}/{year.year}/" for year in years)
            message = (f"the site has several plan years, so each page's commentary is in its year's folder "
                       f"({folders}): move this file into one of them")
        else:
            owner = next((y for y in years if y.owns(slug)), years[0])
            message = (f"no area '{slug.split('/')[-1]}' in {display_path(owner.data_file, config.root)} for this "
                       "file; rename or remove it")
        problems.append(Problem(page.shown, 1, 1, message))
    return problems


def _area_position(data_file: Path, area_id: str) -> tuple[int, int]:
    text = data_file.read_text(encoding="utf-8")
    areas = json.loads(text).get("areas", [])
    index = next((i for i, a in enumerate(areas) if a.get("id") == area_id), 0)
    return Locator(text).find(("areas", index, "id"))
