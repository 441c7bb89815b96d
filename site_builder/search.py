"""Full-text search: pagefind indexes the finished site, one index per language (from <html lang>).

It runs on the staging folder before the swap in `writer.write_site`, so a failed index leaves the
previous site in place. Only elements marked `data-pagefind-body` (each page's <main>) are indexed;
the entry, search and 404 pages carry no such mark and stay out of the results. The extended binary
of `pagefind[extended]` segments Chinese, so 工业机器人 is found inside a sentence.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .errors import SiteBuilderError

# The bundle folder, relative to the site root; templates point at it with asset-style links.
BUNDLE = "pagefind"


def index_site(folder: Path) -> None:
    """Writes the search index and pagefind's browser files into `folder`/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-subdir", BUNDLE, "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SiteBuilderError(f"search index: could not run pagefind: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip() or f"exit status {result.returncode}"
        raise SiteBuilderError(f"search index: pagefind failed; the previous site is unchanged:\n{detail}")
    _sort_entry_file(folder / BUNDLE / "pagefind-entry.json")


def _sort_entry_file(path: Path) -> None:
    """pagefind lists the languages in hash-map order, which changes from run to run; two builds of the
    same sources must be byte for byte the same, so the file is rewritten with its keys sorted."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
