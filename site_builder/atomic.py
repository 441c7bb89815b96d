"""Writing one file so that a reader (another build, the preview server, a web server) never sees half of it."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, payload: bytes) -> None:
    """Writes `payload` to a temporary file beside `path`, then renames it over `path` (atomic on POSIX).

    The temporary name carries the process id, so two processes writing one cache entry never share it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part-{os.getpid()}")
    try:
        temporary.write_bytes(payload)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
