"""Workbooks written with XlsxWriter: fixed creation date and zip times, so two runs give identical bytes."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from .annex import (
    ANNEX2_HEADERS,
    ANNEX2_NOTE,
    ANNEX2_RATE,
    ANNEX2_TITLE,
    ANNEX3_ACTIVITIES,
    ANNEX3_CONTACT,
    ANNEX3_CORNER,
    ANNEX3_COUNTIES,
    ANNEX3_LEVELS,
    ANNEX3_MEASURES,
    ANNEX3_STAMP,
    ANNEX3_TITLE,
    Cell,
)


def display_width(text: object) -> int:
    """Columns a text takes in Excel: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _book(created: datetime, fill: Callable[[Workbook], None]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    # XlsxWriter stamps zip members with a fixed 1980 date; the document's own date is set here.
    book.set_properties({"created": created, "author": "山西省教育厅", "company": ""})
    fill(book)
    book.close()
    return buffer.getvalue()


def _formats(book: Workbook) -> dict[str, object]:
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter", "border": 1}
    return {
        "title": book.add_format(
            {"font_name": "宋体", "bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
        ),
        "head": book.add_format({**base, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#F2F2F2"}),
        "text": book.add_format({**base, "text_wrap": True}),
        "number": book.add_format({**base, "align": "right"}),
        "rate": book.add_format({**base, "align": "right", "num_format": "0.0%"}),
        "bold": book.add_format({**base, "bold": True}),
        "no": book.add_format({**base, "bold": True, "font_color": "#B42318"}),  # 达标: 否
        "plain": book.add_format({"font_name": "宋体", "font_size": 11, "text_wrap": True, "valign": "top"}),
    }


def _write_cell(ws: Worksheet, row: int, column: int, value: Cell, fmt: dict[str, object], rate: bool = False) -> None:
    if value is None or value == "":
        ws.write_blank(row, column, None, fmt["rate" if rate else "text"])
    elif isinstance(value, (int, float)):
        if rate:
            ws.write_number(row, column, value / 100, fmt["rate"])
        else:
            ws.write_number(row, column, value, fmt["number"])
    else:
        ws.write_string(row, column, value, fmt["no" if value == "否" else "text"])


def _fit(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Cell]], cap: int = 40) -> None:
    for column, header in enumerate(headers):
        widest = max([display_width(header), *(display_width(r[column] or "") for r in rows)])
        ws.set_column(column, column, min(max(widest + 2, 6), cap))


def table_xlsx(sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], created: datetime) -> bytes:
    """A plain table: bold header row, frozen, widths that fit."""

    def fill(book: Workbook) -> None:
        fmt = _formats(book)
        ws = book.add_worksheet(sheet)
        for column, header in enumerate(headers):
            ws.write_string(0, column, header, fmt["head"])
        for r, row in enumerate(rows, 1):
            for column, value in enumerate(row):
                _write_cell(ws, r, column, value, fmt)
        ws.freeze_panes(1, 0)
        _fit(ws, headers, rows)

    return _book(created, fill)


def _annex2_sheet(book: Workbook, year: int, rows: Sequence[Sequence[Cell]]) -> None:
    fmt = _formats(book)
    ws = book.add_worksheet("附件2")
    last = len(ANNEX2_HEADERS) - 1
    ws.merge_range(0, 0, 0, last, ANNEX2_TITLE.format(year=year), fmt["title"])
    ws.set_row(0, 30)
    for column, header in enumerate(ANNEX2_HEADERS):
        ws.write_string(1, column, header, fmt["head"])
    ws.set_row(1, 88)
    for r, row in enumerate(rows, 2):
        for column, value in enumerate(row):
            _write_cell(ws, r, column, value, fmt, rate=column == ANNEX2_RATE)
    note = 2 + len(rows)
    ws.merge_range(note, 0, note, last, ANNEX2_NOTE, fmt["plain"])
    ws.set_row(note, 36)
    ws.freeze_panes(2, 2)
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, max(16, *(display_width(r[1] or "") + 2 for r in rows)))
    ws.set_column(2, last, 12)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


def annex2_xlsx(year: int, rows: Sequence[Sequence[Cell]], created: datetime) -> bytes:
    """附件2 with one row per unit and 合计; also the blank form a unit fills (a single row)."""
    return _book(created, lambda book: _annex2_sheet(book, year, rows))


ANNEX3_TABLE_HEADS = ("序号", "市级教育行政部门", *ANNEX3_CONTACT, ANNEX3_COUNTIES)


def annex3_headers() -> tuple[str, ...]:
    """The flat name of every column of the per-city table, for CSV-like checks and tests."""
    names = list(ANNEX3_TABLE_HEADS)
    for level in ANNEX3_LEVELS:
        for measure in ANNEX3_MEASURES:
            names += [f"{level}/{measure}/{activity}" for activity in ANNEX3_ACTIVITIES]
    return tuple(names)


def annex3_xlsx(year: int, rows: Sequence[Sequence[Cell]], created: datetime) -> bytes:
    """附件3 summed up: one row per city, the notice's labels as three header rows."""

    def fill(book: Workbook) -> None:
        fmt = _formats(book)
        ws = book.add_worksheet("附件3")
        last = len(ANNEX3_TABLE_HEADS) + 12 - 1
        ws.merge_range(0, 0, 0, last, ANNEX3_TITLE.format(year=year), fmt["title"])
        ws.set_row(0, 30)
        for column, head in enumerate(ANNEX3_TABLE_HEADS):
            ws.merge_range(1, column, 3, column, head, fmt["head"])
        column = len(ANNEX3_TABLE_HEADS)
        for level in ANNEX3_LEVELS:
            ws.merge_range(1, column, 1, column + 5, level, fmt["head"])
            for m, measure in enumerate(ANNEX3_MEASURES):
                ws.merge_range(2, column + 2 * m, 2, column + 2 * m + 1, measure, fmt["head"])
                for a, activity in enumerate(ANNEX3_ACTIVITIES):
                    ws.write_string(3, column + 2 * m + a, activity, fmt["head"])
            column += 6
        ws.set_row(3, 48)
        for r, row in enumerate(rows, 4):
            for c, value in enumerate(row):
                _write_cell(ws, r, c, value, fmt)
        ws.freeze_panes(4, 2)
        ws.set_column(0, 0, 6)
        ws.set_column(1, 1, 18)
        ws.set_column(2, 3, 16)
        ws.set_column(4, last, 12)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)

    return _book(created, fill)


def annex3_form(year: int, bureau: str, created: datetime) -> bytes:
    """The notice's own form for one city, its bureau filled in: what the city returns."""

    def fill(book: Workbook) -> None:
        fmt = _formats(book)
        ws = book.add_worksheet("附件3")
        ws.merge_range(0, 0, 0, 3, ANNEX3_TITLE.format(year=year), fmt["title"])
        ws.write_string(1, 0, ANNEX3_STAMP, book.add_format({"font_name": "宋体", "font_size": 11}))
        ws.write_string(1, 1, bureau, book.add_format({"font_name": "宋体", "font_size": 11, "bottom": 1}))
        ws.write_string(2, 0, ANNEX3_CONTACT[0], fmt["head"])
        ws.write_blank(2, 1, None, fmt["text"])
        ws.write_string(2, 2, ANNEX3_CONTACT[1], fmt["head"])
        ws.write_blank(2, 3, None, fmt["text"])
        ws.write_string(3, 0, ANNEX3_COUNTIES, fmt["head"])
        ws.merge_range(3, 1, 3, 3, None, fmt["number"])
        ws.merge_range(4, 0, 4, 1, ANNEX3_CORNER, fmt["head"])
        for a, activity in enumerate(ANNEX3_ACTIVITIES):
            ws.write_string(4, 2 + a, activity, fmt["head"])
        for block, level in enumerate(ANNEX3_LEVELS):
            top = 5 + 3 * block
            ws.merge_range(top, 0, top + 2, 0, level, fmt["head"])
            for m, measure in enumerate(ANNEX3_MEASURES):
                ws.write_string(top + m, 1, measure, fmt["head"])
                ws.write_blank(top + m, 2, None, fmt["number"])
                ws.write_blank(top + m, 3, None, fmt["number"])
        ws.set_row(4, 36)
        ws.set_column(0, 0, 22)
        ws.set_column(1, 1, 18)
        ws.set_column(2, 3, 26)

    return _book(created, fill)
