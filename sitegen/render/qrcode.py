"""Stage 5, render: the QR code of an article's absolute URL, for readers who move from a PC to WeChat."""

from __future__ import annotations

from functools import lru_cache

import segno


@lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """An inline SVG, called by the article template only when the page is actually rendered.

    The mask is fixed: readers decode any of the eight masks, and trying all eight to keep the
    best-scoring one costs ten times more (13 ms a page in pure Python), most of a cold build.
    """
    qr = segno.make(url, error="m", mask=0)
    return qr.svg_inline(scale=3, border=2, dark="#1a1a1a", light="#ffffff", title="扫码在手机上阅读", omitsize=True)
