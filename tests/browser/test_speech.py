"""朗读 and 指读 in Chromium, with the Web Speech API replaced by a fake the test drives.

The fake records every utterance and ends one only when the test says so, so the sequence spoken, the sentence
highlighted, pause, resume and stop are asserted step by step, with no timing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sitekit import NOW, FixtureSite, materialize

from sitegen.build import build

PHONE = {"width": 390, "height": 844}
PLAY = "[data-read-play]"
STOP = "[data-read-stop]"
# window.__voices: the voices the fake offers (set before the page loads, or later by __addVoices).
FAKE_SPEECH = """
(() => {
  const voices = (window.__initialVoices || []).slice();
  const listeners = [];
  window.__spoken = [];
  window.__queue = [];
  window.__cancels = 0;
  class FakeUtterance {
    constructor(text) {
      Object.assign(this, {text, lang: '', rate: 1, voice: null, onend: null, onerror: null});
    }
  }
  const synth = {
    getVoices() { return voices.slice(); },
    speak(u) {
      window.__spoken.push({text: u.text, rate: u.rate, lang: u.lang, voice: u.voice ? u.voice.name : null});
      window.__queue.push(u);
    },
    cancel() {
      window.__cancels += 1;
      const queue = window.__queue;
      window.__queue = [];
      queue.forEach(u => u.onerror && u.onerror({error: 'interrupted'}));
    },
    pause() {}, resume() {},
    addEventListener(type, fn) { if (type === 'voiceschanged') listeners.push(fn); },
    removeEventListener() {},
  };
  // Ends the utterance being spoken, as the voice would when it reaches the end of the sentence.
  window.__finish = () => { const u = window.__queue.shift(); if (u && u.onend) u.onend({}); };
  window.__addVoices = (more) => { voices.push(...more); listeners.forEach(fn => fn({})); };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {value: FakeUtterance, configurable: true});
})();
"""
CHINESE = [{"name": "Ting-Ting", "lang": "zh-CN"}]
ENGLISH = [{"name": "Samantha", "lang": "en-US"}]
HIGHLIGHTED = "() => Array.from(document.querySelectorAll('.read-current')).map(s => s.textContent).join('')"
SPOKEN = "() => window.__spoken.map(u => u.text)"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> FixtureSite:
    """The valid site with one article of several sentences, a link inside a sentence and a list."""
    built = materialize(tmp_path_factory.mktemp("readaloud"), "readaloud")
    build(built.project, NOW)
    return built


@pytest.fixture
def lifelong(site: FixtureSite, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(site.output / "lifelong")


@pytest.fixture
def speaking_page(new_page: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    def make(voices: list[dict[str, str]] | None = None, **options: Any) -> Any:
        page = new_page(**options)
        page.add_init_script(f"window.__initialVoices = {voices or []!r};")
        page.add_init_script(FAKE_SPEECH)
        return page

    yield make


def test_reads_title_then_body_sentence_by_sentence_with_highlighting(
    speaking_page: Callable[..., Any], lifelong: str
) -> None:
    page = speaking_page(CHINESE, viewport=PHONE)
    page.goto(lifelong + "learning-stars/li/")
    play = page.locator(PLAY)
    assert play.is_visible() and play.text_content() == "朗读全文"
    assert play.get_attribute("aria-pressed") == "false"
    assert page.locator(STOP).is_disabled()

    play.focus()
    page.keyboard.press("Enter")  # keyboard operable: a real <button>
    assert play.text_content() == "暂停朗读" and play.get_attribute("aria-pressed") == "true"
    assert page.locator("[data-read-status]").text_content() == "开始朗读全文。"
    assert page.evaluate(SPOKEN) == ["李大爷的读书日记"]
    assert page.evaluate(HIGHLIGHTED) == "李大爷的读书日记"
    first = page.evaluate("() => window.__spoken[0]")
    assert first["lang"] == "zh-CN" and first["voice"] == "Ting-Ting" and first["rate"] == 1

    for _ in range(6):
        page.evaluate("window.__finish()")
    assert page.evaluate(SPOKEN) == [
        "李大爷的读书日记",
        "李大爷今年七十五岁。",
        "他每天去社区图书馆读书，风雨无阻！",  # one sentence across the link
        "您也想试试吗？",
        "读书的好处",
        "开阔眼界；",
        "结交朋友……",
    ]
    # The sentence across the link is two spans, both highlighted while it is read; now the last one is.
    assert page.evaluate(HIGHLIGHTED) == "结交朋友……"
    box = page.locator(".read-current").bounding_box()
    assert box and 0 <= box["y"] <= PHONE["height"], "the sentence being read is scrolled into view"

    page.evaluate("window.__finish()")
    assert play.text_content() == "朗读全文" and page.evaluate(HIGHLIGHTED) == ""
    assert page.locator("[data-read-status]").text_content() == "朗读完毕。"
    assert page.locator(STOP).is_disabled()
    assert page.console.errors == []


def test_the_link_inside_a_sentence_still_works_and_the_html_is_unchanged_until_play(
    speaking_page: Callable[..., Any], lifelong: str, site: FixtureSite
) -> None:
    page = speaking_page(CHINESE)
    page.goto(lifelong + "learning-stars/li/")
    assert page.locator(".read-sentence").count() == 0
    served = site.read_output("lifelong/learning-stars/li/index.html")
    assert "read-sentence" not in served and 'data-readaloud=".article"' in served
    page.locator(PLAY).click()
    link = page.locator(".prose a")
    assert link.get_attribute("href") == "https://example.org/library"
    assert link.text_content() == "社区图书馆"
    assert page.locator(".prose a .read-sentence").count() == 1


def test_pause_resumes_at_the_same_sentence_and_stop_clears(speaking_page: Callable[..., Any], lifelong: str) -> None:
    page = speaking_page(CHINESE)
    page.goto(lifelong + "learning-stars/li/")
    play = page.locator(PLAY)
    play.click()
    page.evaluate("window.__finish()")
    page.evaluate("window.__finish()")
    assert page.evaluate(HIGHLIGHTED) == "他每天去社区图书馆读书，风雨无阻！"

    play.click()  # pause
    assert play.text_content() == "继续朗读" and play.get_attribute("aria-pressed") == "false"
    assert page.locator("[data-read-status]").text_content() == "已暂停。"
    assert page.evaluate("window.__queue.length") == 0, "pausing silences the voice"
    assert page.evaluate(HIGHLIGHTED) == "他每天去社区图书馆读书，风雨无阻！", "the place is kept"

    page.select_option("[data-read-rate]", "0.75")
    play.click()  # resume: the interrupted sentence again, at the new speed
    spoken = page.evaluate("() => window.__spoken")
    assert [u["text"] for u in spoken[-2:]] == ["他每天去社区图书馆读书，风雨无阻！"] * 2
    assert spoken[-1]["rate"] == 0.75
    assert play.text_content() == "暂停朗读"

    page.locator(STOP).click()
    assert play.text_content() == "朗读全文" and page.evaluate(HIGHLIGHTED) == ""
    assert page.locator("[data-read-status]").text_content() == "已停止朗读。"
    assert page.evaluate("window.__queue.length") == 0
    count = len(page.evaluate(SPOKEN))
    page.evaluate("window.__finish()")
    assert len(page.evaluate(SPOKEN)) == count, "nothing more is read after stop"

    play.click()  # after stop, from the title again
    assert page.evaluate(SPOKEN)[-1] == "李大爷的读书日记"


def test_gallery_captions_are_read_after_the_body(speaking_page: Callable[..., Any], lifelong: str) -> None:
    page = speaking_page(CHINESE)
    page.goto(lifelong + "showcases/fair/")
    page.locator(PLAY).click()
    for _ in range(3):
        page.evaluate("window.__finish()")
    spoken = page.evaluate(SPOKEN)
    assert spoken[:2] == ["终身学习成果展示", "学员作品集中亮相。"]
    assert spoken[2].startswith("终身学习成果展示") and "晋中职教港" in spoken[2]


@pytest.mark.parametrize("voices", [None, ENGLISH], ids=["no-speech", "no-chinese-voice"])
def test_hidden_without_a_chinese_voice(
    new_page: Callable[..., Any], speaking_page: Callable[..., Any], lifelong: str, voices: Any
) -> None:
    if voices is None:
        page = new_page()
        page.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
        page.add_init_script(
            "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"
        )
    else:
        page = speaking_page(voices)
    page.goto(lifelong + "learning-stars/li/")
    assert page.locator("[data-readaloud]").is_hidden()
    assert page.locator("[data-assist=point]").is_hidden()
    assert page.console.errors == []


def test_voices_that_arrive_late_show_the_control(speaking_page: Callable[..., Any], lifelong: str) -> None:
    page = speaking_page([])
    page.goto(lifelong + "learning-stars/li/")
    assert page.locator("[data-readaloud]").is_hidden()
    page.evaluate(f"window.__addVoices({[*ENGLISH, {'name': '普通话', 'lang': 'zh_CN'}]!r})")
    assert page.locator("[data-readaloud]").is_visible()
    page.locator(PLAY).click()
    assert page.evaluate("() => window.__spoken[0].voice") == "普通话"


def test_point_reading_speaks_what_is_focused_once_switched_on(
    speaking_page: Callable[..., Any], lifelong: str
) -> None:
    page = speaking_page(CHINESE)
    page.goto(lifelong + "learning-stars/li/")
    page.locator(".site-nav a", has_text="通知文件").focus()
    assert page.evaluate(SPOKEN) == [], "指读 is off by default"
    toggle = page.locator("[data-assist=point]")
    assert toggle.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    page.locator(".site-nav a", has_text="通知文件").focus()
    page.wait_for_function("window.__spoken.length > 0")
    assert page.evaluate(SPOKEN)[-1] == "通知文件"
    page.reload()
    assert page.locator("[data-assist=point]").get_attribute("aria-pressed") == "true", "the choice persists"
