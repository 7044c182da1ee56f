"""Render stage for the 飘窗 banners: per-column script, snippets and image files."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import rcssmin
import rjsmin

from ..config import CORNERS, Column
from ..core import frozen
from ..render import range_text
from . import art as banner_art
from .art import BannerError

__all__ = [
    "CORNERS",
    "BannerError",
    "BannerPage",
    "BannerSpec",
    "banner_page",
    "build_banner",
    "find_artwork",
    "find_cjk_font",
    "minify_css",
    "render_script",
    "spec_for",
    "strip_js",
]

SCRIPT_NAME = "banner.js"
STYLE_NAME = "banner.css"
IMAGE_NAME = "banner.png"
IMAGE_2X_NAME = "banner@2x.png"
# The one line in banner.js that build_banner replaces with the column's JSON config.
CONFIG_PLACEHOLDER = "/*@BANNER_CONFIG@*/null"
DEFAULT_THEME_BANNER_DIR = Path(__file__).resolve().parents[2] / "themes" / "default" / "banner"
FONT_PATTERN = "Noto Sans CJK SC:style=Bold"
# Characters that must not appear raw inside an inline JSON literal in a script.
_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


@frozen
class BannerSpec:
    """Everything the banner of one column needs, taken from config.yml."""

    column_id: str
    title: str
    short_title: str
    theme: str
    dates: str  # e.g. "2024年5月12日—18日", as views.range_text writes it
    base_url: str
    width: int
    height: int
    corner: str  # one of CORNERS

    def __post_init__(self) -> None:
        if self.corner not in CORNERS:
            raise BannerError(
                f"飘窗 {self.column_id}: banner.corner 为 {self.corner!r}，应为 {' / '.join(CORNERS)} 之一 "
                f"(banner.corner must be one of {', '.join(CORNERS)})"
            )
        if not (40 <= self.width <= 1200 and 20 <= self.height <= 1200):
            raise BannerError(
                f"飘窗 {self.column_id}: 尺寸 {self.width}×{self.height} 不合理，宽 40–1200、高 20–1200 像素 "
                f"(banner width/height out of range)"
            )
        scheme = urlsplit(self.base_url).scheme
        if scheme not in ("http", "https"):
            raise BannerError(
                f"飘窗 {self.column_id}: base_url {self.base_url!r} 须以 https:// 或 http:// 开头 "
                f"(base_url must be an absolute http(s) URL)"
            )


@frozen
class BannerPage:
    """The flattened view the webmaster page template (banner.html) renders."""

    script_snippet: str
    nojs_snippet: str
    image: str  # relative to the banner page
    image_2x: str
    width: int
    height: int
    alt: str
    base_url: str
    origin: str  # scheme://host of the column, for CSP advice


def spec_for(column: Column) -> BannerSpec:
    """The banner spec of a configured column: always its current edition's title, year and dates, while the
    link (the column's base URL) and so the webmasters' snippet stay the same from year to year."""
    return BannerSpec(
        column_id=column.id,
        title=column.title,
        short_title=column.current.banner_text if column.editions else column.short_title,
        theme=column.theme,
        dates=range_text(column.start, column.end),
        base_url=column.base_url,
        width=column.banner.width,
        height=column.banner.height,
        corner=column.banner.corner,
    )


def find_artwork(content_dir: Path, column_id: str, configured: str | None = None) -> Path | None:
    """The current edition's artwork (`banner.artwork` in config.yml), else content/banners/<column>.png or .jpg,
    if the editors supplied artwork."""
    if configured is not None:
        path = content_dir / configured
        if not path.is_file():
            raise BannerError(f"{path}: 找不到 config.yml 中 banner.artwork 指定的飘窗图片 (banner artwork not found)")
        return path
    found = [p for ext in ("png", "jpg", "jpeg") if (p := content_dir / "banners" / f"{column_id}.{ext}").is_file()]
    if len(found) > 1:
        raise BannerError(
            f"{found[0]} 与 {found[1]} 同时存在，请只保留一张飘窗图片 "
            f"(more than one banner artwork for {column_id}; keep one)"
        )
    return found[0] if found else None


def _under(base_url: str, name: str) -> str:
    """URL of a file in the column's banner/ folder."""
    return base_url.rstrip("/") + "/banner/" + name


def banner_page(spec: BannerSpec) -> BannerPage:
    """Snippets and figures for the page that tells webmasters how to embed the banner."""
    script = f'<script src="{html.escape(_under(spec.base_url, SCRIPT_NAME))}" async></script>'
    nojs = (
        f'<a href="{html.escape(spec.base_url)}" target="_blank" rel="noopener">'
        f'<img src="{html.escape(_under(spec.base_url, IMAGE_NAME))}" '
        f'srcset="{html.escape(_under(spec.base_url, IMAGE_2X_NAME))} 2x" '
        f'width="{spec.width}" height="{spec.height}" alt="{html.escape(spec.title)}"></a>'
    )
    parts = urlsplit(spec.base_url)
    return BannerPage(
        script_snippet=script,
        nojs_snippet=nojs,
        image=IMAGE_NAME,
        image_2x=IMAGE_2X_NAME,
        width=spec.width,
        height=spec.height,
        alt=spec.title,
        base_url=spec.base_url,
        origin=f"{parts.scheme}://{parts.netloc}",
    )


def strip_js(source: str) -> str:
    """banner.js minified by rjsmin: comments and white space out, string and regex literals kept as written.
    Deterministic, and it keeps ES5 syntax as it is (it only removes, never rewrites)."""
    return str(rjsmin.jsmin(source)) + "\n"


def minify_css(source: str) -> str:
    """banner.css minified by rcssmin (comments, white space, the last semicolon of a block)."""
    return str(rcssmin.cssmin(source)).strip()


def _ascii_js(text: str) -> str:
    """Escape every non-ASCII character as a \\u escape of four hex digits.

    School CMS pages are often GBK-encoded, and a script served without a charset
    is decoded with the page's encoding; an ASCII-only file reads the same in both.
    Non-ASCII only occurs inside string literals (comments are gone), where the
    escape means the same character.
    """
    out: list[str] = []
    for char in text:
        if ord(char) < 128:
            out.append(char)
            continue
        units = char.encode("utf-16-be")
        for i in range(0, len(units), 2):
            out.append(f"\\u{units[i]:02x}{units[i + 1]:02x}")
    return "".join(out)


def script_config(spec: BannerSpec, css: str) -> dict[str, object]:
    """The per-column settings baked into banner.js (never read from the host page)."""
    return {
        "id": spec.column_id,
        "link": spec.base_url,
        "alt": spec.title,
        "label": spec.short_title,
        "image": IMAGE_NAME,
        "image2x": IMAGE_2X_NAME,
        "stylesheet": STYLE_NAME,
        "fallbackBase": _under(spec.base_url, ""),
        "width": spec.width,
        "height": spec.height,
        "corner": spec.corner,
        "css": css,
    }


def render_script(source: str, spec: BannerSpec, css: str) -> str:
    """Fill the config placeholder of banner.js and strip comments."""
    if source.count(CONFIG_PLACEHOLDER) != 1:
        raise BannerError(
            f"banner.js 中须恰好有一处 {CONFIG_PLACEHOLDER} 占位符 "
            f"(banner.js must contain the config placeholder exactly once)"
        )
    config = json.dumps(script_config(spec, css), ensure_ascii=True, separators=(",", ":"))
    for char, escape in _JS_UNSAFE.items():
        config = config.replace(char, escape)
    return _ascii_js(strip_js(source.replace(CONFIG_PLACEHOLDER, config)))


def find_cjk_font() -> Path | None:
    """The bold Simplified Chinese font file fontconfig picks (Noto Sans CJK SC); None when there is none.

    Only a text banner needs it: a column with artwork builds on a machine without CJK fonts, and one
    without artwork fails in build_banner with a message naming the font and both fixes.
    """
    if shutil.which("fc-match") is None or shutil.which("fc-list") is None:
        return None
    try:
        matched = subprocess.run(
            ["fc-match", "-f", "%{file}", FONT_PATTERN],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
        chinese = subprocess.run(
            ["fc-list", "-f", "%{file}\n", ":lang=zh-cn"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return None
    # fc-match always answers, falling back to any font; only trust a file that covers Chinese.
    candidates = sorted({name for name in chinese if name})
    if matched in candidates:
        return Path(matched)
    bold = [name for name in candidates if "bold" in name.lower()]
    if bold or candidates:
        return Path((bold or candidates)[0])
    return None


def _read_theme_file(folder: Path, name: str) -> str:
    path = folder / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise BannerError(f"{path}: 无法读取主题文件 (cannot read theme file): {e}") from e


def build_banner(
    spec: BannerSpec, artwork: Path | None, font: Path | None, *, theme_dir: Path | None = None
) -> dict[str, bytes]:
    """All files of the column's banner/ folder except index.html, by file name.

    Without artwork the banner is drawn in `font`; with neither, BannerError names the font and both fixes."""
    folder = theme_dir if theme_dir is not None else DEFAULT_THEME_BANNER_DIR
    css = minify_css(_read_theme_file(folder, STYLE_NAME))
    script = render_script(_read_theme_file(folder, SCRIPT_NAME), spec, css)
    images = banner_art.banner_images(
        banner_art.ArtSpec(
            column_id=spec.column_id,
            short_title=spec.short_title,
            theme=spec.theme,
            dates=spec.dates,
            width=spec.width,
            height=spec.height,
        ),
        artwork,
        font,
    )
    return {
        SCRIPT_NAME: script.encode("ascii"),
        STYLE_NAME: (css + "\n").encode("ascii"),
        IMAGE_NAME: images[0],
        IMAGE_2X_NAME: images[1],
    }
