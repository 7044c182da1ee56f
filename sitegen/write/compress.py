"""Stage 6, write: the pre-compressed copies (.gz, .br) of a text file, for servers that send them as they are
(nginx gzip_static / brotli_static, docs/nginx.conf) instead of compressing on every request.

The writer makes them with the file, in the same staging folder and under the same journal, so a page and its
copies are replaced together and a deleted page takes its copies with it: a server never sends a copy of a
page that has changed. Deterministic: gzip with mtime 0 and no file name, Brotli at a fixed quality.
"""

from __future__ import annotations

import gzip
from pathlib import PurePosixPath

import brotli

TEXT = frozenset({".html", ".css", ".js", ".mjs", ".xml", ".svg", ".json", ".txt", ".vtt"})
SUFFIXES = (".gz", ".br")
MIN_BYTES = 256  # below this a compressed copy saves less than its headers cost
# Hashed assets are few and cached for a year: the densest Brotli (16 ms for 11 KB). Pages are many and change:
# quality 5 (0.25 ms for 11 KB, 10 % larger), so 10,000 pages add seconds to a cold build, not minutes.
ASSET_QUALITY = 11
PAGE_QUALITY = 5
_DENSE_FOLDERS = frozenset({"assets", "banner"})


def compressible(rel: str) -> bool:
    """Whether a file of the site gets copies: text a browser asks for compressed."""
    return PurePosixPath(rel).suffix in TEXT


def compressed(rel: str, data: bytes) -> dict[str, bytes]:
    """The copies of the file at `rel` (relative to the output or a column's root) by their paths; none for a
    file that is not text or too small to gain. Pure."""
    if not compressible(rel) or len(data) < MIN_BYTES:
        return {}
    dense = not _DENSE_FOLDERS.isdisjoint(PurePosixPath(rel).parts[:2])
    return {
        rel + ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        rel + ".br": brotli.compress(data, quality=ASSET_QUALITY if dense else PAGE_QUALITY),
    }


def copies_of(rel: str) -> tuple[str, ...]:
    """The paths the copies of `rel` may have, whether or not they were made (a small file has none)."""
    return tuple(rel + suffix for suffix in SUFFIXES) if compressible(rel) else ()
