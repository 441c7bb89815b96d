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
runs. It prints a Markdown table and writes it to benchmarks/results/scale.md.

With --years, it also builds sites of several plan years (benchmarks/generate.py's generate_years: each
year N times Shaoxing, --years-size N) and measures their cold builds, to show whether a site's cost grows
in step with its years. Each run notes the machine's load: the 1-minute load average as it started, and
how many cores the processes outside the build kept busy while it ran (all busy time in /proc/stat less
the build's own CPU time), so that a run another agent's tests disturbed can be told apart and run again.
That table replaces the "Several plan years" section of scale.md and leaves the rest of the file alone.
Usage:

    .venv/bin/python benchmarks/scale.py [--sizes 1,10,100] [--repeat 3] [--work DIR]
    .venv/bin/python benchmarks/scale.py --sizes "" --years 1,2,5,10 [--years-size 10] [--repeat 3]
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
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import FIRST_YEAR, generate, generate_years  # noqa: E402

OPTIONS = re.compile(r'<script type="application/json" id="([^"]*)-options">(.*?)</script>', re.S)
LAYOUTS = re.compile(r'<script type="application/json" id="([^"]*)-layouts">(.*?)</script>', re.S)
TEXT_METRICS = REPO / "site_builder" / "charts" / "text_metrics.json"
EDITED = "content/en/areas/industry.md"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the largest sum, at any moment, of the PSS of the process and its children
    load: float = 0.0  # the 1-minute load average as the run started
    others: float = 0.0  # cores kept busy by processes outside the run (and this one), on average while it ran
    cpu: float = 0.0  # CPU seconds of the run's processes: less disturbed than wall time by a busy machine


def cpu_busy() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot, from /proc/stat (idle and iowait are not busy)."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(t) for t in stat.readline().split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


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
    load, (busy, total), mine = os.getloadavg()[0], cpu_busy(), os.times()
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
    (busy_after, total_after), mine_after = cpu_busy(), os.times()
    # rusage counts the command and the children it waited for (Node, pagefind): the run's own CPU time.
    # This process's sampling of /proc (about a tenth of a core) is not another agent's: left out too.
    cpu = usage.ru_utime + usage.ru_stime
    sampling = mine_after.user + mine_after.system - mine.user - mine.system
    others = (busy_after - busy) / max(total_after - total, 1) * (os.cpu_count() or 1) - (cpu + sampling) / seconds
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode() if process.stderr else ''}")
    # ru_maxrss: the largest single process's peak, which sampling every 50 ms might miss.
    return Run(seconds, max(peak, usage.ru_maxrss) / 1024, load, max(others, 0.0), cpu)


def median(runs: list[Run]) -> Run:
    """The median time and memory; the load is the highest of the runs (the one most disturbed)."""
    return Run(statistics.median(r.seconds for r in runs), statistics.median(r.peak_mb for r in runs),
               max(r.load for r in runs), max(r.others for r in runs), statistics.median(r.cpu for r in runs))


def chart_options(build: Path, target: Path, by_content: bool = False) -> int:
    """Every drawing the build makes, taken from the built pages, one JSON object a line (for the
    yardstick): each chart's options in each of its layouts, {"options", "width", "height", "patch",
    "locale"}, as the build asks Node for them.

    A chart shown on two pages (an area's and its indicator's) is one chart, drawn once, as in the build.
    by_content: a drawing is known by its language, options and layout, as the build's cache knows it, not
    by its chart's id. A site of several years needs it: each year's chart of an indicator has the same id
    and other figures, and is drawn for each year. It counts what the build reports ("charts: N rendered"),
    and fewer than by id for one year too (2,672 against 3,392 at N = 10: charts of the same options drawn
    once); the yardstick of the sizes keeps the count by id its published results were measured with.
    """
    seen: set[tuple[str, ...]] = set()
    drawings = 0
    with target.open("w", encoding="utf-8") as out:
        for page in sorted(build.rglob("*.html")):
            lang = page.relative_to(build).parts[0]
            html = page.read_text(encoding="utf-8")
            layouts = {found.group(1): json.loads(found.group(2)) for found in LAYOUTS.finditer(html)}
            for found in OPTIONS.finditer(html):
                if not by_content and (lang, found.group(1)) in seen:
                    continue
                seen.add((lang, found.group(1)))
                options = json.loads(found.group(2))
                for layout in layouts[found.group(1)]:
                    key = (lang, found.group(2), json.dumps(layout, sort_keys=True))
                    if by_content and key in seen:
                        continue
                    seen.add(key)
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


def bench_years(n: int, years: int, repeat: int, work: Path) -> dict:
    """Cold builds of a site of `years` plan years, each N times Shaoxing."""
    project = generate_years(n, years, work / f"n{n}-y{years}")
    out = project / "build"
    build = [sys.executable, "-m", "site_builder", "build", "--source", str(project), "--out", str(out)]
    cold = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(project / ".build.cache", ignore_errors=True)
        shutil.rmtree(project / ".site-builder-cache", ignore_errors=True)
        cold.append(measure(build))
        print(f"  N = {n}, {years} years: {cold[-1]}", file=sys.stderr)
    charts = chart_options(out, work / f"n{n}-y{years}-charts.jsonl", by_content=True)
    pages = sum(1 for _ in out.rglob("index.html"))
    shutil.rmtree(project)  # 10 years at N = 100 is some GB; the next size needs the room
    return {"n": n, "years": years, "pages": pages, "charts": charts, "cold": median(cold), "runs": cold}


def years_table(results: list[dict], repeat: int) -> str:
    """The cold builds by number of years, each year's share against the one-year site's (a ratio of 1.00 at
    every count is linear growth), and what each year added costs."""
    base = next((r for r in results if r["years"] == 1), results[0])
    one = {key: getattr(base["cold"], key) / base["years"] for key in ("seconds", "cpu", "peak_mb")}
    rows = [
        "| N | years | pages / drawings | cold build: wall / CPU / peak memory | wall a year (÷ one year's) "
        "| CPU a year (÷ one year's) | memory a year (÷ one year's) | each run's wall | load as it started "
        "/ other processes' cores |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c, y = r["cold"], r["years"]
        each = ", ".join(f"{run.seconds:.0f}" for run in r["runs"])
        rows.append(
            f"| {r['n']} | {y} | {r['pages']} / {r['charts']} | {c.seconds:.1f} s / {c.cpu:.1f} s / {c.peak_mb:.0f} MB "
            f"| {c.seconds / y:.1f} s ({c.seconds / y / one['seconds']:.2f}) | {c.cpu / y:.1f} s "
            f"({c.cpu / y / one['cpu']:.2f}) | {c.peak_mb / y:.0f} MB ({c.peak_mb / y / one['peak_mb']:.2f}) "
            f"| {each} s | {c.load:.1f} / {c.others:.2f} |"
        )
    notes = []
    for before, after in pairwise(results):
        added = after["years"] - before["years"]
        if added > 0:
            b, a = before["cold"], after["cold"]
            notes.append(
                f"From {before['years']} to {after['years']} years, each year added: "
                f"+{(a.seconds - b.seconds) / added:.1f} s wall, +{(a.cpu - b.cpu) / added:.1f} s CPU, "
                f"+{(a.peak_mb - b.peak_mb) / added:.0f} MB."
            )
    header = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; cold builds (no output, no cache), medians "
        f"of {repeat} runs (CPU: user and system time of the build's processes); the load columns are the most "
        f"disturbed run's. Years from {FIRST_YEAR}.\n\n"
    )
    return header + "\n".join(rows) + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"


YEARS_HEADING = "## Several plan years"


def write_years_section(path: Path, text: str) -> None:
    """Puts `text` under YEARS_HEADING in the results file, in place of what was there (up to the next
    section), or as the first section: the history of the other sections is kept."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Scale benchmark\n\n"
    section = f"{YEARS_HEADING}\n\n{text}\n"
    found = re.search(rf"^{re.escape(YEARS_HEADING)}\n.*?(?=^## |\Z)", old, re.M | re.S)
    if found:
        new = old[:found.start()] + section + old[found.end():]
    else:
        title = re.search(r"^# .*\n\n", old)
        at = title.end() if title else 0
        new = old[:at] + section + old[at:]
    path.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--years", default="", help="numbers of plan years to build, as 1,2,5,10 (default: none)")
    parser.add_argument("--years-size", type=int, default=10, help="N of each year's plan (default: 10)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="site-builder-scale-"))
    (HERE / "results").mkdir(exist_ok=True)
    if args.sizes:
        results = [bench(int(n), args.repeat, work) for n in args.sizes.split(",")]
        header = (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}; medians of {args.repeat} runs, each a whole process "
            "(wall time / peak memory: the PSS of the process and its children together).\n\n"
        )
        report = header + table(results)
        print(report)
        (HERE / "results" / "scale.md").write_text("# Scale benchmark\n\n" + report, encoding="utf-8")
    if args.years:
        by_years = [bench_years(args.years_size, int(y), args.repeat, work) for y in args.years.split(",")]
        report = years_table(by_years, args.repeat)
        print(report)
        write_years_section(HERE / "results" / "scale.md", report)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
