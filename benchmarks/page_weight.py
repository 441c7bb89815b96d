"""Page weight: what each page costs a reader on first load, gzipped.

Counts the HTML and everything it loads before any interaction: stylesheets, scripts with a `src`,
images, icons and fonts the stylesheets point to. ECharts is not counted because the pages load it only
when a reader interacts with a chart; the report lists its size separately.

    python benchmarks/page_weight.py [BUILD_DIR]     (default: build/, built first if missing)

Writes benchmarks/results/page-weight.md and prints it.
"""

from __future__ import annotations

import gzip
import re
import statistics
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "page-weight.md"


class Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "") in {"stylesheet", "icon"} and a.get("href"):
            self.found.append(a["href"])  # type: ignore[arg-type]
        elif tag in {"script", "img"} and a.get("src"):
            self.found.append(a["src"])  # type: ignore[arg-type]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def first_load(page: Path) -> dict[str, int]:
    parser = Assets()
    html = page.read_bytes()
    parser.feed(html.decode("utf-8"))
    sizes = {"html": gz(html), "css": 0, "js": 0, "other": 0}
    for link in parser.found:
        path = (page.parent / urlsplit(link).path).resolve()
        kind = {".css": "css", ".js": "js"}.get(path.suffix, "other")
        sizes[kind] += gz(path.read_bytes())
        if kind == "css":  # fonts and images a stylesheet pulls in
            for ref in re.findall(r"url\(['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
                if not ref.startswith("data:"):
                    sizes["other"] += gz((path.parent / ref).resolve().read_bytes())
    sizes["total"] = sum(sizes.values())
    return sizes


def main() -> None:
    build = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build"
    if not build.is_dir():
        command = [sys.executable, "-m", "site_builder", "build", "--source", str(ROOT), "--out", str(build)]
        subprocess.run(command, check=True)
    rows = {p.relative_to(build).as_posix(): first_load(p) for p in sorted(build.rglob("*.html"))}
    kinds = {
        "entry and home pages": [r for k, r in rows.items() if k.count("/") <= 1],
        "area pages": [r for k, r in rows.items() if "/areas/" in k],
        "indicator pages": [r for k, r in rows.items() if "/indicators/" in k and k.count("/") == 3],
        "indicator list pages": [r for k, r in rows.items() if k.endswith("indicators/index.html")],
    }
    echarts = build / "assets" / "vendor" / "echarts.min.js"
    lines = [
        "# Page weight (first load, gzip -9)",
        "",
        "HTML plus the stylesheets, scripts, icons and images a page loads before any interaction.",
        f"ECharts ({gz(echarts.read_bytes()) / 1000:.0f} KB gzipped) loads only when a reader interacts with a chart.",
        "",
        "| pages | count | median KB | largest KB | largest page |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, group in kinds.items():
        if not group:
            continue
        totals = [r["total"] for r in group]
        largest = max((k for k, r in rows.items() if r in group), key=lambda k: rows[k]["total"])
        median, most = statistics.median(totals) / 1000, max(totals) / 1000
        lines.append(f"| {name} | {len(group)} | {median:.1f} | {most:.1f} | `{largest}` |")
    biggest = max(rows, key=lambda k: rows[k]["total"])
    b = rows[biggest]
    lines += [
        "",
        f"Heaviest page `{biggest}`: HTML {b['html'] / 1000:.1f} KB, CSS {b['css'] / 1000:.1f} KB, "
        f"JS {b['js'] / 1000:.1f} KB, other {b['other'] / 1000:.1f} KB.",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
