"""Command `import`: e-mailed submissions to submitted drafts, one progress line each, then what remains to fix."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import load_config
from ..core import Problem, ProblemsFound, format_text

if TYPE_CHECKING:
    from ..build import Project
    from ..intake import Outcome

WHERE = "build.py import"


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    i = sub.add_parser("import", help="turn e-mailed submissions (.eml, .zip, .docx, folders) into submitted drafts")
    i.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=".eml, .zip, .docx, or a saved folder")
    i.add_argument("--to", required=True, metavar="<column>/<section>", help="e.g. vocational/highlights")
    i.add_argument("--unit", metavar="<单位>", help="the unit, when neither the subject nor the sender tells it")
    i.add_argument("--kind", help="submission kind; otherwise video for an MP4, else the section's default")
    i.add_argument("--received", metavar="TIME", help="arrival time for folders and files, e.g. 2024-05-14T17:42")
    i.add_argument(
        "--edition", metavar="YEAR", help="the edition (year) the drafts belong to; the current one otherwise"
    )


def run(project: Project, args: argparse.Namespace) -> int:
    # The intake package loads mammoth, python-docx and Pillow: only when the command runs.
    from ..intake import import_submissions, remaining_problems

    config = load_config(project.config)
    usage: list[Problem] = []
    received = None
    if args.received:
        try:
            received = datetime.fromisoformat(args.received.strip().replace(" ", "T", 1))
            received = received if received.tzinfo else received.replace(tzinfo=config.timezone)
        except ValueError:
            usage.append(
                Problem(WHERE, None, "--received", f"“{args.received}”不是有效的时间", "例如 2024-05-14T17:42")
            )
    if args.edition is not None and not re.fullmatch(r"\d{4}", args.edition.strip()):
        usage.append(Problem(WHERE, None, "--edition", f"“{args.edition}”不是年份", "写四位数字，例如 2024"))
    try:
        if usage:
            raise ProblemsFound(usage)
        outcomes = import_submissions(
            project,
            args.paths,
            args.to,
            unit=args.unit,
            kind=args.kind,
            received=received,
            edition=int(args.edition) if args.edition is not None and not usage else None,
            progress=_progress,
            shown=lambda p: _shown(p, project.root),
        )
    except ProblemsFound as e:
        print(format_text(e.problems), file=sys.stderr)
        # A wrong option is a usage error; a broken units.yml or config.yml is a content error.
        return 2 if all(p.path == WHERE for p in e.problems) else 1
    imported = [o.article for o in outcomes if o.article]
    refused = [o for o in outcomes if o.refused]
    partial = [o for o in outcomes if o.article and o.left_out]
    problems = remaining_problems(project, imported, datetime.now(config.timezone))
    if problems:
        print("\n导入的稿件还有以下问题需要处理（稿件已作为 submitted 保存，改好后运行 build.py check）：")
        print(format_text(problems))
    print(f"\n共 {len(outcomes)} 份：导入 {len(imported)} 份，未导入 {len(refused)} 份。")
    if partial:
        print(f"其中 {len(partial)} 份有附件未导入（见上），请联系报送单位补发。")
    if imported:
        print(
            "审核通过后，把 status 改为 approved 并填写 review"
            "（例如 review: {by: 宣传部, date: 2024-05-15}），再生成网站。"
        )
    return 1 if refused or partial else 0


def _progress(index: int, total: int, outcome: Outcome) -> None:
    width = len(str(total))
    head = f"[{index:>{width}}/{total}] {outcome.shown}"
    if outcome.refused is not None:
        print(f"{head}：未导入：{outcome.refused}", file=sys.stderr, flush=True)
    else:
        print(f"{head} → {outcome.article}（{outcome.unit}：{outcome.title}）", flush=True)
        for note in outcome.notes:
            print(f"    说明：{note}", flush=True)
        if outcome.unused:
            print(f"    未使用的附件：{'、'.join(outcome.unused)}", flush=True)
    for what, why in outcome.left_out:  # sent but not imported: the editor asks the unit for it again
        print(f"    未导入：{what}（{why}）", file=sys.stderr, flush=True)


def _shown(path: Path, root: Path) -> str:
    absolute = path.absolute()
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else str(path)
