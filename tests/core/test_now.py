"""One clock: `--now`, SITEGEN_NOW and the dev server, read in config.timezone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sitekit

from sitegen.commands import serve
from sitegen.core import UsageError, clock, now_in, pinned

TOKYO = ZoneInfo("Asia/Tokyo")


def test_a_time_without_a_zone_is_read_in_the_configured_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITEGEN_NOW", raising=False)
    assert clock(TOKYO, "2024-05-20T09:00") == datetime(2024, 5, 20, 9, 0, tzinfo=TOKYO)
    # A time that names its zone is the same moment, told in the configured zone.
    assert clock(TOKYO, "2024-05-20T09:00+08:00").isoformat() == "2024-05-20T10:00:00+09:00"


def test_now_flag_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_NOW", "2024-05-01T08:00")
    assert pinned("2024-05-20T09:00") == datetime(2024, 5, 20, 9, 0)
    assert pinned() == datetime(2024, 5, 1, 8, 0)
    monkeypatch.delenv("SITEGEN_NOW")
    assert pinned() is None
    assert now_in(TOKYO).tzinfo is TOKYO


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        ("昨天", None, "--now：“昨天”不是有效的时间，例如 2024-05-14T09:00"),
        (None, "next monday", "SITEGEN_NOW：“next monday”不是有效的时间，例如 2024-05-14T09:00"),
    ],
)
def test_a_malformed_time_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, text: str | None, env: str | None, message: str
) -> None:
    if env is None:
        monkeypatch.delenv("SITEGEN_NOW", raising=False)
    else:
        monkeypatch.setenv("SITEGEN_NOW", env)
    with pytest.raises(UsageError) as caught:
        pinned(text)
    assert str(caught.value) == message


def test_the_dev_server_reads_sitegen_now_in_config_timezone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = sitekit.materialize(tmp_path)
    config = site.root / "config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("timezone: Asia/Shanghai", "timezone: Asia/Tokyo"), encoding="utf-8"
    )
    monkeypatch.setenv("SITEGEN_NOW", "2024-05-20T23:30")
    assert serve.now(site.project) == datetime(2024, 5, 20, 23, 30, tzinfo=TOKYO)
