"""Pagefind indexing of the staged site, with the extended binary (it segments Chinese), one index per shard.

Notices are sharded by 成文日期 (a year, or runs of months in a big year: views.search.search_plan) into
pagefind/<shard>/, each a complete Pagefind bundle that the search page merges in the browser. A shard is indexed
by one CLI run over a folder of hard links to its pages only (the Python API costs ~0.1 s a call; a glob cannot
select by 成文日期), so memory is bounded by the largest shard; shards run two at a time when two fit the
memory budget. pagefind/shards.json, an ordinary output of the build, records a digest of each shard's pages: a
shard whose digest did not change is carried over from the published site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.core.procs import die_with_parent
from site_builder.search.bundle import canonical_bundle

INDEX_FORMAT = 3  # bump when what we hand Pagefind changes meaning: every shard is then indexed again
MANIFEST = "pagefind/shards.json"
BUNDLES = "pagefind"
# Pages indexed at once, over all parallel runs: Pagefind needs ~1.6 MB a notice page here (with the token
# fields; measured at 1,000 and 3,000 generated notices), so ~3.2 GB: under the 4 GB the site must build in.
PAGES_AT_ONCE = 2000
RELEASE_ABOVE = 1000  # pages to index: below, the memory the build could free is not worth a full collection
EARLY_PAGES = 1000  # the largest shard indexed while the site renders (~1.6 GB beside the render's memory)


@dataclass(frozen=True)
class IndexReport:
    indexed: tuple[str, ...]  # shards indexed by this run
    reused: tuple[str, ...]  # shards carried over from the published site

    def __str__(self) -> str:
        return f"{len(self.indexed)} shard(s) indexed, {len(self.reused)} unchanged"


def pagefind_binary() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise BuildError([Diagnostic("pagefind", 1, "E501", "the extended Pagefind binary is not installed",
                                     "pip install 'pagefind[extended]', or build with --no-search")]) from None
    return get_executable()


def pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin_extended")
    except metadata.PackageNotFoundError:
        return "missing"


def plan_manifest(plan: Mapping[str, Iterable[str]], digests: Mapping[str, str]) -> bytes:
    """pagefind/shards.json: per shard, its page count and a digest of its pages' paths and search keys. Pure.

    digests: page → a digest of what Pagefind reads from it (rendering.search_keys); a shard is indexed again
    when one of its pages' digests changes."""
    shards = {}
    for shard, paths in sorted(plan.items()):
        digest = hashlib.sha256(f"{INDEX_FORMAT}\0{pagefind_version()}\0".encode())
        count = 0
        for path in sorted(paths):
            digest.update(path.encode() + b"\0" + digests[path].encode() + b"\0")
            count += 1
        shards[shard] = {"digest": digest.hexdigest(), "pages": count}
    return (json.dumps({"format": INDEX_FORMAT, "shards": shards}, sort_keys=True, indent=1) + "\n").encode()


def stale_manifest(plan: Mapping[str, Iterable[str]], manifest: bytes, published: Path) -> bytes:
    """The manifest of a site published before its index is brought up to date (the preview's first publish):
    a shard whose published bundle is carried as it is keeps the published record, so that the index run that
    follows sees it changed; a shard without a bundle yet is indexed at once and gets its new record."""
    new, old = json.loads(manifest), _read_json(published / MANIFEST)
    old_shards = old.get("shards", {}) if old.get("format") == INDEX_FORMAT else {}
    shards = {shard: old_shards[shard] if shard in old_shards and
              (published / BUNDLES / shard / "pagefind-entry.json").is_file() else record
              for shard, record in new["shards"].items()}
    return (json.dumps({"format": INDEX_FORMAT, "shards": shards}, sort_keys=True, indent=1) + "\n").encode()


def index_command(binary: Path, site: Path, bundle: Path) -> list[str]:
    """One Pagefind run: every page of `site` (a shard's pages) into the bundle folder `bundle`."""
    return [str(binary), "--site", str(site), "--output-path", str(bundle), "--force-language", "zh",
            "--exclude-selectors", ".clause-link", "--quiet"]


def shards_to_index(plan: Mapping[str, Iterable[str]], new: dict, old: dict, published: set[str],
                    refresh: Iterable[str] | None) -> list[str]:
    """Which shards need a Pagefind run; the rest are carried over. Pure.

    refresh=None: those whose digest changed or whose published bundle is missing. Otherwise exactly the
    given shards, plus any whose published bundle is missing (nothing to carry over).
    """
    new_shards, old_shards = new.get("shards", {}), old.get("shards", {}) if old.get("format") == INDEX_FORMAT else {}
    wanted = set(refresh) if refresh is not None else {
        shard for shard in plan if new_shards.get(shard) != old_shards.get(shard)}
    return sorted(shard for shard in plan if shard in wanted or shard not in published)


def parallel_runs(plan: Mapping[str, list[str]], cpus: int | None = None) -> int:
    """How many shards to index at once: as many as there are CPUs, while the largest shards fit PAGES_AT_ONCE."""
    largest = max((len(paths) for paths in plan.values()), default=1)
    return max(1, min(cpus or os.cpu_count() or 1, PAGES_AT_ONCE // max(largest, 1)))


def index_site(staging: Path, plan: Mapping[str, list[str]], published: Path | None = None,
               refresh: Iterable[str] | None = None, jobs: int | None = None,
               release: Callable[[], None] | None = None, done: Iterable[str] = ()) -> IndexReport:
    """Give the staged site a Pagefind bundle per shard: index the shards that need it, link the others.

    plan maps shard → site-relative paths of its pages; staging must hold those pages and MANIFEST.
    published is the live site whose unchanged shards are carried over (None: index everything).
    release is called before a run of RELEASE_ABOVE pages or more (the build frees memory for Pagefind).
    done: shards already indexed into the staging folder (EarlyIndex), neither indexed again nor carried over.
    """
    todo = _todo(plan, _read_json(staging / MANIFEST), published, refresh)
    for shard in sorted(set(plan) - set(todo)):
        _link_tree(published / BUNDLES / shard, staging / BUNDLES / shard)
    left = [shard for shard in todo if shard not in set(done)]
    binary = pagefind_binary() if left else None
    if release is not None and sum(len(plan[shard]) for shard in left) >= RELEASE_ABOVE:
        release()
    jobs = jobs or parallel_runs({shard: plan[shard] for shard in left})
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(left) or 1))) as pool:
        failures = [f for f in pool.map(lambda s: _index_shard(binary, staging, s, plan[s]), left) if f]
    if failures:
        raise BuildError(failures)
    return IndexReport(tuple(todo), tuple(sorted(set(plan) - set(todo))))


def _todo(plan: Mapping[str, list[str]], new: dict, published: Path | None, refresh: Iterable[str] | None) -> list[str]:
    """The shards to index, given the new manifest and the published site's (see shards_to_index)."""
    old = _read_json(published / MANIFEST) if published else {}
    ready = {s for s in plan if published and (published / BUNDLES / s / "pagefind-entry.json").is_file()}
    return shards_to_index(plan, new, old, ready, refresh)


class EarlyIndex:
    """A full build's search index, begun while the site renders (begin=True: an edit's build): a shard is
    indexed as soon as the last of its pages is staged (newest notices render first, so the newest year's shard
    is ready first), one run at a time beside the render workers, and only shards of at most EARLY_PAGES pages
    (Pagefind's memory adds to the render's). What is left runs at the commit (finish), as index_site runs it; a
    build that fails or is interrupted stops the runs before its staging folder is removed (cancel).

    Measured at 10,000 notices on 2 cores: an edit's build is 1.4-2.1 s sooner (Pagefind overlaps its render);
    a cold build gains nothing (311 s against 307 s: every phase is CPU-bound) and its peak memory would add a
    Pagefind run to the render's, so a cold build (begin=False) indexes after the render, two shards at a time."""

    def __init__(self, staging: Path, published: Path, jobs: int | None = None,
                 release: Callable[[], None] | None = None, begin: bool = True):
        self.staging, self.published, self.jobs, self.release = staging, published, jobs, release
        self.begin = begin
        self.plan: Mapping[str, list[str]] = {}
        self.waiting: dict[str, int] = {}  # shard → how many of its pages are not staged yet
        self.shard_of: dict[str, str] = {}  # page not staged yet → its shard
        self.runs: dict[str, Future] = {}
        self.processes: list[subprocess.Popen] = []
        self.pool: ThreadPoolExecutor | None = None
        self.binary: Path | None = None
        self.cancelled = False

    def start(self, plan: Mapping[str, list[str]], digests: Mapping[str, str]) -> None:
        self.plan = plan
        if not self.begin:
            return
        todo = _todo(plan, json.loads(plan_manifest(plan, digests)), self.published, None)
        self.waiting = {shard: len(plan[shard]) for shard in todo if 0 < len(plan[shard]) <= EARLY_PAGES}
        self.shard_of = {path: shard for shard in self.waiting for path in plan[shard]}
        if self.waiting:
            self.binary = pagefind_binary()
            self.pool = ThreadPoolExecutor(max_workers=1)

    def staged(self, paths: Iterable[str]) -> None:
        for path in paths:
            shard = self.shard_of.pop(path, None)
            if shard is None:
                continue
            self.waiting[shard] -= 1
            if not self.waiting[shard]:
                del self.waiting[shard]
                self.runs[shard] = self.pool.submit(_index_shard, self.binary, self.staging, shard,
                                                    self.plan[shard], self._started)

    def finish(self, phase: Callable, changed: bool) -> None:
        """The stage hook: take back the runs not begun, wait for the one at work, then index the rest as
        index_site does (in parallel: nothing else is rendering now)."""
        with phase("search"):
            begun = {shard for shard, run in self.runs.items() if not run.cancel()}
            failures = [found for found in (self.runs[shard].result() for shard in sorted(begun)) if found]
            self._stop()
            if failures:
                raise BuildError(failures)
            if changed and self.plan:
                index_site(self.staging, self.plan, self.published, jobs=self.jobs, release=self.release,
                           done=begun)

    def cancel(self) -> None:
        self.cancelled = True
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        for process in list(self.processes):
            if process.poll() is None:
                process.kill()
        self._stop()

    def _started(self, process: subprocess.Popen) -> None:
        self.processes.append(process)
        if self.cancelled:  # began as the build was stopping
            process.kill()

    def _stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _index_shard(binary: Path, staging: Path, shard: str, paths: Iterable[str],
                 started: Callable[[subprocess.Popen], None] | None = None) -> Diagnostic | None:
    bundle = staging / BUNDLES / shard
    # The shard's pages as hard links, inside the staging folder so that a killed build leaves nothing behind.
    with tempfile.TemporaryDirectory(prefix=f".search-{shard}-", dir=staging) as farm:
        _link_all(((os.path.join(staging, path), os.path.join(farm, path)) for path in paths))
        with subprocess.Popen(index_command(binary, Path(farm), bundle), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True,
                              preexec_fn=die_with_parent) as process:  # a killed build leaves no indexer behind
            if started is not None:
                started(process)
            stdout, stderr = process.communicate()
    if process.returncode != 0:
        tail = (stderr or stdout).strip().splitlines()[-5:]
        said = ": " + " / ".join(tail) if tail else f" (Pagefind exited with status {process.returncode})"
        return Diagnostic(f"{BUNDLES}/{shard}", 1, "E502", "search indexing failed" + said,
                          "build with --no-search to publish without search")
    canonical_bundle(bundle)
    return None


def stage_hook(phase: Callable, plan: Mapping[str, list[str]], published: Path, jobs: int | None = None,
               release: Callable[[], None] | None = None, refresh: Iterable[str] | None = None):
    """The writer's stage hook: index the staged site before the swap, so a failed index publishes nothing.
    refresh=(): carry every published bundle as it is, index only shards that have none (see index_site)."""

    def hook(staging: Path, changed: bool) -> None:
        if changed and plan:
            with phase("search"):
                index_site(staging, plan, published, refresh=refresh, jobs=jobs, release=release)

    return hook


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _link_all(pairs: Iterable[tuple[str, str]]) -> None:
    """Hard-link each source to its target, making folders as needed (each once: at 100,000 pages, a mkdir per
    file cost more than the links)."""
    made: set[str] = set()
    for source, target in pairs:
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)  # a filesystem without hard links


def _link_tree(source: Path, target: Path) -> None:
    pairs = []
    for folder, _, names in sorted(os.walk(source)):
        into = os.path.normpath(os.path.join(target, os.path.relpath(folder, source)))
        pairs.extend((os.path.join(folder, name), os.path.join(into, name)) for name in sorted(names))
    _link_all(pairs)
