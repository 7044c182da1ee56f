"""The editors' dashboard (reports/<column>/index.html): one self-contained page, an SVG chart, no script."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..check import Adoption
from ..config import Column, Config
from ..content import Registry, Submission
from ..core import frozen
from .media import MediaCount
from .quotas import QuotaRow, Shortfall, quota_day

STATUS = {"draft": "草稿", "submitted": "待审", "approved": "已审核", "rejected": "退稿"}


def per_city_per_day(
    config: Config, registry: Registry, items: Sequence[Submission], days: Sequence[date]
) -> dict[str, list[int]]:
    """Received items by the city of their unit and the day they count for, cities in config order."""
    index = {day: i for i, day in enumerate(days)}
    counts = {c.name: [0] * len(days) for c in config.cities}
    cities: dict[str, str | None] = {}
    for item in items:
        if not item.counted or item.received is None:
            continue
        if item.unit not in cities:
            unit = registry.find(item.unit)
            cities[item.unit] = unit.city if unit and unit.city in counts else None
        city = cities[item.unit]
        slot = index.get(quota_day(item.received, config.timezone, config.reports.cutoff))
        if city is not None and slot is not None:
            counts[city][slot] += 1
    return counts


def chart_svg(days: Sequence[date], counts: Mapping[str, Sequence[int]]) -> Markup:
    """Small multiples: a row of day bars per city on one scale, the number above each bar."""
    label, cell, row_h, top = 64, 44, 40, 22
    width = label + cell * len(days) + 40
    height = top + row_h * len(counts) + 4
    peak = max([1, *(n for values in counts.values() for n in values)])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title" class="chart"><title id="chart-title">各市每日报送稿件数</title>'
    ]
    for i, day in enumerate(days):
        x = label + cell * i + cell / 2
        parts.append(f'<text x="{x:.0f}" y="14" class="axis">{day.month}/{day.day}</text>')
    parts.append(f'<text x="{label + cell * len(days) + 20}" y="14" class="axis">合计</text>')
    for r, (city, values) in enumerate(counts.items()):
        y0 = top + r * row_h
        base = y0 + row_h - 6
        parts.append(f'<text x="0" y="{base}" class="city">{escape(city)}</text>')
        parts.append(f'<line x1="{label}" x2="{label + cell * len(days)}" y1="{base}" y2="{base}" class="base"/>')
        for i, n in enumerate(values):
            h = 0 if n == 0 else max(2, round((row_h - 16) * n / peak))
            x = label + cell * i + 8
            parts.append(
                f'<rect x="{x}" y="{base - h}" width="{cell - 16}" height="{h}" class="bar">'
                f"<title>{escape(city)} {days[i].month}月{days[i].day}日：{n} 篇</title></rect>"
            )
            if n:
                parts.append(f'<text x="{x + (cell - 16) / 2:.0f}" y="{base - h - 2}" class="n">{n}</text>')
        total = sum(values)
        parts.append(f'<text x="{label + cell * len(days) + 20}" y="{base}" class="total">{total}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text in it went through escape())


def chart_note(
    received: int,
    per_city: Mapping[str, Sequence[int]],
    items: Sequence[Submission],
    days: Sequence[date],
    config: Config,
    registry: Registry,
) -> str:
    """Why the chart's total is not the 报送 card's: the chart counts only items of the period from a city's
    unit. Empty when the two agree."""
    shown = sum(sum(v) for v in per_city.values())
    if shown == received:
        return ""
    outside = no_city = 0
    for item in items:
        if not item.counted or item.received is None:
            continue
        if quota_day(item.received, config.timezone, config.reports.cutoff) not in days:
            outside += 1
            continue
        unit = registry.find(item.unit)
        if unit is None or unit.city not in per_city:
            no_city += 1
    parts = [f"统计期外收到 {outside} 篇"] if outside else []
    parts += [f"单位未登记所在市 {no_city} 篇"] if no_city else []
    return f"图中合计 {shown} 篇，“报送”{received} 篇另含" + "、".join(parts) + "，不在图中。"


@frozen
class Dashboard:
    column: Column
    title: str  # the report's own edition's title
    year: int
    now: datetime
    today: date
    days: tuple[date, ...]
    chart: Markup
    chart_note: str
    column_titles: Mapping[str, str]  # column id -> short title, for the quota split
    quotas: tuple[QuotaRow, ...]
    short: tuple[Shortfall, ...]
    adoption: Adoption
    media: tuple[tuple[str, MediaCount], ...]
    unreceived: tuple[Submission, ...]  # counted items without a receipt time (无收稿时间)
    files: tuple[str, ...]


def render_dashboard(view: Dashboard) -> bytes:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("dashboard.html").render(d=view, status=STATUS).encode()
