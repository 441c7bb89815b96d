"""Time from saving a Markdown file to the browser's reload message, with `site-builder serve` running.

Runs the server on a copy of the bundled site and on a site ten times its size (every area, commitment,
indicator and commentary file copied ten times under new ids), connects to it the way livereload.js
does, saves an area's commentary N times (a second apart, well inside livereload's 3-second ignore
window) and records how long each reload message took. Prints the median, 90th percentile and maximum.

    .venv/bin/python benchmarks/reload.py [--edits 20] [--scales 1,10]

Not a test: timings depend on the machine and its load. Compare numbers from one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def scaled_copy(target: Path, scale: int) -> Path:
    """The bundled sources in `target`, with areas and indicators copied `scale` times under new ids."""
    shutil.copytree(REPO / "content", target / "content")
    (target / "data").mkdir()
    (target / "node_modules").symlink_to(REPO / "node_modules")
    data = json.loads((REPO / "data" / "targets.json").read_text(encoding="utf-8"))
    areas, indicators = list(data["areas"]), list(data["indicators"])
    for copy in range(2, scale + 1):
        suffix = f"-copy{copy}"
        for indicator in indicators:
            clone = json.loads(json.dumps(indicator))
            clone["id"] += suffix
            for target_ in clone["targets"]:
                target_["id"] += suffix
                if target_.get("reference"):
                    target_["reference"] += suffix
            data["indicators"].append(clone)
        for area in areas:
            clone = json.loads(json.dumps(area))
            clone["id"] += suffix
            clone["number"] += len(areas) * (copy - 1)
            clone["indicators"] = [i + suffix for i in clone["indicators"]]
            for commitment in clone["commitments"]:
                commitment["id"] += suffix
                for target_ in commitment.get("targets", []):
                    target_["id"] += suffix
            data["areas"].append(clone)
            for lang in ("zh", "en"):
                source = REPO / "content" / lang / "areas" / f"{area['id']}.md"
                # The copy's chart blocks name the copy's indicators: a replacement string rather than a
                # closure over the loop's `suffix`, so what is substituted is fixed when the line runs.
                original = source.read_text(encoding="utf-8")
                text = re.sub(r"(```chart\n)([a-z0-9-]+)\n", rf"\g<1>\g<2>{suffix}\n", original)
                (target / "content" / lang / "areas" / f"{clone['id']}.md").write_text(text, encoding="utf-8")
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (target / "data" / "targets.json").write_text(text, encoding="utf-8")
    return target


def count_pages(scale: int) -> int:
    data = json.loads((REPO / "data" / "targets.json").read_text(encoding="utf-8"))
    # The entry page, and per language: home, indicator list, each area and each indicator.
    return 1 + 2 * (2 + scale * (len(data["areas"]) + len(data["indicators"])))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def measure(base: str, page: Path, edits: int) -> list[float]:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    host = base.split("//", 1)[1].rstrip("/")
    connection = await websocket_connect(HTTPRequest(f"ws://{host}/livereload", headers={"Origin": f"http://{host}"}))
    await connection.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await connection.read_message()
    await connection.write_message(json.dumps({"command": "info", "url": base, "plugins": {}}))
    await asyncio.sleep(0.5)
    original = page.read_text(encoding="utf-8")
    times: list[float] = []
    extra = 0
    for n in range(edits):
        # A reload nobody caused would make the next edit look instant: count and drop it.
        while True:
            try:
                await asyncio.wait_for(connection.read_message(), timeout=0.05)
                extra += 1
            except TimeoutError:
                break
        started = time.perf_counter()
        page.write_text(original + f"\nEdit {'x' * (n + 1)}.\n", encoding="utf-8")
        message = json.loads(await asyncio.wait_for(connection.read_message(), timeout=60))
        assert message["command"] == "reload"
        times.append(time.perf_counter() - started)
        await asyncio.sleep(1.0)
    connection.close()
    if extra:
        print(f"warning: {extra} reload messages that no edit caused", file=sys.stderr)
    return times


def run(scale: int, edits: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        root = scaled_copy(Path(folder) / "site", scale)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "serve", "--source", str(root), "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(base + "en/", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            return asyncio.run(measure(base, root / "content" / "en" / "areas" / "industry.md", edits))
        finally:
            server.terminate()
            server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--scales", default="1,10")
    args = parser.parse_args()
    print("| site | pages | edits | median | 90th percentile | max |")
    print("| --- | --- | --- | --- | --- | --- |")
    for scale in (int(s) for s in args.scales.split(",")):
        times = sorted(run(scale, args.edits))
        p90 = times[max(0, int(len(times) * 0.9) - 1)]
        pages = count_pages(scale)
        label = "bundled" if scale == 1 else f"bundled x{scale}"
        print(f"(scale {scale}: first build done; {len(times)} edits measured)", file=sys.stderr)
        median, most = statistics.median(times) * 1000, times[-1] * 1000
        print(f"| {label} | {pages} | {len(times)} | {median:.0f} ms | {p90 * 1000:.0f} ms | {most:.0f} ms |")


if __name__ == "__main__":
    main()
