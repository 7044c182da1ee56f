"""Intake, duplicates by content: a re-sent or forwarded copy of a draft under content/, whatever its Message-ID.

A draft and its copy are compared as they are written: the title and body's words (the Word file's
text, without markup, links or picture paths), the bytes of the photos and videos in the media folder,
and, against the same unit's drafts, the photos' pictures (16×16 thumbnails, as photos.py matches
Word's copies). Only files whose size matches a new one are hashed.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core import frozen
from .photos import SAME_PICTURE, Fingerprint, distance, fingerprint

_MEDIA = (".jpg", ".jpeg", ".png", ".mp4", ".m4v", ".mov")
_PHOTOS = (".jpg", ".jpeg", ".png")
_MAX_PIXELS = 120_000_000  # the drafts' own photos passed the import's limit already
_LINKS = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)")
_NOT_WORDS = re.compile(r"[\W_]+")


@frozen
class Same:
    article: str  # content/<column>/<section>/<slug>.md
    whole: bool  # the same text and every photo: a copy, refused
    what: str  # what is the same, for the editor


def body_words(markdown: Path) -> str:
    """The words of the article's title and body: what the author wrote, not how it was laid out."""
    try:
        text = markdown.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    head, _, body = text.partition("\n---\n") if text.startswith("---") else ("", "", text)
    title = re.search(r"^title:(.*)$", head, re.MULTILINE)  # a corrected title is a new version, not a copy
    return _NOT_WORDS.sub("", (title.group(1) if title else "") + _LINKS.sub("", body))


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _media(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in _MEDIA)


def _unit(markdown: Path) -> str:
    try:
        with markdown.open("rb") as f:
            head = f.read(8192).decode("utf-8", errors="replace")
    except OSError:
        return ""
    found = re.search(r"^unit:[ \t]*[\"']?([^\"'#\n]*)", head, re.MULTILINE)
    return found.group(1).strip() if found else ""


@dataclass
class Copies:
    """The drafts under content/: body words → article, media files by size (hashed when a size matches), and
    each unit's photos, compared by their pixels with a new draft of the same unit (a re-sent photo that a
    mail client or WeChat recompressed has other bytes but the same picture)."""

    texts: dict[str, str] = field(default_factory=dict)
    sizes: dict[int, list[tuple[Path, str]]] = field(default_factory=dict)
    hashes: dict[Path, str] = field(default_factory=dict)
    units: dict[str, list[tuple[Path, str]]] = field(default_factory=dict)
    prints: dict[Path, Fingerprint | None] = field(default_factory=dict)

    @classmethod
    def of(cls, content: Path) -> Copies:
        copies = cls()
        for dirpath, dirnames, filenames in os.walk(content):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(".md"):
                    path = Path(dirpath, name)
                    copies.add(path.relative_to(content.parent).as_posix(), path, path.with_suffix(""))
        return copies

    def add(self, article: str, markdown: Path, folder: Path | None) -> None:
        words = body_words(markdown)
        if words:
            self.texts.setdefault(words, article)
        unit = _unit(markdown)
        for file in _media(folder):
            self.sizes.setdefault(file.stat().st_size, []).append((file, article))
            if unit and file.suffix.lower() in _PHOTOS:
                self.units.setdefault(unit, []).append((file, article))

    def _hash(self, path: Path) -> str:
        if path not in self.hashes:
            self.hashes[path] = _digest(path)
        return self.hashes[path]

    def _print(self, path: Path) -> Fingerprint | None:
        if path not in self.prints:
            self.prints[path] = fingerprint(path, path.name, _MAX_PIXELS)
        return self.prints[path]

    def same(self, markdown: Path, folder: Path | None) -> Same | None:
        """The draft this one copies, wholly or in part; None when nothing is the same."""
        words = body_words(markdown)
        by_text = self.texts.get(words) if words else None
        files = _media(folder)
        found: dict[str, int] = {}  # article → how many of the new files it holds, byte for byte
        alike: dict[str, int] = {}  # article → how many of the new photos show the same picture
        others = self.units.get(_unit(markdown), [])
        for file in files:
            candidates = self.sizes.get(file.stat().st_size, [])
            digest = _digest(file) if candidates else ""
            holders = {a for p, a in candidates if self._hash(p) == digest}
            for article in holders:
                found[article] = found.get(article, 0) + 1
            new = self._print(file) if not holders and others and file.suffix.lower() in _PHOTOS else None
            if new is not None:
                for article in {a for p, a in others if _alike(new, self._print(p))}:
                    alike[article] = alike.get(article, 0) + 1
        articles = set(found) | set(alike)
        if by_text is None and not articles:
            return None
        article = by_text or max(articles, key=lambda a: found.get(a, 0) + alike.get(a, 0))
        same_files, same_pictures = found.get(article, 0), alike.get(article, 0)
        what = ["标题和正文相同"] if by_text else []
        what += [f"{same_files} 张照片或视频相同"] if same_files else []
        what += [f"{same_pictures} 张照片画面相同"] if same_pictures else []
        whole = (by_text is not None or not words) and same_files == len(files)
        return Same(article, whole, "，".join(what))


def _alike(a: Fingerprint, b: Fingerprint | None) -> bool:
    return b is not None and abs(a.aspect - b.aspect) <= 0.05 * b.aspect and distance(a, b) <= SAME_PICTURE
