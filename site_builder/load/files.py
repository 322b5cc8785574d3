"""The one home of two rules about files: how a user's file is read, and how ours are written.

- `read_limited`: a user's file (a notice, site.toml, a template) is read only if it is a regular file, without
  blocking and up to a size limit. A FIFO named like a notice blocked a build forever (and the preview server
  with it); a link to /dev/zero read until memory ran out.
- `atomic_write`: a temp file in the same folder, flushed to disk, renamed over the target, and the rename made
  durable: a reader (or a machine after a power cut) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
import tempfile
from pathlib import Path

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


def atomic_write(path: str | os.PathLike, data: bytes, mode: int | None = None, durable: bool = True) -> None:
    """Write data to path atomically: readers see the old file or the new one, never half.

    mode: the new file's permissions; by default what a plain open() would give (0666 less the umask), not
    mkstemp's 0600, so a web server or a fellow editor can read what was written. durable=False skips the
    fsyncs, for files whose reader checks them anyway (the build cache verifies every entry it reads): a
    cold build writes one per notice, and an fsync each cost more than the build."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), default_mode() if mode is None else mode)
            if durable:
                os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if durable:
        sync_folder(path.parent)


@functools.cache
def default_mode() -> int:
    """0666 less the process umask: the mode open() gives a new file (read without changing the umask)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o644


def sync_folder(folder: str | os.PathLike) -> None:
    """Make the renames and new names in a folder durable (a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
