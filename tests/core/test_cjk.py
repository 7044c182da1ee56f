"""One definition of Chinese text: word count, line joining and slugs agree on which characters are CJK."""

from __future__ import annotations

import re

from sitegen.content import count_words, render_body
from sitegen.core import CJK_TEXT, HAN, char_class, slugify

EXTENSION_B = "\U00020001"  # a rare ideograph outside the Basic Multilingual Plane, as in some personal names


def test_char_class_matches_exactly_its_ranges() -> None:
    pattern = re.compile(f"[{char_class(HAN)}]")
    edges = [c for low, high in HAN for c in (low - 1, low, high, high + 1)]
    for code in edges:
        assert bool(pattern.fullmatch(chr(code))) == any(low <= code <= high for low, high in HAN), hex(code)
    assert not re.fullmatch(f"[{char_class(CJK_TEXT)}]", "\u3000")  # the ideographic space is white space


def test_a_rare_ideograph_counts_one_and_joins_lines_like_any_other() -> None:
    assert count_words(f"张{EXTENSION_B}同学获奖") == 6
    assert "<p>张" + EXTENSION_B + "同学获奖</p>" in render_body(f"张{EXTENSION_B}\n同学获奖\n").html


def test_slugs_see_the_same_ideographs() -> None:
    assert slugify("太原市启动仪式") == "taiyuan-shi-qidong-yishi"
    assert slugify("Opening Day") == "opening-day"
