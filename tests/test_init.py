"""`site-builder init`: a new site for another city's plan checks and builds at once, holds nothing of
Shaoxing, and lists what the editor still has to fill in. And an installed (not editable) site_builder
builds both the bundled site and a new one: the theme, strings and Node script are package data."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, invoke
from markupsafe import escape

from site_builder.sources.config import DEFAULT_THEME

TITLE_ZH = "清水市2025年国民经济和社会发展计划"
TITLE_EN = "Qingshui 2025 National Economic and Social Development Plan"
SHAOXING = re.compile(r"Shaoxing|绍兴|2021")


def _init(folder: Path, *extra: str) -> subprocess.CompletedProcess:
    return invoke("init", str(folder), "--title-zh", TITLE_ZH, "--title-en", TITLE_EN, "--year", "2025", *extra)


def _mentions_of_shaoxing(build: Path) -> list[str]:
    found = []
    for path in sorted(build.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".txt", ".js", ".css", ".svg"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(build)}: {m.group(0)}" for m in SHAOXING.finditer(text)]
    return found


def test_a_new_site_checks_and_builds_with_its_own_title_and_nothing_of_shaoxing(tmp_path: Path) -> None:
    site = tmp_path / "qingshui"
    made = _init(site)
    assert made.returncode == 0, made.stderr
    assert "npm ci" in made.stdout  # the next step is named

    checked = invoke("check", "--source", str(site))
    assert checked.returncode == 0, checked.stderr
    warnings = checked.stderr.strip().splitlines()
    assert warnings and all(line.endswith("[todo]") for line in warnings), checked.stderr
    assert len(warnings) == len(set(warnings)), "a placeholder is reported once"
    # What the editor must supply is listed, each at its place in the file.
    for field in ("plan issuer", "plan document_number", "plan adopted", "plan published", "plan source_url",
                  "area 'example-area' title", "commitment 'example-area-1' text"):
        assert any(w.startswith("data/targets.json:") and field in w for w in warnings), field
    assert any(w.startswith("content/en/index.md:") for w in warnings)
    assert invoke("check", "--source", str(site), "--strict").returncode == 1  # cannot be published by accident

    built = invoke("build", "--source", str(site))
    assert built.returncode == 0, built.stderr
    out = site / "build"
    assert _mentions_of_shaoxing(out) == []
    assert TITLE_ZH in (out / "zh" / "index.html").read_text(encoding="utf-8")
    english = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert TITLE_EN in english and "Qingshui 2025 Plan" in english  # the short title, made from the long one
    assert "2025" in (out / "en" / "indicators" / "index.html").read_text(encoding="utf-8")


def test_init_never_writes_into_a_folder_that_has_files(tmp_path: Path) -> None:
    site = tmp_path / "taken"
    site.mkdir()
    (site / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = _init(site)
    assert result.returncode == 1 and "not an empty folder" in result.stderr
    assert [p.name for p in site.iterdir()] == ["notes.txt"]


def test_init_without_a_terminal_names_the_missing_option(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "new"), "--title-en", TITLE_EN, "--year", "2025")
    assert result.returncode == 2 and "--title-zh" in result.stderr and "Aborted" not in result.stderr
    assert not (tmp_path / "new").exists()


def test_the_default_theme_names_no_city_and_no_year() -> None:
    found = []
    for path in sorted(DEFAULT_THEME.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".toml", ".js", ".css"}:
            text = path.read_text(encoding="utf-8")
            found += [f"{path.name}: {m.group(0)}" for m in re.finditer(r"Shaoxing|绍兴|\b20\d\d\b|20\d\d年", text)]
    assert found == []


def _installed(tmp_path: Path) -> Path:
    """site_builder installed from a copy of its sources, as `pip install .` does (not editable)."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, sources / name)
    shutil.copytree(REPO / "site_builder", sources / "site_builder", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(sources)],
                   check=True, capture_output=True, timeout=300)
    return target


def _run_installed(target: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def test_an_installed_site_builder_builds_the_bundled_site_and_a_new_one(tmp_path: Path) -> None:
    target = _installed(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    probe = subprocess.run([sys.executable, "-c", "import site_builder; print(site_builder.__file__)"], cwd=work,
                           env={**os.environ, "PYTHONPATH": str(target)}, capture_output=True, text=True, check=True)
    assert probe.stdout.startswith(str(target)), probe.stdout  # not the checkout's

    bundled = work / "bundled"
    for name in ("data", "content"):
        shutil.copytree(REPO / name, bundled / name)
    # Without the site's npm packages (and none beside an installed package) the error names the fix.
    missing = _run_installed(target, "build", "--source", str(bundled), cwd=work)
    assert missing.returncode == 1 and "npm ci" in missing.stderr and "Traceback" not in missing.stderr
    (bundled / "node_modules").symlink_to(REPO / "node_modules")  # what `npm ci` in the site installs
    built = _run_installed(target, "build", "--source", str(bundled), cwd=work)
    assert built.returncode == 0, built.stderr
    assert "绍兴" in (bundled / "build" / "zh" / "index.html").read_text(encoding="utf-8")
    assert (bundled / "build" / "assets" / "site.css").is_file()

    made = _run_installed(target, "init", "qingshui", "--title-zh", TITLE_ZH, "--title-en", TITLE_EN,
                          "--year", "2025", cwd=work)
    assert made.returncode == 0, made.stderr
    site = work / "qingshui"
    assert (site / "package-lock.json").is_file()
    (site / "node_modules").symlink_to(REPO / "node_modules")
    new = _run_installed(target, "build", cwd=site)
    assert new.returncode == 0, new.stderr
    assert TITLE_EN in (site / "build" / "en" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["package.json", "package-lock.json"])
def test_a_new_site_pins_the_same_chart_packages_as_the_bundled_one(name: str) -> None:
    import json

    def pinned(path: Path) -> dict[str, str]:
        document = json.loads(path.read_text(encoding="utf-8"))
        if name == "package.json":
            return document["dependencies"]
        return {k: v["version"] for k, v in document["packages"].items() if k.startswith("node_modules/")
                and k.split("node_modules/")[-1] in {"echarts", "@resvg/resvg-js", "zrender", "tslib"}}

    starter = REPO / "site_builder" / "starter" / "files" / name
    assert pinned(starter) and pinned(starter) == pinned(REPO / name)


def test_a_site_whose_npm_packages_lack_resvg_is_told_to_run_npm_ci(tmp_path: Path) -> None:
    site = tmp_path / "qingshui"
    assert _init(site).returncode == 0
    (site / "node_modules").mkdir()
    (site / "node_modules" / "echarts").symlink_to(REPO / "node_modules" / "echarts")  # resvg left out
    result = invoke("build", "--source", str(site))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "resvg" in result.stderr and f"run `npm ci` in {site}" in result.stderr
    assert not (site / "build").exists()


def test_init_on_a_terminal_asks_for_what_was_left_out(tmp_path: Path) -> None:
    import pty
    import select

    site = tmp_path / "asked"
    command = [sys.executable, "-m", "site_builder", "init", str(site)]
    pid, terminal = pty.fork()
    if pid == 0:  # the child, on the terminal
        os.execvpe(command[0], command, {**os.environ, "PYTHONPATH": str(REPO)})
    said = b""
    # A year that is not one is asked for again, not a crash.
    answers = [(b"in Chinese", TITLE_ZH), (b"in English", TITLE_EN), (b"year", "soon"), (b"year", "2025")]
    while True:
        if not select.select([terminal], [], [], 60)[0]:  # a prompt never came: don't wait for ever
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(terminal, 1024)
        except OSError:  # the child ended and closed the terminal
            break
        if not chunk:
            break
        said += chunk
        if answers and answers[0][0] in said:
            os.write(terminal, answers.pop(0)[1].encode("utf-8") + b"\n")
            said = b""
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and not answers
    written = (site / "data" / "targets.json").read_text(encoding="utf-8")
    assert TITLE_ZH in written and '"year": 2025' in written


def test_a_title_with_quotes_and_a_colon_still_makes_a_site_that_checks(tmp_path: Path) -> None:
    site = tmp_path / "quoted"
    title = 'Qingshui "2025": Plan'
    assert invoke("init", str(site), "--title-zh", "清水市“2025”年计划：试", "--title-en", title,
                  "--year", "2025").returncode == 0
    checked = invoke("check", "--source", str(site))
    assert checked.returncode == 0, checked.stderr
    assert invoke("build", "--source", str(site)).returncode == 0
    assert str(escape(title)) in (site / "build" / "en" / "index.html").read_text(encoding="utf-8")
