"""Stage 5, render: a video's subtitles as WebVTT, the one format <track> takes. SubRip (.srt), which most
editing tools export, differs only in its header and its decimal comma, so it is converted here, exactly and
the same way on every build."""

from __future__ import annotations

import re

# 00:01:02,500 --> 00:01:04,000 (SubRip) -> 00:01:02.500 --> 00:01:04.000 (WebVTT, whose hours have two digits).
_TIMING = re.compile(r"^(\d{1,2}):(\d{2}:\d{2})[,.](\d{3})\s*-->\s*(\d{1,2}):(\d{2}:\d{2})[,.](\d{3})(.*)$")


def to_webvtt(text: str, suffix: str) -> bytes:
    """The subtitles file's text (`suffix` .srt or .vtt) as WebVTT bytes: UTF-8, LF line ends, no BOM."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if suffix.lower() == ".vtt":
        return ("\n".join(lines).rstrip("\n") + "\n").encode()
    out = ["WEBVTT", ""]
    for line in lines:
        timing = _TIMING.match(line.strip())
        if timing:
            h1, ms1, f1, h2, ms2, f2, rest = timing.groups()
            out.append(f"{int(h1):02d}:{ms1}.{f1} --> {int(h2):02d}:{ms2}.{f2}{rest}")
        else:
            out.append(line.rstrip())
    return ("\n".join(out).rstrip("\n") + "\n").encode()


def captions_target(video_target: str, source_name: str) -> str:
    """Where the WebVTT file goes: beside the MP4, under the source's name with .vtt (talk.srt -> talk.vtt)."""
    folder = video_target.rpartition("/")[0]
    stem = source_name.rpartition(".")[0] or source_name
    return f"{folder}/{stem}.vtt" if folder else f"{stem}.vtt"
