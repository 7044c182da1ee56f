"""Intake, composing: the gathered files of one submission to a draft article and its media folder, in staging."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..config import Column, Config, Section
from ..content import Registry, Unit, compose_article, quote_scalar
from ..core import frozen, slugify
from .archive import Limits
from .errors import Refused
from .gather import Parcel
from .photos import (
    PHOTO_SUFFIXES,
    caption,
    description,
    embedded_suffix,
    file_names,
    fingerprints,
    match,
    save_poster,
)
from .word import Converted, check_docx, convert

VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov")
_MAX_SLUG = 80
_PREFIXES = re.compile(r"^\s*(?:(?:re|fw|fwd|回复|答复|转发)\s*[:：]\s*|【[^】]*】\s*)+", re.IGNORECASE)
_JOINERS = " +＋-—_－:：·、,，|"
_EMBEDDED = re.compile(r"!\[[^\]]*\]\((intake-embedded-(\d+))\)")


@frozen
class Request:
    """What the editor asked for on the command line."""

    column: Column
    section: Section
    unit: str | None
    kind: str | None
    received: datetime | None
    limits: Limits
    edition: int | None = None  # --edition; None: the column's current edition


@frozen
class Staged:
    slug: str
    markdown: Path  # <staging>/<slug>.md.part
    media: Path | None  # <staging>/<slug>/
    title: str
    unit: str
    unused: tuple[str, ...] = ()  # files of the submission the article does not use, for the editor to look at


def find_unit(registry: Registry, parcel: Parcel, wanted: str | None) -> tuple[Unit, str]:
    """The unit a name starts with (学校+主题), else the sender's address, else --unit; and the topic after it."""
    names = {name: unit for unit in registry.units.values() for name in (unit.name, *unit.former_names)}
    texts = [_PREFIXES.sub("", n).strip() for n in parcel.names if n and n.strip()]
    for text in texts:
        starts = [name for name in names if text.startswith(name)]
        if starts:
            best = max(starts, key=len)
            return names[best], text[len(best) :].strip(_JOINERS)
    topic = _topic(texts[0]) if texts else ""
    by_mail = registry.by_email(parcel.sender) if parcel.sender else None
    if by_mail is not None:
        return by_mail, topic
    if wanted:
        found = registry.find(wanted)
        if found is not None:
            return found, topic
    head = re.split(r"[+＋\-—_－:：·、 ]", texts[0])[0] if texts else ""
    close = registry.closest(head) if head else []
    hint = ("最接近的已登记单位：" + "、".join(close) + "；") if close else ""
    raise Refused(
        f"无法确定报送单位：“{texts[0] if texts else parcel.shown}”不以已登记的单位名称开头",
        hint + "请用 --unit 指定单位，或在 content/units.yml 中为该单位登记 emails",
    )


def _topic(text: str) -> str:
    for sign in ("+", "＋"):
        if sign in text:
            return text.split(sign, 1)[1].strip(_JOINERS)
    return text


def compose(parcel: Parcel, request: Request, config: Config, registry: Registry, taken: set[str], out: Path) -> Staged:
    docs = [(n, p) for n, p in parcel.files if p.suffix.lower() == ".docx" and not p.name.startswith("~$")]
    photos = [(n, p) for n, p in parcel.files if p.suffix.lower() in PHOTO_SUFFIXES]
    videos = [(n, p) for n, p in parcel.files if p.suffix.lower() in VIDEO_SUFFIXES]
    pdfs = [(n, p) for n, p in parcel.files if p.suffix.lower() == ".pdf"]
    legacy = [n for n, p in parcel.files if p.suffix.lower() in (".doc", ".wps")]
    heic = [n for n, p in parcel.files if p.suffix.lower() in (".heic", ".heif")]
    if heic:
        raise Refused(f"图片“{heic[0]}”是 HEIC 格式，无法发布", "请让报送单位发送 JPG 原图，或转换为 JPG 后再导入")
    if len(docs) > 1:
        raise Refused(
            f"含 {len(docs)} 个 Word 文件（{'、'.join(n for n, _ in docs)}），无法确定哪一个是稿件",
            "一篇稿件一个 Word 文件：请把其他文件分开导入",
        )
    if not docs and legacy:
        raise Refused(f"“{legacy[0]}”是旧版 Word 文件，无法转换", "请在 Word 或 WPS 中打开，另存为 .docx 后再导入")
    if not docs and not videos and not photos:
        raise Refused("没有找到稿件：既无 Word 文件（.docx），也无图片或视频", "请确认附件已下载或已保存到文件夹")
    # The Word file's name is the last place 学校+主题 may be written.
    named = replace(parcel, names=(*parcel.names, *(Path(n).stem for n, _ in docs)))
    unit, topic = find_unit(registry, named, request.unit)
    converted = Converted("", "", (), ())
    if docs:
        check_docx(docs[0][1], docs[0][0], request.limits)
        converted = convert(docs[0][1], docs[0][0])
    kind = request.kind or ("video" if videos else request.section.kind)
    if kind != "video":
        videos = []  # listed as unused: a video needs an article of kind video
    used = {p for _, p in (*docs[:1], *photos, *videos, *pdfs)}
    unused = tuple(n for n, p in parcel.files if p not in used)
    title = converted.title or topic or (parcel.names[0] if parcel.names else "")
    slug = _free_slug(slugify(title, config.place_slugs()) or "article", taken)
    media = out / slug
    media.mkdir(parents=True)
    body, front = _media(converted, photos, videos, pdfs, kind, slug, media, request.limits)
    received = parcel.received
    lines = [f"title: {quote_scalar(title)}"]
    if received is not None:
        stamp = received.astimezone(config.timezone).strftime("%Y-%m-%d %H:%M")
        lines += [f"date: {stamp}", f"received: {stamp}  # 收到邮件的时间，配额按此统计"]
    # The current edition, or the one chosen; written only when the date would place it in another one.
    chosen = request.edition or request.column.current.year
    by_date = request.column.edition_for(received.astimezone(config.timezone)) if received is not None else None
    if (by_date is not None and by_date.year != chosen) or (received is None and request.edition):
        lines.append(f"edition: {chosen}  # 所属届次")
    lines += [f"unit: {quote_scalar(unit.name)}", "status: submitted"]
    if kind != request.section.kind:
        lines.append(f"kind: {kind}")
    lines.append(f"intake_id: {quote_scalar(parcel.ident)}  # 导入来源，用于拒绝重复导入")
    if kind == "media":
        lines += _reports(converted.reports)
    lines += front
    if not any(media.iterdir()):
        media.rmdir()
    markdown = out / f"{slug}.md.part"
    markdown.write_text(compose_article(lines, body), encoding="utf-8", newline="\n")
    return Staged(slug, markdown, media if media.exists() else None, title, unit.name, unused)


def _media(
    converted: Converted,
    photos: list[tuple[str, Path]],
    videos: list[tuple[str, Path]],
    pdfs: list[tuple[str, Path]],
    kind: str,
    slug: str,
    media: Path,
    limits: Limits,
) -> tuple[str, list[str]]:
    """Copy originals, leftover embedded pictures, the video, its poster and the stamped PDF; return body and fields."""
    descriptions = [description(p) for _, p in photos]
    names = file_names(descriptions, [p.suffix for _, p in photos])
    prints = fingerprints(
        [(p, n) for n, p in photos] + [(e.data, f"Word 内嵌图片 {i + 1}") for i, e in enumerate(converted.embedded)],
        limits.max_pixels,
    )
    originals, copies = prints[: len(photos)], prints[len(photos) :]
    matched = match(copies, originals)
    for (_, path), name in zip(photos, names, strict=True):
        shutil.copyfile(path, media / name)
    body = converted.markdown
    shown_inline: set[int] = set()
    taken = set(names)
    for index, embedded in enumerate(converted.embedded):
        if index in matched:
            target, alt = names[matched[index]], descriptions[matched[index]]
            shown_inline.add(matched[index])
        else:
            target = file_names([f"image-{index + 1}"], [embedded_suffix(embedded.content_type)], taken)[0]
            taken.add(target)
            (media / target).write_bytes(embedded.data)
            alt = embedded.alt
        link = "" if kind == "gallery" else f"![{_alt(alt)}]({slug}/{target})"
        found = re.search(rf"!\[[^\]]*\]\({re.escape(embedded.placeholder)}\)", body)
        if found:
            body = body[: found.start()] + link + body[found.end() :]
    front: list[str] = []
    if kind == "gallery":
        front.append("images:")
        for name, text in zip(names, descriptions, strict=True):
            front.append(f"  - src: {quote_scalar(f'{slug}/{name}')}")
            parts = caption(text)
            if parts:
                front.append("    caption: {" + ", ".join(f"{k}: {quote_scalar(v)}" for k, v in parts.items()) + "}")
    else:
        poster = _poster(descriptions) if kind == "video" else None
        extra = [i for i in range(len(photos)) if i not in shown_inline and i != poster]
        figures = "\n\n".join(f"![{_alt(descriptions[i])}]({slug}/{names[i]})" for i in extra)
        body = (body.rstrip("\n") + "\n\n" + figures + "\n") if figures else body
    if videos and kind == "video":
        _, video = videos[0]
        video_name = file_names([description(video)], [".mp4" if video.suffix.lower() == ".m4v" else video.suffix])[0]
        shutil.copyfile(video, media / video_name)
        front += ["video:", f"  src: {quote_scalar(f'{slug}/{video_name}')}"]
        sent = _poster(descriptions)
        if sent is not None:
            front.append(f"  poster: {quote_scalar(f'{slug}/{names[sent]}')}")
        elif save_poster(media / video_name, media / "poster.jpg"):
            front.append(f"  poster: {quote_scalar(f'{slug}/poster.jpg')}")
        for _, spare in videos[1:]:  # kept beside the article, for the editor to split into articles of their own
            name = file_names([description(spare)], [spare.suffix], {p.name for p in media.iterdir()})[0]
            shutil.copyfile(spare, media / name)
            front.append(f"# 另一个视频（每篇稿件只能有一个视频，请另建文章）：{slug}/{name}")
    for _, pdf in pdfs:
        name = file_names([pdf.stem], [".pdf"], {p.name for p in media.iterdir()})[0]
        shutil.copyfile(pdf, media / name)
        front.append(f"# 审核证明（盖章扫描件，不发布）：{slug}/{name}")
    if kind == "media":
        body = "\n".join(line for line in body.split("\n") if not line.startswith("|")).strip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", _EMBEDDED.sub("", body)).lstrip("\n"), front


def _poster(descriptions: list[str]) -> int | None:
    """The photo sent as the video's cover (封面), if any."""
    return next((i for i, d in enumerate(descriptions) if "封面" in d or "poster" in d.lower()), None)


def _reports(rows: tuple[dict[str, str], ...]) -> list[str]:
    if not rows:
        return []
    lines = ["reports:"]
    for row in rows:
        lines.append(f"  - outlet: {quote_scalar(row.get('outlet', ''))}")
        for key in ("date", "title", "summary", "url"):
            value = _day(row.get(key, "")) if key == "date" else row.get(key, "")
            if value:
                lines.append(f"    {key}: {quote_scalar(value)}")
    return lines


def _day(text: str) -> str:
    m = re.search(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})", text)
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else text


def _alt(text: str) -> str:
    return text.replace("[", "［").replace("]", "］")


def _free_slug(wanted: str, taken: set[str]) -> str:
    slug = wanted[:_MAX_SLUG].rsplit("-", 1)[0] if len(wanted) > _MAX_SLUG else wanted
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
