"""The review preview: unpublished items rendered apart from output/, the queue, the WeChat copy, the marks."""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
import sitekit

from sitegen.build import build
from sitegen.review import Mark, build_preview, mark_page

SUBMITTED = "content/vocational/highlights/submitted-item.md"
TOO_LONG = "content/vocational/highlights/changzhi-skills.md"
RECEIVED_LATER = "content/vocational/integration/jinzhong-case.md"
BAD_DATE = "content/vocational/highlights/datong-visit.md"
NO_PHOTO = "content/lifelong/local-news/xinzhou-class.md"
FRONT = "---\ntitle: {title}\ndate: 2024-05-14\nunit: 太原市教育局\nstatus: submitted\nreceived: {received}\n---\n"


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def previewed(tmp_path_factory: pytest.TempPathFactory):
    """The valid site with two more submitted items (one over the length limit), built, then previewed."""
    site = sitekit.materialize(tmp_path_factory.mktemp("preview"))
    site.write(TOO_LONG, FRONT.format(title="长治技能大赛超长稿", received="2024-05-14 17:42") + "字" * 805 + "\n")
    site.write(
        RECEIVED_LATER,
        FRONT.format(title="晋中产教融合案例", received="2024-05-15 09:10") + "晋中市职业院校与企业共建实训基地。\n",
    )
    site.write(
        BAD_DATE, "---\ntitle: 大同开放日\ndate: 2024-02-30\nunit: 太原市教育局\nstatus: submitted\n---\n正文。\n"
    )
    site.write(
        NO_PHOTO,
        "---\ntitle: 忻州社区课堂\ndate: 2024-05-14\nunit: 太原市教育局\nstatus: submitted\n---\n"
        "社区课堂开课。\n\n![课堂](xinzhou-class/missing.jpg)\n",
    )
    build(site.project, sitekit.NOW, skip_invalid=True)
    before = _tree(site.output)
    preview = build_preview(site.project, sitekit.NOW)
    return site, before, preview


def test_the_preview_never_touches_output(previewed) -> None:
    site, before, preview = previewed
    assert _tree(site.output) == before
    assert preview.folder.is_relative_to(site.root / ".cache" / "preview")
    assert (preview.folder / "vocational/highlights/submitted-item/index.html").is_file()
    # The next ordinary build, after an edit (so it reads its caches and updates output/ in place), publishes
    # nothing of the preview: the preview's caches are apart.
    opening = site.root / "content/vocational/highlights/opening.md"
    opening.write_text(opening.read_text(encoding="utf-8") + "\n预览之后的修改。\n", encoding="utf-8")
    build(site.project, sitekit.NOW, skip_invalid=True)
    text = site.all_output_text()
    assert "预览之后的修改。" in text
    for title in ("未发布样稿已提交", "未发布样稿草稿", "晋中产教融合案例", "长治技能大赛超长稿"):
        assert title not in text
    assert not list(site.output.rglob("*submitted-item*")) and not list(site.output.rglob("wechat.html"))


def test_the_preview_renders_drafts_and_submitted_items_and_leaves_rejected_ones_out(previewed) -> None:
    _, _, preview = previewed
    folder = preview.folder / "vocational/highlights"
    assert "未发布样稿已提交" in (folder / "submitted-item/index.html").read_text(encoding="utf-8")
    assert "未发布样稿草稿" in (folder / "draft-item/index.html").read_text(encoding="utf-8")
    assert not (folder / "rejected-item").exists()
    assert preview.marks["vocational/highlights/submitted-item/"] == Mark("submitted", "已提交，待审核")
    assert preview.marks["vocational/highlights/draft-item/"] == Mark("draft", "草稿")
    assert "vocational/highlights/opening/" not in preview.marks  # published: no 未审核 mark


def test_marks_say_unpublished_only_on_unpublished_pages(previewed) -> None:
    _, _, preview = previewed
    page = (preview.folder / "vocational/highlights/submitted-item/index.html").read_bytes()
    marked = mark_page(page, preview.marks["vocational/highlights/submitted-item/"], "vocational").decode()
    assert "<strong>预览 · 未审核</strong>" in marked
    badge = '<p class="sg-preview-badge" data-status="submitted">状态：已提交，待审核</p>'
    assert badge + '<h1 id="article-title"' in marked
    assert marked.count("<span>预览 · 未审核</span>") == 24  # the phone watermark
    opening = preview.folder / "vocational/highlights/opening/index.html"
    published = mark_page(opening.read_bytes(), None, "vocational")
    assert "未审核</strong>" not in published.decode() and "预览站点" in published.decode()


def _queue(preview, path: str = "vocational/review/index.html") -> str:
    return preview.pages[path].decode()


def test_the_queue_lists_every_submitted_item_newest_received_first_with_its_problems(previewed) -> None:
    _, _, preview = previewed
    queue = _queue(preview)
    titles = re.findall(r'<article class="rq-item[^"]*"[^>]*>\s*<h2>(?:<a [^>]*>)?([^<]+)<', queue)
    assert titles == ["晋中产教融合案例", "长治技能大赛超长稿", "大同开放日", "未发布样稿已提交"]
    assert "未发布样稿草稿" not in queue and "未发布样稿已退回" not in queue
    item = queue[queue.index("长治技能大赛超长稿") : queue.index("未发布样稿已提交")]
    assert '<span class="rq-where">第 8 行 · 正文</span>正文 805 字，超过 800 字上限' in item
    assert "改法：请删减 5 字；新闻稿字数按 Word 的“字数”统计" in item
    assert "2024年5月14日 17:42" in item and "<dd>805</dd>" in item and "<dd>新闻稿</dd>" in item
    # It is previewed all the same. Its length is a warning (SPEC 4.2): the queue lists it, and its page's mark
    # counts no problem that would hold it back.
    assert '<a href="/vocational/highlights/changzhi-skills/">预览页面</a>' in item
    assert preview.marks["vocational/highlights/changzhi-skills/"] == Mark("submitted", "已提交，待审核", 0)
    # A file whose fields do not even read is still in the queue, with what is wrong.
    unreadable = queue[queue.index("大同开放日") : queue.index("未发布样稿已提交")]
    assert '<span class="rq-where">第 3 行 · date</span>“2024-02-30”不是有效的日期时间' in unreadable
    assert "<dd>—</dd>" in unreadable and "未填写" in unreadable
    ok = queue[queue.index("晋中产教融合案例") : queue.index("长治技能大赛超长稿")]
    assert '<a href="/vocational/integration/jinzhong-case/">预览页面</a>' in ok
    assert '<a href="/vocational/integration/jinzhong-case/wechat.html">公众号版</a>' in ok
    assert "<dd>太原市教育局</dd>" not in ok and "太原市教育局</a></dd>" in ok


def test_an_item_whose_photo_cannot_be_read_is_queued_without_a_preview(previewed) -> None:
    _, _, preview = previewed
    queue = _queue(preview, "lifelong/review/index.html")
    assert "忻州社区课堂" in queue and "lifelong/local-news/xinzhou-class/" not in queue
    assert "不能生成预览页面" in queue and "文件不存在" in queue
    assert not (preview.folder / "lifelong/local-news/xinzhou-class").exists()


def test_the_queue_filters_are_plain_pages(previewed) -> None:
    _, _, preview = previewed
    problems = _queue(preview, "vocational/review/problems/index.html")
    assert "长治技能大赛超长稿" in problems and "晋中产教融合案例" not in problems
    section = _queue(preview, "vocational/review/section/integration/index.html")
    assert "晋中产教融合案例" in section and "长治技能大赛超长稿" not in section
    unit = _queue(preview, "vocational/review/unit/1/index.html")
    assert unit.count('class="rq-item') == 4
    assert '<a href="../../../review/problems/">有问题的稿件（2）</a>' in section


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _fragment(page: str) -> str:
    start = page.index("<section data-wechat")
    end = page.index("</main>")
    return page[start:end].strip()


def test_the_wechat_copy_has_inline_styles_only_and_absolute_image_urls(previewed) -> None:
    _, _, preview = previewed
    page = preview.pages["vocational/highlights/opening/wechat.html"].decode()
    fragment = _fragment(page)
    assert fragment.count("data-wechat") == 1
    parser = _Elements()
    parser.feed(fragment)
    tags = [tag for tag, _ in parser.tags]
    assert "style" not in tags and "script" not in tags and "ul" not in tags and "li" not in tags
    assert all("class" not in attrs and "id" not in attrs for _, attrs in parser.tags)
    assert all("style" in attrs for tag, attrs in parser.tags if tag in ("p", "img", "h2"))
    images = [attrs["src"] for tag, attrs in parser.tags if tag == "img"]
    assert images and all(re.fullmatch(r"https://zyjyz\.sxgkd\.edu\.cn/media/[0-9a-f]+-\d+\.jpg", s) for s in images)
    for src in images:  # each is a published derivative, at most 960 px wide
        assert (preview.folder / "vocational" / src.removeprefix("https://zyjyz.sxgkd.edu.cn/")).is_file()
        assert int(src.rsplit("-", 1)[1].removesuffix(".jpg")) <= 960
    assert ">开幕式现场</p>" in fragment  # the caption
    assert re.search(r"<span style=\"[^\"]+\">•</span>烹饪</p>", fragment)  # a list line with a real marker
    assert '来源：<a href="https://zyjyz.sxgkd.edu.cn/highlights/opening/"' in fragment
    assert "山西省2024年职业教育活动周专栏</a>" in fragment
    assert '<button type="button" id="wx-copy">复制</button>' in page


def test_unpublished_articles_have_a_wechat_copy_too(previewed) -> None:
    _, _, preview = previewed
    page = preview.pages["vocational/highlights/submitted-item/wechat.html"].decode()
    assert "未发布样稿：已提交正文。" in _fragment(page)


@contextlib.contextmanager
def _fake_udp_probe(route: str | None) -> Iterator[None]:
    """socket.socket as the preview's probe uses it: connect() picks the outward interface, or fails unrouted."""

    class Probe:
        def __init__(self, *args: object) -> None:
            pass

        def __enter__(self) -> Probe:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def connect(self, address: tuple[str, int]) -> None:
            if route is None:
                raise OSError(101, "Network is unreachable")

        def getsockname(self) -> tuple[str, int]:
            return (str(route), 54321)

    with mock.patch("socket.socket", Probe):
        yield


def test_a_lan_preview_prints_an_address_a_phone_can_open() -> None:
    import zxingcpp
    from PIL import Image

    from sitegen.commands.preview import lan_address
    from sitegen.render import qr_terminal

    assert lan_address("127.0.0.1") is None and lan_address("localhost") is None and lan_address("::1") is None
    assert lan_address("192.168.1.20") == "192.168.1.20"
    # 0.0.0.0: the address of the interface that routes outwards, found without sending anything; none
    # when the machine has no route. The socket is faked so the test does not depend on this machine's network.
    with _fake_udp_probe(route="192.168.1.20"):
        assert lan_address("0.0.0.0") == "192.168.1.20"
    with _fake_udp_probe(route=None):
        assert lan_address("0.0.0.0") is None
    # The terminal QR code, drawn back into pixels (▀ top half, ▄ bottom half, █ both), decodes to the URL.
    url = "http://192.168.1.20:8000/"
    rows = qr_terminal(url).splitlines()
    image = Image.new("L", (len(rows[0]) * 4, len(rows) * 8), 255)
    for y, row in enumerate(rows):
        for x, char in enumerate(row):
            top, bottom = char in "█▀", char in "█▄"
            # A terminal shows the block characters as the foreground on a dark background: light is "on".
            for dy, on in ((0, top), (4, bottom)):
                if not on:
                    image.paste(0, (x * 4, y * 8 + dy, x * 4 + 4, y * 8 + dy + 4))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]


def test_the_wechat_copy_links_attachments_and_reports_at_their_published_urls(previewed) -> None:
    _, _, preview = previewed
    notice = _fragment(preview.pages["vocational/policy/notice/wechat.html"].decode())
    assert re.search(r'<a href="https://zyjyz\.sxgkd\.edu\.cn/policy/notice/notice\.pdf"[^>]*>通知全文</a>', notice)
    assert (preview.folder / "vocational/policy/notice/notice.pdf").is_file()
    reports = _fragment(preview.pages["lifelong/local-news/reports/wechat.html"].decode())
    assert re.search(r'<a href="https://example\.org/news/1"[^>]*>山西日报：长治：处处能学</a>', reports)
