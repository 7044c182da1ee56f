"""Dev server (`build.py serve`): serve output/ with live reload, rebuild on saves, show content errors as pages."""

# How it fits together, and why:
# - A watcher thread is told of saves in content/ and the theme (watchfiles) and checks config.yml, waits until a
#   burst of saves has gone quiet, then calls pipeline.build in this process, so imports and warm-up are paid once,
#   not per save (watch.py).
# - Tornado serves output/ exactly as built, plus livereload's WebSocket and client script. The script tag is
#   injected into HTML responses here only; the generated pages themselves carry no dev code.
# - After every rebuild, good or bad, each connected browser is told to reload the whole page.
# - While the content has errors, every page URL answers with an error page listing the same problems as
#   `make check`. The last good output/ stays underneath (build never touches it on failure), so assets keep
#   loading and the next good build brings the real pages back. An overlay injected into the old page was the
#   alternative; a page of its own also works with JavaScript off and cannot be mistaken for published content.
# - Nothing a rebuild raises stops the server: it is printed and shown in the browser.

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import html
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from tornado import web

from ..build import Project, Timings, build
from ..config import load_config
from ..core import ProblemsFound, SiteError, clock, format_text, frozen
from .watch import SiteWatcher, watched

T = TypeVar("T")
CONTENT_PROBLEM = "稿件或配置有问题，网站未更新"
SAME_AS_CHECK = "以下问题与 make check 列出的相同。改好并保存后，本页会自动刷新。"


@frozen
class Failure:
    """Why the last rebuild did not update output/: a heading, a line on what to do, and the report."""

    title: str
    report: str
    advice: str = SAME_AS_CHECK


@dataclass
class DevState:
    """What the server shows: output/ as built, or, while the last rebuild failed, its failure."""

    failure: Failure | None = None


def now(project: Project) -> datetime:
    """Now in config.timezone, unless SITEGEN_NOW pins the clock (as for `build.py build`)."""
    return clock(load_config(project.config).timezone)


def attempt(run: Callable[[], T], crashed: str) -> T | Failure:
    """Run one rebuild, never raising: content problems and crashes come back as the failure to show."""
    try:
        return run()
    except ProblemsFound as e:
        return Failure(CONTENT_PROBLEM, format_text(e.problems))
    except SiteError as e:
        return Failure(CONTENT_PROBLEM, f"错误：{e}")
    except (Exception, SystemExit):  # a bug must not take the server down; show it instead
        advice = "这是生成程序本身的错误，不是稿件的问题；请把下面的信息发给维护人员。修复后保存任一文件即可重试。"
        return Failure(crashed, traceback.format_exc(), advice)


def rebuild(project: Project, state: DevState, reason: str = "") -> bool:
    """Build once, never raising: problems and crashes are printed and kept in `state` for the browser."""
    started = time.perf_counter()
    timings = Timings()
    built = attempt(lambda: build(project, now(project), timings=timings), "生成网站时程序出错，网站未更新")
    failure = state.failure = built if isinstance(built, Failure) else None
    if failure is None:
        seconds = time.perf_counter() - started
        print(f"网站已生成{reason}，用时 {seconds:.2f} 秒（{slowest(timings)}）", flush=True)
        return True
    print(f"\n{failure.report}\n{failure.title}：浏览器里显示以上问题；output/ 保持上一次成功的内容。", file=sys.stderr)
    sys.stderr.flush()
    return False


def slowest(timings: Timings, count: int = 3) -> str:
    """The steps that took longest, for the log line: `pages 1.20 s, write 0.31 s`."""
    steps = sorted(timings.steps, key=lambda step: step[1], reverse=True)[:count]
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in steps)


def describe(changed: list[str], root: Path) -> str:
    """`（content/a.md 等 3 个文件有改动）` for the log line."""
    if not changed:
        return ""
    first = Path(changed[0])
    shown = first.relative_to(root).as_posix() if first.is_relative_to(root) else first.name
    if len(changed) > 1:
        return f"（{shown} 等 {len(changed)} 个文件有改动）"
    return f"（{shown} 有改动）"


ERROR_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · 开发预览</title>
<style>
body {{ margin: 0; font: 16px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; background: #fff5f5; color: #1a1a1a; }}
main {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ color: #a4000f; font-size: 1.5rem; }}
pre {{ background: #fff; border: 1px solid #e3b4b8; border-left: 6px solid #a4000f; padding: 1rem;
      white-space: pre-wrap; overflow-wrap: anywhere; font-size: .95rem; }}
</style>
</head>
<body>
<main>
<h1 id="sitegen-error">{title}</h1>
<p>{advice}</p>
<pre>{report}</pre>
<p>上一次成功生成的网站仍在 output/ 中，没有被改动。</p>
</main>
</body>
</html>
"""


def error_page(failure: Failure) -> str:
    return ERROR_PAGE.format(
        title=html.escape(failure.title), advice=html.escape(failure.advice), report=html.escape(failure.report)
    )


def is_page(path: str) -> bool:
    """A URL path that names an HTML page (a folder, an .html file or an extensionless name), not an asset."""
    name = path.rsplit("/", 1)[-1]
    return name == "" or name.endswith((".html", ".htm")) or "." not in name


class OutputHandler(web.StaticFileHandler):
    """output/ as built, never cached; while the last rebuild failed, every page URL shows the failure."""

    # override: Tornado hands each handler the keyword arguments of its own URL rule, here `state` too.
    def initialize(  # type: ignore[override]
        self, path: str, state: DevState, default_filename: str | None = "index.html"
    ) -> None:
        super().initialize(path, default_filename)
        self.state = state

    async def get(self, path: str, include_body: bool = True) -> None:
        failure = self.state.failure
        if failure is not None and is_page(path):
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            await self.finish(error_page(failure))
            return
        await super().get(path, include_body)

    def should_return_304(self) -> bool:
        return False

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A missing page gets its column's own 404.html, as on the real host."""
        column = self.request.path.strip("/").split("/", 1)[0]
        page = Path(self.root, column, "404.html") if column and status_code == 404 else None
        if page is not None and page.is_file():
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(page.read_bytes())
        else:
            super().write_error(status_code, **kwargs)


class ReloadSocket(LiveReloadHandler):
    """livereload's WebSocket, reloading whole pages: asset names are hashed, so live CSS/image swaps cannot match."""

    live_css = False
    watcher = SimpleNamespace(filepath="output/")  # livereload's log line reads it


class ScriptInjector(LiveScriptInjector):
    """Adds livereload's client before </head> of every HTML response (an external script, so no CSP trips on it)."""

    script = b'<script src="/livereload.js" defer></script>'


def make_app(output: Path, state: DevState) -> web.Application:
    return web.Application(
        [
            (r"/livereload", ReloadSocket),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/(.*)", OutputHandler, {"path": str(output), "state": state}),
        ],
        transforms=[ScriptInjector],
    )


def reload_browsers() -> None:
    """Tell every connected page to reload; "*" is neither CSS nor an image, so livereload.js reloads the page."""
    ReloadSocket.reload_waiters("*")


def serve(project: Project, host: str, port: int) -> None:
    """Build, then serve output/ on host:port until Ctrl-C, rebuilding and reloading browsers on every save."""
    state = DevState()
    print("正在生成网站……", flush=True)
    rebuild(project, state)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C before the server has started
        asyncio.run(_serve(project, state, host, port))
    print("\n开发服务器已停止。", flush=True)


async def _serve(project: Project, state: DevState, host: str, port: int) -> None:
    def announce(base: str) -> None:
        print(f"开发服务器：{base}（两个专栏：{base}vocational/ 与 {base}lifelong/），按 Ctrl-C 停止。", flush=True)
        print("正在监视 config.yml、content/ 与主题；保存后自动重新生成并刷新浏览器。", flush=True)

    await run_server(
        make_app(project.output, state),
        project,
        host,
        port,
        "开发服务器",
        lambda reason: rebuild(project, state, reason),
        announce,
    )


async def run_server(
    app: web.Application,
    project: Project,
    host: str,
    port: int,
    name: str,
    rebuild_for: Callable[[str], object],
    announce: Callable[[str], None],
) -> None:
    """Serve `app` on host:port, rebuild on every save and reload the browsers, until SIGINT or SIGTERM.

    The dev server and the review preview differ only in their app, their rebuild and what they print."""
    loop = asyncio.get_running_loop()
    try:
        server = app.listen(port, address=host)
    except OSError as e:
        raise SiteError(f"无法在 {host}:{port} 启动{name}：{e.strerror}。可用 --port 换一个端口。") from e

    def on_change(changed: list[str]) -> None:
        rebuild_for(describe(changed, project.root))
        loop.call_soon_threadsafe(reload_browsers)

    stop = threading.Event()
    watcher = SiteWatcher(watched(project), on_change)
    thread = threading.Thread(target=watcher.run, args=(stop,), name="sitegen-watch", daemon=True)
    thread.start()
    announce(f"http://{f'[{host}]' if ':' in host else host}:{port}/")
    stopping = asyncio.Event()
    loop.add_signal_handler(signal.SIGINT, stopping.set)
    loop.add_signal_handler(signal.SIGTERM, stopping.set)
    try:
        await stopping.wait()
    finally:
        _exit_soon()
        stop.set()
        server.stop()
        for socket in list(ReloadSocket.waiters):
            socket.close()  # open pages would otherwise keep the event loop from finishing
        thread.join(timeout=2)  # a build in progress is abandoned safely: output/ is written atomically


def _exit_soon(seconds: float = 5.0) -> None:
    """Ctrl-C must stop the server: if anything is still running after `seconds`, say where, and leave."""

    def leave() -> None:
        print("开发服务器未能在 5 秒内正常退出，以下是各线程的位置；已强制退出。", file=sys.stderr, flush=True)
        faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
        os._exit(0)

    timer = threading.Timer(seconds, leave)
    timer.daemon = True
    timer.start()
