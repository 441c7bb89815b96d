"""The preview server: build, serve, rebuild what an edit affects, reload every open browser.

Built on tornado with livereload's browser protocol (its WebSocket handler and livereload.js), but
not on livereload's `Server`, whose known traps would break an editor's loop:

- it ignores changes for 3 seconds after a reload: here every change is picked up, and changes made
  during a rebuild start another one;
- it injects its script only before a lowercase `</head>` in the first 64 KiB: here the script goes
  before `</body>` (or at the end), whatever the page's size or case;
- it polls the whole tree every 800 ms and rebuilds on the server's only thread: here a watcher thread
  polls the sources every 100 ms, waits until a save is complete (files unchanged for 30 ms) and
  rebuilds there, while tornado keeps serving the last good site;
- its WebSocket accepts any origin: here only pages of this server may connect, and it binds to
  127.0.0.1 unless told otherwise.

A failed rebuild keeps the last good site and shows the problems on every page (file, line, column,
message and the line of source), in the browser and in the terminal; the next good build clears them.
"""

from __future__ import annotations

import asyncio
import functools
import html
import json
import logging
import mimetypes
import re
import threading
import time
import warnings
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import click

with warnings.catch_warnings():
    # livereload's modules use APIs newer Pythons deprecate (utcfromtimestamp, IOLoop.instance); the
    # parts used here do not call them, so their import-time noise is not the editor's business.
    warnings.simplefilter("ignore", DeprecationWarning)
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web
from tornado.ioloop import IOLoop

from site_builder.errors import ContentError, Problem, SiteBuilderError
from site_builder.serve.incremental import SiteState, Update
from site_builder.sources.config import DEFAULT_THEME
from site_builder.sources.i18n import DEFAULT_LANGUAGE, LANGUAGES

WATCHED = ("content", "data", "themes", "site.toml")
POLL_SECONDS = 0.1
SETTLE_SECONDS = 0.03
PANEL_CSS = Path(__file__).with_name("error.css")
BODY_END = "</body>"


@dataclass
class Status:
    """What the browser should see besides the site: the problems of the last failed build, if any."""

    problems: list[Problem] = field(default_factory=list)
    message: str = ""  # an error that is not about one file (ECharts missing, a template crash)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.message)


def snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    stamps: dict[Path, tuple[int, int]] = {}
    # The packaged default theme too: in a checkout, editing it is editing the bundled site's theme.
    for path in [*(root / name for name in WATCHED), DEFAULT_THEME]:
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            try:
                stat = file.stat()
            except OSError:
                continue  # removed between listing and stat: the next poll sees it gone
            stamps[file] = (stat.st_mtime_ns, stat.st_size)
    return stamps


def source_line(root: Path, problem: Problem) -> str:
    try:
        lines = (root / problem.path).read_text(encoding="utf-8", errors="replace").split("\n")
        return lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
    except OSError:
        return ""


def error_panel(root: Path, status: Status) -> str:
    """The problems as HTML, each with the line of source it points at and a caret under the column."""
    items = []
    for problem in status.problems[:50]:
        line = source_line(root, problem)
        caret = " " * (problem.col - 1) + "^" if line else ""
        items.append(
            f'<li><p class="sb-where">{html.escape(problem.path)}:{problem.line}:{problem.col}'
            f' <span class="sb-level">{problem.level}</span>'
            f' <span class="sb-kind">[{html.escape(problem.kind or "")}]</span></p>'
            f'<p class="sb-message">{html.escape(problem.message)}</p>'
            + (f'<pre class="sb-source">{problem.line:>5} | {html.escape(line)}\n      | {caret}</pre>' if line else "")
            + "</li>"
        )
    more = len(status.problems) - 50
    extra = f"<p>… {more} more in the terminal.</p>" if more > 0 else ""
    message = f'<p class="sb-message">{html.escape(status.message)}</p>' if status.message else ""
    return (
        '<link rel="stylesheet" href="/__site_builder/error.css">'
        '<section id="site-builder-error" role="alert" aria-labelledby="sb-title">'
        '<h2 id="sb-title">The last edit broke the build / 最近一次修改导致构建失败</h2>'
        "<p>Still showing the last good site. Fix the file and save: this page reloads by itself. "
        "/ 仍在显示上一次成功构建的网站；修改并保存后，页面会自动刷新。</p>"
        f"{message}<ol>{''.join(items)}</ol>{extra}</section>"
    )


def inject(page: str, script: str, panel: str) -> str:
    """The reload script before the last </body> (any case, any size), the error panel first in <body>."""
    lowered = page.lower()
    if panel:
        start = lowered.find("<body")
        after = lowered.find(">", start) + 1 if start >= 0 else 0
        page = page[:after] + panel + page[after:]
        lowered = page.lower()
    end = lowered.rfind(BODY_END)
    return page[:end] + script + page[end:] if end >= 0 else page + script


def not_found_page(out: Path, path: str) -> str:
    """The site's own 404 page for the address asked for, as a host would serve it: the English one under
    /en/, the site's root 404.html elsewhere when it has one, else the default language's. Its links are
    relative to where it was built, so a <base> makes them work at whatever address it answers."""
    first = path.split("/", 1)[0]
    choices = [f"{first}/404.html"] if first in LANGUAGES else []
    choices += ["404.html", f"{DEFAULT_LANGUAGE}/404.html"]
    for choice in choices:
        try:
            page = (out / choice).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        base = f'<base href="/{choice}">'
        head = re.search(r"<head\b[^>]*>", page, re.IGNORECASE)
        return page[: head.end()] + base + page[head.end():] if head else base + page
    return f"<!doctype html><html><body><h1>404</h1><p>{html.escape(path)}</p></body></html>"


class OwnOriginReload(LiveReloadHandler):
    """livereload's WebSocket, refusing pages from other origins (livereload accepts any)."""

    def check_origin(self, origin: str) -> bool:
        return urlsplit(origin).netloc == self.request.host


class ErrorCSS(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.write(PANEL_CSS.read_bytes())


class SiteHandler(web.RequestHandler):
    """The output folder, resolved at request time (a full rebuild swaps it), with the reload script."""

    def initialize(self, out: Path, root: Path, status: Status) -> None:
        self.out, self.root, self.status = out, root, status

    def head(self, path: str) -> None:
        self.get(path)

    def get(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")
        target = (self.out / path).resolve()
        if self.out != target and self.out not in target.parents:
            raise web.HTTPError(404)
        if target.is_dir():
            if path and not path.endswith("/"):
                self.redirect("/" + path + "/")
                return
            target = target / "index.html"
        script = '<script src="/livereload.js?port={}"></script>'.format(self.request.host.rpartition(":")[2] or "80")
        with self.status.lock:
            panel = error_panel(self.root, self.status) if self.status.failed else ""
        if not target.is_file():
            self.set_status(404)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.write(inject(not_found_page(self.out, path), script, panel))
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        payload = target.read_bytes()
        if kind == "text/html":
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.write(inject(payload.decode("utf-8", errors="replace"), script, panel))
            return
        self.set_header("Content-Type", kind)
        self.write(payload)


def send_reload(path: str = "*") -> int:
    """livereload's reload message to every connected browser; call on the IOLoop's thread."""
    message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
    sent = 0
    for waiter in list(LiveReloadHandler.waiters):
        try:
            waiter.write_message(json.dumps(message))
            sent += 1
        except Exception:  # a closed tab: forget it
            LiveReloadHandler.waiters.discard(waiter)
    return sent


class Rebuilder:
    """Watches the sources and rebuilds on a thread of its own, so serving never waits for a build."""

    def __init__(self, state: SiteState, status: Status, loop: IOLoop) -> None:
        self.state, self.status, self.loop = state, status, loop
        self.stop = threading.Event()

    def first_build(self) -> None:
        self._run(self.state.full, "Built")

    def watch(self) -> None:
        seen = snapshot(self.state.root)
        while not self.stop.wait(POLL_SECONDS):
            now = snapshot(self.state.root)
            if now == seen:
                continue
            now = self._settled(now)
            changed = {p for p in now.keys() | seen.keys() if now.get(p) != seen.get(p)}
            seen = now  # an edit saved during the rebuild differs from this snapshot: it is picked up next
            # Bound now, not looked up when called: `changed` is rebound on every pass of the loop.
            self._run(functools.partial(self.state.update, changed), "Rebuilt")

    def _settled(self, now: dict[Path, tuple[int, int]]) -> dict[Path, tuple[int, int]]:
        """Waits until the files stop changing (a save that truncates, then writes, is two changes), so
        a half-written file is not built and shown as an error; at most half a second."""
        for _ in range(int(0.5 / SETTLE_SECONDS)):
            time.sleep(SETTLE_SECONDS)
            later = snapshot(self.state.root)
            if later == now:
                break
            now = later
        return now

    def _run(self, step: Callable[[], Update], verb: str) -> None:
        try:
            update = step()
        except ContentError as exc:
            with self.status.lock:
                self.status.problems, self.status.message = list(exc.problems), ""
            exc.show()
            click.echo("Build failed; still serving the last good site.", err=True)
        except SiteBuilderError as exc:
            self._failed(exc.format_message())
        except Exception as exc:  # a bug must not stop the server an editor is looking at
            self._failed(f"unexpected error ({type(exc).__name__}: {exc}); please report it")
        else:
            with self.status.lock:
                self.status.problems, self.status.message = [], ""
            for warning in update.result.warnings:
                click.echo(str(warning), err=True)
            written = ", ".join(update.written[:5]) + (" …" if len(update.written) > 5 else "")
            listed = f": {written}" if written else ""
            click.echo(f"{verb} {len(update.written)} files in {update.seconds * 1000:.0f} ms{listed}")
        self.loop.add_callback(self._reload)

    def _failed(self, message: str) -> None:
        with self.status.lock:
            self.status.problems, self.status.message = [], message
        click.echo(f"Error: {message}\nBuild failed; still serving the last good site.", err=True)

    @staticmethod
    def _reload() -> None:
        sent = send_reload()
        if sent:
            click.echo(f"Reloaded {sent} browser{'s' if sent != 1 else ''}.")


def make_app(root: Path, out: Path, status: Status) -> web.Application:
    return web.Application(
        [
            (r"/livereload", OwnOriginReload),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/__site_builder/error\.css", ErrorCSS),
            (r"/(.*)", SiteHandler, {"out": out, "root": root, "status": status}),
        ]
    )


def serve(root: Path, out: Path, host: str, port: int, *, open_browser: bool = False, strict: bool = False) -> None:
    try:
        asyncio.run(_serve(root.resolve(), out.resolve(), host, port, open_browser, strict))
    except KeyboardInterrupt:
        click.echo("Stopped.")


async def _serve(root: Path, out: Path, host: str, port: int, open_browser: bool, strict: bool) -> None:
    logging.getLogger("tornado.access").setLevel(logging.ERROR)  # the terminal is for the editor's problems
    status = Status()
    loop = IOLoop.current()
    rebuilder = Rebuilder(SiteState(root, out, strict=strict), status, loop)
    rebuilder.first_build()
    try:
        make_app(root, out, status).listen(port, address=host)
    except OSError as exc:
        raise SiteBuilderError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port") from None
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    click.echo(f"Serving {out} at {url} (Ctrl-C to stop)")
    watcher = threading.Thread(target=rebuilder.watch, name="site-builder-watch", daemon=True)
    watcher.start()
    if open_browser:
        webbrowser.open(url)
    try:
        await asyncio.Event().wait()
    finally:
        rebuilder.stop.set()  # the watcher thread sees it within POLL_SECONDS
