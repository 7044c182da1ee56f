"""The one clock of build, check, new and serve: `--now` or SITEGEN_NOW pins it, in the configured time zone."""

from __future__ import annotations

import os
from datetime import datetime, tzinfo

from .problems import UsageError

ENV = "SITEGEN_NOW"


def pinned(text: str | None = None) -> datetime | None:
    """The moment `--now` (text) or else SITEGEN_NOW names, as written; None when the clock runs free.

    A moment without a zone stays naive here: it is read in config.timezone by `now_in`, once the
    config is known. A value that is not an ISO time is a usage error (exit code 2)."""
    source, value = ("--now", text) if text else (ENV, os.environ.get(ENV))
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{source}：“{value}”不是有效的时间，例如 2024-05-14T09:00") from None


def now_in(tz: tzinfo, moment: datetime | None = None) -> datetime:
    """`moment` (read in `tz` when it has no zone), or the current time, in `tz`."""
    if moment is None:
        return datetime.now(tz)
    return moment.astimezone(tz) if moment.tzinfo else moment.replace(tzinfo=tz)


def clock(tz: tzinfo, text: str | None = None) -> datetime:
    """Now in `tz`, unless `--now` (text) or SITEGEN_NOW pins it."""
    return now_in(tz, pinned(text))
