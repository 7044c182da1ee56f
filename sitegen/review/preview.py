"""The review preview: the site as it would be published with drafts and submitted items, kept apart.

`build_preview` runs the ordinary build on the preview project (`Project.preview`: its own output and
cache folders under .cache/preview/, drafts and submitted items included, rejected ones left out), then
makes what only a reviewer sees: the review queue of each column and the WeChat copy of every article.
Those pages live in memory and the marks are added as pages are served, so the preview folder holds
exactly what a build with these items approved would publish, and output/ is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..build import Project, build, check_content
from ..check import ColumnCatalog, Entry
from ..config import Column, Config
from ..content import Article, FrontMatterError, resolve_media, split_front
from ..core import Problem, errors_of, frozen, read_text
from ..images import Picture, publish_images
from .decide import Recorded, next_level
from .queue import QueueItem, problems_by_file, queue_pages
from .wechat import Listed, Photo, WechatArticle, absolute_images, wechat_page

STATIC = Path(__file__).parent / "static"
STATIC_PREFIX = "/__preview__/"
LABELS = {"draft": "草稿", "submitted": "已提交，待审核", "approved": "已审核，尚未到发布时间"}


@frozen
class Mark:
    status: str
    label: str
    problems: int = 0  # what `check` finds in it: an item with problems is never published as it is


@frozen
class Preview:
    folder: Path  # the preview's own output folder
    pages: dict[str, bytes]  # folder-relative path -> bytes of the queue and WeChat pages, served from memory
    marks: dict[str, Mark]  # folder-relative path of each unpublished article page ("vocational/a/b/") -> mark
    queued: dict[str, int]  # column id -> submitted items in its queue


def preview_project(project: Project) -> Project:
    return replace(project, preview=True)


def build_preview(project: Project, now: datetime) -> Preview:
    """Build the preview folder and the reviewer's pages. Items with problems are left out of the pages
    (as `--skip-invalid` does) and listed with their problems in the queue."""
    shown = preview_project(project)
    build(shown, now, skip_invalid=True)
    checked = check_content(shown, now, skip_invalid=True)
    config = checked.config
    sources = {p for c in checked.catalogs.values() for e in c.entries for p in checked.uses[e.article.rel].images}
    pictures = publish_images(sources, config.images, shown.cache / "images", prune=False).pictures
    pages: dict[str, bytes] = {}
    marks: dict[str, Mark] = {}
    problems = problems_by_file(checked.problems)
    read = {a.rel for a in checked.read}
    queued: dict[str, int] = {}
    for column_id, catalog in checked.catalogs.items():
        placed = {e.article.rel: e.path for e in catalog.entries}
        for entry in catalog.entries:
            body = checked.source.body(entry.article.rel)
            copy = _wechat_article(config, catalog, entry, body.html, body.images, pictures, shown.content)
            pages[f"{column_id}/{entry.path}wechat.html"] = wechat_page(copy).encode()
            found = len(errors_of(problems.get(entry.article.rel, ())))  # warnings never hold a page back
            if not entry.article.is_published(now) or found:
                status = entry.article.status
                marks[f"{column_id}/{entry.path}"] = Mark(status, LABELS.get(status, status), found)
        items = [
            QueueItem(
                a.rel,
                a.title,
                a.section,
                _section_title(catalog, a.section),
                a.unit,
                a.received,
                config.rules.kinds[a.kind].label,
                checked.outlines[a.rel].words if a.rel in checked.outlines else None,
                problems.get(a.rel, ()),
                placed.get(a.rel),
                f"{placed[a.rel]}wechat.html" if a.rel in placed else None,
                *_levels(catalog.column, a),
            )
            for a in checked.read
            if a.column == column_id and a.status == "submitted"
        ]
        items += _unreadable(shown.root, catalog, [p for p in problems if p not in read], problems)
        queued[column_id] = len(items)
        for path, text in queue_pages(catalog.column, items).items():
            pages[f"{column_id}/{path}index.html"] = text.encode()
    return Preview(shown.output, pages, marks, queued)


def _levels(column: Column, article: Article) -> tuple[tuple[tuple[str, str, str], ...], str]:
    """The review levels an item has passed, and the one it waits for (none named: one level, "")."""
    if not column.review_levels:
        return (), ""
    done = [Recorded(r.level, r.by, r.date.isoformat()) for r in article.review]
    waiting = next_level(column, done) or ""
    passed = done[: column.review_levels.index(waiting)] if waiting else done
    return tuple((r.level, r.by, r.day) for r in passed), waiting


def _section_title(catalog: ColumnCatalog, section_id: str) -> str:
    section = catalog.column.section(section_id)
    return section.title if section else section_id


def _unreadable(
    root: Path, catalog: ColumnCatalog, rels: list[str], problems: Mapping[str, tuple[Problem, ...]]
) -> list[QueueItem]:
    """Submitted files whose fields do not even read (a bad date, an unknown field): still in the queue."""
    found = []
    for rel in rels:
        parts = rel.split("/")
        if len(parts) != 4 or parts[1] != catalog.column.id:
            continue
        front = _front_matter(root / rel)
        if front.get("status") != "submitted":
            continue
        title, unit = front.get("title"), front.get("unit")
        found.append(
            QueueItem(
                rel,
                title if isinstance(title, str) and title else Path(rel).stem,
                parts[2],
                _section_title(catalog, parts[2]),
                unit if isinstance(unit, str) and unit else "（未填写单位）",
                None,
                "—",
                None,
                problems[rel],
                None,
                None,
            )
        )
    return found


def _front_matter(path: Path) -> dict[str, object]:
    try:
        text = read_text(path, path.name)
    except OSError:
        return {}
    if isinstance(text, Problem):
        return {}
    try:
        front = split_front(text, path.name).data
    except FrontMatterError:
        return {}
    return front if isinstance(front, dict) else {}


def _wechat_article(
    config: Config,
    catalog: ColumnCatalog,
    entry: Entry,
    body_html: str,
    written: tuple[str, ...],
    pictures: Mapping[Path, Picture],
    content: Path,
) -> WechatArticle:
    article = entry.article
    base = catalog.column.base_url

    def url(picture: Picture | None) -> str | None:
        return base + picture.fallback.path if picture else None

    def picture_of(path: Path | None) -> Picture | None:
        return pictures.get(path) if path else None

    url_of = {}
    for w in written:
        found = url(picture_of(resolve_media(content, article.source, w, "正文", None).path))
        if found:
            url_of[w] = found
    photos = tuple(
        Photo(u, image.caption.text()) for image in article.images if (u := url(picture_of(image.src.path))) is not None
    )
    page = base + entry.path
    video = None
    if article.video:
        poster = url(picture_of(article.video.poster.path if article.video.poster else None))
        video = (Photo(poster, "") if poster else None, article.video.url or page)
    when = article.date
    meta = f"{article.unit} · {when.year}年{when.month}月{when.day}日"
    return WechatArticle(
        title=article.title,
        meta=meta,
        doc_number=article.doc_number,
        origin=article.origin if article.reprint else None,
        body_html=absolute_images(body_html, url_of),
        photos=photos,
        video=video,
        reports=tuple(
            Listed(f"{r.outlet}：{r.title or r.summary}", r.url, r.date.isoformat() if r.date else "")
            for r in article.reports
        ),
        attachments=tuple(
            # attachments keep their file names, next to the article page (as render places them)
            Listed(a.title, f"{base}{entry.path}{a.src.path.name}")
            for a in article.attachments
            if a.src.path
        ),
        column_title=catalog.column.title,
        url=page,
    )


def mark_page(page: bytes, mark: Mark | None, column: str) -> bytes:
    """A served page with the preview's marks: a fixed bar on every page; on an unpublished article, the bar
    says 预览 · 未审核, a badge gives its status and phones show a watermark."""
    text = page.decode("utf-8", errors="replace")
    head = f'<link rel="stylesheet" href="{STATIC_PREFIX}preview.css">'
    queue = f'<a href="/{column}/review/">审核队列</a>' if column else ""
    if mark is None:
        bar = (
            '<div class="sg-preview-bar sg-published" role="note">'
            f"预览站点<span>含未审核稿件，不会发布</span>{queue}</div>"
        )
        badge = ""
    else:
        trouble = f"；检查发现 {mark.problems} 个问题，改好前不会发布" if mark.problems else ""
        bar = (
            '<div class="sg-preview-bar" role="note" data-preview-mark>'
            f"<strong>预览 · 未审核</strong><span>本页尚未发布：{mark.label}{trouble}</span>{queue}</div>"
            f'<div class="sg-preview-watermark" aria-hidden="true">{"<span>预览 · 未审核</span>" * 24}</div>'
        )
        badge = f'<p class="sg-preview-badge" data-status="{mark.status}">状态：{mark.label}{trouble}</p>'
    text = re.sub(r"<html\b", '<html class="sg-preview"', text, count=1)
    text = text.replace("</head>", head + "</head>", 1)
    text = re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + bar, text, count=1)
    if badge:
        text = re.sub(r'(<h1 id="article-title")', lambda m: badge + m.group(1), text, count=1)
    return text.encode("utf-8")
