"""`build.py serve --preview` in a real browser: the marks, the review queue, the WeChat copy and its 复制 button."""

from __future__ import annotations

import contextlib
import hashlib
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
from browser.test_serve import LiveSockets
from sitekit import FixtureSite

PHONE = {"width": 390, "height": 844}
SUBMITTED = "vocational/highlights/submitted-item/"
TOO_LONG = "content/vocational/highlights/changzhi-skills.md"


@dataclass(frozen=True)
class PreviewServer:
    root: Path
    url: str
    shots: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(process: subprocess.Popen[bytes], url: str, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve --preview exited with {process.returncode}:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"serve --preview did not answer within {timeout} s:\n{log.read_text(encoding='utf-8')}")


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@contextlib.contextmanager
def serving(valid_site: FixtureSite, tmp_path: Path) -> Iterator[PreviewServer]:
    """`build.py serve --preview` for a copy of the built valid site plus a submitted item with a problem.

    output/ must be byte-identical after the session and hold no trace of any unpublished item."""
    root = tmp_path / "site"
    shutil.copytree(valid_site.root, root, symlinks=True)
    (root / "themes").symlink_to(sitekit.REPO / "themes", target_is_directory=True)
    (root / TOO_LONG).write_text(
        "---\ntitle: 长治技能大赛超长稿\ndate: 2024-05-14\nunit: 太原市教育局\nstatus: submitted\n"
        "received: 2024-05-14 17:42\n---\n" + "字" * 805 + "\n",
        encoding="utf-8",
    )
    before = _tree(root / "output")
    port = _free_port()
    log = tmp_path / "preview.log"
    env = {**os.environ, "SITEGEN_NOW": sitekit.NOW.isoformat(), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, str(sitekit.REPO / "build.py"), "--root", str(root), "serve", "--preview"]
    with log.open("wb") as out:
        process = subprocess.Popen([*command, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, env=env)
    shots = Path(os.environ.get("PREVIEW_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_until_serving(process, url, log)
        yield PreviewServer(root, url, shots)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    text = log.read_text(encoding="utf-8")
    assert process.returncode == 0, text
    assert "Traceback" not in text
    assert _tree(root / "output") == before
    published = "\n".join(p.read_text(encoding="utf-8") for p in (root / "output").rglob("*.html"))
    assert "未发布样稿已提交" not in published and "长治技能大赛超长稿" not in published


@pytest.fixture(scope="module")
def shared_preview(valid_site: FixtureSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PreviewServer]:
    """One preview server for the tests that only look (starting one takes a build)."""
    with serving(valid_site, tmp_path_factory.mktemp("preview")) as server:
        yield server


@pytest.fixture
def preview_server(valid_site: FixtureSite, tmp_path: Path) -> Iterator[PreviewServer]:
    """A preview server of the test's own, for a test that saves or approves."""
    with serving(valid_site, tmp_path) as server:
        yield server


def test_a_submitted_article_is_previewed_with_the_marker(new_page: Any, shared_preview: PreviewServer) -> None:
    from playwright.sync_api import expect

    page = new_page()
    page.goto(shared_preview.url + SUBMITTED)
    expect(page.locator("h1")).to_have_text("未发布样稿已提交")
    bar = page.locator("[data-preview-mark]")
    expect(bar).to_contain_text("预览 · 未审核")
    assert bar.evaluate("e => getComputedStyle(e).position") == "fixed"
    expect(page.locator(".sg-preview-badge")).to_have_text("状态：已提交，待审核")
    expect(page.locator(".sg-preview-watermark")).to_be_hidden()  # desktop: no watermark
    assert page.console.errors == []

    phone = new_page(viewport=PHONE, is_mobile=True, device_scale_factor=2)
    phone.goto(shared_preview.url + SUBMITTED)
    expect(phone.locator(".sg-preview-watermark")).to_be_visible()
    expect(phone.locator("[data-preview-mark]")).to_be_in_viewport()
    phone.screenshot(path=str(shared_preview.shots / "preview-article-phone.png"), full_page=False)
    # A published article is served as it is, with the preview's neutral bar only.
    phone.goto(shared_preview.url + "vocational/highlights/opening/")
    expect(phone.locator("[data-preview-mark]")).to_have_count(0)
    expect(phone.locator(".sg-preview-bar")).to_contain_text("预览站点")


def test_the_review_queue_lists_the_items_with_their_problems(new_page: Any, shared_preview: PreviewServer) -> None:
    from playwright.sync_api import expect

    page = new_page(viewport=PHONE, is_mobile=True, device_scale_factor=2)
    page.goto(shared_preview.url + "vocational/review/")
    items = page.locator(".rq-item")
    expect(items).to_have_count(2)
    expect(items.nth(0).locator("h2")).to_contain_text("长治技能大赛超长稿")  # received 14 May 17:42
    expect(items.nth(0).locator(".rq-problems li")).to_contain_text(
        "第 8 行 · 正文正文 805 字，超过 800 字上限改法：请删减 5 字；新闻稿字数按 Word 的“字数”统计"
    )
    expect(items.nth(1).locator("h2")).to_contain_text("未发布样稿已提交")
    page.screenshot(path=str(shared_preview.shots / "queue-phone.png"), full_page=True)
    # The live filter (JavaScript) and the plain filter page (without) agree.
    page.locator("input[name=problems]").check()
    expect(items.nth(1)).to_be_hidden()
    expect(page.locator("output[name=shown]")).to_have_text("显示 1 / 2 篇")
    page.goto(shared_preview.url + "vocational/review/problems/")
    expect(page.locator(".rq-item")).to_have_count(1)
    # An item with warnings is previewed too; its length is a warning (SPEC 4.2), so the bar names no problem
    # that would hold it back.
    page.goto(shared_preview.url + "vocational/review/")
    page.locator(".rq-item").nth(0).get_by_role("link", name="预览页面").click()
    expect(page.locator("h1")).to_have_text("长治技能大赛超长稿")
    expect(page.locator(".sg-preview-badge")).to_have_text("状态：已提交，待审核")
    page.screenshot(path=str(shared_preview.shots / "preview-problem-phone.png"))
    # From the queue to the preview page and the WeChat copy.
    page.goto(shared_preview.url + "vocational/review/")
    page.locator(".rq-item").nth(1).get_by_role("link", name="公众号版").click()
    expect(page.locator("#wx-copy")).to_have_text("复制")
    assert page.console.errors == []


def test_the_copy_button_puts_the_wechat_html_on_the_clipboard(new_page: Any, shared_preview: PreviewServer) -> None:
    from playwright.sync_api import expect

    page = new_page(viewport=PHONE, is_mobile=True, device_scale_factor=2)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=shared_preview.url.rstrip("/"))
    # The images are on the column's own host, as once published: answer for it from the preview folder.
    folder = shared_preview.root / ".cache/preview/output/vocational"
    page.route(
        "https://zyjyz.sxgkd.edu.cn/**",
        lambda route: route.fulfill(path=str(folder / route.request.url.removeprefix("https://zyjyz.sxgkd.edu.cn/"))),
    )
    page.goto(shared_preview.url + "vocational/highlights/opening/wechat.html")
    expect(page.locator("[data-wechat] img").first).to_have_js_property("complete", True)
    assert page.locator("[data-wechat] img").first.evaluate("i => i.naturalWidth") == 960
    page.screenshot(path=str(shared_preview.shots / "wechat-phone.png"), full_page=True)
    page.locator("#wx-copy").click()
    expect(page.locator("#wx-status")).to_have_text("已复制，可粘贴到公众号编辑器")
    copied = page.evaluate(
        """async () => {
            const [item] = await navigator.clipboard.read();
            return {types: item.types, html: await (await item.getType('text/html')).text()};
        }"""
    )
    assert "text/html" in copied["types"]
    html = copied["html"]
    assert "5月12日上午，职业教育活动周开幕式在晋中职教港举行。" in html
    assert 'src="https://zyjyz.sxgkd.edu.cn/media/' in html
    assert "来源：" in html and "山西省2024年职业教育活动周专栏" in html
    assert "style=" in html and "class=" not in html and "<script" not in html and "<style" not in html
    assert page.console.errors == []


def test_a_save_reloads_the_preview_and_approving_removes_the_marker(
    new_page: Any, preview_server: PreviewServer
) -> None:
    from playwright.sync_api import expect

    page = new_page()
    live = LiveSockets(page)
    page.goto(preview_server.url + SUBMITTED)
    expect(page.locator("[data-preview-mark]")).to_have_count(1)
    live.wait(page, 1)  # the livereload client has introduced itself: the server will tell it of the rebuild
    article = preview_server.root / "content/vocational/highlights/submitted-item.md"
    with page.expect_event("load", timeout=30_000):  # an approve and a rebuild, on a machine maybe busy
        command = [sys.executable, str(sitekit.REPO / "build.py"), "--root", str(preview_server.root), "approve"]
        subprocess.run(
            [*command, str(article), "--by", "宣传部", "--date", "2024-05-15"],
            check=True,
            capture_output=True,
        )
    expect(page.locator("h1")).to_have_text("未发布样稿已提交")
    expect(page.locator("[data-preview-mark]")).to_have_count(0)  # approved and due: published as it is
    expect(page.locator(".sg-preview-bar")).to_contain_text("预览站点")
