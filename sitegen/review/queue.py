"""The review queue of a column: every submitted item, newest received first, with its `check` problems
and, in a column with review levels (三审), the levels it has passed and the one it waits for.

Filters work without JavaScript: the queue is also written as one plain page per section, per unit, per
level waited for and for the items with problems (`review/section/<id>/`, `review/unit/<n>/`,
`review/level/<n>/`, `review/problems/`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

import jinja2

from ..check import compliance
from ..config import Column
from ..core import Problem, frozen

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@frozen
class QueueItem:
    rel: str  # content/vocational/highlights/x.md
    title: str
    section: str  # section id
    section_title: str
    unit: str
    received: datetime | None
    kind: str  # the kind's Chinese label
    words: int | None  # 字数 of the body, None when the file could not be read
    problems: tuple[Problem, ...]
    preview: str | None  # site-root path of the preview page, None when it could not be rendered
    wechat: str | None
    passed: tuple[tuple[str, str, str], ...] = ()  # review levels recorded: (level, by, date), in order
    waiting: str = ""  # the review level it waits for; "" in a one-level column

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def received_text(self) -> str:
        r = self.received
        return f"{r.year}年{r.month}月{r.day}日 {r.hour:02d}:{r.minute:02d}" if r else "未填写"

    @property
    def received_iso(self) -> str:
        return self.received.isoformat() if self.received else ""


@frozen
class Filter:
    label: str
    path: str  # site-root path of the plain page
    count: int
    key: str  # data-filter value for the script: section:<id>, unit:<name>, level:<name> or problems


def order(items: Iterable[QueueItem]) -> list[QueueItem]:
    """Newest received first; items without `received` last, then by file."""
    dated = sorted((i for i in items if i.received), key=lambda i: (-i.received.timestamp(), i.rel))  # type: ignore[union-attr]
    return dated + sorted((i for i in items if not i.received), key=lambda i: i.rel)


def queue_pages(column: Column, items: Iterable[QueueItem]) -> dict[str, str]:
    """Site-root path -> HTML of the queue and of each of its filtered lists."""
    ordered = order(items)
    units = sorted({i.unit for i in ordered})
    unit_path = {name: f"review/unit/{n}/" for n, name in enumerate(units, 1)}
    sections = [(s.id, s.title) for s in column.sections if any(i.section == s.id for i in ordered)]
    filters = (
        [Filter("有问题的稿件", "review/problems/", sum(1 for i in ordered if i.problems), "problems")],
        [
            Filter(t, f"review/section/{s}/", sum(1 for i in ordered if i.section == s), f"section:{s}")
            for s, t in sections
        ],
        [Filter(u, unit_path[u], sum(1 for i in ordered if i.unit == u), f"unit:{u}") for u in units],
        [
            Filter(f"待{level}", f"review/level/{n}/", sum(1 for i in ordered if i.waiting == level), f"level:{level}")
            for n, level in enumerate(column.review_levels, 1)
        ],
    )
    lists: dict[str, tuple[str, list[QueueItem]]] = {"review/": ("全部待审稿件", ordered)}
    # The approve command the page shows: on a level's page, that level's.
    levels = {f"review/level/{n}/": level for n, level in enumerate(column.review_levels, 1)}
    lists["review/problems/"] = ("有问题的稿件", [i for i in ordered if i.problems])
    for section_id, title in sections:
        lists[f"review/section/{section_id}/"] = (f"版块：{title}", [i for i in ordered if i.section == section_id])
    for unit in units:
        lists[unit_path[unit]] = (f"单位：{unit}", [i for i in ordered if i.unit == unit])
    for n, level in enumerate(column.review_levels, 1):
        lists[f"review/level/{n}/"] = (f"待{level}", [i for i in ordered if i.waiting == level])
    template = _ENV.get_template("queue.html")
    return {
        path: template.render(
            column=column,
            heading=heading,
            current=path,
            items=shown,
            total=len(ordered),
            filters=filters,
            unit_path=unit_path,
            compliance=compliance((i.unit, i.problems) for i in ordered),
            level=levels.get(path, column.review_levels[0] if column.review_levels else ""),
            up="../" * path.count("/"),
        )
        for path, (heading, shown) in lists.items()
    }


def problems_by_file(problems: Iterable[Problem]) -> Mapping[str, tuple[Problem, ...]]:
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        found.setdefault(problem.path, []).append(problem)
    return {path: tuple(sorted(set(group), key=_where)) for path, group in found.items()}


def _where(problem: Problem) -> tuple[int, str, str]:
    return (problem.line or 0, problem.field, problem.message)
