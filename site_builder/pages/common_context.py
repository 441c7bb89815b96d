"""What every page of a language has in its context, whatever its kind: the plan, the menu, where the
plan year's pages are, and the helpers templates call (`contexts.py` adds each page kind's own)."""

from __future__ import annotations

from site_builder.model.urls import area_slug
from site_builder.pages.context_types import CommonContext
from site_builder.pages.view import SiteView
from site_builder.sources.i18n import format_date

NAV_AREA_LIMIT = 40

ALL_TABLES = ("areas", "commitments", "indicators", "targets", "outcomes", "sources")


def common(view: SiteView, tables: tuple[str, ...] = ALL_TABLES) -> CommonContext:
    plan = view.data.plan
    lang = view.lang
    return {
        "data_files": [f"data/{name}.csv" for name in tables] + ["data/datapackage.json"],
        "t": view.t,
        "source": view.source,
        "chart_credit": view.chart_credit,
        "chart_dates": view.chart_dates,
        "plan": {
            "title": plan.title.get(lang),
            "short_title": plan.short_title.get(lang),
            "issuer": plan.issuer.get(lang),
            "document_number": plan.document_number,
            "adopted": format_date(plan.adopted, lang) if plan.adopted else None,
            "published": format_date(plan.published, lang) if plan.published else None,
            "approved_by": plan.approved_by.get(lang),
            "source_url": plan.source_url,
            "year": plan.year,
        },
        # Every page's menu lists the areas only while the list stays short: a page's size must not grow
        # with the plan (MkDocs' per-page navigation makes a build quadratic), and a menu of hundreds of
        # areas helps nobody; past the limit, the menu links to the home page's list of areas.
        "nav_areas": [
            {"slug": view.slug(area_slug(a.id)), "number": a.number, "title": a.title.get(lang)}
            for a in view.data.areas
        ] if len(view.data.areas) <= NAV_AREA_LIMIT else [],
        # Where this plan year's pages are: "" and "" in a one-year site, else "2021" and "2021/".
        "year_slug": view.slug(""),
        "year_folder": view.prefix,
        # Every plan year, for the menu that moves between them (none in a one-year site).
        "plan_years": [{"year": year, "slug": str(year), "current": year == plan.year}
                       for year in reversed(view.years)] if len(view.years) > 1 else [],
    }
