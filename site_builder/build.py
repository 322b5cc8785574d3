"""The orchestrator: load → extract → analyse → render → publish. Reads top to bottom like a recipe.

- extract: each notice file alone (parse, Markdown, the facts its body states), in parallel worker processes and
  cached by file digest, so an unchanged notice is never read twice;
- analyse: what needs every notice (citations resolved, cited-by, departments, topics, related), in this process;
- render: every page's view model is fingerprinted, and only pages whose fingerprint changed are rendered, in
  parallel; the others are hard-linked from the published site;
- publish: the staging folder, with its search index, is swapped in atomically.
A build whose inputs are all unchanged (files, templates, theme, settings) stops after the load phase.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.render.api import notices as api
from site_builder.publish import cache as caching
from site_builder.analyse import departments as derived
from site_builder.extract import notice as extract
from site_builder.load import notice as loader
from site_builder.core import pool
from site_builder.load import reference_files
from site_builder.analyse import related
from site_builder.publish import pages as rendering
from site_builder.publish import stage as writer
from site_builder.analyse import xref
from site_builder.core.code_digest import CODE_DIGEST
from site_builder.core.config import CONFIG_NAME, SiteConfig, load_config
from site_builder.extract.department_names import Directory
from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.core.model import Library, TopicScheme

Progress = Callable[[str, int, int], None]  # (phase, units just done, units in the phase)


def ticker(progress: Progress | None, phase: str, total: int) -> Callable[[int], None] | None:
    return None if progress is None else (lambda done: progress(phase, done, total))


@dataclass
class BuildResult:
    output: Path
    pages: int = 0
    notices: int = 0
    report: writer.PublishReport | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    extracted: int = 0  # notice files read and extracted (the rest came from the cache)
    rendered: tuple[str, ...] = ()  # output paths rendered (the rest were carried over unchanged)


class _Timer:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextmanager
    def __call__(self, phase: str):
        start = time.perf_counter()
        yield
        self.timings[phase] = self.timings.get(phase, 0.0) + time.perf_counter() - start


def build(root: Path, *, output: Path | None = None, search: bool = True,
          changed: set[Path] | None = None, jobs: int | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Build the site under root into its output folder. Raises BuildError; never leaves a half-written site.

    changed (the source paths the preview server saw change) is not needed: what changed is found from the
    files' stats and digests, which also catches changes no watcher saw. progress(phase, done, total) is
    called as notices are extracted and pages rendered (the command line draws it).
    """
    started = time.perf_counter()
    root = root.resolve()
    config, diagnostics = load_config(root)
    _stop_on_errors(diagnostics)
    output = (output or root / config.output).resolve()
    writer.check_placement(output, root, sources(root, config))
    for attempt in range(2):
        try:
            return _build(root, config, list(diagnostics), output, search, jobs, progress, started)
        except caching.CacheDamaged as exc:
            # An entry failed its check (torn, planted, copied from another machine): the cache is dropped and
            # the build made again without it, which is what a cold build is.
            caching.Cache(root).clear()
            if attempt:
                raise BuildError(diagnostics + [Diagnostic(caching.FOLDER, 1, "E409", f"the build cache "
                                                           f"cannot be used: {exc}")]) from None
            diagnostics.append(Diagnostic(caching.FOLDER, 1, "W403", "the build cache could not be used and "
                                          "was rebuilt", "nothing to do; the site was built in full"))
        except OSError as exc:
            raise BuildError(diagnostics + [_os_diagnostic(exc, root)]) from None
    raise AssertionError("unreachable")  # pragma: no cover


def sources(root: Path, config: SiteConfig) -> list[Path]:
    """What a site is built from, which publishing must never replace."""
    return [root / config.content, root / "templates", root / "theme", root / caching.FOLDER,
            root / CONFIG_NAME]


def _os_diagnostic(exc: OSError, root: Path) -> Diagnostic:
    """A disk that is full or read-only, a folder without permission: said once, naming the path."""
    where = exc.filename or root
    try:
        shown = Path(where).resolve().relative_to(root).as_posix()
    except (ValueError, OSError, TypeError):
        shown = str(where)
    return Diagnostic(shown, 1, "E408", f"cannot write the site: {exc.strerror or exc}",
                      "free disk space or fix the folder's permissions, then build again")


def _build(root: Path, config: SiteConfig, diagnostics: list[Diagnostic], output: Path, search: bool,
           jobs: int | None, progress: Progress | None, started: float) -> BuildResult:
    result = BuildResult(output=output, diagnostics=diagnostics)
    phase = _Timer(result.timings)

    with writer.BuildLock(output), collector_paused():
        store = caching.Cache(root)
        with phase("load"):
            library, context = _reference_files(root, config, diagnostics)
            files = loader.scan(root, root / config.content)
            inputs = _inputs_digest(root, config, context, files, search)
            last_inputs, last_output, last_warnings = store.load_stamp()
            if last_inputs == inputs and last_output == str(output) and writer.read_published(output):
                diagnostics.extend(last_warnings)  # what the last build said of these same inputs
                result.report = writer.PublishReport(0, len(writer.read_published(output)), 0, swapped=False)
                result.notices = len(files)
                result.timings["total"] = time.perf_counter() - started
                return result

        with phase("extract"):
            state = store.load_state()
            extracts, found, result.extracted = _extract(root, files, context, store, state, jobs, progress)
            diagnostics.extend(found)
            diagnostics.extend(loader.check_unique([e.notice for e in extracts]))
            _stop_on_errors(diagnostics)
            for item in extracts:
                library.add_extract(item)

        with phase("analyse"):
            library_key = _library_key(library, context)
            reuse = state if state.library_key == library_key else None
            diagnostics.extend(analyse(library, reuse))
            _stop_on_errors(diagnostics)

        stage = writer.Stage(output, caching.state_identity(e.fragment for e in extracts))
        try:
            with phase("render"):
                # Which notices changed since the published site: known from the cached state only if it is the
                # state of the published site (a build interrupted after saving it published nothing).
                fresh = frozenset(e.notice.slug for e in extracts if e.fragment not in state.extracts) \
                    if stage.previous_state == state.identity else None
                rendered = rendering.render_site(stage, library, config, root, store, jobs, progress, library_key,
                                                 fresh)
                result.rendered = rendered.paths
            with phase("write"):
                hook = None
                if search:
                    from site_builder.search import index as search_index

                    plan = rendered.search_plan
                    manifest = search_index.plan_manifest(plan, rendered.search_keys)
                    stage.record(stage.put(search_index.MANIFEST, manifest))
                    hook = search_index.stage_hook(phase, plan, output, jobs=jobs, release=gc.collect)
                # The cache is saved before publishing (the stamp after), and then the notices are let go: the
                # search index runs Pagefind beside this process, and at 100,000 notices the library is
                # gigabytes that nothing after this point reads.
                warnings = [d for d in diagnostics if not d.is_error]
                result.notices = len(library.notices)
                store.save_state(caching.State(
                    files={rel: (size, mtime, digest) for rel, size, mtime, digest in _file_digests(files, extracts)},
                    extracts={e.fragment: e for e in extracts}, inputs=inputs, output=str(output),
                    warnings=warnings, library_key=library_key, xref=library.xref, related=library.related),
                    previous=state)
                if result.extracted:
                    store.prune({e.fragment for e in extracts})
                library = extracts = state = rendered = None  # and the hook collects cycles before a big index
                result.report = stage.commit(hook)
        except BaseException:
            stage.abort()
            raise
        store.save_stamp(inputs, str(output), warnings)

    result.pages = len(stage.manifest)
    result.timings["total"] = time.perf_counter() - started
    return result


@contextmanager
def collector_paused():
    """Pause the cycle collector for a build (the workers run theirs).

    A build holds millions of long-lived objects (a 10,000-notice state alone is ~3 million) and makes few
    cycles; the collector, run after every 700 new containers, scanned the young ones again and again and
    promoted them into ever larger full collections: 2 of the 6 s of a one-notice edit at 10,000 notices. What
    cycles the build leaves are collected after it, when the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyse(library: Library, reuse: caching.State | None = None) -> list[Diagnostic]:
    """Derive what needs every notice: citations resolved, departments, topics, related notices.

    reuse: the state of a build whose notices had the same public facts (only bodies changed since): its
    citation index and related notices still hold, and are taken as they are.
    """
    diagnostics = []
    diagnostics.extend(derived.analyse_departments(library))
    diagnostics.extend(derived.analyse_topics(library))
    library.xref = reuse.xref if reuse is not None and reuse.xref is not None else xref.analyse(library)
    diagnostics.extend(xref.check(library))
    # last: related notices weigh what the analyses above found
    library.related = reuse.related if reuse is not None and reuse.related else related.rank(library)
    return diagnostics


def _library_key(library: Library, context: extract.Context) -> str:
    digest = hashlib.sha256(f"{CODE_DIGEST}|{context.digest}".encode())
    for slug in sorted(library.extracts):
        digest.update(f"{slug}:{library.extracts[slug].public}\n".encode())
    return digest.hexdigest()


def assemble(files: list[tuple[str, bytes]], departments: dict | None = None,
             scheme: TopicScheme | None = None) -> tuple[Library, list[Diagnostic]]:
    """Extract and analyse notices given as (path, bytes), as a build does, without cache or filesystem.

    For tests and tools; a notice with an error is left out and its diagnostics returned.
    """
    library = Library(departments=departments or {}, topic_scheme=scheme or TopicScheme())
    context = extract.Context(Directory(library.departments), library.topic_scheme, "")
    diagnostics: list[Diagnostic] = []
    for path, data in files:
        found, _, problems = extract.extract(path, data, context)
        diagnostics.extend(problems)
        if found is not None:
            library.add_extract(found)
    diagnostics.extend(analyse(library))
    return library, diagnostics


def fragment_of(path: str, data: bytes, library: Library) -> extract.Fragment:
    """The fragment of a notice, made again (assemble keeps none)."""
    context = extract.Context(Directory(library.departments), library.topic_scheme, "")
    return extract.extract(path, data, context)[1]


def _reference_files(root: Path, config: SiteConfig, diagnostics: list[Diagnostic]):
    library = Library()
    content = root / config.content
    library.departments, found = reference_files.load_departments(root, content)
    diagnostics.extend(found)
    library.topic_scheme, found = reference_files.load_topic_scheme(root, content)
    diagnostics.extend(found)
    _stop_on_errors(diagnostics)
    digest = hashlib.sha256()
    for name in (reference_files.DEPARTMENTS_FILE, reference_files.TOPICS_FILE):
        digest.update(name.encode() + b"\0" + loader.read_optional(content / name) + b"\0")
    return library, extract.Context(Directory(library.departments), library.topic_scheme, digest.hexdigest())


# The extract step runs in forked workers: they find the context and cache here, set before the fork.
_WORK: dict = {}


def _extract(root: Path, files: list[loader.FileStat], context: extract.Context, store: caching.Cache,
             state: caching.State, jobs: int | None, progress: Progress | None = None):
    """Every notice's Extract: from the cache when its file is unchanged, else read and extracted in parallel."""
    extracts, todo, diagnostics = [], [], []
    for stat in files:
        known = state.files.get(stat.path)
        if known and known[:2] == (stat.size, stat.mtime_ns):
            cached = state.extracts.get(context.key(stat.path, known[2]))
            if cached is not None and store.has_fragment(cached.fragment):
                extracts.append(cached)
                diagnostics.extend(cached.diagnostics)
                continue
        todo.append(stat.path)
    _WORK.update(root=root, context=context, store=store, known=state.extracts)
    slices = [todo[r.start:r.stop] for r in pool.slices(len(todo), pool.batch_count(len(todo)))]
    fresh = 0
    for batch in pool.run(_extract_batch, slices, jobs, True, ticker(progress, "extract", len(todo))):
        for found, problems, made in batch:
            diagnostics.extend(problems)
            fresh += made
            if found is not None:
                extracts.append(found)
    _WORK.clear()
    extracts.sort(key=lambda e: e.notice.path)
    return extracts, diagnostics, fresh


def _extract_batch(paths: list[str]) -> list:
    root, context, store, known = _WORK["root"], _WORK["context"], _WORK["store"], _WORK["known"]
    out = []
    for path in paths:
        data, problems = loader.read_notice(root, path)
        if data is None:
            out.append((None, problems, False))
            continue
        cached = known.get(context.key(path, caching.digest(data)))  # touched, not changed
        if cached is not None and store.has_fragment(cached.fragment):
            out.append((cached, list(cached.diagnostics), False))
            continue
        found, fragment, problems = extract.extract(path, data, context)
        if found is not None:
            store.put_fragment(found.fragment, fragment)
        out.append((found, problems, True))
    return out


def _file_digests(files: list[loader.FileStat], extracts: list) -> list[tuple[str, int, int, str]]:
    by_path = {e.notice.path: e.notice.digest for e in extracts}
    return [(f.path, f.size, f.mtime_ns, by_path[f.path]) for f in files if f.path in by_path]


def _inputs_digest(root: Path, config: SiteConfig, context: extract.Context, files: list[loader.FileStat],
                   search: bool) -> str:
    """Everything a build reads, as stats and digests: equal digests mean an identical site."""
    # CODE_DIGEST: a changed tool rebuilds everything
    digest = hashlib.sha256(f"{CODE_DIGEST}|{search}|{config!r}|{context.digest}".encode())
    for stat in files:
        digest.update(f"{stat.path}|{stat.size}|{stat.mtime_ns}\n".encode("utf-8", "surrogateescape"))  # any name
    digest.update(rendering.theme_and_templates_digest(root).encode())
    if search:
        from site_builder.search import index as search_index

        digest.update(search_index.pagefind_version().encode())
    return digest.hexdigest()


def _stop_on_errors(diagnostics: list[Diagnostic]) -> None:
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise BuildError(diagnostics)


def timings_table(timings: dict[str, float]) -> str:
    width = max((len(k) for k in timings), default=5)
    return "\n".join(f"{name:<{width}}  {seconds:8.3f} s" for name, seconds in timings.items())
