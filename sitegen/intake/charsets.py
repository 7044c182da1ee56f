"""Intake, charsets: bytes to text as Chinese mail clients and Windows label (or fail to label) them."""

from __future__ import annotations

import codecs
import re

from ..core import CJK_TEXT, IDEOGRAPHIC_SPACE, char_class

# Every GB label is decoded as GB18030, the superset: clients label GBK (and GB18030) text gb2312.
_GB = {"gb2312", "gb_2312", "gb_2312-80", "euc-cn", "euccn", "x-euc-cn", "gbk", "x-gbk", "cp936", "ms936", "gb18030"}
_CHINESE = re.compile(f"[{char_class(CJK_TEXT + IDEOGRAPHIC_SPACE)}]")


def charset_name(label: str | None) -> str:
    """The codec to decode a charset label with: GB labels as GB18030, unknown labels as UTF-8."""
    name = (label or "").strip().strip('"').lower().split("*")[0]  # RFC 2231 allows charset*lang
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name if name else "utf-8"
    except LookupError:
        return "utf-8"


def decode_bytes(data: bytes, label: str | None = None) -> str:
    """Bytes under a label; unlabelled bytes as UTF-8 when they read as Chinese in UTF-8, else as GB18030.

    Short GBK names can be valid UTF-8 too (图片 is CD BC C6 AC, which UTF-8 reads as ͼƬ), but GBK
    bytes almost never form UTF-8's three-byte Chinese characters.
    """
    if label:
        try:
            return data.decode(charset_name(label))
        except UnicodeDecodeError:
            pass
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")
    if utf8.isascii() or _CHINESE.search(utf8):
        return utf8
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        return utf8
    return gb if _CHINESE.search(gb) else utf8
