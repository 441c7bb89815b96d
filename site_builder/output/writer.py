"""Writes a finished site atomically: into a fresh folder beside the output, then swapped in.

A failed or interrupted build never touches the previous site; files of removed pages disappear
because the new folder only holds what this build produced.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from site_builder.atomic import write_atomically
from site_builder.errors import SiteBuilderError


@dataclass(frozen=True)
class Linked:
    """A file that exists already and is never changed in place (a cache entry, a page of the previous
    site): hard-linked into the new site instead of copied, which costs one directory entry."""

    path: Path

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


# A file's content, or something holding it (a rendered image's cache file), read only when written.
Payload = bytes | Path | Linked


def _bytes(payload: Payload) -> bytes:
    return payload if isinstance(payload, bytes) else payload.read_bytes()


def write_site(
    out: Path,
    files: Iterable[tuple[str, Payload]],
    copies: Mapping[str, Path],
    finish: Callable[[Path], None] | None = None,
) -> int:
    """Returns the number of files written. files: (output path, bytes), possibly rendered as they are
    asked for (a rendering error then stops the write, and the previous site stays); copies: output
    path -> file to copy as is. finish(staging) runs on the complete new site before the swap (the
    search index); if it fails, the previous site stays."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)
    staging = staging_folder(out)
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        written: set[str] = set()
        made: set[str] = set()
        for rel, payload in files:
            if isinstance(payload, Linked):
                _link(staging, rel, payload.path, written, made)
            else:
                _write(staging, rel, _bytes(payload), written, made)
        for rel, source in copies.items():
            _write(staging, rel, source.read_bytes(), written, made)
        if finish is not None:
            finish(staging)
        stamp_times(staging)
        if out.exists():
            out.rename(old)
        staging.rename(out)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not out.exists():
            old.rename(out)
        if isinstance(exc, OSError):
            # A full disk (ENOSPC), a quota, a read-only folder: one line for the person, no traceback.
            where = exc.filename or out.parent
            raise SiteBuilderError(
                f"cannot write the site: {exc.strerror or exc} ({where}); the previous site is unchanged"
            ) from None
        raise
    if old.exists():
        _remove_in_background(old)
    return len(written)


def _remove_in_background(folder: Path) -> None:
    """Removes the previous site in a process of its own: the new one is in place, and unlinking a large
    site's tens of thousands of files would keep the person waiting for nothing."""
    trash = folder.with_name(folder.name.replace(".old-", ".trash-", 1))
    folder.rename(trash)
    try:
        subprocess.Popen(
            [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(trash)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
    except OSError:
        shutil.rmtree(trash, ignore_errors=True)


def staging_folder(out: Path) -> Path:
    """Where this process builds the site that replaces `out` (a resolved path)."""
    return out.parent / f".{out.name}.building-{os.getpid()}"


def stamp_times(root: Path) -> None:
    """With SOURCE_DATE_EPOCH set, every file carries that time, so an archive of the site is reproducible too."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return
    for path in sorted(root.rglob("*")):
        os.utime(path, (int(epoch), int(epoch)))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(out: Path) -> None:
    """Removes what a killed build left beside the output (SIGKILL runs no clean-up code).

    A build that died between moving the old site aside and moving the new one in left no output
    folder but a complete `.old-` folder: that previous site is put back. Folders of builds still
    running (another process, say the preview server) are left alone.
    """
    leftovers = [*sorted(out.parent.glob(f".{out.name}.old-*")), *sorted(out.parent.glob(f".{out.name}.building-*")),
                 *sorted(out.parent.glob(f".{out.name}.trash-*"))]
    for leftover in leftovers:
        pid = leftover.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        if leftover.name.startswith(f".{out.name}.old-") and not out.exists():
            leftover.rename(out)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _claim(root: Path, rel: str, written: set[str], made: set[str]) -> Path:
    """The file to write `rel` to, its folder made (`made`: folders already made in this root)."""
    # Pelican's rule: two pages claiming one file is a bug, never a silent overwrite.
    if rel in written:
        raise SiteBuilderError(f"two outputs claim the same file: {rel}")
    # Checked as text: the staging folder is new and holds no links, so a path of plain names stays inside
    # it (resolving every path on disk was a tenth of a large build).
    parts = rel.split("/")
    if rel.startswith("/") or "\\" in rel or any(part in {"", ".", ".."} for part in parts):
        raise SiteBuilderError(f"refusing to write outside the output folder: {rel}")
    written.add(rel)
    target = root.joinpath(*parts)
    folder = "/".join(parts[:-1])
    if folder not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(folder)
    return target


def _write(root: Path, rel: str, payload: bytes, written: set[str], made: set[str]) -> None:
    _claim(root, rel, written, made).write_bytes(payload)


def _link(root: Path, rel: str, source: Path, written: set[str], made: set[str]) -> None:
    target = _claim(root, rel, written, made)
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy does the same
        target.write_bytes(source.read_bytes())


def update_files(out: Path, files: Mapping[str, Payload], copies: Mapping[str, Path], removed: set[str]) -> None:
    """Replaces single files in a finished site, each atomically, for the preview server's partial rebuilds."""
    out = out.resolve()
    payloads = {**files, **{rel: source.read_bytes() for rel, source in copies.items()}}
    for rel, payload in payloads.items():
        target = (out / rel).resolve()
        if out not in target.parents:
            raise SiteBuilderError(f"refusing to write outside the output folder: {rel}")
        write_atomically(target, _bytes(payload))  # a reader sees the old file or the new one, never half of one
    for rel in removed:
        target = (out / rel).resolve()
        if out in target.parents:
            target.unlink(missing_ok=True)
