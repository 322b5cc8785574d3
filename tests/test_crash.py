"""A build killed at any moment (SIGKILL) leaves public/ the old site or the new one, never a mix; the next build
recovers; a second build started while one runs is refused.

Builds run in child processes. Kills land at spread-out times, and at exact points of the publish (staging,
search indexing, the swap, removing the old site) through a small harness that wraps writer functions in the
child only: the product code has no test hooks.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.publish import folders
from site_builder.build import build
from site_builder.cli import main
from tests.conftest import SiteFactory, notice_text, snapshot

pytestmark = pytest.mark.slow

NOTICES = 300

# Runs `site-builder build` after wrapping one writer step so that it prints PAUSED and waits to be killed there.
HARNESS = r"""
import os, shutil, sys, time
from site_builder import cli
from site_builder.publish import folders, lock, stage

point = sys.argv[1]

def pause():
    print("PAUSED", flush=True)
    time.sleep(120)

if point == "staging":  # half of the files written or linked into the staging folder
    count = [0]
    def counted(step):
        def wrapper(*args):
            result = step(*args)
            count[0] += 1
            if count[0] == 300:
                pause()
            return result
        return wrapper
    stage._write, stage._link = counted(stage._write), counted(stage._link)
elif point in ("before-swap", "after-swap"):
    swap = folders.swap
    def _swap(staging, output):
        if point == "before-swap":
            pause()
        swap(staging, output)
        pause()
    folders.swap = _swap
elif point == "removing-old":  # after the swap, half way through deleting the previous site
    rmtree = shutil.rmtree
    def _rmtree(path, *args, **kwargs):
        if str(path).endswith(".staging/notices"):
            files = sorted(os.listdir(path))
            for name in files[: len(files) // 2]:
                os.unlink(os.path.join(path, name))
            pause()
        rmtree(path, *args, **kwargs)
    shutil.rmtree = _rmtree
elif point == "fallback-swap":  # no renameat2: killed between the two renames
    folders._exchange = lambda a, b: False
    rename = os.rename
    def _rename(src, dst):
        rename(src, dst)
        if str(dst).endswith(".old"):
            pause()
    os.rename = _rename
elif point == "search":  # while the Pagefind indexer runs on the staging folder, started as the product starts it
    import subprocess
    class _Popen(subprocess.Popen):
        def __init__(self, command, *args, **kwargs):
            super().__init__(command, *args, **kwargs)
            if "pagefind" in os.path.basename(str(command[0])):
                print("PAUSED", flush=True)
                self.wait()
                pause()
    subprocess.Popen = _Popen
elif point == "locked":  # holding the build lock
    enter = lock.BuildLock.__enter__
    def __enter__(self):
        held = enter(self)
        pause()
        return held
    lock.BuildLock.__enter__ = __enter__

sys.exit(cli.main(sys.argv[2:]))
"""


def write_version(site: SiteFactory, version: str) -> None:
    """Two versions of a 300-notice site: B changes a third of the notices, drops some and adds others."""
    notices = site.root / "content/notices"
    shutil.rmtree(notices)
    notices.mkdir()
    numbers = range(1, NOTICES + 1) if version == "A" else range(21, NOTICES + 21)
    for n in numbers:
        changed = version == "B" and n % 3 == 0
        body = f"## 一、总则\n\n第{n}号文件的正文{'（修订）' if changed else ''}。\n\n## 二、附则\n\n本通知自发布之日起施行。"
        site.write(f"{n}.md", notice_text(doc_number=f"郑政〔2016〕{n}号", title=f"关于第{n}项工作的通知",
                                          date=f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}", body=body))


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """The exact bytes of site A and site B, built without interruption into folders of their own."""
    site = SiteFactory(tmp_path_factory.mktemp("crash") / "site")
    expected = {}
    for version in ("A", "B"):
        write_version(site, version)
        build(site.root, output=site.root / f"expected-{version}", search=False)
        expected[version] = snapshot(site.root / f"expected-{version}")
    assert expected["A"] != expected["B"]
    return site, expected


REPO = Path(__file__).resolve().parents[1]


def start_build(site: SiteFactory, point: str | None = None, search: bool = False) -> subprocess.Popen:
    args = ["build", "--root", str(site.root)] + ([] if search else ["--no-search"])
    command = [sys.executable, "-c", HARNESS, point, *args] if point else [sys.executable, "-m", "site_builder", *args]
    # From the repository root: the child imports this checkout's package, whatever folder a test left us in.
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def wait_for_pause(child: subprocess.Popen) -> None:
    line = child.stdout.readline()
    assert line == "PAUSED\n", (line, child.stderr.read() if child.poll() is not None else "")


def kill(child: subprocess.Popen, site: SiteFactory | None = None) -> None:
    """SIGKILL the build; then no process of it may be left (forked workers, indexers), or it would hold the lock."""
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    child.stderr.close()
    if site is not None:
        for _ in range(100):
            if not processes_using(site.root):
                return
            time.sleep(0.02)
        assert processes_using(site.root) == [], "the killed build left processes behind"


def finish_build(site: SiteFactory) -> None:
    done = subprocess.run([sys.executable, "-m", "site_builder", "build", "--root", str(site.root), "--no-search"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def published_as(site: SiteFactory, version: str, expected: dict) -> None:
    write_version(site, version)
    finish_build(site)
    assert snapshot(site.public) == expected[version]


def which(site: SiteFactory, expected: dict) -> str:
    now = snapshot(site.public)
    matches = [version for version, files in expected.items() if files == now]
    assert matches, f"public/ is neither site: {len(now)} files"
    return matches[0]


def test_killed_at_spread_out_moments_public_is_the_old_or_the_new_site(versions):
    site, expected = versions
    published_as(site, "A", expected)
    write_version(site, "B")
    started = time.perf_counter()
    finish_build(site)  # how long a build that publishes a change takes, start to end
    duration = time.perf_counter() - started
    outcomes = []
    for i in range(16):  # eight kills at least; more, later ones, while a busy machine kept all before the swap
        if i >= 8 and set(outcomes) == {"A", "B"}:
            break
        old = which(site, expected)
        new = "B" if old == "A" else "A"
        write_version(site, new)
        child = start_build(site)
        time.sleep(duration * (0.35 + 0.1 * i))  # from mid-parse to past the end
        kill(child, site)
        outcomes.append(which(site, expected))
        finish_build(site)  # the next build recovers and publishes the new site
        assert which(site, expected) == new
        assert not folders.state_paths(site.public)[0].exists()
    assert set(outcomes) == {"A", "B"}, outcomes  # kills landed both before and after the swap


@pytest.mark.parametrize("point, after_kill", [
    ("staging", "old"), ("before-swap", "old"), ("after-swap", "new"), ("removing-old", "new"),
])
def test_killed_at_each_step_of_the_publish(versions, point, after_kill):
    site, expected = versions
    published_as(site, "A", expected)
    write_version(site, "B")
    child = start_build(site, point)
    wait_for_pause(child)
    kill(child, site)
    assert which(site, expected) == {"old": "A", "new": "B"}[after_kill]
    finish_build(site)
    assert which(site, expected) == "B"
    assert not folders.state_paths(site.public)[0].exists()


def test_killed_between_the_two_renames_of_the_fallback_swap(versions):
    # Without renameat2 the swap takes two renames; a kill between them leaves the old site beside public/,
    # and the next build puts it back before anything else.
    site, expected = versions
    published_as(site, "A", expected)
    write_version(site, "B")
    child = start_build(site, "fallback-swap")
    wait_for_pause(child)
    kill(child, site)
    old_site = folders.state_paths(site.public)[1]
    assert not site.public.exists() and snapshot(old_site) == expected["A"]
    folders.recover(site.public)
    assert which(site, expected) == "A"
    finish_build(site)
    assert which(site, expected) == "B"


def test_killed_while_the_search_indexer_runs(versions):
    site, expected = versions
    published_as(site, "A", expected)
    write_version(site, "B")
    child = start_build(site, "search", search=True)
    wait_for_pause(child)
    staging = folders.state_paths(site.public)[0]
    assert pagefind_processes(staging) != []  # the indexer is at work in the staging folder …
    kill(child)
    assert which(site, expected) == "A"
    time.sleep(0.5)
    # … and died with the build: nothing goes on writing into the staging folder or the next build.
    assert pagefind_processes(staging) == []
    finish_build(site)
    assert which(site, expected) == "B"


def pagefind_processes(site: Path) -> list[int]:
    return processes_using(site, b"pagefind")


def processes_using(folder: Path, program: bytes = b"") -> list[int]:
    """Live processes (zombies have no command line) with an argument inside folder."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if program in command[0] and any(part.startswith(os.fsencode(folder)) for part in command):
            found.append(int(pid))
    return found


def test_a_second_build_is_refused_while_one_runs(versions, capsys):
    site, expected = versions
    published_as(site, "A", expected)
    write_version(site, "B")
    child = start_build(site, "locked")
    wait_for_pause(child)
    try:
        capsys.readouterr()
        assert main(["build", "--root", str(site.root), "--no-search"]) == 1
        lock = folders.state_paths(site.public)[2]
        assert capsys.readouterr().err.splitlines() == [
            f"{lock}:1: E402 another build of this site is running (pid {child.pid}) (wait for it to finish, or stop it)",
            "build failed: 1 error(s); the published site was not changed"]
        assert which(site, expected) == "A"
    finally:
        kill(child)
    finish_build(site)  # the kernel released the dead build's lock
    assert which(site, expected) == "B"
