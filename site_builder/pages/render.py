"""Stage 5, rendering: one planned page, its context and its charts' drawings, through the theme, to HTML.

What every page has besides its own context is added here: its language and the other's, links
relative to the page (or absolute from base_url on 404 pages), head metadata and its preview image.
"""

from __future__ import annotations

from jinja2 import Environment

from site_builder.model.urls import SEARCH_SLUG, output_path, relative_url
from site_builder.pages.discovery import link, page_meta
from site_builder.pages.plan import PagePlan
from site_builder.sources.i18n import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, other_language


def render_page(env: Environment, page: PagePlan, own: dict, svgs: dict[str, str], base_url: str) -> str:
    """The page's HTML. `own`: its context (contexts.page_context); `svgs`: each of its charts' drawing, by dom id."""
    lang, slug, path = page.lang, page.slug, page.path
    # A host serves the 404 page at whatever address was asked for, so its links are absolute when
    # base_url is known (relative links only work from the language folder itself).
    not_found = page.kind == "not_found"
    links_from_base = bool(base_url) and not_found

    def url(target_slug: str, target_lang: str | None = lang) -> str:
        target = output_path(target_lang, target_slug)
        return link(base_url, path, target) if links_from_base else relative_url(path, target)

    def asset(name: str) -> str:
        return base_url + f"assets/{name}" if links_from_base else relative_url(path, f"assets/{name}")

    def relative(file: str) -> str:
        return relative_url(path, file)

    page_lang = lang or DEFAULT_LANGUAGE
    context = {
        "lang": page_lang,
        "html_lang": HTML_LANG[page_lang],
        "other_lang": other_language(page_lang),
        "slug": slug,
        "url": url,
        "asset": asset,
        "relative": relative,
        "base_url": base_url,
        "alternates": [{"lang": HTML_LANG[code], "href": url(slug, code)} for code in LANGUAGES] if lang else [],
        "switch_url": url(slug, other_language(page_lang)) if lang else "",
        "root_url": relative_url(path, "index.html"),
        "indexed": not not_found and slug != SEARCH_SLUG,
        "preview_alt": "",
        "json_ld": None,
        "updated": "",
        "updated_iso": "",
        **own,
        "page_title": page.title,
        "preview_image": page.preview.path if page.preview else "",  # a build-root path: assets/preview/…png
        "svgs": svgs,
        "has_charts": bool(page.charts),
    }
    if page.oembed_url:
        context["oembed_url"] = page.oembed_url
    context.update(page_meta(path, page_lang, base_url, context["preview_image"]))
    if not_found:
        context["canonical"] = ""  # a 404 page has no address of its own
    if context["json_ld"] and base_url:
        context["json_ld"] = {**context["json_ld"], "url": context["canonical"]}
    return env.get_template(page.template).render(context)
