import io
import zipfile

import pypdf

from site_builder.extract import attachments
from site_builder.extract.attachments import read_text, text_of
from tests.conftest import REAL_PDF, make_docx, make_xlsx


def test_a_docx_gives_its_headings_paragraphs_and_tables_in_order(tmp_path):
    path = make_docx(tmp_path / "a.docx", ["本表所列项目包括氢能重卡示范线等。"],
                     [["序号", "项目名称"], ["1", "智能终端配套园"]], heading="2016年新开项目一览表")
    found = read_text("docx", path.read_bytes())
    assert found.problem == "" and not found.truncated
    assert found.blocks == (("h", "2016年新开项目一览表"), ("p", "本表所列项目包括氢能重卡示范线等。"),
                            ("table", (("序号", "项目名称"), ("1", "智能终端配套园"))))


def test_an_xlsx_gives_each_sheet_as_a_table_of_its_values(tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", {"新开项目": [["序号", "项目", "投资（亿元）", None], [1, "物流园", 12.5, None],
                                                     [2, "数据中心", 3.0], [None, None]],
                                           "空表": []})
    found = read_text("xlsx", path.read_bytes())
    assert found.blocks == (("h", "新开项目"), ("table", (("序号", "项目", "投资（亿元）"), ("1", "物流园", "12.5"),
                                                           ("2", "数据中心", "3"))))  # no heading for an empty sheet


def test_a_real_government_pdf_gives_its_text():
    found = read_text("pdf", REAL_PDF.read_bytes())
    assert found.blocks == (("p", "附件：杨“数”浦新质秀带创新区空间布局图"),)


def test_pdf_lines_are_joined_into_paragraphs():
    page = ("一、总体要求\n为加快产业集聚区提质转型创新发展，进一步提升重点项\n目表的质量，明确年度工作任务，特制定本方\n"
            "案。\n（一）指导思想\n坚持五规合一、四集一转和产城互动的基本要求，贯\n彻落实十三五规划\n1.电子信息产业")
    assert attachments._paragraphs(page) == [
        "一、总体要求", "为加快产业集聚区提质转型创新发展，进一步提升重点项目表的质量，明确年度工作任务，特制定本方案。",
        "（一）指导思想", "坚持五规合一、四集一转和产城互动的基本要求，贯彻落实十三五规划", "1.电子信息产业"]


def test_cells_lose_invisible_characters_and_runs_of_space():
    assert attachments._cell_text("智能\x01终端  配套\u202e园\n") == "智能终端 配套园"
    assert attachments._cell_text(1e16) == "1e+16" and attachments._cell_text(True) == "是"


def pdf(password: str = "", owner: str = "") -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    if password or owner:
        writer.encrypt(password, owner or password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_damaged_encrypted_and_textless_files_say_why_and_never_raise(tmp_path):
    assert read_text("pdf", pdf(password="secret")).problem == "encrypted"
    assert read_text("pdf", pdf(owner="owner")).problem == "empty"  # restricted only: opens, has no text
    assert read_text("pdf", REAL_PDF.read_bytes()[:4000]).problem == "corrupt"
    assert read_text("pdf", b"<html>not a pdf</html>") == attachments.AttachmentText(
        problem="corrupt", detail="it does not begin like a PDF file")
    assert read_text("docx", b"PK\x03\x04 torn").problem == "corrupt"
    assert read_text("xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)).problem == "encrypted"
    docx = make_docx(tmp_path / "a.docx", ["正文"]).read_bytes()
    assert read_text("docx", docx[: len(docx) // 2]).problem == "corrupt"


def test_a_zip_bomb_is_not_opened(monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" * (2 * 1024 * 1024))
    monkeypatch.setattr(attachments, "MAX_UNPACKED", 1024 * 1024)
    found = read_text("docx", out.getvalue())
    assert found.problem == "corrupt" and found.detail == "it unpacks to 2 MB, more than 1 MB"


def test_text_past_the_limit_is_cut_and_said_so(tmp_path, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_CHARS", 30)
    path = make_docx(tmp_path / "a.docx", ["第一段文字共十个字。", "第二段文字共十个字。"],
                     [["甲表头", "乙表头"], ["一二三四五", "六七八九十"], ["第三行", "不会读到"]])
    found = read_text("docx", path.read_bytes())
    assert found.truncated
    assert found.blocks == (("p", "第一段文字共十个字。"), ("p", "第二段文字共十个字。"), ("table", (("甲表头", "乙表头"),)))
    assert text_of(found) == "第一段文字共十个字。\n第二段文字共十个字。\n甲表头\n乙表头"
