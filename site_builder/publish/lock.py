"""One build at a time per output folder: a lock file beside it, never opened through a link."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from pathlib import Path

from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.publish.folders import state_paths


class BuildLock:
    """One build at a time per output folder. The kernel drops the lock if the process dies."""

    def __init__(self, output: Path):
        self.path = state_paths(output)[2]
        self.handle = None

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:  # never through a link: a planted .public.lock -> somefile would get our pid written into it
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o644)
        except OSError as exc:
            reason = "it is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
            raise BuildError([Diagnostic(str(self.path), 1, "E402", f"cannot open the build lock: {reason}",
                                         "remove it; the build makes its own")]) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise BuildError([Diagnostic(str(self.path), 1, "E402", "cannot open the build lock: not a regular "
                                         "file", "remove it; the build makes its own")])
        handle = os.fdopen(fd, "r+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            owner = handle.read().strip() or "?"
            handle.close()
            raise BuildError([Diagnostic(str(self.path), 1, "E402",
                                         f"another build of this site is running (pid {owner})",
                                         "wait for it to finish, or stop it")]) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self.handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self.handle:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
