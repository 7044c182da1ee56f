"""Intake, Word: a .docx checked for XML tricks, converted to Markdown (mammoth, markdownify), and its title found.

Nothing here parses the document XML by hand: defusedxml only proves each part is plain XML (no DTD,
no entities) before mammoth and python-docx read it.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core import frozen
from .archive import Limits, copy_limited
from .errors import Refused
from .numbering import dropped, with_numbers

# Chinese Word writes heading styles with numeric ids ("1", "2") and keeps the names "heading 1", "heading 2";
# mammoth matches by name. Localised copies name them 标题 1.
_STYLE_MAP = "\n".join(
    f"p[style-name='{name} {level}'] => h{level}:fresh" for level in range(1, 5) for name in ("heading", "标题")
)
_BLOCK_MARKUP = re.compile(r"[*_#\\\s>]")
_PLACEHOLDER = "intake-embedded-{}"
_LT, _AMP = "\ue000", "\ue001"  # private-use characters: never in a Word document's text


@frozen
class Embedded:
    """A picture as the document holds it (Word recompresses it); replaced by its original when one matches."""

    placeholder: str
    data: bytes
    content_type: str
    alt: str


@frozen
class Converted:
    title: str  # "" when the document has no title paragraph
    markdown: str  # the body without the title, pictures as ![alt](placeholder)
    embedded: tuple[Embedded, ...]
    reports: tuple[dict[str, str], ...]  # rows of a 媒体报道 table: outlet, date, title, summary, url
    lost: tuple[tuple[str, str], ...] = ()  # what the conversion could not keep: (what, what to do)


def check_docx(path: Path, shown: str, limits: Limits) -> None:
    """Refuse a .docx that is not a zip, unpacks too far, or whose XML declares a DTD or entities."""
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(f"“{shown}”其实是旧版 Word（.doc）文件", "请在 Word 或 WPS 中打开，另存为 .docx 后再导入")
    budget = [limits.max_total]
    try:
        with zipfile.ZipFile(path) as zf, Path(os.devnull).open("wb") as nowhere:
            for info in zf.infolist():
                xml = info.filename.endswith((".xml", ".rels"))
                # Every part is decompressed once, counted: the converters read pictures whole, into memory.
                buffer = io.BytesIO() if xml else nowhere
                with zf.open(info) as source:
                    copy_limited(source, buffer, info.compress_size, limits, budget, f"{shown}：{info.filename}")
                if isinstance(buffer, io.BytesIO):
                    _check_prolog(buffer, shown, info.filename)
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise Refused(f"“{shown}”不是有效的 Word（.docx）文件", "请在 Word 或 WPS 中打开并另存为 .docx") from e


def _check_prolog(data: io.BytesIO, shown: str, part: str) -> None:
    """Entities need a document type declaration, which can only come before the root element: defusedxml
    reads the part up to its root and refuses a DTD there. The rest of the part cannot declare one."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    data.seek(0)
    try:
        for _ in SafeET.iterparse(data, events=("start",), forbid_dtd=True):
            break
    except DefusedXmlException as e:
        raise Refused(
            f"Word 文件“{shown}”含有 XML 实体或文档类型声明（{part}），疑似恶意构造，已拒绝导入",
            "Word 本身从不写这些内容：请让报送单位在 Word 中重新另存为 .docx",
        ) from e
    except SafeET.ParseError as e:
        raise Refused(f"Word 文件“{shown}”已损坏（{part}）", "请在 Word 中打开并重新保存") from e


def convert(path: Path, shown: str) -> Converted:
    import mammoth  # type: ignore[import-untyped]
    import mammoth.images  # type: ignore[import-untyped]
    from markdownify import markdownify

    embedded: list[Embedded] = []

    def keep(image: Any) -> dict[str, str]:
        with image.open() as f:
            data = f.read()
        placeholder = _PLACEHOLDER.format(len(embedded))
        alt = str(image.alt_text or "").strip()
        embedded.append(Embedded(placeholder, data, str(image.content_type or ""), "" if _local_path(alt) else alt))
        return {"src": placeholder}

    try:
        source = with_numbers(path, path.with_name(f"{path.stem}.numbered.docx"))
        with source.open("rb") as f:
            result = mammoth.convert_to_html(f, style_map=_STYLE_MAP, convert_image=mammoth.images.img_element(keep))
        title = find_title(path)
        reports = find_reports(path)
        lost = dropped(path)
    except Refused:
        raise
    except Exception as e:  # a converter meeting a document it does not understand
        raise Refused(f"无法读取 Word 文件“{shown}”：{type(e).__name__}", "请在 Word 中打开并重新保存为 .docx") from e
    # Markup typed into the document as text (<script>, <img …>, &nbsp;) must stay text, not become raw HTML
    # in the Markdown: mammoth escapes it, and the escapes are carried through markdownify, which would undo them.
    html = _repair(str(result.value)).replace("&lt;", _LT).replace("&amp;", _AMP)
    markdown = markdownify(
        html, heading_style="ATX", bullets="-", table_infer_header=True, escape_misc=False, newline_style="backslash"
    )
    markdown = markdown.replace(_LT, "&lt;").replace(_AMP, "&amp;")
    # A manual line break (Shift+Enter: signatures, addresses, poems) as <br>: Python-Markdown knows no
    # backslash break, and the two trailing spaces of the other form vanish in the first editor that trims lines.
    markdown = _tidy(re.sub(r"\\\n", "<br>\n", markdown))
    if title:
        markdown = _drop_block(markdown, title)
    return Converted(title, markdown, tuple(embedded), reports, lost)


# WPS writes the picture's file on the author's computer as its description (C:\Users\<name>\Desktop\下载.png).
_PATH = re.compile(
    r"^(?:[A-Za-z]:[\\/]|file:|\\\\|/(?:Users|home|tmp|var)/)|[\\/][^\\/]+\.(?:png|jpe?g|gif|bmp|emf|wmf|tiff?)$", re.I
)
_HREF = re.compile(r'href="([^"]*)"')
_ANCHOR_LINK = re.compile(r'<a href="#[^"]*">(.*?)</a>', re.DOTALL)
_HASH_START = re.compile(r"(<(?:p|li|td|th)\b[^>]*>(?:\s*<(?:strong|em|u|s|sup|sub)>)*)(\s*)#")


def _local_path(alt: str) -> bool:
    """A file path, not a description: published, it would show the author's folders and Windows user name."""
    return bool(_PATH.search(alt.strip()))


def _href(match: re.Match[str]) -> str:
    """A HYPERLINK field's switches (\\l anchor, \\t target, \\o tip), which mammoth reads into the address."""
    value = match.group(1)
    if "&quot;" not in value:
        return match.group(0)
    url, _, rest = value.partition("&quot;")
    anchor = re.search(r"\\l\s*&quot;([^&]*)&quot;", "&quot;" + rest) or re.search(r"\\l\s*&quot;([^&]*)", rest)
    target = url.strip() + (f"#{anchor.group(1)}" if anchor and url.strip() else "")
    return f'href="{target or "#" + (anchor.group(1) if anchor else "")}"'


def _repair(html: str) -> str:
    """What the converters would get wrong, fixed in the HTML: field switches in links, links to bookmarks
    (a table of contents' #_Toc…: the page has no such anchors), a paragraph starting with # (a #话题#)."""
    html = _HREF.sub(_href, html)
    html = _ANCHOR_LINK.sub(r"\1", html)
    html = _HASH_START.sub(lambda m: m.group(1) + m.group(2) + "\\#", html)
    return _unlayout(html) if "<table" in html else html


def _unlayout(html: str) -> str:
    """Tables used for layout, as cover pages and letterheads are: one with no text or picture is dropped,
    a single cell becomes its paragraphs. A table of rows and columns stays a table."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for table in soup.find_all("table"):
        cells = table.find_all(["td", "th"])
        if not table.get_text(strip=True) and not table.find("img"):
            table.decompose()
        elif len(cells) == 1:
            table.replace_with(*cells[0].contents) if cells[0].contents else table.decompose()
    return str(soup)


def _tidy(markdown: str) -> str:
    lines = [line.rstrip() for line in markdown.replace("\r\n", "\n").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text + "\n" if text else ""


def _plain(block: str) -> str:
    return _BLOCK_MARKUP.sub("", block)


def _drop_block(markdown: str, title: str) -> str:
    blocks = markdown.split("\n\n")
    wanted = _plain(title)
    for index, block in enumerate(blocks[:3]):
        if _plain(block) == wanted:
            del blocks[index]
            break
    return "\n\n".join(blocks).lstrip("\n")


def _unstyled(paragraph: Any) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    return name.lower() in ("", "normal", "正文", "default paragraph font", "body text")


def _title_like(paragraph: Any) -> bool:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    centred = paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    bold = all(r.bold for r in runs)
    large = any(r.font.size is not None and r.font.size.pt >= 15 for r in runs)
    return centred and (bold or large)


def find_title(path: Path) -> str:
    """The centred, large or bold first paragraph with no style; else a Title-styled paragraph; else ""."""
    import docx

    paragraphs = [p for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    if paragraphs and _unstyled(paragraphs[0]) and _title_like(paragraphs[0]):
        return " ".join(paragraphs[0].text.split())
    for paragraph in paragraphs[:5]:
        if paragraph.style is not None and (paragraph.style.name or "").lower() in ("title", "标题"):
            return " ".join(paragraph.text.split())
    return ""


_REPORT_COLUMNS: dict[str, Callable[[str], bool]] = {
    "outlet": lambda h: any(k in h for k in ("媒体", "来源", "平台", "刊物")),
    "date": lambda h: "日期" in h or "时间" in h,
    "title": lambda h: "标题" in h or "题目" in h,
    "summary": lambda h: any(k in h for k in ("摘要", "内容", "简介")),
    "url": lambda h: any(k in h for k in ("网址", "链接", "url", "URL")),
}


def find_reports(path: Path) -> tuple[dict[str, str], ...]:
    """Rows of the tables whose header names a medium and a URL (the 媒体报道信息 form)."""
    import docx

    found: list[dict[str, str]] = []
    for table in docx.Document(str(path)).tables:
        rows = [[" ".join(c.text.split()) for c in row.cells] for row in table.rows]
        if not rows:
            continue
        columns: dict[str, int] = {}
        for index, header in enumerate(rows[0]):
            for field, matches in _REPORT_COLUMNS.items():
                if field not in columns and matches(header):
                    columns[field] = index
                    break
        if "outlet" not in columns or "url" not in columns:
            continue
        for row in rows[1:]:
            report = {field: row[i] for field, i in columns.items() if i < len(row)}
            if any(report.values()):
                found.append(report)
    return tuple(found)
