"""字数 as Microsoft Word counts it (SPEC 4.2), on plain text and on rendered Markdown."""

from __future__ import annotations

import doctest

import pytest

from sitegen.content import count_words, render_body, wordcount


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n\t", 0),
        ("\u3000\u3000职业教育", 4),  # the ideographic space of an indented paragraph is white space
        ("职业教育活动周", 7),
        ("一技在手，一生无忧。", 10),  # full-width punctuation counts one each
        ("“终身学习”‘活到老’", 11),  # curly quotes are full-width punctuation in Chinese text
        ("等等……——", 6),  # …… and —— are two marks each
        ("《职业教育法》【解读】", 11),
        ("（一）、；：！？", 8),
        ("５Ｇ网络", 4),  # full-width letters and digits count one each, like ideographs
        ("5G网络", 3),  # a run of Latin letters and digits counts one
        ("投资3.5亿元", 5),
        ("培训1,200名学员", 6),
        ("2024年5月12日", 6),
        ("It's a state-of-the-art lab.", 4),
        ("Hello, world!", 2),
        ("a - b", 3),  # a lone half-width mark is a run of its own, as in Word
        ("𠀀𪚥𫠝", 3),  # extension B, B and E ideographs (outside the BMP)
        ("㐀䶵", 2),  # extension A
        ("ひらがなカタカナ", 8),
        ("中文\u200b文字", 4),  # a zero-width space separates nothing a reader sees
        ("职教🎉活动", 5),  # an emoji is a run of its own
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


def test_markdown_syntax_and_link_urls_do_not_count() -> None:
    markdown = (
        "## 技能展示\n\n"
        "**烹饪**与*汽车维修*，详见[山西日报](https://example.org/a/very/long/path?x=1)。\n\n"
        "- 项目一\n- 项目二\n\n"
        "![现场照片](photo.jpg)\n\n"
        "> 引用一句话\n"
    )
    # 技能展示 4 + 烹饪与汽车维修 7 + ， + 详见山西日报 6 + 。 + 项目一项目二 6 + 引用一句话 5
    assert count_words(render_body(markdown).text) == 30


def test_line_breaks_inside_a_chinese_paragraph_do_not_count() -> None:
    assert count_words(render_body("职业教育\n活动周\n").text) == 7


def test_documented_examples_hold() -> None:
    assert doctest.testmod(wordcount).failed == 0
