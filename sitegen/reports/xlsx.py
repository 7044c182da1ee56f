"""Workbooks written with XlsxWriter, laid out for print (SPEC 10: A4, one page wide, ≥ 9 pt) and for sums
(totals are SUM formulas with cached values); a fixed creation date and zip times keep the bytes the same."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.format import Format  # type: ignore[import-untyped]
from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]
from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from .annex import Cell

A4 = 9  # Excel's paper index for A4: without it Excel and LibreOffice fall back to US Letter
FONT = "宋体"
BODY_PT = 11  # fit to one page wide scales it down; fit_widths keeps the scale ≥ MIN_SCALE, so ≥ 9 pt printed
MIN_SCALE = 0.84  # 11 pt × 0.84 = 9.2 pt, a little above SPEC 10's 9 pt for rounding in the office suites
# What one page holds at scale 1, in pixels at 96 dpi: A4 less the margins below (0.4 in each side).
PAGE_PX = {True: (842 - 2 * 0.4 * 72) * 96 / 72, False: (595 - 2 * 0.4 * 72) * 96 / 72}  # landscape, portrait
FOOTER = "&C第 &P 页 / 共 &N 页"

Formats = Mapping[str, Format]


def display_width(text: object) -> int:
    """Columns a text takes in Excel: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def book_bytes(created: datetime, fill: Callable[[Workbook], None]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    # XlsxWriter stamps zip members with a fixed 1980 date; the document's own date is set here.
    book.set_properties({"created": created, "author": "山西省教育厅", "company": ""})
    fill(book)
    book.close()
    return buffer.getvalue()


def formats(book: Workbook) -> dict[str, Format]:
    font = {"font_name": FONT, "font_size": BODY_PT}
    base = {**font, "valign": "vcenter", "border": 1}
    bold = {**base, "bold": True}
    return {
        "title": book.add_format({**font, "bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}),
        "line": book.add_format({**font, "valign": "vcenter"}),  # 统计截至, 填报人 and the like, no border
        "head": book.add_format({**bold, "align": "center", "text_wrap": True, "bg_color": "#F2F2F2"}),
        "text": book.add_format({**base, "text_wrap": True}),
        "center": book.add_format({**base, "align": "center"}),  # 序号
        "number": book.add_format({**base, "align": "right"}),
        "rate": book.add_format({**base, "align": "right", "num_format": "0.0%"}),
        "total_text": book.add_format({**bold, "align": "center"}),
        "total": book.add_format({**bold, "align": "right"}),
        "total_rate": book.add_format({**bold, "align": "right", "num_format": "0.0%"}),
        "no": book.add_format({**bold, "font_color": "#B42318"}),  # 达标: 否, 未报送
        "note": book.add_format({**font, "text_wrap": True, "valign": "top"}),
        # A cell the report fills from the site's content: shaded and labelled, never a 0 to overwrite.
        "from_content": book.add_format(
            {**base, "align": "center", "text_wrap": True, "bg_color": "#D9D9D9", "font_color": "#404040"}
        ),
    }


def title_rows(ws: Worksheet, fmt: Formats, last: int, title: str, line: str) -> None:
    """Row 1 the title, row 2 the 统计截至 (or 填报单位) line, both across the table."""
    ws.merge_range(0, 0, 0, last, title, fmt["title"])
    ws.set_row(0, 30)
    ws.merge_range(1, 0, 1, last, line, fmt["line"])
    ws.set_row(1, 20)


def print_setup(
    ws: Worksheet, *, landscape: bool, head: tuple[int, int] | None, unit_columns: int, one_page: bool = False
) -> None:
    """A4, one page wide (a form: one page), the header rows and the unit columns on every page, 第 N 页 /
    共 M 页 below."""
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 1 if one_page else 0)
    if head is not None:
        ws.repeat_rows(*head)
    if unit_columns:
        ws.repeat_columns(0, unit_columns - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer(FOOTER, {"margin": 0.25})


def write_value(ws: Worksheet, row: int, column: int, value: Cell, fmt: Formats, kind: str = "") -> None:
    """One data cell: numbers stay numbers; `kind` "rate" takes a percentage 0–100 and stores a fraction."""
    if value is None or value == "":
        ws.write_blank(row, column, None, fmt["rate" if kind == "rate" else "text"])
    elif isinstance(value, (int, float)):
        if kind == "rate":
            ws.write_number(row, column, value / 100, fmt["rate"])
        else:
            ws.write_number(row, column, value, fmt["center" if kind == "center" else "number"])
    else:
        ws.write_string(row, column, value, fmt["no" if value in ("否", "未报送") else "text"])


def cell(row: int, column: int) -> str:
    return str(xl_rowcol_to_cell(row, column))


def write_rate(
    ws: Worksheet, row: int, column: int, part: int, whole: int, values: tuple[int, int], style: Format
) -> None:
    """采用率 as a formula of the row's own counts: a corrected figure corrects the rate; empty when 0 received."""
    a, b = cell(row, part), cell(row, whole)
    ws.write_formula(row, column, f'=IF({b}=0,"",{a}/{b})', style, values[0] / values[1] if values[1] else "")


def write_sums(
    ws: Worksheet,
    row: int,
    first: int,
    last: int,
    columns: Sequence[int],
    rows: Sequence[Sequence[Cell]],
    fmt: Formats,
) -> None:
    """The 合计 row: =SUM() over the data rows first..last of each column, its value cached for readers that
    do not calculate (and for the tests)."""
    for column in columns:
        total = sum(v for r in rows if isinstance(v := r[column], (int, float)) and not isinstance(v, bool))
        ws.write_formula(row, column, f"=SUM({cell(first, column)}:{cell(last, column)})", fmt["total"], total)


def notes(ws: Worksheet, row: int, last: int, lines: Sequence[str], fmt: Formats, chars_per_line: int) -> int:
    """Each note merged across the table, tall enough for its text; returns the row after them."""
    for text in lines:
        ws.merge_range(row, 0, row, last, text, fmt["note"])
        ws.set_row(row, 16 * max(1, -(-display_width(text) // chars_per_line)) + 4)
        row += 1
    return row


def fit_widths(widths: Sequence[float], *, landscape: bool, flexible: int = 1, least: float = 12) -> tuple[float, ...]:
    """The widths, the `flexible` column (the unit's name, whose text wraps) narrowed as far as `least` so that
    fitting the table to one page wide scales it by no less than MIN_SCALE. A width of w units prints as
    7.5w + 5.5 px in LibreOffice with Carlito (measured on these workbooks; Excel's 7w + 5 is narrower, so
    Excel and WPS print these tables at a larger scale still)."""
    over = sum(7.5 * w + 5.5 for w in widths) - PAGE_PX[landscape] / MIN_SCALE
    if over <= 0:
        return tuple(widths)
    narrowed = max(least, widths[flexible] - over / 7.5)
    return tuple(narrowed if i == flexible else w for i, w in enumerate(widths))


def set_widths(ws: Worksheet, widths: Sequence[float]) -> tuple[float, ...]:
    """Each column's width in Excel's units (a digit of the default font); returns them for tall_rows."""
    for column, width in enumerate(widths):
        ws.set_column(column, column, width)
    return tuple(widths)


def tall_rows(ws: Worksheet, top: int, rows: Sequence[Sequence[Cell]], widths: Sequence[float]) -> None:
    """Rows tall enough for their wrapped text: a file keeps the heights it names, and Excel and LibreOffice
    clip a wrapped text in a row of the default height rather than grow it."""
    for i, row in enumerate(rows):
        lines = [
            -(-display_width(v) // max(1, int(w) - 1)) for v, w in zip(row, widths, strict=False) if isinstance(v, str)
        ]
        if max(lines, default=1) > 1:
            ws.set_row(top + i, 15 * max(lines) + 3)
