"""Property-based tests over the data model (hypothesis).

- Any valid document, with commentary for every area in both languages, builds: drawn and written in
  full, and, five times as many documents for the time, read, checked and rendered in check mode.
- Any document, however mangled, either builds or is refused with located problems: never a crash.

How many examples each test runs comes from the Hypothesis profile in conftest.py: a few where a person
waits for the suite, many more on CI (CI=true). A test whose examples cost less asks for more of them.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.errors import ContentError
from site_builder.pipeline import build

# Five times the profile's examples, for tests whose examples are cheap (a check, or mostly refusals).
MORE_EXAMPLES = settings(max_examples=5 * settings().max_examples)

# Any text an editor could type: every Unicode letter, mark, symbol and punctuation, markup included;
# not lone surrogates (not encodable as UTF-8) and not control characters (not text).
TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"))
text = st.text(TEXT_CHARS, min_size=1, max_size=24).filter(lambda s: s.strip() != "")
# Commentary without digits: a figure there is checked against the data (tests/test_check.py), and a
# random one that disagrees is rightly an error, not a document that should build.
PROSE_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Nd"))
prose = st.text(PROSE_CHARS, min_size=1, max_size=24).filter(lambda s: s.strip() != "")
pair = st.fixed_dictionaries({"zh": text, "en": text})
number = st.one_of(
    st.integers(min_value=-10**13, max_value=10**13),
    st.floats(min_value=-1e13, max_value=1e13, allow_nan=False, allow_infinity=False),
)
url = st.sampled_from(["https://example.org/a", "http://example.org/b?x=1&y=2", "https://例子.org/路径"])
date = st.dates().map(lambda d: d.isoformat())
PERIODS = ["year", "h1", "q1_q3", "jan_nov"]
UNITS = [("percent", "percent"), ("count", "quantity"), ("ratio", "rate")]


@st.composite
def targets_file(draw: st.DrawFn) -> tuple[dict, dict[str, str]]:
    """A valid document (consistent ids and references) and its commentary files."""
    counter = iter(range(10**6))
    sources = [
        {"id": f"S{i}", "title": draw(pair), "publisher": draw(pair), "url": draw(url), "official": draw(st.booleans()),
         **({"date": draw(date)} if draw(st.booleans()) else {}),
         **({"note": draw(pair)} if draw(st.booleans()) else {})}
        for i in range(draw(st.integers(1, 3)))
    ]
    source_ids = [s["id"] for s in sources]
    indicator_ids = [f"ind-{i}" for i in range(draw(st.integers(1, 5)))]

    def outcome() -> dict:
        found = {"period": draw(st.sampled_from(PERIODS)), "year": draw(st.sampled_from([2020, 2021, 2022])),
                 "value": draw(number), "source": draw(st.sampled_from(source_ids)),
                 "added": draw(st.dates(dt.date(2021, 1, 1), dt.date(2023, 12, 31))).isoformat()}
        for key in ("basis", "note"):
            if draw(st.booleans()):
                found[key] = draw(pair)
        if draw(st.booleans()):
            found["comparability"] = "close"
        return found

    def target(own_indicator: str | None) -> dict:
        kinds = ["at_least", "at_most", "about", "reach", "in_step_with", "qualitative", "set_by_province"]
        kind = draw(st.sampled_from(kinds))
        found: dict = {"id": f"t-{next(counter)}", "kind": kind}
        if kind in {"at_least", "at_most", "about", "reach"}:
            found["value"] = draw(number)
            found["unit"] = draw(st.sampled_from([u for u, _ in UNITS]))
        if kind == "in_step_with":
            found["reference"] = draw(st.sampled_from(indicator_ids))
        for key in ("label", "wording", "note"):
            if draw(st.booleans()):
                found[key] = draw(pair)
        if "label" in found:
            # A commitment's target named like an annex target is one measure under two names, which check
            # refuses unless it says `repeats`: a valid document keeps the two kinds of name apart.
            found["label"] = {**found["label"], "zh": ("指标：" if own_indicator else "承诺：") + found["label"]["zh"]}
        found["outcomes"] = [outcome() for _ in range(draw(st.integers(0, 3)))]
        if "unit" not in found and (draw(st.booleans()) or (own_indicator is None and found["outcomes"])):
            # optional, but a commitment's outcomes need one
            found["unit"] = draw(st.sampled_from([u for u, _ in UNITS]))
        return found

    categories = [{"id": f"cat-{i}", "name": draw(pair)} for i in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):
        categories[0]["groups"] = [{"id": "grp", "name": draw(pair)}]
    indicators = []
    for ident in indicator_ids:
        category = draw(st.sampled_from(categories))
        indicator = {
            "id": ident, "name": (name := draw(pair)) | {"zh": "指标：" + name["zh"]}, "category": category["id"],
            "unit": draw(st.sampled_from([u for u, _ in UNITS])),
            "direction": draw(st.sampled_from(["higher", "lower"])), "target_text": draw(pair),
            "targets": [target(ident) for _ in range(draw(st.integers(1, 2)))],
        }
        if category.get("groups") and draw(st.booleans()):
            indicator["group"] = "grp"
        for key in ("definition", "note"):
            if draw(st.booleans()):
                indicator[key] = draw(pair)
        indicators.append(indicator)
    areas = []
    for a in range(draw(st.integers(1, 3))):
        commitments = [
            {"id": f"c-{next(counter)}", "number": c + 1, "title": draw(pair), "text": draw(pair),
             "targets": [target(None) for _ in range(draw(st.integers(0, 2)))]}
            for c in range(draw(st.integers(0, 2)))
        ]
        shown = draw(st.lists(st.sampled_from(indicator_ids), unique=True, max_size=3))
        areas.append(
            {"id": f"area-{a}", "number": a + 1, "title": draw(pair), "commitments": commitments, "indicators": shown}
        )
    data = {
        "plan": {"title": draw(pair), "short_title": draw(pair), "issuer": draw(pair), "document_number": draw(text),
                 "year": 2021, "adopted": draw(date), "approved_by": draw(pair), "published": draw(date),
                 "source": source_ids[0], "source_url": draw(url)},
        "units": [{"id": u, "zh": draw(text), "en": draw(text), "kind": kind} for u, kind in UNITS],
        "sources": sources, "areas": areas, "categories": categories, "indicators": indicators,
    }
    pages = {}
    for lang in ("zh", "en"):
        for slug in ["index"] + [f"areas/{a['id']}" for a in areas]:
            meta = yaml.safe_dump({"title": draw(prose), "summary": draw(prose)}, allow_unicode=True)
            body = draw(st.text(PROSE_CHARS, max_size=120))
            if draw(st.booleans()):
                body += f"\n\n```chart\n{draw(st.sampled_from(indicator_ids))}\n```\n"
            pages[f"content/{lang}/{slug}.md"] = f"---\n{meta}---\n{body}\n"
    return data, pages


def write(root: Path, data: object, pages: dict[str, str]) -> None:
    (root / "data").mkdir(parents=True)
    (root / "data" / "targets.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    for rel, body in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(body, encoding="utf-8")


@given(targets_file())
def test_any_valid_document_builds(document: tuple[dict, dict[str, str]]) -> None:
    # The whole build: every chart drawn by Node, preview images, the search index, files written.
    data, pages = document
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        write(root, data, pages)
        result = build(root, root / "build")
        # entry; per language home, areas, indicator list, indicators, search and 404; one embed per chart
        written = list(out.rglob("*.html")) if (out := result.out) else []
        assert result.pages == len(written)
        for lang in ("zh", "en"):
            for area in data["areas"]:
                assert (out / lang / "areas" / area["id"] / "index.html").is_file()
            for indicator in data["indicators"]:
                assert (out / lang / "indicators" / indicator["id"] / "index.html").is_file()
        home = (root / "build" / "en" / "index.html").read_text(encoding="utf-8")
        assert "<script>" not in home


@MORE_EXAMPLES
@given(targets_file())
def test_any_valid_document_passes_the_checks_and_renders_every_page(document: tuple[dict, dict[str, str]]) -> None:
    # Check mode, build(root, None): the document and its commentary read and checked, every page planned
    # with its charts' options and rendered through its template, without drawing (Node), images, the
    # search index or writing, which the test above covers on fewer documents.
    data, pages = document
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        write(root, data, pages)
        result = build(root, None)
        assert result.out is None and not (root / "build").exists()
        # entry; per language home, areas, indicator list, indicators, search and 404; one embed per chart
        assert result.pages >= 1 + 2 * (1 + len(data["areas"]) + 1 + len(data["indicators"]) + 2)


# Mutations an editor's slip could make: a key deleted, a value swapped for any JSON value.
json_value = st.recursive(
    st.none() | st.booleans() | number | st.text(TEXT_CHARS, max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(TEXT_CHARS, max_size=6), inner, max_size=3),
    max_leaves=6,
)


def paths_in(node: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths_in(value, (*prefix, index))
    return found


@MORE_EXAMPLES
@given(targets_file(), st.data())
def test_any_document_either_builds_or_is_refused_with_located_problems(document, draw) -> None:
    data, pages = document
    data = copy.deepcopy(data)
    for _ in range(draw.draw(st.integers(1, 3))):
        path = draw.draw(st.sampled_from(paths_in(data)[1:]))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if draw.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw.draw(json_value)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        write(root, data, pages)
        try:
            build(root, root / "build")
        except ContentError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.line >= 1 and problem.col >= 1 and problem.message
            assert not (root / "build").exists()
