"""The dev server's logic: debouncing saves, spotting changes, rebuilding without crashing, serving errors."""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
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


def test_debouncer_waits_for_a_burst_of_saves_to_go_quiet() -> None:
    debouncer = watch.Debouncer(quiet=0.1, max_wait=1.0)
    assert not debouncer.due(0.0)
    for now in (0.0, 0.03, 0.06):
        debouncer.note(now)
        assert not debouncer.due(now)
    assert not debouncer.due(0.15)
    assert debouncer.due(0.16)
    debouncer.clear()
    assert not debouncer.pending and not debouncer.due(5.0)


def test_debouncer_gives_up_waiting_after_max_wait() -> None:
    debouncer = watch.Debouncer(quiet=0.1, max_wait=1.0)
    now = 0.0
    while not debouncer.due(now):
        debouncer.note(now)
        now = round(now + 0.05, 2)
        assert now <= 1.0, "a steady stream of saves must still trigger a rebuild"
    assert now == 1.0


def test_scan_sees_added_modified_and_removed_files_but_not_swap_files(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("一", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("二", encoding="utf-8")
    before = watch.scan([tmp_path])
    (tmp_path / "a.md").write_text("一二", encoding="utf-8")
    (tmp_path / "sub" / "b.md").unlink()
    (tmp_path / "c.md").write_text("三", encoding="utf-8")
    (tmp_path / ".a.md.swp").write_text("x", encoding="utf-8")
    (tmp_path / "a.md~").write_text("x", encoding="utf-8")
    after = watch.scan([tmp_path])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in watch.changes(before, after)] == [
        "a.md",
        "c.md",
        "sub/b.md",
    ]


class FakeProject:
    """A temporary project tree and a record of the rebuilds a watcher asked for."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content").mkdir()
        (root / "themes" / "default").mkdir(parents=True)
        (root / "config.yml").write_text("edition: 2024\n", encoding="utf-8")
        self.rebuilds: list[list[str]] = []

    def roots(self) -> tuple[Path, ...]:
        return (self.root / "config.yml", self.root / "content", self.root / "themes" / "default")

    def save(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def rebuilt(self, changed: list[str]) -> None:
        self.rebuilds.append([Path(p).relative_to(self.root).as_posix() for p in changed])


def test_watcher_rebuilds_once_per_burst_with_every_changed_file(tmp_path: Path) -> None:
    project = FakeProject(tmp_path)
    watcher = watch.SiteWatcher(project.roots(), project.rebuilt, watch.Debouncer(quiet=0.1, max_wait=1.0))
    assert not watcher.tick(0.0)
    project.save("content/vocational/highlights/a.md", "一")
    assert not watcher.tick(0.05)
    project.save("content/vocational/highlights/b.md", "二")
    project.save("config.yml", "edition: 2025\n")
    assert not watcher.tick(0.10)
    assert not watcher.tick(0.15)
    assert watcher.tick(0.20)
    assert project.rebuilds == [
        ["config.yml", "content/vocational/highlights/a.md", "content/vocational/highlights/b.md"]
    ]
    assert not watcher.tick(0.25) and not watcher.tick(5.0), "no change, no rebuild"


def test_watcher_sees_saves_made_during_a_rebuild(tmp_path: Path) -> None:
    project = FakeProject(tmp_path)

    def slow_rebuild(changed: list[str]) -> None:
        project.rebuilt(changed)
        if len(project.rebuilds) == 1:  # the editor saves again while the first rebuild runs
            project.save("themes/default/site.css", "body {}")

    watcher = watch.SiteWatcher(project.roots(), slow_rebuild, watch.Debouncer(quiet=0.1, max_wait=1.0))
    project.save("content/a.md", "一")
    watcher.tick(0.0)
    assert watcher.tick(0.1)
    assert not watcher.tick(0.15)
    assert watcher.tick(0.25)
    assert project.rebuilds == [["content/a.md"], ["themes/default/site.css"]]


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
