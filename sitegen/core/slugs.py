"""URL segments from titles and file names: ASCII kept, Chinese turned into word-grouped pinyin."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .cjk import HAN, char_class

if TYPE_CHECKING:  # loading jieba's dictionary takes a second: only a build that needs pinyin pays it
    import jieba

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_HAN = re.compile(f"[{char_class(HAN)}]")
# GB/T 16159 writes the proper name and the generic name of a place apart: 太原市 → Taiyuan Shi.
_PLACE_GENERICS = "省市县区镇乡村"
# Where jieba keeps its dictionary cache: the project's .cache/, set by the command line for itself and the
# worker processes it starts; jieba's own default is the system temp folder.
SEGMENTER_CACHE = "SITEGEN_CACHE_DIR"
MAX_SLUG = 80  # characters: an address an editor can still read and a media folder name well under 255 bytes


def slugify(text: str, places: Mapping[str, str] | None = None) -> str:
    """`太原市启动仪式` → `taiyuan-shi-qidong-yishi`; `Opening Day` → `opening-day`.

    `places` maps place names (太原) to their fixed slugs, so polyphones like 长治 come out right.
    """
    if not _HAN.search(text):
        return _NON_SLUG.sub("-", text.lower()).strip("-")
    places = places or {}
    parts: list[str] = []
    for word in _words(text):
        for piece in _split_place(word):
            parts.append(places.get(piece) or _pinyin(piece))
    return _NON_SLUG.sub("-", "-".join(parts).lower()).strip("-")


def free_slug(wanted: str, taken: set[str]) -> str:
    """`wanted` shortened at a word to MAX_SLUG, with -2, -3 … until no article of `taken` has it."""
    slug = (wanted[:MAX_SLUG].rsplit("-", 1)[0] if len(wanted) > MAX_SLUG else wanted) or "article"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _split_place(word: str) -> list[str]:
    if len(word) >= 3 and word[-1] in _PLACE_GENERICS and _is_word(word[:-1]):
        return [word[:-1], word[-1]]
    return [word]


def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word, v_to_u=False, errors=lambda chars: chars))


def _words(text: str) -> list[str]:
    return [w for w in _segmenter().lcut(text) if w.strip()]


def _is_word(text: str) -> bool:
    return bool(_segmenter().FREQ.get(text))


@cache
def _segmenter() -> jieba.Tokenizer:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    folder = os.environ.get(SEGMENTER_CACHE)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = folder
    tokenizer.initialize()
    return tokenizer
