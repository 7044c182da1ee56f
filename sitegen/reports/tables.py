"""The quota and adoption tables as rows of plain values, and as CSV that Excel opens (UTF-8 with a BOM)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from ..check import Adoption
from .annex import Cell
from .quotas import QuotaRow, day_label

ADOPTION_HEADERS = ("单位", "类型", "所在市", "报送", "采用", "退稿", "待审", "采用率")


def quota_headers(days: Sequence[date]) -> tuple[str, ...]:
    return ("单位", "类型", "所在市", *(day_label(d) for d in days), "合计", "要求", "达标")


def quota_table(rows: Sequence[QuotaRow]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(
        (
            row.unit.name,
            row.unit.type_label,
            row.unit.city,
            *row.counts,
            row.total,
            row.rule.label,
            "是" if row.met else "否",
        )
        for row in rows
    )


def adoption_table(table: Adoption) -> tuple[tuple[Cell, ...], ...]:
    """Units, then each city's sum, then the column's."""
    out: list[tuple[Cell, ...]] = []
    for row in table.units:
        t = row.tally
        out.append((row.name, row.type_label, row.city, t.received, t.adopted, t.rejected, t.pending, t.rate))
    for row in table.cities:
        t = row.tally
        out.append((f"{row.name}合计", "市合计", row.city, t.received, t.adopted, t.rejected, t.pending, t.rate))
    t = table.total
    out.append(("合计", "专栏合计", "", t.received, t.adopted, t.rejected, t.pending, t.rate))
    return tuple(out)


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
