"""Intake, duplicates by content: a re-sent or forwarded copy of a draft under content/, whatever its Message-ID.

A draft and its copy are compared as they are written: the body's words (the Word file's text, without
markup, links or picture paths) and the bytes of the photos and videos in the media folder. Only the
files whose size matches a new one are hashed, so a large content/ costs a directory walk.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core import frozen

_MEDIA = (".jpg", ".jpeg", ".png", ".mp4", ".m4v", ".mov")
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


@dataclass
class Copies:
    """The drafts under content/: body words → article, and media files by size (hashed when a size matches)."""

    texts: dict[str, str] = field(default_factory=dict)
    sizes: dict[int, list[tuple[Path, str]]] = field(default_factory=dict)
    hashes: dict[Path, str] = field(default_factory=dict)

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
        for file in _media(folder):
            self.sizes.setdefault(file.stat().st_size, []).append((file, article))

    def _hash(self, path: Path) -> str:
        if path not in self.hashes:
            self.hashes[path] = _digest(path)
        return self.hashes[path]

    def same(self, markdown: Path, folder: Path | None) -> Same | None:
        """The draft this one copies, wholly or in part; None when nothing is the same."""
        words = body_words(markdown)
        by_text = self.texts.get(words) if words else None
        files = _media(folder)
        found: dict[str, int] = {}  # article → how many of the new files it holds
        for file in files:
            candidates = self.sizes.get(file.stat().st_size, [])
            if not candidates:
                continue
            digest = _digest(file)
            for article in {a for p, a in candidates if self._hash(p) == digest}:
                found[article] = found.get(article, 0) + 1
        if by_text is not None:
            photos = found.get(by_text, 0)
            whole = photos == len(files)
            what = "标题和正文相同" + (f"，{photos} 张照片或视频相同" if photos else "")
            return Same(by_text, whole, what)
        if found:
            article, count = max(found.items(), key=lambda item: item[1])
            whole = not words and count == len(files)
            return Same(article, whole, f"{count} 张照片或视频相同")
        return None
