"""Preview latency: from saving a notice to the preview serving the new page, its lists, and a current site.

    python bench/serve_latency.py [--root .] [--copies N] [--edits 5] [--no-search]

Works on a temporary copy of the site (content/, templates/, theme/, site.toml), optionally with every notice
copied N times under new 文号 to see how the latency grows with the site. Prints the first build time and the
median and worst time from the save to: the edited page served (shown at once from the last build's library),
the notice list showing the new title (the build published), and the preview current (search index included).
"""

from __future__ import annotations

import argparse
import http.client
import io
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from site_builder.load.notice import parse_notice  # noqa: E402
from site_builder.serve.preview import Preview  # noqa: E402


def copy_site(source: Path, target: Path, copies: int) -> Path:
    """The site under target, with each notice also copied `copies` times under 文号 numbers from 1000 up."""
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
    return notices[0]


def get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    body = connection.getresponse().read().decode("utf-8", "replace")
    connection.close()
    return body


def wait_for(check, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--copies", type=int, default=0)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--no-search", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "site"
        notice_file = copy_site(args.root.resolve(), root, args.copies)
        notice, _ = parse_notice("x.md", notice_file.read_bytes())
        count = len(list((root / "content" / "notices").glob("*.md")))
        preview = Preview(root, search=not args.no_search, out=io.StringIO(), err=io.StringIO())
        started = time.perf_counter()
        preview.start("127.0.0.1", 0)
        try:
            first, latencies = _measure(preview, notice_file, notice, args.edits, started)
        finally:
            preview.stop()
    search = "without" if args.no_search else "with"
    shown = "; ".join(f"{name} median {statistics.median(values):.2f} s, worst {max(values):.2f} s"
                      for name, values in latencies.items())
    print(f"{count} notices, {search} search: first build {first:.2f} s; save → {shown} over {args.edits} edits")


def _measure(preview: Preview, notice_file: Path, notice, edits: int, started: float):
    """The first build's time, then each edit's latencies (page, list, current)."""
    port = preview.server.server_address[1]
    wait_for(lambda: preview.state.snapshot().epoch >= 1, timeout=3600)  # a cold build of 10,000 with search
    first = time.perf_counter() - started
    latencies: dict[str, list[float]] = {"page": [], "list": [], "current": []}
    original = notice_file.read_text("utf-8")
    for edit in range(edits):
        title = f"{notice.title}（第{edit + 1}次修改）"
        epoch = preview.state.snapshot().epoch
        saved = time.perf_counter()
        notice_file.write_text(original.replace(f"title: {notice.title}", f"title: {title}", 1), "utf-8")
        for name, check in (("page", lambda: title in get(port, "/" + notice.url)),
                            ("list", lambda: title in get(port, "/notices/index.html")),
                            ("current", lambda: _current(preview, epoch))):
            wait_for(check)
            latencies[name].append(time.perf_counter() - saved)
        time.sleep(0.3)  # let the state settle, as an editor between two saves would
    return first, latencies


def _current(preview: Preview, since: int) -> bool:
    status = preview.state.snapshot()
    return status.epoch > since and not status.errors and not status.note


if __name__ == "__main__":
    main()
