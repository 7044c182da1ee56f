"""Shared fixtures for browser tests: the system Chromium via Playwright, pages, a loopback server.

Without a usable Chromium the browser tests are skipped, except when the CI
environment variable is set: there a missing browser is a failure, never a skip.
Set CHROMIUM to use another Chromium binary than the one on PATH.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# Reports Content-Security-Policy violations as console errors, so the console
# check of every test also catches blocked inline styles, scripts and the like.
CSP_REPORTER = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
}, true);
"""


# The browser files that take longest (slow-3G loads, axe in every toolbar combination) start first, so that
# none is left running alone at the end while the other test processes have finished.
LONGEST_FIRST = ("test_weight.py", "test_assist.py", "test_a11y.py", "test_banner.py", "test_preview.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder `browser`, so `-m "not browser"` leaves them out, and run them last:
    Playwright's connection keeps threads alive for the session, and while other threads run a build forks
    no workers (no fork beside threads), so every build after the first browser test would run on one core.
    Under `make test` each test process takes whole files in this order (the Makefile turns off xdist's
    reordering by size), so in each process too the browser tests come after every other test."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)

    def order(item: pytest.Item) -> tuple[bool, int]:
        browser = here in item.path.parents
        return browser, LONGEST_FIRST.index(item.path.name) if item.path.name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=order)  # stable: each group keeps its order


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (set CHROMIUM=/path/to/chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless system Chromium for the whole session."""
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        _unavailable("no chromium executable found on PATH")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        _unavailable(f"the playwright package is not installed ({e})")
    manager = sync_playwright().start()
    try:
        launched = manager.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except Exception as e:  # any launch failure: missing libraries, sandbox, bad binary
        manager.stop()
        _unavailable(f"chromium at {executable} did not start: {e}")
    yield launched
    launched.close()
    manager.stop()


class ConsoleLog:
    """Console errors, uncaught page errors and failed requests of one page."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def attach(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message: Any) -> None:
        # Chromium asks every origin for /favicon.ico; a test server without one is not a page error.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"{message.text} ({message.location.get('url', '')})")


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Factory: new_page(**context_options) opens a page in a fresh context (fresh session storage).

    Each page has `.console` (a ConsoleLog); CSP violations are reported there too.
    """
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        contexts.append(context)
        context.add_init_script(CSP_REPORTER)
        page = context.new_page()
        log = ConsoleLog()
        log.attach(page)
        page.console = log
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    """A desktop-sized page in its own context."""
    return new_page()


@pytest.fixture
def console_errors(page: Any) -> list[str]:
    """The console errors of `page`, collected live."""
    return page.console.errors


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webp": "image/webp",
        ".xml": "application/xml",
        ".mp4": "video/mp4",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        # Tests reload pages; never let the browser answer from its cache.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that closes a connection mid-response (page closed, navigation) is not a test failure.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Factory: serve_dir(path) serves a folder on 127.0.0.1 (random port) and returns its base URL."""
    servers: list[tuple[_Server, threading.Thread]] = []

    def serve(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = _Server(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, name=f"serve {directory.name}", daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
