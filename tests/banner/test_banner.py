"""The 飘窗 banner without a browser: snippets, script config, size budget, images, webmaster page."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from PIL import Image, ImageChops, ImageStat

from sitegen.banner import (
    CONFIG_PLACEHOLDER,
    BannerError,
    BannerSpec,
    banner_page,
    build_banner,
    find_artwork,
    find_cjk_font,
    minify_css,
    render_script,
    spec_for,
    strip_js,
)
from sitegen.banner import art as banner_art
from sitegen.config import Column, load_config
from sitegen.core import SiteError
from sitegen.render import make_environment

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "themes" / "default"
GZIP_BUDGET = 6144


@pytest.fixture(scope="module")
def columns() -> dict[str, Column]:
    return dict(load_config(ROOT / "config.yml").columns)


@pytest.fixture(scope="module")
def specs(columns: dict[str, Column]) -> dict[str, BannerSpec]:
    return {column_id: spec_for(column) for column_id, column in columns.items()}


@pytest.fixture(scope="module")
def font() -> Path:
    found = find_cjk_font()
    assert found is not None, "these tests draw text banners: install fonts-noto-cjk"
    return found


@pytest.fixture(scope="module")
def built(specs: dict[str, BannerSpec], font: Path) -> dict[str, dict[str, bytes]]:
    return {column_id: build_banner(spec, None, font) for column_id, spec in specs.items()}


def script_config(script: str) -> dict[str, object]:
    match = re.search(r"var CONFIG ?= ?", script)
    assert match, "no config literal in banner.js"
    config: dict[str, object] = json.JSONDecoder().raw_decode(script, match.end())[0]
    return config


# --- snippets and config ---------------------------------------------------------------------------


def test_specs_come_from_config(specs: dict[str, BannerSpec]) -> None:
    vocational = specs["vocational"]
    # The banner shows the current edition: the sample's newest is its fictional 2025 one (config.editions).
    assert vocational.title == "山西省2025年职业教育活动周专栏（示例）"
    assert vocational.short_title == "2025年职业教育活动周"
    assert vocational.dates == "2025年5月11日—17日"
    assert (vocational.width, vocational.height, vocational.corner) == (240, 120, "top-left")
    assert specs["lifelong"].base_url == "https://huodong.sxlll.cn/home/"


def test_script_snippets_point_at_each_column(specs: dict[str, BannerSpec]) -> None:
    assert banner_page(specs["vocational"]).script_snippet == (
        '<script src="https://zyjyz.sxgkd.edu.cn/banner/banner.js" async></script>'
    )
    assert banner_page(specs["lifelong"]).script_snippet == (
        '<script src="https://huodong.sxlll.cn/home/banner/banner.js" async></script>'
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_nojs_snippet_is_a_plain_linked_image(specs: dict[str, BannerSpec]) -> None:
    spec = specs["lifelong"]
    page = banner_page(spec)
    parser = _Tags()
    parser.feed(page.nojs_snippet)
    (a_tag, a), (img_tag, img) = parser.tags
    assert (a_tag, img_tag) == ("a", "img")
    assert a == {"href": spec.base_url, "target": "_blank", "rel": "noopener"}
    assert img["src"] == "https://huodong.sxlll.cn/home/banner/banner.png"
    assert img["srcset"] == "https://huodong.sxlll.cn/home/banner/banner@2x.png 2x"
    assert (img["width"], img["height"], img["alt"]) == ("240", "120", spec.title)
    assert "<script" not in page.nojs_snippet
    assert page.origin == "https://huodong.sxlll.cn"
    assert (page.image, page.image_2x, page.alt) == ("banner.png", "banner@2x.png", spec.title)


def test_snippets_escape_config_text(specs: dict[str, BannerSpec]) -> None:
    spec = dataclasses.replace(specs["vocational"], title='A "quoted" <b>title</b> & more')
    snippet = banner_page(spec).nojs_snippet
    assert 'alt="A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; &amp; more"' in snippet


@pytest.mark.parametrize(
    ("field", "value"),
    [("corner", "middle"), ("width", 5), ("base_url", "zyjyz.sxgkd.edu.cn/"), ("base_url", "javascript:alert(1)")],
)
def test_spec_rejects_bad_settings(specs: dict[str, BannerSpec], field: str, value: object) -> None:
    with pytest.raises(BannerError) as error:
        dataclasses.replace(specs["vocational"], **{field: value})
    assert "飘窗" in str(error.value)


def test_build_gives_the_four_files_deterministically(
    specs: dict[str, BannerSpec], font: Path, built: dict[str, dict[str, bytes]]
) -> None:
    assert set(built["vocational"]) == {"banner.js", "banner.css", "banner.png", "banner@2x.png"}
    assert build_banner(specs["vocational"], None, font) == built["vocational"]


def test_script_carries_the_column_config(specs: dict[str, BannerSpec], built: dict[str, dict[str, bytes]]) -> None:
    for column_id, spec in specs.items():
        script = built[column_id]["banner.js"].decode("ascii")
        config = script_config(script)
        assert config["id"] == column_id
        assert config["link"] == spec.base_url
        assert config["alt"] == spec.title
        assert (config["width"], config["height"], config["corner"]) == (spec.width, spec.height, spec.corner)
        files = (config["image"], config["image2x"], config["stylesheet"])
        assert files == ("banner.png", "banner@2x.png", "banner.css")
        assert config["css"] == built[column_id]["banner.css"].decode("ascii").strip()
        assert CONFIG_PLACEHOLDER not in script


def test_script_is_ascii_so_gbk_host_pages_read_it_right(built: dict[str, dict[str, bytes]]) -> None:
    for files in built.values():
        files["banner.js"].decode("ascii")
        files["banner.css"].decode("ascii")
    # The Chinese button labels survive as escapes.
    assert "\\u5173\\u95ed" in built["vocational"]["banner.js"].decode("ascii")  # 关闭


def test_script_avoids_what_csp_and_hostile_hosts_break() -> None:
    source = (THEME / "banner" / "banner.js").read_text(encoding="utf-8")
    code = strip_js(source)
    for forbidden in (
        "eval(",
        "new Function",
        "setTimeout",
        "setInterval",
        "innerHTML",
        "document.write",
        "jQuery",
        "$(",
        ".forEach",
        ".map(",
        "for(var key in",  # the minified spelling: `code` is what ships
        "setAttribute('style'",
        "createElement('style')",
        "localStorage",
    ):
        assert forbidden not in code, forbidden
    assert code.count("window[NS]=") == 0 and "win[NS]=ns" in code  # the one global
    assert source.count(CONFIG_PLACEHOLDER) == 1


def test_script_fits_the_gzip_budget(built: dict[str, dict[str, bytes]]) -> None:
    for files in built.values():
        size = len(gzip.compress(files["banner.js"], compresslevel=9, mtime=0))
        assert size <= GZIP_BUDGET, f"banner.js is {size} bytes gzipped, budget {GZIP_BUDGET}"


def test_render_script_needs_exactly_one_placeholder(specs: dict[str, BannerSpec]) -> None:
    with pytest.raises(BannerError):
        render_script("var CONFIG = null;", specs["vocational"], "")
    with pytest.raises(BannerError):
        render_script(CONFIG_PLACEHOLDER * 2, specs["vocational"], "")


def test_config_cannot_close_a_script_element(specs: dict[str, BannerSpec]) -> None:
    spec = dataclasses.replace(specs["vocational"], title="</script><script>alert(1)</script>")
    script = render_script(f"var CONFIG = {CONFIG_PLACEHOLDER};\n", spec, "")
    assert "</script" not in script and "<" not in script
    assert script_config(script)["alt"] == spec.title


def test_strip_js_drops_comments_and_keeps_literals() -> None:
    source = (
        "/*\n * header\n */\n(function () {\n  // a comment\n  var url = 'http://x/*y*/';  // gone\n"
        '\n  /* one-line block */\n  var s = "// not a comment", r = /[/]\\/*/g;\n}());\n'
    )
    assert strip_js(source) == "(function(){var url='http://x/*y*/';var s=\"// not a comment\",r=/[/]\\/*/g;}());\n"
    assert strip_js(source) == strip_js(source)


def test_minify_css() -> None:
    css = '/* c */\n.a ,\n.b > .c {\n  color : red ;\n  font: 13px/24px "Noto Sans CJK SC", sans-serif;\n}\n'
    assert minify_css(css) == '.a,.b>.c{color:red;font:13px/24px "Noto Sans CJK SC",sans-serif}'
    theme = minify_css((THEME / "banner" / "banner.css").read_text(encoding="utf-8"))
    assert ":host{position:fixed!important;" in theme and "/*" not in theme


# --- fonts ------------------------------------------------------------------------------------------


def test_find_cjk_font_finds_a_chinese_font(font: Path) -> None:
    assert font.is_file()


def test_find_cjk_font_without_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert find_cjk_font() is None


def test_find_cjk_font_without_chinese_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        out = "DejaVuSans.ttf" if args[0] == "fc-match" else ""
        return subprocess.CompletedProcess(args, 0, stdout=out, stderr="")

    monkeypatch.setattr("subprocess.run", run)
    assert find_cjk_font() is None


def test_a_text_banner_without_a_font_names_the_font_and_both_fixes(specs: dict[str, BannerSpec]) -> None:
    with pytest.raises(BannerError) as error:
        build_banner(specs["lifelong"], None, None)
    assert str(error.value).startswith(
        "飘窗 lifelong：未找到中文（CJK）字体 Noto Sans CJK SC，无法绘制文字飘窗。"
        "请安装字体 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk；make build 会自动安装），"
        "或把飘窗图片放在 content/banners/lifelong.png "
    )
    assert isinstance(error.value, SiteError)


# --- drawn images -----------------------------------------------------------------------------------


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _bright_pixels(image: Image.Image, threshold: int) -> int:
    """How many pixels have every channel above threshold (white text)."""
    red, green, blue = image.convert("RGB").split()
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    return darkest.point(lambda v: 255 if v > threshold else 0).histogram()[255]


def test_drawn_images_size_mode_and_content(specs: dict[str, BannerSpec], built: dict[str, dict[str, bytes]]) -> None:
    for column_id, spec in specs.items():
        one = _image(built[column_id]["banner.png"])
        two = _image(built[column_id]["banner@2x.png"])
        assert one.size == (spec.width, spec.height)
        assert two.size == (spec.width * 2, spec.height * 2)
        for image in (one, two):
            assert image.format == "PNG" and image.mode == "RGB"
            assert not image.info.get("exif") and "tIME" not in image.info
            assert min(ImageStat.Stat(image).var) > 500, "the banner looks blank"
            # White title text sits in the upper field.
            field = image.crop((0, 0, image.width, image.height * 2 // 3))
            assert _bright_pixels(field, 240) > 200 * (image.width // spec.width) ** 2


def test_columns_have_distinct_colours(built: dict[str, dict[str, bytes]]) -> None:
    red, green, blue = ImageStat.Stat(_image(built["vocational"]["banner.png"])).mean
    assert blue > red and blue > green  # deep blue, with a red band
    red, green, blue = ImageStat.Stat(_image(built["lifelong"]["banner.png"])).mean
    assert green > red and green > blue * 0.9  # green into teal


def test_text_is_fitted_not_clipped(specs: dict[str, BannerSpec], font: Path) -> None:
    """Against the same banner without text, the left and right margins hold no text pixels."""
    longer = dataclasses.replace(
        specs["lifelong"],
        short_title="全民终身学习活动周宣传展示专栏",
        theme="让学习成为一种生活方式，人人皆学处处能学",
        dates="2024年12月28日—2025年1月3日",
    )
    fonts = banner_art.CjkFonts(font)
    for spec in (specs["vocational"], specs["lifelong"], longer):
        art = banner_art.ArtSpec(spec.column_id, spec.short_title, spec.theme, spec.dates, spec.width, spec.height)
        for scale in (1, 2):
            drawn = banner_art.draw_text_banner(art, fonts, scale)
            blank = dataclasses.replace(art, short_title="", theme="", dates="")
            empty = banner_art.draw_text_banner(blank, fonts, scale)
            text = ImageChops.difference(drawn, empty).convert("L").point(lambda v: 255 if v > 24 else 0)
            margin = 6 * scale
            assert text.crop((0, 0, margin, drawn.height)).getbbox() is None, (spec.short_title, scale)
            assert text.crop((drawn.width - margin, 0, drawn.width, drawn.height)).getbbox() is None
            ink = text.getbbox()
            assert ink is not None
            # Nothing touches the top or bottom edge either.
            _, top, _, bottom = ink
            assert top >= 2 * scale and bottom <= drawn.height - 2 * scale


def test_text_too_long_for_the_banner_is_an_error(specs: dict[str, BannerSpec], font: Path) -> None:
    spec = dataclasses.replace(specs["vocational"], short_title="职业教育活动周" * 6)
    with pytest.raises(BannerError, match="太长"):
        build_banner(spec, None, font)


def test_a_new_column_gets_a_palette(specs: dict[str, BannerSpec], font: Path) -> None:
    spec = dataclasses.replace(specs["vocational"], column_id="special-education")
    files = build_banner(spec, None, font)
    assert _image(files["banner.png"]).size == (240, 120)


def test_fit_size_is_pure() -> None:
    def measure(text: str, size: int) -> float:
        return len(text) * size

    assert banner_art.fit_size("四个汉字", 100, 30, 10, measure) == 25
    assert banner_art.fit_size("四个汉字", 1000, 30, 10, measure) == 30
    assert banner_art.fit_size("四个汉字", 20, 30, 10, measure) is None


def test_cover_box_is_centred() -> None:
    assert banner_art.cover_box((1000, 300), (240, 120)) == (200.0, 0.0, 800.0, 300.0)
    assert banner_art.cover_box((600, 600), (240, 120)) == (0.0, 150.0, 600.0, 450.0)
    assert banner_art.cover_box((480, 240), (240, 120)) == (0.0, 0.0, 480.0, 240.0)


# --- artwork ----------------------------------------------------------------------------------------


def _stripes(path: Path, size: tuple[int, int], colours: list[tuple[int, int, int]], **save: object) -> None:
    image = Image.new("RGB", size)
    band = size[0] // len(colours)
    for i, colour in enumerate(colours):
        image.paste(colour, (i * band, 0, (i + 1) * band if i < len(colours) - 1 else size[0], size[1]))
    image.save(path, **save)


def test_artwork_is_cropped_to_size(specs: dict[str, BannerSpec], font: Path, tmp_path: Path) -> None:
    art = tmp_path / "vocational.png"
    # 3:1 stripes, red | green | blue; the centred 2:1 crop keeps a little of each.
    _stripes(art, (1200, 400), [(220, 0, 0), (0, 200, 0), (0, 0, 220)], pnginfo=None)
    files = build_banner(specs["vocational"], art, font)
    for name, scale in (("banner.png", 1), ("banner@2x.png", 2)):
        image = _image(files[name])
        assert image.size == (240 * scale, 120 * scale) and image.mode == "RGB"
        assert image.getpixel((2, 60 * scale)) == (220, 0, 0)
        assert image.getpixel((120 * scale, 60 * scale)) == (0, 200, 0)
        assert image.getpixel((240 * scale - 3, 60 * scale)) == (0, 0, 220)
    assert build_banner(specs["vocational"], art, font) == files


def test_artwork_metadata_and_transparency(specs: dict[str, BannerSpec], font: Path, tmp_path: Path) -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "someone")
    art = tmp_path / "lifelong.png"
    Image.new("RGBA", (480, 240), (0, 0, 0, 0)).save(art, pnginfo=info)
    image = _image(build_banner(specs["lifelong"], art, font)["banner.png"])
    assert image.mode == "RGB" and image.getpixel((10, 10)) == (255, 255, 255)
    assert "Author" not in image.info


def test_artwork_exif_orientation_is_applied(specs: dict[str, BannerSpec], font: Path, tmp_path: Path) -> None:
    # Stored portrait, top red and bottom blue; orientation 6 shows it turned clockwise: blue left, red right.
    stored = Image.new("RGB", (400, 800), (0, 0, 230))
    stored.paste((230, 0, 0), (0, 0, 400, 400))
    exif = Image.Exif()
    exif[0x0112] = 6
    art = tmp_path / "vocational.jpg"
    stored.save(art, "JPEG", quality=95, exif=exif)
    image = _image(build_banner(specs["vocational"], art, font)["banner.png"])
    left, right = image.getpixel((10, 60)), image.getpixel((230, 60))
    assert left[2] > 200 and left[0] < 40, left  # type: ignore[index]
    assert right[0] > 200 and right[2] < 40, right  # type: ignore[index]


@pytest.mark.parametrize("problem", ["small", "corrupt", "gif", "bomb"])
def test_bad_artwork_is_a_clear_error(
    specs: dict[str, BannerSpec], font: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problem: str
) -> None:
    art = tmp_path / "vocational.png"
    if problem == "small":
        Image.new("RGB", (100, 50), "red").save(art)
    elif problem == "corrupt":
        art.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    elif problem == "gif":
        Image.new("RGB", (480, 240), "red").save(art, "GIF")
    else:
        Image.new("RGB", (1000, 500), "red").save(art)
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 300_000)
    with pytest.raises(BannerError) as error:
        build_banner(specs["vocational"], art, font)
    assert str(art) in str(error.value)


def test_find_artwork(tmp_path: Path) -> None:
    assert find_artwork(tmp_path, "vocational") is None
    (tmp_path / "banners").mkdir()
    (tmp_path / "banners" / "vocational.jpg").write_bytes(b"")
    assert find_artwork(tmp_path, "vocational") == tmp_path / "banners" / "vocational.jpg"
    (tmp_path / "banners" / "vocational.png").write_bytes(b"")
    with pytest.raises(BannerError, match="只保留一张"):
        find_artwork(tmp_path, "vocational")


# --- the webmaster page -----------------------------------------------------------------------------

STAND_IN_BASE = (
    '<!DOCTYPE html><html lang="zh-CN"><head><title>{% block title %}{% endblock %}</title></head>'
    "<body><main>{% block content %}{% endblock %}</main>{% block scripts %}{% endblock %}</body></html>"
)


class _Page(HTMLParser):
    """Collects what the assertions need from the rendered page."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.code: dict[str, str] = {}
        self.current: str | None = None
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)
        if tag == "code" and self.stack[-2:-1] == ["pre"]:
            self.current = dict(attrs).get("id") or ""
            self.code[self.current] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "code":
            self.current = None
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.current is not None:
            self.code[self.current] += data
        if self.stack and self.stack[-1] in ("h1", "h2"):
            self.headings.append(data.strip())


def render_page(spec: BannerSpec, column: Column, tmp_path: Path) -> str:
    (tmp_path / "base.html").write_text(STAND_IN_BASE, encoding="utf-8")
    env = make_environment(THEME)
    env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(tmp_path), jinja2.FileSystemLoader(THEME / "templates")])
    return env.get_template("banner.html").render(
        banner=banner_page(spec), column=column, asset=lambda name: f"../assets/{name}", link=lambda path: "../" + path
    )


def test_webmaster_page(specs: dict[str, BannerSpec], columns: dict[str, Column], tmp_path: Path) -> None:
    spec = specs["vocational"]
    page = banner_page(spec)
    html = render_page(spec, columns["vocational"], tmp_path)
    parsed = _Page()
    parsed.feed(html)
    # Both snippets shown verbatim in <pre><code>, each with a copy button that names its target.
    assert parsed.code == {"snippet-script": page.script_snippet, "snippet-nojs": page.nojs_snippet}
    copy_targets = sorted(a["data-copy"] or "" for t, a in parsed.tags if t == "button")
    assert copy_targets == ["snippet-nojs", "snippet-script"]
    assert ("p", {"class": "banner-page__status", "role": "status", "aria-live": "polite", "id": "copy-status"}) in (
        parsed.tags
    )
    scripts = [a.get("src") for t, a in parsed.tags if t == "script"]
    assert scripts == ["../assets/js/banner-page.js", "banner.js"]
    downloads = [a["href"] for t, a in parsed.tags if t == "a" and "download" in a]
    assert downloads == ["banner.png", "banner@2x.png"]
    assert parsed.headings[0] == "职业教育活动周飘窗：代码与设置说明"
    text = "".join(parsed.text)
    for words in ("源代码", "页脚模板", "博达", "动易", "无脚本代码", "内容安全策略", "https://zyjyz.sxgkd.edu.cn"):
        assert words in text
    steps = re.search(r"第二步.*?<ol[^>]*>(.*?)</ol>", html, re.S)
    assert steps and steps.group(1).count("<li>") >= 5
    assert "2024" not in (THEME / "templates" / "banner.html").read_text(encoding="utf-8")


def test_webmaster_page_without_sister_link(
    specs: dict[str, BannerSpec], columns: dict[str, Column], tmp_path: Path
) -> None:
    # config.Column has no `sister`; the page falls back to plain text under StrictUndefined.
    html = render_page(specs["lifelong"], columns["lifelong"], tmp_path)
    assert "飘窗代码”页面获取" in html


@dataclasses.dataclass(frozen=True)
class _Sister:
    title: str
    path: str


@dataclasses.dataclass(frozen=True)
class _ColumnWithSister:
    id: str
    title: str
    short_title: str
    theme: str
    base_url: str
    sister: _Sister


def test_webmaster_page_links_the_sister_column(
    specs: dict[str, BannerSpec], columns: dict[str, Column], tmp_path: Path
) -> None:
    own, other = columns["vocational"], columns["lifelong"]
    column = _ColumnWithSister(
        own.id, own.title, own.short_title, own.theme, own.base_url, _Sister(other.title, other.base_url)
    )
    html = render_page(specs["vocational"], column, tmp_path)  # type: ignore[arg-type]
    assert f'<a href="{other.base_url}banner/">{other.title}的飘窗代码页</a>' in html


@pytest.mark.parametrize(
    "name", ["banner/banner.js", "assets/js/search-loader.js", "assets/js/assist.js", "assets/js/speech.js"]
)
def test_scripts_old_browsers_run_keep_to_es5_syntax(name: str) -> None:
    """The banner, the search loader and the readers' aids must parse in IE document modes and old WebViews."""
    code = strip_js((THEME / name).read_text(encoding="utf-8"))
    for later in ("=>", "`", "let ", "const ", "class ", "async ", "await ", "...", "?.", "??", "import("):
        assert later not in code.replace("'...'", ""), f"{name}: {later!r} is not ES5"
