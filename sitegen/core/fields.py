"""Typed reading of YAML mappings that collects every problem instead of stopping at the first."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import TypeVar

from .problems import Problem
from .yamltext import FieldPath, line_of

T = TypeVar("T")

_TYPE_NAMES = {
    str: "文字",
    int: "整数",
    bool: "true 或 false",
    list: "列表",
    dict: "键值对（字段: 值）",
    float: "数字",
    date: "日期",
    datetime: "日期时间",
}


def type_name(value: object) -> str:
    if value is None:
        return "空值"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def dotted(path: FieldPath) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def suggest(name: str, choices: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"是不是想写 {close[0]}？" if close else ""


@dataclass
class FieldReader:
    """Reads fields of one YAML document; `problems` collects what is wrong, with lines."""

    display_path: str
    text: str
    line_offset: int = 0
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: FieldPath) -> int | None:
        found = line_of(self.text, path)
        return found + self.line_offset if found is not None else (self.line_offset or None)

    def problem(self, path: FieldPath, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.display_path, self.line(path), dotted(path), message, hint))

    # -- shapes ---------------------------------------------------------------

    def mapping(
        self, value: object, path: FieldPath, allowed: Collection[str] | None = None, required: Collection[str] = ()
    ) -> Mapping[str, object]:
        if not isinstance(value, Mapping):
            self.problem(path, f"应为键值对（字段: 值），实际是{type_name(value)}")
            return {}
        for key in value:
            if allowed is not None and str(key) not in allowed:
                hint = suggest(str(key), allowed) or "可用字段：" + "、".join(sorted(allowed))
                self.problem([*path, str(key)], "未知字段", hint)
        for key in required:
            if value.get(key) is None:
                self.problem(
                    [*path, key] if key in value else path,
                    f"缺少必填字段 {key}" if key not in value else "不能为空",
                    f"请填写 {key}",
                )
        return value

    def sequence(self, value: object, path: FieldPath) -> list[object]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"应为列表，实际是{type_name(value)}", "列表每项以“- ”开头，或写成 [甲, 乙]")
            return []
        return value

    # -- scalars ----------------------------------------------------------------

    def text_value(
        self, value: object, path: FieldPath, *, required: bool = False, max_chars: int | None = None
    ) -> str | None:
        if value is None or value == "":
            if required:
                self.problem(path, "不能为空", "请填写内容")
            return None
        if isinstance(value, (bool, dict, list)):
            self.problem(path, f"应为文字，实际是{type_name(value)}", "文字里含有冒号等特殊符号时请加引号")
            return None
        text = str(value).strip()
        if max_chars is not None and len(text) > max_chars:
            self.problem(path, f"共 {len(text)} 字，超过 {max_chars} 字上限", f"请删减 {len(text) - max_chars} 字")
        return text

    def integer(self, value: object, path: FieldPath, *, minimum: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"应为整数，实际是{type_name(value)}")
            return None
        if minimum is not None and value < minimum:
            self.problem(path, f"不能小于 {minimum}，实际是 {value}")
            return None
        return value

    def boolean(self, value: object, path: FieldPath, default: bool = False) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(path, f"应为 true 或 false，实际是“{value}”")
            return default
        return value

    def choice(self, value: object, path: FieldPath, choices: Collection[str], *, required: bool = True) -> str | None:
        if value is None:
            if required:
                self.problem(path, "不能为空", "可选值：" + "、".join(choices))
            return None
        if str(value) not in choices:
            hint = suggest(str(value), choices) or "可选值：" + "、".join(choices)
            self.problem(path, f"“{value}”不是有效的值", hint)
            return None
        return str(value)

    def day(self, value: object, path: FieldPath, *, required: bool = False) -> date | None:
        if value is None:
            if required:
                self.problem(path, "不能为空", "日期写成 2024-05-13")
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        parsed = _parse_datetime(str(value), None)
        if parsed is None or parsed.time() != time(0):
            self.problem(path, f"“{value}”不是有效日期", "日期写成 2024-05-13")
            return None
        return parsed.date()

    def moment(self, value: object, path: FieldPath, tz: tzinfo, *, required: bool = False) -> datetime | None:
        if value is None:
            if required:
                self.problem(path, "不能为空", "写成 2024-05-13 或 2024-05-13 17:30")
            return None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=tz)
        if isinstance(value, date):
            return datetime.combine(value, time(0), tz)
        parsed = _parse_datetime(str(value), tz)
        if parsed is None:
            self.problem(path, f"“{value}”不是有效的日期时间", "写成 2024-05-13 或 2024-05-13 17:30")
        return parsed

    def each(self, value: object, path: FieldPath, read: Callable[[object, FieldPath], T | None]) -> tuple[T, ...]:
        out = []
        for index, item in enumerate(self.sequence(value, path)):
            parsed = read(item, [*path, index])
            if parsed is not None:
                out.append(parsed)
        return tuple(out)


_DATETIME = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*"
    r"(Z|[+-]\d{2}:?\d{2})?\s*$"
)


def _parse_datetime(text: str, tz: tzinfo | None) -> datetime | None:
    match = _DATETIME.match(text)
    if not match:
        return None
    year, month, day_, hour, minute, second, offset = match.groups()
    try:
        base = datetime(int(year), int(month), int(day_), int(hour or 0), int(minute or 0), int(second or 0))
        if offset:
            return datetime.fromisoformat(base.isoformat() + (offset if offset != "Z" else "+00:00"))
    except ValueError:
        return None
    return base.replace(tzinfo=tz) if tz else base
