"""An attachment file's bytes → its text, read by maintained libraries: pypdf (PDF), python-docx (DOCX) and
openpyxl (XLSX). Pure: bytes in, an AttachmentText out; never raises on a bad file.

What a file holds is untrusted. A damaged or password-protected file is not an error: it is published all the
same, without its text (the caller warns). What one file may cost is bounded: a DOCX or XLSX that unpacks to
more than MAX_UNPACKED is not opened (a ZIP bomb), reading stops at MAX_CHARS characters of text and MAX_ROWS
spreadsheet rows, XML is parsed without entities (python-docx's own parser; openpyxl uses defusedxml when it
is installed, and it is a dependency), and pypdf's own limits bound a PDF's streams. The caller also bounds
the time (publish/attachments.py).
"""

from __future__ import annotations

import datetime
import io
import logging
import re
import zipfile
from contextlib import contextmanager

from site_builder.core import filetypes
from site_builder.core.filetypes import DOCX, PDF, XLSX
from site_builder.core.model import AttachmentText
from site_builder.core.text import clean

MAX_CHARS = 200_000  # text kept per file: a long plan or a big table; the rest is only in the file
MAX_ROWS = 20_000  # spreadsheet rows read per file (blank ones included)
MAX_UNPACKED = 256 * 1024 * 1024  # what a DOCX or XLSX may unpack to

CORRUPT, ENCRYPTED, EMPTY = "corrupt", "encrypted", "empty"


class _Full(Exception):
    """MAX_CHARS reached: stop reading."""


class _Blocks:
    """Blocks of text as they are read, cleaned, up to MAX_CHARS characters."""

    def __init__(self) -> None:
        self.items: list[tuple] = []
        self.chars = 0

    def add(self, kind: str, content) -> None:
        """Add a block; what goes past MAX_CHARS is cut (a table by rows, a paragraph by characters) and _Full
        raised."""
        room = MAX_CHARS - self.chars
        if kind == "table":
            rows, size = [], 0
            for cells in content:
                row = tuple(_cell_text(cell) for cell in cells)
                length = sum(len(cell) for cell in row)
                if not length:
                    continue
                if size + length > room:
                    self._keep(kind, tuple(rows), size)
                    raise _Full
                rows.append(row)
                size += length
            self._keep(kind, tuple(rows), size)
            return
        text = _squeeze(content)
        if len(text) > room:
            self._keep(kind, text[:room], room)
            raise _Full
        self._keep(kind, text, len(text))

    def _keep(self, kind: str, content, size: int) -> None:
        if size:
            self.chars += size
            self.items.append((kind, content))


def read_text(reader: str, data: bytes) -> AttachmentText:
    """The text of a file of the given reader kind (filetypes.PDF, DOCX, XLSX)."""
    kind = {PDF: filetypes.TYPES["pdf"], DOCX: filetypes.TYPES["docx"], XLSX: filetypes.TYPES["xlsx"]}[reader]
    if reader in (DOCX, XLSX) and filetypes.is_compound_file(data[:8]):
        return AttachmentText(problem=ENCRYPTED, detail="it is password-protected (or an older format renamed)")
    if not filetypes.looks_like(kind, data[:1024]):
        return AttachmentText(problem=CORRUPT, detail=f"it does not begin like a {kind.label} file")
    blocks = _Blocks()
    truncated = False
    try:
        with _quiet():
            problem = {PDF: _pdf, DOCX: _docx, XLSX: _xlsx}[reader](data, blocks)
        if problem is not None:
            return problem
    except _Full:
        truncated = True
    except RecursionError:
        return AttachmentText(problem=CORRUPT, detail="its structure is nested too deeply")
    except MemoryError:
        return AttachmentText(problem=CORRUPT, detail="it is too large to read")
    except Exception as exc:  # a library's error on a damaged file, whatever its class: the file is published
        return AttachmentText(problem=CORRUPT, detail=_said(exc))
    if not blocks.items:
        return AttachmentText(problem=EMPTY, detail="no text in it (a scanned image?)")
    return AttachmentText(tuple(blocks.items), truncated=truncated)


def text_of(found: AttachmentText) -> str:
    """All the text, as one string: for search tokens."""
    parts = []
    for kind, content in found.blocks:
        parts.extend(cell for row in content for cell in row) if kind == "table" else parts.append(content)
    return "\n".join(parts)


# PDF -------------------------------------------------------------------------------------------------------

_END = "。！？；：.!?;:」』”）)"
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十百\d]+[章节条])")


def _pdf(data: bytes, blocks: _Blocks) -> AttachmentText | None:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # most are only restricted (no user password): they open
        except (DependencyError, FileNotDecryptedError, NotImplementedError) as exc:
            return AttachmentText(problem=ENCRYPTED, detail=_said(exc))
        if not opened:
            return AttachmentText(problem=ENCRYPTED, detail="it needs a password to open")
    pages = reader.pages
    for number, page in enumerate(pages, start=1):
        paragraphs = _paragraphs(page.extract_text() or "")
        if paragraphs and len(pages) > 1:
            blocks.add("h", f"第{number}页")
        for paragraph in paragraphs:
            blocks.add("p", paragraph)
    return None


def _paragraphs(text: str) -> list[str]:
    """A page's lines joined into paragraphs: a PDF breaks lines inside words (重点项\\n目表). A line ends its
    paragraph when it ends a sentence, is clearly shorter than the page's full lines (a last line, a heading),
    or the next line starts a numbered clause."""
    lines = [line.strip() for line in text.splitlines()]
    full = max((len(line) for line in lines), default=0)
    out: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        current = _join(current, line)
        following = next((later for later in lines[index + 1:] if later), "")
        if line.endswith(tuple(_END)) or len(line) < 0.7 * full or not following or _NUMBERED.match(following):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _join(left: str, right: str) -> str:
    if not left:
        return right
    return left + (" " if left[-1].isascii() and right[0].isascii() and left[-1].isalnum() else "") + right


# DOCX ------------------------------------------------------------------------------------------------------

def _docx(data: bytes, blocks: _Blocks) -> AttachmentText | None:
    problem = _unpacked_size_problem(data)
    if problem:
        return problem
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.add("table", _docx_rows(item))
            continue
        style = (item.style.name if item.style is not None else "") or ""
        blocks.add("h" if style.startswith(("Heading", "Title", "标题")) else "p", item.text)
    return None


def _docx_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell is the same cell in each column it spans: once
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
        rows.append(cells)
    return rows


# XLSX ------------------------------------------------------------------------------------------------------

def _xlsx(data: bytes, blocks: _Blocks) -> AttachmentText | None:
    problem = _unpacked_size_problem(data)
    if problem:
        return problem
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        read = 0
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                read += 1
                if read > MAX_ROWS:
                    break
                rows.append(list(row))
            rows = _trim(rows)
            if rows:
                blocks.add("h", sheet.title)
                blocks.add("table", rows)
            if read > MAX_ROWS:
                raise _Full
    finally:
        book.close()
    return None


def _trim(rows: list[list]) -> list[list]:
    """Rows without the empty columns at their right (a sheet's used range is often wider than its table); none
    when every cell is empty."""
    width = max((i + 1 for row in rows for i, value in enumerate(row) if _cell_text(value)), default=0)
    return [row[:width] for row in rows] if width else []


# Shared ----------------------------------------------------------------------------------------------------

def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.10g}"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return _squeeze(str(value))


def _squeeze(text: str) -> str:
    """Text without the characters no page may hold, its runs of spaces as one."""
    return " ".join(clean(text).split())


def _unpacked_size_problem(data: bytes) -> AttachmentText | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return AttachmentText(problem=CORRUPT, detail=_said(exc))
    if unpacked > MAX_UNPACKED:
        return AttachmentText(problem=CORRUPT, detail=f"it unpacks to {unpacked // (1024 * 1024)} MB, more than "
                                                      f"{MAX_UNPACKED // (1024 * 1024)} MB")
    return None


def _said(exc: BaseException) -> str:
    """A library's message, short and on one line."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


@contextmanager
def _quiet():
    """pypdf and openpyxl log warnings about every oddity of a file; what matters is said once, by the caller."""
    loggers = [logging.getLogger(name) for name in ("pypdf", "openpyxl")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR + 10)
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
