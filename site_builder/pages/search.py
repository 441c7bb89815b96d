"""Full-text search: pagefind indexes the finished site, one index per language (from <html lang>).

It runs on the staging folder before the swap in `writer.write_site`, so a failed index leaves the
previous site in place: each language's pages are indexed as soon as that language's folder is complete.
Only elements marked `data-pagefind-body` (each page's <main>) are indexed; the entry, search and 404
pages carry no such mark and stay out of the results; charts' drawings and embed code are marked
`data-pagefind-ignore`. The extended binary of `pagefind[extended]` segments Chinese, so 工业机器人 is
found inside a sentence.

pagefind holds every page it indexes in memory until it writes the index (about six times the page's
HTML), so a large plan's pages are indexed in shards of at most SHARD_BYTES of HTML, one pagefind run at
a time. The first shard of each language is the main index in pagefind/; the others are whole indexes
of their own in pagefind/shards/, listed in pagefind/shards.json, which the search page merges
(pagefind's mergeIndex) into one list of results.

Each shard's index is cached by what it was made from (pagefind's version and every page's path and
bytes), so after an edit only the shards holding a changed page are indexed again: a page's size
changes by a few bytes, so the shards' boundaries almost never move.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

from site_builder.errors import SiteBuilderError
from site_builder.sources.i18n import LANGUAGES

# The bundle folder, relative to the site root; templates point at it with asset-style links.
BUNDLE = "pagefind"
SHARDS = "shards"  # the other shards' indexes, inside the bundle
SHARD_BYTES = 12_000_000  # HTML one pagefind run indexes at most (more if one page is larger): ~130 MB
INDEXED = "data-pagefind-body"  # the mark of a page pagefind indexes
SHARD_CACHE_FORMAT = 1  # bump when the pagefind command changes
# pagefind's ready-made search interfaces: the search page has its own (search.js), and a shard only
# needs its index, pagefind.js and its worker.
UNUSED_IN_SHARDS = ("pagefind-ui.css", "pagefind-ui.js", "pagefind-component-ui.css", "pagefind-component-ui.js",
                    "pagefind-modular-ui.css", "pagefind-modular-ui.js", "pagefind-highlight.js")


def index_site(folder: Path, cache_dir: Path | None = None) -> None:
    """Writes the search index and pagefind's browser files into `folder`/pagefind/."""
    index = SearchIndex(folder, cache_dir)
    try:
        for lang in LANGUAGES:
            # One page in memory at a time: a large plan's language folder is over 100 MB of HTML.
            marked = [
                (page.relative_to(folder).as_posix(), len(html))
                for page in sorted((folder / lang).rglob("*.html"))
                if is_indexed(html := page.read_bytes())
            ]
            index.start(lang, marked)
        index.finish()
    finally:
        index.stop()


def is_indexed(html: bytes) -> bool:
    return INDEXED.encode("ascii") in html


def shard_glob(pages: list[str]) -> str:
    """A glob that matches exactly `pages` (paths relative to the site): pagefind takes one glob a run."""
    # Output paths are made of ids (lowercase ASCII, digits, hyphens), but escape the glob syntax anyway.
    return "{" + ",".join(re.sub(r"([\\*?\[\]{}(),<>!:])", r"\\\1", page) for page in pages) + "}"


class SearchIndex:
    """pagefind, run on each language's pages as soon as they are all written (the build renders the next
    language meanwhile): one shard after another, in a thread, each into a part of its own; finish()
    merges the parts.

    A run per language gives the same files as one run over the whole site: the languages' indexes are
    separate, pagefind's own scripts are the same, and only the entry file lists both languages."""

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.folder = folder
        self.cache = cache_dir / "pagefind" if cache_dir is not None else None  # shard indexes, by their key
        self.parts = folder / BUNDLE / ".parts"
        self.shard_bytes = SHARD_BYTES
        self.shards: dict[str, int] = {}  # each language's number of shards
        self.todo: queue.Queue[tuple[Path, list[str]] | None] = queue.Queue()
        self.current: subprocess.Popen[str] | None = None
        self.stopped = False
        self.lock = threading.Lock()  # stop() sees either no run or the one to end
        self.error: SiteBuilderError | None = None
        self.worker = threading.Thread(target=self._run_all, daemon=True)
        self.worker.start()

    def start(self, lang: str, pages: list[tuple[str, int]]) -> None:
        """Indexes `pages`, the language's pages marked for the index: (path relative to the folder, size)."""
        chunks: list[list[str]] = []
        size = 0
        for path, length in pages:
            if not chunks or size + length > self.shard_bytes:
                chunks.append([])
                size = 0
            chunks[-1].append(path)
            size += length
        self.shards[lang] = len(chunks)
        for number, chunk in enumerate(chunks):
            self.todo.put((self.parts / f"{lang}-{number}", chunk))

    def _run_all(self) -> None:
        # One pagefind at a time: the point of shards is that no two hold their pages at once.
        for part, pages in iter(self.todo.get, None):
            if self.stopped or self.error is not None:
                continue
            try:
                key = self._key(pages) if self.cache is not None else ""
                if self.cache is not None and (self.cache / key).is_dir():
                    shutil.copytree(self.cache / key, part)
                    continue
            except OSError as exc:  # the folder went away (the build failed meanwhile), or the cache did
                if not self.stopped:
                    self.error = SiteBuilderError(f"search index: {exc}")
                continue
            command = [sys.executable, "-m", "pagefind", "--site", str(self.folder), "--glob", shard_glob(pages),
                       "--output-path", str(part), "--silent"]
            try:
                with self.lock:
                    if self.stopped or self.error is not None:
                        continue
                    self.current = subprocess.Popen(
                        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                    )
                stdout, stderr = self.current.communicate(timeout=600)
            except (OSError, subprocess.TimeoutExpired) as exc:
                self.error = SiteBuilderError(f"search index: could not run pagefind: {exc}")
                continue
            if self.current.returncode != 0 and not self.stopped:
                detail = (stderr or stdout).strip() or f"exit status {self.current.returncode}"
                message = f"search index: pagefind failed; the previous site is unchanged:\n{detail}"
                self.error = SiteBuilderError(message)
            elif self.cache is not None and not self.stopped:
                # A cache that cannot be written costs a later build a pagefind run, nothing more.
                with contextlib.suppress(OSError):
                    self._remember(part, key)

    def _key(self, pages: list[str]) -> str:
        """What a shard's index is made from: pagefind's version, the command's form, each page and its bytes."""
        digest = hashlib.sha256(f"pagefind {metadata.version('pagefind')} {SHARD_CACHE_FORMAT}\n".encode())
        for page in pages:
            digest.update(f"{page}\0{hashlib.sha256((self.folder / page).read_bytes()).hexdigest()}\n".encode())
        return digest.hexdigest()

    def _remember(self, part: Path, key: str) -> None:
        """Copies a shard's fresh index into the cache, whole or not at all (a reader never sees half)."""
        assert self.cache is not None
        self.cache.mkdir(parents=True, exist_ok=True)
        temporary = self.cache / f".{key}.part-{os.getpid()}"
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.copytree(part, temporary)
        try:
            temporary.rename(self.cache / key)
        except OSError:  # another build cached the same shard meanwhile
            shutil.rmtree(temporary, ignore_errors=True)

    def finish(self) -> None:
        """Waits for every run and merges their parts; raises if one failed (the previous site then stays)."""
        self.todo.put(None)
        self.worker.join()
        if self.error is not None:
            raise self.error
        entry: dict[str, Any] = {}
        shards: dict[str, list[str]] = {}
        for lang, count in sorted(self.shards.items()):
            shards[lang] = []
            if not count:
                continue
            for number in range(1, count):
                # A shard past the first is an index of its own, whole, in a folder of its own.
                name = f"{SHARDS}/{lang}-{number}/"
                target = self.folder / BUNDLE / name
                target.parent.mkdir(parents=True, exist_ok=True)
                (self.parts / f"{lang}-{number}").replace(target)
                for unused in UNUSED_IN_SHARDS:
                    (target / unused).unlink(missing_ok=True)
                _sort_entry_file(target / "pagefind-entry.json")
                shards[lang].append(name)
            part = self.parts / f"{lang}-0"
            own = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
            entry = {**own, **entry, "languages": {**entry.get("languages", {}), **own["languages"]}}
            for path in sorted(part.rglob("*")):
                target = self.folder / BUNDLE / path.relative_to(part)
                if path.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                elif path.name != "pagefind-entry.json":
                    path.replace(target)  # the shared scripts are the same bytes in every part
        self.shards = {}
        shutil.rmtree(self.parts, ignore_errors=True)
        if entry:
            (self.folder / BUNDLE / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
            _sort_entry_file(self.folder / BUNDLE / "pagefind-entry.json")
            # Read by the search page: the other shards of its language, relative to the bundle.
            (self.folder / BUNDLE / "shards.json").write_text(json.dumps(shards, sort_keys=True), encoding="utf-8")

    def stop(self) -> None:
        """Ends the runs still going (the build failed)."""
        with self.lock:
            self.stopped = True
            if self.current is not None and self.current.poll() is None:
                self.current.kill()
        self.todo.put(None)
        self.worker.join()


def _sort_entry_file(path: Path) -> None:
    """pagefind lists the languages in hash-map order, which changes from run to run; two builds of the
    same sources must be byte for byte the same, so the file is rewritten with its keys sorted."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
