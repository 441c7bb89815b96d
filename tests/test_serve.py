"""`site-builder serve`: serves the build, picks up an edit, and keeps serving through a broken edit."""

from __future__ import annotations

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
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "serve", "--source", str(site), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    assert wait_for(lambda: "<html" in fetch(base + "zh/"), timeout=120), "server did not start"
    yield base
    process.terminate()
    process.wait(timeout=10)


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
    result = subprocess.run([sys.executable, "-m", "site_builder", "serve", "--help"], capture_output=True, text=True)
    assert "127.0.0.1" in result.stdout
