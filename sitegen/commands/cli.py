"""Command line: build, check, new, serve. Exit codes: 0 ok, 1 content or config errors, 2 usage errors."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ..config import load_config
from ..core import SEGMENTER_CACHE, ProblemsFound, SiteError, UsageError, format_json, format_text, now_in, pinned
from . import accepting, importing, reporting
from .progress import terminal_progress

if TYPE_CHECKING:
    from ..build import Project


def _now(project: Project, text: str | None) -> datetime:
    """--now or SITEGEN_NOW pins the clock, for reproducible builds and previews of a given day; a time
    without a zone is in config.timezone. A malformed time is a usage error before anything is read."""
    moment = pinned(text)
    return now_in(load_config(project.config).timezone, moment)


def _usage_error(message: str) -> int:
    print(f"build.py: {message}", file=sys.stderr)
    return 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="build.py", description="山西省活动周专栏生成器：校验稿件，生成两个专栏网站与飘窗。")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    b = sub.add_parser("build", help="check all content and build output/ (atomically)")
    b.add_argument("--now", help="build as of this time, e.g. 2024-05-14T09:00 (default: now)")
    b.add_argument(
        "--skip-invalid",
        action="store_true",
        help="emergency mode: publish every valid article and list the ones left out",
    )
    b.add_argument("--timings", action="store_true", help="print how long each step took")
    b.add_argument("--no-wait", action="store_true", help="stop instead of waiting when another build is running")

    c = sub.add_parser("check", help="validate all content without writing output/")
    c.add_argument("--now", help="check as of this time (default: now)")
    c.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    c.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings (提示) too, not only on errors")

    n = sub.add_parser("new", help="scaffold a new article with the right front matter")
    n.add_argument("target", metavar="<column>/<section>", help="e.g. vocational/highlights")
    n.add_argument("title", metavar="<标题>")
    n.add_argument("--unit", required=True, metavar="<单位>", help="a unit registered in content/units.yml")
    n.add_argument("--kind", help="submission kind; the section's default otherwise")
    n.add_argument(
        "--edition", type=int, metavar="YEAR", help="the edition (year) it belongs to; the current one otherwise"
    )

    reporting.add_parser(sub)

    s = sub.add_parser("serve", help="dev server with live reload on http://127.0.0.1:8000")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--preview", action="store_true", help="review preview: drafts and submitted items, marked")
    from .reviewing import add_parsers

    add_parsers(sub)
    importing.add_parser(sub)
    accepting.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    from ..build import Project

    project = Project(args.root.resolve())
    # jieba's dictionary cache goes to the project's .cache/ (workers inherit it), not the system temp folder.
    previous = os.environ.get(SEGMENTER_CACHE)
    os.environ[SEGMENTER_CACHE] = str(project.root / ".cache")
    try:
        return _COMMANDS[args.command](project, args)
    except ProblemsFound as e:
        if getattr(args, "format", "text") == "json":
            print(format_json(e.problems))
        else:
            print(format_text(e.problems), file=sys.stderr)
            if args.command == "build":
                print("未生成网站：output/ 保持上一次成功生成的内容不变。", file=sys.stderr)
        return 1
    except UsageError as e:
        return _usage_error(str(e))
    except SiteError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    except OSError as e:  # a disk that is full or a folder that may not be written: the system's words suffice
        where = f"{e.filename}：" if e.filename else ""
        print(f"错误：{where}{e.strerror or e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断：output/ 保持不变。", file=sys.stderr)
        return 130
    finally:
        if previous is None:
            os.environ.pop(SEGMENTER_CACHE, None)
        else:
            os.environ[SEGMENTER_CACHE] = previous


def _build(project: Project, args: argparse.Namespace) -> int:
    from ..build import Timings, build

    progress = terminal_progress()
    timings = Timings(report=progress)
    try:
        built = build(
            project, _now(project, args.now), skip_invalid=args.skip_invalid, timings=timings, wait=not args.no_wait
        )
    finally:
        if progress is not None:
            progress.close()
    published = sum(built.published.values())
    warnings = len(built.problems) if not built.skipped else 0
    if warnings:  # published all the same (SPEC 4.2); check lists them
        print(f"另有 {warnings} 条提示，不影响发布；运行 build.py check 查看。", file=sys.stderr)
    if built.skipped:
        print(format_text(built.problems), file=sys.stderr)
        print(f"紧急模式：以下 {len(built.skipped)} 个文件有问题，未发布：", file=sys.stderr)
        for path in built.skipped:
            print(f"  {path}", file=sys.stderr)
    total = sum(seconds for _, seconds in timings.steps)
    columns = ", ".join(built.published)
    if built.unchanged:
        print(f"没有文件变化，output/ 已是最新：{published} 篇文章（{columns}），用时 {total:.2f} 秒")
    else:
        print(f"已生成 {published} 篇文章（{columns}）→ output/，用时 {total:.2f} 秒")
    if args.timings:
        for name, seconds in timings.steps:
            print(f"  {name:<10} {seconds:7.3f} s")
        if not built.unchanged:
            shown = "、".join(built.rendered[:5]) + ("……" if len(built.rendered) > 5 else "")
            print(f"  重新生成 {len(built.rendered)} 个页面{'：' + shown if shown else ''}")
            if built.reason:
                print(f"  原因：{built.reason}")
    return 0


def _check(project: Project, args: argparse.Namespace) -> int:
    from ..build import check_content

    checked = check_content(project, _now(project, args.now))
    count = len(checked.articles)
    warnings = checked.problems  # errors raised ProblemsFound: what is left never blocks a build
    if args.format == "json":
        print(format_json(warnings))
    elif warnings:
        print(format_text(warnings))
        verdict = "未通过（--strict）" if args.strict else "通过"
        print(f"检查{verdict}：{count} 篇已报送或已审核的稿件没有错误，以上提示不影响审核和发布，未写入 output/。")
    else:
        print(f"检查通过：{count} 篇已报送或已审核的稿件均符合报送要求，未写入 output/。")
    return 1 if warnings and args.strict else 0


def _new(project: Project, args: argparse.Namespace) -> int:
    from .scaffold import new_article

    path = new_article(
        project, args.target, args.title, args.unit, args.kind, _now(project, None), edition=args.edition
    )
    shown = path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else path
    print(f"已创建 {shown}（草稿）")
    print(f"图片、视频和附件放在同名文件夹 {path.stem}/ 里；写好后把 status 改为 submitted，再运行 build.py check。")
    return 0


def _serve(project: Project, args: argparse.Namespace) -> int:
    if args.preview:
        from .preview import serve_preview

        serve_preview(project, args.host, args.port)
        return 0
    from .serve import serve

    serve(project, args.host, args.port)
    return 0


def _approve(project: Project, args: argparse.Namespace) -> int:
    from .reviewing import run_approve

    return run_approve(project, args, _now(project, None))


def _reject(project: Project, args: argparse.Namespace) -> int:
    from .reviewing import run_reject

    return run_reject(project, args, _now(project, None))


def _report(project: Project, args: argparse.Namespace) -> int:
    return reporting.run(project, args, _now(project, args.now))


_COMMANDS = {
    "build": _build,
    "check": _check,
    "new": _new,
    "serve": _serve,
    "approve": _approve,
    "reject": _reject,
    "report": _report,
    "import": importing.run,
    "accept": accepting.run,
}
