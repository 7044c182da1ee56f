"""A realistic intake corpus built in the tests: Word files with python-docx, e-mails as Chinese clients write them."""

from __future__ import annotations

import io
import zipfile
from base64 import b64encode
from collections.abc import Sequence
from email.message import EmailMessage
from pathlib import Path

import docx
import sitekit
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from PIL import Image

UNITS = """units:
  - {name: 太原市教育局, type: city-bureau, city: 太原市, emails: [jyj@taiyuan.example.cn]}
  - {name: 山西工程科技职业大学, type: higher-vocational, city: 晋中市}
  - {name: 运城市教育局, type: city-bureau, city: 运城市}
  - {name: 山西开放大学, type: open-university, city: 太原市}
  - {name: 长治市教育局, type: city-bureau, city: 长治市}
  - {name: 山西省财政税务专科学校, type: higher-vocational, city: 太原市}
  - {name: 朱镕基中学, type: other, city: 太原市}
"""

PHOTO_NAMES = (
    "2024年5月13日上午 太原市职教园区 全市职业院校师生 职业教育活动周启动仪式",
    "2024年5月13日，太原市职教园区，学生代表，技能展示",
    "校园开放日 参观",
)


def photo(path: Path, seed: int, *, size: tuple[int, int] = (2400, 1600), target: int | None = None) -> Path:
    spec: dict[str, object] = {"kind": "photo", "width": size[0], "height": size[1], "seed": seed}
    if target:
        spec["target_bytes"] = target
    return sitekit.make_media(path, spec)


def recompressed(path: Path) -> bytes:
    """What Word keeps of a photo: a smaller, more compressed JPEG."""
    with Image.open(path) as image:
        small = image.convert("RGB").resize((image.width // 3, image.height // 3))
        out = io.BytesIO()
        small.save(out, "JPEG", quality=55)
        return out.getvalue()


def _hyperlink(paragraph: docx.text.paragraph.Paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def word(
    path: Path,
    title: str = "太原市举行2024年职业教育活动周启动仪式",
    *,
    title_mode: str = "direct",  # direct: centred bold large, no style; style: the Title style; none
    pictures: Sequence[Path] = (),
    numeric_headings: bool = False,
    table: Sequence[Sequence[str]] | None = None,
) -> Path:
    d = docx.Document()
    if title_mode == "direct":
        p = d.add_paragraph()
        run = p.add_run(title)
        run.bold = True
        run.font.size = Pt(18)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif title_mode == "style":
        d.add_paragraph(title, style="Title")
    d.add_heading("一、活动概况", level=1)
    p = d.add_paragraph("5月13日，太原市职业教育活动周启动。校长说：“一技在手，一生无忧。”")
    p.add_run("技能展示").bold = True
    p.add_run("吸引了众多市民，")
    p.add_run("好评如潮").italic = True
    p.add_run("。详见")
    _hyperlink(p, "太原市教育局网站", "https://jyj.taiyuan.gov.cn/")
    d.add_heading("（一）主要活动", level=2)
    d.add_paragraph("技能大赛", style="List Bullet")
    d.add_paragraph("校园开放日", style="List Bullet")
    d.add_paragraph("报名参加", style="List Number")
    d.add_paragraph("现场体验", style="List Number")
    for picture in pictures:
        d.add_picture(io.BytesIO(recompressed(picture)), width=Inches(5))
    rows = table or (("项目", "人数"), ("参观", "3000"), ("体验", "1200"))
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.add_paragraph("活动将持续到5月18日。")
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    if numeric_headings:
        _numeric_heading_ids(path)
    return path


def _numeric_heading_ids(path: Path) -> None:
    """Style ids "1", "2" with the names "heading 1", "heading 2", as Chinese Word writes them."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    for name in ("word/styles.xml", "word/document.xml"):
        text = parts[name].decode()
        for level in (1, 2):
            text = text.replace(f'"Heading{level}"', f'"{level}"')
        parts[name] = text.encode()
    rewrite(path, parts)


def rewrite(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def gbk_zip(path: Path, files: dict[str, bytes]) -> Path:
    """A zip as Windows' built-in compressor writes it on a Chinese system: GBK names, no UTF-8 flag.

    zipfile would write such names as UTF-8 with the flag, so each entry is written under an ASCII
    placeholder of the same length and the bytes of the name put in afterwards.
    """
    names = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for index, (name, data) in enumerate(files.items()):
            raw = name.encode("gbk")
            placeholder = f"@{index}@".ljust(len(raw), "x").encode()
            names[placeholder] = raw
            info = zipfile.ZipInfo(placeholder.decode(), date_time=(2024, 5, 13, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    raw_zip = path.read_bytes()
    for placeholder, raw in names.items():
        assert raw_zip.count(placeholder) == 2
        raw_zip = raw_zip.replace(placeholder, raw)
    path.write_bytes(raw_zip)
    return path


def b_word(text: str, label: str) -> str:
    """An RFC 2047 word; a GB label always carries GBK bytes, as the clients write it."""
    codec = "gbk" if label.lower().startswith("gb") else label
    return f"=?{label}?B?{b64encode(text.encode(codec)).decode()}?="


def q_word(text: str, charset: str) -> str:
    data = text.encode("gbk" if charset.lower().startswith("gb") else charset)
    encoded = "".join(chr(b) if chr(b).isalnum() and b < 128 else f"={b:02X}" for b in data)
    return f"=?{charset}?Q?{encoded}?="


def _name_param(name: str, client: str) -> bytes:
    """How each client writes a non-ASCII file name."""
    if client == "foxmail":  # an RFC 2047 word inside quotes, GBK bytes under a gb2312 label
        return f'filename="{b_word(name, "gb2312")}"'.encode()
    if client == "outlook":  # raw 8-bit GBK
        return b'filename="' + name.encode("gbk") + b'"'
    if client == "163":  # RFC 2231, split into continuations, under a gb2312 label
        encoded = "".join(f"%{b:02X}" for b in name.encode("gbk"))
        pieces = [encoded[i : i + 36] for i in range(0, len(encoded), 36)]
        while any(p.endswith(("%", "%0", "%1", "%2", "%3", "%4", "%5", "%6", "%7", "%8", "%9")) for p in pieces[:-1]):
            pieces = [encoded[i : i + 33] for i in range(0, len(encoded), 33)]
        params = [f"filename*{i}*={'gb2312' + chr(39) * 2 if i == 0 else ''}{p}" for i, p in enumerate(pieces)]
        return ";\r\n\t".join(params).encode()
    raise ValueError(client)


def eml(
    path: Path,
    subject: str,
    attachments: Sequence[tuple[str, bytes]],
    *,
    client: str = "qq",
    sender: str = "xcb@school.example.cn",
    date: str = "Tue, 14 May 2024 17:42:10 +0800",
    message_id: str | None = "<1715679730.123@qq.com>",
    body: str = "您好，附件是我校的报送稿件，请审核。",
) -> Path:
    """An e-mail as each client writes its subject and file names.

    qq: the standard library's own writing (UTF-8 RFC 2047 subject, RFC 2231 UTF-8 names).
    foxmail: GBK words under a gb2312 label (镕 included), encoded words inside quoted names.
    outlook: raw 8-bit GBK subject and names.
    163: a GBK Q-encoded subject, RFC 2231 names in continuations under a gb2312 label.
    """
    if client == "qq":
        msg = EmailMessage()
        msg["From"] = f"宣传部 <{sender}>"
        msg["To"] = "zyjyz@example.edu.cn"
        msg["Subject"] = subject
        msg["Date"] = date
        if message_id:
            msg["Message-ID"] = message_id
        msg.set_content(body)
        for name, data in attachments:
            msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
        return _write(path, msg.as_bytes())
    if client == "foxmail":
        subject_bytes = b_word(subject, "gb2312").encode()
    elif client == "outlook":
        subject_bytes = subject.encode("gbk")
    else:
        subject_bytes = q_word(subject, "GBK").encode()
    lines = [
        f"From: =?gb2312?B?{b64encode('宣传部'.encode('gbk')).decode()}?= <{sender}>".encode(),
        b"To: zyjyz@example.edu.cn",
        b"Subject: " + subject_bytes,
        f"Date: {date}".encode(),
        *([f"Message-ID: {message_id}".encode()] if message_id else []),
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="----=_NextPart_000_0001"',
        b"",
        b"------=_NextPart_000_0001",
        b'Content-Type: text/plain; charset="gb2312"',
        b"Content-Transfer-Encoding: base64",
        b"",
        b64encode(body.encode("gbk")),
    ]
    for name, data in attachments:
        param = _name_param(name, client)
        lines += [
            b"------=_NextPart_000_0001",
            b"Content-Type: application/octet-stream",
            b"Content-Transfer-Encoding: base64",
            b"Content-Disposition: attachment; " + param,
            b"",
            *[b64encode(data[i : i + 57]) for i in range(0, len(data), 57)],
        ]
    lines += [b"------=_NextPart_000_0001--", b""]
    return _write(path, b"\r\n".join(lines))


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under root with its size and mtime, to prove nothing else was written."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns) if p.is_file() else (-1, 0)
        for p in sorted(root.rglob("*"))
    }


def pasted_eml(
    path: Path,
    subject: str,
    pasted: Sequence[tuple[str, str | None, bytes, str]],
    attachments: Sequence[tuple[str, bytes]] = (),
    *,
    date: str = "Tue, 14 May 2024 17:42:10 +0800",
    message_id: str = "<202405141742100315@foxmail.com>",
    html_extra: str = "",
) -> Path:
    """An e-mail with pictures pasted into its body, as Foxmail and QQMail write it: multipart/related parts
    shown by cid:, each (cid, name or None, bytes, disposition: "inline" / "attachment" / "")."""
    imgs = "".join(f'<img src="cid:{cid}">' for cid, _, _, _ in pasted)
    html = f"<html><body><p>您好，照片见正文：</p>{imgs}{html_extra}</body></html>"
    lines = [
        f"From: =?gb2312?B?{b64encode('宣传部'.encode('gbk')).decode()}?= <xcb@school.example.cn>".encode(),
        b"To: zyjyz@example.edu.cn",
        b"Subject: " + b_word(subject, "gb2312").encode(),
        f"Date: {date}".encode(),
        f"Message-ID: {message_id}".encode(),
        b"X-Mailer: Foxmail 7.2.25.228[cn]",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="----=_001_NextPart_A"',
        b"",
        b"------=_001_NextPart_A",
        b'Content-Type: multipart/related; type="multipart/alternative"; boundary="----=_002_NextPart_B"',
        b"",
        b"------=_002_NextPart_B",
        b'Content-Type: multipart/alternative; boundary="----=_003_NextPart_C"',
        b"",
        b"------=_003_NextPart_C",
        b'Content-Type: text/plain; charset="gb2312"',
        b"Content-Transfer-Encoding: base64",
        b"",
        b64encode("您好，照片见正文：".encode("gbk")),
        b"",
        b"------=_003_NextPart_C",
        b'Content-Type: text/html; charset="gb2312"',
        b"Content-Transfer-Encoding: base64",
        b"",
        b64encode(html.encode("gbk")),
        b"",
        b"------=_003_NextPart_C--",
        b"",
    ]
    for cid, name, data, disposition in pasted:
        named = f'; name="{b_word(name, "gb2312")}"' if name else ""
        lines += [b"------=_002_NextPart_B", f"Content-Type: image/jpeg{named}".encode()]
        lines += [b"Content-Transfer-Encoding: base64", f"Content-ID: <{cid}>".encode()]
        if disposition:
            file_param = f'; filename="{b_word(name, "gb2312")}"' if name else ""
            lines.append(f"Content-Disposition: {disposition}{file_param}".encode())
        lines += [b"", *[b64encode(data[i : i + 57]) for i in range(0, len(data), 57)], b""]
    lines += [b"------=_002_NextPart_B--", b""]
    for name, data in attachments:
        lines += [
            b"------=_001_NextPart_A",
            b"Content-Type: application/octet-stream",
            b"Content-Transfer-Encoding: base64",
            b"Content-Disposition: attachment; " + _name_param(name, "foxmail"),
            b"",
            *[b64encode(data[i : i + 57]) for i in range(0, len(data), 57)],
        ]
    lines += [b"------=_001_NextPart_A--", b""]
    return _write(path, b"\r\n".join(lines))


def forward_eml(
    path: Path,
    subject: str,
    originals: Sequence[bytes],
    *,
    form: str = "rfc822",  # rfc822: as Outlook and Thunderbird attach; base64: as some webmail does; file: an .eml
    sender: str = "jyj@taiyuan.example.cn",
    date: str = "Wed, 15 May 2024 09:05:00 +0800",
    message_id: str = "<fw-20240515090500@taiyuan.example.cn>",
) -> Path:
    """A bureau forwarding its schools' e-mails as attachments."""
    lines = [
        f"From: =?gb2312?B?{b64encode('太原市教育局'.encode('gbk')).decode()}?= <{sender}>".encode(),
        b"To: zyjyz@example.edu.cn",
        b"Subject: " + b_word(subject, "gb2312").encode(),
        f"Date: {date}".encode(),
        f"Message-ID: {message_id}".encode(),
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="----=_NextPart_FW"',
        b"",
        b"------=_NextPart_FW",
        b'Content-Type: text/plain; charset="gb2312"',
        b"Content-Transfer-Encoding: base64",
        b"",
        b64encode("转发各校报送的稿件，请审核。".encode("gbk")),
    ]
    for index, original in enumerate(originals, start=1):
        lines.append(b"------=_NextPart_FW")
        if form == "rfc822":
            lines += [b"Content-Type: message/rfc822", b"Content-Disposition: attachment", b"", original]
            continue
        if form == "base64":
            lines += [b"Content-Type: message/rfc822", b"Content-Transfer-Encoding: base64"]
        else:
            name = b_word(f"稿件{index}.eml", "gb2312")
            lines += [f'Content-Type: application/octet-stream; name="{name}"'.encode()]
            lines += [
                b"Content-Transfer-Encoding: base64",
                f'Content-Disposition: attachment; filename="{name}"'.encode(),
            ]
        lines += [b"", *[b64encode(original[i : i + 57]) for i in range(0, len(original), 57)]]
    lines += [b"------=_NextPart_FW--", b""]
    return _write(path, b"\r\n".join(lines))
