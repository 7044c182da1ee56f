"""Import finds the intake_ids and slugs already taken through the build index, wherever a file holds them."""

from __future__ import annotations

from pathlib import Path

import intake_corpus as corpus
import sitekit

from sitegen.commands.cli import main


def run(site: sitekit.FixtureSite, *args: str | Path) -> int:
    return main(["--root", str(site.root), "import", *map(str, args)])


def mail(inbox: Path, message_id: str) -> Path:
    doc = corpus.word(inbox / "src" / "稿件.docx", "太原市职业院校开放日")
    return corpus.eml(inbox / "a.eml", "太原市教育局+开放日", [("稿件.docx", doc.read_bytes())], message_id=message_id)


def test_an_intake_id_after_a_long_front_matter_in_another_section_is_known(site, inbox, capsys) -> None:
    # The old scan read the first 16 KB of each file: an id after a long summary went unseen.
    summary = "开放日" * 3000
    site.write(
        "content/vocational/policy/moved.md",
        f"---\ntitle: 已移走的稿件\ndate: 2024-05-14\nunit: 太原市教育局\nstatus: draft\nsummary: {summary}\n"
        'intake_id: "<known@x>"\n---\n正文\n',
    )
    assert run(site, mail(inbox, "<known@x>"), "--to", "vocational/highlights") == 1
    assert "未导入：这份稿件已导入过：content/vocational/policy/moved.md" in capsys.readouterr().err
    assert not list((site.root / "content/vocational/highlights").glob("taiyuan-shi-zhiye*"))


def test_a_slug_written_in_another_file_of_the_section_is_not_taken_again(site, inbox) -> None:
    site.write(
        "content/vocational/highlights/other-name.md",
        "---\ntitle: 另一篇\ndate: 2024-05-14\nunit: 太原市教育局\nstatus: draft\n"
        "slug: taiyuan-shi-zhiyeyuanxiao-kaifangri\n---\n正文\n",
    )
    assert run(site, mail(inbox, "<new@x>"), "--to", "vocational/highlights") == 0
    assert (site.root / "content/vocational/highlights/taiyuan-shi-zhiyeyuanxiao-kaifangri-2.md").is_file()
