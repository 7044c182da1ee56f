"""`python -m tests.bench.lighthouse`: Lighthouse's four scores for every page type of the built sample site.

Runs the pinned npm `lighthouse` (tests/bench/npm/, `make bench-node-deps`) on the system Chromium, headless, phone
and desktop, over output/ as `make build` wrote it. Each column is served from its own root the way
docs/nginx.conf serves it: the build's .br/.gz copies sent as they are, hashed assets cached for a year,
pages for five minutes. The 大字版 rows run with the larger text and high contrast chosen (stored as a reader's
choice is, and kept by --disable-storage-reset). A figure for docs/performance.md, not a test: nothing is
downloaded, and the scores below 100 are listed with the audits that cost them.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "tests" / "bench" / "npm" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "P", "accessibility": "A", "best-practices": "BP", "seo": "SEO"}
# What a reader who needs it chooses on the 辅助浏览 toolbar (themes/default/assets/js/assist.js keys).
LARGE_TEXT = {"sitegen.largeText": "2", "sitegen.contrast": "1", "sitegen.spacing": "1"}


@dataclass(frozen=True)
class PageType:
    name: str
    column: str
    path: str
    large_text: bool = False


PAGES = (
    PageType("home", "vocational", ""),
    PageType("home with toolbar", "lifelong", ""),
    PageType("section list", "lifelong", "local-news/"),
    PageType("article", "vocational", "highlights/example-2025-open-campus/"),
    PageType("gallery article", "lifelong", "showcases/calligraphy-exhibition/"),
    PageType("video article", "lifelong", "lectures/healthy-aging-lecture/"),
    PageType("media reports", "vocational", "highlights/media-coverage/"),
    PageType("search", "vocational", "search/?q=太原"),
    PageType("banner page", "lifelong", "banner/"),
    PageType("adoption", "vocational", "adoption/"),
    PageType("past edition home", "vocational", "2024/"),
    PageType("units", "vocational", "units/"),
    PageType("404 page", "vocational", "404.html"),  # as a file: Lighthouse stops at a 404 status
    PageType("大字版 home", "lifelong", "", large_text=True),
    PageType("大字版 article", "lifelong", "learning-stars/wangxiulan/", large_text=True),
)
FORM_FACTORS = ("phone", "desktop")


class _Deployed(SimpleHTTPRequestHandler):
    """A column served as docs/nginx.conf serves it: precompressed copies, nginx's cache lifetimes, 404.html."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webp": "image/webp",
        ".xml": "application/xml",
        ".vtt": "text/vtt",
        ".wasm": "application/wasm",
        ".mp4": "video/mp4",
        ".ico": "image/x-icon",
    }
    encoding: str | None = None
    cache: str = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        url = self.path.split("?")[0].split("#")[0]
        path = Path(self.translate_path(url))
        if path.is_dir():
            if not url.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url + "/")
                self.end_headers()
                return None
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.translate_path("/404.html"))
        self.cache = (
            "public, max-age=31536000, immutable"
            if url.startswith("/assets/")
            else "public, max-age=86400"
            if url.startswith("/media/")
            else "public, max-age=300, must-revalidate"
        )
        self.encoding = None
        sent = path
        accepted = self.headers.get("Accept-Encoding", "")
        for suffix, name in ((".br", "br"), (".gz", "gzip")):
            if name in accepted and path.with_name(path.name + suffix).is_file():
                self.encoding, sent = name, path.with_name(path.name + suffix)
                break
        body = sent.open("rb")
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(sent.stat().st_size))
        self.send_header("Last-Modified", self.date_time_string(int(sent.stat().st_mtime)))
        self.end_headers()
        return body

    def end_headers(self) -> None:
        if self.encoding:
            self.send_header("Content-Encoding", self.encoding)
            self.send_header("Vary", "Accept-Encoding")
        if self.cache:
            self.send_header("Cache-Control", self.cache)
        super().end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a tab closed mid-response
            super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Deployed, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def chromium(executable: str) -> Iterator[int]:
    """One headless system Chromium with a DevTools port that every Lighthouse run attaches to."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
        process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)


def choose_large_text(port: int, base: str) -> None:
    """Store the reader's 辅助浏览 choices for the origin, as the toolbar would, then empty the HTTP cache:
    --disable-storage-reset keeps both, and the figure is a first visit's."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
        page = browser.contexts[0].new_page()
        page.goto(base, wait_until="load")
        page.evaluate("(choices) => { for (const k in choices) { localStorage.setItem(k, choices[k]); } }", LARGE_TEXT)
        page.context.new_cdp_session(page).send("Network.clearBrowserCache")
        page.close()


@dataclass(frozen=True)
class Result:
    scores: dict[str, int]
    lost: tuple[str, ...]  # "category: audit (score)" of every scored audit below 1
    weight: float  # bytes transferred for the page (Lighthouse's total-byte-weight)


def lighthouse(url: str, port: int, form_factor: str, keep_storage: bool, report: Path) -> Result:
    command = [
        str(LIGHTHOUSE),
        url,
        f"--port={port}",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--quiet",
        "--max-wait-for-load=60000",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    if keep_storage:
        command.append("--disable-storage-reset")
    done = subprocess.run(command, env={**os.environ, "CI": "1"}, timeout=300, capture_output=True, text=True)
    if done.returncode != 0:  # one page that cannot be measured does not lose the others' figures
        return Result({}, (f"Lighthouse failed: {done.stderr.strip().splitlines()[-1:]}",), 0.0)
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {key: round(100 * (data["categories"][key]["score"] or 0)) for key in CATEGORIES}
    lost = []
    for key in CATEGORIES:
        for ref in data["categories"][key]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{SHORT[key]}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".strip())
    return Result(scores, tuple(lost), float(data["audits"]["total-byte-weight"]["numericValue"]))


def row(name: str, results: dict[str, Result]) -> str:
    cells = [" / ".join(str(results[f].scores.get(c, "—")) for c in CATEGORIES) for f in FORM_FACTORS]
    return f"| {name} | {cells[0]} | {cells[1]} | {results['phone'].weight / 1024:.0f} KB |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=ROOT / "output", help="the built site (default ./output)")
    parser.add_argument("--only", metavar="TEXT", help="only the page types whose name contains TEXT")
    args = parser.parse_args(argv)
    executable = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not LIGHTHOUSE.exists() or not executable:
        print("lighthouse: needs make bench-node-deps and the system Chromium", file=sys.stderr)
        return 2
    if not (args.output / "vocational" / "index.html").exists():
        print(f"lighthouse: no built site in {args.output} (make build)", file=sys.stderr)
        return 2
    pages = [p for p in PAGES if not args.only or args.only in p.name]
    results: dict[str, dict[str, Result]] = {p.name: {} for p in pages}
    with (
        tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp,
        chromium(executable) as port,
        serve(args.output / "vocational") as vocational,
        serve(args.output / "lifelong") as lifelong,
    ):
        bases = {"vocational": vocational, "lifelong": lifelong}
        # Lighthouse clears the origin's storage before a run unless told not to: the large-text pages last.
        for page in sorted(pages, key=lambda p: p.large_text):
            for form_factor in FORM_FACTORS:
                if page.large_text:
                    choose_large_text(port, bases[page.column])
                report = Path(tmp) / "report.json"
                result = lighthouse(bases[page.column] + page.path, port, form_factor, page.large_text, report)
                results[page.name][form_factor] = result
                print(f"  {page.name}, {form_factor}: {result.scores}", file=sys.stderr, flush=True)
    print("Lighthouse (performance / accessibility / best practices / SEO), system Chromium, headless")
    print("| page type | phone | desktop | weight on a phone |")
    print("|---|---|---|---|")
    for page in pages:
        print(row(page.name, results[page.name]))
    below = [f"{page.name}, {f}: {lost}" for page in pages for f in FORM_FACTORS for lost in results[page.name][f].lost]
    if below:
        print("\nAudits below full marks:")
        print("\n".join(f"- {line}" for line in below))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
