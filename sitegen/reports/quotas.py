"""Daily quotas (晋教职成函〔2024〕31号 四、报送时间): who sent how many items on which day of the period."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta, tzinfo

from ..config import UNIT_TYPE_IDS, Column, Config, QuotaRule, ReportSettings
from ..content import Registry, Submission, Unit
from ..core import frozen


def quota_period(column: Column, settings: ReportSettings, year: int) -> tuple[date, ...]:
    """The edition's `quota:` days, or its week moved by `period_offset` days (a year without an edition in
    config.yml: the current week moved into that year)."""
    edition = column.edition(year) if column.editions else None
    if edition is not None and edition.quota_start and edition.quota_end:
        return tuple(
            edition.quota_start + timedelta(days=i) for i in range((edition.quota_end - edition.quota_start).days + 1)
        )
    first = edition.start if edition is not None else column.start.replace(year=year)
    start = first + timedelta(days=settings.period_offset)
    return tuple(start + timedelta(days=i) for i in range(edition.days if edition is not None else column.days))


def quota_day(received: datetime, tz: tzinfo, cutoff: time) -> date:
    """The day an item counts for: one received at or after the cut-off counts on the next day."""
    local = received.astimezone(tz)
    return local.date() + timedelta(days=1) if local.time() >= cutoff else local.date()


def day_label(day: date) -> str:
    return f"{day.month}月{day.day}日"


def bureau_of(registry: Registry, city: str) -> Unit | None:
    return next((u for u in registry.units.values() if u.type == "city-bureau" and u.city == city), None)


def accountable(unit: Unit, registry: Registry, settings: ReportSettings) -> Unit:
    """The unit whose quota an item counts for: a city bureau counts the municipal units it organises."""
    if unit.type in settings.city_bureau_includes and unit.name not in settings.provincial_units:
        return bureau_of(registry, unit.city) or unit
    return unit


@frozen
class QuotaRow:
    unit: Unit
    rule: QuotaRule
    counts: tuple[int, ...]  # per day of the period, every column the rule counts together
    by_column: tuple[tuple[str, int], ...] = ()  # (column id, items over the period): the split of `total`

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def met(self) -> bool:
        if self.rule.daily:
            return all(n >= self.rule.minimum for n in self.counts)
        return self.total >= self.rule.minimum


def unit_order(config: Config) -> Callable[[Unit], tuple[int, int, str]]:
    """The order of every table of units: city (as in config.yml), then type (as in SPEC 4.4), then name."""
    cities = {c.name: i for i, c in enumerate(config.cities)}

    def key(unit: Unit) -> tuple[int, int, str]:
        kind = UNIT_TYPE_IDS.index(unit.type) if unit.type in UNIT_TYPE_IDS else len(UNIT_TYPE_IDS)
        return (cities.get(unit.city, len(cities)), kind, unit.name)

    return key


def quota_rows(
    config: Config, registry: Registry, items: Iterable[Submission], days: Sequence[date]
) -> tuple[QuotaRow, ...]:
    """One row per registered unit with a quota, zero rows included. `items` are those of every column: a
    rule counts the items of the columns it names (by default all), so one quota covers both weeks."""
    settings = config.reports
    index = {day: i for i, day in enumerate(days)}
    columns = tuple(config.columns)
    counts: dict[str, list[int]] = {}
    split: dict[tuple[str, str], int] = {}
    owners: dict[str, Unit | None] = {}  # by the name an item gives
    for item in items:
        if not item.counted or item.received is None:
            continue
        if item.unit not in owners:
            unit = registry.find(item.unit)
            owners[item.unit] = accountable(unit, registry, settings) if unit else None
        owner = owners[item.unit]
        slot = index.get(quota_day(item.received, config.timezone, settings.cutoff))
        rule = settings.rule_for(owner.type) if owner else None
        if owner is None or slot is None or rule is None or not rule.counts(item.column):
            continue
        counts.setdefault(owner.name, [0] * len(days))[slot] += 1
        split[owner.name, item.column] = split.get((owner.name, item.column), 0) + 1
    rows = []
    for unit in sorted(registry.units.values(), key=unit_order(config)):
        rule = settings.rule_for(unit.type)
        if rule is not None:
            by_column = tuple((c, split.get((unit.name, c), 0)) for c in columns if rule.counts(c))
            rows.append(QuotaRow(unit, rule, tuple(counts.get(unit.name, [0] * len(days))), by_column))
    return tuple(rows)


@frozen
class Shortfall:
    row: QuotaRow
    have: int
    need: int
    note: str


def shortfalls(rows: Iterable[QuotaRow], days: Sequence[date], today: date) -> tuple[Shortfall, ...]:
    """Who is short today; after the period, who missed it; before it, nobody."""
    out = []
    if days and days[0] <= today <= days[-1]:
        i = days.index(today)
        left = len(days) - 1 - i
        for row in rows:
            have = row.counts[i] if row.rule.daily else sum(row.counts[: i + 1])
            if have < row.rule.minimum:
                note = "今日" if row.rule.daily else f"活动周内累计，还剩 {left} 天"
                out.append(Shortfall(row, have, row.rule.minimum, note))
    elif days and today > days[-1]:
        for row in rows:
            if not row.met:
                if row.rule.daily:
                    missed = sum(1 for n in row.counts if n < row.rule.minimum)
                    out.append(Shortfall(row, row.total, row.rule.minimum * len(days), f"{missed} 天未达标"))
                else:
                    out.append(Shortfall(row, row.total, row.rule.minimum, "活动周内合计未达标"))
    return tuple(out)
