"""Writes a synthetic plan N times the size of the bundled Shaoxing plan, for the scale benchmark.

Copy 0 is the bundled project as it is; copy k (k >= 1) repeats every area, commitment, target,
indicator, outcome and both languages' commentary with ids suffixed `-x{k}` and titles, names and
target labels marked "(copy k)", so the site has 10N areas, 30N commitments and 37N indicators, each
copy with charts of its own. Units, sources and categories are shared, as they
would be in one plan. Usage:

    python benchmarks/generate.py N OUT_DIR
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHART_FENCE = re.compile(r"^(`{3,}|~{3,})\s*chart\s*$")


def suffix(ident: str, k: int) -> str:
    return ident if k == 0 else f"{ident}-x{k}"


def mark(text: dict, k: int) -> dict:
    if k == 0:
        return text
    return {"zh": f"{text['zh']}（副本{k}）", "en": f"{text['en']} (copy {k})"}


def copy_targets(targets: list[dict], k: int) -> list[dict]:
    out = []
    for target in targets:
        target = copy.deepcopy(target)
        target["id"] = suffix(target["id"], k)
        if "label" in target:
            target["label"] = mark(target["label"], k)
        for link in ("reference", "repeats"):  # ids of other targets, which the copy has under its own ids
            if link in target:
                target[link] = suffix(target[link], k)
        out.append(target)
    return out


def scaled_data(data: dict, n: int) -> dict:
    result = copy.deepcopy(data)
    result["areas"], result["indicators"] = [], []
    for k in range(n):
        for area in data["areas"]:
            area = copy.deepcopy(area)
            area["id"] = suffix(area["id"], k)
            area["number"] = len(result["areas"]) + 1
            area["title"] = mark(area["title"], k)
            area["indicators"] = [suffix(i, k) for i in area.get("indicators", [])]
            for commitment in area["commitments"]:
                commitment["id"] = suffix(commitment["id"], k)
                commitment["title"] = mark(commitment["title"], k)
                commitment["targets"] = copy_targets(commitment.get("targets", []), k)
            result["areas"].append(area)
        for indicator in data["indicators"]:
            indicator = copy.deepcopy(indicator)
            indicator["id"] = suffix(indicator["id"], k)
            # Marked, with the target labels that repeat it, so that every copy's charts and images are its
            # own to render (unmarked, copies shared copy 0's charts through the render cache). The copied
            # commentary then names no target of its copy, so the number check finds nothing to contradict.
            indicator["name"] = mark(indicator["name"], k)
            indicator["targets"] = copy_targets(indicator["targets"], k)
            result["indicators"].append(indicator)
    return result


def scaled_markdown(text: str, k: int) -> str:
    """The same commentary with its chart blocks pointing at copy k's indicators."""
    if k == 0:
        return text
    lines, inside = [], False
    for line in text.split("\n"):
        if CHART_FENCE.match(line):
            inside = True
        elif inside and line.strip().startswith(("```", "~~~")):
            inside = False
        elif inside and line.strip():
            line = suffix(line.strip(), k)
        lines.append(line)
    return "\n".join(lines)


def generate(n: int, out: Path, source: Path = REPO) -> Path:
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    data = json.loads((source / "data" / "targets.json").read_text(encoding="utf-8"))
    text = json.dumps(scaled_data(data, n), ensure_ascii=False, indent=2) + "\n"
    (out / "data" / "targets.json").write_text(text, encoding="utf-8")
    if (source / "themes").is_dir():  # a project theme of its own (the default theme is in the package)
        shutil.copytree(source / "themes", out / "themes")
    for lang_dir in sorted((source / "content").iterdir()):
        (out / "content" / lang_dir.name / "areas").mkdir(parents=True)
        shutil.copy2(lang_dir / "index.md", out / "content" / lang_dir.name / "index.md")
        for page in sorted((lang_dir / "areas").glob("*.md")):
            body = page.read_text(encoding="utf-8")
            for k in range(n):
                target = out / "content" / lang_dir.name / "areas" / f"{suffix(page.stem, k)}.md"
                target.write_text(scaled_markdown(body, k), encoding="utf-8")
    # ECharts comes from the checkout's node_modules (config.echarts_file falls back to it).
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
