"""A long build on a terminal shows the step and its count; pipes and CI show none."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
import sitekit

from sitegen.commands import progress as progress_module
from sitegen.commands.progress import TerminalProgress, terminal_progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_reporter_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert terminal_progress(io.StringIO()) is None  # a pipe or a file
    assert isinstance(terminal_progress(Tty()), TerminalProgress)
    monkeypatch.setenv("CI", "true")
    assert terminal_progress(Tty()) is None


def test_nothing_is_shown_in_the_first_two_seconds_then_step_and_count(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", clock)
    stream = Tty()
    report = TerminalProgress(stream)
    report("analyze", 0, 0)
    report("分析稿件", 10, 10_000)
    assert stream.getvalue() == ""  # a short build stays silent
    clock.now += 2.5
    report("分析稿件", 3200, 10_000)
    report("分析稿件", 3201, 10_000)  # within a tenth of a second: not redrawn
    report("pages", 0, 0)  # a new step always shows
    clock.now += 0.01
    report("生成页面（职教周）", 12_000, 12_000)  # the last count always shows
    report.close()
    assert stream.getvalue().split("\r\x1b[2K") == [
        "",
        "分析稿件 3200/10000",
        "生成页面……",
        "生成页面（职教周） 12000/12000",
        "",
    ]


def test_a_build_in_a_pipe_prints_no_progress(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    (site.root / "themes").symlink_to(sitekit.REPO / "themes")
    env = {**os.environ, "SITEGEN_NOW": sitekit.NOW.isoformat(), "TERM": "xterm"}
    env.pop("CI", None)
    done = subprocess.run(
        [sys.executable, str(sitekit.REPO / "build.py"), "--root", str(site.root), "build"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr and "\x1b" not in done.stderr


def test_a_build_on_a_terminal_is_silent_when_short(tmp_path: Path) -> None:
    """Under a pseudo-terminal the reporter is on, and a build under two seconds still prints only its result."""
    site = sitekit.materialize(tmp_path)
    (site.root / "themes").symlink_to(sitekit.REPO / "themes")
    env = {**os.environ, "SITEGEN_NOW": sitekit.NOW.isoformat(), "TERM": "xterm"}
    env.pop("CI", None)
    subprocess.run(
        [sys.executable, str(sitekit.REPO / "build.py"), "--root", str(site.root), "build"],
        capture_output=True,
        env=env,
        timeout=300,
        check=True,
    )
    parent, child = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, str(sitekit.REPO / "build.py"), "--root", str(site.root), "build"],
            stdout=subprocess.PIPE,
            stderr=child,
            env=env,
            timeout=300,
        )
        os.close(child)
        shown = b""
        while True:
            try:
                chunk = os.read(parent, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(parent)
    assert done.returncode == 0
    assert done.stdout.decode().startswith("没有文件变化")
    assert shown == b""
