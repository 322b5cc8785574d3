"""Search indexing at scale: full index time and peak memory, sharded by year against one single index.

    .venv/bin/python bench/search_scale.py [--sizes 27,1000,10000] [--jobs 2] [--no-single]

For each size (27 = the embedded site; other sizes come from bench/generate.py, kept in bench/out/): build the
site without search, then time
  sharded  — site_builder.search.index_site: one Pagefind run per year, `--jobs` at a time (what a build does);
  single   — one Pagefind run over the whole site (Pagefind's own way; the comparison);
  one edit — a build after one notice changed: only its year is indexed again (the search phase of that build).
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


def measure(n: int, jobs: int, single: bool) -> dict:
    root = site_root(n)
    with tempfile.TemporaryDirectory(prefix=f"search-scale-{n}-", dir=OUT) as folder:
        work = Path(folder)
        site = work / "site"
        site.mkdir()
        shutil.copy(root / "site.toml", site / "site.toml")
        for name in ("templates", "theme", "content"):
            shutil.copytree(root / name, site / name, symlinks=False)
        public = work / "public"
        build(site, output=public, search=False)  # the pages, as a build stages them
        plan = _plan(public)
        (public / search.MANIFEST).parent.mkdir(exist_ok=True)
        (public / search.MANIFEST).write_bytes(
            search.plan_manifest(plan, {p: (public / p).read_bytes() for ps in plan.values() for p in ps}))
        figures = {"notices": sum(len(p) for p in plan.values()), "shards": len(plan),
                   "largest_shard": max(len(p) for p in plan.values())}
        with PeakRSS() as rss:
            started = time.perf_counter()
            search.index_site(public, plan, None, jobs=jobs)
            figures["sharded_s"] = time.perf_counter() - started
        figures["sharded_peak_mb"] = rss.peak / 2**20
        if single:
            with PeakRSS() as rss:
                started = time.perf_counter()
                command = search.index_command(search.pagefind_binary(), public, work / "single")
                subprocess.run(command, check=True, capture_output=True)
                figures["single_s"] = time.perf_counter() - started
            figures["single_peak_mb"] = rss.peak / 2**20
        figures["index_mb"] = sum(f.stat().st_size for f in (public / "pagefind").rglob("*") if f.is_file()) / 2**20
        figures.update(_one_edit(site, work / "published", jobs))
    return figures


def _one_edit(site: Path, output: Path, jobs: int) -> dict:
    build(site, output=output)
    notice = sorted((site / "content" / "notices").glob("*.md"))[-1]
    notice.write_text(notice.read_text("utf-8") + "\n补充一段用于基准测试的文字。\n", "utf-8")
    with PeakRSS() as rss:
        result = build(site, output=output)
    return {"edit_search_s": result.timings.get("search", 0.0), "edit_total_s": result.timings["total"],
            "edit_peak_mb": rss.peak / 2**20}


def _plan(public: Path) -> dict[str, list[str]]:
    """Shard → pages, read back from the built pages' sort key (the 成文日期), as views.search.search_plan makes it."""
    plan: dict[str, list[str]] = {}
    for page in sorted((public / "notices").glob("*-*-*.html")):
        html = page.read_text("utf-8")
        key = '<span data-pagefind-sort="date">'
        year = html[html.index(key) + len(key):][:4]
        plan.setdefault(year, []).append(f"notices/{page.name}")
    return plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="27,1000,10000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-single", action="store_true", help="skip the single-index comparison")
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        print(f"measuring {n:,} notices …", flush=True)
        figures = measure(n, args.jobs, not args.no_single)
        rows.append(figures)
        print(json.dumps(figures, indent=1), flush=True)
    print("\n| notices | shards (largest) | sharded index | peak memory | single index | peak memory | index size "
          "| one edit: search phase |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f in rows:
        single = (f"{f['single_s']:.1f} s | {f['single_peak_mb']:.0f} MB" if "single_s" in f else "— | —")
        print(f"| {f['notices']:,} | {f['shards']} ({f['largest_shard']:,}) | {f['sharded_s']:.1f} s | "
              f"{f['sharded_peak_mb']:.0f} MB | {single} | {f['index_mb']:.1f} MB | {f['edit_search_s']:.1f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
