"""Link-preview images (Open Graph, Twitter cards): each page's main chart under its title, as a PNG.

The frame is plain SVG composed here; the chart's SVG, as rendered for the page, is drawn into its slot
(scaled to fit) and the whole made a PNG by a Node process (charts/node.py), beside the rendering of pages.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from site_builder.charts.node import PreviewRequest

WIDTH, HEIGHT = 600, 315  # the frame's own units
# Drawn at 600 x 315 pixels, the size Facebook and LinkedIn take as a minimum for a large link preview.
# Twice that looks sharper on dense screens but costs about four times the drawing (resvg rasterises
# every glyph afresh): at a hundred times Shaoxing's size, some two more CPU-minutes.
PIXEL_WIDTH = 600
MARGIN = 20
CHART_WIDTH = WIDTH - 2 * MARGIN  # the chart's slot: the page's layout nearest this width is drawn into it


def _wrap(text: str, per_line: int, lines: int) -> list[str]:
    words = list(text) if not text.isascii() else text.split(" ")
    joiner = "" if not text.isascii() else " "
    out: list[str] = [""]
    for word in words:
        candidate = (out[-1] + joiner + word) if out[-1] else word
        if len(candidate) > per_line and out[-1]:
            if len(out) == lines:
                out[-1] = out[-1].rstrip() + "…"
                return out
            out.append(word)
        else:
            out[-1] = candidate
    return out


def preview_request(key: str, chart_svg: str, site_title: str, page_title: str, lang: str) -> PreviewRequest:
    """The page's main chart, as drawn on the page (its SVG, scaled to fit), under the site's name and the
    page's title."""
    title_lines = _wrap(page_title, 24 if lang == "zh" else 44, 2)
    texts = [f'<text x="{MARGIN}" y="34" font-size="13" fill="#58606b">{escape(site_title)}</text>']
    for i, line in enumerate(title_lines):
        texts.append(
            f'<text x="{MARGIN}" y="{62 + 26 * i}" font-size="21" font-weight="bold" fill="#1d232b">'
            f"{escape(line)}</text>"
        )
    top = 62 + 26 * len(title_lines)
    chart_height = HEIGHT - top - 8
    frame = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<rect width="{WIDTH}" height="6" fill="#1f5f8b"/>' + "".join(texts)
        + f'<chart-slot x="{MARGIN}" y="{top}" width="{CHART_WIDTH}" height="{chart_height}"/></svg>'
    )
    return PreviewRequest(key, chart_svg, frame, pixel_width=PIXEL_WIDTH)
