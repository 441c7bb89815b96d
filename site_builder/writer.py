"""Writes a finished site atomically: into a fresh folder beside the output, then swapped in.

A failed or interrupted build never touches the previous site; files of removed pages disappear
because the new folder only holds what this build produced.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from .errors import SiteBuilderError


def write_site(out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path]) -> None:
    """files: output path -> bytes; copies: output path -> file to copy as is."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        written: set[str] = set()
        for rel, payload in files.items():
            _write(staging, rel, payload, written)
        for rel, source in copies.items():
            _write(staging, rel, source.read_bytes(), written)
        if out.exists():
            out.rename(old)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not out.exists():
            old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _write(root: Path, rel: str, payload: bytes, written: set[str]) -> None:
    # Pelican's rule: two pages claiming one file is a bug, never a silent overwrite.
    if rel in written:
        raise SiteBuilderError(f"two outputs claim the same file: {rel}")
    target = (root / rel).resolve()
    if root.resolve() not in target.parents:
        raise SiteBuilderError(f"refusing to write outside the output folder: {rel}")
    written.add(rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(payload)


def update_files(out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path], removed: set[str]) -> None:
    """Replaces single files in a finished site, each atomically, for the preview server's partial rebuilds."""
    out = out.resolve()
    payloads = {**files, **{rel: source.read_bytes() for rel, source in copies.items()}}
    for rel, payload in payloads.items():
        target = (out / rel).resolve()
        if out not in target.parents:
            raise SiteBuilderError(f"refusing to write outside the output folder: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.part-{os.getpid()}")
        temporary.write_bytes(payload)
        os.replace(temporary, target)  # a reader sees the old file or the new one, never half of one
    for rel in removed:
        target = (out / rel).resolve()
        if out in target.parents:
            target.unlink(missing_ok=True)
