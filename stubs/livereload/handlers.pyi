# livereload 2.7 ships no types: the Tornado handlers the dev server builds on.
from typing import Any, ClassVar

from tornado import web, websocket

class LiveReloadHandler(websocket.WebSocketHandler):
    waiters: ClassVar[set[LiveReloadHandler]]
    watcher: ClassVar[Any]  # livereload's Watcher; the dev server sets a stand-in with `filepath`
    live_css: ClassVar[bool | None]
    @classmethod
    def reload_waiters(cls, path: str | None = None) -> None: ...

class LiveReloadJSHandler(web.RequestHandler): ...
