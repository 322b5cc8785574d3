"""Shared fixtures: small sites built from inline notices, using the project's own templates and theme."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GAZETTE = REPO.parent / "shared" / "gazette" / "zhengzhou-gazette-2016-08.txt"


def notice_text(doc_number="郑政〔2016〕24号", title="关于全面落实粮食安全省长责任制的实施意见",
                date="2016-08-01", issuer="郑州市人民政府", body="正文。", extra="") -> str:
    front = f"doc_number: {doc_number}\nissuer: {issuer}\ntitle: {title}\ndate: {date}\n{extra}"
    return f"---\n{front}---\n\n{textwrap.dedent(body).strip()}\n"


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid PNG picture (grey), for a 图解's image."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def interpretation_text(title="《关于加快建设的意见》解读", date="2016-08-03", interprets="郑政〔2016〕2号",
                        kind="文字解读", body="正文。", extra="") -> str:
    front = f"title: {title}\ndate: {date}\ninterprets: {interprets}\nkind: {kind}\n{extra}"
    return f"---\n{front}---\n\n{textwrap.dedent(body).strip()}\n"


def copy_embedded_site(root: Path) -> Path:
    """root made a copy of the repository's own site: site.toml, content/, templates/ and theme/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    for folder in ("content", "templates", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    return root


class SiteFactory:
    def __init__(self, root: Path):
        self.root = root
        (root / "content" / "notices").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "site.toml", root / "site.toml")
        shutil.copytree(REPO / "templates", root / "templates")
        shutil.copytree(REPO / "theme", root / "theme")
        for extra in ("departments.toml", "topics.toml"):
            if (REPO / "content" / extra).exists():
                shutil.copy(REPO / "content" / extra, root / "content" / extra)

    def interpretation(self, name: str, text: str | bytes) -> Path:
        """content/interpretations/<name> (an image as bytes, a 解读 as text)."""
        path = self.root / "content" / "interpretations" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.root / "content" / "notices" / name
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    def content(self, name: str) -> Path:
        """A path below content/ (an attachment file's place), its folder made."""
        path = self.root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def public(self) -> Path:
        return self.root / "public"


@pytest.fixture
def site(tmp_path) -> SiteFactory:
    return SiteFactory(tmp_path / "site")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, to compare a site before and after."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_docx(path: Path, paragraphs: list[str], rows: list[list[str]] | None = None,
              heading: str = "") -> Path:
    """A Word file made with python-docx: a heading, paragraphs and a table."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, 1)
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def make_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    """An Excel file made with openpyxl: one sheet per name, rows of values."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


REAL_PDF = REPO / "tests/extract/attachments/hukehe-2025-7-kongjian-buju.pdf"  # see SOURCES.md beside it
