"""Timing and progress of a build's phases, and the cycle collector paused while it runs."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from contextlib import contextmanager

Progress = Callable[[str, int, int], None]  # (phase, units just done, units in the phase)


def ticker(progress: Progress | None, phase: str, total: int) -> Callable[[int], None] | None:
    return None if progress is None else (lambda done: progress(phase, done, total))


class Timer:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextmanager
    def __call__(self, phase: str):
        start = time.perf_counter()
        yield
        self.timings[phase] = self.timings.get(phase, 0.0) + time.perf_counter() - start


@contextmanager
def collector_paused():
    """Pause the cycle collector for a build (the workers run theirs).

    A build holds millions of long-lived objects (a 10,000-notice state alone is ~3 million) and makes few
    cycles; the collector, run after every 700 new containers, scanned the young ones again and again and
    promoted them into ever larger full collections: 2 of the 6 s of a one-notice edit at 10,000 notices. What
    cycles the build leaves are collected after it, when the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def timings_table(timings: dict[str, float]) -> str:
    width = max((len(k) for k in timings), default=5)
    return "\n".join(f"{name:<{width}}  {seconds:8.3f} s" for name, seconds in timings.items())
