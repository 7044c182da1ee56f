"""Review preview server (`build.py serve --preview`): unpublished items marked, the review queue, WeChat copies.

It is `serve` with the preview build: the site is built into .cache/preview/ (never output/), the queue and
WeChat pages are served from memory, and every page gets the preview's marks as it is served. Saves rebuild
and reload the browsers as in `serve`; a failed rebuild shows its problems as a page.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import posixpath
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from livereload.handlers import LiveReloadJSHandler
from tornado import web

from ..build import Project
from ..render import qr_terminal
from ..review import STATIC, Preview, build_preview, mark_page
from .serve import (
    DevState,
    Failure,
    OutputHandler,
    ReloadSocket,
    ScriptInjector,
    attempt,
    now,
    run_server,
)


@dataclass
class PreviewState(DevState):
    preview: Preview | None = None


def rebuild_preview(project: Project, state: PreviewState, reason: str = "") -> bool:
    """Build the preview once, never raising: problems and crashes are printed and shown in the browser."""
    started = time.perf_counter()
    built = attempt(lambda: build_preview(project, now(project)), "生成预览时程序出错，预览未更新")
    if isinstance(built, Failure):
        state.failure = built
        print(f"\n{built.report}\n{built.title}：浏览器里显示以上问题。", file=sys.stderr, flush=True)
        return False
    state.preview, state.failure = built, None
    queued = "，".join(f"{c} {n} 篇" for c, n in built.queued.items())
    seconds = time.perf_counter() - started
    print(f"预览已生成{reason}，用时 {seconds:.2f} 秒；待审稿件：{queued}", flush=True)
    return True


class PreviewHandler(OutputHandler):
    """The preview folder, with the queue and WeChat pages from memory and the marks on every page."""

    state: PreviewState

    async def get(self, path: str, include_body: bool = True) -> None:
        preview = self.state.preview
        clean = posixpath.normpath(path) if path else ""
        if self.state.failure is not None or preview is None or clean.startswith(("..", "/")):
            await super().get(path, include_body)
            return
        key = "index.html" if clean in ("", ".") else clean
        if path.endswith("/") and clean not in ("", "."):
            key = f"{clean}/index.html"
        page = preview.pages.get(key)
        if page is None and f"{clean}/index.html" in preview.pages:  # /vocational/review → /vocational/review/
            self.redirect(f"/{clean}/", permanent=False)
            return
        file = Path(self.root, key)
        if page is None and key.endswith(".html") and file.is_file():
            folder = key.removesuffix("index.html")
            page = mark_page(file.read_bytes(), preview.marks.get(folder), key.split("/", 1)[0] if "/" in key else "")
        if page is None:
            await super().get(path, include_body)
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.from_memory = True
        await self.finish(page if include_body else b"")

    def compute_etag(self) -> str | None:
        return None if getattr(self, "from_memory", False) else super().compute_etag()


class StaticHandler(web.StaticFileHandler):
    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")


def make_preview_app(folder: Path, state: PreviewState) -> web.Application:
    return web.Application(
        [
            (r"/livereload", ReloadSocket),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/__preview__/(.*)", StaticHandler, {"path": str(STATIC)}),
            (r"/(.*)", PreviewHandler, {"path": str(folder), "state": state}),
        ],
        transforms=[ScriptInjector],
    )


def lan_address(host: str) -> str | None:
    """The address a phone on the LAN should open, or None when the server is bound to this machine only."""
    if host in ("localhost", ""):
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host  # a host name: phones resolve it themselves
    if address.is_loopback:
        return None
    if address.is_unspecified:  # 0.0.0.0 or ::, every interface: the one that routes outwards
        with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))  # UDP connect sends nothing; it only picks the interface
            return str(probe.getsockname()[0])
        return None
    return host


def serve_preview(project: Project, host: str, port: int) -> None:
    state = PreviewState()
    print("正在生成预览（含草稿与待审稿件，不写入 output/）……", flush=True)
    rebuild_preview(project, state)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(project, state, host, port))
    print("\n预览服务器已停止。", flush=True)


async def _serve(project: Project, state: PreviewState, host: str, port: int) -> None:
    folder = project.root / ".cache" / "preview" / "output"
    if state.preview is not None:
        folder = state.preview.folder
    folder.mkdir(parents=True, exist_ok=True)

    def announce(base: str) -> None:
        print(f"预览服务器：{base}，审核队列：{base}vocational/review/ 与 {base}lifelong/review/。按 Ctrl-C 停止。")
        print("预览只在本机与 .cache/preview/ 中，不写入 output/；未审核的页面顶部标有“预览 · 未审核”。", flush=True)
        lan = lan_address(host)
        if lan is not None:
            url = f"http://{f'[{lan}]' if ':' in lan else lan}:{port}/"
            print(f"\n在同一局域网的手机上打开 {url}（或扫描下面的二维码）：\n{qr_terminal(url)}", flush=True)

    await run_server(
        make_preview_app(folder, state),
        project,
        host,
        port,
        "预览服务器",
        lambda reason: rebuild_preview(project, state, reason),
        announce,
    )
