"""Stage 4, validation: the submission rules of Annex 2 (SPEC 4.2), one small function per rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .fields import dotted
from .markup import Body
from .model import Article
from .probe import Facts
from .problems import Problem
from .units import Registry
from .yamltext import FieldPath, line_of


@dataclass(frozen=True)
class Subject:
    """Everything a rule may look at for one submitted or approved article."""

    article: Article
    body: Body
    facts: Mapping[Path, Facts]
    config: Config
    registry: Registry

    def problem(self, path: FieldPath, message: str, hint: str = "") -> Problem:
        found = line_of(self.article.source.front_text, path)
        return Problem(self.article.rel, found + 1 if found else None, dotted(path), message, hint)


Rule = Callable[[Subject], Iterable[Problem]]


def unit_registered(s: Subject) -> Iterable[Problem]:
    if s.article.unit and s.article.unit not in s.registry.units:
        close = s.registry.closest(s.article.unit)
        hint = ("是不是：" + "、".join(close)) if close else "请先在 content/units.yml 中登记该单位"
        yield s.problem(["unit"], f"单位“{s.article.unit}”未在 content/units.yml 中登记", hint)


def review_when_approved(s: Subject) -> Iterable[Problem]:
    if s.article.status == "approved" and s.article.review is None and "review" not in s.article.present:
        yield s.problem(["status"], "已审核（approved）的稿件缺少内容审核记录 review",
                        "请补充 review: {by: 审核部门, date: 审核日期}（经本单位宣传部门审核）")


def source_when_reprint(s: Subject) -> Iterable[Problem]:
    if s.article.reprint and not s.article.origin:
        yield s.problem(["reprint"], "转载稿件缺少来源 source", "请填写 source: 原媒体名称 发布日期，例如 山西日报 2024年5月14日")


def title_length(s: Subject) -> Iterable[Problem]:
    limit = s.config.rules.title_max_chars
    if len(s.article.title) > limit:
        yield s.problem(["title"], f"标题 {len(s.article.title)} 字，超过 {limit} 字上限",
                        f"请删减 {len(s.article.title) - limit} 字")


RULES: tuple[Rule, ...] = (unit_registered, review_when_approved, source_when_reprint, title_length)


def check(subject: Subject) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(subject)]


def media_readable(s: Subject) -> Iterable[Problem]:
    """Every file an article names must exist and be what it claims to be."""
    from .probe import Unreadable

    article = s.article
    for written in s.body.images:
        resolved = _resolve(s, written)
        fact = s.facts.get(resolved) if resolved else None
        if resolved is None:
            yield Problem(article.rel, _body_line(article, written), "正文", f"图片路径“{written}”超出了 content/ 目录",
                          "图片须放在文章旁的文件夹里，用相对路径引用")
        elif isinstance(fact, Unreadable):
            yield Problem(article.rel, _body_line(article, written), "正文", f"图片“{written}”：{fact.reason}",
                          "检查文件名和路径（区分大小写），路径相对于本文章的 .md 文件")
    named = [(i.src, ["images", n, "src"]) for n, i in enumerate(article.images)]
    if article.video:
        named += [(m, ["video", key]) for key, m in (("src", article.video.src), ("poster", article.video.poster)) if m]
    named += [(a.src, ["attachments", n, "src"]) for n, a in enumerate(article.attachments)]
    for media, path in named:
        fact = s.facts.get(media.path) if media.path else None
        if isinstance(fact, Unreadable):
            yield s.problem(path, f"“{media.written}”：{fact.reason}",
                            "检查文件名和路径（区分大小写），路径相对于本文章的 .md 文件")


def _resolve(s: Subject, written: str) -> Path | None:
    from .model import resolve_media

    content = s.article.source.path.parents[2]
    return resolve_media(content, s.article.source, written, "正文", None).path


def _body_line(article: Article, written: str) -> int | None:
    index = article.body.find(written)
    return article.source.body_line + article.body.count("\n", 0, index) if index >= 0 else None


RULES = (*RULES, media_readable)
