"""A site whose every editor-written text carries script and markup payloads (shared by the hostile tests).

Each payload would set `window.__pwned` if it ever ran; the tests check that it never does and that the
text is shown to the reader as the characters the editor typed.
"""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path

from conftest import MINI_DATA, PAGES, write_site

PAYLOAD = (
    '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    '<a href="javascript:window.__pwned=3">x</a>'
)

MARKDOWN_PAYLOADS = """
<script>window.__pwned = 4</script>

<img src="x" onerror="window.__pwned = 5">

[a link](javascript:window.__pwned=6) and <a href="JaVaScRiPt:window.__pwned=7">another</a>

<p style="background:url(javascript:window.__pwned=8)" onclick="window.__pwned=9">styled</p>

<svg><script>window.__pwned=10</script></svg><iframe src="javascript:window.__pwned=11"></iframe>

```chart
gdp-growth
```
"""


def _poison(node: object) -> object:
    """Appends the payload to every text an editor writes (a {zh, en} pair, a unit name, free text)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if (key in {"zh", "en"} and isinstance(value, str)) or key == "document_number":
                out[key] = value + PAYLOAD
            else:
                out[key] = _poison(value)
        return out
    if isinstance(node, list):
        return [_poison(item) for item in node]
    return node


def hostile_data() -> dict:
    data = _poison(copy.deepcopy(MINI_DATA))
    assert isinstance(data, dict)
    # Fields the fixture leaves out, so that every kind of text field carries a payload.
    indicator = data["indicators"][0]
    indicator["note"] = {"zh": "注" + PAYLOAD, "en": "Note" + PAYLOAD}
    indicator["definition"] = {"zh": "定义" + PAYLOAD, "en": "Definition" + PAYLOAD}
    outcome = indicator["targets"][0]["outcomes"][0]
    outcome["note"] = {"zh": "注" + PAYLOAD, "en": "Note" + PAYLOAD}
    outcome["basis"] = {"zh": "口径" + PAYLOAD, "en": "Basis" + PAYLOAD}
    data["sources"][0]["note"] = {"zh": "注" + PAYLOAD, "en": "Note" + PAYLOAD}
    data["categories"][0]["groups"] = [{"id": "g", "name": {"zh": "组" + PAYLOAD, "en": "Group" + PAYLOAD}}]
    data["indicators"][1]["group"] = "g"
    # A chart that draws the other indicator's series beside its own: its name is a series name.
    data["indicators"][1]["targets"] = [
        {
            "id": "cpi",
            "kind": "in_step_with",
            "reference": "gdp-growth",
            "label": {"zh": "同步" + PAYLOAD, "en": "In step" + PAYLOAD},
        }
    ]
    return data


def hostile_pages() -> dict[str, str]:
    pages = {}
    for rel, text in PAGES.items():
        head, _, body = text.partition("\n---\n")
        head = head.replace("title: ", "title: '").replace("\nsummary: ", "'\nsummary: '") + "'"
        head = head.replace("title: '", "title: '" + PAYLOAD.replace("'", "''"), 1)
        head = head.replace("summary: '", "summary: '" + PAYLOAD.replace("'", "''"), 1)
        pages[rel] = f"{head}\n---\n{body}\n{MARKDOWN_PAYLOADS}"
    return pages


def write_hostile_site(root: Path) -> Path:
    return write_site(root, hostile_data(), hostile_pages())


class Audit(HTMLParser):
    """Everything on a page that could run script: script elements, event handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []
        self.text: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            kind = values.get("type")
            src = values.get("src")
            # JSON data blocks (chart options, schema.org JSON-LD) are never run; the count of script tags
            # in the test shows the payload inside them cannot close the element early.
            if kind in {"application/json", "application/ld+json"}:
                self._in_json = True
            elif not (src and not src.startswith(("http:", "https:", "//", "data:", "javascript:"))):
                self.unsafe.append(f"<script {values}>")
        # The theme's own search forms (in the header, and on the search page: GET forms to the site's own search
        # page) are the only forms allowed.
        action = values.get("action") or ""
        own_search = (
            tag == "form"
            and values.get("class") in {"site-search", "search-form"}
            and values.get("role") == "search"
            and values.get("method") == "get"
            and not action.startswith(("http:", "https:", "//", "javascript:"))
        )
        if tag in {"iframe", "object", "embed", "style", "base", "form"} and not own_search:
            self.unsafe.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.unsafe.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value and (
                "".join(value.split()).lower().startswith(("javascript:", "data:text/html", "vbscript:"))
            ):
                self.unsafe.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json = False

    def handle_data(self, data: str) -> None:
        if not self._in_json:
            self.text.append(data)
