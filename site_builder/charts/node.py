"""Server-side chart rendering: every chart to an SVG string at build time, in one Node process (threads).

The SVG goes inline into the page, so a reader sees every chart with JavaScript off, in print and in
feeds. Rendered SVGs are cached by a hash of what was charted, so an unchanged chart is never rendered
again. The SVG is cleaned for a strict Content-Security-Policy and for deterministic output: no
`<style>` block, no style attributes (they become presentation attributes), no per-process class
names or ids.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import itertools
import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from site_builder.atomic import write_atomically
from site_builder.charts import svg as svg_cleaning
from site_builder.charts.fonts import BASIC_TEXT, cjk_font_files, cut_fonts_apart
from site_builder.charts.svg import clean_svg
from site_builder.errors import SiteBuilderError

RENDERER = Path(__file__).parent / "node_scripts" / "render_charts.mjs"
TEXT_WIDTHS = RENDERER.with_name("text_widths.mjs")  # the module the renderer measures text with
TEXT_METRICS = Path(__file__).parent / "text_metrics.json"  # the text widths charts are laid out by (text_metrics.py)
CLEANER = Path(svg_cleaning.__file__)  # charts/svg.py, which shapes every cached drawing
CACHE_VERSION = "1"

_RUNS = itertools.count()  # names each Node run's request folder, unique in this process


@dataclass(frozen=True)
class ChartRequest:
    key: str  # the caller's name for the chart
    options: str  # ECharts options, as JSON text
    width: int
    height: int
    locale: str  # "ZH" or "EN"
    patch: str = ""  # options merged over `options` for this layout, as JSON text ("": none)


@dataclass(frozen=True)
class PreviewRequest:
    """An image (PNG): a chart's SVG, as rendered for its page, drawn into an SVG frame (title, site name)."""

    key: str
    chart_svg: str  # the page's SVG of the chart (clean_svg's output: a viewBox, no size)
    frame: str  # an SVG document with a <chart-slot x= y= width= height=/> element where the chart goes
    pixel_width: int = 1200
    font_family: str = "Noto Sans CJK SC"  # drawn with the system's CJK fonts (cjk_font_files), cut to size


@dataclass
class RenderStats:
    rendered: int = 0
    reused: int = 0


class NodeRun:
    """One Node process on a request file, started at once; it prints each result's key as it is done."""

    def __init__(self, request: dict, incoming: Path, *, feed: bool = False, queued: int = 0) -> None:
        node = shutil.which("node")
        if node is None:
            raise SiteBuilderError("Node.js 20+ is needed to render the charts; install it and run `npm ci`")
        self.incoming = incoming
        (incoming / "request.json").write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
        self.stderr = incoming / "stderr.txt"
        with self.stderr.open("wb") as stderr:  # a file: a pipe nobody reads could fill and stall Node
            self.process = subprocess.Popen(
                [node, "--expose-gc", str(RENDERER), str(incoming / "request.json")],
                stdin=subprocess.PIPE if feed else subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr,
                text=True, encoding="utf-8",
            )
        # feed=True: requests go to Node's standard input, a line at a time, through a queue and a thread
        # of their own, so the caller never waits for Node to read them; with queued=N, the caller waits
        # once N lines are waiting (the requests are then made only as fast as Node takes them).
        self.lines: queue.Queue[str | Iterator[str] | None] = queue.Queue(maxsize=queued)
        self.input_closed = False
        self.feeder = threading.Thread(target=self._feed, daemon=True) if feed else None
        if self.feeder is not None:
            self.feeder.start()
        self.done: set[str] = set()  # keys whose result file is complete
        self.ended = False
        self.changed = threading.Condition()
        # stdout is drained as Node writes it, so Node never waits for Python to catch up.
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def send(self, lines: str | Iterator[str]) -> None:
        """One line, or lines made one at a time as Node takes them (tens of thousands of charts' requests,
        made at once, would wait in memory for Node, hundreds of MB of them on a large plan)."""
        self.lines.put(lines)

    def close_input(self) -> None:
        if not self.input_closed:  # callers may close it more than once; a bounded queue must not fill with Nones
            self.input_closed = True
            self.lines.put(None)

    def _feed(self) -> None:
        assert self.process.stdin is not None
        try:
            for item in iter(self.lines.get, None):
                for line in [item] if isinstance(item, str) else item:
                    self.process.stdin.write(line)
            self.process.stdin.close()
        except (BrokenPipeError, OSError):  # Node ended early; wait_for() reports why
            while self.lines.get() is not None:  # and the senders must not wait on a full queue
                pass

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self.changed:
                self.done.add(line.strip())
                self.changed.notify_all()
        self.process.wait()
        with self.changed:
            self.ended = True
            self.changed.notify_all()

    def wait_for(self, key: str | None) -> None:
        """Blocks until `key`'s result is ready (None: until Node has ended); raises if Node failed."""
        with self.changed:
            while not self.ended and (key is None or key not in self.done):
                self.changed.wait()
            ok = (key in self.done) if key is not None else self.process.returncode == 0
        if not ok:
            detail = ""
            if self.stderr.exists():
                detail = self.stderr.read_text(encoding="utf-8", errors="replace").strip()[-2000:]
            raise SiteBuilderError(f"rendering in Node failed (exit status {self.process.returncode}): {detail}")

    def stop(self) -> None:
        """Ends the process if it still runs (the build failed), and removes its request folder."""
        if self.process.poll() is None:
            self.process.kill()
        if self.feeder is not None:
            self.close_input()
            self.feeder.join()
        self.reader.join()
        shutil.rmtree(self.incoming, ignore_errors=True)


class ChartJob:
    """Charts drawn by a Node process beside the build, in the order the pages need them. Each is cleaned
    into the cache once and read back from there after: tens of thousands are too many to hold in memory."""

    def __init__(self, run: NodeRun, cache_dir: Path) -> None:
        self.run, self.cache_dir = run, cache_dir
        self.taken: set[str] = set()  # drawings cleaned into the cache
        self.lock = threading.Lock()

    def svg(self, key: str) -> str:
        cached = self.cache_dir / "svg" / f"{key}.svg"
        with self.lock:
            if key in self.taken:
                return cached.read_text(encoding="utf-8")
            self.run.wait_for(key)
            svg = clean_svg((self.run.incoming / "svg" / f"{key}.svg").read_text(encoding="utf-8"))
            write_atomically(cached, svg.encode("utf-8"))
            self.taken.add(key)
            return svg

    def wait(self) -> None:
        """Waits for Node to end; takes in the SVGs no page asked for (a partial rebuild's), then cleans up."""
        self.run.wait_for(None)
        for key in sorted(self.run.done - self.taken):
            self.svg(key)
        self.run.stop()

    def stop(self) -> None:
        self.run.stop()


class Drawings:
    """Every chart's SVG by the caller's key: read from the cache, or from Node, waited for when asked."""

    def __init__(self, keys: dict[str, str], cached: dict[str, Path], job: ChartJob | None) -> None:
        self.keys, self.cached, self.job = keys, cached, job  # caller's key -> hash; hash -> cache file; Node's job

    def svg(self, key: str) -> str:
        digest = self.keys[key]
        if digest in self.cached:
            return self.cached[digest].read_text(encoding="utf-8")
        assert self.job is not None, f"chart {key} is neither cached nor sent to Node"
        return self.job.svg(digest)


class ImageJob:
    """Preview images, drawn by a Node process (started at the first image the cache lacks) into the
    cache, each sent as soon as the build has its chart's SVG; `finish()` waits for them all."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.paths: dict[str, Path] = {}  # each image's cache file, by the caller's key
        self.sent: set[str] = set()
        self.run: NodeRun | None = None

    def submit(self, preview: PreviewRequest) -> None:
        """Draws `preview` unless the cache has it. Waits while Node has IMAGES_QUEUED images in hand."""
        renderer = self.renderer
        key = renderer._key("png", [preview.chart_svg, preview.frame, preview.pixel_width, preview.font_family,
                                    [[f.path, f.index] for f in cjk_font_files()]])
        self.paths[preview.key] = cached = renderer.cache_dir / "png" / f"{key}.png"
        if key in self.sent or cached.is_file():
            return
        if self.run is None:
            incoming = renderer._incoming("png")
            incoming.mkdir(parents=True)
            (renderer.cache_dir / "png").mkdir(parents=True, exist_ok=True)
            fonts = renderer._fonts.result() if renderer._fonts is not None else []
            self.run = NodeRun({"mode": "png", "packages": str(renderer.packages),
                                "outDir": str(renderer.cache_dir / "png"), "input": "-",
                                "threads": DRAWING_THREADS, "fontFiles": fonts},
                               incoming, feed=True, queued=IMAGES_QUEUED)
        line = {"key": key, "chart": preview.chart_svg, "frame": preview.frame, "pixelWidth": preview.pixel_width,
                "fontFamily": preview.font_family}
        self.run.send(json.dumps(line, ensure_ascii=False) + "\n")
        self.sent.add(key)

    def finish(self) -> dict[str, Path]:
        """Waits for Node to draw every image submitted; each image's cache file, by the caller's key."""
        if self.run is not None:
            self.run.close_input()
            self.run.wait_for(None)
            self.run.stop()
        return dict(self.paths)

    def wait(self) -> None:
        self.finish()

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()


class Renderer:
    """Renders charts (SVG) and preview images (PNG), reusing what the cache holds.

    Both run in Node processes in the background while Python renders pages: charts in the order the
    pages need them (a page waits only for its own), each image as soon as the chart it shows is ready.
    """

    def __init__(self, packages: Path, cache_dir: Path) -> None:
        self.packages = packages  # the node_modules folder holding echarts (and @resvg/resvg-js)
        self.cache_dir = cache_dir
        version = json.loads((packages / "echarts" / "package.json").read_text(encoding="utf-8"))["version"]
        # Anything that changes the output invalidates the cache: versions, the renderer, this module.
        self.salt = hashlib.sha256(
            "\0".join(
                [
                    CACHE_VERSION,
                    version,
                    RENDERER.read_text(encoding="utf-8"),
                    TEXT_WIDTHS.read_text(encoding="utf-8"),
                    Path(__file__).read_text(encoding="utf-8"),
                    CLEANER.read_text(encoding="utf-8"),  # the cache holds cleaned SVG
                    hashlib.sha256(TEXT_METRICS.read_bytes()).hexdigest(),
                ]
            ).encode("utf-8")
        ).hexdigest()
        self.stats = RenderStats()
        self.jobs: list[ChartJob | ImageJob] = []
        self._fonts: concurrent.futures.Future[list[str]] | None = None  # the image fonts, being cut
        # Charts submitted so far: each caller's key -> its hash; the SVGs the cache had; the hashes sent
        # to Node; the characters they hold (for the image fonts). One renderer serves one build.
        self._chart_keys: dict[str, str] = {}
        self._cached: dict[str, Path] = {}
        self._sent: dict[str, ChartRequest] = {}  # hash -> the chart, in the order Node is to draw them
        self._chars: set[str] = set()
        self._chart_job: ChartJob | None = None

    def _key_text(self, kind: str, payload: object) -> str:
        return json.dumps([self.salt, kind, payload], sort_keys=True, ensure_ascii=False)

    def _key(self, kind: str, payload: object) -> str:
        return hashlib.sha256(self._key_text(kind, payload).encode("utf-8")).hexdigest()

    def submit(self, chart: ChartRequest) -> None:
        """One chart: Node starts drawing it at once, unless the cache has it."""
        if chart.key in self._chart_keys:
            return
        text = self._key_text("svg", [chart.options, chart.patch, chart.width, chart.height, chart.locale])
        self._chars.update(text)
        key = self._chart_keys[chart.key] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if key in self._cached or key in self._sent:
            return
        cached = self.cache_dir / "svg" / f"{key}.svg"
        if cached.is_file():
            self._cached[key] = cached
            return
        if self._chart_job is None:
            incoming = self._incoming("svg")
            incoming.mkdir(parents=True)
            run = NodeRun({"mode": "svg", "packages": str(self.packages), "outDir": str(incoming), "input": "-",
                           "threads": DRAWING_THREADS, "textMetrics": str(TEXT_METRICS)}, incoming, feed=True)
            self._chart_job = ChartJob(run, self.cache_dir)
            self.jobs.append(self._chart_job)
        self._sent[key] = chart

    def draw(self, charts: list[ChartRequest], images_text: Iterable[str] | None = None) -> Drawings:
        """Every chart's drawing, by the callers' keys: from the cache, or sent to Node now, which draws
        them in the order given (the order the pages need them). No chart can be added after this.

        images_text: what the images' frames will draw besides these charts (titles). Given it, the
        image fonts are cut down to the characters in use in a child process, while Node draws the charts.
        """
        for chart in charts:
            self.submit(chart)
        if self._chart_job is not None:
            self._chart_job.run.send(_request_lines(self._sent))
            self._chart_job.run.close_input()
        if images_text is not None:
            chars = self._chars | set(BASIC_TEXT)
            for text in images_text:
                chars.update(text)
            pool = concurrent.futures.ThreadPoolExecutor(1)
            self._fonts = pool.submit(self._cut_fonts, "".join(sorted(chars)))
            pool.shutdown(wait=False)  # the thread waits for the child process meanwhile
        for chart in charts:
            if self._chart_keys[chart.key] in self._cached:
                self.stats.reused += 1
        self.stats.rendered += len(self._sent)
        return Drawings(self._chart_keys, self._cached, self._chart_job)

    def images(self) -> ImageJob:
        """A job that draws preview images as they are submitted (after draw(): it uses the cut fonts)."""
        job = ImageJob(self)
        self.jobs.append(job)
        return job

    def wait(self) -> None:
        """Waits for every background job; raises if one failed."""
        for job in self.jobs:
            job.wait()

    def stop(self) -> None:
        """Ends every background job still running (the build failed or needs no more)."""
        for job in self.jobs:
            job.stop()

    def _incoming(self, kind: str) -> Path:
        incoming = self.cache_dir / f".incoming-{os.getpid()}-{kind}-{next(_RUNS)}"
        shutil.rmtree(incoming, ignore_errors=True)
        return incoming

    def _cut_fonts(self, text: str) -> list[str]:
        """The image fonts cut down to `text`'s characters, as files for resvg (cached).

        resvg parses every font file it is given for each image: with the whole 19 MB CJK fonts that is
        about 200 ms an image, with a subset of the characters in use it is a few."""
        return cut_fonts_apart(text, self.cache_dir / "fonts")


# Worker threads drawing charts, each printing its charts' keys as they are done (a page waits for its own
# only): one per core but the one Python renders pages on, as each thread's garbage collection and
# compiler keep about a third of a core more busy (on 2 cores a second thread made the build no faster).
DRAWING_THREADS = max(1, (os.cpu_count() or 1) - 1)
# Images take as many (they run beside the charts' threads and Python): at 100 times Shaoxing on 2 cores, a
# thread per core held 53 MB more at the build's peak for a build 4% faster, and none faster at 1 time.
# Preview requests waiting for Node at most: each holds its chart's SVG, and Python can make them far
# faster than Node draws them, so without a bound thousands of them would wait in memory.
IMAGES_QUEUED = 32


def _request_lines(charts: dict[str, ChartRequest]) -> Iterator[str]:
    """Node's request for each chart, made as it is sent; the options are JSON text already, spliced in."""
    for key, chart in charts.items():
        line = json.dumps({"key": key, "width": chart.width, "height": chart.height, "locale": chart.locale})
        patch = f', "patch": {chart.patch}' if chart.patch else ""
        yield f'{line[:-1]}, "options": {chart.options}{patch}}}\n'
