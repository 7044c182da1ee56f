"""Stage 5, render: the QR code of an article's absolute URL, for readers who move from a PC to WeChat, and
of the review preview's address in the terminal: one QR library (zxing-cpp) for both."""

from __future__ import annotations

import re
from functools import lru_cache

import zxingcpp

BORDER = 2  # quiet zone, in modules
SCALE = 3  # pixels per module
TITLE = "扫码在手机上阅读"


@lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """An inline SVG, called by the article template only when the page is actually rendered.

    zxing-cpp encodes in C (0.3 ms, with the best of the eight masks) where segno took 2 ms in pure
    Python with one fixed mask: the QR codes were half of a cold build's page time.
    """
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    size = image.shape[0]
    # One byte a module, row by row: 0 is dark. arg-type: zxingcpp.Image has the buffer protocol, which the stub of
    # some zxing-cpp wheels omits; where it has it (as mypy sees it under Python 3.13) the ignore is unused.
    return _svg(size, memoryview(image).tobytes())  # type: ignore[arg-type, unused-ignore]


def qr_terminal(url: str) -> str:
    """The URL as a QR code of half-block characters, two module rows a line, for a phone camera pointed at
    a terminal. Terminals are dark: a light module is drawn, a dark one left blank, inside a light border."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    size = image.shape[0]
    modules = memoryview(image).tobytes()  # type: ignore[arg-type, unused-ignore]
    side = size + 2 * BORDER

    def light(x: int, y: int) -> bool:
        inside = BORDER <= x < size + BORDER and BORDER <= y < size + BORDER
        return not inside or modules[(y - BORDER) * size + x - BORDER] != 0

    blocks = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return "".join(
        "".join(blocks[light(x, y), y + 1 < side and light(x, y + 1)] for x in range(side)) + "\n"
        for y in range(0, side, 2)
    )


_DARK_RUN = re.compile(rb"\x00+")


def _svg(size: int, modules: bytes) -> str:
    """A path of horizontal runs, one M x y a row (half a module down, so strokes fill it), then h n for a
    run and m dx 0 to the next one: only whole numbers to write, 0.1 ms a code."""
    side = (size + 2 * BORDER) * SCALE
    moves: list[str] = []
    for y in range(size):
        row = y * size
        end = -1
        for run in _DARK_RUN.finditer(modules, row, row + size):
            start = run.start() - row
            moves.append(f"M{start + BORDER} {y + BORDER}.5" if end < 0 else f"m{start - end} 0")
            end = run.end() - row
            moves.append(f"h{end - start}")
    outer = size + 2 * BORDER
    return (
        f'<svg viewBox="0 0 {side} {side}" class="qr"><title>{TITLE}</title><g transform="scale({SCALE})">'
        f'<path fill="#fff" d="M0 0h{outer}v{outer}h-{outer}z"/>'
        f'<path class="qrline" stroke="#1a1a1a" d="{"".join(moves)}"/></g></svg>'
    )
