"""Media reports (媒体报道) of `media` items, per unit, by the outlet's level in config.yml."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..config import ReportSettings
from ..content import Registry, Submission, Unit
from ..core import frozen


def outlet_level(outlet: str, settings: ReportSettings) -> str | None:
    """ "central", "provincial" or None: the longest listed name the outlet starts with decides, so
    人民网山西频道 is central under 人民网 unless the provincial list names it."""
    best: tuple[int, str | None] = (0, None)
    for level, names in (("central", settings.central), ("provincial", settings.provincial)):
        for name in names:
            if outlet.startswith(name) and len(name) > best[0]:
                best = (len(name), level)
    return best[1]


@frozen
class MediaCount:
    central: int = 0  # 中央媒体
    provincial: int = 0  # 省级以上（不含中央）
    total: int = 0  # every report, on a list or not

    def __add__(self, other: MediaCount) -> MediaCount:
        return MediaCount(self.central + other.central, self.provincial + other.provincial, self.total + other.total)


def media_counts(
    registry: Registry,
    items: Iterable[Submission],
    settings: ReportSettings,
    owner: Callable[[Unit], Unit | None] = lambda unit: unit,
) -> dict[str, MediaCount]:
    """Reports of submitted and approved `media` items (a rejected item's reports are not vouched for),
    by the unit `owner` assigns each item's unit to."""
    out: dict[str, MediaCount] = {}
    targets: dict[str, Unit | None] = {}
    levels: dict[str, str | None] = {}
    for item in items:
        if item.kind != "media" or item.status not in ("submitted", "approved"):
            continue
        if item.unit not in targets:
            unit = registry.find(item.unit)
            targets[item.unit] = owner(unit) if unit else None
        target = targets[item.unit]
        if target is None:
            continue
        for report in item.reports:
            if report.outlet not in levels:
                levels[report.outlet] = outlet_level(report.outlet, settings)
            level = levels[report.outlet]
            count = MediaCount(int(level == "central"), int(level == "provincial"), 1)
            out[target.name] = out.get(target.name, MediaCount()) + count
    return out
