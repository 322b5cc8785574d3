"""The one home of how the build and the importer write a file of theirs: atomically, and durably.

`atomic_write`: a temp file in the same folder, flushed to disk, renamed over the target, and the rename made
durable: a reader (or a machine after a power cut) sees the old file or the new one, never half of one.
`sync_filesystem`: the staged site flushed in one call before it is swapped in.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import tempfile
from pathlib import Path


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


def sync_filesystem(folder: Path) -> None:
    """Flush every written file of the filesystem holding folder (syncfs: one call, not one fsync a file)."""
    libc_name = ctypes.util.find_library("c")
    syncfs = getattr(ctypes.CDLL(libc_name, use_errno=True), "syncfs", None) if libc_name else None
    if syncfs is None:
        os.sync()
        return
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        syncfs(handle)
    finally:
        os.close(handle)
