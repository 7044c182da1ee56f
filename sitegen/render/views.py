"""Stage 5, render: flat, template-ready views of the column, its lists and its articles."""

from __future__ import annotations

import functools
from datetime import date, datetime

from ..check import Entry
from ..config import Column, Config, Edition
from ..core import frozen


@frozen
class Link:
    title: str
    path: str  # site-root path ("" is the home page)


@frozen
class WeekStatus:
    state: str  # upcoming | running | over
    text: str  # what the reader sees
    day: int | None  # day N of the week while running


@frozen
class EditionView:
    """One year's campaign as the pages show it: its home is /<year>/."""

    year: int
    label: str  # 2024年
    title: str
    theme: str
    dates: str
    start_iso: str
    path: str  # 2024/
    current: bool
    sections: tuple[Link, ...]  # 2024/highlights/, …


@frozen
class ColumnView:
    id: str
    title: str
    short_title: str
    theme: str
    dates: str
    start_iso: str
    end_iso: str
    base_url: str
    organizer: str
    host: str
    icp: str
    large_text: bool
    sections: tuple[Link, ...]
    sister: Link | None  # absolute URL in path
    editions: tuple[EditionView, ...] = ()  # newest first; the first is the current edition
    downloads: bool = False  # the column offers logos and posters at downloads/
    adoption: bool = False  # the column publishes its 稿件采用情况 at adoption/
    assist_toolbar: bool = False  # the 辅助浏览 toolbar under the header


@frozen
class Item:
    """An article as it appears in lists and feeds."""

    title: str
    path: str
    date: str
    date_iso: str
    summary: str
    section: Link
    unit: str
    kind: str
    featured: bool
    edition: int = 0  # year of the article's edition


@frozen
class Pager:
    """The page links of a paginated list: the first and last page and the ones either side of this one, a
    gap (None) for each run of pages left out, so a list of any length shows a short row of links."""

    number: int
    total: int
    prev: str | None
    next: str | None
    pages: tuple[tuple[int, str] | None, ...]


def date_text(moment: datetime) -> str:
    base = f"{moment.year}年{moment.month}月{moment.day}日"
    return base if (moment.hour, moment.minute) == (0, 0) else f"{base} {moment.hour:02d}:{moment.minute:02d}"


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def range_text(start: date, end: date) -> str:
    if start.year == end.year and start.month == end.month:
        return f"{start.year}年{start.month}月{start.day}日—{end.day}日"
    return f"{day_text(start)}—{day_text(end)}"


def week_status(column: Column | Edition, today: date) -> WeekStatus:
    """Before the week a countdown, during it day N of the week, after it over; of a column's current edition."""
    if today < column.start:
        days = (column.start - today).days
        return WeekStatus("upcoming", f"距开幕还有 {days} 天（{day_text(column.start)}开幕）", None)
    if today > column.end:
        return WeekStatus("over", f"活动周已于{day_text(column.end)}圆满结束", None)
    day = (today - column.start).days + 1
    return WeekStatus("running", f"活动周进行中：第 {day} 天（共 {column.days} 天）", day)


def column_view(config: Config, column: Column) -> ColumnView:
    """What every page of a column shows; nothing here depends on the day, so pages keep their keys."""
    sister = next((c for c in config.columns.values() if c.id != column.id), None)
    return ColumnView(
        id=column.id,
        title=column.title,
        short_title=column.short_title,
        theme=column.theme,
        dates=range_text(column.start, column.end),
        start_iso=column.start.isoformat(),
        end_iso=column.end.isoformat(),
        base_url=column.base_url,
        organizer=config.organizer,
        host=column.host,
        icp=column.icp,
        large_text=column.large_text,
        sections=tuple(Link(s.title, f"{s.id}/") for s in (column.current.sections if column.editions else ())),
        sister=Link(sister.title, sister.base_url) if sister else None,
        editions=tuple(edition_view(column, e) for e in reversed(column.editions)),
        adoption=column.adoption_page,
        assist_toolbar=column.assist_toolbar,
    )


def edition_view(column: Column, edition: Edition) -> EditionView:
    return EditionView(
        year=edition.year,
        label=edition.label,
        title=edition.title,
        theme=edition.theme,
        dates=range_text(edition.start, edition.end),
        start_iso=edition.start.isoformat(),
        path=f"{edition.year}/",
        current=edition is column.current,
        sections=tuple(Link(s.title, f"{edition.year}/{s.id}/") for s in edition.sections),
    )


@functools.cache
def section_link(title: str, section_id: str) -> Link:
    """A section as items and breadcrumbs link it: one value for all its articles, not one each."""
    return Link(title, f"{section_id}/")


def item(column: Column, entry: Entry, summary: str, kind_label: str) -> Item:
    article = entry.article
    section = column.section(article.section)
    assert section is not None
    return Item(
        title=article.title,
        path=entry.path,
        date=date_text(article.date),
        date_iso=article.date.isoformat(),
        summary=summary,
        section=section_link(section.title, section.id),
        unit=article.unit,
        kind=kind_label,
        featured=article.featured,
        edition=article.edition,
    )


PAGER_REACH = 1  # pages linked either side of the current one: seven links at most, one row on a phone


def pager(base: str, number: int, total: int) -> Pager:
    def path(n: int) -> str:
        return base if n == 1 else f"{base}page/{n}/"

    shown = sorted({1, total, *range(max(1, number - PAGER_REACH), min(total, number + PAGER_REACH) + 1)})
    pages: list[tuple[int, str] | None] = []
    before = 0
    for n in shown:
        if n - before == 2:
            pages.append((n - 1, path(n - 1)))  # a gap of one page shows that page instead
        elif n - before > 2:
            pages.append(None)
        pages.append((n, path(n)))
        before = n
    return Pager(
        number=number,
        total=total,
        prev=path(number - 1) if number > 1 else None,
        next=path(number + 1) if number < total else None,
        pages=tuple(pages),
    )
