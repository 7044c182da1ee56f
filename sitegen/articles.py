"""Stage 5, render: the full view of one article page, with its media placed in the output."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import partial
from html import unescape
from pathlib import Path

import segno

from .catalog import ColumnCatalog, Entry
from .config import Config
from .images import Picture, picture_html
from .markup import Body
from .model import Article, resolve_media
from .urls import relative
from .views import Item, Link, date_text


@dataclass(frozen=True)
class Figure:
    picture: Picture
    alt: str
    caption: str
    time: str
    place: str
    people: str
    event: str


@dataclass(frozen=True)
class VideoView:
    src: str | None  # site-root path of the copied MP4
    url: str | None  # external page
    poster: Picture | None
    poster_src: str | None  # site-root path of the poster variant used by <video poster>
    size: str | None
    duration: str | None


@dataclass(frozen=True)
class ReportView:
    outlet: str
    date: str
    title: str
    summary: str
    url: str


@dataclass(frozen=True)
class AttachmentView:
    title: str
    path: str
    type: str
    size: str


@dataclass(frozen=True)
class ArticleView:
    item: Item
    body_html: str
    unit: Link
    city: Link
    origin: str | None
    doc_number: str | None
    tags: tuple[str, ...]
    figures: tuple[Figure, ...]
    video: VideoView | None
    reports: tuple[ReportView, ...]
    attachments: tuple[AttachmentView, ...]
    newer: Link | None
    older: Link | None
    qr_svg: str
    absolute_url: str
    kind: str
    lead_image: str | None  # site-root path of an image for Open Graph


@dataclass(frozen=True)
class MediaFacts:
    """What the media probe learnt about a file, for display."""

    size: int
    duration: float | None = None


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def duration_text(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


_IMG = re.compile(r'<img alt="([^"]*)" src="([^"]*)"(?: title="[^"]*")?>')


def place_body_images(body: Body, article: Article, content: Path, pictures: dict[Path, Picture], page: str) -> str:
    """Swap each sanitized <img> for its responsive picture; the first one is not lazy (it is above the fold)."""
    first = True

    def swap(match: re.Match[str]) -> str:
        nonlocal first
        alt, src = unescape(match.group(1)), unescape(match.group(2))
        resolved = resolve_media(content, article.source, src, "正文", None).path
        picture = pictures.get(resolved) if resolved else None
        if picture is None:
            return match.group(0)
        html = picture_html(picture, alt, partial(relative, page), lazy=not first)
        first = False
        return html

    return _IMG.sub(swap, body.html)


def media_target(entry: Entry, source: Path) -> str:
    """Attachments and videos keep their file names, next to the article page."""
    return posixpath.join(entry.path, source.name)


def qr_svg(url: str) -> str:
    qr = segno.make(url, error="m")
    return qr.svg_inline(scale=3, border=2, dark="#1a1a1a", light="#ffffff", title="扫码在手机上阅读", omitsize=True)


def article_view(
    config: Config,
    catalog: ColumnCatalog,
    entry: Entry,
    item: Item,
    body_html: str,
    pictures: dict[Path, Picture],
    facts: dict[Path, MediaFacts],
    newer: Entry | None,
    older: Entry | None,
) -> ArticleView:
    article = entry.article
    column = catalog.column
    city = config.city(entry.unit.city)
    figures = []
    for image in article.images:
        picture = pictures.get(image.src.path) if image.src.path else None
        if picture is None:
            continue
        c = image.caption
        figures.append(Figure(picture, c.event or article.title, c.text(), c.time, c.place, c.people, c.event))
    video = None
    if article.video is not None:
        v = article.video
        poster = pictures.get(v.poster.path) if v.poster and v.poster.path else None
        src_fact = facts.get(v.src.path) if v.src and v.src.path else None
        video = VideoView(
            src=media_target(entry, v.src.path) if v.src and v.src.path else None,
            url=v.url,
            poster=poster,
            poster_src=poster.variants[-1].path if poster else None,
            size=human_size(src_fact.size) if src_fact else None,
            duration=duration_text(src_fact.duration) if src_fact and src_fact.duration else None,
        )
    attachments = tuple(
        AttachmentView(
            a.title,
            media_target(entry, a.src.path),
            a.src.path.suffix.lstrip(".").upper(),
            human_size(facts[a.src.path].size) if a.src.path in facts else "",
        )
        for a in article.attachments
        if a.src.path
    )
    reports = tuple(
        ReportView(
            r.outlet, f"{r.date.year}年{r.date.month}月{r.date.day}日" if r.date else "", r.title, r.summary, r.url
        )
        for r in article.reports
    )
    absolute_url = column.base_url + entry.path
    lead = figures[0].picture.variants[-1].path if figures else (video.poster_src if video else None)
    return ArticleView(
        item=item,
        body_html=body_html,
        unit=Link(entry.unit.name, f"units/{entry.unit.slug}/"),
        city=Link(city.name, f"cities/{city.slug}/") if city else Link(entry.unit.city, ""),
        origin=article.origin,
        doc_number=article.doc_number,
        tags=article.tags,
        figures=tuple(figures),
        video=video,
        reports=reports,
        attachments=attachments,
        newer=Link(newer.article.title, newer.path) if newer else None,
        older=Link(older.article.title, older.path) if older else None,
        qr_svg=qr_svg(absolute_url),
        absolute_url=absolute_url,
        kind=config.rules.kinds[article.kind].label,
        lead_image=lead,
    )


__all__ = ["ArticleView", "MediaFacts", "article_view", "date_text", "place_body_images"]
