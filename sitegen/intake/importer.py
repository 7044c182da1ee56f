"""Intake, the flow: each submission gathered and composed in a staging folder inside content/, then moved in.

The media folder moves first and the article file last, each with one rename: until the .md file
appears no build sees the submission, and a failure before it removes the folder again. The staging
folder is deleted whatever happens, so a failed import leaves no trace.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import KINDS, Column, Config, Section, load_config
from ..content import Registry, display, load_units
from ..core import Problem, ProblemsFound, frozen
from .archive import Limits
from .article import Request, Staged, compose
from .duplicates import Copies
from .errors import Refused
from .gather import Parcel, gather

if TYPE_CHECKING:
    from ..build import Project

WHERE = "build.py import"


@frozen
class Outcome:
    """What became of one PATH: the article written, or why it was refused."""

    shown: str
    article: str | None = None  # content/<column>/<section>/<slug>.md
    title: str = ""
    unit: str = ""
    refused: Refused | None = None
    unused: tuple[str, ...] = ()  # files the article does not use
    notes: tuple[str, ...] = ()  # what the editor should know: where fields came from, a possible duplicate
    left_out: tuple[tuple[str, str], ...] = ()  # sent but not imported: (what, why and what to do); exit 1


@dataclass
class _Batch:
    config: Config
    registry: Registry
    column: Column
    section: Section
    project: Project
    # From the build index, once a submission gets as far as needing them (`indexed`): a refused one
    # leaves even the cache as it was.
    known: tuple[dict[str, str], set[str]] | None = None
    copies: Copies | None = None  # what the drafts already under content/ hold, read when first needed

    def keys(self) -> tuple[dict[str, str], set[str]]:
        """intake_id → the article that holds it, and the URL segments the section's articles take."""
        if self.known is None:
            self.known = indexed(self.project, self.column.id, self.section.id)
        return self.known


def parse_target(config: Config, target: str) -> tuple[Column, Section]:
    """`vocational/highlights` → its column and section, or a usage problem listing the choices."""
    parts = [p for p in target.strip().removeprefix("content/").split("/") if p]
    column = config.columns.get(parts[0]) if len(parts) == 2 else None
    section = column.section(parts[1]) if column is not None else None
    if column is None or section is None:
        choices = [f"{c.id}/{s.id}（{s.title}）" for c in config.columns.values() for s in c.sections]
        raise ProblemsFound(
            [Problem(WHERE, None, "--to", f"“{target}”不是已配置的版块", "可选：" + "、".join(choices))]
        )
    return column, section


def import_submissions(
    project: Project,
    paths: Sequence[Path],
    target: str,
    *,
    unit: str | None = None,
    kind: str | None = None,
    received: datetime | None = None,
    limits: Limits | None = None,
    edition: int | None = None,
    progress: Callable[[int, int, Outcome], None] | None = None,
    shown: Callable[[Path], str] = str,
) -> list[Outcome]:
    """Import every PATH as one submitted draft. Usage errors raise ProblemsFound; refusals are outcomes."""
    config = load_config(project.config)
    registry, problems = load_units(config, project.content / "units.yml")
    if problems:
        raise ProblemsFound(problems)
    column, section = parse_target(config, target)
    usage: list[Problem] = []
    labels = {rule.label: key for key, rule in config.rules.kinds.items()}
    if kind is not None:
        kind = kind if kind in KINDS else labels.get(kind, kind)
        if kind not in KINDS:
            choices = [f"{key}（{config.rules.kinds[key].label}）" for key in KINDS]
            usage.append(Problem(WHERE, None, "--kind", f"“{kind}”不是有效的稿件类型", "可选：" + "、".join(choices)))
    if unit is not None and registry.find(unit) is None:
        close = registry.closest(unit)
        hint = ("是不是：" + "、".join(close)) if close else "请先在 content/units.yml 中登记该单位"
        usage.append(Problem(WHERE, None, "--unit", f"单位“{unit}”未在 content/units.yml 中登记", hint))
    if edition is not None and column.edition(edition) is None:
        years = "、".join(str(e.year) for e in column.editions)
        usage.append(Problem(WHERE, None, "--edition", f"届次 {edition} 未在 config.yml 中配置", f"可选：{years}"))
    if not project.content.is_dir():
        usage.append(Problem(WHERE, None, "", "找不到 content/ 目录", "请在项目目录中运行，或用 --root 指定"))
    if usage:
        raise ProblemsFound(usage)
    sweep(project.content)
    batch = _Batch(config, registry, column, section, project)
    request = Request(column, section, unit, kind, received, limits or Limits(), edition)
    paths = submissions(paths)
    outcomes = []
    for index, path in enumerate(paths):
        for outcome in _import_path(project, batch, request, path, shown(path)):
            outcomes.append(outcome)
            if progress is not None:
                progress(index + 1, len(paths), outcome)
    return outcomes


def submissions(paths: Sequence[Path]) -> list[Path]:
    """Each PATH is one submission, except a folder of saved e-mails: each of its .eml files is one."""
    out: list[Path] = []
    for path in paths:
        mails = sorted({*path.glob("*.eml"), *path.glob("*.EML")}) if path.is_dir() else []
        out.extend(mails or [path])
    return out


def sweep(content: Path, older_than: float = 6 * 3600) -> None:
    """Remove staging folders an interrupted import left (killed, or the machine stopped) hours ago."""
    now = time.time()
    for folder in content.glob(".intake-*"):
        try:
            if folder.is_dir() and now - folder.stat().st_mtime > older_than:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _import_path(project: Project, batch: _Batch, request: Request, path: Path, shown: str) -> list[Outcome]:
    """One PATH: one submission, or one per message an e-mail forwards, each imported or refused on its own."""
    scratch = Path(tempfile.mkdtemp(prefix=".intake-", dir=project.content))
    try:
        incoming = scratch / "in"
        incoming.mkdir()
        try:
            parcels = gather(path, shown, incoming, request.limits, request.received, batch.config.timezone)
        except Refused as e:
            return [Outcome(shown, refused=e)]
        except OSError as e:
            return [Outcome(shown, refused=_io_refusal(e))]
        return [_import_one(project, batch, request, parcel, scratch / f"out-{n}") for n, parcel in enumerate(parcels)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _import_one(project: Project, batch: _Batch, request: Request, parcel: Parcel, staging: Path) -> Outcome:
    content = project.content
    shown = parcel.shown
    try:
        staging.mkdir()
        ids, slugs = batch.keys()
        if parcel.ident in ids:
            raise Refused(
                f"这份稿件已导入过：{ids[parcel.ident]}",
                "同一封邮件不重复导入；确需重新导入时，先删除该文章及其同名文件夹",
            )
        folder = content / batch.column.id / batch.section.id
        staged = compose(parcel, request, batch.config, batch.registry, taken_slugs(folder, slugs), staging)
        if batch.copies is None:
            batch.copies = Copies.of(content)
        same = batch.copies.same(staged.markdown, staged.media)
        if same is not None and same.whole:
            raise Refused(
                f"这份稿件与已导入的 {same.article} 内容相同（{same.what}）",
                "重复发送的稿件不再导入；确需重新导入时，先删除该文章及其同名文件夹",
            )
        article = _commit(staged, folder)
        rel = display(article, content)
        ids[parcel.ident] = rel
        slugs.add(staged.slug)
        batch.copies.add(rel, article, folder / staged.slug)
        notes = staged.notes
        if same is not None:
            notes = (*notes, f"可能与已导入的 {same.article} 重复（{same.what}），请核对")
        return Outcome(
            shown, rel, staged.title, staged.unit, unused=staged.unused, notes=notes, left_out=staged.left_out
        )
    except Refused as e:
        return Outcome(shown, refused=e, left_out=e.left_out or parcel.left_out)
    except OSError as e:
        return Outcome(shown, refused=_io_refusal(e))


def _io_refusal(e: OSError) -> Refused:
    return Refused(f"读写文件失败：{e.strerror or e}", "检查磁盘空间和文件权限后重试")


def _commit(staged: Staged, folder: Path) -> Path:
    article = folder / f"{staged.slug}.md"
    media = folder / staged.slug
    folder.mkdir(parents=True, exist_ok=True)
    if article.exists() or media.exists():
        raise Refused(f"{article.name} 已存在，未覆盖", "请重试：导入会换一个文件名")
    if staged.media is not None:
        staged.media.rename(media)
    try:
        staged.markdown.rename(article)
    except BaseException:  # Ctrl-C too: a media folder without its article must not stay behind
        if staged.media is not None:
            shutil.rmtree(media, ignore_errors=True)
        raise
    return article


def taken_slugs(folder: Path, slugs: set[str]) -> set[str]:
    """File stems, folder names and the articles' slugs (`indexed`) of the section: a new article must
    not reach one's URL, nor its media folder one's name."""
    if not folder.is_dir():
        return set(slugs)
    return slugs | {p.stem for p in folder.glob("*.md")} | {p.name for p in folder.iterdir() if p.is_dir()}


def indexed(project: Project, column: str, section: str) -> tuple[dict[str, str], set[str]]:
    """From the build index (brought up to date for files changed since): the intake_id of every article,
    to refuse importing the same e-mail twice, and the slugs the section's articles take."""
    from ..build import read_submissions

    _, _, found = read_submissions(project)
    ids: dict[str, str] = {}
    for item in sorted(found, key=lambda s: s.rel):
        if item.intake_id:
            ids.setdefault(item.intake_id, item.rel)
    return ids, {s.slug for s in found if s.column == column and s.section == section and s.slug}


def remaining_problems(project: Project, articles: Sequence[str], now: datetime) -> list[Problem]:
    """What `check` says about the new drafts: an incomplete submission is imported, its problems listed."""
    from ..build import check_content

    wanted = set(articles)
    if not wanted:
        return []
    try:
        checked = check_content(project, now, skip_invalid=True)
    except ProblemsFound as e:  # units.yml or config.yml itself is wrong
        return list(e.problems)
    return [p for p in checked.problems if p.path in wanted]
