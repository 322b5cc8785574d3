import threading
import time
from pathlib import Path

import pytest
from watchdog.events import (DirCreatedEvent, DirModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent,
                             FileModifiedEvent, FileMovedEvent, FileOpenedEvent)

from site_builder.serve.watcher import Debouncer, Rebuilder, Watcher, WatchScope, changed_sources, is_ignored_name

ROOT = Path("/site")
SCOPE = WatchScope.for_site(ROOT, "content", ROOT / "public")
NOTICE = ROOT / "content/notices/27.md"


@pytest.mark.parametrize("name", [
    ".27.md.swp", ".27.md.swx", "27.md.swo", "4913", "27.md~", ".#27.md", "#27.md#", "27.md.tmp",
    ".goutputstream-X1ABCZ", "site.css.crdownload", ".DS_Store", "._27.md", ".~lock.27.md#", "~$27.docx",
    "27.md___jb_tmp___", "27.md.kate-swp", ".git", "__pycache__", "sedELzN9e",
])
def test_editor_and_system_litter_is_ignored(name):
    assert is_ignored_name(name)


@pytest.mark.parametrize("name", ["27.md", "site.css", "notice.html", "topics.toml", "zheng~zhou.md", "swp.md",
                                  "sed123.md"])
def test_real_sources_are_not_ignored(name):
    assert not is_ignored_name(name)


@pytest.mark.parametrize("path, expected", [
    ("content/notices/27.md", True),
    ("content/departments.toml", True),
    ("templates/partials/outline.html", True),
    ("theme/site.css", True),
    ("site.toml", True),
    ("content", True),  # the folder itself replaced
    ("content/notices/.27.md.swp", False),
    ("content/notices/4913", False),
    ("content/.git/index", False),
    ("public/index.html", False),
    ("public", False),
    (".public.staging/index.html", False),
    (".public.old/index.html", False),
    (".public.lock", False),
    ("README.md", False),
    ("site.toml~", False),
    (".venv/lib/x.py", False),
])
def test_what_counts_as_a_source(path, expected):
    assert SCOPE.is_source(ROOT / path) is expected


def test_an_output_folder_inside_the_content_is_still_never_a_source():
    scope = WatchScope.for_site(ROOT, "content", ROOT / "content/public")
    assert not scope.is_source(ROOT / "content/public/index.html")
    assert scope.is_source(NOTICE)


def test_an_atomic_save_counts_as_a_change_of_the_real_file():
    event = FileMovedEvent(str(ROOT / "content/notices/.goutputstream-X1ABCZ"), str(NOTICE))
    assert changed_sources(event, SCOPE) == {NOTICE}


def test_vim_renaming_the_original_to_a_backup_counts_for_the_original():
    event = FileMovedEvent(str(NOTICE), str(ROOT / "content/notices/27.md~"))
    assert changed_sources(event, SCOPE) == {NOTICE}


def test_a_rename_counts_for_both_names():
    new = ROOT / "content/notices/28.md"
    assert changed_sources(FileMovedEvent(str(NOTICE), str(new)), SCOPE) == {NOTICE, new}


@pytest.mark.parametrize("event", [
    FileModifiedEvent(str(ROOT / "content/notices/.27.md.swp")),
    FileCreatedEvent(str(ROOT / "content/notices/4913")),
    FileOpenedEvent(str(NOTICE)),
    FileClosedEvent(str(NOTICE)),
    DirModifiedEvent(str(ROOT / "content/notices")),
    FileModifiedEvent(str(ROOT / "public/index.html")),
])
def test_events_that_change_no_source(event):
    assert changed_sources(event, SCOPE) == set()


@pytest.mark.parametrize("event", [
    FileModifiedEvent(str(NOTICE)),
    FileCreatedEvent(str(NOTICE)),
    FileDeletedEvent(str(NOTICE)),
    FileModifiedEvent(str(NOTICE).encode()),
])
def test_events_that_change_a_source(event):
    assert changed_sources(event, SCOPE) == {NOTICE}


def test_a_new_folder_of_notices_counts():
    folder = ROOT / "content/notices/2017"
    assert changed_sources(DirCreatedEvent(str(folder)), SCOPE) == {folder}


def test_debounce_waits_for_quiet():
    debouncer = Debouncer(quiet=0.1, max_delay=2.0)
    assert debouncer.wait(now=0.0) is None
    debouncer.add({NOTICE}, now=10.0)
    debouncer.add({NOTICE}, now=10.05)  # the same save, second event
    assert debouncer.wait(now=10.1) == pytest.approx(0.05)
    assert debouncer.wait(now=10.15) == 0
    assert debouncer.take() == {NOTICE}
    assert debouncer.wait(now=10.2) is None


def test_debounce_builds_a_source_that_never_stops_changing():
    debouncer = Debouncer(quiet=0.1, max_delay=2.0)
    for step in range(40):
        debouncer.add({NOTICE}, now=step * 0.05)
    assert debouncer.wait(now=1.95) == pytest.approx(0.05)  # not quiet until 2.05
    assert debouncer.wait(now=2.0) == 0  # 2 s after the first change, however busy


class Builds:
    """A build function whose first call blocks until released, to send events while a build runs."""

    def __init__(self):
        self.calls: list[set | None] = []
        self.running = threading.Event()
        self.release = threading.Event()
        self.done = threading.Condition()

    def __call__(self, changed):
        self.running.set()
        if not self.calls:
            self.release.wait(5)
        with self.done:
            self.calls.append(changed)
            self.done.notify_all()

    def wait_for(self, count: int) -> None:
        with self.done:
            assert self.done.wait_for(lambda: len(self.calls) >= count, 5), self.calls


def test_events_during_a_build_lead_to_exactly_one_more_build():
    builds = Builds()
    rebuilder = Rebuilder(builds, quiet=0.01)
    rebuilder.start(initial=True)
    assert builds.running.wait(5)
    other = ROOT / "theme/site.css"
    for path in (NOTICE, NOTICE, other, NOTICE):
        rebuilder.notify({path})
    builds.release.set()
    builds.wait_for(2)
    time.sleep(0.1)  # room for a wrong third build to show up
    rebuilder.stop()
    assert builds.calls == [None, {NOTICE, other}]


def test_no_build_without_a_change_and_stop_is_prompt():
    builds = Builds()
    builds.release.set()
    rebuilder = Rebuilder(builds, quiet=0.01)
    rebuilder.start(initial=False)
    rebuilder.notify(set())
    started = time.monotonic()
    rebuilder.stop()
    assert builds.calls == [] and time.monotonic() - started < 1


def collect(scope):
    seen, arrived = set(), threading.Event()

    def notify(paths):
        seen.update(paths)
        arrived.set()

    watcher = Watcher(scope, notify)
    watcher.start()
    return watcher, seen, arrived


def test_the_watcher_sees_an_atomic_save_and_ignores_swap_files_and_the_output(tmp_path):
    root = tmp_path / "site"
    notices = root / "content" / "notices"
    notices.mkdir(parents=True)
    (root / "public").mkdir()
    scope = WatchScope.for_site(root, "content", root / "public")
    watcher, seen, arrived = collect(scope)
    try:
        (notices / ".27.md.swp").write_text("swap")
        (root / "public" / "index.html").write_text("built")
        (root / "README.md").write_text("not a source")
        temp = notices / ".goutputstream-ABC"
        temp.write_text("---\n")
        temp.rename(notices / "27.md")
        assert arrived.wait(5)
        time.sleep(0.2)  # let the ignored events arrive too, if they were going to count
    finally:
        watcher.stop()
    assert seen == {notices / "27.md"}


def test_the_watcher_picks_up_a_source_folder_created_later(tmp_path):
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    watcher, seen, arrived = collect(WatchScope.for_site(root, "content", root / "public"))
    try:
        (root / "theme").mkdir()
        assert arrived.wait(5)
        watcher.refresh()  # the preview does this after every build
        arrived.clear()
        (root / "theme" / "site.css").write_text("body{}")
        assert arrived.wait(5)
    finally:
        watcher.stop()
    assert root / "theme" / "site.css" in seen
