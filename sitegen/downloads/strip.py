"""Stage 5, downloads: metadata out of PNG and JPEG files without re-encoding a single pixel.

A logo or poster is offered as the designers made it, byte for byte, except for what may identify a
person, a place or a machine: EXIF (with GPS), XMP, IPTC, comments and text chunks. The image data
segments are copied as they are.
"""

from __future__ import annotations

import struct

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Ancillary PNG chunks that carry text, dates or EXIF; colour and transparency chunks stay.
_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
# JPEG segments with metadata: APP1 (EXIF, XMP), APP13 (IPTC/Photoshop), COM. APP0 (JFIF), APP2 (ICC
# profile) and APP14 (Adobe colour transform) decide how the pixels look and stay.
_JPEG_DROP = {0xE1, 0xED, 0xFE}


class StripError(ValueError):
    """The file is not the PNG or JPEG it claims to be."""


def strip_png(data: bytes) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        raise StripError("不是 PNG 文件")
    out = [PNG_SIGNATURE]
    at = len(PNG_SIGNATURE)
    while at < len(data):
        if at + 8 > len(data):
            raise StripError("PNG 文件不完整")
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data):
            raise StripError("PNG 文件不完整")
        if kind not in _PNG_DROP:
            out.append(data[at:end])
        at = end
        if kind == b"IEND":
            break
    return b"".join(out)


def strip_jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise StripError("不是 JPEG 文件")
    out = [b"\xff\xd8"]
    at = 2
    while at < len(data):
        if data[at] != 0xFF:
            raise StripError("JPEG 文件结构有误")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data, copied as is
            out.append(data[at:])
            return b"".join(out)
        if 0xD0 <= marker <= 0xD9 or marker == 0x01:  # markers without a length
            out.append(data[at : at + 2])
            at += 2
            continue
        if at + 4 > len(data):
            raise StripError("JPEG 文件不完整")
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        end = at + 2 + length
        if end > len(data):
            raise StripError("JPEG 文件不完整")
        if marker not in _JPEG_DROP:
            out.append(data[at:end])
        at = end
    raise StripError("JPEG 文件不完整")
