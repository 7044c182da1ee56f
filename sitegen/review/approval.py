"""`build.py approve` and `reject`: check the items, then set their status in place (see decide.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from ..build import Project, check_content
from ..config import Column, Config, load_config
from ..content import FrontMatterError, split_front
from ..core import Problem, ProblemsFound, errors_of, frozen
from .decide import (
    DecisionError,
    Edit,
    approve_text,
    levels_of,
    next_level,
    read_text,
    recorded,
    reject_text,
    write_text,
)


@frozen
class Decided:
    rel: str
    before: str  # the status it had
    changed: bool  # False when it already had this decision
    after: str = ""  # the status it has now: submitted while review levels remain
    level: str = ""  # the review level recorded, "" in a one-level column
    warnings: tuple[Problem, ...] = ()  # what `check` notes but does not block on (SPEC 4.2)


def _target(project: Project, path: Path) -> tuple[Path, str]:
    full = path if path.is_absolute() else Path.cwd() / path
    full = Path(*full.parts).resolve()
    content = project.content.resolve()
    if not full.is_relative_to(content) or full.suffix != ".md" or len(full.relative_to(content).parts) != 3:
        raise DecisionError(f"{path}：不是 content/<栏目>/<版块>/ 下的稿件（.md 文件）")
    if not full.is_file():
        raise DecisionError(f"{path}：文件不存在")
    return full, "content/" + full.relative_to(content).as_posix()


def _column(config: Config, rel: str) -> Column:
    column = config.columns.get(rel.split("/")[1])
    if column is None:
        raise DecisionError(f"{rel}：“{rel.split('/')[1]}”不是已配置的专栏")
    return column


def approve(
    project: Project, paths: Sequence[Path], by: str, day: date, now: datetime, level: str | None = None
) -> list[Decided]:
    """Record the next review level of every item or of none (SPEC 13): an item that `check` rejects is
    refused with its problems (ProblemsFound); the last level sets `status: approved`."""
    by = by.strip()
    if not by:
        raise DecisionError("--by：请填写审核部门，例如 --by 宣传部")
    level = level.strip() if level is not None else None
    config = load_config(project.config)
    targets = [_target(project, p) for p in paths]
    edits: list[tuple[Path, str, Edit, str]] = []
    for full, rel in targets:
        text = read_text(full, rel)
        edit = approve_text(text, rel, _column(config, rel), level, by, day)
        edits.append((full, rel, edit, text))
    checked = check_content(project, now, skip_invalid=True)
    rels = {rel for _, rel, _, _ in edits}
    problems = [p for p in checked.problems if p.path in rels]
    if errors_of(problems):
        raise ProblemsFound(problems)
    read = {a.rel for a in checked.read}
    missing = sorted(rels - read)
    if missing:  # read cleanly is a precondition of the rules; without problems this cannot happen
        raise DecisionError(f"{missing[0]}：无法读取稿件字段，请先运行 build.py check")
    done = []
    for full, rel, edit, text in edits:
        changed = edit.text != text
        if changed:
            write_text(full, edit.text)
        warned = tuple(p for p in problems if p.path == rel)
        done.append(Decided(rel, edit.before, changed, edit.after, edit.level, warned))
    return done


def reject(project: Project, path: Path, reason: str, by: str | None, day: date, level: str | None = None) -> Decided:
    """Set `status: rejected`, `reject_reason`, which the adoption report can show the unit, and who
    rejected it at which level (`rejection`); the level is the one the item waits for unless named."""
    reason, by = reason.strip(), (by or "").strip()
    if not reason:
        raise DecisionError("--reason：请写明退稿理由，例如 --reason “图片说明缺少地点”")
    full, rel = _target(project, path)
    column = _column(load_config(project.config), rel)
    named = [n for n in levels_of(column) if n]
    if not by and named:  # with one level `reject FILE --reason …` (SPEC 5) is enough; a level names its reviewer
        raise DecisionError("--by：本专栏分级审核，请填写退稿的审核部门，例如 --by 宣传部")
    text = read_text(full, rel)
    if level is not None and level.strip() not in named:
        choices = "、".join(named)
        raise DecisionError(
            f"--level：“{level.strip()}”不是{column.short_title}专栏的审核级别，可选：{choices}"
            if named
            else f"--level：{column.short_title}专栏只有一级审核，不用写 --level"
        )
    if level is None and named:
        try:
            front = split_front(text, rel).data
        except FrontMatterError as e:
            raise DecisionError(str(e)) from e
        level = next_level(column, recorded(front)) or named[-1]
    edit = reject_text(text, rel, reason, by, (level or "").strip(), day)
    if edit.text != text:
        write_text(full, edit.text)
    return Decided(rel, edit.before, edit.text != text, "rejected", edit.level)
