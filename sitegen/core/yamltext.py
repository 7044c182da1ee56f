"""YAML parsing with the C loader, and line numbers for any field path on demand."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

import yaml

if TYPE_CHECKING:  # the stubs describe the pure-Python loader; the C one has the same interface
    _Base = yaml.SafeLoader
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C loader, several times faster


class _Loader(_Base):
    """Leaves timestamps as text: fields.py parses dates itself and reports a bad one (2024-02-30) by name."""

    # PyYAML reads the resolvers from the class; its stubs declare them per instance (misc: ClassVar override).
    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {  # type: ignore[misc]
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


FieldPath = Sequence[str | int]


class YamlSyntaxError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def parse(text: str) -> object:
    """Parse one YAML document; syntax errors carry a 1-based line number."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - CSafeLoader is the safe loader
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        return _raise(e, line)
    except (yaml.YAMLError, ValueError, TypeError) as e:
        return _raise(e, None)


def _raise(e: Exception, line: int | None) -> object:
    problem = getattr(e, "problem", None) or str(e)
    raise YamlSyntaxError(_explain(str(problem)), line) from e


_EXPLANATIONS = {
    "mapping values are not allowed here": "这里不能出现冒号：值里含有“: ”时请整体加引号",
    "mapping values are not allowed in this context": "这里不能出现冒号：值里含有“: ”时请整体加引号",
    "found character '\\t' that cannot start any token": "YAML 不允许用 Tab 缩进，请改用空格",
    "could not find expected ':'": "缺少冒号，应写成“字段: 值”",
    "did not find expected key": "缩进不一致或缺少冒号",
    "found undefined alias": "使用了未定义的 * 别名",
    "expected ',' or ']', but got": "方括号列表未正确闭合",
    "expected ',' or '}', but got": "花括号未正确闭合",
    "found unexpected end of stream": "引号或括号未闭合",
    "found duplicate anchor": "重复的 & 锚点",
}


def _explain(problem: str) -> str:
    for key, chinese in _EXPLANATIONS.items():
        if problem.startswith(key):
            return f"YAML 格式错误：{chinese}"
    return f"YAML 格式错误：{problem}"


@lru_cache(maxsize=256)
def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def line_of(text: str, path: FieldPath) -> int | None:
    """1-based line of the field at `path` (keys and list indexes) in `text`, or of its nearest parent.

    For a mapping key the key's own line is given: that is the line an editor looks for.
    """
    node = _compose(text)
    line = None
    for step in path:
        found = _child(node, step) if node is not None else None
        if found is None:
            break
        line, node = found
    return line


def _child(node: yaml.Node, step: str | int) -> tuple[int, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                return key.start_mark.line + 1, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        item = node.value[step]
        return item.start_mark.line + 1, item
    return None
