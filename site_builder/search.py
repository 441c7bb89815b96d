"""Full-text search: pagefind indexes the finished site, one index per language (from <html lang>).

It runs on the staging folder before the swap in `writer.write_site`, so a failed index leaves the
previous site in place: a run per language folder, each started as soon as that folder is complete.
Only elements marked `data-pagefind-body` (each page's <main>) are indexed; the entry, search and 404
pages carry no such mark and stay out of the results; charts' drawings and embed code are marked
`data-pagefind-ignore`. The extended binary of `pagefind[extended]` segments Chinese, so 工业机器人 is
found inside a sentence.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import SiteBuilderError
from .i18n import LANGUAGES

# The bundle folder, relative to the site root; templates point at it with asset-style links.
BUNDLE = "pagefind"


def index_site(folder: Path) -> None:
    """Writes the search index and pagefind's browser files into `folder`/pagefind/."""
    index = SearchIndex(folder)
    try:
        for lang in LANGUAGES:
            index.start(lang)
        index.finish()
    finally:
        index.stop()


class SearchIndex:
    """pagefind, run once per language folder as soon as that folder's pages are all written (the build
    renders the next language meanwhile), each into a part of its own; finish() merges the parts.

    A run per language gives the same files as one run over the whole site: the languages' indexes are
    separate, pagefind's own scripts are the same, and only the entry file lists both languages."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.parts = folder / BUNDLE / ".parts"
        self.runs: dict[str, subprocess.Popen] = {}

    def start(self, lang: str) -> None:
        part = self.parts / lang
        command = [sys.executable, "-m", "pagefind", "--site", str(self.folder), "--glob", f"{lang}/**/*.html",
                   "--output-path", str(part), "--silent"]
        try:
            self.runs[lang] = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        except OSError as exc:
            raise SiteBuilderError(f"search index: could not run pagefind: {exc}") from None

    def finish(self) -> None:
        """Waits for every run and merges their parts; raises if one failed (the previous site then stays)."""
        entry: dict = {}
        for lang, process in sorted(self.runs.items()):
            try:
                stdout, stderr = process.communicate(timeout=600)
            except subprocess.TimeoutExpired as exc:
                raise SiteBuilderError(f"search index: could not run pagefind: {exc}") from None
            if process.returncode != 0:
                detail = (stderr or stdout).strip() or f"exit status {process.returncode}"
                raise SiteBuilderError(f"search index: pagefind failed; the previous site is unchanged:\n{detail}")
            part = self.parts / lang
            own = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
            entry = {**own, **entry, "languages": {**entry.get("languages", {}), **own["languages"]}}
            for path in sorted(part.rglob("*")):
                target = self.folder / BUNDLE / path.relative_to(part)
                if path.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                elif path.name != "pagefind-entry.json":
                    path.replace(target)  # the shared scripts are the same bytes in every part
        self.runs = {}
        shutil.rmtree(self.parts, ignore_errors=True)
        if entry:
            (self.folder / BUNDLE / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
            _sort_entry_file(self.folder / BUNDLE / "pagefind-entry.json")

    def stop(self) -> None:
        """Ends the runs still going (the build failed)."""
        for process in self.runs.values():
            if process.poll() is None:
                process.kill()
            process.wait()
        self.runs = {}


def _sort_entry_file(path: Path) -> None:
    """pagefind lists the languages in hash-map order, which changes from run to run; two builds of the
    same sources must be byte for byte the same, so the file is rewritten with its keys sorted."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
