"""附件2 and 附件3 as workbooks: the summaries the department prints and sums, and the blank forms it
circulates for units to fill in, stamp and return (one A4 page each)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from .annex import (
    ANNEX2_HEADERS,
    ANNEX2_MEDIA,
    ANNEX2_NOTE,
    ANNEX2_ORDER,
    ANNEX2_RATE,
    ANNEX2_TITLE,
    ANNEX3_ACTIVITIES,
    ANNEX3_CONTACT,
    ANNEX3_COUNTIES,
    ANNEX3_LEVELS,
    ANNEX3_MEASURES,
    ANNEX3_STAMP,
    ANNEX3_TITLE,
    NOT_RETURNED,
    Cell,
)
from .books import as_of
from .xlsx import (
    Formats,
    book_bytes,
    fit_widths,
    formats,
    notes,
    print_setup,
    set_widths,
    tall_rows,
    title_rows,
    write_sums,
    write_value,
)

STATUS_HEAD = "表格报送"  # the summaries' column after the notice's: 已报送 / 未报送
FROM_CONTENT = "专栏统计\n无需填写"
FROM_CONTENT_NOTE = "灰色单元格（媒体报道数）由省级专栏根据各单位报送的“媒体报道信息”稿件统计，无需填写。"
SIGN = ("填报人：", "联系电话：", "填报日期：　　　　年　　月　　日")
MEDIA_NOTE = (
    "中央媒体、省级以上媒体（不含中央）和媒体报道总数由省级专栏根据“媒体报道信息”稿件统计，未报送表格的单位也计入；"
    "媒体报道总数含名单以外的媒体，故可大于前两列之和。"
)


def _annex2_widths(ws: Worksheet, name_width: int) -> tuple[float, ...]:
    """序号, the unit, then each figure four characters of its header a line (and 表格报送)."""
    return set_widths(ws, fit_widths((5, name_width, *([9] * (len(ANNEX2_HEADERS) - 1))), landscape=True))


def _annex2_head(ws: Worksheet, fmt: Formats, row: int, heads: Sequence[str]) -> None:
    for column, header in enumerate(heads):
        ws.write_string(row, column, header, fmt["head"])
    ws.set_row(row, 112)  # the longest header, wrapped four characters a line


def annex2_xlsx(year: int, rows: Sequence[Sequence[Cell]], now: datetime, created: datetime) -> bytes:
    """附件2 summed: one row per unit, whether its form came back, 合计 as SUM formulas."""
    heads = (*ANNEX2_HEADERS, STATUS_HEAD)
    last = len(heads) - 1
    summed = [c for c in range(2, len(ANNEX2_HEADERS)) if c != ANNEX2_RATE]

    def fill(book: Workbook) -> None:
        fmt = formats(book)
        ws = book.add_worksheet("附件2")
        title_rows(ws, fmt, last, ANNEX2_TITLE.format(year=year), f"{as_of(now)}　{ANNEX2_ORDER}")
        _annex2_head(ws, fmt, 2, heads)
        top = 3
        for r, row in enumerate(rows, top):
            for column, value in enumerate(row):
                kind = "center" if column == 0 else "rate" if column == ANNEX2_RATE else ""
                write_value(ws, r, column, value, fmt, kind)
        end, total = top + len(rows) - 1, top + len(rows)
        ws.write_blank(total, 0, None, fmt["total"])
        ws.write_string(total, 1, "合计", fmt["total_text"])
        write_sums(ws, total, top, end, summed, rows, fmt)
        ws.write_blank(total, ANNEX2_RATE, None, fmt["total"])
        missing = _count_missing(ws, total, last, rows, fmt)
        notes(
            ws,
            total + 1,
            last,
            (
                ANNEX2_NOTE,
                f"合计：上列 {len(rows)} 个单位之和（已报送表格 {len(rows) - missing} 个，未报送 {missing} 个，"
                "未报送的单位表格数据为空，不计入）；学生参与覆盖率是比例，不合计。",
                MEDIA_NOTE,
            ),
            fmt,
            150,
        )
        tall_rows(ws, top, rows, _annex2_widths(ws, 24))
        ws.autofilter(2, 0, max(end, top), last)
        ws.freeze_panes(top, 2)
        print_setup(ws, landscape=True, head=(2, 2), unit_columns=2)

    return book_bytes(created, fill)


def annex2_form(year: int, unit: str, created: datetime) -> bytes:
    """The blank 附件2 a unit fills in: its name, the cells the report fills from content shaded, the notice's
    注, and 填报人 / 联系电话 / 填报日期 lines, on one landscape A4 page with room for the stamp."""
    last = len(ANNEX2_HEADERS) - 1

    def fill(book: Workbook) -> None:
        fmt = formats(book)
        ws = book.add_worksheet("附件2")
        title_rows(ws, fmt, last, ANNEX2_TITLE.format(year=year), f"填报单位（盖章）：{unit}")
        ws.set_row(1, 48)  # the stamp goes over the unit's name
        _annex2_head(ws, fmt, 2, ANNEX2_HEADERS)
        ws.write_number(3, 0, 1, fmt["center"])
        ws.write_string(3, 1, unit, fmt["text"])
        for column in range(2, len(ANNEX2_HEADERS)):
            if column in ANNEX2_MEDIA:
                ws.write_string(3, column, FROM_CONTENT, fmt["from_content"])
            else:
                ws.write_blank(3, column, None, fmt["rate" if column == ANNEX2_RATE else "number"])
                ws.data_validation(3, column, 3, column, RATE_RULE if column == ANNEX2_RATE else COUNT_RULE)
        ws.set_row(3, 40)
        row = notes(ws, 4, last, (ANNEX2_NOTE, FROM_CONTENT_NOTE), fmt, 150)
        _signatures(ws, fmt, row + 1, ((0, 4), (5, 9), (10, last)))
        _annex2_widths(ws, 24)
        print_setup(ws, landscape=True, head=None, unit_columns=0, one_page=True)

    return book_bytes(created, fill)


# What the form accepts as it is typed (Excel and WPS refuse other input); the report checks again on return.
COUNT_RULE = {
    "validate": "integer",
    "criteria": ">=",
    "value": 0,
    "error_title": "请填写数字",
    "error_message": "只填阿拉伯数字（0 或正整数），不要加单位或文字。",
}
RATE_RULE = {
    "validate": "decimal",
    "criteria": "between",
    "minimum": 0,
    "maximum": 1,
    "error_title": "请填写百分比",
    "error_message": "填 0%–100% 之间的百分比，例如 85%。",
}


def _signatures(ws: Worksheet, fmt: Formats, row: int, spans: Sequence[tuple[int, int]]) -> None:
    """填报人, 联系电话, 填报日期 side by side, each label with room to write after it."""
    ws.set_row(row, 36)
    for text, (first, last) in zip(SIGN, spans, strict=True):
        ws.merge_range(row, first, row, last, text, fmt["line"])


ANNEX3_TABLE_HEADS = ("序号", "市级教育行政部门", *ANNEX3_CONTACT, ANNEX3_COUNTIES)


def annex3_headers() -> tuple[str, ...]:
    """The flat name of every column of the per-city table, for CSV-like checks and tests."""
    names = list(ANNEX3_TABLE_HEADS)
    for level in ANNEX3_LEVELS:
        for measure in ANNEX3_MEASURES:
            names += [f"{level}/{measure}/{activity}" for activity in ANNEX3_ACTIVITIES]
    return (*names, STATUS_HEAD)


def annex3_xlsx(year: int, rows: Sequence[Sequence[Cell]], now: datetime, created: datetime) -> bytes:
    """附件3 summed up: one row per city, the notice's labels as three header rows, 合计 as SUM formulas."""
    figures = len(ANNEX3_LEVELS) * len(ANNEX3_MEASURES) * len(ANNEX3_ACTIVITIES)
    first = len(ANNEX3_TABLE_HEADS)
    last = first + figures  # the status column

    def fill(book: Workbook) -> None:
        fmt = formats(book)
        ws = book.add_worksheet("附件3")
        title_rows(ws, fmt, last, ANNEX3_TITLE.format(year=year), f"{as_of(now)}　按全省各市的顺序排列")
        for column, head in enumerate((*ANNEX3_TABLE_HEADS, STATUS_HEAD)):
            ws.merge_range(
                2, column if column < first else last, 4, column if column < first else last, head, fmt["head"]
            )
        column = first
        for level in ANNEX3_LEVELS:
            ws.merge_range(2, column, 2, column + 5, level, fmt["head"])
            for m, measure in enumerate(ANNEX3_MEASURES):
                ws.merge_range(3, column + 2 * m, 3, column + 2 * m + 1, measure, fmt["head"])
                for a, activity in enumerate(ANNEX3_ACTIVITIES):
                    ws.write_string(4, column + 2 * m + a, activity, fmt["head"])
            column += 6
        ws.set_row(3, 32)
        ws.set_row(4, 80)
        top = 5
        for r, row in enumerate(rows, top):
            for c, value in enumerate(row):
                write_value(ws, r, c, value, fmt, "center" if c == 0 else "")
        end, total = top + len(rows) - 1, top + len(rows)
        for c in (0, 2, 3):
            ws.write_blank(total, c, None, fmt["total"])
        ws.write_string(total, 1, "合计", fmt["total_text"])
        write_sums(ws, total, top, end, range(first - 1, last), rows, fmt)
        missing = _count_missing(ws, total, last, rows, fmt)
        notes(
            ws,
            total + 1,
            last,
            (
                f"合计：上列 {len(rows)} 个市之和（已报送表格 {len(rows) - missing} 个，未报送 {missing} 个，"
                "未报送的市数据为空，不计入）。",
            ),
            fmt,
            150,
        )
        widths = set_widths(
            ws, fit_widths((5, 16, 13, 15, *([7] * (last - 4)), 9), landscape=True)
        )  # 0351-1234567 on one line
        tall_rows(ws, top, rows, widths)
        ws.autofilter(4, 0, max(end, top), last)
        ws.freeze_panes(top, 2)
        print_setup(ws, landscape=True, head=(2, 4), unit_columns=2)

    return book_bytes(created, fill)


# The corner of the form: a diagonal from top left to bottom right, the column label above it on the right,
# the row label below it on the left, as the notice prints it.
ANNEX3_CORNER_TEXT = "　" * 10 + "活动内容\n开展情况"


def annex3_form(year: int, bureau: str, created: datetime) -> bytes:
    """The notice's own form for one city, its bureau filled in: what the city stamps and returns. The cells
    keep the notice's places (B2 the bureau, B3/D3 the contacts, B4 the counties, C6:D11 the figures), so
    forms returned in earlier years read the same."""

    def fill(book: Workbook) -> None:
        fmt = formats(book)
        ws = book.add_worksheet("附件3")
        ws.merge_range(0, 0, 0, 3, ANNEX3_TITLE.format(year=year), fmt["title"])
        ws.set_row(0, 36)
        ws.write_string(
            1,
            0,
            ANNEX3_STAMP,
            book.add_format({"font_name": "宋体", "font_size": 11, "text_wrap": True, "valign": "vcenter"}),
        )
        ws.merge_range(
            1,
            1,
            1,
            3,
            bureau,
            book.add_format({"font_name": "宋体", "font_size": 12, "bottom": 1, "valign": "vcenter"}),
        )
        ws.set_row(1, 60)  # room for the stamp over the bureau's name
        ws.write_string(2, 0, ANNEX3_CONTACT[0], fmt["head"])
        ws.write_blank(2, 1, None, fmt["text"])
        ws.write_string(2, 2, ANNEX3_CONTACT[1], fmt["head"])
        ws.write_blank(2, 3, None, fmt["text"])
        ws.write_string(3, 0, ANNEX3_COUNTIES, fmt["head"])
        ws.merge_range(3, 1, 3, 3, None, fmt["number"])
        ws.data_validation(3, 1, 3, 1, COUNT_RULE)
        ws.data_validation(5, 2, 10, 3, COUNT_RULE)
        corner = book.add_format(
            {
                "font_name": "宋体",
                "font_size": 11,
                "bold": True,
                "text_wrap": True,
                "valign": "vcenter",
                "border": 1,
                "diag_type": 2,
                "diag_border": 1,
                "bg_color": "#F2F2F2",
            }
        )
        ws.merge_range(4, 0, 4, 1, ANNEX3_CORNER_TEXT, corner)
        for a, activity in enumerate(ANNEX3_ACTIVITIES):
            ws.write_string(4, 2 + a, activity, fmt["head"])
        for block, level in enumerate(ANNEX3_LEVELS):
            top = 5 + 3 * block
            ws.merge_range(top, 0, top + 2, 0, level, fmt["head"])
            for m, measure in enumerate(ANNEX3_MEASURES):
                ws.write_string(top + m, 1, measure, fmt["head"])
                ws.write_blank(top + m, 2, None, fmt["number"])
                ws.write_blank(top + m, 3, None, fmt["number"])
                ws.set_row(top + m, 30)
        for r in (2, 3):
            ws.set_row(r, 30)
        ws.set_row(4, 44)
        ws.merge_range(12, 0, 12, 1, SIGN[0], fmt["line"])
        ws.merge_range(12, 2, 12, 3, SIGN[1], fmt["line"])
        ws.merge_range(13, 0, 13, 3, SIGN[2], fmt["line"])
        ws.set_row(12, 36)
        ws.set_row(13, 36)
        ws.set_column(0, 0, 16)
        ws.set_column(1, 1, 20)
        ws.set_column(2, 3, 28)
        print_setup(ws, landscape=False, head=None, unit_columns=0, one_page=True)

    return book_bytes(created, fill)


def _count_missing(ws: Worksheet, total: int, last: int, rows: Sequence[Sequence[Cell]], fmt: Formats) -> int:
    """The 合计 row's 未报送 count under the 表格报送 column (each row's last cell), written and returned."""
    missing = sum(1 for row in rows if row[-1] == NOT_RETURNED)
    ws.write_string(total, last, f"未报送 {missing}", fmt["total_text"])
    return missing
