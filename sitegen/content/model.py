"""Stage 3, model: typed articles built from sources; wrong types and shapes become problems."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..config import KINDS, Column, Config
from ..core import FieldPath, FieldReader, Inside, Problem, dotted, frozen
from .sources import Source

STATUSES = ("draft", "submitted", "approved", "rejected")
STATUS_LABELS = {"draft": "草稿", "submitted": "已提交", "approved": "已审核", "rejected": "已退回"}
FIELDS = (
    "title",
    "date",
    "unit",
    "status",
    "review",
    "kind",
    "summary",
    "reprint",
    "source",
    "images",
    "video",
    "reports",
    "doc_number",
    "attachments",
    "tags",
    "featured",
    "slug",
    "aliases",
    "publish_at",
    "received",
    "reject_reason",
    "rejection",
    "intake_id",
    "column",
    "section",
    "edition",
    "accepted",
)
CAPTION_PARTS = {"time": "时间", "place": "地点", "people": "人物", "event": "事件"}


@frozen
class MediaPath:
    """A file an article refers to, as written and as resolved under content/."""

    written: str
    path: Path | None  # None when it leaves content/ (reported as a problem)
    field: str  # where it was written, e.g. images[2].src or 正文
    line: int | None


@frozen
class Review:
    """One review record: who recorded a level and when (`level` "" in a one-level `{by, date}`)."""

    by: str
    date: date
    level: str = ""


@frozen
class Caption:
    time: str
    place: str
    people: str
    event: str

    def text(self) -> str:
        return "，".join(part for part in (self.time, self.place, self.people, self.event) if part)


@frozen
class GalleryImage:
    src: MediaPath
    caption: Caption


@frozen
class Video:
    src: MediaPath | None
    url: str | None
    poster: MediaPath | None
    captions: MediaPath | None = None  # subtitles beside the video: .vtt, or .srt converted at build time


@frozen
class Report:
    outlet: str
    date: date | None
    title: str
    summary: str
    url: str


@frozen
class Attachment:
    src: MediaPath
    title: str


@frozen
class Article:
    source: Source
    column: str
    section: str
    title: str
    date: datetime
    unit: str
    status: str
    kind: str
    review: tuple[Review, ...]  # one per level recorded, in order (SPEC 13); empty: not reviewed
    summary: str | None
    reprint: bool
    origin: str | None  # the `source` field: outlet and date of a reprint
    images: tuple[GalleryImage, ...]
    video: Video | None
    reports: tuple[Report, ...]
    doc_number: str | None
    attachments: tuple[Attachment, ...]
    tags: tuple[str, ...]
    featured: bool
    slug: str | None
    aliases: tuple[str, ...]
    publish_at: datetime | None
    received: datetime | None  # when the unit's e-mail arrived; quotas count from it
    present: frozenset[str]  # the fields the editor wrote (the rules read it; an outline has none)
    reject_reason: str | None = None  # why a reviewer rejected it (`build.py reject --reason`), for the unit
    rejection: Review | None = None  # who rejected it, at which level (`build.py reject --by`)
    intake_id: str | None = None  # what `build.py import` made it from: the Message-ID or a digest of the files
    edition: int = 0  # the year of the edition it belongs to: its `edition` field, else its date (config.editions)
    accepted: tuple[str, ...] = ()  # texts an editor kept on purpose though the copy-editing checks flag them

    @property
    def rel(self) -> str:
        return self.source.rel

    @property
    def body(self) -> str:
        return self.source.body

    def is_published(self, now: datetime) -> bool:
        return self.status == "approved" and (self.publish_at is None or self.publish_at <= now)


def build_article(config: Config, content: Path, source: Source) -> tuple[Article | None, list[Problem]]:
    """Type one source. Drafts and rejected items only need readable front matter."""
    return publishable(*read_article(config, content, source))


def read_article(config: Config, content: Path, source: Source) -> tuple[Article | None, list[Problem]]:
    """Type one source whatever its status; None only when the status itself is unreadable."""
    r = FieldReader(source.rel, source.front_text, line_offset=1)
    front = r.mapping(source.front, [], allowed=set(FIELDS))
    status = r.choice(front.get("status"), ["status"], STATUSES)
    article = _read(r, config, content, source, front, status)
    return (article if status is not None else None), r.problems


def publishable(article: Article | None, problems: list[Problem]) -> tuple[Article | None, list[Problem]]:
    """The article when it is well-formed. Problems of drafts and rejected items do not count: they are
    returned only when they read cleanly (the review preview shows drafts)."""
    if article is None:
        return None, problems
    if article.status not in ("submitted", "approved"):
        return (article if not problems else None), []
    return (article if not problems else None), problems


def _read(
    r: FieldReader, config: Config, content: Path, source: Source, front: Mapping[str, object], status: str | None
) -> Article:
    tz = config.timezone
    column = config.columns[source.column]
    section = column.section(source.section)
    assert section is not None
    for key, folder in (("column", source.column), ("section", source.section)):
        if key in front and front[key] != folder:
            r.problem([key], f"写的是“{front[key]}”，但文件放在 {folder} 目录", f"删除 {key} 字段或把文件移到对应目录")
    title = r.text_value(front.get("title"), ["title"], required=True) or ""
    when = r.moment(front.get("date"), ["date"], tz, required=True)
    unit = r.text_value(front.get("unit"), ["unit"], required=True) or ""
    kind = r.choice(front.get("kind", section.kind), ["kind"], KINDS) or section.kind
    review = _review(r, front.get("review"))
    reprint = r.boolean(front.get("reprint"), ["reprint"])
    images = r.each(front.get("images"), ["images"], lambda v, p: _gallery_image(r, content, source, v, p))
    video = _video(r, content, source, front.get("video")) if "video" in front else None
    reports = r.each(front.get("reports"), ["reports"], lambda v, p: _report(r, v, p))
    attachments = r.each(front.get("attachments"), ["attachments"], lambda v, p: _attachment(r, content, source, v, p))
    tags = r.each(front.get("tags"), ["tags"], lambda v, p: r.text_value(v, p, required=True))
    aliases = r.each(front.get("aliases"), ["aliases"], lambda v, p: _alias(r, v, p))
    edition = _edition(r, column, front, when, source.section)
    slug = r.text_value(front.get("slug"), ["slug"])
    if slug is not None and (
        not slug.isascii() or not all(c.isalnum() or c == "-" for c in slug) or slug != slug.lower()
    ):
        r.problem(["slug"], f"“{slug}”只能包含小写英文字母、数字和连字符", "例如 taiyuan-opening")
        slug = None
    return Article(
        source=source,
        column=source.column,
        section=source.section,
        title=title,
        date=when or datetime(1970, 1, 1, tzinfo=tz),
        unit=unit,
        status=status or "draft",
        kind=kind,
        review=review,
        summary=r.text_value(front.get("summary"), ["summary"]),
        reprint=reprint,
        origin=r.text_value(front.get("source"), ["source"]),
        images=images,
        video=video,
        reports=reports,
        doc_number=r.text_value(front.get("doc_number"), ["doc_number"]),
        attachments=attachments,
        tags=tags,
        featured=r.boolean(front.get("featured"), ["featured"]),
        slug=slug,
        aliases=aliases,
        publish_at=r.moment(front.get("publish_at"), ["publish_at"], tz),
        received=r.moment(front.get("received"), ["received"], tz),
        present=frozenset(map(str, front)),
        reject_reason=r.text_value(front.get("reject_reason"), ["reject_reason"]),
        rejection=_record(r, front["rejection"], ["rejection"], level=False) if "rejection" in front else None,
        intake_id=r.text_value(front.get("intake_id"), ["intake_id"]),
        edition=edition,
        accepted=r.each(front.get("accepted"), ["accepted"], lambda v, p: r.text_value(v, p, required=True)),
    )


def _edition(r: FieldReader, column: Column, front: Mapping[str, object], when: datetime | None, section: str) -> int:
    """The year of the article's edition; an `edition` that config.yml does not list is a problem."""
    explicit = r.integer(front.get("edition"), ["edition"], minimum=1) if "edition" in front else None
    found = column.edition_for(when or datetime(1970, 1, 1), explicit)
    years = "、".join(str(e.year) for e in column.editions)
    if found is None:
        r.problem(
            ["edition"], f"届次 {explicit} 未在 config.yml 中配置", f"可选：{years}；或删除 edition，按发布时间归入"
        )
        return column.current.year
    if all(s.id != section for s in found.sections):
        r.problem(
            ["edition"] if explicit else ["date"],
            f"{found.year} 届没有“{section}”栏目",
            "可选：" + "、".join(f"{s.id}（{s.title}）" for s in found.sections),
        )
    return found.year


def _review(r: FieldReader, value: object) -> tuple[Review, ...]:
    """`{by, date}` (one level) or a list of `{level, by, date}`; whether the levels are the column's is a rule."""
    if value is None:
        return ()
    if isinstance(value, list):
        return r.each(value, ["review"], lambda v, p: _record(r, v, p, level=True))
    found = _record(r, value, ["review"], level=False)
    return (found,) if found else ()


def _record(r: FieldReader, value: object, path: FieldPath, *, level: bool) -> Review | None:
    keys = ("level", "by", "date") if level else ("by", "date")
    m = r.mapping(value, path, allowed={"level", "by", "date"}, required=keys)
    by = r.text_value(m.get("by"), [*path, "by"])
    day = r.day(m.get("date"), [*path, "date"])
    name = r.text_value(m.get("level"), [*path, "level"]) or ""
    return Review(by, day, name) if by and day else None


def media_path(
    r: FieldReader, content: Path, source: Source, written: object, path: list[str | int]
) -> MediaPath | None:
    text = r.text_value(written, path, required=True)
    if text is None:
        return None
    return resolve_media(content, source, text, dotted(path), r.line(path), r)


def resolve_media(
    content: Path, source: Source, text: str, field: str, line: int | None, r: FieldReader | None = None
) -> MediaPath:
    """The one resolution of an article's media: paths are relative to the .md file, and one that leaves
    content/, as written (`../`, `/`, a URL) or through a symbolic link, is a problem."""
    parts = urlsplit(text)
    relative_dir = posixpath.dirname(source.rel.removeprefix("content/"))
    joined = posixpath.normpath(posixpath.join(relative_dir, parts.path))
    escapes = parts.scheme or parts.netloc or text.startswith("/") or joined == ".." or joined.startswith("../")
    if escapes or not Inside(content)(content / joined):
        if r is not None:
            r.problems.append(
                Problem(
                    source.rel,
                    line,
                    field,
                    f"路径“{text}”超出了 content/ 目录",
                    "图片、视频和附件须放在文章旁的文件夹里，用相对路径引用",
                )
            )
        return MediaPath(text, None, field, line)
    return MediaPath(text, content / joined, field, line)


def _gallery_image(
    r: FieldReader, content: Path, source: Source, value: object, path: FieldPath
) -> GalleryImage | None:
    m = r.mapping(value, path, allowed={"src", "caption"}, required=("src",))
    src = media_path(r, content, source, m.get("src"), [*path, "src"])
    caption = _caption(r, m.get("caption"), [*path, "caption"])
    return GalleryImage(src, caption) if src else None


def _caption(r: FieldReader, value: object, path: list[str | int]) -> Caption:
    if value is None:
        return Caption("", "", "", "")
    if isinstance(value, str):  # free text: the rules module checks it names all four parts
        return Caption("", "", "", value.strip())
    m = r.mapping(value, path, allowed=set(CAPTION_PARTS))
    parts = {key: r.text_value(m.get(key), [*path, key]) or "" for key in CAPTION_PARTS}
    return Caption(**parts)


def _video(r: FieldReader, content: Path, source: Source, value: object) -> Video | None:
    m = r.mapping(value, ["video"], allowed={"src", "url", "poster", "captions"})
    src = media_path(r, content, source, m.get("src"), ["video", "src"]) if m.get("src") is not None else None
    url = _http_url(r, m.get("url"), ["video", "url"]) if m.get("url") is not None else None
    poster = (
        media_path(r, content, source, m.get("poster"), ["video", "poster"]) if m.get("poster") is not None else None
    )
    captions = (
        media_path(r, content, source, m.get("captions"), ["video", "captions"])
        if m.get("captions") is not None
        else None
    )
    if m and src is None and url is None and not r.problems:
        r.problem(["video"], "缺少视频", "填写 src（本地 MP4 文件）或 url（外部视频网址）")
    return Video(src, url, poster, captions)


def _http_url(r: FieldReader, value: object, path: list[str | int]) -> str | None:
    text = r.text_value(value, path, required=True)
    if text is None:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        r.problem(path, f"“{text}”不是有效的网址", "须以 http:// 或 https:// 开头")
        return None
    return text


def _report(r: FieldReader, value: object, path: FieldPath) -> Report | None:
    keys = ("outlet", "date", "title", "summary", "url")
    m = r.mapping(value, path, allowed=set(keys))
    outlet = r.text_value(m.get("outlet"), [*path, "outlet"]) or ""
    day = r.day(m.get("date"), [*path, "date"])
    title = r.text_value(m.get("title"), [*path, "title"]) or ""
    summary = r.text_value(m.get("summary"), [*path, "summary"]) or ""
    url = _http_url(r, m.get("url"), [*path, "url"]) if m.get("url") is not None else ""
    return Report(outlet, day, title, summary, url or "")


def _attachment(r: FieldReader, content: Path, source: Source, value: object, path: FieldPath) -> Attachment | None:
    m = r.mapping(value, path, allowed={"src", "title"}, required=("src",))
    src = media_path(r, content, source, m.get("src"), [*path, "src"])
    title = r.text_value(m.get("title"), [*path, "title"]) or (src.path.stem if src and src.path else "")
    return Attachment(src, title) if src else None


def _alias(r: FieldReader, value: object, path: FieldPath) -> str | None:
    text = r.text_value(value, path, required=True)
    if text is None:
        return None
    clean = posixpath.normpath("/" + text.strip("/")) + "/"
    if ".." in text or "://" in text or not clean.isascii():
        r.problem(path, f"“{text}”不是本站的相对网址", "写成 /highlights/old-name/ 这样的路径")
        return None
    return clean.lstrip("/")
