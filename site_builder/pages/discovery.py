"""How search engines and link previews find the site: canonical links, Open Graph, sitemap, robots.

With `base_url` set in site.toml every address here is absolute. Without it the site does not know
where it will live, so it says nothing it cannot know: canonical links and preview images stay
relative, og:url is left out, and sitemap.xml (whose <loc> must be absolute) is not written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree as ET

from site_builder.model.urls import relative_url
from site_builder.sources.i18n import HTML_LANG, LANGUAGES, other_language
from site_builder.sources.schema import Indicator, TargetsFile

OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def page_address(path: str) -> str:
    """The address part of an output path: "zh/areas/x/index.html" -> "zh/areas/x/"."""
    return path.removesuffix("index.html")


def link(base_url: str, from_path: str, to_path: str) -> str:
    """A link from one output file to another: absolute under base_url, relative without it."""
    if base_url:
        return base_url + page_address(to_path)
    return relative_url(from_path, to_path)


def page_meta(path: str, lang: str, base_url: str, preview_image: str) -> dict[str, Any]:
    """The head metadata of one page, as plain data for templates/partials/meta.html."""
    return {
        "canonical": link(base_url, path, path),
        "preview_url": link(base_url, path, preview_image) if preview_image else "",
        "feed_url": relative_url(path, f"{lang}/feed.xml"),
        "og_locale": OG_LOCALES[lang],
        "og_alternates": [OG_LOCALES[other_language(lang)]],
    }


def sitemap(paths: Iterable[str], base_url: str) -> bytes:
    """sitemap.xml: every indexable page, each with its other-language versions as hreflang links.

    paths are output paths of pages in a language folder ("zh/areas/x/index.html").
    """
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    wanted = sorted(set(paths))
    present = set(wanted)
    for path in wanted:
        _, rest = path.split("/", 1)  # the versions are every language's page at `rest`
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = base_url + page_address(path)
        versions = [(code, f"{code}/{rest}") for code in LANGUAGES if f"{code}/{rest}" in present]
        if len(versions) > 1:
            for code, version in versions:
                ET.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=HTML_LANG[code],
                              href=base_url + page_address(version))
    ET.indent(root)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def robots(base_url: str) -> bytes:
    """robots.txt: everything may be crawled; the sitemap is named when its address is known.

    Crawlers read robots.txt only at a host's root, so it matters when the site is served there.
    """
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")


def is_listed(path: str) -> bool:
    """Pages that belong in the sitemap: language pages, not the 404 or search pages, nor the chart
    embeds (whose canonical address is the page that shows the chart)."""
    parts = path.split("/")
    if len(parts) < 2 or parts[0] not in LANGUAGES:
        return False
    return parts[-1] == "index.html" and parts[1] != "search" and "embed" not in parts[1:-1]


def dataset_json_ld(
    data: TargetsFile,
    lang: str,
    title: str,
    summary: str,
    updated_iso: str,
    indicators: Iterable[Indicator] | None = None,
) -> dict[str, Any]:
    """schema.org Dataset for indicators (all of them by default): what is measured, in what unit,
    based on which plan, cited from which sources."""
    units = {u.id: u for u in data.units}
    plan = data.plan
    shown = list(data.indicators if indicators is None else indicators)
    used = {o.source for i in shown for t in i.targets for o in t.outcomes}
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{plan.title.get(lang)} · {title}",
        "description": f"{summary} {plan.title.get(lang)} ({plan.document_number}).",
        "inLanguage": HTML_LANG[lang],
        "temporalCoverage": str(plan.year),
        "isBasedOn": {
            "@type": "CreativeWork",
            "name": plan.title.get(lang),
            "url": plan.source_url,
            **({"datePublished": plan.published.isoformat()} if plan.published else {}),
            "author": {"@type": "GovernmentOrganization", "name": plan.issuer.get(lang)},
        },
        "citation": sorted({s.url for s in data.sources if s.id in used}),
        "variableMeasured": [
            {
                "@type": "PropertyValue",
                "name": i.name.get(lang),
                "unitText": units[i.unit].zh if lang == "zh" else units[i.unit].en,
            }
            for i in shown
        ],
    }
    if updated_iso:
        found["dateModified"] = updated_iso
    if plan.licence:
        found["license"] = plan.licence.url
    return found
