"""Preview latency: from saving a notice to the preview serving the new page, its lists, and a current site.

    python bench/serve_latency.py [--root .] [--copies N] [--edits 5] [--no-search]
    (bench/run.py --serve runs it on each generated corpus, with 3 edits, and reports it with the rest)

Works on a temporary copy of the site (content/, templates/, theme/, site.toml), optionally with every notice
copied N times under new 文号 to see how the latency grows with the site. Prints the first build time and the
median and worst time from the save to: the edited page served (shown at once from the last build's library),
the search finding the new title (the preview's search overlay, or the published index once current), the notice
list showing it (the build published), and the preview current (search index included).
The preview is `site-builder serve` in its own process, watched over HTTP as a browser would (its pages and
its live-reload status), so that looking costs the build nothing.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from site_builder.load.notice import parse_notice  # noqa: E402


def copy_site(source: Path, target: Path, copies: int) -> Path:
    """The site under target, with each notice also copied `copies` times under 文号 numbers from 1000 up; returns
    the newest notice (the one the first page of the notice list shows, the list being newest first)."""
    for name in ("templates", "theme", "content"):
        shutil.copytree(source / name, target / name)
    shutil.copy(source / "site.toml", target / "site.toml")
    notices = sorted((target / "content" / "notices").glob("*.md"))
    number = 1000
    for copy in range(copies):
        for file in notices:
            text = file.read_text("utf-8")
            number += 1
            text = re.sub(r"^(doc_number: .*〕)\d+号$", rf"\g<1>{number}号", text, count=1, flags=re.M)
            (file.parent / f"copy{copy}-{file.name}").write_text(text, "utf-8")
    return max(notices, key=lambda file: (_date(file), file.name))


def _date(file: Path) -> str:
    found = re.search(r"^date: *['\"]?(\d{4}-\d{2}-\d{2})", file.read_text("utf-8"), re.M)
    return found[1] if found else ""


def get(port: int, path: str) -> str:
    return get_bytes(port, path).decode("utf-8", "replace")


def get_bytes(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    body = connection.getresponse().read()
    connection.close()
    return body


def wait_for(check, timeout: float = 600, what: str = "the first build") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(POLL)


POLL = 0.02  # seconds between two looks; the preview runs in its own process, so looking costs it nothing


def latency(source: Path, copies: int = 0, edits: int = 5, search: bool = True) -> dict:
    """The preview of a copy of the site at source, timed over `edits` title edits: {"notices", "search",
    "first_s", and per stage ("page", "search", "list", "current") the seconds from each save}."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "site"
        notice_file = copy_site(source.resolve(), root, copies)
        notice, _ = parse_notice("x.md", notice_file.read_bytes())
        count = len(list((root / "content" / "notices").glob("*.md")))
        command = [sys.executable, "-m", "site_builder", "serve", "--root", str(root), "--port", "0"]
        started = time.perf_counter()
        process = subprocess.Popen(command + ([] if search else ["--no-search"]), cwd=REPO,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                   start_new_session=True)
        try:
            port = int(re.search(r"127\.0\.0\.1:(\d+)", process.stdout.readline())[1])
            threading.Thread(target=process.stdout.read, daemon=True).start()  # drain its log
            first, latencies = _measure(port, notice_file, notice, edits, started)
        finally:
            os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in a terminal: the preview and its Pagefind
            process.wait(120)
    return {"notices": count, "search": search, "first_s": round(first, 2),
            **{name: [round(value, 3) for value in values] for name, values in latencies.items()}}


def summary(found: dict) -> str:
    shown = "; ".join(f"{name} median {statistics.median(found[name]):.2f} s, worst {max(found[name]):.2f} s"
                      for name in STAGES)
    return (f"{found['notices']} notices, {'with' if found['search'] else 'without'} search: first build "
            f"{found['first_s']:.2f} s; save → {shown} over {len(found['page'])} edits")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--copies", type=int, default=0)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--no-search", action="store_true")
    args = parser.parse_args(argv)
    print(summary(latency(args.root, args.copies, args.edits, not args.no_search)))


STAGES = ("page", "search", "list", "current")


def _measure(port: int, notice_file: Path, notice, edits: int, started: float):
    """The first build's time, then each edit's latencies (page, list, current)."""
    wait_for(lambda: _current(port, 0), timeout=3600)  # a cold build of 10,000 with search
    first = time.perf_counter() - started
    latencies: dict[str, list[float]] = {name: [] for name in STAGES}
    original = notice_file.read_text("utf-8")
    for edit in range(edits):
        title = f"{notice.title}（第{edit + 1}次修改）"
        epoch = _status(port)["epoch"]
        saved = time.perf_counter()
        notice_file.write_text(original.replace(f"title: {notice.title}", f"title: {title}", 1), "utf-8")
        for name, check in (("page", lambda: title in get(port, "/" + notice.url)),
                            ("search", lambda: _overlay_finds(port, title) or _current(port, epoch)),
                            ("list", lambda: title in get(port, "/notices/index.html")),
                            ("current", lambda: _current(port, epoch))):
            wait_for(check, what=f"{name} after edit {edit + 1}")
            latencies[name].append(time.perf_counter() - saved)
        time.sleep(0.3)  # let the state settle, as an editor between two saves would
    return first, latencies


def _status(port: int) -> dict:
    """The preview's state, as its pages poll it (an epoch it does not have answers at once)."""
    return json.loads(get(port, "/__livereload?epoch=-1&revision=-1"))


def _overlay_finds(port: int, title: str) -> bool:
    """Does the search page get an overlay (site_builder/serve/search_overlay.py) whose pages hold the title?"""
    found = re.search(r"window\.siteBuilderSearchOverlay = (\{.*?\});</script>", get(port, "/search/index.html"))
    for page in json.loads(found[1])["pages"] if found else ():
        fragment = gzip.decompress(get_bytes(port, f"/pagefind/_preview/fragment/{page}.pf_fragment"))
        if title in fragment.decode("utf-8", "replace").replace("\u200b", ""):
            return True
    return False


def _current(port: int, since: int) -> bool:
    status = _status(port)
    return status["epoch"] > since and not status["errors"] and not status["note"]


if __name__ == "__main__":
    main()
