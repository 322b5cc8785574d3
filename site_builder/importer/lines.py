"""Reading the gazette: bytes → text → numbered lines, whatever the byte-order mark and line ends."""

from __future__ import annotations

from pathlib import Path

from site_builder.core.diagnostics import Diagnostic

from .model import Line


def read_gazette(path: Path) -> tuple[str | None, list[Diagnostic]]:
    """The gazette's text, or an E306 diagnostic saying why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, [Diagnostic(str(path), 0, "E306", f"cannot read the gazette: {reason}")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Diagnostic(str(path), line, "E306", "the gazette is not UTF-8 text",
                                 "convert it to UTF-8 first, e.g. iconv -f GB18030 -t UTF-8")]


def split_lines(text: str) -> list[Line]:
    """Numbered lines; CRLF and CR count as line ends, a BOM and form feeds (page breaks) are dropped."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "")
    return [Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]
