"""The attachment step: files published with their notice, their text read once per content, problems said."""

import json
import os

import pytest

from site_builder.build import build
from site_builder.core.diagnostics import BuildError
from site_builder.publish import pages
from site_builder.publish import attachments as step
from tests.conftest import REAL_PDF, make_docx, make_xlsx, notice_text

PAGE = "notices/zhengzheng-2016-24.html"


def notice_with(*items: str) -> str:
    return notice_text(extra="attachments:\n" + "".join(items), body="正文。\n\n附件：项目表\n")


def item(title: str, file: str) -> str:
    return f"- title: {title}\n  file: {file}\n"


def test_a_file_is_published_beside_its_notice_listed_with_type_and_size_and_its_text_has_a_page(site):
    docx = make_docx(site.content("attachments/xiangmu.docx"), ["本表所列项目包括氢能重卡示范线。"],
                     [["序号", "项目名称"], ["1", "智能终端配套园"]], heading="2016年新开项目一览表")
    make_xlsx(site.content("attachments/touzi.xlsx"), {"投资": [["项目", "投资（亿元）"], ["物流园", 12.5]]})
    site.write("24.md", notice_with("- 工作要点\n", item("新开项目一览表", "attachments/xiangmu.docx"),
                                    item("投资表", "attachments/touzi.xlsx")))
    result = build(site.root, search=False)
    assert [str(d) for d in result.diagnostics if d.code != "W140"] == []  # W140: an 意见 with no 解读, not ours
    folder = site.public / "notices/zhengzheng-2016-24"
    assert (folder / "fujian2.docx").read_bytes() == docx.read_bytes()
    kb = round(docx.stat().st_size / 1024)
    page = (site.public / PAGE).read_text("utf-8")
    assert (f'<a href="zhengzheng-2016-24/fujian2.docx" type="application/vnd.openxmlformats-officedocument.'
            f'wordprocessingml.document" download="附件2 新开项目一览表.docx">新开项目一览表</a> '
            f'<span class="file-meta" data-pagefind-ignore>（DOCX，{kb} KB）</span>') in page
    assert 'href="zhengzheng-2016-24/fujian3.html"' in page and "<li>工作要点</li>" in page
    text = (folder / "fujian2.html").read_text("utf-8")
    assert "本表所列项目包括氢能重卡示范线。" in text and "<td>智能终端配套园</td>" in text
    assert '<span data-pagefind-meta="文号">郑政〔2016〕24号</span>' in text
    assert "<td>12.5</td>" in (folder / "fujian3.html").read_text("utf-8")
    listed = json.loads((site.public / "api/notices.json").read_text("utf-8"))[0]["attachments"]
    assert listed[1] == {"title": "新开项目一览表", "omitted": False, "url": "notices/zhengzheng-2016-24/fujian2.docx",
                         "type": "DOCX", "bytes": docx.stat().st_size,
                         "text_url": "notices/zhengzheng-2016-24/fujian2.html"}
    assert listed[0] == {"title": "工作要点", "omitted": False, "url": "", "type": "", "bytes": 0, "text_url": ""}
    detail = json.loads((site.public / "api/notices/zhengzheng-2016-24.json").read_text("utf-8"))
    assert detail["attachments"] == json.loads((site.public / "api/notices.json").read_text("utf-8"))[0]["attachments"]


def test_a_text_is_read_once_for_the_same_bytes_and_an_unchanged_file_is_not_read_again(site, monkeypatch):
    read, opened = [], []
    real_read_text, real_open = step.read_text, step.files.read
    monkeypatch.setattr(step, "read_text", lambda kind, data: read.append(kind) or real_read_text(kind, data))
    monkeypatch.setattr(step.files, "read", lambda *args: opened.append(args[1]) or real_open(*args))

    def built() -> list[str]:
        opened.clear()
        build(site.root, search=False, jobs=1)
        return sorted(opened)

    docx = make_docx(site.content("attachments/a.docx"), ["正文一"])
    site.write("24.md", notice_with(item("表", "attachments/a.docx")))
    assert built() == ["attachments/a.docx"] * 2 and read == ["docx"]  # checked, then copied into the site
    assert built() == []  # nothing changed
    os.utime(docx, ns=(1, 1))
    assert built() == ["attachments/a.docx"] and read == ["docx"]  # touched: read again, its text is not
    site.content("attachments/copy.docx").write_bytes(docx.read_bytes())  # the same bytes under another name
    site.write("25.md", notice_text(doc_number="郑政〔2016〕25号",
                                    extra="attachments:\n" + item("表", "attachments/copy.docx")))
    assert built() == ["attachments/copy.docx"] * 2 and read == ["docx"]
    make_docx(docx, ["正文二"])
    assert built() == ["attachments/a.docx"] * 2 and read == ["docx", "docx"]
    assert "正文二" in (site.public / "notices/zhengzheng-2016-24/fujian1.html").read_text("utf-8")


def test_damaged_encrypted_and_textless_files_are_published_unsearched_with_a_warning(site, tmp_path):
    site.content("attachments/broken.docx").write_bytes(b"PK\x03\x04 torn")
    site.content("attachments/locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    site.content("attachments/scan.pdf").write_bytes(REAL_PDF.read_bytes().replace(b"/Contents", b"/Xontents"))
    site.content("attachments/photo.png").write_bytes(b"GIF89a not a png")
    site.content("attachments/map.pdf").write_bytes(REAL_PDF.read_bytes())
    site.write("24.md", notice_with(item("甲", "attachments/broken.docx"), item("乙", "attachments/locked.xlsx"),
                                    item("丙", "attachments/scan.pdf"), item("丁", "attachments/photo.png"),
                                    item("戊", "attachments/map.pdf")))
    said = [str(d) for d in build(site.root, search=False).diagnostics if d.code != "W140"]
    assert said == [
        "content/notices/24.md:7: W145 attachment file 'attachments/broken.docx' cannot be read (File is not a zip "
        "file): published without its text (check that it opens, and save it again from the program that made it)",
        "content/notices/24.md:9: W146 attachment file 'attachments/locked.xlsx' is password-protected: published "
        "without its text (publish a copy without a password to make its text searchable)",
        "content/notices/24.md:11: W147 attachment file 'attachments/scan.pdf' has no text to read (a scanned "
        "image?): published without its text (publish a copy with a text layer (OCR) to make it searchable)",
        "content/notices/24.md:13: W145 attachment file 'attachments/photo.png' cannot be read (it does not begin "
        "like a PNG file): published without its text (check that it opens, and save it again from the program "
        "that made it)"]
    folder = site.public / "notices/zhengzheng-2016-24"
    assert sorted(p.name for p in folder.iterdir()) == [
        "fujian1.docx", "fujian2.xlsx", "fujian3.pdf", "fujian4.png", "fujian5.html", "fujian5.pdf"]
    assert [str(d) for d in build(site.root, search=False).diagnostics if d.code != "W140"] == said  # again, cached


def test_the_search_index_reads_the_text_pages_in_their_notices_shard(site):
    make_docx(site.content("attachments/a.docx"), ["氢能重卡示范线"])
    site.write("24.md", notice_with(item("表", "attachments/a.docx")))
    build(site.root, search=True)
    shards = json.loads((site.public / "pagefind/shards.json").read_text("utf-8"))["shards"]
    assert shards["2016"]["pages"] == 2


def test_a_file_that_changes_between_its_check_and_its_copy_stops_the_build_and_publishes_nothing(site, monkeypatch):
    make_docx(site.content("attachments/xiangmu.docx"), ["第一稿。"], [["序号"], ["1"]])
    site.write("24.md", notice_with(item("新开项目一览表", "attachments/xiangmu.docx")))
    build(site.root, search=False, jobs=1)
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    make_docx(site.content("attachments/xiangmu.docx"), ["第二稿。"], [["序号"], ["2"]])
    real_read = pages.attachment_files.read
    calls = []

    def saved_again_meanwhile(content, name, limit):  # the editor saves it once more after it was checked
        calls.append(name)
        return real_read(content, name, limit) + (b"" if len(calls) == 1 else b"\0")

    monkeypatch.setattr(pages.attachment_files, "read", saved_again_meanwhile)
    with pytest.raises(BuildError) as caught:
        build(site.root, search=False, jobs=1)
    assert [str(d) for d in caught.value.diagnostics] == [
        "content/attachments/xiangmu.docx:1: E413 attachment file cannot be published: it changed while the site "
        "was built (build again)"]
    assert {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()} == before
