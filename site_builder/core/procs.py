"""Child processes of a build die with it, so a killed build leaves nothing writing into its staging folder."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
# Loaded now, not in the child: between fork and exec only async-signal-safe work is allowed.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def die_with_parent(parent: int | None = None) -> None:
    """subprocess preexec_fn: the kernel SIGKILLs this child when the build process dies (Linux; else nothing).

    Linux ties the signal to the thread that started the child: start it from a thread that waits for it, as
    subprocess.run does, so a thread pool ending normally cannot kill a child still at work. Also a
    multiprocessing Pool initializer: forked workers would otherwise outlive a killed build, blocked for ever.
    """
    if _LIBC is None:
        return
    parent = os.getppid() if parent is None else parent  # pass the build's pid when it is known before the fork
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before the request took effect
        os._exit(1)
