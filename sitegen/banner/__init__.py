"""Stage 5, banner: the 飘窗 script, its images (drawn or cropped) and the webmasters' page."""

from .snippet import (
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

__all__ = [
    "CONFIG_PLACEHOLDER",
    "BannerError",
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
