"""The one atomic writer: readers see the old file or the whole new one, also after a power cut."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(target: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to a temporary file beside `target`, fsync it, then rename it over `target`.

    The rename is atomic on one file system; the fsync first makes sure the new name never points
    at a file whose bytes are still only in memory. `mode` sets the permissions (an edited article
    keeps its own)."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(data)
            if mode is not None:
                os.fchmod(f.fileno(), mode)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
