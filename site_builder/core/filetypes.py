"""The kinds of file a notice may attach (附件), what each is called and served as, and how its bytes begin.

One home for the list: the loader refuses any other kind (E143), the extract step reads the text of the kinds
that have a READER, the notice page shows LABEL and the JSON API gives it as `type`. Pure; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

PDF, DOCX, XLSX = "pdf", "docx", "xlsx"  # the kinds whose text is read (extract/attachments.py)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: Word 97–2003, Excel 97–2003, WPS, encrypted OOXML
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class FileType:
    label: str  # as a reader sees it: "DOCX"
    media_type: str  # served as, and the link's type hint
    signatures: tuple[bytes, ...]  # how a file of this kind begins (any one of them)
    reader: str = ""  # PDF, DOCX or XLSX: its text is read and searchable; "" for the others


TYPES: dict[str, FileType] = {  # by lower-case extension
    "pdf": FileType("PDF", "application/pdf", (b"%PDF-",), PDF),
    "docx": FileType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP, DOCX),
    "xlsx": FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP, XLSX),
    "doc": FileType("DOC", "application/msword", (_OLE,)),
    "xls": FileType("XLS", "application/vnd.ms-excel", (_OLE,)),
    "wps": FileType("WPS", "application/vnd.ms-works", (_OLE, *_ZIP)),  # WPS 文字: Compound File, newer ones ZIP
    "ofd": FileType("OFD", "application/ofd", _ZIP),  # GB/T 33190 版式文档
    "zip": FileType("ZIP", "application/zip", _ZIP),
    "jpg": FileType("JPG", "image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("JPG", "image/jpeg", (b"\xff\xd8\xff",)),
    "png": FileType("PNG", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    "gif": FileType("GIF", "image/gif", (b"GIF87a", b"GIF89a")),
    "tif": FileType("TIFF", "image/tiff", (b"II*\x00", b"MM\x00*")),
    "tiff": FileType("TIFF", "image/tiff", (b"II*\x00", b"MM\x00*")),
    "webp": FileType("WEBP", "image/webp", (b"RIFF",)),
}
NAMES = "、".join(dict.fromkeys(t.label for t in TYPES.values()))  # for messages: PDF、DOCX、…


def extension(path: str) -> str:
    """The lower-case extension of a path ("" when it has none)."""
    name = path.rpartition("/")[2]
    return name.rpartition(".")[2].lower() if "." in name.strip(".") else ""


def of(path: str) -> FileType | None:
    """The type of a file by its name, or None when its kind is not on the list."""
    return TYPES.get(extension(path))


def looks_like(kind: FileType, head: bytes) -> bool:
    """Do the file's first bytes match its kind? A PDF's header may follow up to 1 KB of junk (ISO 32000 7.5.2)."""
    if kind.reader == PDF:
        return b"%PDF-" in head[:1024]
    return any(head.startswith(signature) for signature in kind.signatures)


def is_compound_file(head: bytes) -> bool:
    """A Compound File where a ZIP was expected: a password-protected DOCX or XLSX is stored this way."""
    return head.startswith(_OLE)
