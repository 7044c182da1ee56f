"""`build.py serve` in a real browser: saves reload the page by themselves, content errors show as a page."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sitekit
from sitekit import FixtureSite

ARTICLE = "content/vocational/highlights/opening.md"
URL = "vocational/highlights/opening/"
RELOAD_TIMEOUT_MS = 10_000  # generous on purpose: this checks that reloads happen, the latency is only reported
START_TIMEOUT_S = 180  # the first build of the copy, on a busy machine


@dataclass(frozen=True)
class DevServer:
    root: Path
    url: str
    log: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"build.py serve exited with {process.returncode}:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"build.py serve did not answer within {START_TIMEOUT_S} s:\n{log.read_text(encoding='utf-8')}")


@pytest.fixture
def dev_server(valid_site: FixtureSite, tmp_path: Path) -> Iterator[DevServer]:
    """`build.py serve` on a free port, in its own process, for a writable copy of the valid fixture site."""
    root = tmp_path / "site"
    shutil.copytree(valid_site.root, root, symlinks=True)
    (root / "themes").symlink_to(sitekit.REPO / "themes", target_is_directory=True)
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "SITEGEN_NOW": sitekit.NOW.isoformat(), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, str(sitekit.REPO / "build.py"), "--root", str(root), "serve", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root)
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_until_serving(process, url, log)
        yield DevServer(root, url, log)
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: the server stops its watcher and exits
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0, log.read_text(encoding="utf-8")
    assert "Traceback" not in log.read_text(encoding="utf-8")


class LiveSockets:
    """Counts pages whose livereload client has introduced itself to the server (the `info` frame)."""

    def __init__(self, page: Any) -> None:
        self.ready = 0
        page.on("websocket", self._opened)

    def _opened(self, websocket: Any) -> None:
        if websocket.url.endswith("/livereload"):
            websocket.on("framesent", self._sent)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and '"command":"info"' in payload:
            self.ready += 1

    def wait(self, page: Any, count: int) -> None:
        deadline = time.monotonic() + RELOAD_TIMEOUT_MS / 1000
        while self.ready < count:
            assert time.monotonic() < deadline, "the livereload client never connected"
            page.wait_for_timeout(20)


def _save_and_wait_for_reload(page: Any, live: LiveSockets, path: Path, text: str) -> float:
    """Save `text` and wait, without touching the page, until it has reloaded; the save→load latency in seconds."""
    connected = live.ready
    with page.expect_event("load", timeout=RELOAD_TIMEOUT_MS):
        started = time.monotonic()
        path.write_text(text, encoding="utf-8")
    latency = time.monotonic() - started
    live.wait(page, connected + 1)  # the reloaded page listens again before the next save
    return latency


def test_saves_reload_the_browser_and_errors_show_as_a_page(
    page: Any, dev_server: DevServer, record_property: Any
) -> None:
    from playwright.sync_api import expect

    live = LiveSockets(page)
    page.goto(dev_server.url + URL)
    title = page.locator("h1")
    expect(title).to_have_text("职业教育活动周开幕式举行")
    live.wait(page, 1)
    article = dev_server.root / ARTICLE
    original = article.read_text(encoding="utf-8")
    added = "浏览器里自动出现的新句子。"
    latencies: dict[str, float] = {}

    latencies["edit"] = _save_and_wait_for_reload(page, live, article, f"{original}\n{added}\n")
    expect(page.locator("main")).to_contain_text(added)
    expect(title).to_have_text("职业教育活动周开幕式举行")

    broken = original.replace("featured: true", "featurd: true")
    latencies["error"] = _save_and_wait_for_reload(page, live, article, f"{broken}\n{added}\n")
    expect(page.locator("#sitegen-error")).to_have_text("稿件或配置有问题，网站未更新")
    expect(page.locator("pre")).to_contain_text(f"{ARTICLE}:7: featurd: 未知字段（是不是想写 featured？）")
    expect(page.locator("pre")).to_contain_text("共 1 个问题，涉及 1 个文件。")

    latencies["fix"] = _save_and_wait_for_reload(page, live, article, f"{original}\n{added}\n")
    expect(title).to_have_text("职业教育活动周开幕式举行")
    expect(page.locator("main")).to_contain_text(added)
    assert page.url == dev_server.url + URL

    report = ", ".join(f"{step} {seconds:.2f} s" for step, seconds in latencies.items())
    print(f"\nsave → browser reload latency: {report}")
    for step, seconds in latencies.items():
        record_property(f"reload_latency_{step}_s", round(seconds, 3))
