"""ECharts' SVG made fit to inline in a page: no style elements or attributes (a strict CSP allows
neither), no fixed size (CSS sizes it), and the same bytes on every build."""

from __future__ import annotations

import hashlib
import re

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style>", re.S)
STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
DROPPED_ATTRS = re.compile(r'\s(?:class="zr\d+-cls-\d+"|ecmeta_[a-z_]+="[^"]*")')
ROOT_SIZE = re.compile(r'^<svg width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"')
# Properties SVG accepts as presentation attributes; font-family is left to the page's stylesheet, so
# charts use the same system fonts as the text around them.
PRESENTATION = {"font-size", "font-weight", "font-style", "fill", "stroke", "opacity", "fill-opacity", "stroke-opacity"}
# ECharts names a drawing's clip paths and gradients after a counter of the Node process ("zr304-c0"), so
# the same chart drawn in another process, or after other charts, had other ids, and two charts drawn by two
# processes could share one on a page, where a clip path then clipped the wrong chart.
RENDERER_ID = re.compile(r"\bzr(\d+)-")


def _style_to_attributes(match: re.Match) -> str:
    out = []
    for declaration in match.group(1).split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name in PRESENTATION and value and '"' not in value:
            out.append(f' {name}="{value}"')
    return "".join(out)


def clean_svg(svg: str) -> str:
    """Makes ECharts' SVG safe to inline under a strict CSP, responsive, and the same on every build."""
    # ECharts shortens long labels by UTF-16 code units and can cut a character outside the BMP in half
    # (𦎡, a CJK Extension B character in a name); the lone half is not text and cannot be written as UTF-8.
    svg = LONE_SURROGATE.sub("", svg)
    svg = STYLE_BLOCK.sub("", svg)
    svg = STYLE_ATTR.sub(_style_to_attributes, svg)
    svg = DROPPED_ATTRS.sub("", svg)
    svg = ROOT_SIZE.sub('<svg focusable="false" aria-hidden="true"', svg, count=1)
    svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "").replace(' baseProfile="full"', "")
    return _own_ids(re.sub(r">\s+<", "><", svg).strip())


def _own_ids(svg: str) -> str:
    """The drawing's ids named after what it draws, not after Node's counter: the same bytes whichever
    process drew it, and ids no other drawing on the page has (two drawings alike are alike everywhere)."""
    numbers = list(dict.fromkeys(RENDERER_ID.findall(svg)))
    if not numbers:
        return svg
    digest = hashlib.sha256(RENDERER_ID.sub("zr-", svg).encode()).hexdigest()[:10]
    names = {number: f"d{digest}{index}-" for index, number in enumerate(numbers)}
    return RENDERER_ID.sub(lambda match: names[match.group(1)], svg)
