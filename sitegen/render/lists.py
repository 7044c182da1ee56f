"""Stage 5, render: the list pages of one column site: home, sections, units, cities, editions and redirects."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..check import ColumnCatalog, Entry
from ..config import Config
from ..content import MediaUse
from ..core import frozen
from ..images import Picture
from . import feeds
from .plan import Feed, Page, PageMeta, PagePlan, page, plan_of
from .showcase import home_photos
from .urls import base_path
from .views import ColumnView, Item, Link, WeekStatus, pager


@frozen
class Group:
    """Items of one edition on a list page; `heading` is None when the list needs no edition headings."""

    heading: str | None
    items: tuple[Item, ...]


def listing(
    column: ColumnView,
    config: Config,
    items: Mapping[str, Item],
    base: str,
    title: str,
    kind: str,
    entries: Sequence[Entry],
    crumbs: tuple[Link, ...],
    feed: str | None = None,
    intro: str = "",
) -> list[Page]:
    """A paginated list. When the column has more than one edition and the list spans several, each page's
    items are grouped under their edition's heading."""
    pages: list[Page] = []
    labels = {e.year: e.title if str(e.year) in e.title else f"{e.label} · {e.title}" for e in column.editions}
    grouped = len(column.editions) > 1 and len({e.article.edition for e in entries}) > 1
    size = config.pagination
    total = max(1, math.ceil(len(entries) / size))
    for number in range(1, total + 1):
        chunk = [items[e.path] for e in entries[(number - 1) * size : number * size]]
        groups: list[Group] = []
        for one in chunk:
            heading = labels.get(one.edition) if grouped else None
            if groups and groups[-1].heading == heading:
                groups[-1] = Group(heading, (*groups[-1].items, one))
            else:
                groups.append(Group(heading, (one,)))
        p = pager(base, number, total)
        path = base if number == 1 else f"{base}page/{number}/"
        heading = title if number == 1 else f"{title}（第 {number} 页）"
        meta = PageMeta(path, heading, intro or f"{column.title} · {title}", kind, crumbs, feed=feed)
        # The items only in their groups: a page's key encodes all of its data, so a second list of the same
        # items would double the time of keying a list page (docs/performance.md).
        pages.append(page("list.html", meta, heading=title, groups=groups, pager=p, intro=intro))
    return pages


def plan_lists(
    column: ColumnView,
    config: Config,
    catalog: ColumnCatalog,
    items: Mapping[str, Item],
    status: WeekStatus,
    uses: Mapping[str, MediaUse] | None = None,
    pictures: Mapping[Path, Picture] | None = None,
) -> PagePlan:
    """Home, section lists, unit and city pages, editions, the 404 page, redirects, feeds and robots.txt."""
    pages: list[Page] = []
    made: dict[str, Feed] = {}
    home = Link(column.short_title, "")
    current = catalog.by_edition.get(catalog.column.current.year, ()) if catalog.column.editions else catalog.entries
    in_section = _grouped(current, _section_of)
    latest = {s.id: [items[e.path] for e in in_section.get(s.id, ())[:6]] for s in catalog.column.sections}
    featured = [items[e.path] for e in current if e.article.featured][:4]
    pages.append(
        page(
            "home.html",
            PageMeta("", column.title, f"{column.title}：{column.theme}", "home", feed="feed.xml"),
            status=status,
            summary=edition_summary(current) if status.state == "over" else "",
            latest=latest,
            featured=featured,
            newest=[items[e.path] for e in current[:8]],
            photos=home_photos(current, uses or {}, pictures or {}),
        )
    )

    for section in catalog.column.sections:
        entries = catalog.by_section[section.id]
        feed = f"{section.id}/feed.xml"
        pages += listing(column, config, items, f"{section.id}/", section.title, "section", entries, (home,), feed)
        newest = tuple(items[e.path] for e in entries[: config.feed_entries])
        made[feed] = Feed(f"{column.title} · {section.title}", f"{section.id}/", newest)

    units = sorted({e.unit for e in catalog.entries}, key=lambda u: (u.city, u.type, u.slug))
    for unit in units:
        former = f" · 曾用名：{'、'.join(unit.former_names)}" if unit.former_names else ""
        pages += listing(
            column,
            config,
            items,
            f"units/{unit.slug}/",
            unit.name,
            "unit",
            catalog.by_unit[unit.name],
            (home, Link("投稿单位", "units/")),
            intro=f"{unit.city} · {unit.type_label}{former}",
        )
    pages.append(
        page(
            "units.html",
            PageMeta("units/", "投稿单位", f"{column.title}各投稿单位", "units", (home,)),
            units=[(u, len(catalog.by_unit[u.name])) for u in units],
        )
    )

    cities = [c for c in config.cities if c.name in catalog.by_city]
    for city in cities:
        crumbs = (home, Link("各市动态", "cities/"))
        entries = catalog.by_city[city.name]
        pages += listing(column, config, items, f"cities/{city.slug}/", city.name, "city", entries, crumbs)
    pages.append(
        page(
            "cities.html",
            PageMeta("cities/", "各市动态", f"{column.title}各市稿件", "cities", (home,)),
            cities=[(c, len(catalog.by_city.get(c.name, ()))) for c in config.cities],
        )
    )

    pages += plan_editions(column, config, catalog, items)
    meta_404 = PageMeta("404.html", "页面未找到", "页面未找到", "404", robots="noindex", absolute_links=True)
    pages.append(page("404.html", meta_404))
    for alias, target in sorted(catalog.aliases.items()):
        meta = PageMeta(alias, items[target].title, items[target].title, "redirect", robots="noindex")
        pages.append(page("redirect.html", meta, target=target))
    for alias, target in sorted(catalog.unit_aliases.items()):
        name = next(e.unit.name for e in catalog.entries if f"units/{e.unit.slug}/" == target)
        pages.append(page("redirect.html", PageMeta(alias, name, name, "redirect", robots="noindex"), target=target))
    made["feed.xml"] = Feed(column.title, "", tuple(items[e.path] for e in catalog.entries[: config.feed_entries]))
    robots = feeds.robots(column.base_url, base_path(column.base_url))
    return plan_of(pages, {"robots.txt": robots}, feeds=made)


def edition_summary(entries: Sequence[Entry]) -> str:
    """What an edition published, in one sentence, for its home after the week."""
    if not entries:
        return "本届暂无已发布的稿件。"
    units = {e.unit.name for e in entries}
    cities = {e.unit.city for e in entries}
    return f"本届共发布稿件 {len(entries)} 篇，来自 {len(cities)} 个市的 {len(units)} 个单位。"


def _grouped(entries: Sequence[Entry], key: Callable[[Entry], str]) -> dict[str, list[Entry]]:
    """The entries by `key`, each group in their order: one pass, not one for each section of a column."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(key(entry), []).append(entry)
    return groups


def _section_of(entry: Entry) -> str:
    return entry.article.section


def plan_editions(column: ColumnView, config: Config, catalog: ColumnCatalog, items: Mapping[str, Item]) -> list[Page]:
    """往届回顾 (editions/) and, for every edition, its own home /<year>/ and section lists /<year>/<section>/."""
    pages: list[Page] = []
    home = Link(column.short_title, "")
    archive = Link("往届回顾", "editions/")
    counts = {e.year: len(catalog.by_edition.get(e.year, ())) for e in column.editions}
    meta = PageMeta("editions/", "往届回顾", f"{column.short_title}历届专栏", "editions", (home,))
    pages.append(page("editions.html", meta, counts=counts))
    for edition in column.editions:
        entries = catalog.by_edition.get(edition.year, ())
        in_section = {f"{edition.year}/{sid}/": group for sid, group in _grouped(entries, _section_of).items()}
        latest = {s.path: [items[e.path] for e in in_section.get(s.path, ())[:6]] for s in edition.sections}
        meta = PageMeta(edition.path, edition.title, f"{edition.title}：{edition.theme}", "edition", (home, archive))
        pages.append(page("edition.html", meta, edition=edition, summary=edition_summary(entries), latest=latest))
        crumbs = (home, archive, Link(edition.label, edition.path))
        for section in edition.sections:
            chosen = in_section.get(section.path, [])
            title = f"{edition.label}{section.title}"
            pages += listing(column, config, items, section.path, title, "edition-section", chosen, crumbs)
    return pages
