"""Intake, gathering: one PATH (.eml, .zip, .docx or a saved folder) to the files of one submission.

E-mail attachments and archive entries are written into the submission's staging folder, inside
content/; a folder's own files are only read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, tzinfo
from pathlib import Path

from ..core import frozen
from .archive import Limits, unpack
from .errors import Refused, Unreadable
from .mail import Mail, read_mail
from .outlook import MSG_ADVICE

_ADVICE = {
    ".doc": ("旧版 Word（.doc）文件无法转换", "请在 Word 或 WPS 中打开，另存为 .docx 后再导入"),
    ".wps": ("WPS 文字（.wps）文件无法转换", "请在 WPS 中打开，另存为 .docx 后再导入"),
    ".rar": ("不支持 RAR 压缩包", "请先解压，再导入解压出的文件夹"),
    ".7z": ("不支持 7z 压缩包", "请先解压，再导入解压出的文件夹"),
    ".msg": MSG_ADVICE,
}
LeftOut = tuple[str, str]  # what was not imported, and why / what to do


@frozen
class Parcel:
    """The files of one submission, and what the envelope says about it."""

    shown: str  # the PATH as the editor gave it
    names: tuple[str, ...]  # subject, folder or file names, each maybe 学校+主题, best first
    files: tuple[tuple[str, Path], ...]  # name as sent (图片/开幕式.jpg) → readable file
    received: datetime | None
    sender: str
    ident: str  # the Message-ID, or a digest of the files
    notes: tuple[str, ...] = ()  # what the editor should know about where the fields came from
    left_out: tuple[LeftOut, ...] = ()  # parts of the submission that could not be imported
    text: str = ""  # the mail's own text, the body when no Word file came


def gather(
    path: Path, shown: str, scratch: Path, limits: Limits, received: datetime | None, tz: tzinfo
) -> list[Parcel]:
    """The submissions in one PATH: one, or one per message an e-mail forwards."""
    if path.suffix.lower() == ".eml" and path.is_file() and path.stat().st_size <= limits.max_total:
        return _mails(path, shown, scratch, limits, received, tz)
    return [_gather(path, shown, scratch, limits, received, tz)]


def _gather(path: Path, shown: str, scratch: Path, limits: Limits, received: datetime | None, tz: tzinfo) -> Parcel:
    if not path.exists():
        raise Refused(f"找不到“{shown}”", "请检查路径")
    suffix = path.suffix.lower()
    if path.is_dir():
        return _folder(path, shown, scratch, limits, received, tz)
    if suffix in _ADVICE:
        message, hint = _ADVICE[suffix]
        raise Refused(f"“{shown}”：{message}", hint)
    if path.stat().st_size > limits.max_total:
        raise Refused(f"“{shown}”超过 {limits.max_total >> 20} MB，已拒绝导入", "请分开报送")
    budget = [limits.max_total]
    if suffix == ".zip":
        left: list[LeftOut] = []
        files = _named(scratch, unpack(path, scratch, limits, budget, path.name))
        files = _expand(files, scratch, limits, budget, left)
        moment = _local(received or _mtime(path), tz)
        return Parcel(shown, (path.stem,), tuple(files), moment, "", _digest(files), left_out=tuple(left))
    if suffix == ".docx":
        files = [(path.name, path)]
        return Parcel(shown, (path.stem,), tuple(files), _local(received or _mtime(path), tz), "", _digest(files))
    raise Refused(f"“{shown}”不是可导入的文件", "可导入 .eml 邮件、.zip 压缩包、.docx 文件，或保存邮件附件的文件夹")


def _mails(
    path: Path, shown: str, scratch: Path, limits: Limits, received: datetime | None, tz: tzinfo
) -> list[Parcel]:
    outer = read_mail(path.read_bytes())
    originals = _originals(outer)
    if len(originals) == 1 and originals[0] is outer:
        return [_parcel(outer, (path.stem,), shown, scratch, limits, received, tz)]
    parcels = []
    if outer.attachments:  # the forwarder's own files, beside the forwarded messages: one more submission
        parcels.append(
            _parcel(outer, (path.stem,), f"{shown}（转发邮件本身的附件）", scratch / "0", limits, received, tz)
        )
    for index, mail in enumerate(originals, start=1):
        label = f"{shown}（转发的第 {index} 封：{mail.subject or '无主题'}）" if len(originals) > 1 else shown
        notes = (f"转发的邮件：稿件信息取自原始邮件（{mail.sender or '发件人不详'}）", *mail.notes)
        names = (outer.subject, *outer.subjects, path.stem)
        original = replace(mail, notes=notes, subjects=(*mail.subjects, *names))
        parcels.append(_parcel(original, (), label, scratch / str(index), limits, outer.date or received, tz))
    return parcels


def _originals(mail: Mail) -> list[Mail]:
    """The messages a mail forwards as attachments, forwards of forwards opened; the mail itself when none."""
    if not mail.forwards:
        return [mail]
    return [inner for forwarded in mail.forwards for inner in _originals(forwarded)]


def _parcel(
    mail: Mail,
    names: tuple[str, ...],
    shown: str,
    scratch: Path,
    limits: Limits,
    received: datetime | None,
    tz: tzinfo,
) -> Parcel:
    if mail.big_attachment_links:
        raise Refused(
            f"邮件“{mail.subject or shown}”含 QQ 邮箱“超大附件”链接，附件不在邮件里",
            "请先在邮件中下载超大附件，与其他附件放进同一个文件夹，再导入该文件夹（--received 填邮件的发送时间）",
        )
    scratch.mkdir(parents=True, exist_ok=True)
    files: list[tuple[str, Path]] = []
    left: list[LeftOut] = list(mail.left_out)
    budget = [limits.max_total]
    for index, attachment in enumerate(mail.attachments):
        name = _file_name(attachment.name, index)
        if name.lower().endswith(".md"):
            left.append((f"附件“{name}”", "Markdown 文件不导入：请把其内容放进 Word 文件"))
            continue  # under content/ it would look like a misplaced article
        if len(attachment.data) > limits.max_file:
            left.append((f"附件“{name}”超过 {limits.max_file >> 20} MB", "请让报送单位压缩视频，或分开报送"))
            continue
        budget[0] -= len(attachment.data)
        target = scratch / name
        n = 2
        while target.exists():
            target = scratch / f"{Path(name).stem}-{n}{Path(name).suffix}"
            n += 1
        target.write_bytes(attachment.data)
        files.append((name, target))
    files = _expand(files, scratch, limits, budget, left)
    ident = mail.message_id or _mail_digest(mail)
    return Parcel(
        shown,
        (mail.subject, *mail.subjects, *names),
        tuple(files),
        _local(mail.date or received, tz),
        mail.sender,
        ident,
        mail.notes,
        tuple(left),
        mail.text,
    )


def _mail_digest(mail: Mail) -> str:
    """Without a Message-ID: what was sent, not how the client saved it (a second save differs in headers)."""
    h = hashlib.sha256(f"{mail.subject}\0{mail.date}\0".encode())
    for attachment in mail.attachments:
        h.update(attachment.name.encode() + b"\0" + hashlib.sha256(attachment.data).digest())
    return "sha256:" + h.hexdigest()


def _folder(path: Path, shown: str, scratch: Path, limits: Limits, received: datetime | None, tz: tzinfo) -> Parcel:
    files: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(path):  # symlinked folders are not followed
        dirnames.sort()
        for name in sorted(filenames):
            file = Path(dirpath, name)
            if file.is_symlink() or name.startswith((".", "~$")):
                continue
            files.append((file.relative_to(path).as_posix(), file))
    left: list[LeftOut] = []
    for name, file in list(files):
        if file.stat().st_size > limits.max_file:
            left.append((f"“{name}”超过 {limits.max_file >> 20} MB", "请让报送单位压缩视频，或分开报送"))
            files.remove((name, file))
    budget = [limits.max_total - sum(p.stat().st_size for _, p in files)]
    files = _expand(files, scratch, limits, budget, left)
    newest = received or _newest(p for _, p in files if p.is_relative_to(path)) or _mtime(path)
    return Parcel(shown, (path.name,), tuple(files), _local(newest, tz), "", _digest(files), left_out=tuple(left))


def _expand(
    files: list[tuple[str, Path]], scratch: Path, limits: Limits, budget: list[int], left: list[LeftOut]
) -> list[tuple[str, Path]]:
    """Archives among the files (图片.zip) are unpacked into folders named after them, with the same `unpack`
    as a zip imported directly (names decoded alike); one level only. What cannot be opened is left out."""
    out: list[tuple[str, Path]] = []
    for name, file in files:
        suffix = file.suffix.lower()
        if suffix in (".rar", ".7z", ".msg"):  # a .doc is named by compose, which knows whether a .docx came too
            message, hint = _ADVICE[suffix]
            left.append((f"附件“{name}”：{message}", hint))
            continue
        if suffix != ".zip":
            out.append((name, file))
            continue
        folder = scratch / "unpacked" / name
        folder.mkdir(parents=True, exist_ok=True)
        try:
            inners = unpack(file, folder, limits, budget, name)
        except Unreadable as e:
            left.append((e.message, e.hint))
            continue
        for inner in inners:
            out.append((f"{Path(name).stem}/{inner.relative_to(folder).as_posix()}", inner))
    return out


def _named(root: Path, paths: list[Path]) -> list[tuple[str, Path]]:
    return [(p.relative_to(root).as_posix(), p) for p in paths]


def _file_name(name: str, index: int) -> str:
    """Only the last part of a sent name: a name with slashes must not pick its folder."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    base = "".join(ch for ch in base if ch >= " " and ch not in ':*?"<>|')
    return base[:120] or f"attachment-{index + 1}"


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime).astimezone()


def _newest(paths: Iterable[Path]) -> datetime | None:
    times = [p.stat().st_mtime for p in paths]
    return datetime.fromtimestamp(max(times)).astimezone() if times else None


def _local(moment: datetime | None, tz: tzinfo) -> datetime | None:
    if moment is None:
        return None
    return moment.astimezone(tz) if moment.tzinfo else moment.replace(tzinfo=tz)


def _digest(files: list[tuple[str, Path]]) -> str:
    h = hashlib.sha256()
    for name, file in sorted(files):
        h.update(name.encode() + b"\0")
        with file.open("rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        h.update(b"\0")
    return "sha256:" + h.hexdigest()
