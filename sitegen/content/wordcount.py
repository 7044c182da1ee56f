"""Stage 4, validation: 字数 counted the way Microsoft Word counts it, on the plain text of a rendered body.

Word's 字数 adds up two things: every East Asian character (CJK ideographs, kana, full-width forms)
and every full-width punctuation mark count one each, and every run of other non-space characters
(a Latin word, a number) counts one. The caller passes the plain text of the rendered Markdown,
so Markdown syntax and link URLs are already gone; white space never counts.

>>> count_words("职业教育活动周开幕。")
10
>>> count_words("AI技术助力5月12日开幕")
11
>>> count_words("投资3.5亿元，培训1,200名学员")
12
>>> count_words("“一技在手，一生无忧”……")
13
>>> count_words("It's a state-of-the-art lab.")
4
>>> count_words("  \\n\\u3000 ")
0
"""

from __future__ import annotations

import re

from ..core import CJK_TEXT, char_class

# Each character Chinese text writes without spaces counts one (core.CJK_TEXT says which).
_EAST_ASIAN = char_class(CJK_TEXT)
# White space and the invisible characters that separate nothing a reader sees.
_SPACE = r"\s\u200b-\u200d\u2060\ufeff"
_TOKEN = re.compile(rf"[{_EAST_ASIAN}]|[^{_EAST_ASIAN}{_SPACE}]+")


def count_words(text: str) -> int:
    """字数 of `text`: one per East Asian character or full-width punctuation mark, one per other run.

    A run is everything between white space and East Asian characters, so 3.5, 1,200, don't and
    state-of-the-art count one each, and a half-width mark standing alone (a lone "-") counts one,
    as in Word.
    """
    return sum(1 for _ in _TOKEN.finditer(text))
