"""The benchmark of issue 8, in one command.

    .venv/bin/python bench/run.py [--sizes 1000,10000,100000] [--skip-hugo] [--baseline] [--json out.json]

For each size: generate the corpus (reused when unchanged), time Hugo and Pagefind on it, run our build's
scenarios, then print a Markdown table with ratios and the machine. Raw figures go to bench/out/results-N.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import hugo_corpus  # noqa: E402
import peers  # noqa: E402
import report  # noqa: E402
from material import GAZETTE  # noqa: E402
import measure  # noqa: E402
from measure import machine, wait_until_quiet  # noqa: E402
import ours  # noqa: E402
import serve_latency  # noqa: E402

OUT = BENCH / "out"
STAMP = ".bench-stamp"


def _stamp(n: int, seed: int) -> str:
    """Changes whenever the corpus for (n, seed) would: the generator's code or the gazette it reads."""
    digest = hashlib.sha256(f"{n}:{seed}".encode())
    for path in (BENCH / "generate.py", BENCH / "material.py", GAZETTE):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _fresh(path: Path, stamp: str) -> bool:
    return (path / STAMP).exists() and (path / STAMP).read_text() == stamp


def prepare_corpus(n: int, seed: int, force: bool) -> tuple[Path, dict]:
    dest, stamp = OUT / f"corpus-{n}", _stamp(n, seed)
    if not force and _fresh(dest, stamp):
        manifest = json.loads((dest / generate.MANIFEST).read_text(encoding="utf-8"))
        return dest, dict(manifest, reused=True)
    (dest / STAMP).unlink(missing_ok=True)
    print(f"  generating {n:,} notices …", flush=True)
    manifest = generate.generate(n, dest, seed=seed, hold_back=True, jobs=2)
    (dest / STAMP).write_text(stamp)
    return dest, dict(manifest, reused=False)


QUIET = {"max_wait": 0.0}  # set from --wait-quiet


def _quietly(measure_once):
    """Run one measurement, first waiting for the machine to go quiet when --wait-quiet asks for it."""
    if QUIET["max_wait"]:
        wait_until_quiet(QUIET["max_wait"])
    return measure_once()


def _best_of(times: int, measure_once) -> dict:
    """The fastest of several runs (the one least disturbed by other work), with every run's wall time."""
    runs = [_quietly(measure_once) for _ in range(max(1, times))]
    best = min(runs, key=lambda result: (not result.ok, result.wall_s))
    return dict(best.as_dict(), runs_wall_s=[result.wall_s for result in runs])


def run_peers(n: int, corpus: Path, stamp: str, baseline: bool, skip_pagefind: bool, keep: bool,
              repeat: int = 1) -> dict:
    hugo_root = OUT / f"hugo-{n}"
    stamp += hashlib.sha256((BENCH / "hugo_corpus.py").read_bytes()).hexdigest()[:16]
    if _fresh(hugo_root, stamp):
        conversion = json.loads((hugo_root / (STAMP + ".json")).read_text())
        hugo_corpus.install_skeleton(hugo_root)  # layouts may have changed; the content has not
    else:
        print("  converting the corpus for Hugo …", flush=True)
        conversion = hugo_corpus.convert(corpus, hugo_root)
        (hugo_root / (STAMP + ".json")).write_text(json.dumps(conversion))
        (hugo_root / STAMP).write_text(stamp)
    results = {"conversion": conversion}
    work = Path(tempfile.mkdtemp(prefix=f"peers-{n}-", dir=OUT))
    try:
        print("  Hugo …", flush=True)
        hugo = _best_of(repeat, lambda: peers.hugo_build(hugo_root, work / "public", work / "hugo-cache"))
        results["hugo"] = dict(hugo, pages=peers.hugo_pages(hugo["stdout"]))
        if hugo["returncode"] == 0 and not skip_pagefind:
            print("  Pagefind on Hugo's output …", flush=True)
            pagefind = _best_of(repeat, lambda: peers.pagefind_index(work / "public"))
            results["pagefind"] = dict(pagefind, pages=peers.pagefind_pages(pagefind["stdout"]))
        if baseline:
            print("  baseline loop …", flush=True)
            results["baseline"] = _best_of(repeat, lambda: peers.baseline_build(corpus, work / "baseline"))
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    for name, result in results.items():
        if result.get("returncode", 0) != 0:
            print(f"  {name} failed (exit {result['returncode']}): {result['stderr'][-500:]}", file=sys.stderr)
    return results


def bench_size(n: int, args: argparse.Namespace) -> dict:
    print(f"N = {n:,}", flush=True)
    corpus, manifest = prepare_corpus(n, args.seed, args.regenerate)
    size = {"n": n, "corpus": manifest, "peers": {}, "ours": {}}
    if not args.skip_hugo:
        size["peers"] = run_peers(n, corpus, (corpus / STAMP).read_text(), args.baseline, args.skip_pagefind,
                                  args.keep, args.repeat)
    if not args.skip_ours:
        print("  our build …", flush=True)
        out = OUT / f"ours-public-{n}"
        (corpus / STAMP).rename(corpus / (STAMP + ".busy"))  # a run killed mid-edit leaves the corpus stale
        try:
            size["ours"] = ours.scenarios(corpus, out, manifest)
        finally:
            (corpus / (STAMP + ".busy")).rename(corpus / STAMP)
            if not args.keep:
                shutil.rmtree(out, ignore_errors=True)
        first = next(iter(size["ours"].values()), {})
        if first.get("status") != "ok":
            print(f"  our build: {first.get('status')}: {first.get('note')}", flush=True)
    if args.serve:
        print("  our preview (serve) …", flush=True)
        size["serve"] = serve_latency.latency(corpus, edits=SERVE_EDITS)
    size["ratios"] = report.ratios(size)
    return size


SERVE_EDITS = 3  # title edits the preview is timed over (each waits for the whole site to be current)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated notice counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-hugo", action="store_true", help="do not run Hugo and Pagefind")
    parser.add_argument("--skip-pagefind", action="store_true", help="run Hugo but not Pagefind")
    parser.add_argument("--skip-ours", action="store_true", help="only the corpus and the peers")
    parser.add_argument("--baseline", action="store_true", help="also time the plain markdown-it-py + Jinja2 loop")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each peer this many times and keep the fastest (default 1)")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                        help="before each measured run, wait up to this long for other processes to leave the CPUs idle")
    parser.add_argument("--memory-limit-mb", type=float, default=None,
                        help="kill a measured run whose process tree passes this (default: 60%% of available memory)")
    parser.add_argument("--serve", action="store_true",
                        help="also time the preview: a title edited in `serve`, to its page, search and lists")
    parser.add_argument("--regenerate", action="store_true", help="regenerate corpora even if unchanged")
    parser.add_argument("--keep", action="store_true", help="keep the built sites under bench/out/")
    parser.add_argument("--json", type=Path, help="also write all results to this file")
    args = parser.parse_args(argv)
    sizes_wanted = [int(part.replace("_", "")) for part in args.sizes.split(",") if part]
    QUIET["max_wait"] = args.wait_quiet
    measure.DEFAULT_LIMIT_MB = args.memory_limit_mb
    if args.wait_quiet:
        ours.BEFORE_EACH_RUN = lambda: wait_until_quiet(args.wait_quiet)

    OUT.mkdir(exist_ok=True)
    when = time.strftime("%Y-%m-%d %H:%M")
    info = {"machine": machine(), "versions": peers.versions(), "when": when}
    sizes = {}
    for n in sizes_wanted:
        sizes[n] = bench_size(n, args)
        (OUT / f"results-{n}.json").write_text(
            json.dumps(dict(info, **sizes[n]), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    text = report.markdown(sizes, info["machine"], info["versions"], when)
    print()
    print(text)
    (OUT / "report.md").write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(dict(info, sizes={str(n): s for n, s in sizes.items()},
                                             checks=report.checks(sizes)), ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
