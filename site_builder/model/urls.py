"""The one place that maps a page to its output file and its links.

Every link on the site is relative, so the built folder works from any sub-path of any host.
"""

from __future__ import annotations


def output_path(lang: str | None, slug: str) -> str:
    """("zh", "areas/industry") -> "zh/areas/industry/index.html"; (None, "") -> "index.html"."""
    parts = [p for p in (lang, slug) if p]
    for part in "/".join(parts).split("/"):
        if part in {"", ".", ".."} and parts:
            raise ValueError(f"unsafe page path: {parts!r}")
    return "/".join([*parts, "index.html"])


def relative_url(from_output: str, to_output: str) -> str:
    """The link from one output file to another; pages are linked by their folder ("../areas/x/").

    Both are clean relative paths made by output_path() or the renderer, so plain string work does
    what posixpath.relpath does (which looks at the working directory and was a tenth of a large build).
    """
    start = from_output.split("/")[:-1]
    target = to_output.split("/")
    folder_link = target[-1] == "index.html"
    if folder_link:
        target = target[:-1]
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    link = "/".join([".."] * (len(start) - common) + target[common:])
    if folder_link:
        return link + "/" if link else "./"
    return link or "."


def area_slug(area_id: str) -> str:
    return f"areas/{area_id}"


def indicator_slug(indicator_id: str) -> str:
    return f"indicators/{indicator_id}"


INDICATORS_SLUG = "indicators"
# How the site judges a target: every verdict links here.
METHODOLOGY_SLUG = "methodology"
SEARCH_SLUG = "search"
HOME_SLUG = ""

# A site of several plan years (data/plans/YYYY.json) puts each year's pages under the year's folder; a
# one-year site has no year in its URLs. The track record belongs to the whole site, whatever the year.
TRACK_RECORD_SLUG = "track-record"


def year_prefix(years: tuple[int, ...] | list[int], year: int) -> str:
    """The folder of a plan year's pages, before their slugs: "" in a one-year site, else "2021/"."""
    return "" if len(years) <= 1 else f"{year}/"
