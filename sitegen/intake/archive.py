"""Intake, archives: zip files unpacked into the staging folder, refusing what could escape it or fill the disk.

Names written on Chinese Windows are GBK without the UTF-8 flag (`metadata_encoding`). Entries with
`../`, absolute paths or drive letters, and symlinks are refused before anything is written. Sizes are
counted while decompressing, never trusted from the headers.
"""

from __future__ import annotations

import posixpath
import stat
import zipfile
from pathlib import Path
from typing import IO

from ..core import frozen
from .errors import Refused, Unreadable

_CHUNK = 1 << 20


@frozen
class Limits:
    """How much one submission may unpack to. Tests pass smaller ones."""

    max_file: int = 512 << 20  # one attachment or entry (a 3-minute 1080p MP4 is about 100 MB)
    max_total: int = 1 << 30  # everything a submission unpacks to; also the largest .eml read into memory
    max_ratio: int = 200  # uncompressed ÷ compressed, for entries over 1 MB
    max_entries: int = 2000
    max_pixels: int = 120_000_000  # a 100-megapixel camera is the largest honest photo


def _name_encoding(path: Path) -> str:
    """GB18030 unless every unflagged non-ASCII name is valid UTF-8 (as macOS writes them)."""
    with zipfile.ZipFile(path) as zf:
        raw = [i.filename.encode("cp437") for i in zf.infolist() if not i.flag_bits & 0x800]
    for name in raw:
        try:
            name.decode("utf-8")
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def safe_name(name: str, archive: str) -> str:
    """The entry's path inside the archive, or a refusal when it would leave the folder it is unpacked to."""
    clean = name.replace("\\", "/")
    parts = clean.split("/")
    if clean.startswith("/") or (len(parts[0]) == 2 and parts[0][1] == ":") or ".." in parts:
        raise Refused(
            f"压缩包“{archive}”含有指向压缩包以外的路径“{name}”，已拒绝导入",
            "这是恶意构造的压缩包的特征：请联系报送单位重新打包",
        )
    return posixpath.normpath("/".join(p for p in parts if p not in ("", "."))) if clean.strip("/") else ""


def unpack(path: Path, into: Path, limits: Limits, budget: list[int], shown: str) -> list[Path]:
    """Unpack `path` under `into`; `budget` holds the bytes the submission may still unpack."""
    try:
        encoding = _name_encoding(path)
        archive = zipfile.ZipFile(path, metadata_encoding=encoding)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise Unreadable(f"压缩包“{shown}”已损坏，无法打开", "请让报送单位重新压缩后发送") from e
    written: list[Path] = []
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_entries:
            raise Refused(f"压缩包“{shown}”含 {len(entries)} 个文件，超过 {limits.max_entries} 个", "请分开报送")
        names = []
        for info in entries:
            name = safe_name(info.filename, shown)
            if stat.S_ISLNK(info.external_attr >> 16):
                raise Refused(f"压缩包“{shown}”含有符号链接“{info.filename}”，已拒绝导入", "请让报送单位只打包普通文件")
            names.append(name)
        for info, name in zip(entries, names, strict=True):
            if info.is_dir() or not name or name.startswith("__MACOSX/") or not _wanted(name):
                continue
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(info) as source, target.open("xb") as out:
                    copy_limited(source, out, info.compress_size, limits, budget, f"{shown}：{name}")
            except FileExistsError:
                continue  # the same name twice: the first one is kept
            except (zipfile.BadZipFile, OSError, EOFError) as e:
                if isinstance(e, Refused):
                    raise
                raise Unreadable(f"压缩包“{shown}”中的“{name}”已损坏，无法解压", "请让报送单位重新压缩后发送") from e
            written.append(target)
    return written


def _wanted(name: str) -> bool:
    """Hidden files are skipped, and Markdown files too: one under content/ would look like a misplaced article
    to a build running meanwhile, and no submission needs one."""
    base = posixpath.basename(name)
    return not base.startswith(".") and not base.lower().endswith(".md")


def copy_limited(source: IO[bytes], out: IO[bytes], packed: int, limits: Limits, budget: list[int], shown: str) -> int:
    """Copy while counting: a bomb is stopped at the limit, whatever its headers claim."""
    total = 0
    while chunk := source.read(_CHUNK):
        total += len(chunk)
        if total > limits.max_file:
            raise Refused(f"“{shown}”超过 {limits.max_file // (1 << 20)} MB，已拒绝导入", "请压缩视频或分开报送")
        if total > budget[0]:
            raise Refused(
                f"“{shown}”解压后超过 {limits.max_total // (1 << 20)} MB 总量上限，疑似“压缩炸弹”，已拒绝导入",
                "请让报送单位分开报送",
            )
        if total > _CHUNK and total > limits.max_ratio * max(packed, 1):
            raise Refused(
                f"“{shown}”压缩比超过 {limits.max_ratio}:1，疑似“压缩炸弹”，已拒绝导入",
                "正常的照片、视频和文档压缩比很小：请联系报送单位",
            )
        out.write(chunk)
    budget[0] -= total
    return total
