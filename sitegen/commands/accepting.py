"""`build.py accept FILE --text "…"`: an editor keeps a flagged text on purpose (a quoted historical document,
a name that looks like an error); the text is added to the article's `accepted:` list, nothing else moves."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import SiteError, write_atomic

if TYPE_CHECKING:
    from ..build import Project


def add_parser(sub: Any) -> None:
    a = sub.add_parser("accept", help="keep a text the copy-editing checks flag, on purpose, in the article's accepted")
    a.add_argument("file", type=Path, metavar="FILE", help="an article under content/")
    a.add_argument("--text", required=True, help="the exact text check reports, e.g. 台湾政府")


def run(project: Project, args: argparse.Namespace) -> int:
    from ..content import add_entry  # the content package loads the Markdown converter: only when it runs

    full, rel = _article(project, args.file)
    wanted = args.text.strip()
    if not wanted:
        raise SiteError("--text：请写明要保留的原文，即 check 报告中引号内的文字")
    try:
        data = full.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SiteError(f"{rel}：无法读取文件，请先运行 build.py check") from e
    if wanted not in text.replace("\r\n", "\n"):
        raise SiteError(f"{rel}：稿件中没有“{wanted}”；请复制 check 报告中引号内的原文")
    edited = add_entry(text, rel, "accepted", wanted)
    if edited == text:
        print(f"{rel} 已接受过“{wanted}”，未改动")
        return 0
    write_atomic(full, edited.encode("utf-8"), mode=full.stat().st_mode & 0o7777)
    print(f"已在 {rel} 的 accepted 中记录“{wanted}”：检查不再报告这处文字，其他问题照常报告")
    return 0


def _article(project: Project, path: Path) -> tuple[Path, str]:
    full = (path if path.is_absolute() else Path.cwd() / path).resolve()
    content = project.content.resolve()
    if not full.is_relative_to(content) or full.suffix != ".md" or len(full.relative_to(content).parts) != 3:
        raise SiteError(f"{path}：不是 content/<栏目>/<版块>/ 下的稿件（.md 文件）")
    if not full.is_file():
        raise SiteError(f"{path}：文件不存在")
    return full, "content/" + full.relative_to(content).as_posix()
