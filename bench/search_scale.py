"""Search indexing at scale: full index time and peak memory, sharded by year against one single index.

    .venv/bin/python bench/search_scale.py [--sizes 27,1000,10000] [--no-single]

For each size (27 = the embedded site; other sizes come from bench/generate.py, kept in bench/out/):
  sharded  — the search phase of a first build: one Pagefind run per shard, two at a time when they fit;
  one edit — the search phase of the next build after one notice changed: only its shard is indexed again;
  single   — one Pagefind run over the whole built site (Pagefind's own way; the comparison).
Peak memory is the largest sum of the resident sets of the Pagefind processes running at once, sampled every
50 ms from /proc.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

from site_builder import search  # noqa: E402
from site_builder.build import build  # noqa: E402

OUT = BENCH / "out"


class PeakRSS:
    """The peak of the summed resident memory of this process's children (the Pagefind runs)."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self):
        me = os.getpid()
        while not self._stop.wait(0.05):
            total = 0
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
                if int(fields.get("PPid", "0")) == me and "VmRSS" in fields:
                    total += int(fields["VmRSS"].split()[0]) * 1024
            self.peak = max(self.peak, total)


def site_root(n: int) -> Path:
    if n == 27:
        return REPO
    dest = OUT / f"corpus-{n}"
    if not (dest / "bench-manifest.json").exists():
        subprocess.run([sys.executable, str(BENCH / "generate.py"), str(n), str(dest)], check=True)
    return dest


def measure(n: int, single: bool) -> dict:
    root = site_root(n)
    with tempfile.TemporaryDirectory(prefix=f"search-scale-{n}-", dir=OUT) as folder:
        work = Path(folder)
        site = work / "site"
        site.mkdir()
        shutil.copy(root / "site.toml", site / "site.toml")
        for name in ("templates", "theme", "content"):
            shutil.copytree(root / name, site / name)
        public = work / "public"
        with PeakRSS() as rss:
            full = build(site, output=public)  # a first build indexes every shard
        shards = json.loads((public / search.MANIFEST).read_text("utf-8"))["shards"]
        figures = {"notices": full.notices, "shards": len(shards),
                   "largest_shard": max(shard["pages"] for shard in shards.values()),
                   "sharded_s": full.timings["search"], "sharded_peak_mb": rss.peak / 2**20,
                   "index_mb": sum(f.stat().st_size for f in (public / "pagefind").rglob("*") if f.is_file()) / 2**20}
        notice = sorted((site / "content" / "notices").glob("*.md"))[-1]
        notice.write_text(notice.read_text("utf-8") + "\n补充一段用于基准测试的文字。\n", "utf-8")
        with PeakRSS() as rss:
            edit = build(site, output=public)  # only the edited notice's shard is indexed again
        figures.update(edit_search_s=edit.timings.get("search", 0.0), edit_peak_mb=rss.peak / 2**20)
        if single:
            with PeakRSS() as rss:
                started = time.perf_counter()
                command = search.index_command(search.pagefind_binary(), public, work / "single")
                subprocess.run(command, check=True, capture_output=True)
                figures["single_s"] = time.perf_counter() - started
            figures["single_peak_mb"] = rss.peak / 2**20
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="27,1000,10000")
    parser.add_argument("--no-single", action="store_true", help="skip the single-index comparison")
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    rows = []
    for n in [int(size) for size in args.sizes.split(",")]:
        print(f"measuring {n:,} notices …", flush=True)
        rows.append(measure(n, not args.no_single))
        print(json.dumps(rows[-1], indent=1), flush=True)
    print("\n| notices | shards (largest) | full index, sharded | peak memory | one edit: index | peak memory "
          "| one index (Pagefind's way) | peak memory | bundles |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f in rows:
        single = f"{f['single_s']:.1f} s | {f['single_peak_mb']:.0f} MB" if "single_s" in f else "— | —"
        print(f"| {f['notices']:,} | {f['shards']} ({f['largest_shard']:,}) | {f['sharded_s']:.1f} s "
              f"| {f['sharded_peak_mb']:.0f} MB | {f['edit_search_s']:.1f} s | {f['edit_peak_mb']:.0f} MB | {single} "
              f"| {f['index_mb']:.1f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
