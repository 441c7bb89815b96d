"""Links in the commentary that lead nowhere: a page or file the build does not write, or an anchor
the target page does not have. Checked on the rendered site, so every page and id is the real one."""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from site_builder.errors import Problem
from site_builder.model.urls import output_path
from site_builder.sources.content import Page

HREF = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"')
ID = re.compile(r'\bid="([^"]*)"')


def resolve(from_output: str, href: str) -> tuple[str, str] | None:
    """(output file, fragment) an internal link points at; None for links to other hosts or schemes."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return from_output, unquote(parts.fragment)
    if parts.path.startswith("/"):
        target = parts.path.lstrip("/")  # root-relative: only right when the site is served at the root
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(from_output), unquote(parts.path)))
    if parts.path.endswith("/") or target in {".", ""}:
        target = posixpath.join(target, "index.html") if target not in {".", ""} else "index.html"
    return target, unquote(parts.fragment)


def _position(source: str, href: str) -> tuple[int, int]:
    for number, line in enumerate(source.split("\n"), 1):
        col = line.find(f"]({href}")
        if col < 0:
            col = line.find(f'"{href}"')
        if col >= 0:
            return number, col + 2
    return 1, 1


# Cached by page text: the preview server checks every link on every edit, and most pages are unchanged.
@functools.lru_cache(maxsize=8192)
def _hrefs(html: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(HREF.findall(html)))


def anchors_in(html: str) -> frozenset[str]:
    """The anchors a rendered page offers."""
    return frozenset(ID.findall(html))


# Cached for the preview server, which keeps every page's text anyway; a build calls anchors_in() and
# keeps no page's text.
page_ids = functools.lru_cache(maxsize=8192)(anchors_in)


def anchor_targets(pages: dict[tuple[str, str], Page]) -> set[str]:
    """The output paths the commentary links to with a #fragment: the only pages whose anchors matter.

    A build reads the anchors of these pages alone; scanning every page was a fifteenth of a large build.
    """
    wanted: set[str] = set()
    for (lang, slug), page in pages.items():
        for href in _hrefs(page.html):
            found = resolve(output_path(lang, slug), href.replace("&amp;", "&"))
            if found is not None and found[1]:
                wanted.add(found[0])
    return wanted


def link_problems(
    pages: dict[tuple[str, str], Page], ids: Mapping[str, frozenset[str]], files: set[str]
) -> list[Problem]:
    """pages: the commentary; ids: output path -> that page's anchors; files: every other output file."""
    out: list[Problem] = []
    for (lang, slug), page in sorted(pages.items()):
        here = output_path(lang, slug)
        source = page.source.read_text(encoding="utf-8")
        for href in _hrefs(page.html):
            href = href.replace("&amp;", "&")
            found = resolve(here, href)
            if found is None:
                continue
            target, fragment = found
            if target.startswith("../") or (target not in ids and target not in files):
                message = f"link '{href}' leads to no page of the site"
                out.append(Problem(page.shown, *_position(source, href), message, kind="link"))
                continue
            if fragment and target in ids and fragment not in ids[target]:
                message = f"link '{href}': the page has no anchor '#{fragment}'"
                out.append(Problem(page.shown, *_position(source, href), message, kind="link"))
    return out
