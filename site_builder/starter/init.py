"""`site-builder init DIR`: writes a new project that checks and builds at once.

It holds the plan's titles and year, one example task area with one commitment, commentary in both
languages, and the npm files that pin ECharts and resvg. Everything an editor must supply is marked
【待填写】 / [TO FILL IN] (or left empty, as the plan's dates are), and `site-builder check` lists each
as a `todo` warning, so a starter cannot reach the public by accident. No figure, source or date is
made up: the example commitment has no target until the editor gives one.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from site_builder.checks.parity import PLACEHOLDER
from site_builder.drafting.facts import UNKNOWN_URL
from site_builder.errors import SiteBuilderError
from site_builder.scaffold import placeholder_page, placeholder_text

FILES = Path(__file__).resolve().parent / "files"  # package.json and its lock, as the package ships them
EXAMPLE_AREA = "example-area"
# Where the plan's own page goes (as import-plan writes it): `check` reports the marker in it.
PLACEHOLDER_URL = UNKNOWN_URL
GITIGNORE = "build/\nnode_modules/\n.site-builder-cache/\n.build.cache/\n.build.building-*\n.build.old-*\n"


def short_title(title: str, lang: str) -> str:
    """"清水市2025年国民经济和社会发展计划" -> "清水市2025年计划": the full name of an annual plan is long."""
    if lang == "zh":
        return re.sub(r"国民经济和社会发展计划$", "计划", title)
    return re.sub(r"\s*National Economic and Social Development Plan$", " Plan", title)


def starter_data(title_zh: str, title_en: str, year: int) -> dict[str, Any]:
    """The data file of a new project: the plan section, the plan as its one source, one example area."""
    return {
        "$schema": "./targets.schema.json",
        "plan": {
            "title": {"zh": title_zh, "en": title_en},
            "short_title": {"zh": short_title(title_zh, "zh"), "en": short_title(title_en, "en")},
            "issuer": placeholder_text("发布机关", "issuing body"),
            "document_number": f"{PLACEHOLDER['zh']}文号",
            "year": year,
            "adopted": None,
            "approved_by": placeholder_text("审议通过的会议", "the meeting that approved it"),
            "published": None,
            "source": "S1",
            "source_url": PLACEHOLDER_URL,
        },
        "units": [{"id": "percent", "zh": "%", "en": "%", "kind": "percent"}],
        "sources": [
            {
                "id": "S1",
                "title": {"zh": title_zh, "en": title_en},
                "publisher": placeholder_text("发布机关", "issuing body"),
                "url": PLACEHOLDER_URL,
                "official": True,
            }
        ],
        "areas": [
            {
                "id": EXAMPLE_AREA,
                "number": 1,
                "title": placeholder_text("第一项任务的标题（计划原文“一、”后的文字）",
                                          "title of the plan's first task area"),
                "commitments": [
                    {
                        "id": f"{EXAMPLE_AREA}-1",
                        "number": 1,
                        "title": placeholder_text("第一条承诺的标题（“（一）”后的文字）",
                                                  "title of its first commitment"),
                        "text": placeholder_text("承诺的计划原文", "the commitment's text, translated"),
                        "targets": [],
                    }
                ],
                "indicators": [],
            }
        ],
        "categories": [],
        "indicators": [],
    }


def _page(title: str, summary: str, body: str) -> str:
    # Quoted as JSON strings, which YAML reads as they are: "[TO FILL IN] ..." would otherwise be a list,
    # and a title with a quote or a colon would break the front matter.
    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    return f"---\ntitle: {quoted(title)}\nsummary: {quoted(summary)}\n---\n{body}\n"


def starter_pages(title_zh: str, title_en: str) -> dict[str, str]:
    """The commentary of a new project, by path under content/: the home page and the example area's."""
    zh, en = PLACEHOLDER["zh"], PLACEHOLDER["en"]
    return {
        "zh/index.md": _page(
            title_zh, f"{zh}一句话介绍本站",
            f"## 计划是什么\n\n{zh}介绍这份计划：谁发布、何时通过、包括哪些任务。\n\n"
            f"## 本站如何组织\n\n{zh}说明每个任务领域一页，列出计划的承诺和目标，并与已公布的结果对照。",
        ),
        "en/index.md": _page(
            title_en, f"{en} One sentence about this site",
            f"## What the plan is\n\n{en} Who issued the plan, when it was approved, what its tasks are.\n\n"
            f"## How this site is organised\n\n{en} One page per task area, with the plan's commitments and "
            "targets beside the outcomes published so far.",
        ),
        f"zh/areas/{EXAMPLE_AREA}.md": placeholder_page("zh"),
        f"en/areas/{EXAMPLE_AREA}.md": placeholder_page("en"),
    }


def init_site(directory: Path, title_zh: str, title_en: str, year: int) -> list[str]:
    """Writes a new project into `directory` (new or empty) and says, line by line, what comes next."""
    if not title_zh.strip() or not title_en.strip():
        raise SiteBuilderError("the plan needs a title in both languages (--title-zh and --title-en)")
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise SiteBuilderError(f"{directory} is not an empty folder: choose a new one, so nothing is overwritten")
    files: dict[str, str] = {
        "site.toml": "# The site's settings; every key is optional (see `site-builder --help` and the README).\n"
        '# base_url = "https://example.org/plan"  # where the site is published, for feeds and the sitemap\n',
        "data/targets.json": json.dumps(starter_data(title_zh.strip(), title_en.strip(), year),
                                        ensure_ascii=False, indent=2) + "\n",
        ".gitignore": GITIGNORE,
        **{f"content/{path}": text for path, text in starter_pages(title_zh.strip(), title_en.strip()).items()},
    }
    for path, text in files.items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(FILES / name, directory / name)
    return [
        f"Created a site for {title_en.strip()} in {directory}.",
        f"Next: cd {directory} && npm ci   (installs ECharts and resvg, which draw the charts)",
        "Then: site-builder check   (lists every place marked 【待填写】 / [TO FILL IN] still to fill in)",
        "      site-builder serve   (shows the site, and reloads it as you edit)",
        "To draft the task areas, commitments and targets from the plan's text:",
        "      site-builder import-plan plan.txt --out data/targets.json --merge",
        "Fill in the plan's dates (\"adopted\", \"published\") and its page (\"source_url\") in data/targets.json.",
    ]
