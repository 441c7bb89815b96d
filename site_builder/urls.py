"""The one place that maps a page to its output file and its links.

Every link on the site is relative, so the built folder works from any sub-path of any host.
"""

from __future__ import annotations

import posixpath


def output_path(lang: str | None, slug: str) -> str:
    """("zh", "areas/industry") -> "zh/areas/industry/index.html"; (None, "") -> "index.html"."""
    parts = [p for p in (lang, slug) if p]
    for part in "/".join(parts).split("/"):
        if part in {"", ".", ".."} and parts:
            raise ValueError(f"unsafe page path: {parts!r}")
    return "/".join([*parts, "index.html"])


def relative_url(from_output: str, to_output: str) -> str:
    """The link from one output file to another; pages are linked by their folder ("../areas/x/")."""
    start = posixpath.dirname(from_output) or "."
    target = to_output
    folder_link = target.endswith("index.html")
    if folder_link:
        target = posixpath.dirname(target) or "."
    link = posixpath.relpath(target, start)
    if folder_link:
        return "./" if link == "." else link + "/"
    return link


def area_slug(area_id: str) -> str:
    return f"areas/{area_id}"


def indicator_slug(indicator_id: str) -> str:
    return f"indicators/{indicator_id}"


INDICATORS_SLUG = "indicators"
SEARCH_SLUG = "search"
HOME_SLUG = ""
