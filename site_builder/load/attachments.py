"""Attachment files under content/: found, checked and read. The only reads of attachment files.

A notice names its files relative to content/ (load/notice.py refuses a path that climbs out of it by its text);
here the file itself is checked: it must be a regular file whose real path, links followed, is inside content/,
and no larger than the site's limit. Reading goes through files.read_limited like every user file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from site_builder.load.files import Unreadable, read_limited


@dataclass(frozen=True)
class Found:
    """An attachment file as found on disk: its stat, or why it cannot be published."""

    size: int = 0
    mtime_ns: int = 0
    problem: str = ""  # "outside", "missing", or the reason it cannot be read ("not a regular file: a FIFO")


def probe(content: Path, name: str) -> Found:
    """Stat content/name without reading it; a link is followed only as far as it stays inside content/."""
    path = os.path.join(content, name)
    try:
        real, base = os.path.realpath(path), os.path.realpath(content)
    except (OSError, ValueError):
        return Found(problem="missing")
    if os.path.commonpath([real, base]) != base:
        return Found(problem="outside")
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return Found(problem="missing")
    except OSError as exc:
        return Found(problem=exc.strerror or str(exc))
    if stat.S_ISDIR(info.st_mode):
        return Found(problem="a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        return Found(problem="not a regular file")
    return Found(info.st_size, info.st_mtime_ns)


def read(content: Path, name: str, limit: int) -> bytes:
    """The file's bytes (at most `limit`); raises Unreadable, also when it now leads outside content/."""
    real, base = os.path.realpath(os.path.join(content, name)), os.path.realpath(content)
    if os.path.commonpath([real, base]) != base:
        raise Unreadable("outside content/", name)
    return read_limited(real, limit)


__all__ = ["Found", "Unreadable", "probe", "read"]
