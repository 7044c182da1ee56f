"""`approve` and `reject`: the status and review lines of an article, edited in place and nothing else.

The front matter is edited as text, never re-dumped: comments, key order, quoting, spacing, CRLF line
endings, a BOM and the body stay byte for byte. `line_of` finds the status line; its value is replaced
where it stands, and the review record (or the reason of a rejection) is added right under it.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from ..core import SiteError, YamlSyntaxError, frozen, line_of, parse, write_atomic

_BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
# `status: submitted   # comment`: key, optional quote, the value, the same quote, the rest of the line.
_STATUS = re.compile(r"^(?P<head>\s*status\s*:[ \t]*)(?P<q>[\"']?)(?P<value>[a-z]+)(?P=q)(?P<tail>[ \t]*(?:#.*)?)$")
_ONE_LINE_KEY = r"^(?P<indent>[ \t]*){key}[ \t]*:[ \t]*(?P<value>\S.*)$"


class DecisionError(SiteError):
    """The file cannot be edited safely; it was left as it was."""


@frozen
class Edit:
    """What a decision changes in a file: the new text, and the status it had before."""

    text: str
    before: str


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def _front_bounds(lines: list[str], rel: str) -> int:
    """Index of the closing --- line; line 0 is the opening one."""
    if not lines or lines[0].rstrip("\r\n") != "---":
        raise DecisionError(f"{rel}：缺少 front matter（第一行须是 ---）")
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") == "---":
            return index
    raise DecisionError(f"{rel}：front matter 没有结束（缺少单独一行 ---）")


def _scalar(value: str) -> str:
    """A YAML scalar for `value` inside a flow mapping: plain where YAML reads it back unchanged, else quoted."""
    try:
        if parse(f"k: {{v: {value}}}") == {"k": {"v": value}} and value.strip() == value:
            return value
    except YamlSyntaxError:
        pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def decide(text: str, rel: str, status: str, record: tuple[str, str]) -> Edit:
    """The file text with `status` set and the one-line field `record` (key, YAML value) added or replaced.

    Raises DecisionError when the status line or an existing record is not a plain one-line field.
    """
    bom = _BOM if text.startswith(_BOM) else ""
    lines = _lines(text.removeprefix(_BOM))
    end = _front_bounds(lines, rel)
    front = "".join(lines[1:end])
    normalized = front.replace("\r\n", "\n").replace("\r", "\n")
    found = line_of(normalized, ["status"])
    if found is None:
        raise DecisionError(f"{rel}：front matter 中没有 status 字段，请先写上 status: submitted")
    index = found  # line 1 of the front matter is lines[1]
    line = lines[index]
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    match = _STATUS.match(body)
    if match is None:
        raise DecisionError(f"{rel}:{index + 1}: status 不是单独一行的“status: 值”，请手工修改")
    before = match["value"]
    lines[index] = f"{match['head']}{match['q']}{status}{match['q']}{match['tail']}{ending}"  # a --- line follows
    key, value = record
    indent = body[: len(body) - len(body.lstrip(" \t"))]
    new_line = f"{indent}{key}: {value}"
    existing = line_of(normalized, [key])
    if existing is not None:
        old = lines[existing].rstrip("\r\n")
        if re.match(_ONE_LINE_KEY.format(key=re.escape(key)), old) is None or _continues(lines, existing, end):
            raise DecisionError(f"{rel}:{existing + 1}: 已有 {key} 字段且不是单独一行，请手工修改")
        lines[existing] = new_line + _comment(old) + lines[existing][len(old) :]
    else:
        lines.insert(index + 1, new_line + ending)
    return Edit(bom + "".join(lines), before)


def _comment(line: str) -> str:
    """The trailing comment of a one-line field (with the spaces before it), kept when the field is replaced."""
    for match in re.finditer(r"[ \t]+#", line):
        try:
            parse(line[: match.start()])
        except YamlSyntaxError:
            continue
        return line[match.start() :]
    return ""


def _continues(lines: list[str], index: int, end: int) -> bool:
    """Whether the field on `lines[index]` goes on over the next lines (a block value, indented deeper)."""
    indent = len(lines[index]) - len(lines[index].lstrip(" \t"))
    following = lines[index + 1] if index + 1 < end else ""
    stripped = following.strip()
    return bool(stripped) and not stripped.startswith("#") and len(following) - len(following.lstrip(" \t")) > indent


def review_record(by: str, day: date) -> tuple[str, str]:
    return ("review", f"{{by: {_scalar(by)}, date: {day.isoformat()}}}")


def reason_record(reason: str) -> tuple[str, str]:
    return ("reject_reason", json.dumps(reason, ensure_ascii=False))


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
