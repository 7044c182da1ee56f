"""How long the reports take for N synthetic submissions (python -m tests.reports.bench_reports 10000).

The records are made in memory, as the build index will hand them over; the time is the queries and the
writers of both columns, not reading files."""

from __future__ import annotations

import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.config import load_config
from sitegen.content import MediaReport, Submission, load_units
from sitegen.reports import column_reports
from sitegen.reports.forms import Forms

REPO = Path(__file__).parents[2]
OUTLETS = ("人民日报", "人民网山西频道", "山西日报", "黄河新闻网", "太原日报", "中国教育报")


def records(n: int, units: list[str], seed: int = 7) -> list[Submission]:
    rng = random.Random(seed)
    tz = ZoneInfo("Asia/Shanghai")
    start = datetime(2024, 5, 12, 8, 0, tzinfo=tz)
    out = []
    for i in range(n):
        received = start + timedelta(minutes=rng.randrange(0, 8 * 24 * 60))
        media = rng.random() < 0.1
        out.append(
            Submission(
                rel=f"content/x/highlights/item-{i}.md",
                column=rng.choice(("vocational", "lifelong")),
                section="highlights",
                title=f"稿件{i}",
                unit=rng.choice(units),
                status=rng.choices(("approved", "submitted", "rejected", "draft"), (70, 15, 10, 5))[0],
                kind="media" if media else "news",
                received=None if rng.random() < 0.02 else received,
                date=received + timedelta(hours=3),
                publish_at=None,
                reports=tuple(MediaReport(rng.choice(OUTLETS), None) for _ in range(3)) if media else (),
            )
        )
    return out


def main(n: int) -> None:
    config = load_config(REPO / "config.yml")
    registry, _ = load_units(config, REPO / "content" / "units.yml")
    items = records(n, list(registry.units))
    now = datetime(2024, 5, 16, 12, 0, tzinfo=config.timezone)
    begin = time.perf_counter()
    size = 0
    for column in config.columns.values():
        mine = [s for s in items if s.year == 2024]  # every column: quotas count both together
        size += sum(len(b) for b in column_reports(config, registry, column, mine, 2024, now, Forms()).values())
    print(f"{n} submissions: both columns' reports in {time.perf_counter() - begin:.2f} s ({size // 1024} KB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
