"""Intake, Word numbering and losses: automatic numbers written into the text, and what the converter drops, counted.

Word and WPS number headings and paragraphs automatically (一、 二、, （一）, 5.1, ①); the document
holds only the rule (numbering.xml), and mammoth turns every numbered paragraph into a Markdown list
item "1.". Numbers a Markdown list cannot show are therefore computed here, as Word would, and written
into a copy of the document as text before it is converted. Plain "1." lists and bullets stay lists.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN: tuple[tuple[int, str], ...] = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
_ROMAN += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
Level = tuple[int, str, str, str, bool]  # start, numFmt, lvlText, suffix (tab, space, nothing), isLgl


def _chinese(n: int, digits: str = _DIGITS, ten: str = "十") -> str:
    """一 … 九十九 as Word's chineseCounting writes them (十一, 二十, 二十一); larger numbers digit by digit."""
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + ten + (digits[ones] if ones else "")
    return "".join(digits[int(d)] for d in str(n))


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, text in _ROMAN:
        while n >= value:
            out, n = out + text, n - value
    return out


def number(n: int, fmt: str) -> str:
    """One counter in a numFmt of ECMA-376 (the ones Chinese documents use; others as decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "japaneseCounting"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL, "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n) if fmt == "upperLetter" else _letters(n).lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    return str(n)


def _val(element: Any, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get(f"{_W}val")


def _levels(numbering: Any) -> dict[str, dict[int, Level]]:
    """numId → its levels, the abstract definition with the num's start overrides."""
    abstract: dict[str, dict[int, Level]] = {}
    for definition in numbering.iter(f"{_W}abstractNum"):
        levels = {}
        for lvl in definition.iter(f"{_W}lvl"):
            start = int(_val(lvl, f"{_W}start") or 1)
            fmt = _val(lvl, f"{_W}numFmt") or "decimal"
            text, suffix = _val(lvl, f"{_W}lvlText") or "", _val(lvl, f"{_W}suff") or "tab"
            legal = lvl.find(f"{_W}isLgl") is not None  # 一、 above, 1.1 here: every level's number in decimal
            levels[int(lvl.get(f"{_W}ilvl", "0"))] = (start, fmt, text, suffix, legal)
        abstract[definition.get(f"{_W}abstractNumId", "")] = levels
    nums: dict[str, dict[int, Level]] = {}
    for num in numbering.iter(f"{_W}num"):
        levels = dict(abstract.get(_val(num, f"{_W}abstractNumId") or "", {}))
        for override in num.iter(f"{_W}lvlOverride"):
            ilvl = int(override.get(f"{_W}ilvl", "0"))
            restart = _val(override, f"{_W}startOverride")
            if restart is not None and ilvl in levels:
                levels[ilvl] = (int(restart), *levels[ilvl][1:])
        nums[num.get(f"{_W}numId", "")] = levels
    return nums


def _list_like(fmt: str, text: str) -> bool:
    """What a Markdown list shows as well: bullets, and "1." at one level."""
    return fmt in ("bullet", "none") or (fmt == "decimal" and text.count("%") == 1 and text.endswith("."))


def _style_numbers(styles: Any | None) -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    if styles is None:
        return found
    for style in styles.iter(f"{_W}style"):
        num_id = _val(style, f"{_W}pPr/{_W}numPr/{_W}numId")
        if num_id is not None:
            found[style.get(f"{_W}styleId", "")] = (num_id, int(_val(style, f"{_W}pPr/{_W}numPr/{_W}ilvl") or 0))
    return found


def write_numbers(document: Any, numbering: Any, styles: Any | None) -> int:
    """Write each automatic number Markdown cannot show into its paragraph as text; how many were written."""
    from lxml import etree  # type: ignore[import-untyped]  # python-docx's XML library, without stubs

    nums, by_style = _levels(numbering), _style_numbers(styles)
    counters: dict[str, dict[int, int]] = {}
    written = 0
    for paragraph in document.iter(f"{_W}p"):
        props = paragraph.find(f"{_W}pPr")
        num_id = _val(paragraph, f"{_W}pPr/{_W}numPr/{_W}numId")
        ilvl = int(_val(paragraph, f"{_W}pPr/{_W}numPr/{_W}ilvl") or 0)
        if num_id is None:
            num_id, ilvl = by_style.get(_val(paragraph, f"{_W}pPr/{_W}pStyle") or "", ("", 0))
        levels = nums.get(num_id or "")
        if not levels or ilvl not in levels or props is None:
            continue
        count = counters.setdefault(str(num_id), {})
        count[ilvl] = count.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]  # a new 一、 starts its （一） again
        _, fmt, text, suffix, legal = levels[ilvl]
        if _list_like(fmt, text):
            continue
        label = text
        for k in range(ilvl, -1, -1):
            if k in levels:
                shown = "decimal" if legal else levels[k][1]
                label = label.replace(f"%{k + 1}", number(count.get(k, levels[k][0]), shown))
        label += " " if suffix == "space" or (suffix == "tab" and label[-1:].isascii()) else ""
        old = props.find(f"{_W}numPr")
        if old is not None:
            props.remove(old)
        off = etree.SubElement(props, f"{_W}numPr")  # numId 0: not numbered, also against the style's numbering
        etree.SubElement(off, f"{_W}numId").set(f"{_W}val", "0")
        run = etree.Element(f"{_W}r")
        t = etree.SubElement(run, f"{_W}t")
        t.text = label
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        props.addnext(run)
        written += 1
    return written


def with_numbers(path: Path, out: Path) -> Path:
    """A copy of the document with its automatic numbers as text, or the document itself when it has none."""
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        if "word/numbering.xml" not in names or "word/document.xml" not in names:
            return path
        parts = {name: zf.read(name) for name in names}
    parser = etree.XMLParser(resolve_entities=False, no_network=True)  # the parts were proved plain XML before
    document = etree.fromstring(parts["word/document.xml"], parser)
    numbering = etree.fromstring(parts["word/numbering.xml"], parser)
    styles = etree.fromstring(parts["word/styles.xml"], parser) if "word/styles.xml" in parts else None
    if not write_numbers(document, numbering, styles):
        return path
    parts["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out


_DROPPED = (
    ("<m:oMath", "公式", "请在稿件中手工补写公式，或把公式截图为图片随稿发送"),
    ("<c:chart ", "图表", "请让报送单位把图表另存为图片（PNG）发送"),
    ("<dgm:relIds", "SmartArt 图形", "请让报送单位把图形另存为图片（PNG）发送"),
)


def dropped(path: Path) -> tuple[tuple[str, str], ...]:
    """What the converter leaves out of a document: formulas, charts, SmartArt, each counted for the editor."""
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode("utf-8", errors="replace")
    found = []
    for tag, what, hint in _DROPPED:
        count = xml.count(tag) - (xml.count("<m:oMathPara") if tag == "<m:oMath" else 0)
        if count > 0:
            found.append((f"含 {count} 个{what}，转换后无法保留", hint))
    return tuple(found)
