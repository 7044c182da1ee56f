"""Intake, e-mail: a saved message's subject, date, sender, Message-ID and attachments, as Chinese clients write them.

The stdlib `email` package (policy=default) walks the MIME tree and decodes payloads. Names and the
subject are decoded here from the raw headers, because the clients break the rules in known ways:
GBK words under a `gb2312` label (镕, 堃), RFC 2047 words inside quoted parameters (Foxmail), raw 8-bit
bytes (Outlook), RFC 2231 parameters split into pieces.
"""

from __future__ import annotations

import codecs
import email
import email.message
import email.policy
import email.utils
import re
from base64 import b64decode
from binascii import Error as BinasciiError
from datetime import datetime
from email.message import EmailMessage
from quopri import decodestring

from ..core import CJK_TEXT, IDEOGRAPHIC_SPACE, char_class, frozen

# Every GB label is decoded as GB18030, the superset: clients label GBK (and GB18030) text gb2312.
_GB = {"gb2312", "gb_2312", "gb_2312-80", "euc-cn", "euccn", "x-euc-cn", "gbk", "x-gbk", "cp936", "ms936", "gb18030"}
_CHINESE = re.compile(f"[{char_class(CJK_TEXT + IDEOGRAPHIC_SPACE)}]")
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
    date: datetime | None  # aware, as written in the Date header
    message_id: str
    attachments: tuple[Attachment, ...]
    big_attachment_links: bool  # QQ Mail's 超大附件: the files are behind a link, not in the message


def charset_name(label: str | None) -> str:
    """The codec to decode a charset label with: GB labels as GB18030, unknown labels as UTF-8."""
    name = (label or "").strip().strip('"').lower().split("*")[0]  # RFC 2231 allows charset*lang
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name if name else "utf-8"
    except LookupError:
        return "utf-8"


def decode_bytes(data: bytes, label: str | None = None) -> str:
    """Bytes under a label; unlabelled bytes as UTF-8 when they read as Chinese in UTF-8, else as GB18030.

    Short GBK names can be valid UTF-8 too (图片 is CD BC C6 AC, which UTF-8 reads as ͼƬ), but GBK
    bytes almost never form UTF-8's three-byte Chinese characters.
    """
    if label:
        try:
            return data.decode(charset_name(label))
        except UnicodeDecodeError:
            pass
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")
    if utf8.isascii() or _CHINESE.search(utf8):
        return utf8
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        return utf8
    return gb if _CHINESE.search(gb) else utf8


def _raw_bytes(text: str) -> bytes:
    """A header as read from bytes: 8-bit bytes arrive as surrogate escapes (text already decoded stays as is)."""
    return text.encode("utf-8", errors="surrogateescape")


def _text(segment: str) -> str:
    """Raw 8-bit bytes (surrogate escapes) decoded; text that is already text kept."""
    if any("\udc80" <= ch <= "\udcff" for ch in segment):
        return decode_bytes(_raw_bytes(segment))
    return segment


def decode_words(raw: str) -> str:
    """RFC 2047 words anywhere (also inside quotes, as Foxmail writes), and raw 8-bit text around them."""
    text = _BETWEEN_WORDS.sub("", re.sub(r"\r?\n[ \t]", " ", raw))
    out: list[str] = []
    position = 0
    for match in _WORD.finditer(text):
        out.append(_text(text[position : match.start()]))
        charset, encoding, payload = match.groups()
        try:
            data = (
                b64decode(payload + "=" * (-len(payload) % 4))
                if encoding in "Bb"
                else decodestring(payload.replace("_", " ").encode("ascii", errors="replace"))
            )
            out.append(decode_bytes(data, charset))
        except (BinasciiError, ValueError):
            out.append(match.group(0))
        position = match.end()
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
    assert isinstance(message, EmailMessage)
    named: list[tuple[str, str, bytes]] = []  # Content-ID, name, bytes
    texts: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        name = file_name(part)
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        if name:
            named.append((_header(part, "Content-ID").strip().strip("<>"), name, content))
        elif part.get_content_maintype() == "text":
            texts.append(decode_bytes(content, part.get_content_charset()))
    # Pictures the HTML body shows by cid: (a signature's logo, a pasted screenshot) belong to the message.
    shown = {cid for cid, _, _ in named if cid and any(f"cid:{cid}" in text for text in texts)}
    attachments = [Attachment(name, content) for cid, name, content in named if cid not in shown or not cid]
    sender = email.utils.parseaddr(decode_words(_header(message, "From")))[1].lower()
    return Mail(
        subject=decode_words(_header(message, "Subject")),
        sender=sender,
        date=_date(_header(message, "Date")),
        message_id=_header(message, "Message-ID").strip(),
        attachments=tuple(attachments),
        big_attachment_links=any(_QQ_BIG.search(text) for text in texts),
    )


def _date(raw: str) -> datetime | None:
    if not raw.strip():
        return None
    try:
        moment = email.utils.parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else None
