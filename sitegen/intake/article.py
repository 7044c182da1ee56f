"""Intake, composing: the gathered files of one submission to a draft article and its media folder, in staging."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..config import Column, Config, Section
from ..content import Registry, Unit, compose_article, quote_scalar
from ..core import free_slug, frozen, slugify
from .archive import Limits
from .errors import Refused, Unreadable
from .gather import Parcel
from .photos import (
    CONVERTED_SUFFIXES,
    PHOTO_SUFFIXES,
    VECTOR_SUFFIXES,
    caption,
    description,
    embedded_suffix,
    file_names,
    fingerprints,
    is_icon,
    match,
    save_poster,
    web_picture,
)
from .word import Converted, check_docx, convert

VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov")
CAPTION_SUFFIXES = (".vtt", ".srt")
# What clients and gateways put before a subject: FW:/RE:/转发：, a gateway's [外部邮件], a list's [tag].
_PREFIXES = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|回复|答复|转发)\s*[:：]\s*|\[[^\]]*\]\s*"
    r"|【(?:外部邮件|外部|转发|回复|external|ext|spam)】\s*)+",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^【([^】]+)】\s*")  # 【单位】主题: the unit is inside
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
    notes: tuple[str, ...] = ()  # what the editor should know about how the draft was made
    left_out: tuple[tuple[str, str], ...] = ()  # what was sent but not imported: (what, why and what to do)


def find_unit(registry: Registry, parcel: Parcel, wanted: str | None) -> tuple[Unit, str]:
    """The unit a name starts with (学校+主题), else the sender's address, else --unit; and the topic after it."""
    names = {name: unit for unit in registry.units.values() for name in (unit.name, *unit.former_names)}
    texts = [_BRACKETED.sub(r"\1 ", _PREFIXES.sub("", n)).strip() for n in parcel.names if n and n.strip()]
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
    notes: list[str] = list(parcel.notes)
    left: list[tuple[str, str]] = list(parcel.left_out)
    docs = [(n, p) for n, p in parcel.files if p.suffix.lower() == ".docx" and not p.name.startswith("~$")]
    videos = [(n, p) for n, p in parcel.files if p.suffix.lower() in VIDEO_SUFFIXES]
    captions = [(n, p) for n, p in parcel.files if p.suffix.lower() in CAPTION_SUFFIXES]
    pdfs = [(n, p) for n, p in parcel.files if p.suffix.lower() == ".pdf"]
    legacy = [n for n, p in parcel.files if p.suffix.lower() in (".doc", ".wps")]
    photos = _pictures(parcel, out / ".converted", request.limits, left)
    for name, path in parcel.files:
        if path.suffix.lower() in VECTOR_SUFFIXES:
            left.append((f"图片“{name}”是 Office 矢量图（{path.suffix.upper()[1:]}）", _VECTOR_HINT))
    if len(docs) > 1:
        main_doc = _main_doc(docs, parcel.names)
        for name, _ in docs:
            if name != main_doc[0]:
                left.append((f"Word 文件“{name}”", f"一篇稿件一个 Word 文件：已导入“{main_doc[0]}”，这一份请单独导入"))
        docs = [main_doc]
    if not docs and legacy:
        raise Refused(f"“{legacy[0]}”是旧版 Word 文件，无法转换", "请在 Word 或 WPS 中打开，另存为 .docx 后再导入")
    if not docs and not videos and not photos:
        if left:
            raise Refused("没有可导入的稿件：附件都未能导入", "原因见下，请让报送单位重新发送", tuple(left))
        raise Refused("没有找到稿件：既无 Word 文件（.docx），也无图片或视频", "请确认附件已下载或已保存到文件夹")
    # The Word file's name is the last place 学校+主题 may be written.
    named = replace(parcel, names=(*parcel.names, *(Path(n).stem for n, _ in docs)))
    unit, topic = find_unit(registry, named, request.unit)
    converted = Converted("", "", (), ())
    if docs:
        check_docx(docs[0][1], docs[0][0], request.limits)
        converted = convert(docs[0][1], docs[0][0])
        left += [(f"Word 文件“{docs[0][0]}”：{what}", why) for what, why in converted.lost]
    elif parcel.text:  # no Word file: the article is what the author wrote in the mail, never dropped
        converted = Converted("", _plain_markdown(parcel.text), (), ())
        notes.append("没有 Word 文件：正文取自邮件正文，请删去问候语、署名等不属于稿件的文字")
    if videos and request.kind is None and request.section.kind != "video":
        label = config.rules.kinds[request.section.kind].label if request.section.kind in config.rules.kinds else ""
        notes.append(
            f"附有视频，稿件按“视频”类型导入（版块默认为“{label or request.section.kind}”）；"
            f"若这是一篇{label or '普通稿件'}，请删除该稿件后加 --kind {request.section.kind} 重新导入"
        )
    kind = request.kind or ("video" if videos else request.section.kind)
    if kind != "video":
        videos = []  # listed as unused: a video needs an article of kind video
    if kind != "video":
        captions = []
    used = {p for _, p in (*docs[:1], *photos, *videos, *pdfs, *captions[:1])}
    used |= {p for n, p in parcel.files if any(n == sent for sent, _ in photos)}  # converted: the original is used
    unused = tuple(n for n, p in parcel.files if p not in used and p.suffix.lower() not in VECTOR_SUFFIXES)
    unused = tuple(n for n in unused if not any(n in what for what, _ in left))
    title = converted.title or topic or (parcel.names[0] if parcel.names else "")
    slug = free_slug(slugify(title, config.place_slugs()), taken)
    taken.add(slug)
    media = out / slug
    media.mkdir(parents=True)
    body, front = _media(converted, photos, videos, captions, pdfs, kind, slug, media, request.limits, left)
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
    return Staged(
        slug, markdown, media if media.exists() else None, title, unit.name, unused, tuple(notes), tuple(left)
    )


_VECTOR_HINT = "网页无法显示这种图片：请在 Word 或 WPS 中右键该图片“另存为图片”（PNG），与其他照片一起发送"


def _pictures(parcel: Parcel, into: Path, limits: Limits, left: list[tuple[str, str]]) -> list[tuple[str, Path]]:
    """The photos sent, each as a JPEG or PNG; one that cannot be read is left out and named."""
    photos = []
    for index, (name, path) in enumerate(parcel.files):
        suffix = path.suffix.lower()
        if suffix not in PHOTO_SUFFIXES and suffix not in CONVERTED_SUFFIXES:
            continue
        try:
            picture = web_picture(path, name, into / str(index), limits.max_pixels)
        except Unreadable as e:
            left.append((e.message, e.hint))
            continue
        if not is_icon(picture):
            photos.append((name, picture))
    return photos


def _main_doc(docs: list[tuple[str, Path]], names: tuple[str, ...]) -> tuple[str, Path]:
    """Of several Word files, the one the subject names (学校+主题), else the largest: the article, not a form."""
    for text in names:
        for name, path in docs:
            if text and Path(name).stem and (Path(name).stem in text or text in Path(name).stem):
                return name, path
    return max(docs, key=lambda item: item[1].stat().st_size)


def _media(
    converted: Converted,
    photos: list[tuple[str, Path]],
    videos: list[tuple[str, Path]],
    captions: list[tuple[str, Path]],
    pdfs: list[tuple[str, Path]],
    kind: str,
    slug: str,
    media: Path,
    limits: Limits,
    left: list[tuple[str, str]],
) -> tuple[str, list[str]]:
    """Copy originals, leftover embedded pictures, the video, its poster and the stamped PDF; return body and fields."""
    prints = fingerprints(
        [(p, n) for n, p in photos] + [(e.data, f"Word 内嵌图片 {i + 1}") for i, e in enumerate(converted.embedded)],
        limits.max_pixels,
    )
    readable = [i for i in range(len(photos)) if prints[i] is not None]
    for i in range(len(photos)):
        if prints[i] is None:
            left.append((f"图片“{photos[i][0]}”无法读取", "请让报送单位重新发送原图（JPG 或 PNG）"))
    originals, copies = [prints[i] for i in readable], prints[len(photos) :]
    photos = [photos[i] for i in readable]
    descriptions = [description(p) for _, p in photos]
    names = file_names(descriptions, [p.suffix for _, p in photos])
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
        elif embedded_suffix(embedded.content_type) in VECTOR_SUFFIXES:
            vector = embedded_suffix(embedded.content_type)[1:].upper()
            what = f"Word 文件中的第 {index + 1} 张图片是 Office 矢量图（{vector}）"
            left.append((what, _VECTOR_HINT))
            target, alt = "", ""
        else:
            target = file_names([f"image-{index + 1}"], [embedded_suffix(embedded.content_type)], taken)[0]
            taken.add(target)
            (media / target).write_bytes(embedded.data)
            alt = embedded.alt
        link = "" if kind == "gallery" or not target else f"![{_alt(alt)}]({slug}/{target})"
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
        if captions:  # WebVTT or SubRip as sent: the build converts .srt to WebVTT
            _, track = captions[0]
            track_name = file_names([Path(video_name).stem], [track.suffix], {p.name for p in media.iterdir()})[0]
            shutil.copyfile(track, media / track_name)
            front.append(f"  captions: {quote_scalar(f'{slug}/{track_name}')}")
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


_MARKUP = re.compile(r"([\\`*_\[\]<>#|])")
_LIST_START = re.compile(r"^(\d+|)([.)+-])(\s)")


def _plain_markdown(text: str) -> str:
    """Plain text as Markdown that shows it as typed: one paragraph a line, every markup character escaped."""
    return "\n\n".join(_LIST_START.sub(r"\1\\\2\3", _MARKUP.sub(r"\\\1", line)) for line in text.split("\n"))
