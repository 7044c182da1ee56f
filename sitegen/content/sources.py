"""Stage 2, sources: find article files under content/ and split them into front matter and body."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..config import Config
from ..core import Problem, decode_text, frozen
from .frontmatter import FrontMatterError, split_front


@frozen
class Source:
    """One article file as read from disk, before any typing."""

    # The absolute path of the .md file, as text: a build holds every article's, and at 30,000 articles the
    # Path objects were 8 MB, and 0.3 s to read back with the analyses.
    path: str
    rel: str  # what editors see in messages: content/<column>/<section>/<file>.md
    column: str  # from the folder
    section: str  # from the folder
    stem: str
    front_text: str  # the YAML between the --- lines
    front: object  # parsed YAML (a mapping when well-formed)
    body: str
    body_line: int  # 1-based line number of the first body line
    digest: str  # sha256 of the file bytes


def find_article_files(content: Path) -> tuple[list[Path], list[Problem]]:
    """Every .md under content/, in a stable order; misplaced files are problems."""
    files: list[Path] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames.sort()
        depth = len(Path(dirpath).relative_to(content).parts)
        for name in sorted(filenames):
            if not name.endswith(".md") or name.startswith("."):
                continue
            path = Path(dirpath, name)
            if depth == 2:
                files.append(path)
            elif name.lower() != "readme.md":
                problems.append(
                    Problem(
                        display(path, content), None, "", "文章位置不对", "文章须放在 content/<栏目>/<版块>/ 目录下"
                    )
                )
    return files, problems


def display(path: Path, content: Path) -> str:
    return str(Path("content") / path.relative_to(content)).replace(os.sep, "/")


def read_source(config: Config, content: Path, path: Path, problems: list[Problem]) -> Source | None:
    rel = display(path, content)
    column_id, section_id = path.relative_to(content).parts[:2]
    column = config.columns.get(column_id)
    if column is None:
        problems.append(Problem(rel, None, "", f"“{column_id}”不是已配置的专栏", "可选：" + "、".join(config.columns)))
        return None
    if column.section(section_id) is None:
        problems.append(
            Problem(
                rel,
                None,
                "",
                f"“{section_id}”不是{column.short_title}专栏的版块",
                "可选：" + "、".join(f"{s.id}（{s.title}）" for s in column.sections),
            )
        )
        return None
    try:
        data = path.read_bytes()
    except OSError as e:
        problems.append(Problem(rel, None, "", f"无法读取文件：{e.strerror}"))
        return None
    return split_source(path, rel, column_id, section_id, data, problems)


def split_source(
    path: Path, rel: str, column: str, section: str, data: bytes, problems: list[Problem]
) -> Source | None:
    digest = hashlib.sha256(data).hexdigest()
    text = decode_text(data, rel)
    if isinstance(text, Problem):
        problems.append(text)
        return None
    try:
        front = split_front(text, rel)
    except FrontMatterError as e:
        problems.append(e.problem)
        return None
    return Source(
        str(path), rel, column, section, path.stem, front.text, front.data, front.body, front.body_line, digest
    )
