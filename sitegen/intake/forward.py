"""Intake, forwards and dates: the original inside an inline forward, and a message's time when `Date` is unreadable.

City bureaus forward their schools' submissions. A client forwarding inline writes the original's
header block into the body, each in its own words:

    QQMail       ------------------ 原始邮件 ------------------ / 发件人: / 发送时间: 2024年5月14日(星期二) 下午5:42
    Foxmail      发件人： / 发送时间： 2024-05-14 17:42 / 收件人： / 主题：
    163 Coremail -------- 转发邮件信息 -------- / 发件人： / 发送日期：2024-05-14 17:42:10 / 收件人： / 主题：
    Outlook      -----Original Message----- or a rule / From: / Sent: Tuesday, May 14, 2024 5:42 PM / To: / Subject:
    Outlook (中文) 发件人: / 发送时间: 2024年5月14日 17:42 / 收件人: / 主题:
    Outlook Express ----- Original Message ----- / From: / To: / Sent: / Subject:

The innermost block (the last one in the body) is the original: a forward of a forward names the school.
"""

from __future__ import annotations

import email.utils
import html
import re
from datetime import datetime

from ..core import frozen

_KEY = re.compile(
    r"^[\s>*]*(发件人|发送时间|发送日期|日期|时间|收件人|抄送|主题|From|Sent|Date|To|Cc|Subject)\s*\**\s*[:：]\s*(.*)$"
)
_FROM = ("发件人", "From")
_WHEN = ("发送时间", "发送日期", "日期", "时间", "Sent", "Date")
_SUBJECT = ("主题", "Subject")
_CN_DATE = re.compile(
    r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*(?:[(（]?(?:星期|周)[一二三四五六日天][)）]?)?\s*"
    r"(上午|中午|下午|晚上)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*(AM|PM|am|pm)?"
)
_EN_FORMATS = ("%A, %B %d, %Y %I:%M %p", "%B %d, %Y %I:%M %p", "%A, %d %B %Y %H:%M", "%d %B %Y %H:%M")


def parse_when(text: str) -> datetime | None:
    """A time as clients write it in a forward's header block; naive when it names no zone (then local)."""
    text = " ".join(text.replace("\u00a0", " ").split())
    for form in _EN_FORMATS:  # before RFC 5322: its parser reads "3:20 PM" as 03:20
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    found = _CN_DATE.search(text)
    if found:
        year, month, day, half, hour, minute, second, ampm = found.groups()
        h = int(hour)
        if (half in ("下午", "晚上") or (ampm or "").lower() == "pm") and h < 12:
            h += 12
        if (half == "上午" or (ampm or "").lower() == "am") and h == 12:
            h = 0
        try:
            return datetime(int(year), int(month), int(day), h, int(minute), int(second or 0))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def mail_date(raw: str, received: list[str]) -> tuple[datetime | None, list[str]]:
    """The Date header; when it is missing or unreadable, the time the topmost `Received:` header gives, said so."""
    moment = _header_date(raw)
    if moment is not None:
        return moment, []
    for header in received:
        stamp = _header_date(header.rsplit(";", 1)[-1]) if ";" in header else None
        if stamp is not None:
            told = f"“{raw.strip()}”无法识别" if raw.strip() else "缺失"
            return stamp, [f"邮件的发送时间（Date）{told}，received 取自邮件服务器的收信时间（Received）"]
    return None, []


def _header_date(raw: str) -> datetime | None:
    if not raw.strip():
        return None
    try:
        moment = email.utils.parsedate_to_datetime(" ".join(raw.split()))
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else None


def _lines(texts: list[str]) -> list[str]:
    """The body as lines; the HTML part is used when there is no plain part."""
    plain = [t for t in texts if not re.search(r"<(?:html|body|div|p|br)\b", t, re.IGNORECASE)]
    text = "\n".join(plain) if plain else "\n".join(texts)
    if not plain:
        text = re.sub(r"<br\s*/?>|</(?:p|div|tr|li|h\d)>", "\n", text, flags=re.IGNORECASE)
        text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"(?is)<(style|script)\b.*?</\1>", "", text)))
    return text.replace("\r", "").split("\n")


def header_blocks(texts: list[str]) -> list[dict[str, str]]:
    """Each forwarded header block: its keys (发件人/From …) and values, in body order."""
    lines = _lines(texts)
    blocks: list[dict[str, str]] = []
    index = 0
    while index < len(lines):
        found = _KEY.match(lines[index])
        if not found or found.group(1) not in _FROM:
            index += 1
            continue
        block: dict[str, str] = {}
        while index < len(lines):
            found = _KEY.match(lines[index])
            if found:
                block.setdefault(found.group(1), found.group(2).strip())
            elif lines[index].strip() or any(k in block for k in _SUBJECT):
                break
            index += 1
        if any(k in block for k in _SUBJECT):
            blocks.append(block)
    return blocks


def written_text(texts: list[str]) -> str:
    """What the author wrote in the body, one paragraph a line: under an inline forward's last header block
    (the forwarder's note above it is not the article), else the whole text."""
    lines = _lines(texts)
    start = 0
    for index, line in enumerate(lines):
        found = _KEY.match(line)
        if found and found.group(1) in _SUBJECT:
            start = index + 1
    return "\n".join(line.strip() for line in lines[start:] if line.strip())


@frozen
class Original:
    """What the innermost forwarded header block says of the original message."""

    subject: str
    sender: str  # address, lower-case, or ""
    when: datetime | None  # naive when the block names no zone
    notes: tuple[str, ...]


def inline_original(texts: list[str]) -> Original | None:
    """The original of an inline forward: subject, sender and time from the innermost header block, if any."""
    blocks = header_blocks(texts)
    if not blocks:
        return None
    block = blocks[-1]
    subject = next((block[k] for k in _SUBJECT if block.get(k)), "")
    sender_text = next((block[k] for k in _FROM if k in block), "")
    when_text = next((block[k] for k in _WHEN if block.get(k)), "")
    when = parse_when(when_text) if when_text else None
    sender = email.utils.parseaddr(sender_text.replace("&lt;", "<").replace("&gt;", ">"))[1].lower()
    notes = [f"转发的邮件：稿件信息取自原始邮件（{sender_text or '发件人不详'}，{when_text or '时间不详'}）"]
    if when is None:
        notes.append("原始邮件的发送时间无法识别，received 取自转发邮件的时间")
    return Original(subject, sender, when, tuple(notes))
