"""Server-side chart rendering: every chart to an SVG string at build time, in one Node process.

The SVG goes inline into the page, so a reader sees every chart with JavaScript off, in print and in
feeds. Rendered SVGs are cached by a hash of what was charted, so an unchanged chart is never rendered
again. The SVG is cleaned for a strict Content-Security-Policy and for deterministic output: no
`<style>` block, no style attributes (they become presentation attributes), no per-process class
names or ids.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
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


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int = 0  # the face's number in a font collection (.ttc)


@dataclass(frozen=True)
class PreviewRequest:
    """A link-preview image: a chart drawn into an SVG frame (title, site name), made a PNG."""

    key: str
    chart: ChartRequest
    frame: str  # an SVG document with a <chart-slot/> element where the chart's SVG goes
    pixel_width: int = 1200
    font_family: str = "Noto Sans CJK SC"
    font_files: tuple[FontFace, ...] = ()  # empty: let resvg load every system font (slow: it does so per image)


@dataclass
class RenderStats:
    rendered: int = 0
    reused: int = 0


class Renderer:
    """Renders charts and previews, reusing what the cache holds; at most one Node process per call."""

    def __init__(self, packages: Path, cache_dir: Path) -> None:
        self.packages = packages  # the node_modules folder holding echarts (and @resvg/resvg-js)
        self.cache_dir = cache_dir
        version = json.loads((packages / "echarts" / "package.json").read_text(encoding="utf-8"))["version"]
        # Anything that changes the output invalidates the cache: versions, the renderer, this module.
        self.salt = hashlib.sha256(
            "\0".join(
                [CACHE_VERSION, version, RENDERER.read_text(encoding="utf-8"), Path(__file__).read_text(encoding="utf-8")]
            ).encode("utf-8")
        ).hexdigest()
        self.stats = RenderStats()

    def _key(self, kind: str, payload: object) -> str:
        text = json.dumps([self.salt, kind, payload], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def render(
        self, charts: list[ChartRequest], previews: list[PreviewRequest]
    ) -> tuple[dict[str, str], dict[str, Path]]:
        """SVG for every chart, and the cached PNG file of every preview, by the callers' keys.

        PNGs stay on disk until the writer copies them: a large plan has thousands, too many to hold.
        """
        svgs: dict[str, str] = {}
        pngs: dict[str, Path] = {}
        # Two charts with the same options (the same figures on two pages) share one hash: render once, give both.
        todo_charts: dict[str, list[ChartRequest]] = {}
        todo_previews: dict[str, list[PreviewRequest]] = {}
        for chart in charts:
            key = self._key("svg", [chart.options, chart.width, chart.height, chart.locale])
            cached = self.cache_dir / "svg" / f"{key}.svg"
            if cached.is_file():
                svgs[chart.key] = cached.read_text(encoding="utf-8")
                self.stats.reused += 1
            else:
                todo_charts.setdefault(key, []).append(chart)
        for preview in previews:
            c = preview.chart
            key = self._key("png", [c.options, c.width, c.height, c.locale, preview.frame, preview.pixel_width,
                                    preview.font_family, [[f.path, f.index] for f in preview.font_files]])
            cached = self.cache_dir / "png" / f"{key}.png"
            if cached.is_file():
                pngs[preview.key] = cached
            else:
                todo_previews.setdefault(key, []).append(preview)
        if todo_charts or todo_previews:
            incoming = self.cache_dir / f".incoming-{os.getpid()}"
            shutil.rmtree(incoming, ignore_errors=True)
            try:
                self._run_node({k: v[0] for k, v in todo_charts.items()}, {k: v[0] for k, v in todo_previews.items()},
                               incoming)
                for key, same_charts in todo_charts.items():
                    svg = clean_svg((incoming / "svg" / f"{key}.svg").read_text(encoding="utf-8"))
                    _store(self.cache_dir / "svg" / f"{key}.svg", svg.encode("utf-8"))
                    for chart in same_charts:
                        svgs[chart.key] = svg
                (self.cache_dir / "png").mkdir(parents=True, exist_ok=True)
                for key, same_previews in todo_previews.items():
                    cached = self.cache_dir / "png" / f"{key}.png"
                    os.replace(incoming / "png" / f"{key}.png", cached)  # whole files: a reader never sees half
                    for preview in same_previews:
                        pngs[preview.key] = cached
            finally:
                shutil.rmtree(incoming, ignore_errors=True)
            self.stats.rendered += len(todo_charts)
        return svgs, pngs

    def _run_node(self, charts: dict[str, ChartRequest], previews: dict[str, PreviewRequest], incoming: Path) -> None:
        """Renders in one Node process, which writes each SVG and PNG as a file under `incoming`."""
        node = shutil.which("node")
        if node is None:
            raise SiteBuilderError("Node.js 20+ is needed to render the charts; install it and run `npm ci`")
        incoming.mkdir(parents=True)
        # Written a line at a time, and read so by Node: neither holds a large plan's requests at once.
        with (incoming / "charts.jsonl").open("w", encoding="utf-8") as stream:
            for key, r in charts.items():
                line = {"key": key, "options": r.options, "width": r.width, "height": r.height, "locale": r.locale}
                stream.write(json.dumps(line, ensure_ascii=False) + "\n")
        # One file of images per worker thread, dealt out in turn.
        threads = max(1, min(os.cpu_count() or 1, 4, -(-len(previews) // 4)))
        shares = [incoming / f"previews-{i}.jsonl" for i in range(threads if previews else 0)]
        streams = [share.open("w", encoding="utf-8") for share in shares]
        try:
            for n, (key, p) in enumerate(previews.items()):
                line = {"key": key, "options": p.chart.options, "width": p.chart.width, "height": p.chart.height,
                        "locale": p.chart.locale, "frame": p.frame, "pixelWidth": p.pixel_width,
                        "fontFamily": p.font_family}
                streams[n % threads].write(json.dumps(line, ensure_ascii=False) + "\n")
        finally:
            for stream in streams:
                stream.close()
        request = incoming / "request.json"
        request.write_text(json.dumps({
            "packages": str(self.packages), "outDir": str(incoming), "fontFiles": self._font_files(previews),
            "charts": str(incoming / "charts.jsonl"), "previews": [str(share) for share in shares],
        }, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run(
            [node, "--expose-gc", str(RENDERER), str(request)], capture_output=True, text=True, encoding="utf-8", timeout=3600,
        )
        if result.returncode != 0:
            raise SiteBuilderError(f"chart rendering failed in Node: {result.stderr.strip()[-2000:]}")

    def _font_files(self, previews: dict[str, PreviewRequest]) -> list[str]:
        """The preview fonts cut down to the characters the images draw, as files for resvg.

        resvg parses every font file it is given for each image: with the whole 19 MB CJK fonts that is
        about 200 ms an image, with a subset of the characters in use it is a few. Subsets are cached.
        """
        faces = list(dict.fromkeys(face for p in previews.values() for face in p.font_files))
        if not faces:
            return []
        text = set(BASIC_TEXT)
        for p in previews.values():
            text.update(p.frame)
            text.update(json.dumps(p.chart.options, ensure_ascii=False))
        return [subset_font(face, "".join(sorted(text)), self.cache_dir / "fonts") for face in faces]


# Characters ECharts may draw that the options do not spell out: digits, signs and separators of formatted numbers.
BASIC_TEXT = "".join(chr(c) for c in range(0x20, 0x7F)) + "−–—…·，。、：；！？（）《》“”‘’％万亿年月日"


def subset_font(face: FontFace, text: str, cache_dir: Path) -> str:
    """A font file holding only `text`'s glyphs of `face` (all its names kept, so family and weight still match)."""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:  # fontTools is a dependency; without it resvg still works, only slower
        return face.path
    stat = Path(face.path).stat()
    key = hashlib.sha256(
        json.dumps([face.path, face.index, stat.st_size, stat.st_mtime_ns, text], ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    target = cache_dir / f"{key}.otf"
    if not target.is_file():
        options = subset.Options()
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        font = TTFont(face.path, fontNumber=face.index, lazy=True)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        font.save(str(temporary))
        font.close()
        temporary.replace(target)
    return str(target)


@functools.lru_cache(maxsize=1)
def cjk_font_files() -> tuple[FontFace, ...]:
    """The system's regular and bold CJK sans-serif fonts (fontconfig's choice), for PNG text.

    Handing resvg these two files instead of every system font makes each image several times faster.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return ()
    found: list[FontFace] = []
    for pattern in ("sans-serif:lang=zh-cn", "sans-serif:lang=zh-cn:weight=bold"):
        result = subprocess.run([fc_match, "-f", "%{index}|%{file}", pattern], capture_output=True, text=True, timeout=20)
        index, _, path = result.stdout.strip().partition("|")
        if result.returncode == 0 and path and Path(path).is_file():
            found.append(FontFace(path, int(index or 0)))
    return tuple(dict.fromkeys(found))


def _store(path: Path, payload: bytes) -> None:
    """Writes a cache entry so that a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(payload)
    temporary.replace(path)


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
