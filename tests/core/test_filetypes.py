from site_builder.core import filetypes


def test_a_file_type_comes_from_its_extension_in_any_case():
    assert filetypes.of("attachments/项目表.DOCX").label == "DOCX"
    assert filetypes.of("a/b.jpeg").label == filetypes.of("b.jpg").label == "JPG"
    assert filetypes.of("a/run.exe") is None and filetypes.of("a/README") is None and filetypes.of(".pdf") is None
    assert filetypes.extension("x/y.tar.gz") == "gz" and filetypes.extension("x.y/z") == ""


def test_only_pdf_docx_and_xlsx_have_their_text_read():
    assert {ext for ext, kind in filetypes.TYPES.items() if kind.reader} == {"pdf", "docx", "xlsx"}


def test_a_file_is_checked_against_how_its_kind_begins():
    assert filetypes.looks_like(filetypes.TYPES["pdf"], b"\r\n%PDF-1.7")  # junk before the header is allowed
    assert not filetypes.looks_like(filetypes.TYPES["pdf"], b"<html>")
    assert filetypes.looks_like(filetypes.TYPES["docx"], b"PK\x03\x04rest")
    assert filetypes.looks_like(filetypes.TYPES["png"], b"\x89PNG\r\n\x1a\n....")
    assert not filetypes.looks_like(filetypes.TYPES["png"], b"GIF89a")
    assert filetypes.is_compound_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
