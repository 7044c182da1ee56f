"""Stage 5, render: article Markdown to sanitized HTML, plus the plain text used for counts and summaries."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from html import unescape
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

from ..core import CJK_TEXT, IDEOGRAPHIC_SPACE, char_class, frozen

# Characters written without spaces between them (core.CJK_TEXT), and the ideographic space.
CJK = char_class(CJK_TEXT + IDEOGRAPHIC_SPACE)
_CJK_BREAK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}])")

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "del",
    "div",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}


@frozen
class Body:
    html: str  # sanitized; <img src> still holds the path as written
    images: tuple[str, ...]  # image paths as written, in order
    text: str  # plain text of everything, for 字数
    lead: str  # plain text of the paragraphs only, for summaries


class _CjkJoiner(Treeprocessor):
    """A line break inside a Chinese paragraph must not turn into a visible space; headings shift one level down."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.tag in ("pre", "code"):
                continue
            if element.text:
                element.text = _CJK_BREAK.sub("", element.text)
            if element.tail:
                element.tail = _CJK_BREAK.sub("", element.tail)
            if re.fullmatch(r"h[1-5]", element.tag):
                element.tag = f"h{int(element.tag[1]) + 1}"


class _Extension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_CjkJoiner(md), "cjk_joiner", 5)


@cache
def _markdown() -> markdown.Markdown:
    # One instance per process, reset between documents: building it is the expensive part. The extensions
    # are given as objects, not names: Markdown looks a name up among every installed package's entry points
    # first, which imports importlib.metadata and reads them all (25 ms of an edit's rebuild).
    extensions = [TableExtension(), FencedCodeExtension(), SaneListExtension(), _Extension()]
    return markdown.Markdown(extensions=extensions, output_format="html")


_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\bsrc="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def render_body(source: str) -> Body:
    md = _markdown()
    md.reset()
    raw = md.convert(source)
    html = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    html = html.replace("<table>", '<div class="table-scroll"><table>').replace("</table>", "</table></div>")
    html = _IMG.sub(_canonical_img, html)
    images = tuple(unescape(m.group(1)) for tag in _IMG.findall(html) if (m := _SRC.search(tag)))
    lead = " ".join(plain_text(p) for p in _PARAGRAPH.findall(html))
    return Body(html, images, plain_text(html), plain_text(lead))


_CANONICAL_IMG = re.compile(r'<img alt="[^"]*" src="[^"]*"(?: title="[^"]*")?>')


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = {name: value or "" for name, value in attrs}


def _canonical_img(match: re.Match[str]) -> str:
    """An <img> as Markdown writes it, `alt`, `src`, `title` in that order: the page and the WeChat copy
    find images in that form. Raw HTML in a body (`<img src="a.jpg">`, no alt or another order) would
    otherwise keep its path as written, which is broken on the published page."""
    tag = match.group(0)
    if _CANONICAL_IMG.fullmatch(tag):
        return tag  # what Markdown made, byte for byte
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    attrs = parser.found
    if not attrs.get("src"):
        return ""  # nothing to show: no path, or one the sanitizer removed (javascript:)
    title = f' title="{_attribute(attrs["title"])}"' if "title" in attrs else ""
    return f'<img alt="{_attribute(attrs.get("alt", ""))}" src="{_attribute(attrs.get("src", ""))}"{title}>'


def _attribute(value: str) -> str:
    """Escaped as the sanitizer escapes attribute values."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def plain_text(html: str) -> str:
    text = _TAG.sub(" ", html)
    text = unescape(text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(rf"(?<=[{CJK}]) (?=[{CJK}])", "", text)


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")


def summarize(text: str, limit: int) -> str:
    """The first sentences of `text`, at most `limit` characters, cut at a sentence end where one exists."""
    if len(text) <= limit:
        return text
    out = ""
    for sentence in _SENTENCE_END.split(text):
        if len(out) + len(sentence) > limit:
            break
        out += sentence
    if out:
        return out.strip()
    cut = text[: limit - 1]
    comma = max(cut.rfind("，"), cut.rfind("、"), cut.rfind(","))
    return (cut[:comma] if comma > limit // 2 else cut) + "…"
