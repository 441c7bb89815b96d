"""Stages 1 and 2: read every source and run every check, collecting every problem before stopping.

`read_sources()` hands the later stages one `Sources`: the settings, the validated data, the parsed
commentary and the interface strings, with the warnings found on the way. Any error raises
`ContentError`, listing every problem of the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.caches import BuildCache, Findings, PageMemo, code_key, ids_key
from site_builder.checks.numbers import number_problems
from site_builder.checks.parity import data_text_problems, page_problems
from site_builder.errors import ContentError, Problem, SiteBuilderError, display_path
from site_builder.model.urls import HOME_SLUG, area_slug
from site_builder.sources.config import SiteConfig, load_config
from site_builder.sources.content import Page, find_pages, new_markdown, read_page
from site_builder.sources.data import Locator, load_data
from site_builder.sources.i18n import LANGUAGES, Strings, load_strings, other_language, strings_paths
from site_builder.sources.schema import TargetsFile


@dataclass
class Sources:
    """Everything a build reads, validated: what the later stages need, and the warnings found on the way."""

    config: SiteConfig
    data: TargetsFile
    pages: dict[tuple[str, str], Page]
    strings: dict[str, Strings]
    theme_dirs: list[Path]
    echarts: Path
    problems: list[Problem] = field(default_factory=list)  # warnings only; errors were raised


def read_sources(root: Path, *, strict: bool = False, cache: BuildCache | None = None) -> Sources:
    """Reads and validates every source and runs the editors' checks; collects every problem first."""
    config, problems = load_config(root)
    data: TargetsFile | None = None
    try:
        data = load_data(config.data_file, config.root)
    except ContentError as exc:
        problems.extend(exc.problems)
    theme_dirs = config.theme_dirs()
    strings, string_problems = load_strings({lang: strings_paths(theme_dirs, lang) for lang in LANGUAGES}, config.root)
    problems.extend(string_problems)
    indicator_ids = {i.id for i in data.indicators} if data else raw_indicator_ids(config.data_file)
    pages, page_problems = read_pages(config, indicator_ids, cache=cache)
    problems.extend(page_problems)
    if data is not None:
        problems.extend(commentary_coverage(config, data, pages))
        problems.extend(editorial_problems(config, data, pages, cache))
    warnings = stop_on_errors(problems, strict=strict)
    assert data is not None
    echarts = config.echarts_file()
    if echarts is None or not (echarts.parents[2] / "@resvg" / "resvg-js").is_dir():
        raise SiteBuilderError(_packages_missing(config, echarts))
    return Sources(config, data, pages, strings, theme_dirs, echarts, list(warnings))


def editorial_problems(config: SiteConfig, data: TargetsFile, pages: dict[tuple[str, str], Page],
                       cache: BuildCache | None = None) -> list[Problem]:
    """The checks a schema cannot make: translation parity and figures that disagree. The number check
    of a page is reused from the build cache (between builds) or from this process's memory (between the
    preview server's rebuilds) while the data, the code and the page's texts are unchanged."""
    texts = {page.shown: page.source.read_text(encoding="utf-8") for page in pages.values()}
    area_slugs = {area_slug(a.id) for a in data.areas}
    return [
        *data_text_problems(config.data_file, config.root),
        *page_problems(config.content_dir, config.root, pages, area_slugs),
        *(number_problems(data, pages, texts, cache.numbers, cache.inputs.fixed) if cache is not None else
          number_problems(data, pages, texts, _number_memo, f"{config.data_file} {_stamp(config.data_file)}")),
    ]


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
    config: SiteConfig, indicator_ids: set[str] | None, *, cache: BuildCache | None = None
) -> tuple[dict[tuple[str, str], Page], list[Problem]]:
    """Every Markdown page, parsed; reused from the build cache (between builds) or from this process's
    memory (between the preview server's rebuilds) while the file and the indicator ids are unchanged."""
    global _memo
    memo = _memo = _memo or PageMemo()
    code = cache.inputs.code if cache is not None else code_key()
    problems: list[Problem] = []
    pages: dict[tuple[str, str], Page] = {}
    markdowns = {lang: new_markdown(lang) for lang in LANGUAGES}
    ids = ids_key(indicator_ids)
    for lang, path in find_pages(config.content_dir, LANGUAGES):
        name = path.relative_to(config.root).as_posix()
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


def commentary_coverage(config: SiteConfig, data: TargetsFile, pages: dict[tuple[str, str], Page]) -> list[Problem]:
    """Every area has commentary in every language, and every commentary file belongs to something."""
    problems: list[Problem] = []
    known = {HOME_SLUG} | {area_slug(a.id) for a in data.areas}
    for area in data.areas:
        for lang in LANGUAGES:
            if (lang, area_slug(area.id)) not in pages:
                expected = config.content_dir / lang / f"{area_slug(area.id)}.md"
                # Point at the translation that exists (the page to translate), else at the area's data.
                translated = pages.get((other_language(lang), area_slug(area.id)))
                where = (translated.shown, 1, 1) if translated else (
                    display_path(config.data_file, config.root), *_area_position(config, area.id)
                )
                problems.append(
                    Problem(
                        *where,
                        f"area '{area.id}' has no {lang} commentary: create {display_path(expected, config.root)}",
                        kind="parity",
                    )
                )
    for (_, slug), page in pages.items():
        if slug not in known:
            problems.append(
                Problem(
                    page.shown, 1, 1,
                    f"no area '{slug.split('/')[-1]}' in data/targets.json for this file; rename or remove it",
                )
            )
    return problems


def _area_position(config: SiteConfig, area_id: str) -> tuple[int, int]:
    text = config.data_file.read_text(encoding="utf-8")
    areas = json.loads(text).get("areas", [])
    index = next((i for i, a in enumerate(areas) if a.get("id") == area_id), 0)
    return Locator(text).find(("areas", index, "id"))
