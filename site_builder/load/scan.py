"""content/notices/*.md: which files there are (stat only), and their bytes. The load phase's reads of notices."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from site_builder.core.diagnostics import Diagnostic
from site_builder.load.files import Unreadable, read_limited
from site_builder.core.model import Notice
from site_builder.load.notice import check_unique, parse_notice


@dataclass(frozen=True)
class FileStat:
    path: str  # root-relative POSIX path
    size: int
    mtime_ns: int


def scan(root: Path, content_dir: Path) -> list[FileStat]:
    """Every content/notices/*.md with its size and modification time, in path order; nothing is read."""
    notice_dir = content_dir / "notices"
    found = []
    try:
        entries = list(os.scandir(notice_dir))
    except OSError:
        return []
    prefix = _relative(notice_dir, root) + "/"  # one relative_to for the folder, not one a file
    for entry in entries:
        if not entry.name.endswith(".md"):
            continue
        path = prefix + entry.name
        try:
            stat = entry.stat() if entry.is_file() else None
        except OSError:
            stat = None
        # A folder or a dangling link named like a notice is listed all the same: reading it then says why it
        # cannot be read (E100), where skipping it would drop a notice without a word.
        found.append(FileStat(path, stat.st_size, stat.st_mtime_ns) if stat else FileStat(path, -1, 0))
    return sorted(found, key=lambda f: f.path)


def read_notice(root: Path, path: str) -> tuple[bytes | None, list[Diagnostic]]:
    try:
        return read_limited(root / path), []
    except Unreadable as exc:
        return None, [Diagnostic(path, 1, "E100", f"cannot read file: {exc.reason}")]


def read_optional(file: Path) -> bytes:
    """A reference file's bytes, or nothing when it is missing or unreadable (its loader reports why)."""
    try:
        return read_limited(file)
    except Unreadable:
        return b""


def load_notices(root: Path, content_dir: Path) -> tuple[list[Notice], list[Diagnostic]]:
    """Read every content/notices/*.md below root. The only filesystem access of the load phase."""
    notices, diagnostics = [], []
    notice_dir = content_dir / "notices"
    for file in sorted(notice_dir.glob("*.md")):
        rel = _relative(file, root)
        try:
            data = read_limited(file)
        except Unreadable as exc:
            diagnostics.append(Diagnostic(rel, 1, "E100", f"cannot read file: {exc.reason}"))
            continue
        notice, found = parse_notice(rel, data)
        diagnostics.extend(found)
        if notice is not None:
            notices.append(notice)
    diagnostics.extend(check_unique(notices))
    return notices, diagnostics


def _relative(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()
