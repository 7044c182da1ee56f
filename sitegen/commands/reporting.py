"""`build.py report`: quotas, adoption and the statistics forms under reports/<column>/ (never output/)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from ..build import Project
from ..reports import make_reports


def add_parser(sub: Any) -> None:
    r = sub.add_parser("report", help="quotas, adoption and the Annex 2/3 workbooks under reports/<column>/")
    r.add_argument("--out", type=Path, default=None, help="folder to write to (default: reports/)")
    r.add_argument("--edition", type=int, default=None, metavar="YEAR", help="the year (default: the column's week)")
    r.add_argument("--now", help="count as of this time, e.g. 2024-05-16T12:00 (default: now)")
    r.add_argument("--forms", action="store_true", help="write the blank, pre-filled forms for units to return")


def run(project: Project, args: argparse.Namespace, now: datetime) -> int:
    out = args.out if args.out is not None else project.root / "reports"
    out = out if out.is_absolute() else Path.cwd() / out
    output = project.output.resolve()
    if out.resolve() == output or out.resolve().is_relative_to(output):
        print("build.py: --out 不能放在 output/ 里：报表不对外发布", file=sys.stderr)
        return 2
    written = make_reports(project, out, args.edition, now, forms_only=args.forms)
    what = "空白统计表" if args.forms else "报表"
    for column, count in written.items():
        folder = out / column / ("forms" if args.forms else "")
        shown = folder.relative_to(project.root) if folder.is_relative_to(project.root) else folder
        print(f"已写入 {column} {what} {count} 个文件 → {shown}")
    return 0
