"""Intake, e-mail: a saved message's subject, date, sender, Message-ID and attachments, as Chinese clients write them.

The stdlib `email` package (policy=default) walks the MIME tree and decodes payloads. Names and the
subject are decoded here from the raw headers, because the clients break the rules in known ways:
GBK words under a `gb2312` label (镕, 堃), RFC 2047 words inside quoted parameters (Foxmail), raw 8-bit
bytes (Outlook), RFC 2231 parameters split into pieces.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import email.utils
import re
from base64 import b64decode
from binascii import Error as BinasciiError
from dataclasses import replace
from datetime import datetime
from quopri import decodestring

from ..core import frozen
from .charsets import decode_bytes
from .forward import inline_original, mail_date, written_text
from .outlook import tnef_attachments

_WORD = re.compile(r"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(?<=\?=)\s+(?==\?)")
# QQ Mail sends attachments over its size limit as links to its file transfer station.
_QQ_BIG = re.compile(r"超大附件|ftn\.qq\.com|ftnExs_download|wx\.mail\.qq\.com/ftn")


@frozen
class Attachment:
    name: str
    data: bytes


@frozen
class Mail:
    subject: str
    sender: str  # address, lower-case, or ""
    date: datetime | None  # as written in the Date header (aware), or in an inline forward's header block
    message_id: str
    attachments: tuple[Attachment, ...]
    big_attachment_links: bool  # QQ Mail's 超大附件: the files are behind a link, not in the message
    forwards: tuple[Mail, ...] = ()  # messages attached to this one (message/rfc822, .eml, winmail.dat's)
    subjects: tuple[str, ...] = ()  # the forwarder's subjects after `subject`, for the unit when the original lacks it
    notes: tuple[str, ...] = ()  # what the editor should know: the date's source, a forward opened inline
    left_out: tuple[tuple[str, str], ...] = ()  # (what, why and what to do) for parts that could not be read
    text: str = ""  # what the author wrote in the body, one paragraph a line (an inline forward's, below its header)


def _raw_bytes(text: str) -> bytes:
    """A header as read from bytes: 8-bit bytes arrive as surrogate escapes (text already decoded stays as is)."""
    return text.encode("utf-8", errors="surrogateescape")


def _text(segment: str) -> str:
    """Raw 8-bit bytes (surrogate escapes) decoded; text that is already text kept."""
    if any("\udc80" <= ch <= "\udcff" for ch in segment):
        return decode_bytes(_raw_bytes(segment))
    return segment


def _word_bytes(encoding: str, payload: str) -> bytes:
    if encoding in "Bb":
        return b64decode(payload + "=" * (-len(payload) % 4))
    return decodestring(payload.replace("_", " ").encode("ascii", errors="replace"))


def decode_words(raw: str) -> str:
    """RFC 2047 words anywhere (also inside quotes, as Foxmail writes), and raw 8-bit text around them.

    Adjacent words of one charset are joined as bytes before decoding, as `email.header.decode_header`
    does: some .NET and webmail clients split a word inside a multi-byte character.
    """
    text = _BETWEEN_WORDS.sub("", re.sub(r"\r?\n[ \t]", " ", raw))
    out: list[str] = []
    position = 0
    run: list[bytes] = []
    run_charset = ""

    def flush() -> None:
        if run:
            out.append(decode_bytes(b"".join(run), run_charset))
            run.clear()

    for match in _WORD.finditer(text):
        charset, encoding, payload = match.groups()
        if match.start() != position or charset.lower() != run_charset.lower():
            flush()
        if match.start() != position:
            out.append(_text(text[position : match.start()]))
        try:
            run.append(_word_bytes(encoding, payload))
            run_charset = charset
        except (BinasciiError, ValueError):
            flush()
            out.append(match.group(0))
        position = match.end()
    flush()
    out.append(_text(text[position:]))
    return "".join(out).strip()


def _header(message: email.message.Message, name: str) -> str:
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return ""


def _param(part: email.message.Message, header: str, name: str) -> str:
    """A parameter from the raw header: RFC 2231 pieces joined and decoded, quoted words decoded."""
    raw = _header(part, header)
    if not raw:
        return ""
    raw = _text(raw)  # raw 8-bit names (Outlook): the bytes are decoded before the parameters are split
    probe = email.message.Message()  # compat32 keeps RFC 2231 (charset, language, value) apart
    probe[header] = raw.replace("\r", "").replace("\n", "")
    value = probe.get_param(name, header=header, unquote=True)
    if value is None:
        return ""
    if isinstance(value, tuple):
        charset, _, text = value
        return decode_bytes(bytes(str(text), "raw-unicode-escape"), charset).strip()
    return decode_words(str(value))


def file_name(part: email.message.Message) -> str:
    return _param(part, "Content-Disposition", "filename") or _param(part, "Content-Type", "name")


def read_mail(data: bytes) -> Mail:
    message = email.message_from_bytes(data, policy=email.policy.default)
    return _read(message, 0)


_MAX_DEPTH = 5  # forwards of forwards: a bureau forwarding a district's forward of a school's mail


def _read(message: email.message.Message, depth: int) -> Mail:
    attachments: list[Attachment] = []
    forwards: list[Mail] = []
    left_out: list[tuple[str, str]] = []
    texts: list[str] = []
    for part in _leaves(message):
        kind = part.get_content_type()
        name = file_name(part)
        if kind == "message/rfc822" or name.lower().endswith(".eml"):
            inner = _attached_message(part)
            if inner is not None and depth < _MAX_DEPTH:
                forwards.append(_read(inner, depth + 1))
                continue
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        if kind == "application/ms-tnef" or name.lower() == "winmail.dat":
            found, problem = tnef_attachments(content, name or "winmail.dat")
            attachments += [Attachment(n, d) for n, d in found]
            left_out += [problem] if problem else []
            continue
        if name:
            attachments.append(Attachment(name, content))
        elif part.get_content_maintype() == "image" and content:
            # A photo pasted into the body (cid:) without a file name: it is an original like any attachment.
            attachments.append(Attachment(f"正文图片-{len(attachments) + 1}{_image_suffix(kind)}", content))
        elif part.get_content_maintype() == "text":
            texts.append(decode_bytes(content, part.get_content_charset()))
    subject = decode_words(_header(message, "Subject"))
    sender = email.utils.parseaddr(decode_words(_header(message, "From")))[1].lower()
    received = [str(v) for k, v in message.raw_items() if k.lower() == "received"]
    date, notes = mail_date(_text(_header(message, "Date")), received)
    mail = Mail(
        subject=subject,
        sender=sender,
        date=date,
        message_id=_header(message, "Message-ID").strip(),
        attachments=tuple(attachments),
        big_attachment_links=any(_QQ_BIG.search(text) for text in texts),
        forwards=tuple(forwards),
        notes=tuple(notes),
        left_out=tuple(left_out),
        text=written_text(texts),
    )
    original = None if forwards else inline_original(texts)
    if original is None:
        return mail
    return replace(
        mail,
        subject=original.subject or mail.subject,
        subjects=(mail.subject, *mail.subjects),
        sender=original.sender or mail.sender,
        date=original.when or mail.date,
        message_id="",  # the forwarder's Message-ID is not the original's: the content decides duplicates
        notes=(*mail.notes, *original.notes),
    )


def _leaves(message: email.message.Message) -> list[email.message.Message]:
    """The parts that are not containers; an attached message is a leaf (opened on its own)."""
    if message.get_content_type() == "message/rfc822":
        return [message]
    if not message.is_multipart():
        return [message]
    payload = message.get_payload()
    parts = payload if isinstance(payload, list) else []
    return [leaf for part in parts if isinstance(part, email.message.Message) for leaf in _leaves(part)]


def _attached_message(part: email.message.Message) -> email.message.Message | None:
    """The message inside a message/rfc822 part (plain, or base64 as some clients send it) or an .eml file."""
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if part.get_content_type() == "message/rfc822" and encoding not in ("base64", "quoted-printable"):
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], email.message.Message):
            return inner[0]
        return None
    if part.get_content_type() == "message/rfc822":
        # The parser read the encoded text as a message without headers: its body is the encoded message.
        inner = part.get_payload()
        first = inner[0] if isinstance(inner, list) and inner else None
        body = first.get_payload() if isinstance(first, email.message.Message) else ""
        raw = str(body).encode("ascii", errors="replace")
        data = b64decode(raw) if encoding == "base64" else decodestring(raw)
    else:
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
    if not data.strip():
        return None
    return email.message_from_bytes(data, policy=email.policy.default)


def _image_suffix(content_type: str) -> str:
    known = {"image/jpeg": ".jpg", "image/jpg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/bmp": ".bmp"}
    return known.get(content_type, "." + content_type.split("/")[-1])
