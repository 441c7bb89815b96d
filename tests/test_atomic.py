"""A build never leaves a broken or half-written site: killed midway, out of disk space, or cached.

The kill test runs a real build of a copy of the bundled plan (benchmarks/generate.py, N = 1)
as a subprocess and interrupts it while it is writing its staging folder.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PAGES, REPO, invoke

from site_builder.errors import SiteBuilderError
from site_builder.pipeline import build

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.building-*")) + sorted(out.parent.glob(f".{out.name}.old-*"))


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(1, tmp_path_factory.mktemp("big") / "project")


@pytest.fixture(scope="module")
def big_build(big_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The previous site: big_site built once, copied by each test that breaks a build of it."""
    out = tmp_path_factory.mktemp("big-built") / "build"
    result = invoke("build", "--source", str(big_site), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def start_build(project: Path, out: Path) -> subprocess.Popen:
    """`python -m site_builder build` as a terminal starts it, with Ctrl-C (SIGINT) at its default.

    A process started with SIGINT ignored keeps it ignored, and Python then installs no KeyboardInterrupt
    handler: that is how a background job (`pytest &` in a script, nohup, some CI runners) starts the
    test run, and the build would rightly ignore the test's Ctrl-C, finish and publish its site. So the
    child is started while this process's handler is Python's own, which exec resets to the default.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "site_builder", "build", "--source", str(project), "--out", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupt_midway(project: Path, out: Path, sig: int) -> tuple[bool, int, str]:
    """Starts a build and sends `sig` once its staging folder holds files. Returns whether the signal was
    sent (False if the build finished first), the build's exit status and its error output."""
    process = start_build(project, out)
    staging_glob = f".{out.name}.building-{process.pid}"
    deadline = time.monotonic() + 120
    caught = False
    while process.poll() is None and time.monotonic() < deadline:
        staging = out.parent / staging_glob
        if staging.is_dir() and any(staging.iterdir()):
            process.send_signal(sig)
            caught = True
            break
        time.sleep(0.002)
    _, stderr = process.communicate(timeout=60)
    return caught, process.returncode, stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_a_build_killed_halfway_leaves_the_previous_site_intact(
    big_site: Path, big_build: Path, tmp_path: Path, sig: int
) -> None:
    out = tmp_path / "build"
    shutil.copytree(big_build, out)
    before = snapshot(out)
    edited = big_site / "content" / "en" / "areas" / "industry.md"
    original = edited.read_text(encoding="utf-8")
    caught = False
    try:
        for attempt in "abcde":
            # A real change, so the build has pages to render and write (an unchanged site is skipped).
            edited.write_text(original + f"\n\nChanged {sig.name} {attempt}.\n", encoding="utf-8")
            # Without the cache every page is written again, which gives the kill a wide window.
            shutil.rmtree(tmp_path / ".build.cache", ignore_errors=True)
            caught, status, stderr = interrupt_midway(big_site, out, sig)
            if caught:
                break
            assert invoke("build", "--source", str(big_site), "--out", str(out)).returncode == 0
            before = snapshot(out)
        assert caught, "the build always finished before it could be interrupted"
        assert status != 0, f"the interrupted build went on and succeeded: {stderr}"
        assert snapshot(out) == before, "the previous site changed"
        if sig == signal.SIGINT:
            assert not leftovers(out), "Ctrl-C cleans its own staging folder"
        else:
            assert leftovers(out), "kill -9 runs no clean-up code"
        # The next build clears what the killed one left, and publishes the edit.
        result = invoke("build", "--source", str(big_site), "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert not leftovers(out)
        assert "Changed" in (out / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")
    finally:
        edited.write_text(original, encoding="utf-8")


def test_a_killed_swap_puts_the_previous_site_back(site: Path) -> None:
    # Killed between moving the old site aside and moving the new one in: only `.build.old-PID` is left.
    out = site / "build"
    assert invoke("build", "--source", str(site), "--out", str(out)).returncode == 0
    before = snapshot(out)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    aside = site / f".build.old-{dead.stdout.strip()}"
    out.rename(aside)
    (site / "data" / "targets.json").write_text("{", encoding="utf-8")  # this build will fail...
    assert invoke("build", "--source", str(site), "--out", str(out)).returncode == 1
    # ...yet it first put the previous site back, and serving goes on.
    assert not leftovers(out)
    assert snapshot(out) == before


def test_a_full_disk_is_one_clear_line_and_the_old_site_stays(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = site / "build"
    build(site, out)
    before = snapshot(out)
    home = site / "content" / "en" / "index.md"
    home.write_text("---\ntitle: Home\nsummary: New\n---\nNew text.\n", encoding="utf-8")
    written = []
    real_write = Path.write_bytes

    def write_until_full(self: Path, data: bytes) -> int:
        if len(written) >= 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        written.append(self)
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_until_full)
    with pytest.raises(SiteBuilderError) as raised:
        build(site, out)
    message = raised.value.format_message()
    assert "No space left on device" in message and "previous site is unchanged" in message
    assert "\n" not in message
    assert snapshot(out) == before
    assert not leftovers(out)


def test_cached_rebuilds_give_the_bytes_of_a_cold_build(site: Path, tmp_path: Path) -> None:
    out = site / "build"
    assert invoke("build", "--source", str(site), "--out", str(out)).returncode == 0
    again = invoke("build", "--source", str(site), "--out", str(out))
    assert again.returncode == 0 and "Up to date" in again.stdout
    page = site / "content" / "en" / "areas" / "industry.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAn added sentence.\n", encoding="utf-8")
    assert invoke("build", "--source", str(site), "--out", str(out)).returncode == 0
    cold = tmp_path / "cold"
    assert invoke("build", "--source", str(site), "--out", str(cold)).returncode == 0
    assert snapshot(out) == snapshot(cold)
    assert "An added sentence." in (out / "en" / "areas" / "industry" / "index.html").read_text(encoding="utf-8")


def test_a_hand_deleted_output_file_is_rebuilt(site: Path) -> None:
    out = site / "build"
    assert invoke("build", "--source", str(site), "--out", str(out)).returncode == 0
    (out / "zh" / "index.html").unlink()
    result = invoke("build", "--source", str(site), "--out", str(out))
    assert result.returncode == 0 and "Up to date" not in result.stdout
    assert (out / "zh" / "index.html").is_file()


def test_charts_with_the_same_figures_on_two_pages_both_render(site: Path, mini_data: dict) -> None:
    # Found by the scale benchmark's synthetic plan: the SVG cache keyed identical charts by one hash
    # and gave only one of them its picture (KeyError).
    from conftest import write_site

    twin = json.loads(json.dumps(mini_data["areas"][0]))
    twin.update(id="industry-twin", number=2)  # the same targets and indicators: the same status chart
    for commitment in twin["commitments"]:
        commitment["id"] += "-twin"
        for target in commitment["targets"]:
            target["id"] += "-twin"
    mini_data["areas"].append(twin)
    twins = {rel.replace("industry", "industry-twin"): text for rel, text in PAGES.items() if "industry" in rel}
    pages = {**PAGES, **twins}
    write_site(site, mini_data, pages)
    result = invoke("build", "--source", str(site), "--out", str(site / "build"))
    assert result.returncode == 0, result.stderr
    for area in ("industry", "industry-twin"):
        assert "<svg" in (site / "build" / "en" / "areas" / area / "index.html").read_text(encoding="utf-8")
