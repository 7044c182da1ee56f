"""Stage 4: 稿件采用情况, how many received items of each unit were adopted, rejected or are pending, and
each unit's compliance: how many of its items had warnings, and which kinds.

One query for the public /adoption/ page and for `build.py report`, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from ..config import Config
from ..content import Article, Registry, Submission
from ..core import Problem, frozen

UNREGISTERED = "未登记单位"


def percent(part: int, whole: int) -> str:
    """`66.7%`: one decimal, rounded half up (Excel's way), "—" when there is nothing to divide."""
    if whole == 0:
        return "—"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value}%"


@frozen
class Tally:
    received: int = 0  # 报送: every received item
    adopted: int = 0  # 采用: approved and published
    rejected: int = 0  # 退稿
    pending: int = 0  # 待审: submitted, or approved and waiting for its publish_at

    @property
    def rate(self) -> str:
        return percent(self.adopted, self.received)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.received + other.received,
            self.adopted + other.adopted,
            self.rejected + other.rejected,
            self.pending + other.pending,
        )


@frozen
class AdoptionRow:
    name: str  # a unit, a city, or 合计
    type_label: str
    city: str
    tally: Tally


@frozen
class Adoption:
    units: tuple[AdoptionRow, ...]  # every unit that submitted, by city, type and name
    cities: tuple[AdoptionRow, ...]  # every city with a submission, in config order
    total: Tally


def adoption(config: Config, registry: Registry, items: Iterable[Submission], now: datetime) -> Adoption:
    """Counts items with a receipt time that are not drafts; `items` are those of one column and edition."""
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        if item.counted and item.received is not None:
            bucket = "rejected" if item.status == "rejected" else "adopted" if item.is_published(now) else "pending"
            counts[item.unit, bucket] = counts.get((item.unit, bucket), 0) + 1
    by_unit: dict[str, Tally] = {}
    for (written, bucket), n in counts.items():
        unit = registry.find(written)
        name = unit.name if unit else written
        adopted, rejected, pending = (n * (bucket == b) for b in ("adopted", "rejected", "pending"))
        by_unit[name] = by_unit.get(name, Tally()) + Tally(n, adopted, rejected, pending)
    order = {c.name: i for i, c in enumerate(config.cities)}
    rows = []
    for name, tally in by_unit.items():
        unit = registry.units.get(name)
        city = unit.city if unit else ""
        rows.append(AdoptionRow(name, unit.type_label if unit else UNREGISTERED, city, tally))
    rows.sort(key=lambda row: (order.get(row.city, len(order)), row.type_label, row.name))
    cities: dict[str, Tally] = {}
    for row in rows:
        if row.city:
            cities[row.city] = cities.get(row.city, Tally()) + row.tally
    city_rows = tuple(AdoptionRow(city, "", city, tally) for city, tally in cities.items())
    total = sum((row.tally for row in rows), Tally())
    return Adoption(tuple(rows), city_rows, total)


# What a unit's feedback calls each rule's finding (反馈公示): short, for a table cell.
RULE_LABELS: Mapping[str, str] = {
    "body_length": "字数超限",
    "title_length": "标题过长",
    "inline_image_bytes": "插图大小",
    "figure_image_bytes": "插图大小",
    "gallery_image_width": "图片宽度",
    "gallery_image_bytes": "图片大小",
    "gallery_captions": "图片说明",
    "media_no_images": "报道截图",
    "video_duration": "视频时长",
    "video_aspect": "视频比例",
    "video_captions": "视频字幕",
    "punctuation": "标点",
    "numbers": "数字用法",
    "mobile_number": "手机号码",
    "serious_expression": "严重表述",
    "id_number": "身份证号码",
}


@frozen
class Compliance:
    """How one unit's checked items met Annex 2 and the copy-editing rules, for its feedback."""

    unit: str
    items: int  # items checked
    warned: int  # items with at least one warning
    kinds: tuple[tuple[str, int], ...]  # (label, items with such a warning), most frequent first

    @property
    def kinds_text(self) -> str:
        return "、".join(f"{label} {n} 篇" for label, n in self.kinds) or "—"


def compliance(items: Iterable[tuple[str, Iterable[Problem]]]) -> tuple[Compliance, ...]:
    """Per unit, from (unit, the item's problems) pairs: items with warnings and which kinds, by unit name.
    An item counts once per kind however many times it breaks it."""
    totals: dict[str, int] = {}
    warned: dict[str, int] = {}
    kinds: dict[str, dict[str, int]] = {}
    for unit, problems in items:
        totals[unit] = totals.get(unit, 0) + 1
        labels = {RULE_LABELS.get(p.rule, p.rule or "其他") for p in problems if not p.is_error}
        if labels:
            warned[unit] = warned.get(unit, 0) + 1
        counted = kinds.setdefault(unit, {})
        for label in labels:
            counted[label] = counted.get(label, 0) + 1
    return tuple(
        Compliance(
            unit,
            totals[unit],
            warned.get(unit, 0),
            tuple(sorted(kinds[unit].items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        for unit in sorted(totals)
    )


def unit_compliance(
    registry: Registry, articles: Iterable[Article], problems: Iterable[Problem]
) -> tuple[Compliance, ...]:
    """`compliance` of checked articles (a build's `checked.articles` or `.read`) and their problems, each
    unit under its registered name, for the adoption report and a unit's feedback."""
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        found.setdefault(problem.path, []).append(problem)
    pairs = []
    for article in articles:
        unit = registry.find(article.unit)
        pairs.append((unit.name if unit else article.unit, found.get(article.rel, [])))
    return compliance(pairs)
