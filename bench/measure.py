"""Run a command and measure it: wall time, and peak memory two ways.

- `peak_rss_mb`: the sum of resident memory over the whole process tree, sampled every 50 ms. This is what a
  multi-process build costs the machine (workers each hold their own copy); it can miss a spike shorter than the
  interval, and it double-counts pages that forked workers share, so it errs on the high side.
- `peak_pss_mb`: the sum of proportional set sizes over the tree (/proc/PID/smaps_rollup), sampled every
  0.25 s: a page shared by a parent and its forked workers is counted once, split between them. What the build
  takes from the machine's memory; the figure the 4 GB target is read against (RSS is shown beside it).
- `max_rss_mb`: the kernel's high-water mark for the largest single process in the tree (`wait4` rusage). Exact,
  but blind to processes running side by side.

Each command is waited for with `os.wait4` on its own pid, so its figures never mix with earlier children's (as
`getrusage(RUSAGE_CHILDREN)` would).
"""

from __future__ import annotations

import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024
DEFAULT_LIMIT_MB: float | None = None  # None: 60% of the memory available when a run starts


@dataclass
class Run:
    command: list[str]
    wall_s: float
    peak_rss_mb: float
    peak_pss_mb: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    cpu_s: float = 0.0  # user + system time of the command's process tree
    # CPU time that other processes on the machine used during the run, as a share of all cores' time: near 0 on
    # a quiet machine; the figures of a run with a high share are not comparable.
    others_cpu_share: float = 0.0
    killed_at_mb: float | None = None  # set when the run was stopped for passing the memory limit

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def as_dict(self, tail: int = 4000) -> dict:
        data = asdict(self)
        data["stdout"], data["stderr"] = self.stdout[-tail:], self.stderr[-tail:]
        return data


_TICK = os.sysconf("SC_CLK_TCK")


def _busy_seconds() -> float:
    """CPU time all cores have spent not idle since boot."""
    with open("/proc/stat") as handle:
        fields = [int(value) for value in handle.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / _TICK  # total minus idle and iowait; guest is in user


def busy_share(window: float = 3.0) -> float:
    """Share of all cores' time the machine spent busy over the next window seconds."""
    before = _busy_seconds()
    time.sleep(window)
    return (_busy_seconds() - before) / (window * (os.cpu_count() or 1))


def wait_until_quiet(max_wait: float, threshold: float = 0.1) -> float:
    """On a shared machine, wait (up to max_wait seconds) until others leave the CPUs nearly idle."""
    deadline = time.monotonic() + max_wait
    share = busy_share()
    while share > threshold and time.monotonic() < deadline:
        share = busy_share()
    return round(share, 2)


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return found


def tree_rss(pid: int) -> int:
    """Resident bytes of pid and all its descendants right now."""
    total = 0
    for current in tree(pid):
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * _PAGE
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def tree_pss(pid: int) -> int:
    """Proportional resident bytes of pid and all its descendants right now (shared pages split, not repeated)."""
    total = 0
    for current in tree(pid):
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        found.append(pending.pop())
        pending += _children(found[-1])
    return found


def available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _Sampler(threading.Thread):
    """Samples the tree's memory; kills the tree if it passes limit, before the kernel's OOM killer picks a victim."""

    def __init__(self, pid: int, interval: float, limit: int | None) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.limit, self.peak, self.killed = pid, interval, limit, 0, False
        self.peak_pss, self.pss_every = 0, max(1, round(0.25 / interval))  # smaps_rollup walks page tables
        self.done = threading.Event()

    def run(self) -> None:
        samples = 0
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            if samples % self.pss_every == 0:
                self.peak_pss = max(self.peak_pss, tree_pss(self.pid))
            samples += 1
            if self.limit and self.peak > self.limit:
                self.killed = True
                for pid in reversed(tree(self.pid)):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                return
            self.done.wait(self.interval)


def run(command: list[str | Path], cwd: Path | None = None, env: dict | None = None,
        interval: float = 0.05, limit_mb: float | None = None) -> Run:
    """Run command to completion. limit_mb: kill it if its tree passes this (default: 60% of available memory)."""
    command = [str(part) for part in command]
    limit_mb = limit_mb or DEFAULT_LIMIT_MB or 0.6 * available_mb()
    busy_before = _busy_seconds()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        sampler = _Sampler(process.pid, interval, int(limit_mb * MB) if limit_mb else None)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    max_rss = usage.ru_maxrss * 1024  # kilobytes on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        command=command,
        wall_s=round(wall, 3),
        peak_rss_mb=round(max(sampler.peak, max_rss) / MB, 1),
        peak_pss_mb=round(sampler.peak_pss / MB, 1),
        max_rss_mb=round(max_rss / MB, 1),
        returncode=process.returncode,
        stdout=stdout,
        stderr=stderr,
        cpu_s=round(cpu, 2),
        killed_at_mb=round(sampler.peak / MB) if sampler.killed else None,
        others_cpu_share=round(max(0.0, _busy_seconds() - busy_before - cpu) / (wall * (os.cpu_count() or 1)), 2),
    )


def machine() -> dict:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "ram_gb": round(memory / 1024**3, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "executable": sys.executable,
    }
