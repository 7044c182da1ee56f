"""Stage 4, validation and layout: which articles are published, at which URL, in which order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import field
from datetime import datetime

from ..config import Column, Config
from ..content import Article, Registry, Unit
from ..core import Problem, frozen, slugify


@frozen
class Entry:
    """A published article with its place in the site."""

    article: Article
    slug: str
    path: str  # site-root path, e.g. highlights/taiyuan-opening/
    unit: Unit


@frozen
class ColumnCatalog:
    column: Column
    entries: tuple[Entry, ...]  # newest first
    by_section: Mapping[str, tuple[Entry, ...]]  # newest first
    by_unit: Mapping[str, tuple[Entry, ...]]
    by_city: Mapping[str, tuple[Entry, ...]]
    aliases: Mapping[str, str]  # old path -> new path
    by_edition: Mapping[int, tuple[Entry, ...]] = field(default_factory=dict)  # every configured year, newest first
    unit_aliases: Mapping[str, str] = field(default_factory=dict)  # units/<former-name slug>/ -> units/<slug>/

    def edition_section(self, year: int, section_id: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.by_edition.get(year, ()) if e.article.section == section_id)


def order_key(entry: Entry) -> tuple[float, str]:
    return (-entry.article.date.timestamp(), entry.path)


def build_catalog(
    config: Config,
    registry: Registry,
    articles: list[Article],
    slugs: Mapping[str, str],
    now: datetime,
    include: Callable[[Article], bool] | None = None,
) -> tuple[dict[str, ColumnCatalog], list[Problem]]:
    """`slugs` gives each article's URL segment by its path (see analyze.py). `include` says which articles
    are laid out: by default those published at `now`; the review preview passes its own."""
    shown = include or (lambda article: article.is_published(now))
    problems: list[Problem] = []
    catalogs = {}
    for column in config.columns.values():
        entries: list[Entry] = []
        owners: dict[str, Article] = {}
        aliases: dict[str, str] = {}
        for article in articles:
            if article.column != column.id or not shown(article):
                continue
            unit = registry.find(article.unit)
            if unit is None:
                continue  # reported by the rules
            slug = slugs[article.rel]
            edition = column.edition(article.edition)
            prefix = f"{edition.year}/" if edition and edition.year_in_urls else ""  # config: year_in_urls
            path = f"{prefix}{article.section}/{slug}/"
            if path in owners:
                problems.append(_collision(article, owners[path], path))
                continue
            owners[path] = article
            entries.append(Entry(article, slug, path, unit))
        for entry in entries:
            for alias in entry.article.aliases:
                if alias in owners or alias in aliases:
                    other = owners.get(alias)
                    problems.append(
                        Problem(
                            entry.article.rel,
                            None,
                            "aliases",
                            f"旧网址 /{alias} 已被{'“' + other.rel + '”' if other else '其他文章的 aliases'}使用",
                            "删除重复的旧网址",
                        )
                    )
                    continue
                aliases[alias] = entry.path
        entries.sort(key=order_key)
        by_section: dict[str, list[Entry]] = defaultdict(list)
        by_unit: dict[str, list[Entry]] = defaultdict(list)
        by_city: dict[str, list[Entry]] = defaultdict(list)
        by_edition: dict[int, list[Entry]] = {e.year: [] for e in reversed(column.editions)}
        for entry in entries:
            by_section[entry.article.section].append(entry)
            by_unit[entry.unit.name].append(entry)
            by_city[entry.unit.city].append(entry)
            by_edition.setdefault(entry.article.edition, []).append(entry)
        catalogs[column.id] = ColumnCatalog(
            column,
            tuple(entries),
            {s.id: tuple(by_section.get(s.id, ())) for s in column.sections},
            {k: tuple(v) for k, v in by_unit.items()},
            {k: tuple(v) for k, v in by_city.items()},
            aliases,
            {year: tuple(v) for year, v in by_edition.items()},
            _unit_aliases(config, entries, set(owners) | set(aliases)),
        )
    return catalogs, problems


def _unit_aliases(config: Config, entries: list[Entry], taken: set[str]) -> dict[str, str]:
    """A renamed or merged unit's old page, /units/<slug of the former name>/, leads to its page now."""
    places = config.place_slugs()
    pages = {f"units/{e.unit.slug}/" for e in entries}
    out = {}
    for unit in sorted({e.unit for e in entries}, key=lambda u: u.slug):
        for old in unit.former_names:
            path = f"units/{slugify(old, places)}/"
            if path not in pages and path not in taken:
                out[path] = f"units/{unit.slug}/"
    return out


def _collision(article: Article, other: Article, path: str) -> Problem:
    editions = "" if article.edition == other.edition else f"（{other.edition} 届与 {article.edition} 届）"
    return Problem(
        article.rel,
        None,
        "slug",
        f"网址 /{path} 与“{other.rel}”相同{editions}",
        "请为其中一篇填写不同的 slug，或修改文件名",
    )
