"""Watch the site's sources and turn bursts of file events into single rebuilds.

Editors save in many ways: several writes for one save, a temp file renamed over the original (atomic save),
swap and backup files beside it. Only real sources count; a rebuild starts after a short quiet period, and
events that arrive during a build are collected into exactly one more build.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from site_builder.publish.folders import state_paths

QUIET = 0.1  # seconds without events before a rebuild starts
MAX_DELAY = 2.0  # a source that never stops changing still gets built this long after its first change

# Names editors, file managers and download tools write next to the files people actually edit.
IGNORED_NAMES = (
    "*.swp", "*.swo", "*.swn", "*.swx", "*.swpx", "4913",  # vim swap files and its write test
    "*~", ".#*", "#*#",  # backups; Emacs lock and autosave files
    "*.tmp", "*.temp", "*.bak", "*.orig", "*.rej",
    ".goutputstream-*", "*.kate-swp", ".~lock.*#", "~$*",  # gedit, Kate, LibreOffice, MS Office
    "*___jb_tmp___", "*___jb_old___",  # JetBrains safe write
    "*.crdownload", "*.part", "*.partial", "*.download",
    ".DS_Store", "._*", "Thumbs.db", "desktop.ini",
    ".git", ".hg", ".svn", "__pycache__", "node_modules",
)
_SED_TEMP = re.compile(r"sed[A-Za-z0-9]{6}")  # `sed -i` writes its result here, then renames it over the file
_CHANGES = {"created", "modified", "deleted", "moved"}  # not opened, closed or attrib: they change no bytes


def is_ignored_name(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in IGNORED_NAMES) or bool(_SED_TEMP.fullmatch(name))


@dataclass(frozen=True)
class WatchScope:
    """What counts as a source of the site under root, and what never does (the output and its siblings)."""

    root: Path
    folders: tuple[Path, ...]  # watched recursively: content, templates, theme
    files: tuple[Path, ...]  # watched one by one in the root: site.toml
    excluded: tuple[Path, ...]  # the output folder, its staging, previous-site and lock paths

    @classmethod
    def for_site(cls, root: Path, content: str, output: Path) -> "WatchScope":
        root = root.resolve()
        folders = tuple(root / name for name in (content, "templates", "theme"))
        return cls(root, folders, (root / "site.toml",), (output.resolve(), *state_paths(output.resolve())))

    def is_source(self, path: Path) -> bool:
        """True when a change at path can change the site. Pure: looks at the path, not the disk."""
        if any(path == ex or ex in path.parents for ex in self.excluded):
            return False
        if path in self.files:
            return True
        for folder in self.folders:
            if folder in path.parents:
                return not any(is_ignored_name(part) for part in path.relative_to(folder).parts)
        return path in self.folders  # the folder itself created, deleted or moved


def changed_sources(event: FileSystemEvent, scope: WatchScope) -> set[Path]:
    """The sources one watchdog event touches: for a move, both ends (an atomic save moves a temp file in)."""
    if event.event_type not in _CHANGES or (event.is_directory and event.event_type == "modified"):
        return set()
    paths = [event.src_path, event.dest_path] if event.event_type == "moved" else [event.src_path]
    found = set()
    for raw in paths:
        if raw:
            path = Path(os.fsdecode(raw))
            if scope.is_source(path):
                found.add(path)
    return found


class Debouncer:
    """Pending changes and when to build them. Pure bookkeeping: the caller supplies the clock."""

    def __init__(self, quiet: float = QUIET, max_delay: float = MAX_DELAY):
        self.quiet, self.max_delay = quiet, max_delay
        self.pending: set[Path] = set()
        self.first = self.last = 0.0

    def add(self, paths: Iterable[Path], now: float) -> None:
        if not self.pending:
            self.first = now
        self.pending.update(paths)
        self.last = now

    def wait(self, now: float) -> float | None:
        """Seconds until the pending changes are due (0: now), or None when nothing is pending."""
        if not self.pending:
            return None
        due = min(self.last + self.quiet, self.first + self.max_delay)
        return max(0.0, due - now)

    def take(self) -> set[Path]:
        taken, self.pending = self.pending, set()
        return taken


class Rebuilder:
    """One builder thread. Events only mark paths dirty; a build already running is never interrupted or doubled."""

    def __init__(self, build: Callable[[set[Path] | None], None], quiet: float = QUIET,
                 max_delay: float = MAX_DELAY, clock: Callable[[], float] = time.monotonic):
        self._build, self._clock = build, clock
        self._debouncer = Debouncer(quiet, max_delay)
        self._wake = threading.Condition()
        self._stopped = False
        self._initial = True
        self._thread = threading.Thread(target=self._run, name="site-builder-rebuild", daemon=True)

    def start(self, initial: bool = True) -> None:
        """Start the thread; with initial, it builds everything first."""
        self._initial = initial
        self._thread.start()

    def notify(self, paths: set[Path]) -> None:
        if not paths:
            return
        with self._wake:
            self._debouncer.add(paths, self._clock())
            self._wake.notify()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the build in progress, if any (a publish is never cut off halfway)."""
        with self._wake:
            self._stopped = True
            self._wake.notify()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        if self._initial:
            self._build(None)  # None: everything, the first build knows of no change
        while True:
            changed = self._next_batch()
            if changed is None:
                return
            self._build(changed)

    def _next_batch(self) -> set[Path] | None:
        with self._wake:
            while not self._stopped:
                delay = self._debouncer.wait(self._clock())
                if delay == 0:
                    return self._debouncer.take()
                self._wake.wait(delay)
            return None


class _Handler(FileSystemEventHandler):
    def __init__(self, scope: WatchScope, notify: Callable[[set[Path]], None]):
        self.scope, self.notify = scope, notify

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.notify(changed_sources(event, self.scope))


class Watcher:
    """watchdog on the source folders (recursively) and on the root (for site.toml; never the output)."""

    def __init__(self, scope: WatchScope, notify: Callable[[set[Path]], None], polling: bool = False):
        self.scope = scope
        self.handler = _Handler(scope, notify)
        self.polling = polling
        self.observer = PollingObserver() if polling else Observer()
        self.watched: dict[Path, tuple[object, int]] = {}  # folder → (watchdog watch, inode)

    def start(self) -> None:
        try:
            self._schedule()
            self.observer.start()
        except OSError:
            if self.polling:
                raise
            # inotify refuses when the system's watch limit is reached: polling is slower but works anywhere.
            self.observer = PollingObserver()
            self.polling, self.watched = True, {}
            self._schedule()
            self.observer.start()

    def refresh(self) -> None:
        """Watch source folders created or replaced since the start (a new theme/, a content/ from git)."""
        self._schedule()

    def stop(self) -> None:
        # Stopped in the middle of a read, watchdog's inotify thread logs "queue_events() called when the thread is
        # inactive" (its own shutdown race, harmless): the editor who pressed Ctrl-C should see "Stopping…" only.
        logging.getLogger("watchdog.observers.inotify").disabled = True
        self.observer.stop()
        if self.observer.is_alive():
            self.observer.join(5)

    def _schedule(self) -> None:
        wanted = [(self.scope.root, False)] + [(folder, True) for folder in self.scope.folders]
        for folder, recursive in wanted:
            try:
                inode = folder.stat().st_ino if folder.is_dir() else None
            except OSError:
                inode = None
            known = self.watched.get(folder)
            if inode is None or (known and known[1] == inode):
                continue
            if known:  # the folder was deleted and made again: its old watch sees nothing any more
                try:
                    self.observer.unschedule(known[0])
                except (KeyError, OSError):
                    pass  # watchdog already dropped it with the folder
            self.watched[folder] = (self.observer.schedule(self.handler, str(folder), recursive=recursive), inode)
