"""What each output page was made from, so an edit rebuilds only the pages that used what changed.

Each output's inputs are recorded while it renders (lektor's habit):

- templates: every template the page loaded, directly or through extends/include/import, recorded by
  an environment that notes each `get_template` (a template edit rebuilds the pages that used it);
- Markdown: the page's own commentary file, in its language (recorded even when the file does not
  exist yet, so creating it rebuilds the page);
- strings: the UI strings of the page's language;
- data: sections of `data/targets.json` ("plan", "nav", "area:ID", "indicator:ID", "units", ...).
  An area page uses its area, the indicators it lists or charts and those they refer to; every other
  kind of page (home, indicator lists, embeds, the entry page) uses all of the data.

A data edit is compared section by section with the previous document, so a new outcome rebuilds the
pages showing that indicator and not the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment

from site_builder.pages.plan import PagePlan
from site_builder.sources.content import Page, source_of
from site_builder.sources.schema import TargetsFile

ALL_DATA = "data:*"
# Sections every page uses: the plan's titles (header, footer) and the area menu.
EVERY_PAGE = ("data:plan", "data:nav")


class RecordingEnvironment(Environment):
    """A Jinja environment that notes the templates each page loads, cached or not.

    Python loads a page's own template (no parent); Jinja loads the rest on its behalf, naming the
    template that asked (extends, include, import). So each parentless load starts the next page's
    record, in the order the pages are rendered.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.records: list[set[str]] = []

    def get_template(self, name, parent=None, globals=None):
        if isinstance(name, str):
            if parent is None or not self.records:
                self.records.append(set())
            self.records[-1].add(f"template:{name}")
        return super().get_template(name, parent, globals)


def data_sections(raw: dict) -> dict[str, str]:
    """The data document cut into sections, each as canonical JSON, to compare two versions."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    sections = {
        f"data:{key}": dump(value) for key, value in raw.items() if key not in {"areas", "indicators", "$schema"}
    }
    areas = raw.get("areas", []) if isinstance(raw.get("areas"), list) else []
    sections["data:nav"] = dump([[a.get("id"), a.get("number"), a.get("title")] for a in areas if isinstance(a, dict)])
    for area in areas:
        if isinstance(area, dict):
            sections[f"data:area:{area.get('id')}"] = dump(area)
    for indicator in raw.get("indicators", []) if isinstance(raw.get("indicators"), list) else []:
        if isinstance(indicator, dict):
            sections[f"data:indicator:{indicator.get('id')}"] = dump(indicator)
    return sections


def changed_sections(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def rule_inputs(page: PagePlan, data: TargetsFile | None, pages: dict[tuple[str, str], Page],
                content_dir: Path) -> set[str]:
    """The Markdown, strings and data a planned page uses, by its kind (not guessed from its path). With
    data=None (a site of several plan years), every page uses all the data: an edit of any year's plan
    rebuilds every page that shows data, which is always right and only slower."""
    inputs = set(EVERY_PAGE)
    if page.lang is None:  # the entry page: both languages' titles and strings, and the latest date of all
        return inputs | {"strings:zh", "strings:en", ALL_DATA}
    lang, slug = page.lang, page.slug
    inputs.add(f"strings:{lang}")
    if page.kind in ("home", "area"):  # the pages with commentary (recorded even before its file exists)
        inputs.add(f"markdown:{source_of(content_dir / lang, slug)}")
        if page.kind == "home" and page.prefix:  # a year's home page, or the site's: the year's commentary
            inputs.add(f"markdown:{source_of(content_dir / lang, page.prefix.rstrip('/'))}")
    if page.kind != "area" or data is None:
        return inputs | {ALL_DATA}
    area = next(a for a in data.areas if a.id == page.subject)
    commentary = pages.get((lang, slug))
    wanted = list(area.indicators) + [c.indicator for c in (commentary.charts if commentary else [])]
    indicators = {i.id: i for i in data.indicators}
    # A commitment's target that repeats an annex target shows that indicator's figures and status.
    owner = {target.id: i.id for i in data.indicators for target in i.targets}
    wanted += [owner[t.repeats] for c in area.commitments for t in c.targets if t.repeats in owner]
    for indicator_id in list(wanted):
        for target in indicators[indicator_id].targets if indicator_id in indicators else ():
            if target.reference:
                wanted.append(target.reference)
    inputs |= {f"data:area:{area.id}", "data:units", "data:sources", "data:categories"}
    inputs |= {f"data:indicator:{i}" for i in wanted}
    return inputs


def records_of(
    planned: list[PagePlan], rendered: list[str], templates: list[set[str]], data: TargetsFile | None,
    pages: dict[tuple[str, str], Page], content_dir: Path,
) -> dict[str, set[str]]:
    """What each rendered page was made from: the templates it loaded (`templates`, one record per page
    in the order rendered, from RecordingEnvironment), its Markdown, strings and data."""
    # If a template was loaded some other way, every page gets every template seen (more rebuilds,
    # never a stale page).
    if len(templates) != len(rendered):
        templates = [set().union(*templates)] * len(rendered)
    recorded: dict[str, set[str]] = {}
    for page, path, loaded in zip(planned, rendered, templates, strict=True):
        assert page.path == path, f"{path} was rendered where the plan has {page.path}"
        inputs = loaded | rule_inputs(page, data, pages, content_dir)
        # A page without a chart of its own shows the home page's status chart in its preview image,
        # and so depends on all the data.
        if page.preview is not None and page.preview.spec not in page.drawn:
            inputs.add(ALL_DATA)
        recorded[path] = inputs
    return recorded


def affected(recorded: dict[str, set[str]], changed: set[str]) -> set[str]:
    """Outputs that used anything in `changed` (a data change reaches pages that use all the data)."""
    data_changed = any(key.startswith("data:") for key in changed)
    return {
        path
        for path, inputs in recorded.items()
        if inputs & changed or (data_changed and ALL_DATA in inputs)
    }


def inputs_of_files(paths: Iterable[Path], root: Path, theme_dirs: list[Path]) -> tuple[set[str], bool]:
    """The inputs a set of changed files stand for; True when one of them needs a full rebuild."""
    inputs: set[str] = set()
    full = False
    for path in paths:
        path = path.resolve()
        if path.name == "site.toml" and path.parent == root:
            full = True
            continue
        inputs.add(f"markdown:{path}")
        for theme in theme_dirs:
            theme = theme.resolve()
            if theme not in path.parents:
                continue
            rel = path.relative_to(theme)
            if rel.parts[0] == "templates":
                name = "/".join(rel.parts[1:])
                inputs |= {f"template:{name}", f"template:default/{name}"}
            elif rel.parts[0] == "strings":
                inputs.add(f"strings:{path.stem}")
            elif rel.parts[0] == "static":
                inputs.add(f"static:{'/'.join(rel.parts[1:])}")
    return inputs, full
