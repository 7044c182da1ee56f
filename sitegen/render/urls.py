"""Stage 5, render: relative links between pages of one column site, so it works under any base path."""

from __future__ import annotations

from urllib.parse import urlsplit


def relative(page: str, target: str) -> str:
    """Link from the page at site-root path `page` (a folder ending in / or a file) to `target`."""
    if "://" in target:
        return target
    depth = page.count("/")
    return "../" * depth + target or "./"


def base_path(base_url: str) -> str:
    """The path part of a base URL: https://huodong.sxlll.cn/home/ → /home/."""
    return urlsplit(base_url).path or "/"
