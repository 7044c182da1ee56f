"""Stage 4, validation: the submission rules of Annex 2 (SPEC 4.2), one small function per rule.

`RULES` run on every submitted or approved article; `KIND_RULES` add the rules of its kind.
The kind-specific media rules (gallery, media reports, video) live in rules_media.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from ..content import (
    FileFacts,
    ImageFacts,
    Unreadable,
    count_words,
)
from ..core import Problem
from . import rules_media as m
from .copyedit import copyediting
from .subject import Ref, Subject, ref_of

Rule = Callable[[Subject], Iterable[Problem]]

_FIX_PATH = "检查文件名和路径，注意大小写；路径相对于本文章的 .md 文件"


# -- every kind -----------------------------------------------------------------------------------


def unit_registered(s: Subject) -> Iterable[Problem]:
    if s.article.unit and s.registry.find(s.article.unit) is None:
        close = s.registry.closest(s.article.unit)
        hint = ("是不是：" + "、".join(close)) if close else "请先在 content/units.yml 中登记该单位"
        yield s.problem(["unit"], f"单位“{s.article.unit}”未在 content/units.yml 中登记", hint)


def review_when_approved(s: Subject) -> Iterable[Problem]:
    if s.article.status == "approved" and not s.article.review and "review" not in s.article.present:
        yield s.problem(
            ["status"],
            "已审核（approved）的稿件缺少内容审核记录 review",
            "请补充 review: {by: 审核部门, date: 审核日期}，须经本单位宣传部门审核",
        )
    levels = s.config.columns[s.article.column].review_levels
    done = tuple(r.level for r in s.article.review)
    if not levels or not any(done):  # a single {by, date} stays valid as a one-level review (SPEC 13)
        return
    if done != levels[: len(done)]:  # review levels (SPEC 13): recorded in the column's order, none skipped
        yield s.problem(
            ["review"],
            f"审核级别依次应是{'、'.join(levels)}，review 中记录的是{'、'.join(n or '（未写级别）' for n in done)}",
            "每级一条 {level, by, date}，按 config.yml 中 review_levels 的顺序；可用 build.py approve --level 记录",
        )
    elif s.article.status == "approved" and len(done) < len(levels):
        yield s.problem(
            ["status"],
            f"已审核（approved）的稿件须经{'、'.join(levels)}，尚缺{'、'.join(levels[len(done) :])}",
            f"请用 build.py approve --level {levels[len(done)]} 记录，记录前 status 保持 submitted",
        )


def source_when_reprint(s: Subject) -> Iterable[Problem]:
    if s.article.reprint and not s.article.origin:
        yield s.problem(
            ["reprint"], "转载稿件缺少来源 source", "请填写 source: 原媒体名称 发布日期，例如 山西日报 2024年5月14日"
        )


def title_length(s: Subject) -> Iterable[Problem]:
    limit = s.config.rules.title_max_chars
    if len(s.article.title) > limit:
        yield s.problem(
            ["title"],
            f"标题 {len(s.article.title)} 字，超过 {limit} 字上限",
            f"请删减 {len(s.article.title) - limit} 字",
        )


def body_length(s: Subject) -> Iterable[Problem]:
    """字数 as Word counts it, on the rendered text: Markdown syntax and link URLs do not count."""
    kind = s.config.rules.kinds[s.article.kind]
    if kind.max_words is None:
        return
    words = count_words(s.body.text)
    if words > kind.max_words:
        yield Problem(
            s.article.rel,
            s.body_line(),
            "正文",
            f"正文 {words} 字，超过 {kind.max_words} 字上限",
            f"请删减 {words - kind.max_words} 字；{kind.label}字数按 Word 的“字数”统计",
        )


def media_readable(s: Subject) -> Iterable[Problem]:
    """Every file an article names must exist, stay inside content/, and be readable."""
    article = s.article
    named = [*s.all_images(), *s.video_src()]
    named += [ref_of(a.src, ("attachments", n, "src")) for n, a in enumerate(article.attachments)]
    if article.video and article.video.captions:
        named.append(ref_of(article.video.captions, ("video", "captions")))
    for ref in named:
        fact = s.fact(ref)
        if ref.path is None and ref.field is None:  # front matter paths were reported by the model
            yield Problem(
                article.rel,
                s.body_line(ref.written),
                "正文",
                f"图片路径“{ref.written}”超出了 content/ 目录",
                "图片须放在文章旁的文件夹里，用相对路径引用",
            )
        elif isinstance(fact, Unreadable):
            hint = _FIX_PATH if fact.missing else "请重新导出或重新上传该文件"
            yield s.at(ref, fact.reason if ref.field is None else f"“{ref.written}”：{fact.reason}", hint)


def image_names(s: Subject) -> Iterable[Problem]:
    """The extension must say what the bytes are: browsers and editors trust the name."""
    for ref in s.all_images():
        fact = s.fact(ref)
        if isinstance(fact, ImageFacts) and ref.path and not m.extension_fits(ref.path, fact.format):
            suffix = ref.path.suffix or "（无）"
            yield s.at(
                ref,
                f"文件扩展名为 {suffix}，但实际是 {m.format_label(fact.format)} 图片",
                f"请把文件改名为 {ref.path.stem}{m.extension_for(fact.format)}，并修改文章里的引用",
            )


def attachment_formats(s: Subject) -> Iterable[Problem]:
    allowed = s.config.rules.attachment_formats
    for n, attachment in enumerate(s.article.attachments):
        if attachment.src.path is None:
            continue
        ref = ref_of(attachment.src, ("attachments", n, "src"))
        suffix = attachment.src.path.suffix.lower().lstrip(".")
        fact = s.fact(ref)
        if suffix not in allowed:
            yield s.at(
                ref,
                f"附件格式为 .{suffix or '（无）'}，只接受 " + "、".join(allowed),
                "请另存为 " + "、".join(allowed) + " 格式后再附上",
            )
        elif isinstance(fact, FileFacts) and not m.signature_fits(suffix, fact.signature):
            yield s.at(
                ref,
                f"文件扩展名为 .{suffix}，但内容不是 {suffix.upper()} 文件",
                f"请用原软件重新导出为 {suffix.upper()}，不要只改扩展名",
            )


# -- text kinds: inline images ---------------------------------------------------------------------


def inline_images(s: Subject) -> Iterable[Problem]:
    """Annex 2, item 1: 插图 JPG or PNG."""
    yield from _image_formats(s, s.body_images())


def inline_image_bytes(s: Subject) -> Iterable[Problem]:
    """Annex 2, item 1: each 插图 file under 2 MB."""
    yield from _small_images(s, s.body_images())


def figure_images(s: Subject) -> Iterable[Problem]:
    """Outside galleries, the `images` of an article are 插图 too."""
    yield from _image_formats(s, s.figure_images())


def figure_image_bytes(s: Subject) -> Iterable[Problem]:
    yield from _small_images(s, s.figure_images())


def _image_formats(s: Subject, refs: Iterable[Ref]) -> Iterable[Problem]:
    formats = s.config.rules.inline_formats
    for ref in refs:
        fact = s.fact(ref)
        if isinstance(fact, ImageFacts) and fact.format not in formats:
            yield s.at(
                ref,
                f"图片格式为 {m.format_label(fact.format)}，须为 {m.formats_text(formats)}",
                "请另存为 JPG 或 PNG",
            )


def _small_images(s: Subject, refs: Iterable[Ref]) -> Iterable[Problem]:
    limit = s.config.rules.inline_max_bytes
    for ref in refs:
        fact = s.fact(ref)
        if isinstance(fact, ImageFacts) and fact.size >= limit:
            yield s.at(
                ref,
                f"图片 {m.size_text(fact.size, limit)}，须小于 {m.mb(limit)}",
                "插图每张须小于上限：请压缩，或把宽度缩小到 1600 像素左右",
            )


# -- the table ---------------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    unit_registered,
    review_when_approved,
    source_when_reprint,
    title_length,
    body_length,
    media_readable,
    image_names,
    attachment_formats,
    copyediting,
)
_TEXT: tuple[Rule, ...] = (inline_images, inline_image_bytes, figure_images, figure_image_bytes)
KIND_RULES: Mapping[str, tuple[Rule, ...]] = {
    "notice": _TEXT,
    "news": _TEXT,
    "summary": _TEXT,
    "case": _TEXT,
    "profile": _TEXT,
    "gallery": (
        inline_images,
        inline_image_bytes,
        m.gallery_has_images,
        m.gallery_image_format,
        m.gallery_image_width,
        m.gallery_image_bytes,
        m.gallery_captions,
    ),
    "media": (m.media_has_reports, m.media_report_fields, m.media_no_images),
    "video": (
        *_TEXT,
        m.video_present,
        m.video_poster,
        m.video_captions_format,
        m.video_captions,
        m.video_format,
        m.video_duration,
        m.video_aspect,
    ),
}


def rules_of(kind: str) -> tuple[Rule, ...]:
    return (*RULES, *KIND_RULES.get(kind, ()))


def apply_rules(subject: Subject) -> list[Problem]:
    """Every rule of the article's kind; each problem carries its rule's id (copyediting names its own checks')
    and the severity config gives it."""
    severities = subject.config.severities
    return [
        replace(problem, rule=problem.rule or rule.__name__, severity=severities[problem.rule or rule.__name__])
        for rule in rules_of(subject.article.kind)
        for problem in rule(subject)
    ]
