"""Scale benchmark: builds a synthetic plan N times Shaoxing's size and compares it with a yardstick.

For each N it measures, each as a whole process (wall time and peak memory):
- cold: no output folder and no cache;
- no change: the same command again;
- one edit: one area's English commentary gains a paragraph;
- yardstick: benchmarks/yardstick.py (the same pages, embed pages included, one Jinja2 template, one
  Markdown instance)
  plus benchmarks/ssr_charts.js (every drawing the build makes, each chart in each of its layouts, rendered
  to SVG by ECharts with the same text widths, in one Node process and one thread); its time is the sum of
  the two, its memory the larger.
Peak memory is the largest sum, sampled every 50 ms, of the proportional set size (PSS) of the command and
the processes it runs at once (the build runs Node and pagefind beside Python), or the largest single
process's peak resident memory if that is larger. PSS counts a page shared by several processes once,
split among them. A sum of resident memory counted what the two Node processes share twice, and a child
caught between fork and exec counted its parent's whole memory again (seen at N = 100: a 520 MB copy
of the build's Python, for an instant; two runs of one build had read 1,073 and 1,588 MB).
Results before the PSS runs of 2026-12-01 summed resident memory. Each figure is the median of --repeat
runs. It prints a Markdown table and writes it to benchmarks/results/scale.md. Usage:

    .venv/bin/python benchmarks/scale.py [--sizes 1,10,100] [--repeat 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

OPTIONS = re.compile(r'<script type="application/json" id="([^"]*)-options">(.*?)</script>', re.S)
LAYOUTS = re.compile(r'<script type="application/json" id="([^"]*)-layouts">(.*?)</script>', re.S)
TEXT_METRICS = REPO / "site_builder" / "charts" / "text_metrics.json"
EDITED = "content/en/areas/industry.md"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the largest sum, at any moment, of the PSS of the process and its children


def tree_pss_kb(root: int) -> int:
    """Proportional set size (KB) of a process and all its descendants, from /proc, summed at this moment."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue  # it ended meanwhile
        children.setdefault(ppid, []).append(int(entry.name))
        rss[int(entry.name)] = pages * PAGE_KB
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid, rss.get(pid, 0))
        todo.extend(children.get(pid, []))
    return total


def _pss_kb(pid: int, rss_kb: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass  # it ended meanwhile, or the kernel has no smaps_rollup: its resident memory instead
    return rss_kb


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def measure(command: list[str], cwd: Path = REPO) -> Run:
    """Runs one process to the end: its wall time and its peak memory, counting every process it
    started that ran at the same time (the build runs Python, Node and pagefind side by side)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_pss_kb(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode() if process.stderr else ''}")
    # ru_maxrss: the largest single process's peak, which sampling every 50 ms might miss.
    return Run(seconds, max(peak, usage.ru_maxrss) / 1024)


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.seconds for r in runs), statistics.median(r.peak_mb for r in runs))


def chart_options(build: Path, target: Path) -> int:
    """Every drawing the build makes, taken from the built pages, one JSON object a line (for the
    yardstick): each chart's options in each of its layouts, {"options", "width", "height", "patch",
    "locale"}, as the build asks Node for them.

    A chart shown on two pages (an area's and its indicator's) is one chart, drawn once, as in the build.
    """
    seen: set[tuple[str, str]] = set()
    drawings = 0
    with target.open("w", encoding="utf-8") as out:
        for page in sorted(build.rglob("*.html")):
            lang = page.relative_to(build).parts[0]
            html = page.read_text(encoding="utf-8")
            layouts = {found.group(1): json.loads(found.group(2)) for found in LAYOUTS.finditer(html)}
            for found in OPTIONS.finditer(html):
                if (lang, found.group(1)) in seen:
                    continue
                seen.add((lang, found.group(1)))
                options = json.loads(found.group(2))
                for layout in layouts[found.group(1)]:
                    line = {"options": options, "width": layout["width"], "height": layout["height"],
                            "patch": layout["patch"], "locale": lang.upper()}
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    drawings += 1
    return drawings


def bench(n: int, repeat: int, work: Path) -> dict:
    project = generate(n, work / f"n{n}")
    out = project / "build"
    build = [sys.executable, "-m", "site_builder", "build", "--source", str(project), "--out", str(out)]
    cold, unchanged, edited, yard = [], [], [], []
    edit = project / EDITED
    original = edit.read_text(encoding="utf-8")
    for round_ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(project / ".build.cache", ignore_errors=True)  # the page cache
        shutil.rmtree(project / ".site-builder-cache", ignore_errors=True)  # the SVG cache
        cold.append(measure(build))
        unchanged.append(measure(build))
        edit.write_text(original + f"\n\nEdited paragraph {round_}.\n", encoding="utf-8")
        edited.append(measure(build))
    edit.write_text(original, encoding="utf-8")
    options = work / f"n{n}-charts.jsonl"
    charts = chart_options(out, options)  # drawings: every layout of every chart
    pages = sum(1 for _ in out.rglob("index.html"))
    embeds = work / f"n{n}-embeds.txt"
    embed_pages = sorted(out.glob("*/embed/*/index.html"))
    embeds.write_text("".join(f"{p.parent.relative_to(out).as_posix()}\n" for p in embed_pages), encoding="utf-8")
    for _ in range(repeat):
        shutil.rmtree(work / "yardstick", ignore_errors=True)
        yardstick_pages = work / "yardstick" / "pages"
        loop = measure([sys.executable, str(HERE / "yardstick.py"), str(project), str(yardstick_pages), str(embeds)])
        node = measure(["node", str(HERE / "ssr_charts.js"), str(options), str(work / "yardstick" / "charts"),
                        str(TEXT_METRICS)])
        yard.append(Run(loop.seconds + node.seconds, max(loop.peak_mb, node.peak_mb)))
    data = json.loads((project / "data" / "targets.json").read_text(encoding="utf-8"))
    return {
        "n": n,
        "areas": len(data["areas"]),
        "indicators": len(data["indicators"]),
        "pages": pages,
        "charts": charts,
        "cold": median(cold),
        "unchanged": median(unchanged),
        "edited": median(edited),
        "yardstick": median(yard),
    }


def table(results: list[dict]) -> str:
    rows = [
        "| N | areas / indicators / pages / drawings | cold build | no-change rebuild | one-edit rebuild "
        "| yardstick | cold ÷ yardstick |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c, u, e, y = r["cold"], r["unchanged"], r["edited"], r["yardstick"]
        rows.append(
            f"| {r['n']} | {r['areas']} / {r['indicators']} / {r['pages']} / {r['charts']} "
            f"| {c.seconds:.2f} s / {c.peak_mb:.0f} MB | {u.seconds:.2f} s / {u.peak_mb:.0f} MB "
            f"| {e.seconds:.2f} s / {e.peak_mb:.0f} MB | {y.seconds:.2f} s / {y.peak_mb:.0f} MB "
            f"| {c.seconds / y.seconds:.2f} |"
        )
    by_n = {r["n"]: r for r in results}
    notes = []
    if 10 in by_n and 100 in by_n:
        growth = by_n[100]["cold"].seconds / by_n[10]["cold"].seconds
        notes.append(f"Cold build from N = 10 to N = 100: ×{growth:.1f} for ×10 the plan.")
    if 100 in by_n:
        r = by_n[100]
        share = r["unchanged"].seconds / r["cold"].seconds
        notes.append(f"No-change rebuild at N = 100: {share:.1%} of the cold build.")
    return "\n".join(rows) + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="site-builder-scale-"))
    results = [bench(int(n), args.repeat, work) for n in args.sizes.split(",")]
    header = (
        f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; medians of {args.repeat} runs, each a whole process "
        "(wall time / peak memory: the PSS of the process and its children together).\n\n"
    )
    report = header + table(results)
    print(report)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "scale.md").write_text("# Scale benchmark\n\n" + report, encoding="utf-8")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
