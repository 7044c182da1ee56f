"""The one definition of Chinese (CJK) text: which characters are ideographs, and which are written without spaces."""

from __future__ import annotations

import re

CodeRange = tuple[int, int]  # first and last code point, inclusive

# CJK ideographs in the Basic Multilingual Plane: extension A, the unified block, compatibility ideographs.
HAN_BMP: tuple[CodeRange, ...] = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# Extensions B to I, the compatibility supplement (planes 2 and 3).
HAN_SUPPLEMENT: tuple[CodeRange, ...] = ((0x20000, 0x3134F), (0x31350, 0x323AF))
HAN: tuple[CodeRange, ...] = HAN_BMP + HAN_SUPPLEMENT

IDEOGRAPHIC_SPACE: tuple[CodeRange, ...] = ((0x3000, 0x3000),)
# Every character Chinese text writes without spaces, each one a 字 in Word's count: the ideographs,
# radicals, kana, bopomofo, CJK symbols and punctuation (、。《》【】, not the ideographic space), enclosed
# letters, vertical and compatibility forms, full-width forms (，！？：；（）), and the general punctuation
# that Chinese uses in its full-width sense: · — ― ‘ ’ “ ” … ‧ ⸺ ⸻
CJK_TEXT: tuple[CodeRange, ...] = (
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3001, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31BF),  # bopomofo extended
    (0x3190, 0x319F),  # kanbun
    (0x31C0, 0x31EF),  # CJK strokes
    (0x3200, 0x33FF),  # enclosed CJK letters, CJK compatibility
    *HAN,
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF01, 0xFFEE),  # full-width and half-width forms
    *((ord(c), ord(c)) for c in "\u00b7\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u2027\u2e3a\u2e3b"),
)


def char_class(ranges: tuple[CodeRange, ...]) -> str:
    """The inside of a regular expression character class, `[...]`, matching exactly `ranges`."""
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
