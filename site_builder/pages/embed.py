"""What a journalist takes away from a chart: an embed page, its data as CSV and JSON, SVG and PNG.

Files per chart and language, beside its embed page `{lang}/embed/{chart-id}/`:
`data.csv` (UTF-8 with a byte-order mark, so Excel opens Chinese intact), `data.json` and `chart.svg`.
The PNG is drawn from `chart.svg` in the reader's browser (static/charts.js): a large plan has thousands
of charts, and drawing each as an image at build time cost more than the rest of the build.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from html import escape

from site_builder.charts.spec import ChartDrawing, ChartSpec

EMBED_EXTRA_HEIGHT = 170  # title, notes and source lines around the chart in an embed page


def embed_slug(spec: ChartSpec) -> str:
    """The slug of a chart's embed page, in the folder of the pages it belongs to: "2021/embed/gdp-growth"."""
    return f"{spec.folder}embed/{spec.chart_id}"


def embed_height(spec: ChartSpec) -> int:
    """A fixed iframe height that shows the whole chart at any width, for pages without the resize script:
    each layout is shown from its own width up to the next one's, scaled up by as much."""
    layouts = spec.drawn_layouts
    tallest = max(
        [layout.height * nxt.width / layout.width for layout, nxt in itertools.pairwise(layouts)]
        + [layouts[-1].height]
    )
    return round(tallest) + EMBED_EXTRA_HEIGHT


def chart_csv(spec: ChartSpec) -> bytes:
    buffer = io.StringIO(newline="")
    fields = list(spec.records[0]) if spec.records else ["value"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for record in spec.records:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue().encode("utf-8-sig")


def chart_json(spec: ChartSpec, lang: str, source_titles: dict[str, str]) -> bytes:
    payload = {
        "chart": spec.chart_id,
        "language": lang,
        "title": spec.title,
        "subtitle": spec.subtitle,
        "description": spec.description,
        "sources": [{"id": s, "title": source_titles[s]} for s in spec.sources],
        "records": list(spec.records),
    }
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def standalone_svg(spec: ChartSpec, drawing: ChartDrawing) -> bytes:
    """The chart's widest layout as a file of its own: it needs its size back and a background to stand alone."""
    widest = spec.drawn_layouts[-1]
    svg = drawing.widest.replace(
        '<svg focusable="false" aria-hidden="true"',
        # The page's stylesheet gives the inline SVG its font; standing alone, it names one itself.
        f'<svg width="{widest.width}" height="{widest.height}" font-family="sans-serif"',
        1,
    )
    head, _, rest = svg.partition(">")
    title = spec.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    svg = f'{head}><title>{title}</title><rect width="100%" height="100%" fill="#ffffff"/>{rest}'
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n").encode("utf-8")


def iframe_snippet(src: str, title: str, height: int) -> str:
    """The HTML a publisher pastes: every value attribute-escaped, so a chart title cannot break out."""
    return (
        f'<iframe src="{escape(src, quote=True)}" title="{escape(title, quote=True)}" width="100%" '
        f'height="{int(height)}" style="border:0;width:100%" loading="lazy"></iframe>'
    )


def resize_snippet(src: str) -> str:
    return f'<script async src="{escape(src, quote=True)}"></script>'


def oembed_json(spec: ChartSpec, embed_url: str, base_url: str, provider: str, resize_url: str) -> bytes:
    """The oEmbed answer for a chart's embed page ("rich" type), so a content system can embed it by URL.

    Written only when base_url is set: oEmbed needs absolute addresses.
    """
    height = embed_height(spec)
    payload = {
        "version": "1.0",
        "type": "rich",
        "title": spec.title,
        "provider_name": provider,
        "provider_url": base_url,
        "width": spec.drawn_layouts[-1].width,
        "height": height,
        "html": iframe_snippet(embed_url, spec.title, height) + resize_snippet(resize_url),
    }
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
