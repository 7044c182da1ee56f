"""The statistics forms units return (content/stats/<edition>/*.xlsx), read cell by cell with openpyxl."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..content import Registry
from ..core import Problem, frozen
from .annex import (
    ANNEX2_FORM,
    ANNEX2_HEADERS,
    ANNEX2_RATE,
    ANNEX3_FIGURES,
    ANNEX3_STAMP,
    Annex2Figures,
    Annex3Figures,
)


@dataclass
class Forms:
    annex2: dict[str, Annex2Figures] = field(default_factory=dict)  # by unit name
    annex3: dict[str, Annex3Figures] = field(default_factory=dict)  # by city bureau name
    problems: list[Problem] = field(default_factory=list)
    origin: dict[tuple[int, str], str] = field(default_factory=dict)  # (annex, unit) -> the file that gave it


@frozen
class _Sheet:
    file: str  # content/stats/2024/x.xlsx
    ws: Worksheet
    problems: list[Problem]

    def problem(self, row: int, column: int, message: str, hint: str = "", header: str = "") -> None:
        letter = get_column_letter(column)
        where = f"第 {row} 行 {letter} 列" + (f"（{header}）" if header else "")
        self.problems.append(
            Problem(self.file, None, f"工作表“{self.ws.title}” {letter}{row}", f"{where}：{message}", hint)
        )

    def text(self, row: int, column: int) -> str:
        value = self.ws.cell(row, column).value
        return "" if value is None else str(value).strip()

    def count(self, row: int, column: int, header: str) -> int | None:
        """A whole number ≥ 0, or None for an empty cell."""
        value = self.ws.cell(row, column).value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number = _number(value)
        if number is None:
            self.problem(row, column, f"应填数字，填的是“{value}”", "只填阿拉伯数字，不要加单位或文字", header)
            return None
        if number < 0:
            self.problem(row, column, f"不能是负数，填的是 {_shown(number)}", "", header)
            return None
        if number != int(number):
            self.problem(row, column, f"应为整数，填的是 {_shown(number)}", "", header)
            return None
        return int(number)

    def rate(self, row: int, column: int, header: str) -> float | None:
        """A percentage 0–100: 85 %, 0.85 in a cell formatted as a percentage, or the text 85%."""
        cell = self.ws.cell(row, column)
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str) and value.strip().endswith(("%", "％")):
            number = _number(value.strip()[:-1])
        else:
            number = _number(value)
            if number is not None and "%" in (cell.number_format or ""):
                number *= 100
        if number is None:
            self.problem(row, column, f"应填百分比，填的是“{value}”", "例如 85%", header)
            return None
        if number < 0:
            self.problem(row, column, f"不能是负数，填的是 {_shown(number)}%", "", header)
            return None
        if number > 100:
            self.problem(row, column, f"覆盖率不能超过 100%，填的是 {_shown(number)}%", "请核对学生参与人数", header)
            return None
        return round(number, 4)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip().replace(",", ""))
    except ValueError:
        return None


def _shown(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def read_forms(folder: Path, shown: str, registry: Registry) -> Forms:
    """Every .xlsx in `folder`; `shown` is how messages name the folder (content/stats/2024)."""
    forms = Forms()
    if not folder.is_dir():
        return forms
    for path in sorted(folder.glob("*.xlsx")):
        if path.name.startswith(("~$", ".")):
            continue  # Excel's lock file of an open workbook
        _read_one(path, f"{shown}/{path.name}", registry, forms)
    return forms


def _read_one(path: Path, file: str, registry: Registry, forms: Forms) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style" and the like, from workbooks WPS wrote
            book = load_workbook(path, data_only=True, read_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as e:
        forms.problems.append(
            Problem(file, None, "", f"无法读取：不是有效的 xlsx 文件（{e}）", "请用 Excel 或 WPS 另存为 .xlsx")
        )
        return
    ws = book.worksheets[0]
    sheet = _Sheet(file, ws, forms.problems)
    title = sheet.text(1, 1)
    if "各市、校情况统计表" in title:
        _annex2(sheet, registry, forms)
    elif "全民终身学习活动开展情况汇总表" in title:
        _annex3(sheet, registry, forms)
    else:
        sheet.problem(1, 1, f"不是附件2或附件3的表格：标题是“{title}”", "请用 build.py report --forms 生成的表格填写")


def _claim(sheet: _Sheet, forms: Forms, annex: int, name: str, row: int, column: int) -> bool:
    if (annex, name) in forms.origin:
        sheet.problem(row, column, f"“{name}”已在 {forms.origin[annex, name]} 中填报", "每个单位只填报一次")
        return False
    forms.origin[annex, name] = sheet.file
    return True


def _annex2(sheet: _Sheet, registry: Registry, forms: Forms) -> None:
    # The header row: row 2 of the forms of 2024, row 3 of those with a 填报单位（盖章） line; a unit may add one.
    header_row = next((r for r in range(1, 10) if sheet.text(r, 2) == ANNEX2_HEADERS[1]), None)
    if header_row is None:
        sheet.problem(2, 2, "找不到表头“市/高职/省属中职”", "请用 build.py report --forms 生成的表格填写")
        return
    for column, header in enumerate(ANNEX2_HEADERS, 1):
        if "".join(sheet.text(header_row, column).split()) != header:
            sheet.problem(header_row, column, f"表头应为“{header}”", "请不要增删或调换列", header)
    for row in range(header_row + 1, sheet.ws.max_row + 1):
        name = sheet.text(row, 2)
        if not name or name == "合计" or sheet.text(row, 1).startswith(_NOT_A_UNIT):
            continue  # the notice's 注, 填报人 / 联系电话 / 填报日期, an empty line
        unit = registry.find(name)
        if unit is None:
            close = registry.closest(name)
            hint = "是不是：" + "、".join(close) if close else "请填写 content/units.yml 中登记的单位名称"
            sheet.problem(row, 2, f"单位“{name}”未登记", hint, ANNEX2_HEADERS[1])
            continue
        values: dict[int, float | int | None] = {}
        for index in ANNEX2_FORM:
            header = ANNEX2_HEADERS[index]
            read = sheet.rate if index == ANNEX2_RATE else sheet.count
            values[index] = read(row, index + 1, header)
        if _claim(sheet, forms, 2, unit.name, row, 2):
            forms.annex2[unit.name] = Annex2Figures(values)


_NOT_A_UNIT = ("注", "说明", "灰色", "填报人", "填报单位", "联系电话", "填报日期")


def _label_row(sheet: _Sheet, label: str, default: int) -> int:
    """The row whose column A holds the notice's label: a city that adds a line above the figures moves them,
    and the labels say where they went; the notice's own place when the label is not found."""
    for row in range(1, min(sheet.ws.max_row, 30) + 1):
        if "".join(sheet.text(row, 1).split()).startswith(label):
            return row
    return default


def _annex3(sheet: _Sheet, registry: Registry, forms: Forms) -> None:
    """The notice's layout: the bureau after 盖章 (row 2), contacts (row 3), counties (row 4), then the six
    rows of figures in columns C and D (rows 6–11), each found by its label in column A."""
    stamp = _label_row(sheet, ANNEX3_STAMP.rstrip("："), 2)
    name = sheet.text(stamp, 2) or sheet.text(stamp, 1).removeprefix(ANNEX3_STAMP.rstrip("：")).lstrip("：:").strip()
    unit = registry.find(name) if name else None
    if unit is None or unit.type != "city-bureau":
        what = f"“{name}”不是登记的市教育局" if name else "没有填写市级教育行政部门"
        sheet.problem(stamp, 2, what, "填写 content/units.yml 中登记的市教育局名称，例如 太原市教育局")
        return
    contact, county, first = (
        _label_row(sheet, "联系人", 3),
        _label_row(sheet, "县级行政区数", 4),
        _label_row(sheet, "市级行政区", 6),
    )
    values: list[int | None] = []
    labels = ("市级行政区", "县级行政区")
    measures = ("开展活动行政区数", "活动次数", "参加人次")
    for block, level in enumerate(labels):
        for offset, measure in enumerate(measures):
            for column in (3, 4):
                values.append(sheet.count(first + 3 * block + offset, column, f"{level}{measure}"))
    assert len(values) == ANNEX3_FIGURES
    counties = sheet.count(county, 2, "县级行政区数")
    if _claim(sheet, forms, 3, unit.name, stamp, 2):
        forms.annex3[unit.name] = Annex3Figures(sheet.text(contact, 2), sheet.text(contact, 4), counties, tuple(values))
