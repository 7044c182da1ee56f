"""Stage 1, config: the `reports:` block of config.yml (quotas, cut-off, media levels) for `build.py report`."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import field
from datetime import time

from ..core import FieldPath, FieldReader, frozen

# The unit types of content/units.yml (SPEC 4.4); tests/reports checks the two lists agree.
UNIT_TYPE_IDS = (
    "city-bureau",
    "higher-vocational",
    "secondary-high-level",
    "secondary-provincial",
    "open-university",
    "other",
)


@frozen
class QuotaRule:
    """A minimum number of items a unit of these types sends: each day, or over the whole period."""

    types: tuple[str, ...]
    minimum: int
    daily: bool  # False: over the whole period (活动周内)
    # The columns whose items count toward it; empty: every column. The publicity notice (晋教职成函〔2024〕31号)
    # sets one quota per unit for the two weeks together, so the shipped rules name none.
    columns: tuple[str, ...] = ()

    def counts(self, column: str) -> bool:
        return not self.columns or column in self.columns

    @property
    def label(self) -> str:
        return f"每天≥{self.minimum}篇" if self.daily else f"活动周内≥{self.minimum}篇"


@frozen
class ReportSettings:
    cutoff: time = time(18, 0)  # an item received at or after it counts on the next day
    period_offset: int = 0  # the quota period starts this many days after the week's first day
    quotas: tuple[QuotaRule, ...] = ()
    city_bureau_includes: tuple[str, ...] = ()  # unit types whose items count for their city's bureau
    provincial_units: tuple[str, ...] = ()  # units of those types that no city bureau organises
    central: tuple[str, ...] = ()  # outlets (中央媒体), matched by the longest listed name they start with
    provincial: tuple[str, ...] = ()  # 省级以上（不含中央）
    annexes: Mapping[str, int] = field(default_factory=dict)  # column id -> 2 (附件2) or 3 (附件3)

    def rule_for(self, unit_type: str) -> QuotaRule | None:
        return next((q for q in self.quotas if unit_type in q.types), None)


_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def read_reports(r: FieldReader, value: object, columns: Collection[str]) -> ReportSettings:
    """The block is optional: without it, reports count submissions and adoption but set no quotas."""
    if value is None:
        return ReportSettings()
    p: list[str | int] = ["reports"]
    m = r.mapping(
        value,
        p,
        allowed={
            "cutoff",
            "period_offset",
            "quotas",
            "city_bureau_includes",
            "provincial_units",
            "media_levels",
            "annexes",
        },
    )
    cutoff = time(18, 0)
    raw = m.get("cutoff", "18:00")
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < 24 * 60:
        raw = f"{raw // 60}:{raw % 60:02d}"  # YAML reads an unquoted 18:00 as 1080 (base 60)
    match = _TIME.match(raw) if isinstance(raw, str) else None
    if match:
        cutoff = time(int(match[1]), int(match[2]))
    else:
        r.problem([*p, "cutoff"], f"“{raw}”不是有效的时刻", '写成带引号的 "18:00"')
    offset = r.integer(m.get("period_offset", 0), [*p, "period_offset"], minimum=0) or 0
    quotas = r.each(m.get("quotas"), [*p, "quotas"], lambda v, path: _quota(r, v, path, columns))
    seen: set[str] = set()
    for index, rule in enumerate(quotas):
        for t in rule.types:
            if t in seen:
                r.problem([*p, "quotas", index, "types"], f"单位类型 {t} 已有报送要求", "每种单位类型只能有一条要求")
            seen.add(t)
    includes = _types(r, m.get("city_bureau_includes"), [*p, "city_bureau_includes"])
    provincial_units = _names(r, m.get("provincial_units"), [*p, "provincial_units"])
    levels = r.mapping(m.get("media_levels", {}), [*p, "media_levels"], allowed={"central", "provincial"})
    central = _names(r, levels.get("central"), [*p, "media_levels", "central"])
    provincial = _names(r, levels.get("provincial"), [*p, "media_levels", "provincial"])
    for name in sorted(set(central) & set(provincial)):
        r.problem([*p, "media_levels", "provincial"], f"媒体“{name}”同时列为中央媒体和省级媒体", "只保留一处")
    annexes = {}
    for column, number in r.mapping(m.get("annexes", {}), [*p, "annexes"], allowed=columns).items():
        if number in (2, 3):
            annexes[str(column)] = int(str(number))
        else:
            r.problem(
                [*p, "annexes", str(column)],
                f"“{number}”不是有效的附件",
                "填 2（附件2，各市、校情况统计表）或 3（附件3，汇总表）",
            )
    return ReportSettings(cutoff, offset, quotas, includes, provincial_units, central, provincial, annexes)


def _quota(r: FieldReader, value: object, path: FieldPath, columns: Collection[str]) -> QuotaRule | None:
    m = r.mapping(value, path, allowed={"types", "daily", "weekly", "columns"}, required=("types",))
    types = _types(r, m.get("types"), [*path, "types"])
    counted = r.each(m.get("columns"), [*path, "columns"], lambda v, p: r.choice(v, p, tuple(columns)))
    if ("daily" in m) == ("weekly" in m):
        r.problem(
            path,
            "须填写 daily（每天至少篇数）或 weekly（活动周内至少篇数）之一",
            "例如 {types: [city-bureau], daily: 3}",
        )
        return None
    key = "daily" if "daily" in m else "weekly"
    minimum = r.integer(m.get(key), [*path, key], minimum=1)
    return QuotaRule(types, minimum, key == "daily", counted) if types and minimum else None


def _types(r: FieldReader, value: object, path: FieldPath) -> tuple[str, ...]:
    return r.each(value, path, lambda v, p: r.choice(v, p, UNIT_TYPE_IDS))


def _names(r: FieldReader, value: object, path: FieldPath) -> tuple[str, ...]:
    return r.each(value, path, lambda v, p: r.text_value(v, p, required=True))
