"""Stage 5, render: the full view of one article page, with its media placed in the output."""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from html import unescape
from pathlib import Path

from ..check import ColumnCatalog, Entry
from ..config import Column, Config
from ..content import Article, Body, Facts, MediaUse, resolve_media
from ..core import frozen
from ..images import Picture, picture_html
from .captions import captions_target, to_webvtt
from .plan import Page, PageMeta, PagePlan, made_page, plan_of
from .urls import relative
from .views import Item, Link, date_text, section_link


@frozen
class Figure:
    picture: Picture
    alt: str
    caption: str
    time: str
    place: str
    people: str
    event: str
    html: str = ""  # the grid <picture>, linked relative to the page
    full_html: str = ""  # the same photo sized for the full-screen view
    original: str | None = None  # site-root path of the full-size copy (images.link_original)
    original_label: str = ""  # e.g. 4000×3000，3.1 MB


@frozen
class VideoView:
    src: str | None  # site-root path of the copied MP4
    url: str | None  # external page
    poster: Picture | None
    poster_src: str | None  # site-root path of the poster variant used by <video poster>
    size: str | None
    duration: str | None
    poster_html: str | None = None  # the poster as a responsive <picture>, for the link card of an external video
    captions: str | None = None  # site-root path of the WebVTT subtitles, for <track>


@frozen
class ReportView:
    outlet: str
    date: str
    title: str
    summary: str
    url: str


@frozen
class AttachmentView:
    title: str
    path: str
    type: str  # PDF文档, Word文档, Excel表格
    size: str


ATTACHMENT_TYPES = {".pdf": "PDF文档", ".docx": "Word文档", ".xlsx": "Excel表格"}
# The gallery grid: one column on narrow phones, two from 30rem; .article is 46rem wide, main has 1rem padding.
GRID_SIZES = "(min-width: 48rem) 22.5rem, (min-width: 30rem) calc(50vw - 1.5rem), calc(100vw - 2rem)"


@frozen
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
    absolute_url: str
    kind: str
    lead_image: str | None  # site-root path of an image for Open Graph


def human_size(size: int) -> str:
    """Sizes as Windows shows them: 1 KB = 1024 bytes, never 0 KB."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def lightbox_sizes(picture: Picture) -> str:
    """The full-screen view shows the whole photo: as wide as the screen, or as the screen's height allows."""
    return f"min(100vw, calc((100vh - 8rem) * {picture.width / picture.height:.3f}))"


def duration_text(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


_IMG = re.compile(r'<img alt="([^"]*)" src="([^"]*)"(?: title="[^"]*")?>')


def place_body_images(body: Body, article: Article, content: Path, pictures: Mapping[Path, Picture], page: str) -> str:
    """Swap each sanitized <img> for its responsive picture; the first one is not lazy (it is above the fold),
    unless a video comes first."""
    if "<img" not in body.html:
        return body.html
    first = article.video is None

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


def figure_views(article: Article, pictures: Mapping[Path, Picture], page: str, *, eager: bool) -> tuple[Figure, ...]:
    """The gallery: each photo for the grid and for the full-screen view; `eager`: the first is above the fold."""
    link = partial(relative, page)
    figures: list[Figure] = []
    for image in article.images:
        picture = pictures.get(image.src.path) if image.src.path else None
        if picture is None:
            continue
        c = image.caption
        alt = c.event or article.title
        original = picture.original
        figures.append(
            Figure(
                picture,
                alt,
                c.text(),
                c.time,
                c.place,
                c.people,
                c.event,
                html=picture_html(picture, alt, link, lazy=not (eager and not figures), sizes=GRID_SIZES),
                full_html=picture_html(picture, alt, link, sizes=lightbox_sizes(picture)),
                original=original.path if original else None,
                original_label=f"{original.width}×{original.height}，{human_size(original.bytes)}" if original else "",
            )
        )
    return tuple(figures)


def video_view(
    entry: Entry, pictures: Mapping[Path, Picture], facts: Mapping[Path, object], page: str
) -> VideoView | None:
    """An MP4 played in place (its poster a derivative), or an external video as a link card with the poster."""
    v = entry.article.video
    if v is None:
        return None
    poster = pictures.get(v.poster.path) if v.poster and v.poster.path else None
    fact = facts.get(v.src.path) if v.src and v.src.path else None
    size = getattr(fact, "size", None)
    duration = getattr(fact, "duration", None)
    src = media_target(entry, v.src.path) if v.src and v.src.path else None
    return VideoView(
        src=src,
        url=v.url,
        poster=poster,
        poster_src=poster.fallback.path if poster else None,
        size=human_size(size) if isinstance(size, int) else None,
        duration=duration_text(duration) if isinstance(duration, (int, float)) and duration > 0 else None,
        poster_html=picture_html(poster, "", partial(relative, page), lazy=False) if poster else None,
        captions=captions_target(src, v.captions.path.name) if src and v.captions and v.captions.path else None,
    )


def attachment_views(entry: Entry, facts: Mapping[Path, object]) -> tuple[AttachmentView, ...]:
    views = []
    for a in entry.article.attachments:
        if a.src.path:
            size = getattr(facts.get(a.src.path), "size", None)
            kind = ATTACHMENT_TYPES.get(a.src.path.suffix.lower(), a.src.path.suffix.lstrip(".").upper())
            views.append(
                AttachmentView(a.title, media_target(entry, a.src.path), kind, human_size(size) if size else "")
            )
    return tuple(views)


def article_view(
    config: Config,
    column: Column,
    entry: Entry,
    item: Item,
    body_html: str,
    pictures: Mapping[Path, Picture],
    facts: Mapping[Path, Facts],
    newer: Link | None,
    older: Link | None,
) -> ArticleView:
    article = entry.article
    city = config.city(entry.unit.city)
    video = video_view(entry, pictures, facts, entry.path)
    figures = figure_views(article, pictures, entry.path, eager=video is None and "<picture" not in body_html)
    attachments = attachment_views(entry, facts)
    reports = tuple(
        ReportView(
            r.outlet, f"{r.date.year}年{r.date.month}月{r.date.day}日" if r.date else "", r.title, r.summary, r.url
        )
        for r in article.reports
    )
    absolute_url = column.base_url + entry.path
    lead = lead_image(article, pictures)
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
        newer=newer,
        older=older,
        absolute_url=absolute_url,
        kind=config.rules.kinds[article.kind].label,
        lead_image=lead,
    )


__all__ = ["ArticleView", "article_view", "date_text", "neighbours", "place_body_images"]


def _article_page(
    common: _Common, entry: Entry, item: Item, use: MediaUse, newer: Link | None, older: Link | None
) -> Page:
    article, pictures, facts = entry.article, common.pictures, common.facts
    shown = (
        article.source.digest,
        entry.path,
        entry.slug,
        entry.unit,
        item,
        tuple((path, pictures.get(path)) for path in use.images),
        tuple((path, facts.get(path)) for path in (*use.videos, *use.files)),
    )
    section = common.column.section(article.section)
    assert section is not None
    crumbs = _crumbs(common.column.short_title, section.title, section.id)
    lead = lead_image(article, pictures)
    meta = PageMeta(entry.path, article.title, item.summary, "article", crumbs, image=lead)
    made = _ArticleData(common, entry, item, newer, older)
    return made_page("article.html", meta, made, (newer, older), "search-record.html", shown)


@functools.cache
def _crumbs(column_title: str, section_title: str, section_id: str) -> tuple[Link, Link]:
    """An article page's breadcrumbs: one value for all the articles of a section."""
    return (Link(column_title, ""), section_link(section_title, section_id))


@frozen
class _Common:
    """What every article page of a column site is made with."""

    config: Config
    column: Column
    body_of: Callable[[str], Body]  # reads an article's body, by rel path, when its page is rendered
    content: Path
    pictures: Mapping[Path, Picture]
    facts: Mapping[Path, Facts]


class _ArticleData:
    """An article page's data, made when it is rendered (`Page.make`). A plan holds one per article (18,000
    at 30,000 articles): a small object with what is the page's own, where two partials took 0.5 KB a page.
    Like a partial, it is equal only to itself: comparing two pages never compares their articles."""

    __slots__ = ("common", "entry", "item", "newer", "older")

    def __init__(self, common: _Common, entry: Entry, item: Item, newer: Link | None, older: Link | None) -> None:
        self.common, self.entry, self.item, self.newer, self.older = common, entry, item, newer, older

    def __call__(self) -> Mapping[str, ArticleView]:
        c, entry = self.common, self.entry
        body_html = place_body_images(c.body_of(entry.article.rel), entry.article, c.content, c.pictures, entry.path)
        view = article_view(
            c.config, c.column, entry, self.item, body_html, c.pictures, c.facts, self.newer, self.older
        )
        return {"article": view}


def lead_image(article: Article, pictures: Mapping[Path, Picture]) -> str | None:
    """Site-root path of the image shared with the page (Open Graph): the first gallery photo's largest
    variant, or the video's poster."""
    for image in article.images:
        picture = pictures.get(image.src.path) if image.src.path else None
        if picture is not None:
            return picture.variants[-1].path
    video = article.video
    poster = pictures.get(video.poster.path) if video and video.poster and video.poster.path else None
    return poster.fallback.path if poster else None


def neighbours(entries: Sequence[Entry], index: int) -> tuple[Link | None, Link | None]:
    """The newer and older article beside entries[index] in its section, as the page links them."""
    newer = entries[index - 1] if index > 0 else None
    older = entries[index + 1] if index + 1 < len(entries) else None
    return (
        Link(newer.article.title, newer.path) if newer else None,
        Link(older.article.title, older.path) if older else None,
    )


def plan_articles(
    config: Config,
    catalog: ColumnCatalog,
    items: Mapping[str, Item],
    body_of: Callable[[str], Body],
    uses: Mapping[str, MediaUse],
    content: Path,
    pictures: Mapping[Path, Picture],
    facts: Mapping[Path, Facts],
) -> PagePlan:
    """Every article page of the column, with prev/next in its section, and the videos and attachments it offers.

    A page's body is read with `body_of` when the page is rendered, in the worker that renders it: the plan
    of a column holds no body."""
    pages: list[Page] = []
    copies: dict[str, Path] = {}
    files: dict[str, bytes] = {}  # subtitles, as WebVTT
    common = _Common(config, catalog.column, body_of, content, pictures, facts)
    for section in catalog.column.sections:
        entries = catalog.by_section[section.id]
        for index, entry in enumerate(entries):
            article = entry.article
            newer, older = neighbours(entries, index)
            pages.append(_article_page(common, entry, items[entry.path], uses[article.rel], newer, older))
            if article.video and article.video.src and article.video.src.path:
                target = media_target(entry, article.video.src.path)
                copies[target] = article.video.src.path
                subtitles = article.video.captions.path if article.video.captions else None
                if subtitles and subtitles.is_file():  # `check` names a missing one
                    text = subtitles.read_bytes().decode("utf-8-sig", errors="replace")
                    files[captions_target(target, subtitles.name)] = to_webvtt(text, subtitles.suffix)
            for attachment in article.attachments:
                if attachment.src.path:
                    copies[media_target(entry, attachment.src.path)] = attachment.src.path
    return plan_of(pages, files, copies=copies)
