"""Where our build's CPU goes, per phase and per function: cProfile over one process (`--jobs 1`, no search).

    .venv/bin/python bench/cpu_profile.py [--size 2000] [--scenario cold,body,title] [--top 25] [--save DIR]

For each scenario it builds a generated corpus (bench/out/corpus-N, reused while unchanged, as bench/run.py does)
in this process under cProfile: "cold" from nothing, "body" after a sentence of one notice's body is replaced,
"title" after that notice's title is lengthened (the benchmark's edits, bench/ours.py). It prints the phases
(`--timings`), the CPU by kind of work (each function's own time, put in the first kind whose rule its file or
name matches: templates, Markdown, pickling, JSON, hashing, file I/O, regular expressions, then our package by
phase folder; a built-in's or library's time goes to the kind of the code that called it) and the functions with the most own time. Pagefind is left out: bench/run.py measures it apart.

cProfile adds its own cost to every Python call (the total is ~1.5 × a plain run); the kinds' shares are what the
profile is for. `--save DIR` keeps each scenario's pstats file.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

import ours  # noqa: E402
from run import prepare_corpus  # noqa: E402

# (kind, what a function's file or name holds), first match wins. Built-ins are named "~" with the function.
KINDS = [
    ("templates (Jinja2, MarkupSafe)", ("/jinja2/", "/markupsafe/", "/templates/", "render/jinja.py")),
    ("Markdown (cmark-gfm and our walk)", ("cmarkgfm", "extract/markdown.py", "extract/cmark.py")),
    ("pickling (cache, workers)", ("_pickle", "pickle.py", "copyreg")),
    ("JSON", ("/json/", "_json")),
    ("hashing", ("_hashlib", "hashlib", "core/keys.py")),
    ("file I/O and processes", ("posix.", "io.open", "_io.", "shutil.py", "pathlib.py", "/os.py", "<frozen os>", "multiprocessing",
                                "method 'acquire'", "select.", "publish/atomic.py", "publish/stage.py",
                                "publish/folders.py", "load/scan.py", "load/files.py")),
    ("regular expressions", ("re.Pattern", "/re/", "sre_")),
    ("our extract/ (facts from each notice)", ("site_builder/extract/",)),
    ("our analyse/ (citations, departments, related)", ("site_builder/analyse/",)),
    ("our render/ (view models)", ("site_builder/render/",)),
    ("our publish/ (render step, cache)", ("site_builder/publish/",)),
    ("our load/, core/, build", ("site_builder/",)),
]
OTHER = "other (Python built-ins, libraries)"


def kind_of(filename: str, name: str) -> str:
    where = f"{filename}:{name}"
    for kind, marks in KINDS:
        if any(mark in where for mark in marks):
            return kind
    return OTHER


def build_profiled(root: Path, out: Path) -> tuple[pstats.Stats, str, float]:
    """One build in this process under cProfile: its stats, its --timings lines and its wall time."""
    from site_builder import cli

    profile, printed = cProfile.Profile(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        profile.enable()
        try:
            code = cli.main(["build", "--root", str(root), "--out", str(out), "--no-search", "--jobs", "1",
                             "--timings"])
        finally:
            profile.disable()
    wall = time.perf_counter() - started
    if code:
        raise SystemExit(f"the build failed (exit {code}):\n{printed.getvalue()}")
    return pstats.Stats(profile), printed.getvalue(), wall


def by_kind(stats: pstats.Stats) -> dict[str, float]:
    """Own time by kind; a built-in or library function's own time goes to the kinds of its callers (str.join
    called by a template is template work), by the time each caller spent in it, up to three callers up."""
    found: dict[str, float] = defaultdict(float)
    for func in stats.stats:
        for kind, seconds in _attributed(stats, func, stats.stats[func][2], depth=3).items():
            found[kind] += seconds
    return dict(found)


def _attributed(stats: pstats.Stats, func: tuple, seconds: float, depth: int) -> dict[str, float]:
    kind = kind_of(func[0], func[2])
    callers = stats.stats[func][4]
    spent = sum(entry[2] for entry in callers.values())
    if kind != OTHER or depth == 0 or not callers or spent <= 0:
        return {kind: seconds}
    out: dict[str, float] = defaultdict(float)
    for caller, entry in callers.items():
        if caller in stats.stats:
            for found, share in _attributed(stats, caller, seconds * entry[2] / spent, depth - 1).items():
                out[found] += share
        else:
            out[OTHER] += seconds * entry[2] / spent
    return out


def top_functions(stats: pstats.Stats, count: int) -> list[tuple[float, int, str]]:
    rows = []
    for (filename, line, name), (_, calls, own, _, _) in stats.stats.items():
        where = name if filename == "~" else f"{_short(filename)}:{line}({name})"
        rows.append((own, calls, where))
    return sorted(rows, reverse=True)[:count]


def _short(filename: str) -> str:
    for mark in ("site_builder/", "site-packages/", "lib/python3"):
        if mark in filename:
            return filename[filename.index(mark):]
    return filename


def report(scenario: str, stats: pstats.Stats, timings: str, wall: float, top: int) -> str:
    total = sum(by_kind(stats).values())
    lines = [f"### {scenario}: {wall:.1f} s under cProfile", "", "```", timings.strip(), "```", "",
             "| kind of work | CPU s (own time) | share |", "|---|---:|---:|"]
    for kind, seconds in sorted(by_kind(stats).items(), key=lambda item: -item[1]):
        lines.append(f"| {kind} | {seconds:.1f} | {seconds / total:.0%} |")
    lines += ["", "| own s | calls | function |", "|---:|---:|---|"]
    lines += [f"| {own:.2f} | {calls:,} | `{where}` |" for own, calls, where in top_functions(stats, top)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=2000, help="notices in the generated corpus")
    parser.add_argument("--scenario", default="cold,body,title", help="comma-separated: cold, body, title")
    parser.add_argument("--top", type=int, default=25, help="functions listed by own time")
    parser.add_argument("--save", type=Path, help="keep each scenario's pstats file in this folder")
    args = parser.parse_args(argv)
    wanted = args.scenario.split(",")
    unknown = set(wanted) - {"cold", "body", "title"}
    if unknown:
        parser.error(f"unknown scenario: {', '.join(sorted(unknown))}")
    corpus, manifest = prepare_corpus(args.size, 0, force=False)
    with tempfile.TemporaryDirectory(prefix="profile-", dir=BENCH / "out") as scratch:
        root, out = Path(scratch) / "site", Path(scratch) / "public"
        # the edits change a copy, never the shared corpus; without its build cache, so "cold" is cold
        shutil.copytree(corpus, root, ignore=shutil.ignore_patterns(".site-builder"))
        target = root / manifest["edit_target"]["file"]
        print(f"## Profile of {args.size:,} notices (`bench/cpu_profile.py --size {args.size}`)\n")
        for scenario in [s for s in ("cold", "body", "title") if s in wanted]:
            if scenario != "cold" and not out.exists():
                build_profiled(root, out)  # an edit is measured against a built site
            edit = {"body": ours.edit_one, "title": ours.edit_title}.get(scenario)
            if edit is not None:
                edit(target)
            stats, timings, wall = build_profiled(root, out)
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                stats.dump_stats(args.save / f"{scenario}-{args.size}.pstats")
            print(report(scenario, stats, timings, wall, args.top), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
