"""Link-preview images (Open Graph, Twitter cards): each page's main chart under its title, as a PNG.

The frame is plain SVG composed here; the chart is drawn into its slot and the whole made a PNG by
the same Node process that renders the page charts (ssr.py).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .charts import ChartSpec
from .ssr import ChartRequest, PreviewRequest, cjk_font_files

WIDTH, HEIGHT = 600, 315  # drawn at twice this size: 1200 x 630, the size link previews expect
MARGIN = 20


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


def preview_request(key: str, spec: ChartSpec, site_title: str, page_title: str, lang: str) -> PreviewRequest:
    title_lines = _wrap(page_title, 24 if lang == "zh" else 44, 2)
    texts = [f'<text x="{MARGIN}" y="34" font-size="13" fill="#58606b">{escape(site_title)}</text>']
    for i, line in enumerate(title_lines):
        texts.append(f'<text x="{MARGIN}" y="{62 + 26 * i}" font-size="21" font-weight="bold" fill="#1d232b">{escape(line)}</text>')
    top = 62 + 26 * len(title_lines)
    chart_height = HEIGHT - top - 8
    frame = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/><rect width="{WIDTH}" height="6" fill="#1f5f8b"/>'
        + "".join(texts)
        + f'<g transform="translate({MARGIN} {top})"><chart-slot/></g></svg>'
    )
    chart = ChartRequest(key, spec.options or {}, WIDTH - 2 * MARGIN, chart_height, lang.upper())
    return PreviewRequest(key, chart, frame, font_files=cjk_font_files())


def chart_image_request(key: str, spec: ChartSpec, footer: str, lang: str) -> PreviewRequest:
    """A chart as a PNG to download: its title above, its source and licence line below."""
    width = spec.width
    title_lines = _wrap(spec.title, 30 if lang == "zh" else 60, 2)
    texts = [
        f'<text x="{MARGIN}" y="{28 + 24 * i}" font-size="18" font-weight="bold" fill="#1d232b">{escape(line)}</text>'
        for i, line in enumerate(title_lines)
    ]
    top = 28 + 24 * len(title_lines) - 8
    height = top + spec.height + 36
    footer_line = _wrap(footer, 48 if lang == "zh" else 96, 1)[0]
    frame = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>' + "".join(texts)
        + f'<g transform="translate(0 {top})"><chart-slot/></g>'
        + f'<text x="{MARGIN}" y="{height - 14}" font-size="11" fill="#58606b">{escape(footer_line)}</text></svg>'
    )
    chart = ChartRequest(key, spec.options or {}, spec.width, spec.height, lang.upper())
    return PreviewRequest(key, chart, frame, pixel_width=2 * width, font_files=cjk_font_files())
