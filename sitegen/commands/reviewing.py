"""`build.py approve FILE... --by 部门 [--level 初审] [--date]` and `reject FILE --reason … --by 部门`: the
review decision, in place; a column with review levels (三审) records one level per approval."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..build import Project
from ..core import ProblemsFound, format_text


def add_parsers(sub: Any) -> None:
    a = sub.add_parser("approve", help="set status: approved and the review record; refuse items check rejects")
    a.add_argument("files", nargs="+", type=Path, metavar="FILE", help="articles under content/")
    a.add_argument("--by", required=True, metavar="部门", help="who reviewed the content, e.g. 宣传部")
    a.add_argument("--level", metavar="级别", help="the review level recorded, e.g. 初审 (columns with review_levels)")
    a.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="date of the review (default: today)")
    r = sub.add_parser("reject", help="set status: rejected, the reason the unit will see and who rejected it")
    r.add_argument("file", type=Path, metavar="FILE", help="an article under content/")
    r.add_argument("--reason", required=True, help="why it was not adopted, in Chinese")
    r.add_argument(
        "--by", metavar="部门", help="who rejected it, e.g. 宣传部 (required where a column has review levels)"
    )
    r.add_argument("--level", metavar="级别", help="the review level (default: the one the item waits for)")
    r.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="date of the decision (default: today)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效的日期，例如 2024-05-13") from None


def run_approve(project: Project, args: argparse.Namespace, now: datetime) -> int:
    from ..review import approve  # the review package loads css-inline: only when the command runs

    day = args.date or now.date()  # `now` is the one clock's, in config.timezone
    try:
        done = approve(project, args.files, args.by, day, now, args.level)
    except ProblemsFound as e:
        print(format_text(e.problems), file=sys.stderr)
        print("未审核：以上稿件未通过检查，所有文件均未改动。", file=sys.stderr)
        return 1
    for item in done:
        level = f"{item.level}：" if item.level else ""
        if not item.changed:
            print(f"{item.rel} 已是 approved，未改动")
        elif item.after == "approved":
            print(f"已审核 {item.rel}（{item.before} → approved，review: {level}{args.by} {day.isoformat()}）")
        else:  # a level before the last: recorded, not yet published
            print(f"已记录{item.level} {item.rel}（{args.by} {day.isoformat()}；仍为 submitted，待下一级审核后发布）")
    warnings = [w for item in done for w in item.warnings]
    if warnings:  # listed, never blocking: the unit hears of them in its feedback
        print(format_text(warnings))
    return 0


def run_reject(project: Project, args: argparse.Namespace, now: datetime) -> int:
    from ..review import reject  # the review package loads css-inline: only when the command runs

    item = reject(project, args.file, args.reason, args.by, args.date or now.date(), args.level)
    if item.changed:
        at = f"{item.level}，" if item.level else ""
        who = f"{args.by.strip()}，" if args.by else ""
        print(f"已退回 {item.rel}（{item.before} → rejected，{at}{who}理由：{args.reason.strip()}）")
    else:
        print(f"{item.rel} 已是 rejected，理由相同，未改动")
    return 0
