"""Progress bars for long builds on a terminal (rich); nothing at all when output goes to a file or a pipe."""

from __future__ import annotations

import sys
from contextlib import contextmanager


@contextmanager
def bars(enabled: bool | None = None):
    """Yield a build progress callback (phase, done, total), or None when there is no terminal to draw on."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    names = {"extract": "读取文件 extract", "render": "生成页面 render"}
    with Progress(TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, console=None) as shown:
        tasks: dict[str, int] = {}

        def advance(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = shown.add_task(names.get(phase, phase), total=total)
            shown.advance(tasks[phase], done)

        yield advance
