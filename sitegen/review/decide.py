"""`approve` and `reject`: which review level comes next, and the lines of the article that record it.

The file is edited through the front-matter module (content.frontmatter), which keeps every other byte.
A column may review in levels (config `review_levels: [初审, 终审]`, SPEC 13): each approval records the
next level in `review`, a list of `{level, by, date}`, and only the last one sets `status: approved`;
before that the item stays `submitted`, so the build never publishes a half-reviewed item. With one level
`review` stays today's `{by: …, date: …}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..config import Column
from ..content import FrontMatterError, put_field, quote_scalar, replace_value, split_front
from ..core import SiteError, frozen, write_atomic


class DecisionError(SiteError):
    """The file cannot be edited safely, or the decision is not the next one; it was left as it was."""


@frozen
class Edit:
    """What a decision changes in a file: the new text, the status it had before and has after."""

    text: str
    before: str
    after: str
    level: str = ""  # the level recorded, "" in a one-level column


@frozen
class Recorded:
    level: str
    by: str
    day: str


def _status(text: str, rel: str, status: str) -> tuple[str, str]:
    try:
        found = replace_value(text, rel, "status", status)
    except FrontMatterError as e:
        raise DecisionError(str(e)) from e
    if found is None:
        raise DecisionError(f"{rel}：front matter 中没有 status 字段，请先写上 status: submitted")
    return found


def _put(text: str, rel: str, key: str, value: str) -> str:
    try:
        return put_field(text, rel, key, value, after="status")
    except FrontMatterError as e:
        raise DecisionError(str(e)) from e


def recorded(front: object) -> tuple[Recorded, ...]:
    """The review records a front matter holds: a list of `{level, by, date}`, or one `{by, date}`."""
    value = front.get("review") if isinstance(front, dict) else None
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    return tuple(
        Recorded(str(item.get("level") or ""), str(item.get("by") or ""), str(item.get("date") or ""))
        for item in items
        if isinstance(item, dict)
    )


def levels_of(column: Column) -> tuple[str, ...]:
    """The column's review levels; one unnamed level when config names none."""
    return column.review_levels or ("",)


def next_level(column: Column, done: Sequence[Recorded]) -> str | None:
    """The level an item waits for, given its records in order; None once every level is recorded.

    Records that do not match the column's levels in order (a one-level `{by, date}` in a column that
    has since named levels) count for nothing, and the review starts again at the first level."""
    levels = levels_of(column)
    names = [r.level for r in done]
    if len(names) <= len(levels) and names == list(levels[: len(names)]):
        return levels[len(names)] if len(names) < len(levels) else None
    return levels[0]


def approve_text(text: str, rel: str, column: Column, level: str | None, by: str, day: date) -> Edit:
    """The file text with the next review level recorded by `by`, and `status: approved` after the last.

    `level` None is allowed in a one-level column only. Raises DecisionError, in Chinese, for a level the
    column lacks, a skipped or repeated level, a reviewer who recorded another level where config says
    one person may not, and a file that cannot be edited safely."""
    try:
        front = split_front(text, rel).data
    except FrontMatterError as e:
        raise DecisionError(str(e)) from e
    levels = levels_of(column)
    named = [n for n in levels if n]
    if level is not None and level not in named:
        choices = "、".join(named)
        raise DecisionError(
            f"--level：“{level}”不是{column.short_title}专栏的审核级别，可选：{choices}"
            if named
            else f"--level：{column.short_title}专栏只有一级审核，不用写 --level"
        )
    if level is None and named:
        raise DecisionError(
            f"--level：{column.short_title}专栏分 {len(named)} 级审核（{'、'.join(named)}），"
            f"请用 --level 写明本次是哪一级，例如 --level {named[0]}"
        )
    status = front.get("status") if isinstance(front, dict) else None
    if status in ("draft", "rejected"):
        label = "草稿（draft）尚未报送" if status == "draft" else "已退回（rejected）"
        raise DecisionError(f"{rel}：{label}，不能直接审核；请单位修改后把 status 改为 submitted，再审核")
    # With one level a submitted item's record is a stale one (approved before, then sent again): replaced.
    # With levels it is the item's progress: a resubmitted item keeps the levels it passed.
    done = recorded(front) if named or status == "approved" else ()
    waiting = next_level(column, done)
    # Approved at every level, or by a single {by, date} from before the column named levels: done.
    if status == "approved" and (waiting is None or not any(r.level for r in done)):
        return Edit(text, "approved", "approved", level or "")
    wanted = level or ""
    if waiting is None or (wanted != waiting and wanted in [r.level for r in done]):
        raise DecisionError(f"{rel}：{wanted}已记录（{_who(done, wanted)}），不能重复审核")
    if wanted != waiting:
        raise DecisionError(f"{rel}：尚未{waiting}，不能跳级直接{wanted}；请先 --level {waiting}")
    kept = [r for r in done if r.level] if named else []
    if column.review_distinct and any(r.by == by for r in kept):
        first = next(r for r in kept if r.by == by)
        raise DecisionError(
            f"{rel}：{by} 已做过{first.level}，按 config.yml 的 review_distinct，同一人不能审核两级；"
            f"请由另一部门或另一人做{wanted}"
        )
    last = wanted == levels[-1]
    text, before = _status(text, rel, "approved" if last else "submitted")
    if named:
        records = [*kept, Recorded(wanted, by, day.isoformat())]
        value = "[" + ", ".join(_flow(r) for r in records) + "]"
    else:
        value = f"{{by: {quote_scalar(by)}, date: {day.isoformat()}}}"
    return Edit(_put(text, rel, "review", value), before, "approved" if last else "submitted", wanted)


def _who(done: Sequence[Recorded], level: str) -> str:
    found = next((r for r in done if r.level == level), None)
    return f"{found.by} {found.day}" if found else ""


def _flow(record: Recorded) -> str:
    return f"{{level: {quote_scalar(record.level)}, by: {quote_scalar(record.by)}, date: {record.day}}}"


def reject_text(text: str, rel: str, reason: str, by: str, level: str, day: date) -> Edit:
    """The file text with `status: rejected`, the reason the unit will see and, when named, who rejected it
    (and at which level), each on its own line under the status."""
    text, before = _status(text, rel, "rejected")
    if level:
        text = _put(
            text, rel, "rejection", f"{{level: {quote_scalar(level)}, by: {quote_scalar(by)}, date: {day.isoformat()}}}"
        )
    elif by:
        text = _put(text, rel, "rejection", f"{{by: {quote_scalar(by)}, date: {day.isoformat()}}}")
    return Edit(_put(text, rel, "reject_reason", quote_scalar(reason)), before, "rejected", level)


def read_text(path: Path, rel: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DecisionError(f"{rel}：无法读取文件：{e.strerror}") from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DecisionError(f"{rel}：文件不是 UTF-8 编码，请先用 build.py check 查看并修正") from e


def write_text(path: Path, text: str) -> None:
    """Replace the file in one rename, keeping its permissions: a crash leaves the old file or the new one."""
    write_atomic(path, text.encode("utf-8"), mode=path.stat().st_mode & 0o7777)
