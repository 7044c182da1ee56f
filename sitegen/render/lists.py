"""Stage 5, render: the list pages of one column site: home, sections, units, cities, editions and redirects."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..check import ColumnCatalog, Entry
from ..config import Config
from . import feeds
from .pages import PageMeta, Renderer
from .urls import base_path
from .views import Item, Link, WeekStatus, pager


@dataclass(frozen=True)
class Group:
    """Items of one edition on a list page; `heading` is None when the list needs no edition headings."""

    heading: str | None
    items: tuple[Item, ...]


def listing(
    r: Renderer,
    config: Config,
    items: Mapping[str, Item],
    base: str,
    title: str,
    kind: str,
    entries: Sequence[Entry],
    crumbs: tuple[Link, ...],
    feed: str | None = None,
    intro: str = "",
) -> None:
    """A paginated list. When the column has more than one edition and the list spans several, each page's
    items are grouped under their edition's heading."""
    column = r.column
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
        r.page("list.html", meta, heading=title, items=chunk, groups=groups, pager=p, intro=intro)


def render_lists(
    r: Renderer, config: Config, catalog: ColumnCatalog, items: Mapping[str, Item], status: WeekStatus
) -> None:
    """Home, section lists, unit and city pages, the 404 page and alias redirects."""
    column = r.column
    home = Link(column.short_title, "")
    current = catalog.by_edition.get(catalog.column.current.year, ()) if catalog.column.editions else catalog.entries
    latest = {s.id: [items[e.path] for e in current if e.article.section == s.id][:6] for s in catalog.column.sections}
    featured = [items[e.path] for e in current if e.article.featured][:4]
    r.page(
        "home.html",
        PageMeta("", column.title, f"{column.title}：{column.theme}", "home", feed="feed.xml"),
        status=status,
        summary=edition_summary(current) if status.state == "over" else "",
        latest=latest,
        featured=featured,
        newest=[items[e.path] for e in current[:8]],
    )

    for section in catalog.column.sections:
        entries = catalog.by_section[section.id]
        listing(
            r, config, items, f"{section.id}/", section.title, "section", entries, (home,), f"{section.id}/feed.xml"
        )
        r.files[f"{section.id}/feed.xml"] = feeds.atom(
            column,
            f"{column.title} · {section.title}",
            f"{section.id}/feed.xml",
            f"{section.id}/",
            [items[e.path] for e in entries[: config.feed_entries]],
        )

    units = sorted({e.unit for e in catalog.entries}, key=lambda u: (u.city, u.type, u.slug))
    for unit in units:
        listing(
            r,
            config,
            items,
            f"units/{unit.slug}/",
            unit.name,
            "unit",
            catalog.by_unit[unit.name],
            (home, Link("投稿单位", "units/")),
            intro=f"{unit.city} · {unit.type_label}"
            + (f" · 曾用名：{'、'.join(unit.former_names)}" if unit.former_names else ""),
        )
    r.page(
        "units.html",
        PageMeta("units/", "投稿单位", f"{column.title}各投稿单位", "units", (home,)),
        units=[(u, len(catalog.by_unit[u.name])) for u in units],
    )

    cities = [c for c in config.cities if c.name in catalog.by_city]
    for city in cities:
        crumbs = (home, Link("各市动态", "cities/"))
        listing(r, config, items, f"cities/{city.slug}/", city.name, "city", catalog.by_city[city.name], crumbs)
    r.page(
        "cities.html",
        PageMeta("cities/", "各市动态", f"{column.title}各市稿件", "cities", (home,)),
        cities=[(c, len(catalog.by_city.get(c.name, ()))) for c in config.cities],
    )

    render_editions(r, config, catalog, items)
    r.page("404.html", PageMeta("404.html", "页面未找到", "页面未找到", "404", robots="noindex", absolute_links=True))
    for alias, target in sorted(catalog.aliases.items()):
        r.page(
            "redirect.html",
            PageMeta(alias, items[target].title, items[target].title, "redirect", robots="noindex"),
            target=target,
        )
    for alias, target in sorted(catalog.unit_aliases.items()):
        name = next(e.unit.name for e in catalog.entries if f"units/{e.unit.slug}/" == target)
        r.page("redirect.html", PageMeta(alias, name, name, "redirect", robots="noindex"), target=target)
    r.files["feed.xml"] = feeds.atom(
        column, column.title, "feed.xml", "", [items[e.path] for e in catalog.entries[: config.feed_entries]]
    )
    r.files["robots.txt"] = feeds.robots(column.base_url, base_path(column.base_url))


def edition_summary(entries: Sequence[Entry]) -> str:
    """What an edition published, in one sentence, for its home after the week."""
    if not entries:
        return "本届暂无已发布的稿件。"
    units = {e.unit.name for e in entries}
    cities = {e.unit.city for e in entries}
    return f"本届共发布稿件 {len(entries)} 篇，来自 {len(cities)} 个市的 {len(units)} 个单位。"


def render_editions(r: Renderer, config: Config, catalog: ColumnCatalog, items: Mapping[str, Item]) -> None:
    """往届回顾 (editions/) and, for every edition, its own home /<year>/ and section lists /<year>/<section>/."""
    column = r.column
    home = Link(column.short_title, "")
    archive = Link("往届回顾", "editions/")
    counts = {e.year: len(catalog.by_edition.get(e.year, ())) for e in column.editions}
    r.page(
        "editions.html",
        PageMeta("editions/", "往届回顾", f"{column.short_title}历届专栏", "editions", (home,)),
        counts=counts,
    )
    for edition in column.editions:
        entries = catalog.by_edition.get(edition.year, ())
        latest = {
            s.path: [items[e.path] for e in entries if f"{edition.year}/{e.article.section}/" == s.path][:6]
            for s in edition.sections
        }
        r.page(
            "edition.html",
            PageMeta(edition.path, edition.title, f"{edition.title}：{edition.theme}", "edition", (home, archive)),
            edition=edition,
            summary=edition_summary(entries),
            latest=latest,
        )
        crumbs = (home, archive, Link(edition.label, edition.path))
        for section in edition.sections:
            chosen = [e for e in entries if f"{edition.year}/{e.article.section}/" == section.path]
            listing(
                r, config, items, section.path, f"{edition.label}{section.title}", "edition-section", chosen, crumbs
            )
