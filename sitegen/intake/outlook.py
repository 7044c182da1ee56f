"""Intake, Outlook: the attachments inside `winmail.dat` (TNEF), read with tnefparse; advice for `.msg` files.

Outlook sends a message in its rich-text format as one `winmail.dat` part holding the real attachments.
Classic Outlook for Windows saves a message as `.msg` (an OLE compound file), not `.eml`: the readers
that open it are GPL-licensed, so the editor is told how to get an `.eml` instead.
"""

from __future__ import annotations

from .charsets import decode_bytes

MSG_ADVICE = (
    "Outlook 邮件（.msg）无法直接导入",
    "请在 Outlook 中打开该邮件，选择“转发”→“以附件形式转发”发给自己后在网页邮箱中另存为 .eml；"
    "或把邮件的附件全部另存到一个文件夹，再导入该文件夹（--received 填邮件的发送时间）",
)


def tnef_attachments(data: bytes, shown: str) -> tuple[list[tuple[str, bytes]], tuple[str, str] | None]:
    """The files inside a TNEF part, and what could not be read of it (None when nothing was left out)."""
    from tnefparse import TNEF  # type: ignore[import-untyped]

    try:
        tnef = TNEF(data)
    except Exception:  # tnefparse raises ValueError, struct.error or IndexError on a damaged part
        return [], (f"附件“{shown}”（Outlook 的 winmail.dat）已损坏，无法读取", _TNEF_HINT)
    found: list[tuple[str, bytes]] = []
    for index, attachment in enumerate(tnef.attachments):
        name = _text(attachment.long_filename()) or _text(attachment.name) or f"winmail-{index + 1}"
        content = attachment.data if isinstance(attachment.data, bytes) else b""
        found.append((name, content))
    return found, None


_TNEF_HINT = "请报送单位在 Outlook 中把邮件格式改为 HTML 或纯文本后重新发送，或直接发送附件"


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = decode_bytes(value.rstrip(b"\0"))
    return str(value or "").strip("\0 ").strip()
