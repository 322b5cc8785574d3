"""The one home of how a user's file is read (a notice, site.toml, a template, a cache entry).

`read_limited`: only if it is a regular file, without blocking and up to a size limit. A FIFO named like a
notice blocked a build forever (and the preview server with it); a link to /dev/zero read until memory ran out.
"""

from __future__ import annotations

import errno
import os
import stat

MAX_BYTES = 64 * 1024 * 1024  # a 10 MB notice is the largest seen; nothing an editor writes comes near this


class Unreadable(OSError):
    """A file that is not read: its reason is a short phrase for a diagnostic ("not a regular file")."""

    def __init__(self, reason: str, path: str | os.PathLike = ""):
        super().__init__(reason)
        self.reason = reason
        self.path = str(path)


def read_limited(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; raises Unreadable with the reason otherwise.

    Opened without blocking (a FIFO or a device opens at once and is refused by its type, never read)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc), path) from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable(os.strerror(errno.EISDIR), path)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file" + _kind(info.st_mode), path)
        if info.st_size > limit:
            raise Unreadable(f"larger than {_size(limit)} ({_size(info.st_size)})", path)
        chunks, total = [], 0
        while True:  # the size may change while it is read: never read past the limit
            chunk = os.read(handle, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise Unreadable(f"larger than {_size(limit)}", path)
        return b"".join(chunks)
    except Unreadable:
        raise
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc), path) from None
    finally:
        os.close(handle)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return f": {name}"
    return ""


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.0f} MB" if count >= 1024 * 1024 else f"{count} bytes"
