"""The build cache: skip work whose inputs have not changed since the last successful build.

Two levels, both keyed by content hashes (never modification times, so a checkout or a copy that
keeps the bytes keeps the cache):
- the whole build: when every input (data, commentary, theme, settings, ECharts, site_builder's own
  code, SOURCE_DATE_EPOCH) hashes the same as at the last successful build and the output folder still
  holds exactly the files that build wrote, nothing is read, rendered or written;
- each Markdown file: its parsed `Page` is reused while its bytes, the set of indicator ids (which
  its chart blocks are checked against) and the code that parses it are unchanged.
Both are also keyed by `code_key()`: site_builder's own files and the versions of the libraries that
shape the output (Markdown, nh3, pyecharts, ...), so upgrading either rebuilds everything it touched.
The preview server keeps parsed pages in memory between rebuilds (`PageMemo`), under the same keys.
Charts and preview images have their own cache (`charts/node.py::Renderer`, `.site-builder-cache/`), so after an
edit only the pages are rendered again, not the charts.

The cache lives beside the output (`.build.cache/` for `build/`), never inside the published folder.
It is only written after a build succeeded, and a damaged or foreign cache is ignored, not trusted:
the worst a stale cache can cost is a full build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from site_builder.atomic import write_atomically
from site_builder.sources.config import PACKAGE_ROOT, SiteConfig

if TYPE_CHECKING:  # for the annotations only: the cache never looks inside what it keeps
    from site_builder.errors import Problem
    from site_builder.sources.content import Page

    # A Markdown file as `read_page` returns it: its page (None if it has none) and the problems found.
    ParsedPage: TypeAlias = tuple[Page | None, list[Problem]]

# Bump when the cached structures change shape.
CACHE_FORMAT = 6
STATE_FILE = "state.pickle"

# The Python libraries whose version can change what a build writes (ECharts, a Node package, is hashed
# as a file). A library missing here would let an upgrade keep pages its old version made.
SHAPING_LIBRARIES = ("Markdown", "nh3", "pyecharts", "Jinja2", "MarkupSafe", "pydantic", "Babel", "PyYAML",
                     "pagefind", "fonttools")


def library_versions() -> dict[str, str]:
    versions = {}
    for name in SHAPING_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def code_files() -> list[Path]:
    """site_builder's own files (sources, the Node script, the serve page's style), as installed.

    The default theme is not code: its files are inputs like a project theme's (`Inputs.theme`), so an
    edit to one template re-renders only the pages that use it."""
    themes = PACKAGE_ROOT / "site_builder" / "themes"
    return [p for p in _tree(PACKAGE_ROOT / "site_builder") if "__pycache__" not in p.parts and themes not in p.parents]


def code_key() -> str:
    """One hash of the code that shapes the output: site_builder's files and the libraries' versions."""
    digest = hashlib.sha256(f"format {CACHE_FORMAT}\n".encode())
    for path in code_files():
        digest.update(f"{path.relative_to(PACKAGE_ROOT).as_posix()}\0{file_digest(path)}\n".encode())
    for name, version in library_versions().items():
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


@dataclass
class Inputs:
    """Hashes of everything a build reads, split into commentary files and everything else."""

    content: dict[str, str]  # content file (relative to the project) -> sha256
    base: str  # one hash over every other input
    code: str  # code_key(): the code and library versions (part of `base` too)
    # The inputs whose change rebuilds every page (code, settings, data, ECharts; part of `base`), and each
    # theme file's hash (part of `base`): with the same `fixed`, a build renders only the pages that use
    # a changed commentary or theme file.
    fixed: str = ""
    theme: dict[str, str] = field(default_factory=dict)

    @property
    def whole(self) -> str:
        digest = hashlib.sha256(self.base.encode())
        for name, value in sorted(self.content.items()):
            digest.update(f"{name}\0{value}\n".encode())
        return digest.hexdigest()


def hash_inputs(config: SiteConfig, echarts: Path | None) -> Inputs:
    root = config.root
    content = {p.relative_to(root).as_posix(): file_digest(p) for p in _tree(config.content_dir)}
    code = code_key()
    digest = hashlib.sha256(f"code {code}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    # Every plan file: the one-year file, or each year's in data/plans/ (sources/plans.py).
    plans = sorted((root / "data" / "plans").glob("*.json")) if (root / "data" / "plans").is_dir() else []
    for path in [config.data_file, *plans, config.config_file, *([echarts] if echarts is not None else [])]:
        value = file_digest(path) if path.is_file() else "absent"
        digest.update(f"{path}\0{value}\n".encode())
    fixed = digest.hexdigest()
    theme = {str(path): file_digest(path) for folder in config.theme_dirs() for path in _tree(folder)}
    for name, value in theme.items():
        digest.update(f"{name}\0{value}\n".encode())
    return Inputs(content=content, base=digest.hexdigest(), code=code, fixed=fixed, theme=theme)


def output_listing(out: Path) -> dict[str, int]:
    """Every file in a built folder with its size: cheap enough to check on every build."""
    found: dict[str, int] = {}
    for folder, _, names in os.walk(out):
        for name in names:
            path = Path(folder, name)
            found[path.relative_to(out).as_posix()] = path.stat().st_size
    return found


@dataclass
class State:
    whole: str = ""
    base: str = ""
    listing: dict[str, int] = field(default_factory=dict)
    markdown: dict[str, tuple[str, str, ParsedPage]] = field(default_factory=dict)  # file -> (sha, key, parsed)
    pages: int = 0
    # What the next build needs to render only the pages an edit affects:
    fixed: str = ""  # Inputs.fixed of this build
    content: dict[str, str] = field(default_factory=dict)  # Inputs.content
    theme: dict[str, str] = field(default_factory=dict)  # Inputs.theme
    records: dict[str, set[str]] = field(default_factory=dict)  # page -> what it was made from (pages/deps.py)
    anchors: dict[str, frozenset[str]] = field(default_factory=dict)  # every page -> the anchors the link check needs
    indexed: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # language -> its indexed pages, sizes
    generated: set[str] = field(default_factory=set)  # files made anew by every build (search index, data files)
    site_files: set[str] = field(default_factory=set)  # the files made from the data alone (pages/render.site_files)
    numbers: dict[str, tuple[str, list[Problem]]] = field(default_factory=dict)  # page -> (key, its number check)


class BuildCache:
    def __init__(self, out: Path, inputs: Inputs) -> None:
        self.out = out.resolve()
        self.folder = self.out.parent / f".{self.out.name}.cache"
        self.inputs = inputs
        self.old = self._load()
        self.new = State(whole=inputs.whole, base=inputs.base, fixed=inputs.fixed, content=inputs.content,
                         theme=inputs.theme)
        # The number check of each page, by the data, the code and the page's texts in both languages.
        self.numbers = Findings(self.old.numbers, self.new.numbers)

    def _load(self) -> State:
        try:
            with open(self.folder / STATE_FILE, "rb") as handle:
                format_, state = pickle.load(handle)
        except Exception:  # absent, truncated, or written by another version: start afresh
            return State()
        return state if format_ == CACHE_FORMAT and isinstance(state, State) else State()

    def up_to_date(self) -> bool:
        """Same inputs as the last successful build, and its output is still there, unchanged in shape."""
        if not self.old.whole or self.old.whole != self.inputs.whole or not self.out.is_dir():
            return False
        return self.output_intact()

    def output_intact(self) -> bool:
        """The output folder holds exactly the files the last successful build wrote, with their sizes."""
        return self.out.is_dir() and output_listing(self.out) == self.old.listing

    def reusable(self) -> bool:
        """The last build's pages can be reused where no input they used changed: same code, settings,
        data and ECharts, and its output as it left it."""
        return bool(self.old.records) and self.old.fixed == self.inputs.fixed and self.output_intact()

    def changed_files(self, root: Path) -> set[Path]:
        """The commentary and theme files that changed, appeared or went away since the last build."""
        old, new = self.old, self.inputs
        content = {root / name for name in old.content.keys() | new.content.keys()
                   if old.content.get(name) != new.content.get(name)}
        theme = {Path(name) for name in old.theme.keys() | new.theme.keys()
                 if old.theme.get(name) != new.theme.get(name)}
        return content | theme

    # Markdown files, keyed by their bytes, the indicator ids and the code that parses them.
    def parsed(self, name: str, ids_key: str) -> ParsedPage | None:
        entry = self.old.markdown.get(name)
        if entry and entry[0] == self.inputs.content.get(name) and entry[1] == self._key(ids_key):
            self.new.markdown[name] = entry
            return entry[2]
        return None

    def remember_parsed(self, name: str, ids_key: str, parsed: ParsedPage) -> None:
        sha = self.inputs.content.get(name)
        if sha is not None:
            self.new.markdown[name] = (sha, self._key(ids_key), parsed)

    def _key(self, ids_key: str) -> str:
        return f"{ids_key} {self.inputs.code}"

    def save(self, pages: int) -> None:
        """After a successful build: record what it read and what it wrote."""
        self.new.listing = output_listing(self.out)
        self.new.pages = pages
        state = pickle.dumps((CACHE_FORMAT, self.new), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(self.folder / STATE_FILE, state)


class Findings:
    """A check's findings per page, reused while their key (a hash of what the check read) is unchanged.
    Kept in the build cache between builds (`old` read, `new` saved), or in the preview server's memory
    (one dict for both)."""

    def __init__(self, old: dict[str, tuple[str, list[Problem]]] | None = None,
                 new: dict[str, tuple[str, list[Problem]]] | None = None) -> None:
        self.new = new if new is not None else {}
        self.old = old if old is not None else self.new

    def get(self, page: str, key: str) -> list[Problem] | None:
        entry = self.new.get(page) or self.old.get(page)
        if entry is None or entry[0] != key:
            return None
        self.new[page] = entry
        return entry[1]

    def put(self, page: str, key: str, found: list[Problem]) -> None:
        self.new[page] = (key, found)


def ids_key(indicator_ids: set[str] | None) -> str:
    return hashlib.sha256("\n".join(sorted(indicator_ids or ())).encode()).hexdigest()


class PageMemo:
    """Parsed Markdown kept in this process's memory, by file: the preview server re-reads every source
    on each edit, and converting unchanged Markdown again would be most of its work. An entry is reused
    while the file's modification stamp, the indicator ids and the code (`code_key()`, which the caller
    puts in the key) are those it was parsed with."""

    def __init__(self) -> None:
        self.entries: dict[Path, tuple[tuple, ParsedPage]] = {}

    def get(self, path: Path, key: tuple) -> ParsedPage | None:
        entry = self.entries.get(path)
        return entry[1] if entry is not None and entry[0] == key else None

    def put(self, path: Path, key: tuple, parsed: ParsedPage) -> None:
        self.entries[path] = (key, parsed)
