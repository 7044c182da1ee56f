"""Stage 4, validation: copy-editing checks (SPEC 14) on titles, summaries, bodies, captions and report titles.

The list (lexicon.py) finds serious expressions and listed slips; the checks here are those a list cannot
say: half-width punctuation inside Chinese sentences, ellipses, 顿号 between quoted or titled items, 1、
after an Arabic numeral, unpaired quotes and brackets (GB/T 15834-2011), full-width digits (GB/T 15835-2011),
ID and mobile numbers. A finding whose text the article lists under `accepted:` is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from ..core import FieldPath, Problem, frozen
from .lexicon import Lexicon
from .subject import Subject

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PUNCT_SOURCE = "GB/T 15834-2011《标点符号用法》"
_NUMBER_SOURCE = "GB/T 15835-2011《出版物上数字用法》"
_PRIVACY_SOURCE = "《中华人民共和国个人信息保护法》"

# Spans that are not prose: their half-width marks and digits are right as they are. Each kind has a
# text it cannot do without, so a body without backticks or links is not searched for code or links.
_NOT_PROSE = (
    ("```", r"```.*?```"),  # fenced code
    ("~~~", r"~~~.*?~~~"),
    ("`", r"`[^`\n]+`"),  # inline code
    ("](", r"\]\([^)\n]*\)"),  # link and image targets
    ("<", r"<[^<>\n]+>"),  # autolinks and HTML tags
    ("://", r"(?:https?|ftp)://[^\s<>（）\u3000-\u303f\uff01-\uff5e]+"),  # bare URLs
    ("www.", r"www\.[A-Za-z0-9.-]+[^\s<>\u3000-\u303f\uff01-\uff5e]*"),
    ("@", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    ("]:", r"^\s*\[[^\]\n]+\]:[^\n]*"),  # reference link definitions
)
_HALF_WIDTH = {",": "，", ";": "；", "?": "？", "!": "！", ":": "：", ".": "。"}
# Each pattern starts with the mark itself, so the regex engine skips ahead to it; what must precede the
# mark (a Chinese character, a line start) is tested in Python: a leading look-behind scans every position.
_HAN_CHAR = re.compile(f"[{HAN}]")
_HALF_MARK = re.compile(r"[,;?!:]|\.(?![0-9A-Za-z.])")
_HALF_PARENS = re.compile(r"\(([^()\n]{0,80})\)")
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|…+")
_SERIAL_COMMA = re.compile(r"》、《|”、“")
_NUMERAL_COMMA = re.compile(r"[0-9]{1,2}、")
_BEFORE_NUMERAL = re.compile(r"(?:^|[。；：！？\s])(?:[-*+]\s+)?$")
_FULL_DIGITS = re.compile(r"[０-９]+(?:[．.][０-９]+)?")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_ELEVEN_DIGITS = re.compile(r"[0-9]{3}[- ]?[0-9]{4}[- ]?[0-9]{4}")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9](?:[0-9]{8}|-[0-9]{4}-[0-9]{4}| [0-9]{4} [0-9]{4})(?![0-9])")
_PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_PAIR_CHAR = re.compile("[“”《》（）【】]")
_MANY = 3  # more half-width marks of one kind than this in one text: the whole text was typed so


@frozen
class Finding:
    """One copy-editing finding in one text: where (offset), the text found, its right form, what kind."""

    start: int
    found: str
    right: str
    category: str  # 政治表述, 标点, 数字, 个人信息 …
    rule: str  # serious_expression, punctuation, numbers, id_number, mobile_number
    source: str
    mark: str = ""  # the half-width mark, for findings that are many of one kind in one text


def findings(text: str, lexicon: Lexicon, *, markdown: bool = False) -> list[Finding]:
    """Every finding in `text`, in order. Markdown bodies have their code, link targets and URLs blanked first,
    keeping offsets, so lines stay right."""
    prose = _prose(text) if markdown else text
    out = [
        Finding(h.start, text[h.start : h.end], h.entry.right, h.entry.category, h.entry.rule, h.entry.source)
        for h in lexicon.scan(prose)
    ]
    for check in (_half_width, _ellipses, _serial_commas, _numeral_commas, _unpaired, _full_digits, _personal):
        out += check(prose)
    return sorted(out, key=lambda f: f.start)


def _prose(text: str) -> str:
    present = tuple(branch for needle, branch in _NOT_PROSE if needle in text)
    return _not_prose(present).sub(lambda m: _blank(m.group()), text) if present else text


@lru_cache(maxsize=64)
def _not_prose(branches: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(branches), re.DOTALL | re.MULTILINE)


def _blank(span: str) -> str:
    return "".join("\n" if c == "\n" else " " for c in span)


def _around(text: str, start: int, end: int) -> tuple[str, int]:
    """The mark with one character either side, so the finding names a text an editor can find and accept."""
    left = start - 1 if start > 0 and not text[start - 1].isspace() else start
    right = end + 1 if end < len(text) and not text[end].isspace() else end
    return text[left:right], left


def _half_width(text: str) -> Iterator[Finding]:
    for m in _HALF_MARK.finditer(text):
        if m.start() == 0 or not _HAN_CHAR.match(text, m.start() - 1):
            continue
        found, at = _around(text, m.start(), m.end())
        mark = m.group()
        yield Finding(at, found, found.replace(mark, _HALF_WIDTH[mark]), "标点", "punctuation", _PUNCT_SOURCE, mark)
    for m in _HALF_PARENS.finditer(text) if "(" in text else ():
        inner = m.group(1)  # Chinese inside, or right after Chinese: (晋中), 要求(1)
        if _HAN_CHAR.search(inner) or (m.start() and _HAN_CHAR.match(text, m.start() - 1)):
            yield Finding(m.start(), m.group(), f"（{inner}）", "标点", "punctuation", _PUNCT_SOURCE)


def _ellipses(text: str) -> Iterator[Finding]:
    if "..." not in text and "。。。" not in text and "…" not in text:
        return
    for m in _ELLIPSIS.finditer(text):
        if m.group() == "……":
            continue  # the right one; a lone … or three and more are not
        yield Finding(m.start(), m.group(), "……", "标点", "punctuation", _PUNCT_SOURCE)


def _serial_commas(text: str) -> Iterator[Finding]:
    for m in _SERIAL_COMMA.finditer(text):  # 4.5.3.5: 标有引号或书名号的并列成分之间通常不用顿号
        yield Finding(m.start(), m.group(), m.group().replace("、", ""), "标点", "punctuation", _PUNCT_SOURCE)


def _numeral_commas(text: str) -> Iterator[Finding]:
    for m in _NUMERAL_COMMA.finditer(text):  # 4.5.3.4: 阿拉伯数字后的序次语用下脚点，不用顿号
        start = m.start()
        if start and text[start - 1].isdigit():
            continue
        if _BEFORE_NUMERAL.search(text, max(0, start - 4), start) is None:
            continue  # 第1、2名: numbers in a list, not an ordinal at the start of an item
        number = m.group()[:-1]
        yield Finding(start, m.group(), f"{number}.", "标点", "punctuation", _PUNCT_SOURCE)


def _unpaired(text: str) -> Iterator[Finding]:
    """Quotes and brackets paired within each paragraph; a quotation spanning paragraphs is rare in news."""
    offset = 0
    for paragraph in text.split("\n"):
        if any(paragraph.count(a) != paragraph.count(b) for a, b in _PAIRS.items()):  # the usual case, in C
            stack: list[tuple[str, int]] = []
            for m in _PAIR_CHAR.finditer(paragraph):
                char, i = m.group(), offset + m.start()
                if char in _PAIRS:
                    stack.append((char, i))
                elif stack and stack[-1][0] == _CLOSERS[char]:
                    stack.pop()
                else:
                    yield _unpaired_at(text, i, f"{char} 缺少成对的 {_CLOSERS[char]}")
            yield from (_unpaired_at(text, at, f"{c} 缺少成对的 {_PAIRS[c]}") for c, at in stack)
        offset += len(paragraph) + 1


def _unpaired_at(text: str, i: int, right: str) -> Finding:
    start = max(text.rfind("\n", 0, i) + 1, i - 4)
    end = min(i + 6, len(text) if (stop := text.find("\n", i)) < 0 else stop)
    return Finding(start, text[start:end], right, "标点", "punctuation", _PUNCT_SOURCE)


def _full_digits(text: str) -> Iterator[Finding]:
    for m in _FULL_DIGITS.finditer(text):
        half = m.group().translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}).replace("．", ".")
        yield Finding(m.start(), m.group(), half, "数字", "numbers", _NUMBER_SOURCE)


def _personal(text: str) -> Iterator[Finding]:
    if _ELEVEN_DIGITS.search(text) is None:  # one cheap scan: most texts hold no long number at all
        return
    for m in _ID_NUMBER.finditer(text):
        if id_number_valid(m.group()):
            masked = m.group()[:6] + "********" + m.group()[-4:]
            right = f"删除身份证号码，或隐去出生日期，如 {masked}"
            yield Finding(m.start(), m.group(), right, "个人信息", "id_number", _PRIVACY_SOURCE)
    for m in _MOBILE.finditer(text):
        right = "公开个人手机号码须经本人同意，可改用办公电话"
        yield Finding(m.start(), m.group(), right, "个人信息", "mobile_number", _PRIVACY_SOURCE)


def id_number_valid(number: str) -> bool:
    """GB 11643-1999: a birth date that exists and the ISO 7064 MOD 11-2 check character."""
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(number[:17]))
    return "10X98765432"[total % 11] == number[17].upper()


# -- the rule -----------------------------------------------------------------------------------------------


def copyediting(s: Subject) -> Iterable[Problem]:
    """SPEC 14 on every text an article publishes; each problem names its own rule id (its severity's key)."""
    accepted = set(s.article.accepted)
    phones: set[str] = set()  # a contact number repeated in a table is one warning, at its first line

    def wanted(f: Finding) -> bool:
        if f.found in accepted or (f.rule == "mobile_number" and f.found in phones):
            return False
        if f.rule == "mobile_number":
            phones.add(f.found)
        return True

    for path, text in _fields(s):
        for f, count in _grouped(f for f in findings(text, s.lexicon, markdown=True) if wanted(f)):
            yield _problem(s.problem(path, ""), f, count)
    body = s.article.body
    for f, count in _grouped(f for f in findings(body, s.lexicon, markdown=True) if wanted(f)):
        line = s.article.source.body_line + body.count("\n", 0, f.start)
        yield _problem(Problem(s.article.rel, line, "正文", ""), f, count)


def _grouped(found: Iterable[Finding]) -> Iterator[tuple[Finding, int]]:
    """A text typed with half-width commas throughout is one finding (at the first), not a wall of them."""
    found = list(found)
    marks: dict[str, list[Finding]] = {}
    for f in found:
        if f.mark:
            marks.setdefault(f.mark, []).append(f)
    for f in found:
        many = marks.get(f.mark, []) if f.mark else []
        if len(many) <= _MANY:
            yield f, 1
        elif f is many[0]:
            yield f, len(many)


def _fields(s: Subject) -> Iterator[tuple[FieldPath, str]]:
    article = s.article
    yield ["title"], article.title
    if article.summary:
        yield ["summary"], article.summary
    for n, image in enumerate(article.images):
        for part in ("time", "place", "people", "event"):
            text = getattr(image.caption, part)
            if text:
                yield ["images", n, "caption", part], text
    for n, report in enumerate(article.reports):
        for part in ("title", "summary"):
            text = getattr(report, part)
            if text:
                yield ["reports", n, part], text


def _problem(where: Problem, f: Finding, count: int = 1) -> Problem:
    if count > 1:
        message = f"{f.category}：有 {count} 处半角“{f.mark}”，应为全角“{_HALF_WIDTH[f.mark]}”（第一处“{f.found}”）"
        return Problem(where.path, where.line, where.field, message, f"依据 {f.source}", rule=f.rule)
    keep = f"确系有意保留时，在 accepted 中写明“{f.found}”"
    if f.rule == "id_number":
        message, hint = f"个人信息：公开了身份证号码“{f.found}”", f"{f.right}；依据 {f.source}"
    elif f.rule == "mobile_number":
        message, hint = f"个人信息：手机号码“{f.found}”", f"{f.right}；{keep}"
    elif f.rule == "serious_expression":
        message, hint = f"{f.category}：“{f.found}”，应为“{f.right}”", f"依据 {f.source}；{keep}"
    elif "缺少成对的" in f.right:  # the quotes of the message would pair with the unpaired one
        message, hint = f"{f.category}：{f.found} 中的{f.right}", f"依据 {f.source}"
    else:
        message, hint = f"{f.category}：“{f.found}”宜为“{f.right}”", f"依据 {f.source}"
    return Problem(where.path, where.line, where.field, message, hint, rule=f.rule)
