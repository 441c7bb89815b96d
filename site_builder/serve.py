"""A small preview server: build, serve the output folder, rebuild when a source file changes.

A failed rebuild prints its problems and keeps serving the last good site.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

import click

from .build import build
from .errors import SiteBuilderError

WATCHED = ("content", "data", "themes", "site.toml")


def snapshot(root: Path) -> dict[Path, float]:
    stamps: dict[Path, float] = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            stamps[path] = path.stat().st_mtime_ns
        elif path.is_dir():
            for file in path.rglob("*"):
                if file.is_file():
                    stamps[file] = file.stat().st_mtime_ns
    return stamps


def rebuild(root: Path, out: Path) -> bool:
    try:
        result = build(root, out)
    except SiteBuilderError as exc:
        exc.show()
        click.echo("Build failed; still serving the last good site.", err=True)
        return False
    click.echo(f"Built {result.pages} pages.")
    return True


def watch(root: Path, out: Path, stop: threading.Event, interval: float = 0.3) -> None:
    seen = snapshot(root)
    while not stop.wait(interval):
        now = snapshot(root)
        if now != seen:
            seen = now
            rebuild(root, out)


def serve(root: Path, out: Path, host: str, port: int) -> None:
    root = root.resolve()
    out = out.resolve()
    if not rebuild(root, out) and not out.exists():
        raise SiteBuilderError("the first build failed and there is no earlier site to serve")
    stop = threading.Event()
    threading.Thread(target=watch, args=(root, out, stop), daemon=True).start()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            # Resolve against the output folder at request time: a rebuild swaps the folder.
            self.directory = str(out)
            return super().translate_path(path)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            pass

    server = http.server.ThreadingHTTPServer((host, port), functools.partial(Handler, directory=str(out)))
    click.echo(f"Serving {out} at http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        time.sleep(0)
