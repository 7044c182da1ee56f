"""The dev server's logic: one rebuild a burst of saves, every change seen, rebuilding without crashing,
serving errors."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import queue
import shutil
import threading
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

import pytest
import sitekit
from sitekit import FixtureSite
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from sitegen.build import check_content
from sitegen.commands import serve, watch
from sitegen.core import ProblemsFound, format_text

ARTICLE = "content/vocational/highlights/opening.md"


def test_hidden_files_and_editors_swap_files_are_not_sources(tmp_path: Path) -> None:
    roots = (tmp_path / "content",)
    assert watch.is_source(str(tmp_path / "content/vocational/a.md"), roots)
    for name in (".a.md.swp", "a.md~", "#a.md#", "a.md.part", ".git/HEAD", "x/.hidden/a.md"):
        assert not watch.is_source(str(tmp_path / "content" / name), roots), name
    # A project folder that happens to start with a dot is not hidden: only what is under the watched roots counts.
    assert watch.is_source(str(tmp_path / ".work/content/a.md"), (tmp_path / ".work/content",))


class FakeProject:
    """A temporary project tree and the rebuilds a watcher asked for, as they come."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content").mkdir()
        (root / "themes" / "default").mkdir(parents=True)
        (root / "config.yml").write_text("edition: 2024\n", encoding="utf-8")
        self.rebuilds: queue.Queue[list[str]] = queue.Queue()

    def roots(self) -> tuple[Path, ...]:
        return (self.root / "config.yml", self.root / "content", self.root / "themes" / "default")

    def save(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def rebuilt(self, changed: list[str]) -> None:
        self.rebuilds.put([Path(p).relative_to(self.root).as_posix() for p in changed])

    def next_rebuild(self, saving: Callable[[], None] | None = None, ignoring: Collection[str] = ()) -> list[str]:
        """The next rebuild asked for, without the files in `ignoring`. `saving` is repeated until one comes:
        the watcher may not yet be listening when the test starts, and a save it was not told of is the
        editor's next save; `ignoring` then drops what the last of those repeats may still bring."""
        for _ in range(300):
            if saving is not None:
                saving()
            try:
                changed = self.rebuilds.get(timeout=0.1 if saving is not None else 30)
            except queue.Empty:
                continue
            changed = [path for path in changed if path not in ignoring]
            if changed:
                return changed
        raise AssertionError("the watcher asked for no rebuild")


@contextlib.contextmanager
def watching(project: FakeProject, action: Callable[[list[str]], None]) -> Iterator[threading.Thread]:
    stop = threading.Event()
    watcher = watch.SiteWatcher(project.roots(), action)
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive(), "the watcher did not stop"


def test_the_watcher_rebuilds_for_saves_in_content_the_theme_and_config(tmp_path: Path) -> None:
    project = FakeProject(tmp_path)
    with watching(project, project.rebuilt):
        article = "content/vocational/highlights/a.md"
        assert project.next_rebuild(lambda: project.save(article, "一")) == [article]
        project.save("content/.a.md.swp", "x")  # not a source: no rebuild of its own
        project.save("themes/default/site.css", "body {}")
        assert project.next_rebuild(ignoring=[article]) == ["themes/default/site.css"]
        # config.yml saved as editors do: a new file renamed over the old one.
        (tmp_path / "config.yml.new").write_text("edition: 2025\n", encoding="utf-8")
        (tmp_path / "config.yml.new").replace(tmp_path / "config.yml")
        assert project.next_rebuild(ignoring=[article]) == ["config.yml"]
        (tmp_path / "config.yml").write_text("edition: 2026\n", encoding="utf-8")  # and again, the new file
        assert project.next_rebuild(ignoring=[article]) == ["config.yml"]


def test_the_watcher_sees_saves_made_during_a_rebuild(tmp_path: Path) -> None:
    project = FakeProject(tmp_path)
    started, saved = threading.Event(), threading.Event()

    def slow_rebuild(changed: list[str]) -> None:
        project.rebuilt(changed)
        if not started.is_set():  # the editor saves again while the first rebuild runs
            started.set()
            assert saved.wait(30)

    with watching(project, slow_rebuild):
        assert project.next_rebuild(lambda: project.save("content/a.md", "一")) == ["content/a.md"]
        assert started.wait(30)
        project.save("themes/default/site.css", "body {}")
        saved.set()
        assert project.next_rebuild(ignoring=["content/a.md"]) == ["themes/default/site.css"]


@pytest.fixture
def dev_site(valid_site: FixtureSite, tmp_path: Path) -> FixtureSite:
    """A writable copy of the built valid site, its cache included, so rebuilds are warm."""
    root = tmp_path / "site"
    shutil.copytree(valid_site.root, root, symlinks=True)
    return FixtureSite(root)


def test_rebuild_keeps_last_good_output_and_reports_what_check_reports(
    dev_site: FixtureSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITEGEN_NOW", sitekit.NOW.isoformat())
    state = serve.DevState()
    project = dev_site.project
    assert serve.rebuild(project, state) and state.failure is None
    page = dev_site.output / "vocational/highlights/opening/index.html"
    good = page.read_bytes()

    source = dev_site.root / ARTICLE
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("featured: true", "featurd: true"), encoding="utf-8")
    assert not serve.rebuild(project, state)
    with pytest.raises(ProblemsFound) as found:
        check_content(project, sitekit.NOW)
    assert state.failure is not None
    assert state.failure.report == format_text(found.value.problems)
    assert "未知字段（是不是想写 featured？）" in state.failure.report
    assert page.read_bytes() == good, "a failed rebuild leaves the last good output in place"

    source.write_text(original + "\n新增的一句话。\n", encoding="utf-8")
    assert serve.rebuild(project, state) and state.failure is None
    assert "新增的一句话。" in page.read_text(encoding="utf-8")


def test_rebuild_survives_a_crash(dev_site: FixtureSite, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(serve, "build", broken)
    state = serve.DevState()
    assert not serve.rebuild(dev_site.project, state)
    assert state.failure is not None
    assert "RuntimeError: renderer bug" in state.failure.report
    assert "程序出错" in state.failure.title


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("", True),
        ("vocational/", True),
        ("404.html", True),
        ("vocational/search", True),
        ("vocational/assets/site.3f2a.css", False),
        ("vocational/feed.xml", False),
    ],
)
def test_is_page(path: str, page: bool) -> None:
    assert serve.is_page(path) is page


def _fetch_all(output: Path, state: serve.DevState, paths: list[str]) -> dict[str, tuple[int, str]]:
    """GET each path from the dev server's app on a free loopback port."""

    async def run() -> dict[str, tuple[int, str]]:
        sock, port = bind_unused_port()
        server = HTTPServer(serve.make_app(output, state))
        server.add_sockets([sock])
        client = AsyncHTTPClient()
        results = {}
        for path in paths:
            response = await client.fetch(f"http://127.0.0.1:{port}/{path}", raise_error=False)
            results[path] = (response.code, response.body.decode("utf-8"))
        server.stop()
        await server.close_all_connections()
        client.close()
        return results

    # In a thread of its own: Playwright's sync API may keep an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


def test_server_injects_livereload_and_shows_failures_on_pages_only(tmp_path: Path) -> None:
    output = tmp_path / "output"
    (output / "vocational" / "assets").mkdir(parents=True)
    (output / "vocational" / "index.html").write_text(
        '<!doctype html><html lang="zh-CN"><head><title>专栏</title></head><body><h1>专栏首页</h1></body></html>',
        encoding="utf-8",
    )
    (output / "vocational" / "404.html").write_text("<html><head></head><body>页面未找到</body></html>", "utf-8")
    (output / "vocational" / "assets" / "site.css").write_text("body { color: #222; }", encoding="utf-8")
    state = serve.DevState()
    paths = ["vocational/", "vocational/assets/site.css", "vocational/missing/", "livereload.js"]

    good = _fetch_all(output, state, paths)
    assert good["vocational/"][0] == 200
    assert '<script src="/livereload.js" defer></script></head>' in good["vocational/"][1]
    assert "专栏首页" in good["vocational/"][1]
    assert good["vocational/assets/site.css"] == (200, "body { color: #222; }")
    assert good["vocational/missing/"][0] == 404 and "页面未找到" in good["vocational/missing/"][1]
    assert good["livereload.js"][0] == 200

    state.failure = serve.Failure("稿件或配置有问题，网站未更新", "content/a.md:3: title: 缺少必填字段 <title>")
    bad = _fetch_all(output, state, paths)
    assert bad["vocational/"][0] == 500
    assert "content/a.md:3: title: 缺少必填字段 &lt;title&gt;" in bad["vocational/"][1]
    assert "/livereload.js" in bad["vocational/"][1], "the error page reloads itself once the content is fixed"
    assert bad["vocational/missing/"][0] == 500
    assert bad["vocational/assets/site.css"] == (200, "body { color: #222; }"), "assets of the last good build stay"
