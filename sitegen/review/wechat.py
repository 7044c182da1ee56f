"""The WeChat copy of an article: one `data-wechat` element the 公众号 editor keeps as it is.

The editor drops `<style>`, classes, ids and scripts and keeps inline styles, and it rebuilds `<ul>`/`<ol>`
in its own way (markers lost or doubled). So the article is rewritten with plain elements: lists become
paragraphs whose marker is a real `<span>` (an inliner cannot carry `::before`), figures become sections with
a caption paragraph, and images point at the published 960 px JPEG by absolute https:// URL. The theme's
classes are styled by wechat.css, css-inline turns that into style attributes, and the classes go last.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import css_inline

from ..core import frozen

_CSS = (Path(__file__).parent / "wechat.css").read_text(encoding="utf-8")
_INLINER = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False)


@frozen
class Photo:
    url: str  # absolute URL of the published 960 px derivative
    caption: str


@frozen
class Listed:
    """A line of a list below the body: a media report or an attachment."""

    text: str
    url: str
    note: str = ""


@frozen
class WechatArticle:
    """What the copy shows, with every URL already absolute."""

    title: str
    meta: str  # 太原市教育局 · 2024年5月12日
    doc_number: str | None
    origin: str | None  # the source of a reprint
    body_html: str  # sanitized body; every <img src> already absolute (see absolute_images)
    photos: tuple[Photo, ...]  # the gallery
    video: tuple[Photo | None, str] | None  # the poster and the page to watch it on
    reports: tuple[Listed, ...]
    attachments: tuple[Listed, ...]
    column_title: str
    url: str  # the article's published URL


_IMG = re.compile(r'<img alt="([^"]*)" src="([^"]*)"(?: title="[^"]*")?>')
_ALONE = re.compile(r"<p>\s*(<img [^>]*>)\s*</p>")


def absolute_images(body_html: str, url_of: dict[str, str]) -> str:
    """Each body image as a figure with its caption (its alt text), at the URL `url_of` gives its written path;
    an image without a published derivative is left out."""

    def figure(match: re.Match[str]) -> str:
        image = _IMG.fullmatch(match.group(1))
        if image is None:
            return match.group(0)
        alt, written = image.group(1), html.unescape(image.group(2))
        url = url_of.get(written)
        if url is None:
            return ""
        return _figure(url, alt)

    def inline(match: re.Match[str]) -> str:
        url = url_of.get(html.unescape(match.group(2)))
        return f'<img class="wx-img" alt="{match.group(1)}" src="{html.escape(url)}">' if url else ""

    return _IMG.sub(inline, _ALONE.sub(figure, body_html))


def fragment(article: WechatArticle) -> str:
    """The `data-wechat` element: inline styles only, no class, id, style element or script."""
    parts = ['<section class="wx" data-wechat>']
    meta = [article.meta, *([article.doc_number] if article.doc_number else [])]
    parts.append(f'<p class="wx-meta">{html.escape(" · ".join(meta))}</p>')
    if article.origin:
        parts.append(f'<p class="wx-meta">转载自：{html.escape(article.origin)}</p>')
    if article.video:
        poster, page = article.video
        if poster:
            parts.append(_photo(poster))
        parts.append(f'<p class="wx-note">观看视频：{_link(page, page)}</p>')
    parts.append(f'<section class="wx-body">{_flatten_lists(article.body_html)}</section>')
    parts.extend(_photo(photo) for photo in article.photos)
    for heading, rows in (("媒体报道", article.reports), ("附件", article.attachments)):
        if rows:
            parts.append(f'<p class="wx-heading"><span class="wx-bar"></span>{heading}</p>')
            parts.extend(
                f'<p class="wx-li wx-l1"><span class="wx-mark">•</span>{_link(row.url, row.text)}'
                + (f'<span class="wx-note">（{html.escape(row.note)}）</span>' if row.note else "")
                + "</p>"
                for row in rows
            )
    parts.append(
        f'<p class="wx-source">来源：{_link(article.url, article.column_title)}</p>'
        f'<p class="wx-url">原文链接：{html.escape(article.url)}</p>'
    )
    parts.append("</section>")
    inlined = _INLINER.inline_fragment("".join(parts), _CSS)
    return _Strip.run(inlined)


def _photo(photo: Photo) -> str:
    return _figure(photo.url, html.escape(photo.caption))


def _figure(url: str, alt: str) -> str:
    """A photo and its caption; `alt` is already escaped."""
    caption = f'<p class="wx-caption">{alt}</p>' if alt else ""
    image = f'<img class="wx-img" alt="{alt}" src="{html.escape(url)}">'
    return f'<section class="wx-figure">{image}{caption}</section>'


def _link(url: str, text: str) -> str:
    return f'<a class="wx-a" href="{html.escape(url)}">{html.escape(text)}</a>'


class _Rewriter(HTMLParser):
    """Re-serializes HTML as it reads it; subclasses change tags. Entities and text pass through unchanged."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []

    def emit(self, tag: str, attrs: list[tuple[str, str | None]], close: bool = False) -> None:
        text = "".join(f' {k}="{html.escape(v, quote=True)}"' if v is not None else f" {k}" for k, v in attrs)
        self.out.append(f"<{tag}{text}{' /' if close else ''}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.emit(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.emit(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    @classmethod
    def run(cls, text: str) -> str:
        parser = cls()
        parser.feed(text)
        parser.close()
        return "".join(parser.out)


class _Strip(_Rewriter):
    """Drops what the 公众号 editor would drop anyway: classes and ids (the styles are inline by now)."""

    def emit(self, tag: str, attrs: list[tuple[str, str | None]], close: bool = False) -> None:
        super().emit(tag, [(k, v) for k, v in attrs if k not in ("class", "id")], close)


class _Lists(_Rewriter):
    """`<ul>`/`<ol>` to paragraphs with a real marker span, indented by depth; `<p>` inside an item is merged."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[list[int]] = []  # per open list: [ordered, next number]
        self.open_item = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._close_item()
            start = next((v for k, v in attrs if k == "start" and v and v.isdigit()), "1")
            self.stack.append([tag == "ol", int(start or "1")])
            self.out.append('<section class="wx-list">')
        elif tag == "li" and self.stack:
            self._close_item()
            ordered, number = self.stack[-1]
            mark = f"{number}." if ordered else ("•" if len(self.stack) == 1 else "◦")
            self.stack[-1][1] += 1
            depth = min(len(self.stack), 3)
            self.out.append(f'<p class="wx-li wx-l{depth}"><span class="wx-mark">{mark}</span>')
            self.open_item = True
        elif tag == "p" and self.open_item:
            return
        else:
            self.emit(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.stack:
            self._close_item()
            self.stack.pop()
            self.out.append("</section>")
        elif tag == "li" and self.stack:
            self._close_item()
        elif tag == "p" and self.open_item:
            return
        else:
            self.out.append(f"</{tag}>")

    def _close_item(self) -> None:
        if self.open_item:
            self.out.append("</p>")
            self.open_item = False


def _flatten_lists(body_html: str) -> str:
    return _Lists.run(body_html)


PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>公众号版 · {title}</title>
<link rel="stylesheet" href="/__preview__/preview.css">
</head>
<body class="wx-page">
<header class="wx-tools">
<p class="wx-tools-title">公众号版：{title}</p>
<p>点“复制”后，在公众号编辑器正文处粘贴即可，格式与图片保留。标题请另行填写。</p>
<p>图片用的是专栏正式网址：文章发布后才能显示，公众号编辑器粘贴时也从那里下载图片，请在发布后再复制粘贴。</p>
<p><button type="button" id="wx-copy">复制</button> <span id="wx-status" role="status"></span>
<a href="./">返回预览</a></p>
</header>
<main class="wx-paper">
{fragment}
</main>
<script src="/__preview__/wechat-copy.js"></script>
</body>
</html>
"""


def wechat_page(article: WechatArticle) -> str:
    """The page of the copy: the element to paste and its 复制 button (preview only, never published)."""
    return PAGE.format(title=html.escape(article.title), fragment=fragment(article))
