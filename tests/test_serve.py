"""`site-builder serve`: serves the build, picks up an edit, reloads browsers through livereload's
protocol, and keeps serving through a broken edit with the problems on every page."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


@pytest.fixture
def server(site: Path):
    yield from start_server(site)


def start_server(site: Path):
    port = free_port()
    log = (site.parent / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        # Deprecation warnings are errors here: livereload and tornado must run quietly on newer Pythons.
        [
            sys.executable, "-W", "error::DeprecationWarning", "-m", "site_builder",
            "serve", "--source", str(site), "--port", str(port),
        ],
        # To a file, not a pipe nobody reads: a full pipe would block the server.
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    assert wait_for(lambda: "<html" in fetch(base + "zh/"), timeout=120), "server did not start"
    yield base
    assert process.poll() is None, "the server stopped:\n" + (site.parent / "serve.log").read_text(encoding="utf-8")
    process.terminate()
    process.wait(timeout=10)
    log.close()


def test_serves_rebuilds_and_survives_a_broken_edit(site: Path, server: str) -> None:
    page = site / "content" / "zh" / "areas" / "industry.md"
    page.write_text(page.read_text(encoding="utf-8").replace("说明。", "编辑后的说明。"), encoding="utf-8")
    assert wait_for(lambda: "编辑后的说明" in fetch(server + "zh/areas/industry/"))

    data = site / "data" / "targets.json"
    good = data.read_text(encoding="utf-8")
    data.write_text(good[:100], encoding="utf-8")
    time.sleep(1.5)
    assert "编辑后的说明" in fetch(server + "zh/areas/industry/")  # the last good site is still served

    data.write_text(good, encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace("编辑后的说明", "再次修改"), encoding="utf-8")
    assert wait_for(lambda: "再次修改" in fetch(server + "zh/areas/industry/"))


def test_binds_to_loopback_by_default() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "serve", "--help"], capture_output=True, text=True, check=False
    )
    assert "127.0.0.1" in result.stdout


def test_broken_data_shows_the_problem_on_every_page_until_fixed(site: Path, server: str) -> None:
    data = site / "data" / "targets.json"
    good = data.read_text(encoding="utf-8")
    broken = good.replace('"value": 13.7', '"value": "13.7"')
    data.write_text(broken, encoding="utf-8")
    assert wait_for(lambda: "site-builder-error" in fetch(server + "en/"))
    page = fetch(server + "zh/areas/industry/")
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if '"13.7"' in text)
    assert f"data/targets.json:{line}:" in page  # file and line
    assert "&#x27;value&#x27; must be a number" in page  # the message
    assert html_escape('"value": "13.7"') in page  # the offending line of source
    assert "说明" in page  # the last good site is still there, under the panel
    data.write_text(good, encoding="utf-8")
    assert wait_for(lambda: "site-builder-error" not in fetch(server + "zh/areas/industry/"))


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


async def reload_messages(url: str, edits: list, origin: str | None = None) -> list[dict]:
    """Connects as livereload.js does, makes each edit, and collects the reload messages that follow."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    host = url.split("//", 1)[1].rstrip("/")
    request = HTTPRequest(f"ws://{host}/livereload", headers={"Origin": origin or f"http://{host}"})
    connection = await websocket_connect(request)
    hello = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
    await connection.write_message(json.dumps(hello))
    assert json.loads(await connection.read_message())["command"] == "hello"
    await connection.write_message(json.dumps({"command": "info", "url": url, "plugins": {}}))
    await asyncio.sleep(0.2)
    received = []
    for edit in edits:
        edit()
        message = await asyncio.wait_for(connection.read_message(), timeout=15)
        received.append(json.loads(message))
    connection.close()
    return received


def test_every_edit_sends_a_reload_even_two_within_three_seconds(site: Path, server: str) -> None:
    page = site / "content" / "en" / "areas" / "industry.md"

    def edit(word: str):
        def write() -> None:
            page.write_text(page.read_text(encoding="utf-8").replace("Text", f"Text {word}", 1), encoding="utf-8")

        return write

    messages = asyncio.run(reload_messages(server, [edit("one"), edit("two")]))
    assert [m["command"] for m in messages] == ["reload", "reload"]
    assert "Text two one." in fetch(server + "en/areas/industry/")


def test_reload_socket_refuses_other_origins(server: str) -> None:
    from tornado.httpclient import HTTPClientError

    with pytest.raises(HTTPClientError):
        asyncio.run(reload_messages(server, [], origin="http://elsewhere.example"))


def test_reload_script_is_on_every_page_whatever_its_size(site: Path, server: str) -> None:
    from site_builder.serve.server import inject

    big = "<HTML><HEAD>" + "x" * 100_000 + "</HEAD><BODY><p>hi</p></BODY></HTML>"
    injected = inject(big, '<script src="/livereload.js"></script>', "")
    assert re.search(r"<script src=\"/livereload.js[^>]*></script></BODY>", injected)
    assert inject("<p>no body</p>", "<script></script>", "").endswith("<script></script>")
    for path in ("", "zh/", "en/areas/industry/", "zh/indicators/"):
        assert '<script src="/livereload.js?port=' in fetch(server + path)


async def answers(app, paths: list[str]) -> dict[str, tuple[int, str]]:
    """The status and body of each path, from `app` served in this process on a free port."""
    from tornado.httpclient import AsyncHTTPClient
    from tornado.httpserver import HTTPServer
    from tornado.testing import bind_unused_port

    sock, port = bind_unused_port()
    server = HTTPServer(app)
    server.add_sockets([sock])
    client = AsyncHTTPClient()
    found = {}
    for path in paths:
        response = await client.fetch(f"http://127.0.0.1:{port}{path}", raise_error=False)
        found[path] = (response.code, (response.body or b"").decode("utf-8"))
    server.stop()
    return found


def test_a_missing_page_gets_the_sites_own_404_page_in_its_language(site: Path) -> None:
    from urllib.parse import urljoin

    from conftest import invoke

    from site_builder.serve.server import Status, make_app

    out = site / "build"
    assert invoke("build", "--source", str(site), "--out", str(out)).returncode == 0
    app = make_app(site, out, Status())
    found = asyncio.run(answers(app, ["/en/areas/no-such-area/", "/zh/no-such-page", "/no-such-file.html"]))
    english, chinese, elsewhere = found.values()
    assert english[0] == chinese[0] == elsewhere[0] == 404

    def as_built(page: str) -> str:  # without what serve adds: the <base> and the reload script
        return re.sub(r'<base href="[^"]*">|<script src="/livereload\.js\?port=\d+"></script>', "", page)

    assert as_built(english[1]) == (out / "en" / "404.html").read_text(encoding="utf-8")
    assert as_built(chinese[1]) == (out / "zh" / "404.html").read_text(encoding="utf-8")
    assert as_built(elsewhere[1]) == as_built(chinese[1])  # no root 404 page: the default language's
    assert '<script src="/livereload.js?port=' in english[1]  # still reloads when the page is added
    # Its links were made for en/404.html: at /en/areas/no-such-area/ they still reach the site's styles.
    base = re.search(r'<base href="([^"]+)">', english[1])
    sheet = re.search(r'<link rel="stylesheet" href="([^"]+site\.css)">', english[1])
    assert base and sheet
    [(code, css)] = asyncio.run(answers(app, [urljoin(base[1], sheet[1])])).values()
    assert code == 200 and "{" in css
    # A site with a root 404 page has it served outside the language folders.
    (out / "404.html").write_text("<!doctype html><html><head></head><body>root 404</body></html>", encoding="utf-8")
    [(code, page)] = asyncio.run(answers(app, ["/assets/no-such.css"])).values()
    assert code == 404 and "root 404" in page


def test_the_packaged_default_theme_is_watched_as_the_sites_own_files_are(site: Path) -> None:
    # In a checkout, the bundled site's theme is the package's: an edit there must rebuild too.
    from site_builder.serve.server import snapshot
    from site_builder.sources.config import DEFAULT_THEME

    watched = snapshot(site)
    assert DEFAULT_THEME / "templates" / "area.html" in watched
    assert site / "data" / "targets.json" in watched
