"""Stage 6, write: pre-compressed copies (.gz, .br) of the text files in the output, for servers that send them
as they are (nginx gzip_static / brotli_static, docs/nginx.conf) instead of compressing on every request.

Deterministic: gzip with mtime 0 and no file name, Brotli at a fixed quality, so two builds give the same bytes.
A copy is made again only when its original is newer, and a copy whose original is gone is removed.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

TEXT = frozenset({".html", ".css", ".js", ".mjs", ".xml", ".svg", ".json", ".txt", ".vtt"})
SUFFIXES = (".gz", ".br")
MIN_BYTES = 256  # below this a compressed copy saves less than its headers cost
# Hashed assets are few and cached for a year: the densest Brotli (16 ms for 11 KB). Pages are many and change:
# quality 5 (0.25 ms for 11 KB, 10 % larger), so 10,000 pages add seconds to a cold build, not minutes.
ASSET_QUALITY = 11
PAGE_QUALITY = 5


def compressed(data: bytes, *, dense: bool) -> dict[str, bytes]:
    """The .gz and .br copies of one file's bytes (pure)."""
    return {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=ASSET_QUALITY if dense else PAGE_QUALITY),
    }


def precompress(output: Path) -> int:
    """Write missing or stale .gz/.br copies beside the text files under `output`; returns how many were written."""
    written = 0
    # os.walk: one listing a folder, not a stat a file (30,000 files at 10,000 articles).
    for folder, _dirs, names in os.walk(output):
        here = set(names)
        for name in names:
            path = Path(folder, name)
            if path.suffix in SUFFIXES:
                if path.stem not in here or Path(path.stem).suffix not in TEXT:
                    path.unlink()  # its original is gone
                continue
            if path.suffix in TEXT:
                written += _refresh(path, output)
    return written


def _refresh(path: Path, output: Path) -> int:
    st = path.stat()
    if st.st_size < MIN_BYTES:
        for suffix in SUFFIXES:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return 0
    stale = [s for s in SUFFIXES if not _fresh(Path(f"{path}{s}"), st.st_mtime_ns)]
    if not stale:
        return 0
    parts = path.relative_to(output).parts
    copies = compressed(path.read_bytes(), dense=len(parts) > 1 and parts[1] in ("assets", "banner"))
    for suffix in stale:
        target = Path(f"{path}{suffix}")
        partial = target.with_name(f".{target.name}.tmp")
        partial.write_bytes(copies[suffix])
        partial.replace(target)  # never a half-written copy that a server would send
    return len(stale)


def _fresh(copy: Path, original_mtime_ns: int) -> bool:
    try:
        return copy.stat().st_mtime_ns >= original_mtime_ns
    except FileNotFoundError:
        return False
