"""The 辅助浏览 toolbar in Chromium: each choice applies, persists and is announced; axe and Nu stay at 0 in every
combination; the column without the toolbar has none; without JavaScript it is not shown."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser.test_a11y import _axe, axe_source  # noqa: F401  (a fixture)
from browser.test_speech import FAKE_SPEECH
from sitekit import REPO, FixtureSite

PHONE = {"width": 390, "height": 844}
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
KEYS = {
    "size": "sitegen.largeText",
    "contrast": "sitegen.contrast",
    "spacing": "sitegen.spacing",
    "pointer": "sitegen.pointer",
    "point": "sitegen.pointRead",
}
LOOK = """() => {
  const body = getComputedStyle(document.body);
  const link = getComputedStyle(document.querySelector('.breadcrumbs a'));
  return {
    classes: [...document.documentElement.classList].filter(c => !c.startsWith('has-') && c !== 'assist-open').sort(),
    size: parseFloat(getComputedStyle(document.documentElement).fontSize),
    line: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
    cursor: body.cursor.startsWith('url("data:image/svg+xml'),
    fg: body.color, link: link.color, underline: link.textDecorationLine,
  };
}"""


@pytest.fixture
def lifelong(valid_site: FixtureSite, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(valid_site.output / "lifelong")


def _pressed(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.assist-bar button')]
            .map(b => [b.textContent, b.getAttribute('aria-pressed')]))"""
    )


def test_each_choice_applies_and_persists(new_page: Callable[..., Any], lifelong: str) -> None:
    page = new_page(viewport=PHONE)
    page.goto(lifelong + "learning-stars/wang/")
    bar = page.locator(".assist-bar")
    toggle = bar.locator("[data-assist-toggle]")
    assert bar.is_visible() and toggle.get_attribute("aria-expanded") == "false", "folded on a phone"
    assert page.locator(".assist-row").is_hidden()
    toggle.click()
    assert page.locator(".assist-row").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert page.locator(".assist-row").get_attribute("aria-label") == "辅助浏览"
    plain = page.evaluate(LOOK)
    assert plain["classes"] == [] and plain["size"] == 16 and not plain["cursor"]
    assert _pressed(page)["标准"] == "true"

    sizes = []
    for label in ("大", "特大"):
        page.locator(".assist-bar").get_by_role("button", name=label, exact=True).click()
        sizes.append(page.evaluate(LOOK)["size"])
        assert _pressed(page)[label] == "true" and _pressed(page)["标准"] == "false"
    assert sizes == [20, 24], "three text sizes: 16, 20 and 24 px root"
    # The header's 大字版 switch and the toolbar are one setting.
    assert page.locator("[data-textsize-toggle]").get_attribute("aria-pressed") == "true"

    for label in ("高对比度", "加大行距", "大鼠标"):
        page.locator(".assist-bar").get_by_role("button", name=label, exact=True).click()
        assert _pressed(page)[label] == "true"
    chosen = page.evaluate(LOOK)
    assert chosen["classes"] == ["high-contrast", "large-pointer", "large-text", "wide-spacing", "xlarge-text"]
    assert chosen["fg"] == "rgb(0, 0, 0)" and chosen["underline"] == "underline"
    assert chosen["line"] > plain["line"] + 0.3 and chosen["cursor"]

    page.goto(lifelong + "notices/")  # another page: every choice is still there, before the first paint
    assert page.evaluate(LOOK)["classes"] == chosen["classes"]
    assert _pressed(page)["特大"] == "true" and _pressed(page)["高对比度"] == "true"

    page.locator("[data-textsize-toggle]").click()  # 大字版 off: back to the normal size
    assert page.evaluate(LOOK)["size"] == 16 and _pressed(page)["标准"] == "true"
    page.locator("[data-assist-toggle]").click()
    page.locator(".assist-bar").get_by_role("button", name="高对比度", exact=True).click()
    assert "high-contrast" not in page.evaluate(LOOK)["classes"]
    assert page.evaluate(f"localStorage.getItem({KEYS['contrast']!r})") == "0"
    assert page.console.errors == []


def test_open_on_a_desktop(new_page: Callable[..., Any], lifelong: str) -> None:
    page = new_page()
    page.goto(lifelong)
    assert page.locator(".assist-row button").first.is_visible()
    assert page.locator("[data-assist-toggle]").is_hidden()


def test_vocational_has_no_toolbar_unless_configured(valid_site: FixtureSite) -> None:
    assert 'class="assist-bar"' not in valid_site.read_output("vocational/index.html")
    assert 'class="assist-bar"' in valid_site.read_output("lifelong/index.html")


def test_without_javascript_the_toolbar_is_not_shown(new_page: Callable[..., Any], lifelong: str) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(lifelong + "learning-stars/wang/")
    assert page.locator(".assist-bar").is_hidden()
    assert page.locator("[data-readaloud]").is_hidden()
    assert page.locator(".prose").is_visible()


def _choices(size: str, contrast: str, spacing: str) -> str:
    values = {"size": size, "contrast": contrast, "spacing": spacing, "pointer": "1", "point": "0"}
    return ";".join(f"localStorage.setItem({KEYS[k]!r}, {v!r})" for k, v in values.items())


COMBINATIONS = list(itertools.product("012", "01", "01"))


@pytest.mark.parametrize("path", ["", "showcases/fair/", "lectures/talk/"], ids=["home", "gallery", "video"])
def test_axe_finds_no_violations_in_any_combination(
    new_page: Callable[..., Any],
    lifelong: str,
    axe_source: str,  # noqa: F811
    path: str,
) -> None:
    failures = []
    for combination in COMBINATIONS:
        page = new_page(viewport=PHONE, reduced_motion="reduce")
        page.add_init_script(_choices(*combination))
        page.goto(lifelong + path)
        for v in _axe(page, axe_source):
            failures.append(f"size={combination[0]} contrast={combination[1]} spacing={combination[2]}: {v}")
        page.context.close()
    assert failures == [], "\n".join(failures)


def test_nu_finds_no_errors_in_the_page_as_scripts_leave_it(
    new_page: Callable[..., Any], lifelong: str, tmp_path: Path
) -> None:
    """The DOM after the toolbar applied every choice (and 朗读 wrapped its sentences) is still valid HTML."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        reason = "java or vnu-jar is missing (make test installs both)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    page = new_page()
    page.add_init_script(_choices("2", "1", "1"))
    page.add_init_script("window.__initialVoices = [{name: 'Ting-Ting', lang: 'zh-CN'}];")
    page.add_init_script(FAKE_SPEECH)
    page.goto(lifelong + "showcases/fair/")
    page.locator("[data-read-play]").click()
    assert page.locator(".read-current").count() == 1
    html = page.evaluate("() => '<!doctype html>\\n' + document.documentElement.outerHTML")
    assert "high-contrast" in html
    (tmp_path / "live.html").write_text(html, encoding="utf-8")
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path / "live.html")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = [m for m in json.loads(done.stderr)["messages"] if m.get("type") in ("error", "non-document-error")]
    assert messages == []
