"""Command `new`: write a draft article with the front matter its kind needs, named 单位-标题 as the notice asks."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..check import duration_text, mb
from ..config import KINDS, Column, Config, Section, load_config
from ..content import compose_article, display, load_units, quote_scalar
from ..core import Problem, ProblemsFound, free_slug, slugify

if TYPE_CHECKING:
    from ..build import Project

WHERE = "build.py new"  # problems with the command's arguments name the command, not a file
_MAX_STEM_BYTES = 180  # file systems allow 255 bytes; media folders and derivatives add to the name
# Characters Windows, macOS or Linux refuse in file names, and what an editor would type instead.
_FILE_NAME = str.maketrans({"/": "-", "\\": "-", "|": "-", ":": "：", "?": "？", "*": "", '"': "", "<": "", ">": ""})


def new_article(
    project: Project,
    target: str,
    title: str,
    unit: str,
    kind: str | None,
    now: datetime,
    edition: int | None = None,
) -> Path:
    """Write content/<column>/<section>/<单位>-<标题>.md as a draft and return its path.

    The article belongs to the current edition, or to `edition`; when its date alone would place it in
    another edition, the front matter says `edition: <year>`. Bad arguments (unknown column, section,
    unit, kind or edition; an empty or too long title; an existing file) raise ProblemsFound, each
    problem listing the valid choices.
    """
    config = load_config(project.config)
    registry, problems = load_units(config, project.content / "units.yml")
    if problems:
        raise ProblemsFound(problems)
    place = _place(config, target, problems)
    title = " ".join(title.split())
    if not title:
        problems.append(Problem(WHERE, None, "<标题>", "标题不能为空", '例如 "太原市启动职业教育活动周"'))
    elif len(title) > config.rules.title_max_chars:
        over = len(title) - config.rules.title_max_chars
        problems.append(
            Problem(
                WHERE,
                None,
                "<标题>",
                f"标题 {len(title)} 字，超过 {config.rules.title_max_chars} 字上限",
                f"请删减 {over} 字",
            )
        )
    if unit not in registry.units:
        close = registry.closest(unit)
        hint = ("是不是：" + "、".join(close)) if close else "请先在 content/units.yml 中登记该单位"
        problems.append(Problem(WHERE, None, "--unit", f"单位“{unit}”未在 content/units.yml 中登记", hint))
    chosen = _kind(config, kind, problems)
    year = _edition(place, edition, problems)
    if problems or place is None:
        raise ProblemsFound(problems)
    column, section = place
    by_date = column.edition_for(now.astimezone(config.timezone))
    pinned = year if by_date is None or by_date.year != year else None
    folder = project.content / column.id / section.id
    stem = file_stem(unit, title)
    path = folder / f"{stem}.md"
    slug = _free_slug(project, place, folder, slugify(title, config.place_slugs()))
    text = front_matter(config, section, title, unit, chosen or section.kind, chosen, slug, stem, now, pinned)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except FileExistsError:
        raise ProblemsFound(
            [Problem(display(path, project.content), None, "", "文件已存在，未覆盖", "请直接编辑该文件，或换一个标题")]
        ) from None
    return path


def _place(config: Config, target: str, problems: list[Problem]) -> tuple[Column, Section] | None:
    parts = [p for p in target.strip().removeprefix("content/").split("/") if p]
    field = "<column>/<section>"
    if len(parts) != 2:
        choices = [f"{c.id}/{s.id}（{s.title}）" for c in config.columns.values() for s in c.sections]
        problems.append(Problem(WHERE, None, field, f"“{target}”应写成 <栏目>/<版块>", "可选：" + "、".join(choices)))
        return None
    column = config.columns.get(parts[0])
    if column is None:
        choices = [f"{c.id}（{c.short_title}）" for c in config.columns.values()]
        problems.append(Problem(WHERE, None, field, f"“{parts[0]}”不是已配置的专栏", "可选：" + "、".join(choices)))
        return None
    section = column.section(parts[1])
    if section is None:
        choices = [f"{column.id}/{s.id}（{s.title}）" for s in column.sections]
        problems.append(
            Problem(
                WHERE, None, field, f"“{parts[1]}”不是{column.short_title}专栏的版块", "可选：" + "、".join(choices)
            )
        )
        return None
    return column, section


def _edition(place: tuple[Column, Section] | None, edition: int | None, problems: list[Problem]) -> int | None:
    """The year of the chosen edition (the current one by default); it must have the section."""
    if place is None:
        return None
    column, section = place
    found = column.current if edition is None else column.edition(edition)
    if found is None:
        years = "、".join(str(e.year) for e in column.editions)
        problems.append(Problem(WHERE, None, "--edition", f"届次 {edition} 未在 config.yml 中配置", f"可选：{years}"))
        return None
    if all(s.id != section.id for s in found.sections):
        choices = "、".join(f"{column.id}/{s.id}（{s.title}）" for s in found.sections)
        problems.append(
            Problem(WHERE, None, "<column>/<section>", f"{found.year} 届没有“{section.id}”版块", f"可选：{choices}")
        )
        return None
    return found.year


def _kind(config: Config, kind: str | None, problems: list[Problem]) -> str | None:
    """A kind id, or its Chinese label (活动集锦 → gallery); None keeps the section's default."""
    if kind is None:
        return None
    labels = {rule.label: key for key, rule in config.rules.kinds.items()}
    found = kind if kind in KINDS else labels.get(kind)
    if found is None:
        choices = [f"{key}（{config.rules.kinds[key].label}）" for key in KINDS]
        problems.append(Problem(WHERE, None, "--kind", f"“{kind}”不是有效的稿件类型", "可选：" + "、".join(choices)))
    return found


def file_stem(unit: str, title: str) -> str:
    """`太原市教育局-启动仪式`: 单位+主题, as the notice names submissions, without characters file systems refuse.

    >>> file_stem("太原市教育局", "启动仪式：一技在手/一生无忧?")
    '太原市教育局-启动仪式：一技在手-一生无忧？'
    """
    text = "-".join(part for part in (_clean(unit), _clean(title)) if part)
    while len(text.encode()) > _MAX_STEM_BYTES:
        text = text[:-1]
    return text.rstrip(" .-") or "article"


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_FILE_NAME)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return re.sub(r"\s+", "-", text).strip(" .-")  # a leading dot would hide the file


def _free_slug(project: Project, place: tuple[Column, Section], folder: Path, wanted: str) -> str:
    """The title's slug, shortened at a word, with -2, -3 … when another article of the section has it.

    The slugs come from the build index (brought up to date for files changed since), as intake's do;
    file stems and folder names count too, so the new file's media folder cannot meet another's."""
    from ..build import read_submissions

    column, section = place
    _, _, found = read_submissions(project)
    taken = {s.slug for s in found if s.column == column.id and s.section == section.id and s.slug}
    if folder.is_dir():
        taken |= {p.stem for p in folder.glob("*.md")} | {p.name for p in folder.iterdir() if p.is_dir()}
    return free_slug(wanted, taken)


def front_matter(
    config: Config,
    section: Section,
    title: str,
    unit: str,
    kind: str,
    chosen: str | None,
    slug: str,
    stem: str,
    now: datetime,
    edition: int | None = None,
) -> str:
    """The new file's text: a draft dated today, with the skeleton of the fields its kind requires."""
    rules = config.rules
    today = now.astimezone(config.timezone).date().isoformat()
    lines = [
        f"title: {quote_scalar(title)}",
        _c(f"date: {today}", f"发布时间，也可写成 {today} 17:30"),
        f"unit: {quote_scalar(unit)}",
        _c("status: draft", "draft 草稿 → submitted 报送 → approved 审核通过后发布"),
        *([_c(f"kind: {kind}", rules.kinds[kind].label)] if chosen and chosen != section.kind else []),
        f"slug: {slug}",
        *([_c(f"edition: {edition}", "所属届次：按发布时间归入其他届时才需要写")] if edition else []),
        "# summary: 列表和订阅中显示的摘要（可选；不写则取正文开头）",
        _c(f"# review: {{by: 宣传部, date: {today}}}", "内容审核：status 改为 approved 时必填"),
        _c("# reprint: true", "转载其他媒体的文章时填写，并注明来源 source"),
        "# source: 山西日报 2024年5月14日",
        *_KIND_BLOCKS.get(kind, _no_block)(config, stem),
    ]
    return compose_article(lines, f"<!-- 正文写在这里。{_body_rule(config, kind, stem)} -->\n")


def _c(code: str, comment: str) -> str:
    return f"{code}  # {comment}"


def _body_rule(config: Config, kind: str, stem: str) -> str:
    rules = config.rules
    limit = rules.kinds[kind].max_words
    words = f"{rules.kinds[kind].label}正文不超过 {limit} 字（按 Word 字数统计）。" if limit else ""
    if kind == "media":
        return words + "不得以截图形式报送：报道信息写在上面的 reports 中。"
    if kind == "gallery":
        return words + "图片列在上面的 images 中。"
    formats = "、".join("JPG" if f == "JPEG" else f for f in rules.inline_formats)
    return words + f"插图写成 ![图片说明]({stem}/图片.jpg)，{formats} 格式，每张小于 {mb(rules.inline_max_bytes)}。"


def _no_block(config: Config, stem: str) -> list[str]:
    return []


def _gallery(config: Config, stem: str) -> list[str]:
    g = config.rules
    limits = (
        f"至少 {g.gallery_min_images} 张；JPG 或 PNG，宽不低于 {g.gallery_min_width} 像素，"
        f"每张 {mb(g.gallery_min_bytes)}–{mb(g.gallery_max_bytes)}"
    )
    return [
        _c("images:", limits),
        f"  - src: {quote_scalar(f'{stem}/photo-1.jpg')}",
        _c("    caption:", "每张图片的说明：时间、地点、人物、事件"),
        _c("      time:", "时间，例如 2024年5月13日上午"),
        _c("      place:", "地点，例如 晋中职教港"),
        _c("      people:", "人物，例如 全省职业院校师生代表"),
        _c("      event:", "事件，例如 职业教育活动周启动仪式"),
    ]


def _media(config: Config, stem: str) -> list[str]:
    return [
        _c("reports:", "每条写明媒体名称、发布时间、简要内容和网址；不得报送截图"),
        _c("  - outlet:", "媒体名称，例如 山西日报"),
        _c("    date:", "发布时间，例如 2024-05-14"),
        _c("    title:", "报道标题"),
        _c("    summary:", "简要内容"),
        _c("    url:", "报道网址，以 https:// 开头"),
    ]


def _video(config: Config, stem: str) -> list[str]:
    v = config.rules
    formats = "、".join(f.upper() for f in v.video_formats)
    limits = (
        f"{formats}，不超过 {duration_text(v.video_max_seconds)}，画面 {v.video_aspect[0]}:{v.video_aspect[1]}；"
        "外部视频把 src 换成 url: https://…"
    )
    return [
        _c("video:", limits),
        f"  src: {quote_scalar(f'{stem}/video.mp4')}",
        _c(f"  poster: {quote_scalar(f'{stem}/poster.jpg')}", "封面图，JPG 或 PNG"),
    ]


def _notice(config: Config, stem: str) -> list[str]:
    formats = "、".join(config.rules.attachment_formats)
    return [
        _c("doc_number:", "文号，例如 晋教职成函〔2024〕31号（可选）"),
        _c("attachments:", f"附件：{formats}；没有附件时删除这三行"),
        f"  - src: {quote_scalar(f'{stem}/通知全文.pdf')}",
        "    title: 通知全文",
    ]


_KIND_BLOCKS = {"gallery": _gallery, "media": _media, "video": _video, "notice": _notice}
