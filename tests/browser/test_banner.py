"""The 飘窗 banner in a real Chromium, on hostile host pages (tests/browser/hostile/)."""

from __future__ import annotations

import io
import itertools
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw

from sitegen.banner import BannerSpec, banner_page, build_banner, find_cjk_font, spec_for
from sitegen.config import load_config
from sitegen.render import make_environment

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "themes" / "default"
HOSTILE = Path(__file__).parent / "hostile"
COLUMNS = ("vocational", "lifelong")
MARGIN = 8  # banner.js keeps this distance from the viewport edge in its corner
# The drop shadow (0 4px 14px) paints up to 18 px outside the box; the mask covers it.
SHADOW = 20

# Host CSS and script of the hostile pages. Both must be files: the pages' CSP allows no inline code.
HOST_CSS = """
* { box-sizing: content-box !important; }
img { width: 100% !important; border: 3px solid red; }
div { position: relative !important; }
button { display: none; }
:not(:defined) { visibility: hidden !important; }
aside { display: none !important; }
html { font-size: 20px; }
body { margin: 0; padding: 76px 12px 12px; font: 16px/1.7 serif; color: #222; background: #f3efe2;
       text-align: center; letter-spacing: 2px; }
a { color: #800080 !important; font-size: 22px !important; }
p { margin: 0 0 1em; }
.site-header { position: fixed; top: 0; left: 0; right: 0; z-index: 99999; height: 48px; padding: 6px 16px;
               background: #8b0000; color: #fff; }
.site-header a { color: #ffd700 !important; }
.wrap { max-width: 960px; margin: 0 auto; }
.cols { display: flex; gap: 16px; }
.main { flex: 3; }
.side { flex: 1; background: #ddd; }
.tall { min-height: 900px; }
"""
HOST_JS = r"""
// Globals that real CMS pages define.
var $ = function (selector) { return document.querySelectorAll(selector); };
var banner = {id: 'host-banner'};
function close() { throw new Error('the host page close() was called'); }
// Built-ins patched the way old libraries did: odd but working, and enumerable.
Array.prototype.forEach = function (fn, self) {
  for (var i = this.length - 1; i >= 0; i--) { if (i in this) { fn.call(self, this[i], i, this); } }
};
Array.prototype.map = function (fn, self) {
  var out = [];
  for (var i = 0; i < this.length; i++) { out.push(fn.call(self, this[i], i, this)); }
  out.hostPatched = true;
  return out;
};
Array.prototype.indexOf = function (value) {
  for (var i = 0; i < this.length; i++) { if (this[i] == value) { return i; } }
  return -1;
};
Array.prototype.remove = function (value) {
  var i = this.indexOf(value);
  if (i >= 0) { this.splice(i, 1); }
  return this;
};
Object.prototype.hostExtend = function (other) {
  for (var key in other) { this[key] = other[key]; }
  return this;
};
String.prototype.trim = function () { return String(this).replace(/^\s+|\s+$/g, ''); };
"""
STAND_IN_BASE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{% block title %}{% endblock %}</title>
<link rel="stylesheet" href="{{ asset('css/site.css') }}">
</head>
<body><main id="main">{% block content %}{% endblock %}</main>{% block scripts %}{% endblock %}</body>
</html>
"""

# JavaScript run in the page. It avoids the Array methods the host page patched.
BOX = """(id) => {
  const ns = window.SXActivityWeekBanner;
  const entry = ns && ns.instances[id];
  if (!entry || !entry.host.isConnected) { return null; }
  const r = entry.host.shadowRoot.querySelector('.b').getBoundingClientRect();
  return {x: r.left, y: r.top, w: r.width, h: r.height};
}"""
READY = """(ids) => {
  const ns = window.SXActivityWeekBanner;
  for (let i = 0; i < ids.length; i++) {
    const entry = ns && ns.instances[ids[i]];
    if (!entry || !entry.host.isConnected) { return false; }
    const img = entry.host.shadowRoot.querySelector('img');
    if (!img.complete || img.naturalWidth === 0 || entry.host.getBoundingClientRect().width === 0) { return false; }
  }
  return true;
}"""
TRACK = """([id, ms]) => new Promise((resolve) => {
  const host = window.SXActivityWeekBanner.instances[id].host;
  const out = [];
  const t0 = performance.now();
  function tick() {
    const r = host.shadowRoot.querySelector('.b').getBoundingClientRect();
    out.push([r.left, r.top, r.right, r.bottom]);
    if (performance.now() - t0 < ms) { requestAnimationFrame(tick); } else { resolve(out); }
  }
  requestAnimationFrame(tick);
})"""
DEEP_FOCUS = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; }
  const ns = window.SXActivityWeekBanner;
  const root = el && el.getRootNode();
  let column = null;
  if (ns && root && root.host) {
    for (const id of ['vocational', 'lifelong']) {
      if (ns.instances[id] && ns.instances[id].host === root.host) { column = id; }
    }
  }
  return {tag: el ? el.tagName : null, label: el ? el.getAttribute('aria-label') : null, column: column};
}"""


@dataclass(frozen=True)
class Site:
    root: Path
    specs: dict[str, BannerSpec]


def render_banner_page(spec: BannerSpec, column: object, templates: Path) -> str:
    """banner.html under the real environment settings, with a stand-in base.html."""
    import jinja2

    env = make_environment(THEME)
    env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(templates), jinja2.FileSystemLoader(THEME / "templates")])
    assets = {"js/banner-page.js": "../assets/js/banner-page.js", "css/site.css": "../assets/css/site.css"}
    return env.get_template("banner.html").render(
        banner=banner_page(spec), column=column, asset=lambda name: assets[name], link=lambda path: "../" + path
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Both columns' banner folders as the build writes them, plus the hostile host pages."""
    root = tmp_path_factory.mktemp("banner-site")
    templates = tmp_path_factory.mktemp("templates")
    (templates / "base.html").write_text(STAND_IN_BASE, encoding="utf-8")
    config = load_config(ROOT / "config.yml")
    font = find_cjk_font()
    specs: dict[str, BannerSpec] = {}
    for column_id, column in config.columns.items():
        spec = specs[column_id] = spec_for(column)
        folder = root / column_id / "banner"
        folder.mkdir(parents=True)
        for name, data in build_banner(spec, None, font).items():
            (folder / name).write_bytes(data)
        (folder / "index.html").write_text(render_banner_page(spec, column, templates), encoding="utf-8")
        assets = root / column_id / "assets"
        (assets / "js").mkdir(parents=True)
        (assets / "css").mkdir()
        shutil.copy(THEME / "assets" / "js" / "banner-page.js", assets / "js" / "banner-page.js")
        shutil.copy(THEME / "assets" / "css" / "60-banner-page.css", assets / "css" / "site.css")
    for page in HOSTILE.glob("*.html"):
        shutil.copy(page, root / page.name)
    (root / "hostile.css").write_text(HOST_CSS, encoding="ascii")
    (root / "hostile.js").write_text(HOST_JS, encoding="ascii")
    hostile = (HOSTILE / "hostile.html").read_text(encoding="ascii")
    bare = re.sub(r'<script src="/\w+/banner/banner\.js"[^>]*></script>', "", hostile)
    assert bare.count("banner.js") == 0
    (root / "hostile-nobanner.html").write_text(bare, encoding="ascii")
    return Site(root, specs)


@pytest.fixture
def base(site: Site, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(site.root)


def open_page(page: Any, url: str, columns: tuple[str, ...] = COLUMNS) -> None:
    page.goto(url)
    page.wait_for_function(READY, arg=list(columns), timeout=10_000)


def box(page: Any, column: str) -> dict[str, float] | None:
    result: dict[str, float] | None = page.evaluate(BOX, column)
    return result


def viewport(page: Any) -> dict[str, float]:
    result: dict[str, float] = page.evaluate(
        "() => ({w: document.documentElement.clientWidth, h: document.documentElement.clientHeight})"
    )
    return result


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    )


# A Web Animation's pause() or play() takes effect at its next frame, not at once: wait for the banner's
# animations to be ready, and for two frames, before the first measurement.
SETTLED = """async (id) => {
  const entry = window.SXActivityWeekBanner.instances[id];
  const root = entry && entry.host.shadowRoot;
  const animations = root && root.getAnimations ? root.getAnimations() : [];
  for (let i = 0; i < animations.length; i++) { await animations[i].ready; }
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def until(page: Any, condition: Callable[[], bool], what: str, seconds: float = 10) -> None:
    """Wait for a state, not for a time: poll `condition` while the page runs, failing after `seconds`."""
    for _ in range(int(seconds * 20)):
        if condition():
            return
        page.wait_for_timeout(50)
    pytest.fail(what, pytrace=False)


def still(page: Any, column: str, ms: int = 600) -> bool:
    page.evaluate(SETTLED, column)
    first = box(page, column)
    page.wait_for_timeout(ms)
    return first == box(page, column)


def test_visible_above_host_header_and_moving(page: Any, base: str) -> None:
    open_page(page, base + "hostile.html")
    for column in COLUMNS:
        b = box(page, column)
        assert b is not None and b["w"] > 100 and b["h"] > 50
        # The topmost element at the banner's centre is the banner, above the z-index 99999 header.
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).tagName", [b["x"] + b["w"] / 2, b["y"] + b["h"] / 2]
        )
        assert on_top == "SX-ACTIVITY-WEEK-BANNER"
        assert not still(page, column, 500), f"{column} banner does not move"
    # The snippet pasted twice still gives one banner per column.
    assert page.evaluate("() => document.querySelectorAll('sx-activity-week-banner').length") == 2
    assert page.console.errors == []


def test_bounces_inside_the_viewport_and_follows_resizes(new_page: Callable[..., Any], base: str) -> None:
    page = new_page(viewport={"width": 520, "height": 420})
    open_page(page, base + "bounce.html", ("vocational",))
    track = page.evaluate(TRACK, ["vocational", 3000])
    assert len(track) > 60
    for left, top, right, bottom in track:
        assert left >= -0.5 and top >= -0.5 and right <= 520.5 and bottom <= 420.5
    xs = [t[0] for t in track]
    ys = [t[1] for t in track]

    def turns(values: list[float]) -> int:
        steps = [b - a for a, b in itertools.pairwise(values) if b != a]
        return sum(1 for a, b in itertools.pairwise(steps) if (a > 0) != (b > 0))

    assert turns(xs) >= 1 and turns(ys) >= 1, "the banner never reversed direction at an edge"

    page.set_viewport_size({"width": 360, "height": 300})
    for left, top, right, bottom in page.evaluate(TRACK, ["vocational", 1000]):
        assert left >= -0.5 and top >= -0.5 and right <= 360.5 and bottom <= 300.5
    assert page.console.errors == []


def test_hover_pauses_and_leaving_resumes(page: Any, base: str) -> None:
    open_page(page, base + "hostile.html")
    b = box(page, "lifelong")
    assert b is not None
    page.mouse.move(b["x"] + b["w"] / 2, b["y"] + b["h"] / 2)
    assert still(page, "lifelong"), "hovering did not pause the banner"
    assert not still(page, "vocational", 300), "hovering one banner paused the other"
    page.mouse.move(683, 600 if b["y"] < 300 else 200)
    page.mouse.move(5, 400)
    assert not still(page, "lifelong"), "the banner did not resume after the pointer left"
    assert page.console.errors == []


def test_keyboard_close_stays_closed_for_the_session(new_page: Callable[..., Any], base: str) -> None:
    page = new_page()
    open_page(page, base + "hostile.html")
    seen: list[dict[str, Any]] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(DEEP_FOCUS)
        seen.append(focus)
        if focus["column"] == "vocational" and focus["label"] == "关闭":
            break
    else:
        pytest.fail(f"Tab never reached the close button: {seen}")
    assert focus["tag"] == "BUTTON"
    # Keyboard focus inside the banner pauses it.
    assert still(page, "vocational", 400)
    page.keyboard.press("Enter")
    assert box(page, "vocational") is None
    assert box(page, "lifelong") is not None, "closing one banner closed the other"

    page.reload()
    open_page(page, base + "hostile.html", ("lifelong",))
    page.wait_for_timeout(500)
    assert box(page, "vocational") is None, "the closed banner came back after a reload"
    # The host's own globals were left alone, its close() was never called.
    assert page.evaluate(
        "() => [typeof window.$, window.banner.id, String(window.close).indexOf('host page') > 0]"
    ) == ["function", "host-banner", True]
    assert page.console.errors == []

    # A new browser session shows it again.
    fresh = new_page()
    open_page(fresh, base + "hostile.html")


def test_pause_button_toggles_movement(page: Any, base: str) -> None:
    open_page(page, base + "hostile.html")
    button = page.evaluate_handle(
        "() => window.SXActivityWeekBanner.instances.vocational.host.shadowRoot.querySelector('button.p')"
    )
    label = "(b) => [b.textContent, b.getAttribute('aria-label')]"
    assert button.evaluate(label) == ["暂停", "暂停"]
    button.focus()
    page.keyboard.press("Enter")
    assert button.evaluate(label) == ["继续", "继续"]
    page.evaluate("() => document.activeElement.blur()")
    assert page.evaluate(DEEP_FOCUS)["column"] is None
    assert still(page, "vocational"), "the pause button did not stop the banner"
    button.focus()
    page.keyboard.press("Space")
    assert button.evaluate(label) == ["暂停", "暂停"]
    page.evaluate("() => document.activeElement.blur()")
    assert not still(page, "vocational"), "the banner did not move again after resuming"
    assert page.console.errors == []


def test_reduced_motion_keeps_banners_in_their_corners(new_page: Callable[..., Any], base: str) -> None:
    page = new_page(reduced_motion="reduce")
    open_page(page, base + "hostile.html")
    view = viewport(page)
    top_left = box(page, "vocational")
    bottom_right = box(page, "lifelong")
    assert top_left is not None and bottom_right is not None
    assert (top_left["x"], top_left["y"]) == (MARGIN, MARGIN)
    assert bottom_right["x"] + bottom_right["w"] == view["w"] - MARGIN
    assert bottom_right["y"] + bottom_right["h"] == view["h"] - MARGIN
    assert still(page, "vocational", 700) and still(page, "lifelong", 0)
    # Nothing to pause when nothing moves.
    hidden = page.evaluate(
        "() => window.SXActivityWeekBanner.instances.lifelong.host.shadowRoot.querySelector('.p').hidden"
    )
    assert hidden is True
    # Resizing keeps it in its corner.
    page.set_viewport_size({"width": 800, "height": 500})

    def in_corner() -> bool:
        moved = box(page, "lifelong")
        return moved is not None and (moved["x"] + moved["w"], moved["y"] + moved["h"]) == (800 - MARGIN, 500 - MARGIN)

    until(page, in_corner, "after a resize the banner did not settle into its corner")
    assert page.console.errors == []


def test_static_option_pins_the_banner_to_the_chosen_corner(page: Any, base: str) -> None:
    open_page(page, base + "static.html", ("lifelong",))
    b = box(page, "lifelong")
    assert b is not None
    assert (b["x"] + b["w"], b["y"]) == (viewport(page)["w"] - MARGIN, MARGIN)
    assert still(page, "lifelong", 700)
    assert page.console.errors == []


def test_quirks_mode_page_keeps_the_banner_in_the_viewport(new_page: Callable[..., Any], base: str) -> None:
    page = new_page(reduced_motion="reduce")
    open_page(page, base + "quirks.html", ("lifelong",))
    assert page.evaluate("() => document.compatMode") == "BackCompat"
    b = box(page, "lifelong")
    inner = page.evaluate("() => [window.innerWidth, window.innerHeight]")
    assert b is not None and b["y"] + b["h"] <= inner[1] and b["x"] + b["w"] <= inner[0]
    assert page.console.errors == []


def test_link_and_image_come_from_config(new_page: Callable[..., Any], base: str, site: Site) -> None:
    page = new_page(device_scale_factor=2)
    open_page(page, base + "hostile.html")
    for column in COLUMNS:
        spec = site.specs[column]
        found = page.evaluate(
            """(id) => {
              const root = window.SXActivityWeekBanner.instances[id].host.shadowRoot;
              const a = root.querySelector('a'), img = root.querySelector('img');
              return {href: a.getAttribute('href'), target: a.target, rel: a.rel, alt: img.alt,
                      src: img.currentSrc, width: img.naturalWidth, mode: root.mode,
                      buttons: [...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))};
            }""",
            column,
        )
        assert found["href"] == spec.base_url
        assert found["target"] == "_blank"
        assert "noopener" in found["rel"].split()
        assert found["alt"] == spec.title  # the GBK host page did not garble it
        assert found["mode"] == "open"
        # Found relative to the script's own URL (the test server), at 2x on a 2x screen.
        assert found["src"] == f"{base}{column}/banner/banner@2x.png"
        assert found["width"] == spec.width  # naturalWidth is density-corrected: 480 px at 2x
        assert sorted(found["buttons"]) == sorted(["关闭", "暂停"])
    assert page.console.errors == []


@pytest.mark.parametrize("size", [(1366, 768), (390, 844), (320, 480)])
def test_two_banners_do_not_overlap_at_start(new_page: Callable[..., Any], base: str, size: tuple[int, int]) -> None:
    page = new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(base + "hostile.html")
    page.wait_for_function(READY, arg=list(COLUMNS))
    first = page.evaluate(
        """() => {
          const ns = window.SXActivityWeekBanner, out = {};
          for (const id of ['vocational', 'lifelong']) {
            const r = ns.instances[id].host.shadowRoot.querySelector('.b').getBoundingClientRect();
            out[id] = {x: r.left, y: r.top, w: r.width, h: r.height};
          }
          return out;
        }"""
    )
    a, b = first["vocational"], first["lifelong"]
    assert not overlap(a, b), first
    for r in (a, b):
        assert r["x"] >= 0 and r["y"] >= 0 and r["x"] + r["w"] <= size[0] and r["y"] + r["h"] <= size[1]
    assert page.console.errors == []


def test_no_globals_but_the_namespace(new_page: Callable[..., Any], base: str) -> None:
    keys = "() => Object.keys(window)"
    bare = new_page()
    bare.goto(base + "hostile-nobanner.html")
    bare.wait_for_load_state("load")
    page = new_page()
    open_page(page, base + "hostile.html")
    assert set(page.evaluate(keys)) - set(bare.evaluate(keys)) == {"SXActivityWeekBanner"}
    assert set(bare.evaluate(keys)) - set(page.evaluate(keys)) == set()
    assert page.evaluate("() => document.querySelectorAll('style, [style]:not(sx-activity-week-banner)').length") == 0
    assert page.console.errors == []


def test_csp_violations_would_be_reported(page: Any, base: str) -> None:
    """The console check is meaningful: an inline style on the strict page is reported."""
    open_page(page, base + "hostile.html")
    page.evaluate(
        "() => { const s = document.createElement('style'); s.textContent = 'p{color:red}'; document.head.append(s); }"
    )
    until(page, lambda: any("style-src" in error for error in page.console.errors), "the inline style was not reported")


def test_link_stylesheet_fallback_without_constructable_stylesheets(page: Any, base: str) -> None:
    page.add_init_script(
        "delete ShadowRoot.prototype.adoptedStyleSheets; delete Document.prototype.adoptedStyleSheets;"
    )
    open_page(page, base + "hostile.html")
    found = page.evaluate(
        """() => {
          const host = window.SXActivityWeekBanner.instances.vocational.host;
          const link = host.shadowRoot.querySelector('link[rel=stylesheet]');
          return {link: link && link.href, position: getComputedStyle(host).position};
        }"""
    )
    assert found == {"link": base + "vocational/banner/banner.css", "position": "fixed"}
    assert not still(page, "vocational", 400)
    assert page.console.errors == []


def _mask(image: Image.Image, boxes: list[dict[str, float]]) -> Image.Image:
    masked = image.convert("RGB")
    draw = ImageDraw.Draw(masked)
    for b in boxes:
        draw.rectangle(
            (b["x"] - SHADOW, b["y"] - SHADOW, b["x"] + b["w"] + SHADOW, b["y"] + b["h"] + SHADOW), fill=(255, 0, 255)
        )
    return masked


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_host_layout_is_untouched_outside_the_banner(
    new_page: Callable[..., Any], base: str, size: tuple[int, int]
) -> None:
    options = {"viewport": {"width": size[0], "height": size[1]}, "reduced_motion": "reduce"}
    bare = new_page(**options)
    bare.goto(base + "hostile-nobanner.html")
    bare.wait_for_load_state("load")
    page = new_page(**options)
    open_page(page, base + "hostile.html")
    boxes = [b for b in (box(page, c) for c in COLUMNS) if b is not None]
    assert len(boxes) == 2
    with_banner = Image.open(io.BytesIO(page.screenshot()))
    without = Image.open(io.BytesIO(bare.screenshot()))
    difference = ImageChops.difference(_mask(with_banner, boxes), _mask(without, boxes))
    assert difference.getbbox() is None, f"host pixels changed at {difference.getbbox()}"
    # And the banner really is drawn inside its box.
    inside = ImageChops.difference(with_banner.convert("RGB"), without.convert("RGB")).getbbox()
    assert inside is not None
    assert page.console.errors == []


def test_webmaster_page_copy_buttons(new_page: Callable[..., Any], base: str, site: Site) -> None:
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_page(page, base + "vocational/banner/index.html", ("vocational",))
    expected = banner_page(site.specs["vocational"])
    page.get_by_role("button", name="复制飘窗代码").click()
    page.wait_for_function("() => document.getElementById('copy-status').textContent === '已复制'")
    assert page.evaluate("() => navigator.clipboard.readText()") == expected.script_snippet
    page.get_by_role("button", name="复制无脚本代码").click()
    page.wait_for_function("() => document.getElementById('copy-status').textContent === '已复制'")
    assert page.evaluate("() => navigator.clipboard.readText()") == expected.nojs_snippet
    for name in ("banner.png", "banner@2x.png"):
        link = page.locator(f'a[download][href="{name}"]')
        assert link.count() == 1
        assert page.request.get(base + "vocational/banner/" + name).ok
    assert page.console.errors == []


def test_webmaster_page_copy_fallback_without_clipboard_api(new_page: Callable[..., Any], base: str) -> None:
    page = new_page()
    page.add_init_script(
        """
        Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});
        window.__copied = [];
        document.addEventListener('copy', () => window.__copied.push(String(document.getSelection())));
        """
    )
    open_page(page, base + "lifelong/banner/index.html", ("lifelong",))
    page.get_by_role("button", name="复制飘窗代码").click()
    page.wait_for_function("() => document.getElementById('copy-status').textContent !== ''")
    copied = page.evaluate("() => window.__copied")
    assert copied == ['<script src="https://huodong.sxlll.cn/home/banner/banner.js" async></script>']
    assert page.evaluate("() => document.getElementById('copy-status').textContent") == "已复制"
    assert page.evaluate("() => document.querySelectorAll('textarea').length") == 0
    assert page.console.errors == []


def test_without_shadow_dom_a_plain_linked_closable_image(new_page: Callable[..., Any], base: str, site: Site) -> None:
    """IE document modes (360 on school CMS pages) have no attachShadow: a linked image in the corner instead."""
    page = new_page()
    page.add_init_script("delete Element.prototype.attachShadow")
    page.goto(base + "hostile.html")
    links = page.locator("a[href][target=_blank]:has(img[alt])")
    links.first.wait_for()
    assert links.count() == 2, "one plain banner per column"
    found = page.evaluate(
        """() => [...document.querySelectorAll('a[target=_blank] img[alt]')].map(img => {
            const r = img.getBoundingClientRect();
            return {href: img.parentNode.href, rel: img.parentNode.rel, alt: img.alt, loaded: img.naturalWidth > 0,
                    x: r.left, y: r.top, w: r.width};
        })"""
    )
    specs = {spec.base_url: spec for spec in site.specs.values()}
    assert {f["href"] for f in found} == set(specs)
    for f in found:
        assert f["rel"] == "noopener" and f["loaded"] and f["w"] == specs[f["href"]].width
        assert f["alt"] and f["y"] >= 0
    close = page.locator("button[aria-label=关闭]").first
    assert close.is_visible()
    close.click()
    assert page.locator("a[target=_blank]:has(img[alt])").count() == 1
    page.reload()
    page.locator("a[target=_blank]:has(img[alt])").first.wait_for()
    assert page.locator("a[target=_blank]:has(img[alt])").count() == 1, "closed stays closed for the session"
    assert page.console.errors == []


# Counts every requestAnimationFrame callback registered on the page, installed before any script runs.
COUNT_FRAMES = """(() => {
  const raf = window.requestAnimationFrame;
  window.__frameRequests = 0;
  window.requestAnimationFrame = function (callback) {
    window.__frameRequests += 1;
    return raf.call(window, callback);
  };
})();"""


@pytest.mark.parametrize(("url", "columns"), [("bounce.html", ("vocational",)), ("hostile.html", COLUMNS)])
def test_moves_by_transform_animations_only_and_stops_while_hidden(
    page: Any, base: str, url: str, columns: tuple[str, ...]
) -> None:
    """Structural, not timed (SPEC 15: almost no CPU on the host page): the compositor animates transform, the
    banner asks for no animation frame and writes nothing to the page per frame, with one banner and with two.
    The CPU figures themselves are measured by `make bench` (tests/bench/banner_cpu.py)."""
    page.add_init_script(COUNT_FRAMES)
    open_page(page, base + url, columns)
    assert page.evaluate("window.__frameRequests") == 0, "no requestAnimationFrame loop: the compositor moves it"
    animations = page.evaluate(
        """() => Object.values(window.SXActivityWeekBanner.instances).flatMap(i => i.host.shadowRoot
            .getAnimations().map(a => ({state: a.playState,
                props: [...new Set(a.effect.getKeyframes().flatMap(k => Object.keys(k)))]
                    .filter(p => !['offset', 'computedOffset', 'easing', 'composite'].includes(p))})))"""
    )
    assert len(animations) == 2 * len(columns), "two axes per banner"
    assert all(a["props"] == ["transform"] and a["state"] == "running" for a in animations), animations
    mutations = page.evaluate(
        """() => new Promise(resolve => {
            let count = 0;
            const observer = new MutationObserver(records => { count += records.length; });
            observer.observe(document, {attributes: true, childList: true, subtree: true});
            for (const i of Object.values(window.SXActivityWeekBanner.instances)) {
                observer.observe(i.host.shadowRoot, {attributes: true, childList: true, subtree: true});
            }
            setTimeout(() => { observer.disconnect(); resolve(count); }, 700);
        })"""
    )
    assert mutations == 0, "no style or DOM writes while the banners move"
    assert not still(page, "vocational", 400)
    states = page.evaluate(
        """() => {
            Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
            document.dispatchEvent(new Event('visibilitychange'));
            return Object.values(window.SXActivityWeekBanner.instances)
                .flatMap(i => i.host.shadowRoot.getAnimations().map(a => a.playState));
        }"""
    )
    assert states == ["paused"] * 2 * len(columns)
    resumed = page.evaluate(
        """() => {
            window.__frameRequests = 0;  // still() above asked for frames of its own
            Object.defineProperty(document, 'visibilityState', {value: 'visible', configurable: true});
            document.dispatchEvent(new Event('visibilitychange'));
            return window.__frameRequests;
        }"""
    )
    assert resumed == 0, "resuming plays the animations again, with no frame loop"
    assert not still(page, "vocational", 400), "moves again once the tab is shown"
    assert page.console.errors == []
