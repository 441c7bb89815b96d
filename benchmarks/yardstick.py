"""Yardstick, page half: the same pages as the build, rendered by a bare loop with one Jinja2 template
and one Markdown instance (no validation, no sanitising, no charts, no formatting of figures).

Usage: python benchmarks/yardstick.py SOURCE OUT_DIR [EMBED_LIST]

EMBED_LIST names the build's chart embed pages, one output folder a line ("en/embed/gdp-growth"): the
yardstick writes a page for each too, so that it renders as many pages as the build.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import markdown
from jinja2 import Environment

TEMPLATE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1>
<nav><a href="../">{{ plan.short_title[lang] }}</a></nav>
<main>{{ body }}
{% for item in items %}<section><h2>{{ item.title }}</h2><p>{{ item.text }}</p>
{% for target in item.targets %}<p>{{ target.id }}: {{ target.kind }} {{ target.value }} {{ target.unit }}
{% for o in target.outcomes %}<span>{{ o.period }} {{ o.year }} {{ o.value }} {{ o.source }}</span>\
{% endfor %}</p>{% endfor %}
</section>{% endfor %}</main></body></html>
"""


def main(source: Path, out: Path, embeds: Path | None = None) -> int:
    data = json.loads((source / "data" / "targets.json").read_text(encoding="utf-8"))
    md = markdown.Markdown(extensions=["tables", "footnotes", "attr_list", "fenced_code", "sane_lists", "toc"])
    template = Environment(autoescape=True).from_string(TEMPLATE)
    indicators = {i["id"]: i for i in data["indicators"]}
    count = 0

    def page(rel: str, lang: str, title: str, md_file: Path | None, items: list[dict]) -> None:
        nonlocal count
        body = md.reset().convert(md_file.read_text(encoding="utf-8")) if md_file and md_file.is_file() else ""
        target = out / rel / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        html = template.render(lang=lang, title=title, plan=data["plan"], body=body, items=items)
        target.write_text(html, encoding="utf-8")
        count += 1

    def indicator_items(ids: list[str], lang: str) -> list[dict]:
        return [{"title": indicators[i]["name"][lang], "text": indicators[i]["target_text"][lang],
                 "targets": indicators[i]["targets"]} for i in ids]

    page("", "zh", data["plan"]["title"]["zh"], None, [])
    for lang in ("zh", "en"):
        content = source / "content" / lang
        every = [i["id"] for i in data["indicators"]]
        page(lang, lang, data["plan"]["title"][lang], content / "index.md", indicator_items(every, lang))
        for area in data["areas"]:
            items = [{"title": c["title"][lang], "text": c["text"][lang], "targets": c.get("targets", [])}
                     for c in area["commitments"]]
            page(f"{lang}/areas/{area['id']}", lang, area["title"][lang], content / "areas" / f"{area['id']}.md",
                 items + indicator_items(area.get("indicators", []), lang))
        page(f"{lang}/indicators", lang, "indicators", None, indicator_items(every, lang))
        for ident in every:
            name = indicators[ident]["name"][lang]
            page(f"{lang}/indicators/{ident}", lang, name, None, indicator_items([ident], lang))
    for rel in embeds.read_text(encoding="utf-8").split() if embeds else []:
        page(rel, rel.split("/")[0], rel.rsplit("/", 1)[-1], None, [])
    print(f"{count} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None))
