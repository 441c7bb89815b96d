"""Server-side chart rendering: every chart to an SVG string at build time, in one Node process.

The SVG goes inline into the page, so a reader sees every chart with JavaScript off, in print and in
feeds. Rendered SVGs are cached by a hash of what was charted, so an unchanged chart is never rendered
again. The SVG is cleaned for a strict Content-Security-Policy and for deterministic output: no
`<style>` block, no style attributes (they become presentation attributes), no per-process class
names or ids.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import SiteBuilderError

RENDERER = Path(__file__).parent / "node" / "render_charts.mjs"
CACHE_VERSION = "1"

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style>", re.S)
STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
DROPPED_ATTRS = re.compile(r'\s(?:class="zr\d+-cls-\d+"|ecmeta_[a-z_]+="[^"]*")')
ROOT_SIZE = re.compile(r'^<svg width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"')
# Properties SVG accepts as presentation attributes; font-family is left to the page's stylesheet, so
# charts use the same system fonts as the text around them.
PRESENTATION = {"font-size", "font-weight", "font-style", "fill", "stroke", "opacity", "fill-opacity", "stroke-opacity"}


@dataclass(frozen=True)
class ChartRequest:
    key: str  # the caller's name for the chart
    options: dict
    width: int
    height: int
    locale: str  # "ZH" or "EN"


@dataclass
class RenderStats:
    rendered: int = 0
    reused: int = 0


def _cache_key(request: ChartRequest, echarts_version: str) -> str:
    payload = json.dumps(
        [CACHE_VERSION, echarts_version, RENDERER.read_text(encoding="utf-8"), Path(__file__).read_text(encoding="utf-8"),
         request.options, request.width,
         request.height, request.locale],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


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
    return re.sub(r">\s+<", "><", svg).strip()


def render_svgs(requests: list[ChartRequest], echarts_package: Path, cache_dir: Path) -> tuple[dict[str, str], RenderStats]:
    """SVG for every request, from the cache where possible; the rest in one Node process."""
    version = json.loads((echarts_package / "package.json").read_text(encoding="utf-8"))["version"]
    stats = RenderStats()
    results: dict[str, str] = {}
    # Two charts with the same options (the same figures on two pages) share one hash: render once, give both.
    missing: dict[str, list[ChartRequest]] = {}
    for request in requests:
        key = _cache_key(request, version)
        cached = cache_dir / f"{key}.svg"
        if cached.is_file():
            results[request.key] = cached.read_text(encoding="utf-8")
            stats.reused += 1
        else:
            missing.setdefault(key, []).append(request)
    if missing:
        rendered = _run_node({key: same[0] for key, same in missing.items()}, echarts_package)
        cache_dir.mkdir(parents=True, exist_ok=True)
        for key, same in missing.items():
            svg = clean_svg(rendered[key])
            temporary = cache_dir / f".{key}.tmp"
            temporary.write_text(svg, encoding="utf-8")
            temporary.replace(cache_dir / f"{key}.svg")
            for request in same:
                results[request.key] = svg
        stats.rendered = len(missing)
    return results, stats


def _run_node(missing: dict[str, ChartRequest], echarts_package: Path) -> dict[str, str]:
    node = shutil.which("node")
    if node is None:
        raise SiteBuilderError("Node.js 20+ is needed to render the charts; install it and run `npm ci`")
    payload = {
        "echarts": str(echarts_package),
        "charts": [
            {"key": key, "options": r.options, "width": r.width, "height": r.height, "locale": r.locale}
            for key, r in missing.items()
        ],
    }
    result = subprocess.run(
        [node, str(RENDERER)], input=json.dumps(payload, ensure_ascii=False), capture_output=True, text=True,
        encoding="utf-8", timeout=600,
    )
    if result.returncode != 0:
        raise SiteBuilderError(f"chart rendering failed in Node: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout)
