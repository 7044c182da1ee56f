"""Stage 2, sources: the one owner of the article file's format, front matter between two --- lines.

It splits a file and parses its front matter with line numbers, edits fields in place line by line,
writes a new article and quotes a YAML scalar. An edit never re-dumps the YAML: comments, key order,
quoting, spacing, CRLF or CR line endings, a BOM and the body stay byte for byte, so an editor's diff
of an approval shows only the lines it meant to change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import yaml

from ..core import Problem, SiteError, YamlSyntaxError, frozen, line_of, parse

BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
# `key: value   # comment`: the key, an optional quote, the value, the same quote, the rest of the line.
_ONE_LINE = (
    r"^(?P<head>[ \t]*{key}[ \t]*:[ \t]*)(?P<q>[\"']?)(?P<value>[^\"'#\s][^\"'#]*?|)(?P=q)(?P<tail>[ \t]*(?:#.*)?)$"
)
_FIELD = r"^(?P<indent>[ \t]*){key}[ \t]*:[ \t]*(?P<value>\S.*)$"


class FrontMatterError(SiteError):
    """The file's front matter cannot be read or edited safely; an edit leaves the file as it was."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@frozen
class FrontMatter:
    """An article file split: the YAML between the --- lines, parsed, and the body after them."""

    text: str  # the YAML between the --- lines, line endings as LF
    data: object  # parsed YAML (a mapping when well-formed)
    body: str
    body_line: int  # 1-based line number of the first body line


def split_front(text: str, rel: str) -> FrontMatter:
    """Split and parse a file's text; a BOM and CRLF or CR line endings are read as if absent.

    Raises FrontMatterError naming the line: a file without front matter, one without its closing ---,
    a YAML syntax error (line numbers count from the file's first line)."""
    text = _normalized(text.removeprefix(BOM))
    if not text.startswith("---\n"):
        raise FrontMatterError(
            Problem(rel, 1, "", "缺少 front matter", "文件第一行须是 ---，其后是 title、date 等字段，再以一行 --- 结束")
        )
    end = _closing(text)
    if end is None:
        raise FrontMatterError(Problem(rel, 1, "", "front matter 没有结束", "字段之后须单独一行 --- ，再写正文"))
    front = text[4:end]
    body_start = text.index("\n", end + 1) + 1 if "\n" in text[end + 1 :] else len(text)
    try:
        data = parse(front)
    except YamlSyntaxError as e:
        # e.line counts within the front matter, whose first line is the file's second.
        raise FrontMatterError(
            Problem(rel, e.line + 1 if e.line else None, "", e.message, "检查该行的缩进、冒号和引号")
        ) from e
    return FrontMatter(front, data, text[body_start:], text[:body_start].count("\n") + 1)


def _normalized(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _closing(text: str) -> int | None:
    """Index of the closing --- line (the newline before it + 1)."""
    position = 3
    while True:
        found = text.find("\n---", position)
        if found < 0:
            return None
        after = found + 4
        if after == len(text) or text[after] == "\n":
            return found + 1
        position = after


def quote_scalar(value: str) -> str:
    """A YAML scalar for `value`: plain where it reads back unchanged, as a field's value and inside a flow
    list or mapping (`{by: …}`), else double-quoted. YAML 1.1 reads `yes`, `on`, `0123`, `1:30` and an
    empty value as other types, other YAML tools read 2024-05-14 as a date, and `#`, `: `, `- `, `*`,
    `&`, `!`, `%`, `@`, a backtick or a comma are syntax."""
    if value and value.strip() == value and "\n" not in value and "\r" not in value:
        try:
            # Our loader reads 2024-05-14 as text (yamltext); the stock one stands for the editor's tools.
            if (
                parse(f"k: {value}") == {"k": value}
                and parse(f"k: [{value}]") == {"k": [value]}
                and yaml.safe_load(f"k: {value}") == {"k": value}
            ):
                return value
        except (YamlSyntaxError, yaml.YAMLError):
            pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def compose_article(fields: Sequence[str], body: str) -> str:
    """A new article file: the front matter lines (already YAML, quoted with `quote`) and the body, LF."""
    return "---\n" + "".join(f"{line}\n" for line in fields) + "---\n" + body


@frozen
class _Doc:
    bom: str
    lines: tuple[str, ...]  # every line with its ending; lines[0] is the opening ---
    end: int  # index of the closing --- line
    front: str  # lines[1:end] with LF endings, for line_of and parse

    def text(self, lines: Sequence[str]) -> str:
        return self.bom + "".join(lines)

    def line(self, key: str) -> int | None:
        """Index in `lines` of a top-level key (line 1 of the front matter is lines[1])."""
        return line_of(self.front, [key])

    def ending(self, index: int) -> str:
        line = self.lines[index]
        return line[len(line.rstrip("\r\n")) :] or "\n"

    def continues(self, index: int) -> bool:
        """Whether the field on `lines[index]` goes on over the next lines (a block value)."""
        return self.last(index) > index

    def last(self, index: int) -> int:
        """The last line of the top-level field on `lines[index]`: where YAML says its value ends, so
        comment lines inside a block list are part of it and those after it are not."""
        node = _compose(self.front)
        if not isinstance(node, yaml.MappingNode):
            return index
        for key, value in node.value:
            if key.start_mark.line + 1 == index:
                line: int = value.end_mark.line
                # A block value ends where the next token starts: the start of the following line.
                return max(index, line if value.end_mark.column == 0 else line + 1)
        return index


def _compose(front: str) -> yaml.Node | None:
    try:
        return yaml.compose(front, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _open(text: str, rel: str) -> _Doc:
    bom = BOM if text.startswith(BOM) else ""
    lines = _LINE.findall(text.removeprefix(BOM))
    if not lines or lines[0].rstrip("\r\n") != "---":
        raise FrontMatterError(Problem(rel, 1, "", "缺少 front matter", "第一行须是 ---"))
    for end in range(1, len(lines)):
        if lines[end].rstrip("\r\n") == "---":
            return _Doc(bom, tuple(lines), end, _normalized("".join(lines[1:end])))
    raise FrontMatterError(Problem(rel, 1, "", "front matter 没有结束", "缺少单独一行 ---"))


def replace_value(text: str, rel: str, key: str, value: str) -> tuple[str, str] | None:
    """The text with the one-line plain field `key` set to `value` where it stands (its quotes and comment
    kept), and the value it had; None when the front matter has no such field."""
    doc = _open(text, rel)
    index = doc.line(key)
    if index is None:
        return None
    line = doc.lines[index]
    body = line.rstrip("\r\n")
    match = re.match(_ONE_LINE.format(key=re.escape(key)), body)
    if match is None or doc.continues(index):
        raise FrontMatterError(Problem(rel, index + 1, key, f"不是单独一行的“{key}: 值”", "请手工修改"))
    lines = list(doc.lines)
    lines[index] = f"{match['head']}{match['q']}{value}{match['q']}{match['tail']}{line[len(body) :]}"
    return doc.text(lines), match["value"]


def put_field(text: str, rel: str, key: str, value: str, after: str) -> str:
    """The text with the one-line field `key: value` (`value` already YAML) replacing the field where it
    stands, its trailing comment kept, or else added right under the field `after`, at its indent."""
    doc = _open(text, rel)
    lines = list(doc.lines)
    existing = doc.line(key)
    if existing is not None:
        old = lines[existing].rstrip("\r\n")
        if re.match(_FIELD.format(key=re.escape(key)), old) is None or doc.continues(existing):
            raise FrontMatterError(Problem(rel, existing + 1, key, "已有该字段且不是单独一行", "请手工修改"))
        indent = _indent(old)
        lines[existing] = f"{indent}{key}: {value}{_comment(old)}{lines[existing][len(old) :]}"
        return doc.text(lines)
    anchor = doc.line(after)
    where = anchor if anchor is not None else doc.end - 1
    indent = _indent(lines[anchor]) if anchor is not None else ""
    if anchor is not None:
        where = doc.last(anchor)
    lines.insert(where + 1, f"{indent}{key}: {value}{doc.ending(where)}")
    return doc.text(lines)


def add_entry(text: str, rel: str, key: str, entry: str) -> str:
    """The text with `entry` added to the list field `key` (`accepted: [a, b]` or a block list), or with the
    field `key: [entry]` added at the end of the front matter; unchanged when the list holds it already."""
    doc = _open(text, rel)
    data = parse(doc.front)
    current = data.get(key) if isinstance(data, dict) else None
    if isinstance(current, list) and entry in current:
        return text
    lines = list(doc.lines)
    index = doc.line(key)
    item = quote_scalar(entry)
    if index is None:
        lines.insert(doc.end, f"{key}: [{item}]{doc.ending(doc.end - 1)}")
        return doc.text(lines)
    if current is not None and not isinstance(current, list):
        raise FrontMatterError(Problem(rel, index + 1, key, "应是一个列表", f"例如 {key}: [{item}]"))
    old = lines[index].rstrip("\r\n")
    if doc.continues(index):
        last = doc.last(index)
        first = next((line for line in lines[index + 1 : last + 1] if line.lstrip().startswith("-")), None)
        dash = first[: first.index("-") + 1] if first is not None else None
        if dash is None:
            raise FrontMatterError(Problem(rel, index + 1, key, "应是一个列表", f"例如 {key}: [{item}]"))
        lines.insert(last + 1, f"{dash} {item}{doc.ending(last)}")
        return doc.text(lines)
    comment = _comment(old)
    head = old[: len(old) - len(comment)].rstrip()
    if head.endswith("[]"):
        head = f"{head[:-1]}{item}]"
    elif head.endswith("]"):
        head = f"{head[:-1]}, {item}]"
    else:  # `accepted:` with nothing after it reads as null: the list starts here
        head = f"{head} [{item}]"
    lines[index] = head + comment + lines[index][len(old) :]
    return doc.text(lines)


def _comment(line: str) -> str:
    """The trailing comment of a one-line field (with the spaces before it), kept when the field is replaced."""
    for match in re.finditer(r"[ \t]+#", line):
        try:
            parse(line[: match.start()])
        except YamlSyntaxError:
            continue
        return line[match.start() :]
    return ""
