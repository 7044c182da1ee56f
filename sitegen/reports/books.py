"""quotas.xlsx and adoption.xlsx: the CSV tables as workbooks to print and to sum (SPEC 10)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time

from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]

from ..check import Adoption, AdoptionRow
from .annex import Cell
from .quotas import QuotaRow, day_label
from .xlsx import (
    Formats,
    book_bytes,
    cell,
    display_width,
    fit_widths,
    formats,
    notes,
    print_setup,
    set_widths,
    tall_rows,
    title_rows,
    write_rate,
    write_sums,
    write_value,
)

ORDER = "按所在市、单位类型、单位名称排序"
HEAD = 2  # the header row, under the title and the 统计截至 line


def as_of(now: datetime) -> str:
    return f"统计截至 {now.year}年{now.month}月{now.day}日 {now:%H:%M}"


def _name_width(names: Sequence[str], least: int = 16) -> int:
    return min(max([least, *(display_width(n) + 2 for n in names)]), 34)


def quotas_xlsx(
    year: int,
    rows: Sequence[QuotaRow],
    days: Sequence[date],
    columns: Mapping[str, str],
    cutoff: time,
    now: datetime,
    created: datetime,
) -> bytes:
    """One row per unit: items per day of both columns together, their total, the split per column."""
    split = [c for c in columns if any(c in dict(r.by_column) for r in rows)]
    heads = ["序号", "单位", "类型", "所在市", *(day_label(d) for d in days), "合计"]
    heads += [f"其中：{columns[c]}" for c in split] + ["要求", "达标"]
    first_day, total_col = 4, 4 + len(days)
    met_col = len(heads) - 1

    def fill(book: Workbook) -> None:
        fmt = formats(book)
        ws = book.add_worksheet("报送达标情况")
        last = len(heads) - 1
        title_rows(ws, fmt, last, f"{year}年活动周宣传稿件报送达标情况", f"{as_of(now)}　{ORDER}")
        for c, head in enumerate(heads):
            ws.write_string(HEAD, c, head, fmt["head"])
        ws.set_row(HEAD, 48)  # 其中：全民终身学习活动周 in three lines
        top = HEAD + 1
        values: list[list[Cell]] = []
        for i, row in enumerate(rows):
            r = top + i
            by_column = dict(row.by_column)
            line: list[Cell] = [i + 1, row.unit.name, row.unit.type_label, row.unit.city, *row.counts, row.total]
            line += [by_column.get(c, 0) for c in split] + [row.rule.label, "是" if row.met else "否"]
            values.append(line)
            for c, value in enumerate(line):
                if c == total_col:
                    span = f"=SUM({cell(r, first_day)}:{cell(r, total_col - 1)})"
                    ws.write_formula(r, c, span, fmt["number"], row.total)
                else:
                    write_value(ws, r, c, value, fmt, "center" if c == 0 else "")
        end = top + len(rows) - 1
        total = top + len(rows)
        ws.write_string(total, 1, "合计", fmt["total_text"])
        for c in (0, 2, 3, met_col - 1):
            ws.write_blank(total, c, None, fmt["total"])
        write_sums(ws, total, top, end, range(first_day, total_col + 1 + len(split)), values, fmt)
        met = sum(1 for r in rows if r.met)
        ws.write_formula(total, met_col, f'=COUNTIF({cell(top, met_col)}:{cell(end, met_col)},"是")', fmt["total"], met)
        counted = "、".join(columns[c] for c in split) or "各专栏"
        notes(
            ws,
            total + 1,
            last,
            (
                f"说明：报送数为{counted}两个专栏收到的稿件合计（通知规定两个活动周共用一个报送要求），"
                f"按收稿时间计入统计期内的日期，每日 {cutoff:%H:%M} 以后收到的计入次日；草稿不计。",
                f"合计：上列 {len(rows)} 个单位之和；“达标”一列的合计为达标的单位数（共 {len(rows)} 个单位）。",
            ),
            fmt,
            150,
        )
        names, types = _name_width([r.unit.name for r in rows]), _name_width([r.unit.type_label for r in rows], 6)
        # 5月13日 and 活动周内≥3篇 on one line each
        spec = (5, names, types, 7, *([8] * (len(days) + 1)), *([10] * len(split)), 13, 6)
        widths = set_widths(ws, fit_widths(spec, landscape=True))
        tall_rows(ws, top, values, widths)
        ws.autofilter(HEAD, 0, max(end, top), last)
        ws.freeze_panes(top, 2)
        print_setup(ws, landscape=True, head=(HEAD, HEAD), unit_columns=2)

    return book_bytes(created, fill)


ADOPTION_XLSX_HEADS = ("序号", "单位", "类型", "所在市", "报送", "采用", "退稿", "待审", "采用率")
CITY_XLSX_HEADS = ("序号", "所在市", "报送", "采用", "退稿", "待审", "采用率")


def _tally(row: AdoptionRow) -> tuple[int, int, int, int]:
    t = row.tally
    return (t.received, t.adopted, t.rejected, t.pending)


def adoption_xlsx(year: int, column_title: str, table: Adoption, now: datetime, created: datetime) -> bytes:
    """Units on the first sheet, each city's subtotal on its own sheet (SUMIF of the first), so that no column
    sum counts an item twice."""
    units = table.units

    def fill(book: Workbook) -> None:
        fmt = formats(book)
        ws = book.add_worksheet("稿件采用情况")
        sheet = ws.get_name()
        last = len(ADOPTION_XLSX_HEADS) - 1
        title_rows(ws, fmt, last, f"{year}年{column_title}稿件采用情况", f"{as_of(now)}　{ORDER}")
        for c, head in enumerate(ADOPTION_XLSX_HEADS):
            ws.write_string(HEAD, c, head, fmt["head"])
        top = HEAD + 1
        values: list[list[Cell]] = []
        for i, row in enumerate(units):
            r = top + i
            line: list[Cell] = [i + 1, row.name, row.type_label, row.city, *_tally(row)]
            values.append(line)
            for c, value in enumerate(line):
                write_value(ws, r, c, value, fmt, "center" if c == 0 else "")
            write_rate(ws, r, 8, 5, 4, (row.tally.adopted, row.tally.received), fmt["rate"])
        end, total = top + len(units) - 1, top + len(units)
        ws.write_string(total, 1, "合计", fmt["total_text"])
        for c in (0, 2, 3):
            ws.write_blank(total, c, None, fmt["total"])
        write_sums(ws, total, top, end, range(4, 8), values, fmt)
        write_rate(ws, total, 8, 5, 4, (table.total.adopted, table.total.received), fmt["total_rate"])
        notes(
            ws,
            total + 1,
            last,
            (
                f"合计：上列 {len(units)} 个单位之和；采用率 = 采用 ÷ 报送。各市小计见“各市合计”工作表，"
                "不在本表中，对本表任一列求和不会重复计数。",
                "报送：收到的全部稿件（草稿不计）；采用：已审核并已发布；退稿：未采用；待审：尚未审核或定时发布。",
            ),
            fmt,
            80,
        )
        names, types = _name_width([r.name for r in units], 24), _name_width([r.type_label for r in units], 6)
        widths = fit_widths((5, names, types, 8, 7, 7, 7, 7, 9), landscape=False)
        tall_rows(ws, top, values, set_widths(ws, widths))
        ws.autofilter(HEAD, 0, max(end, top), last)
        ws.freeze_panes(top, 2)
        print_setup(ws, landscape=False, head=(HEAD, HEAD), unit_columns=2)
        _cities_sheet(book, fmt, year, column_title, table, sheet, (top, max(end, top)), now)

    return book_bytes(created, fill)


def _cities_sheet(
    book: Workbook,
    fmt: Formats,
    year: int,
    column_title: str,
    table: Adoption,
    units_sheet: str,
    span: tuple[int, int],
    now: datetime,
) -> None:
    ws = book.add_worksheet("各市合计")
    last = len(CITY_XLSX_HEADS) - 1
    title_rows(ws, fmt, last, f"{year}年{column_title}稿件采用情况（各市合计）", f"{as_of(now)}　按全省各市的顺序排列")
    for c, head in enumerate(CITY_XLSX_HEADS):
        ws.write_string(HEAD, c, head, fmt["head"])
    top = HEAD + 1
    cities = table.cities
    values: list[list[Cell]] = []

    def rng(column: str) -> str:
        return f"'{units_sheet}'!${column}${span[0] + 1}:${column}${span[1] + 1}"

    for i, row in enumerate(cities):
        r = top + i
        values.append([i + 1, row.name, *_tally(row)])
        write_value(ws, r, 0, i + 1, fmt, "center")
        write_value(ws, r, 1, row.name, fmt)
        for c, (letter, value) in enumerate(zip("EFGH", _tally(row), strict=True), 2):
            formula = f"=SUMIF({rng('D')},{cell(r, 1)},{rng(letter)})"
            ws.write_formula(r, c, formula, fmt["number"], value)
        write_rate(ws, r, 6, 3, 2, (row.tally.adopted, row.tally.received), fmt["rate"])
    end, total = top + len(cities) - 1, top + len(cities)
    ws.write_blank(total, 0, None, fmt["total"])
    ws.write_string(total, 1, "合计", fmt["total_text"])
    write_sums(ws, total, top, end, range(2, 6), values, fmt)
    t = sum((row.tally for row in cities), type(table.total)())
    write_rate(ws, total, 6, 3, 2, (t.adopted, t.received), fmt["total_rate"])
    outside = table.total.received - t.received
    lines = [f"各市小计：所在市为该市的单位之和；合计：上列 {len(cities)} 个市之和。"]
    if outside:
        lines.append(f"另有 {outside} 篇稿件的单位未登记所在市，计入“稿件采用情况”表的合计，不在本表。")
    notes(ws, total + 1, last, lines, fmt, 60)
    set_widths(ws, (5, 12, 8, 8, 8, 8, 9))
    ws.autofilter(HEAD, 0, max(end, top), last)
    ws.freeze_panes(top, 2)
    print_setup(ws, landscape=False, head=(HEAD, HEAD), unit_columns=2)
