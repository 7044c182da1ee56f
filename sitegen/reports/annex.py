"""Annexes 2 and 3 of 晋教职成函〔2024〕30号: their headers, word for word, and their rows as plain values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..config import Config
from ..content import Registry, Unit
from ..core import frozen
from .media import MediaCount

# 附件2 2024年职业教育活动周各市、校情况统计表
ANNEX2_TITLE = "{year}年职业教育活动周各市、校情况统计表"
ANNEX2_HEADERS = (
    "序号",
    "市/高职/省属中职",
    "参与活动的职业学校数",
    "参与活动的职业学校教师数",
    "参与活动的职业学校学生数",
    "参与活动的职业院校学生参与覆盖率",
    "参与活动的企业数",
    "参与总人数",
    "中央媒体对活动报道总数",
    "省级以上媒体对活动报道总数（不含中央媒体报道）",
    "媒体报道总数",
    "观摩体验活动项目数",
    "全民美拍活动人数",
    "媒体探校活动总数",
    "活动周总结",
)
ANNEX2_NOTE = "注：“参与活动的职业学校数”和“活动周总结”市教育局填数字，高职和省属中职填“1”，并将活动周总结一并报送。"
ANNEX2_RATE = 5  # the coverage rate: a percentage, at most 100 %
ANNEX2_MEDIA = (8, 9, 10)  # filled from content, not from the forms
ANNEX2_FORM = (2, 3, 4, 5, 6, 7, 11, 12, 13, 14)  # what only the units know
ANNEX2_ROW_TYPES = ("city-bureau", "higher-vocational", "secondary-provincial")  # 市/高职/省属中职
ANNEX2_ORDER = "按市教育局、高职、省属中职分组，组内按所在市、单位名称排序"

# 附件3 2024年全民终身学习活动开展情况汇总表 (one form per city, laid out downwards)
ANNEX3_TITLE = "{year}年全民终身学习活动开展情况汇总表"
ANNEX3_STAMP = "市级教育行政部门（盖章）："
ANNEX3_CONTACT = ("联系人及职务", "联系方式")
ANNEX3_COUNTIES = "县级行政区数"
ANNEX3_ACTIVITIES = ("举办全民终身学习活动周", "开展常规性和特色亮点活动")
ANNEX3_LEVELS = ("市级行政区", "县级行政区")
ANNEX3_MEASURES = ("开展活动行政区数", "活动次数", "参加人次")
ANNEX3_FIGURES = len(ANNEX3_LEVELS) * len(ANNEX3_MEASURES) * len(ANNEX3_ACTIVITIES)  # level, measure, activity


@frozen
class Annex2Figures:
    """What one unit's returned form says; None where it left a cell empty. Indexed like ANNEX2_HEADERS."""

    values: Mapping[int, float | int | None]


@frozen
class Annex3Figures:
    contact: str
    phone: str
    counties: int | None
    values: tuple[int | None, ...]  # ANNEX3_FIGURES figures: level, then measure, then activity


def annex2_owner(unit: Unit, registry: Registry, provincial_units: Sequence[str]) -> Unit | None:
    """The Annex 2 row an item of this unit is counted in: its own, or its city bureau's; none for the
    provincial units that are not rows."""
    if unit.type in ANNEX2_ROW_TYPES:
        return unit
    if unit.name in provincial_units:
        return None
    return next((u for u in registry.units.values() if u.type == "city-bureau" and u.city == unit.city), None)


def annex2_units(config: Config, registry: Registry) -> tuple[Unit, ...]:
    """The notice's groups (市/高职/省属中职: city bureaus, higher-vocational, provincial secondary schools),
    each by city as in config.yml, then by name (ANNEX2_ORDER says so on the sheet)."""
    cities = {c.name: i for i, c in enumerate(config.cities)}
    units = [u for u in registry.units.values() if u.type in ANNEX2_ROW_TYPES]
    return tuple(sorted(units, key=lambda u: (ANNEX2_ROW_TYPES.index(u.type), cities.get(u.city, len(cities)), u.name)))


Cell = str | int | float | None


NOT_RETURNED = "未报送"
RETURNED = "已报送"


def annex2_rows(
    units: Sequence[Unit], figures: Mapping[str, Annex2Figures], media: Mapping[str, MediaCount]
) -> tuple[tuple[Cell, ...], ...]:
    """One row per unit in the notice's columns, then whether its form came back (已报送 / 未报送). The media
    columns come from content, for every unit; the rest from its form, empty when none came back."""
    rows: list[tuple[Cell, ...]] = []
    for number, unit in enumerate(units, 1):
        found = figures.get(unit.name)
        count = media.get(unit.name, MediaCount())
        row: list[Cell] = [number, unit.name]
        for column in range(2, len(ANNEX2_HEADERS)):
            if column in ANNEX2_MEDIA:
                row.append((count.central, count.provincial, count.total)[ANNEX2_MEDIA.index(column)])
            else:
                row.append(found.values.get(column) if found else None)
        rows.append((*row, RETURNED if found else NOT_RETURNED))
    return tuple(rows)


def annex3_rows(
    config: Config, registry: Registry, figures: Mapping[str, Annex3Figures]
) -> tuple[tuple[Cell, ...], ...]:
    """One row per city (its bureau's name where registered), then whether its form came back."""
    rows: list[tuple[Cell, ...]] = []
    for number, city in enumerate(config.cities, 1):
        bureau = next((u for u in registry.units.values() if u.type == "city-bureau" and u.city == city.name), None)
        name = bureau.name if bureau else city.name
        found = figures.get(name)
        values: tuple[Cell, ...] = found.values if found else (None,) * ANNEX3_FIGURES
        head: tuple[Cell, ...] = (found.contact, found.phone, found.counties) if found else ("", "", None)
        rows.append((number, name, *head, *values, RETURNED if found else NOT_RETURNED))
    return tuple(rows)
