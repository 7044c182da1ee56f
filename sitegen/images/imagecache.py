"""Stage 5, render: the derivative cache in .cache/images/, one entry per source content and recipe."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import asdict
from pathlib import Path

from ..core import frozen, write_atomic
from .imageproc import Encoded, Rendered

# An entry is `<key>/`: the derivative files, named by their own content, and `manifest.json`, written last.
# Every file is written under a temporary name and renamed into place, so a killed build leaves either a
# complete file or none; an entry without a valid manifest, or whose files do not match it, is never trusted.
MANIFEST = "manifest.json"
_KEY = re.compile(r"[0-9a-f]{32}")
_EXTENSIONS = {"image/webp": "webp", "image/jpeg": "jpg", "image/png": "png"}


@frozen
class CachedFile:
    name: str  # <first 16 hex digits of the SHA-256 of the bytes>-<width>.<ext>
    width: int
    height: int
    mime: str
    size: int


@frozen
class Entry:
    key: str
    width: int  # upright size of the source
    height: int
    files: tuple[CachedFile, ...]  # the responsive derivatives
    originals: tuple[CachedFile, ...] = ()  # a full-size copy, when the recipe asks for one


def digest(source: Path) -> str:
    with source.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def load(cache: Path, key: str) -> Entry | None:
    """The entry if its manifest is whole and every file it lists is there at its recorded size."""
    folder = cache / key
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        entry = Entry(
            data["key"],
            data["width"],
            data["height"],
            tuple(CachedFile(**f) for f in data["files"]),
            tuple(CachedFile(**f) for f in data["originals"]),
        )
        if entry.key != key or not entry.files:
            return None
        for f in (*entry.files, *entry.originals):
            if (folder / f.name).stat().st_size != f.size:
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return entry


def store(cache: Path, key: str, rendered: Rendered) -> Entry:
    folder = cache / key
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)  # whatever is there stays untrusted until the new manifest lands

    def put(encoded: Encoded) -> CachedFile:
        name = f"{hashlib.sha256(encoded.data).hexdigest()[:16]}-{encoded.width}.{_EXTENSIONS[encoded.mime]}"
        write_atomic(folder / name, encoded.data)
        return CachedFile(name, encoded.width, encoded.height, encoded.mime, len(encoded.data))

    entry = Entry(
        key,
        rendered.width,
        rendered.height,
        tuple(put(e) for e in rendered.files),
        tuple(put(e) for e in rendered.originals),
    )
    write_atomic(folder / MANIFEST, json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True).encode())
    return entry


def prune(cache: Path, keep: set[str]) -> int:
    """Remove entries not in `keep`, and anything in a kept entry that its manifest does not list."""
    removed = 0
    if not cache.is_dir():
        return removed
    for child in cache.iterdir():
        if _KEY.fullmatch(child.name) and child.is_dir():
            if child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)
                removed += 1
            else:
                removed += _tidy(child)
        elif child.name.startswith(".") and child.name.endswith(".tmp"):
            child.unlink(missing_ok=True)
    return removed


def _tidy(folder: Path) -> int:
    entry = load(folder.parent, folder.name)
    if entry is None:
        return 0
    listed = {MANIFEST, *(f.name for f in (*entry.files, *entry.originals))}
    stray = [p for p in folder.iterdir() if p.name not in listed and p.is_file()]
    for path in stray:
        path.unlink(missing_ok=True)
    return len(stray)
