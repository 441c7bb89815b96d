"""Turns the validated data and commentary into pages: plain data for templates, HTML out.

Templates never see pydantic models or Markdown objects, only dicts, strings and ChartSpecs, so a
theme author can read every context in one place: the `*_context` functions below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from .charts import ChartSpec, charts_for_indicator, target_rule
from .content import PLACEHOLDER_HTML, Page
from .i18n import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, Strings, format_date, format_quantity, other_language
from .schema import Area, Indicator, Target, TargetsFile
from .urls import HOME_SLUG, INDICATORS_SLUG, area_slug, output_path, relative_url


@dataclass(frozen=True)
class Rendered:
    path: str  # output path, relative to the build folder
    html: str


class SiteView:
    """Read-only helpers over the data in one language, shared by every page of that language."""

    def __init__(self, data: TargetsFile, strings: Strings, lang: str) -> None:
        self.data = data
        self.t = strings
        self.lang = lang
        self.units = {u.id: u for u in data.units}
        self.indicators = {i.id: i for i in data.indicators}
        self._charts: dict[str, list[ChartSpec]] = {}

    def charts(self, indicator_id: str) -> list[ChartSpec]:
        if indicator_id not in self._charts:
            self._charts[indicator_id] = charts_for_indicator(self.indicators[indicator_id], self.data, self.t, self.lang)
        return self._charts[indicator_id]

    def source(self, source_id: str) -> dict:
        source = next(s for s in self.data.sources if s.id == source_id)
        return {
            "id": source.id,
            "title": source.title.get(self.lang),
            "publisher": source.publisher.get(self.lang),
            "date": format_date(source.date, self.lang),
            "url": source.url,
            "official": source.official,
            "reproduction": source.reproduction,
            "note": source.note.get(self.lang) if source.note else "",
        }

    def target(self, target: Target) -> dict:
        return {
            "id": target.id,
            "label": target.label.get(self.lang) if target.label else "",
            "rule": target_rule(target, self.data, self.t, self.lang),
            "kind": target.kind,
            "wording": target.wording.get(self.lang) if target.wording else "",
            "note": target.note.get(self.lang) if target.note else "",
            "outcomes": [
                {
                    "period": self.t(f"period.{o.period}", year=o.year),
                    "value": format_quantity(o.value, self.units[target.unit] if target.unit else self._unit_of(target), self.lang),
                    "source": self.source(o.source),
                    "close": o.comparability == "close",
                    "basis": o.basis.get(self.lang) if o.basis else "",
                    "note": o.note.get(self.lang) if o.note else "",
                }
                for o in target.outcomes
            ],
        }

    def _unit_of(self, target: Target):
        owner = next(i for i in self.data.indicators if target in i.targets)
        return self.units[owner.unit]

    def indicator(self, indicator: Indicator) -> dict:
        category = next(c for c in self.data.categories if c.id == indicator.category)
        group = next((g for g in category.groups if g.id == indicator.group), None)
        targets = [self.target(t) for t in indicator.targets]
        return {
            "id": indicator.id,
            "name": indicator.name.get(self.lang),
            "category": category.name.get(self.lang),
            "group": group.name.get(self.lang) if group else "",
            "direction": indicator.direction,
            "target_text": indicator.target_text.get(self.lang),
            "targets": targets,
            "reported": any(t["outcomes"] for t in targets),
            "definition": indicator.definition.get(self.lang) if indicator.definition else "",
            "note": indicator.note.get(self.lang) if indicator.note else "",
        }


def render_site(
    data: TargetsFile,
    pages: dict[tuple[str, str], Page],
    strings: dict[str, Strings],
    env: Environment,
    wanted: Callable[[str], bool] = lambda path: True,
) -> list[Rendered]:
    """Every page of the site (or those `wanted` accepts, by output path), in a fixed order, as HTML
    strings (nothing is written here). `wanted` is asked just before a page's context is built."""
    out: list[Rendered] = []
    if wanted(output_path(None, HOME_SLUG)):
        out.append(_render(env, "entry.html", None, HOME_SLUG, _entry_context(data, strings)))
    for lang in LANGUAGES:
        view = SiteView(data, strings[lang], lang)
        if wanted(output_path(lang, HOME_SLUG)):
            out.append(_render(env, "home.html", lang, HOME_SLUG, _home_context(view, env, pages.get((lang, HOME_SLUG)))))
        for area in data.areas:
            page = pages.get((lang, area_slug(area.id)))
            if wanted(output_path(lang, area_slug(area.id))):
                out.append(_render(env, "area.html", lang, area_slug(area.id), _area_context(view, env, area, page)))
        if wanted(output_path(lang, INDICATORS_SLUG)):
            out.append(_render(env, "indicators.html", lang, INDICATORS_SLUG, _indicators_context(view)))
    return out


def _render(env: Environment, template: str, lang: str | None, slug: str, context: dict) -> Rendered:
    path = output_path(lang, slug)

    def url(target_slug: str, target_lang: str | None = lang) -> str:
        return relative_url(path, output_path(target_lang, target_slug))

    def asset(name: str) -> str:
        return relative_url(path, f"assets/{name}")

    page_lang = lang or DEFAULT_LANGUAGE
    base = {
        "lang": page_lang,
        "html_lang": HTML_LANG[page_lang],
        "other_lang": other_language(page_lang),
        "slug": slug,
        "url": url,
        "asset": asset,
        "alternates": [{"lang": HTML_LANG[code], "href": url(slug, code)} for code in LANGUAGES] if lang else [],
        "switch_url": url(slug, other_language(page_lang)) if lang else "",
    }
    html = env.get_template(template).render({**base, **context})
    return Rendered(path, html)


def _common(view: SiteView) -> dict:
    plan = view.data.plan
    lang = view.lang
    return {
        "t": view.t,
        "plan": {
            "title": plan.title.get(lang),
            "short_title": plan.short_title.get(lang),
            "issuer": plan.issuer.get(lang),
            "document_number": plan.document_number,
            "adopted": format_date(plan.adopted, lang),
            "published": format_date(plan.published, lang),
            "approved_by": plan.approved_by.get(lang),
            "source_url": plan.source_url,
            "year": plan.year,
        },
        "nav_areas": [
            {"slug": area_slug(a.id), "number": a.number, "title": a.title.get(lang)} for a in view.data.areas
        ],
    }


def _entry_context(data: TargetsFile, strings: dict[str, Strings]) -> dict:
    return {
        "t": strings[DEFAULT_LANGUAGE],
        "strings": strings,
        "titles": {lang: data.plan.title.get(lang) for lang in LANGUAGES},
        "page_title": data.plan.title.zh,
        "summary": data.plan.title.en,
        "has_charts": False,
    }


def _commentary(page: Page | None, view: SiteView, env: Environment) -> tuple[Markup, list[str]]:
    """The page's Markdown HTML with each chart block replaced by the chart partial."""
    if page is None:
        return Markup(""), []
    placed: list[str] = []
    partial = env.get_template("partials/chart.html")

    def swap(match) -> str:
        indicator_id = page.charts[int(match.group(1))].indicator
        placed.append(indicator_id)
        return "".join(partial.render(spec=spec, t=view.t, source=view.source) for spec in view.charts(indicator_id))

    return Markup(PLACEHOLDER_HTML.sub(swap, page.html)), placed


def _home_context(view: SiteView, env: Environment, page: Page | None) -> dict:
    data = view.data
    indicators = [view.indicator(i) for i in data.indicators]
    reported = sum(1 for i in indicators if i["reported"])
    commentary, placed = _commentary(page, view, env)
    return {
        **_common(view),
        "page_title": page.title if page else data.plan.title.get(view.lang),
        "summary": page.summary if page else "",
        "commentary": commentary,
        "toc": page.toc if page else [],
        "has_charts": bool(placed),
        "areas": [
            {
                "slug": area_slug(a.id),
                "number": a.number,
                "title": a.title.get(view.lang),
                "commitments": len(a.commitments),
                "indicators": len(a.indicators),
            }
            for a in data.areas
        ],
        "categories": [
            {
                "id": c.id,
                "name": c.name.get(view.lang),
                "indicators": [i for i in indicators if next(x for x in data.indicators if x.id == i["id"]).category == c.id],
            }
            for c in data.categories
        ],
        "total_indicators": len(indicators),
        "reported_indicators": reported,
    }


def _area_context(view: SiteView, env: Environment, area: Area, page: Page | None) -> dict:
    commentary, placed = _commentary(page, view, env)
    indicators = []
    for indicator_id in area.indicators:
        indicator = view.indicator(view.indicators[indicator_id])
        indicator["charts"] = [] if indicator_id in placed else view.charts(indicator_id)
        indicator["chart_in_commentary"] = indicator_id in placed
        indicators.append(indicator)
    return {
        **_common(view),
        "page_title": page.title if page else area.title.get(view.lang),
        "summary": page.summary if page else "",
        "area": {
            "id": area.id,
            "number": area.number,
            "title": area.title.get(view.lang),
            "commitments": [
                {
                    "id": c.id,
                    "number": c.number,
                    "title": c.title.get(view.lang),
                    "text": c.text.get(view.lang),
                    "targets": [view.target(t) for t in c.targets],
                }
                for c in area.commitments
            ],
        },
        "commentary": commentary,
        "toc": page.toc if page else [],
        "indicators": indicators,
        "has_charts": bool(placed) or any(i["charts"] and any(s.options for s in i["charts"]) for i in indicators),
        "source": view.source,
    }


def _indicators_context(view: SiteView) -> dict:
    data = view.data
    categories = []
    for category in data.categories:
        members = [i for i in data.indicators if i.category == category.id]
        sections = [{"group": "", "indicators": [view.indicator(i) for i in members if i.group is None]}]
        for group in category.groups:
            sections.append(
                {
                    "group": group.name.get(view.lang),
                    "indicators": [view.indicator(i) for i in members if i.group == group.id],
                }
            )
        categories.append({"id": category.id, "name": category.name.get(view.lang), "sections": sections})
    used_sources = sorted({o.source for i in data.indicators for t in i.targets for o in t.outcomes})
    return {
        **_common(view),
        "page_title": view.t("indicators.title"),
        "summary": view.t("indicators.summary", total=len(data.indicators)),
        "categories": categories,
        "sources": [view.source(s) for s in used_sources],
        "has_charts": False,
    }
