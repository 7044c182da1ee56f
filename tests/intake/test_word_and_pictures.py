"""Word and WPS documents keep what the author wrote; picture formats phones and Windows save become JPEG or PNG."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import intake_corpus as corpus
import pytest
import yaml
from docx.oxml import parse_xml
from docx.shared import Inches
from PIL import Image

from sitegen.commands.cli import main

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(site, *args: str | Path) -> int:
    return main(["--root", str(site.root), "import", *map(str, args)])


def drafts(site, section: str = "content/vocational/highlights") -> list[Path]:
    return sorted(p for p in (site.root / section).glob("*.md") if "\nintake_id:" in p.read_text(encoding="utf-8"))


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def wps_document(path: Path, picture: Path) -> Path:
    """What WPS and Word write for a #话题# lead, Shift+Enter, a HYPERLINK field with switches, a table of
    contents, and a picture whose description is its file on the author's desktop."""
    d = docx.Document()
    d.add_paragraph("#职教活动周# 今天，我们走进职业院校。")
    lines = d.add_paragraph("太原市教育局")
    lines.runs[0].add_break()  # Shift+Enter: a manual line break inside the paragraph
    lines.add_run("2024年5月14日")
    toc = d.add_paragraph()
    toc._p.append(parse_xml(f'<w:hyperlink {W} w:anchor="_Toc16234"><w:r><w:t>一、活动概况</w:t></w:r></w:hyperlink>'))
    field = d.add_paragraph("详见")
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://jyj.taiyuan.gov.cn/zjz" '
        '\\l "part2" \\t "_blank" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>活动专题</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        field._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W}>", 1)))
    d.add_picture(io.BytesIO(corpus.recompressed(picture)), width=Inches(4))
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    # WPS writes the picture's path on the author's computer as its description.
    corpus.rewrite(path, _with_description(path, r"C:\Users\Administrator\Desktop\下载.png"))
    return path


def _with_description(path: Path, text: str) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    xml = parts["word/document.xml"].decode()
    docpr = re.compile(r"(<wp:docPr [^>]*?)(/?>)")  # python-docx writes no descr: WPS's is added
    parts["word/document.xml"] = docpr.sub(lambda m: f'{m[1]} descr="{text}"{m[2]}', xml, count=1).encode()
    return parts


def test_wps_conversion_keeps_what_the_author_wrote(site, inbox) -> None:
    folder = inbox / "太原市教育局+走进职业院校"
    chart = corpus.photo(inbox / "src" / "chart.jpg", 7)
    wps_document(folder / "稿件.docx", chart)
    assert run(site, folder, "--to", "vocational/highlights") == 0
    [article] = drafts(site)
    text = body(article)
    assert "\\#职教活动周# 今天，我们走进职业院校。" in text  # text, not a heading
    assert "太原市教育局<br>\n2024年5月14日" in text  # the line break stays
    assert "[活动专题](https://jyj.taiyuan.gov.cn/zjz#part2)" in text  # no field switches in the address
    assert "一、活动概况" in text and "_Toc" not in text  # the table of contents' text, without dead links
    assert "Administrator" not in article.read_text(encoding="utf-8")
    assert re.search(r"!\[\]\([^)]+/image-1\.jpg\)", text)


def test_the_site_shows_the_lead_as_text_and_the_break(site, inbox) -> None:
    import sitekit

    from sitegen.build import build

    folder = inbox / "太原市教育局+走进职业院校"
    wps_document(folder / "稿件.docx", corpus.photo(inbox / "src" / "chart.jpg", 7))
    assert run(site, folder, "--to", "vocational/highlights", "--received", "2024-05-14 09:00") == 0
    [article] = drafts(site)
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "status: submitted", "status: approved\nreview: {by: 宣传部, date: 2024-05-15}"
        ),
        encoding="utf-8",
    )
    build(site.project, sitekit.NOW)
    page = site.read_output(f"vocational/highlights/{article.stem}/index.html")
    assert re.search(r"<p>#职教活动周# 今天", page)
    assert re.search(r"太原市教育局<br ?/?>\s*2024年5月14日", page)


def _exif_orientation(image: Image.Image, value: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


def test_picture_formats_become_jpeg_or_png_with_their_pixels(site, inbox, capsys) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    folder = inbox / "太原市教育局+启动仪式"
    corpus.word(folder / "稿件.docx")
    source = Image.open(corpus.photo(inbox / "src" / "base.jpg", 3, size=(320, 240))).convert("RGB")
    drawing = Image.new("RGB", (320, 240), "white")  # a flow chart or a screenshot: few colours
    drawing.paste((200, 30, 30), (20, 20, 150, 120))
    drawing.paste((30, 30, 200), (170, 100, 300, 220))
    pictures = folder / "图片"
    pictures.mkdir()
    drawing.save(pictures / "实训 一.bmp")
    drawing.save(pictures / "实训 二.tif")
    drawing.save(pictures / "实训 三.webp", lossless=True)
    source.save(pictures / "实训 四.webp", quality=80)
    source.save(pictures / "实训 八.tif")  # a scanner's photo: as a PNG it would pass the site's size limit
    source.convert("P").save(pictures / "实训 五.gif")
    (pictures / "实训 六.jfif").write_bytes((inbox / "src" / "base.jpg").read_bytes())
    source.save(pictures / "实训 七.heic", quality=90, exif=_exif_orientation(source, 6))  # an iPhone held upright
    (pictures / "流程图.emf").write_bytes(b"\x01\x00\x00\x00" + bytes(80))
    assert run(site, folder, "--to", "vocational/highlights") == 1
    [article] = drafts(site)
    media = article.with_suffix("")
    names = sorted(p.name for p in media.iterdir())
    assert names == [
        "shixun-ba.jpg",
        "shixun-er.png",
        "shixun-liu.jpg",
        "shixun-qi.jpg",
        "shixun-san.png",
        "shixun-si.jpg",
        "shixun-wu.png",
        "shixun-yi.png",
    ]
    for lossless in ("shixun-yi.png", "shixun-er.png", "shixun-san.png"):
        with Image.open(media / lossless) as image:
            assert image.convert("RGB").tobytes() == drawing.tobytes()  # every pixel kept
    with Image.open(media / "shixun-ba.jpg") as photo:
        assert photo.size == (320, 240)
    assert (media / "shixun-liu.jpg").read_bytes() == (inbox / "src" / "base.jpg").read_bytes()
    with Image.open(media / "shixun-qi.jpg") as upright:
        assert upright.size == (240, 320)  # the orientation applied
        assert upright.getexif().get(0x0112, 1) == 1
    text = body(article)
    assert "![实训 七](" in text and "![实训 五](" in text
    err = capsys.readouterr().err
    assert (
        "    未导入：图片“图片/流程图.emf”是 Office 矢量图（EMF）（网页无法显示这种图片：请在 Word 或 WPS 中右键该图片"
        "“另存为图片”（PNG），与其他照片一起发送）" in err
    )


@pytest.mark.parametrize("source", ["direct", "attached"])
def test_gbk_names_in_a_zip_decode_alike_wherever_it_sits(site, inbox, source) -> None:
    photo = corpus.photo(inbox / "src" / "p.jpg", 3)
    doc = corpus.word(inbox / "src" / "稿件.docx", "长治市职教周开幕")
    archive = corpus.gbk_zip(
        inbox / "src" / "长治市教育局+职教周开幕.zip",
        {"稿件.docx": doc.read_bytes(), "图片/2024年5月15日 实训室 学生 实训.jpg": photo.read_bytes()},
    )
    path = archive
    if source == "attached":
        path = corpus.eml(
            inbox / "m.eml", "长治市教育局+职教周开幕", [("图片.zip", archive.read_bytes())], client="outlook"
        )
    assert run(site, path, "--to", "vocational/highlights", "--received", "2024-05-15T20:15") == 0
    [article] = drafts(site)
    assert "![2024年5月15日 实训室 学生 实训](" in body(article)


NUMBERING = f"""<w:abstractNum {W} w:abstractNumId="90">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
<w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%3"/>
<w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""
MATH = (
    '<m:oMathPara xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:oMath><m:r><m:t>E=mc²'
    "</m:t></m:r></m:oMath></m:oMathPara>"
)


def numbered_document(path: Path) -> Path:
    """Automatic numbering as Chinese Word and WPS write it (一、 then 1.1 then ①), a cover page laid out in
    tables, and a formula."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    cover = d.add_table(rows=2, cols=2)  # spacing cells, nothing in them
    del cover
    box = d.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "太原市教育局 2024年5月"
    for level, text in (
        (0, "活动概况"),
        (1, "启动仪式"),
        (2, "领导致辞"),
        (2, "学生展示"),
        (1, "技能大赛"),
        (0, "下一步安排"),
    ):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    d.add_paragraph("能量公式：")._p.append(parse_xml(MATH))
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def test_automatic_numbering_stays_as_text_and_cover_tables_go(site, inbox, capsys) -> None:
    folder = inbox / "太原市教育局+活动总结"
    numbered_document(folder / "稿件.docx")
    assert run(site, folder, "--to", "vocational/highlights") == 1
    [article] = drafts(site)
    text = body(article)
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines[:7] == [
        "太原市教育局 2024年5月",
        "一、活动概况",
        "1.1 启动仪式",
        "①领导致辞",
        "②学生展示",
        "1.2 技能大赛",
        "二、下一步安排",
    ]
    assert "|" not in text  # no empty layout table
    assert (
        "    未导入：Word 文件“稿件.docx”：含 1 个公式，转换后无法保留"
        "（请在稿件中手工补写公式，或把公式截图为图片随稿发送）" in capsys.readouterr().err
    )
