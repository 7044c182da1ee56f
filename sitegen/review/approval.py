"""`build.py approve` and `reject`: check the items, then set their status in place (see decide.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from ..build import Project, check_content
from ..core import Problem, ProblemsFound, errors_of, frozen
from .decide import DecisionError, Edit, decide, read_text, reason_record, review_record, write_text


@frozen
class Decided:
    rel: str
    before: str  # the status it had
    changed: bool  # False when it already had this decision
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


def approve(project: Project, paths: Sequence[Path], by: str, day: date, now: datetime) -> list[Decided]:
    """Approve every item or none: an item that `check` rejects is refused with its problems (ProblemsFound)."""
    by = by.strip()
    if not by:
        raise DecisionError("--by：请填写审核部门，例如 --by 宣传部")
    targets = [_target(project, p) for p in paths]
    edits: list[tuple[Path, str, Edit]] = []
    for full, rel in targets:
        edit = decide(read_text(full, rel), rel, "approved", review_record(by, day))
        if edit.before in ("draft", "rejected"):
            label = "草稿（draft）尚未报送" if edit.before == "draft" else "已退回（rejected）"
            raise DecisionError(f"{rel}：{label}，不能直接审核；请单位修改后把 status 改为 submitted，再审核")
        edits.append((full, rel, edit))
    checked = check_content(project, now, skip_invalid=True)
    rels = {rel for _, rel, _ in edits}
    problems = [p for p in checked.problems if p.path in rels]
    if errors_of(problems):
        raise ProblemsFound(problems)
    read = {a.rel for a in checked.read}
    missing = sorted(rels - read)
    if missing:  # read cleanly is a precondition of the rules; without problems this cannot happen
        raise DecisionError(f"{missing[0]}：无法读取稿件字段，请先运行 build.py check")
    done = []
    for full, rel, edit in edits:
        if edit.before != "approved":
            write_text(full, edit.text)
        warned = tuple(p for p in problems if p.path == rel)
        done.append(Decided(rel, edit.before, edit.before != "approved", warned))
    return done


def reject(project: Project, path: Path, reason: str) -> Decided:
    """Set `status: rejected` and `reject_reason`, which the adoption report can show the unit."""
    reason = reason.strip()
    if not reason:
        raise DecisionError("--reason：请写明退稿理由，例如 --reason “图片说明缺少地点”")
    full, rel = _target(project, path)
    text = read_text(full, rel)
    edit = decide(text, rel, "rejected", reason_record(reason))
    if edit.text != text:
        write_text(full, edit.text)
    return Decided(rel, edit.before, edit.text != text)
