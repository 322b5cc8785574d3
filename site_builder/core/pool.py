"""Run a function over many items in forked worker processes, or in this process when that is not worth it.

Workers are forked, so they start with everything the parent built (the library, the compiled templates)
without pickling it; only each item and each result cross the process boundary. A module-level function and
items made of plain values are all this needs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

from site_builder.core.procs import die_with_parent

T = TypeVar("T")
R = TypeVar("R")

SERIAL_BELOW = 200  # items; forking and collecting cost ~50 ms, more than a small site's whole phase


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(function: Callable[[T], R], items: Sequence[T], jobs: int | None = None, sized: bool = False,
        progress: Callable[[int], None] | None = None, serial_below: int = SERIAL_BELOW,
        each: Callable[[R], None] | None = None) -> list[R]:
    """[function(item) for item in items], in order; in `jobs` processes when there are enough items.

    sized: each item is a batch (a list) and counts as len(item) units of work, else as one;
    `progress(units)` is called as each item's result arrives; serial_below: fewer units than this run here
    (a unit that costs far more than a fork, such as reading a PDF, sets it low); `each(result)` is called in
    this process as each result arrives, in order, while the workers go on with the next items.
    """
    jobs = default_jobs() if jobs is None else jobs
    units = [len(item) if sized else 1 for item in items]  # type: ignore[arg-type]
    report = progress or (lambda done: None)
    take = each or (lambda result: None)
    if jobs <= 1 or sum(units) < serial_below or len(items) < 2 or not _can_fork():
        out = []
        for item, size in zip(items, units):
            out.append(function(item))
            take(out[-1])
            report(size)
        return out
    # Objects made so far will not be freed in the workers; frozen, the collector does not touch (and so does
    # not copy) their pages.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        # Workers die with the build: a killed build must leave no process behind (tests/test_crash.py).
        with context.Pool(min(jobs, len(items)), initializer=_worker_start, initargs=(os.getpid(),)) as pool:
            out = []
            for result, size in zip(pool.imap(function, items, chunksize=1), units):
                out.append(result)
                take(result)
                report(size)
            return out
    finally:
        gc.unfreeze()


BATCH = 250  # items a worker takes at a time: small enough to bound its memory and show progress


def batch_count(items: int) -> int:
    """How many batches to cut `items` into: enough to keep every worker busy, none over BATCH items."""
    return max(4 * default_jobs(), -(-items // BATCH))


def slices(count: int, parts: int) -> list[range]:
    """range(count) cut into about `parts` contiguous slices of near-equal size."""
    parts = max(1, min(parts, count))
    size, extra = divmod(count, parts)
    out, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        out.append(range(start, end))
        start = end
    return [r for r in out if len(r)]


def _worker_start(parent: int) -> None:
    # Ctrl-C reaches the whole process group: the build stops its workers itself. And a handler the parent set
    # (the preview server turns SIGTERM into a clean stop) must not run in a worker that the pool terminates.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    # The build pauses its collector (core/timing.collector_paused); a worker renders page after page and must free
    # the cycles it makes. What it inherited is frozen (run), so its collections scan only its own objects.
    gc.enable()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
