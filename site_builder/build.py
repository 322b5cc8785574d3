"""The recipe: load → extract → analyse → render → publish, each phase timed. Reads top to bottom.

- load: settings, reference files, the notice files' stats; a build whose inputs are all unchanged (files,
  templates, theme, settings) stops here;
- extract: each notice file alone (parse, Markdown, the facts its body states), in parallel worker processes and
  cached by file digest, so an unchanged notice is never read twice; then the attachment files the notices name
  (checked, and their text read once per file digest);
- analyse: what needs every notice (citations resolved, cited-by, departments, topics, related), in this process;
- render: only pages whose inputs changed are rendered, in parallel; the others are linked from the published site;
- publish: the staging folder, with its search index (an edit's begun while its pages render: 1-2 s sooner at
  10,000 notices; not a cold build's, which is CPU-bound and gains nothing), is swapped in atomically.
"""

from __future__ import annotations

import dataclasses
import gc
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.core import keys, pool
from site_builder.core.timing import Progress, Timer, collector_paused, ticker, timings_table  # noqa: F401
from site_builder.core.config import CONFIG_NAME, SiteConfig
from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.core.model import Extract, Library
from site_builder.load import interpretation as interpretations
from site_builder.load import reference_files, scan, theme
from site_builder.load.settings import load_config
from site_builder.load.theme import theme_and_templates_digest
from site_builder.publish import attachments as attachment_files
from site_builder.publish import cache as caching
from site_builder.publish import folders
from site_builder.publish.lock import BuildLock
from site_builder.publish.stage import PublishReport, Stage, read_published
from site_builder.search import index as search_index

if TYPE_CHECKING:
    from site_builder.extract.notice import Context

# The phases after the load are imported when a build needs them: a build with nothing changed stops after the
# load phase, and their imports (the extract passes' patterns, Jinja, the analyses) were most of its 1 s.

@dataclass
class BuildResult:
    output: Path
    pages: int = 0
    notices: int = 0
    report: PublishReport | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    extracted: int = 0  # notice files read and extracted (the rest came from the cache)
    rendered: tuple[str, ...] = ()  # output paths rendered (the rest were carried over unchanged)
    snapshot: Snapshot | None = None  # the analysed library, when asked for (the preview renders from it)
    pending: PendingSearch | None = None  # a search index still to bring up to date (finish_search)


@dataclass(frozen=True)
class PendingSearch:
    """A site published with its previous search index: what serve/deferred.finish_search needs to bring the
    index up to date."""

    root: Path
    output: Path
    plan: dict[str, list[str]]
    manifest: bytes  # pagefind/shards.json as it will be once indexed
    inputs: str  # the build's inputs key, stamped once the index is current
    warnings: tuple[Diagnostic, ...]
    jobs: int | None
    attachments: tuple[str, ...] = ()  # the attachment files named, stamped with the inputs key


@dataclass(frozen=True)
class Snapshot:
    """What a build knew after its analyse phase: enough to render one edited notice's page again at once."""

    library: Library
    context: Context
    config: SiteConfig


def build(root: Path, *, output: Path | None = None, search: bool = True,
          changed: set[Path] | None = None, jobs: int | None = None,
          progress: Progress | None = None, keep: bool = False, search_later: bool = False,
          as_of: date | None = None) -> BuildResult:
    """Build the site under root into its output folder. Raises BuildError; never leaves a half-written site.

    as_of: the date 效力 is decided as of (尚未生效, 有效, 已修改, 已失效, 已废止); today when None.

    changed (the source paths the preview server saw change) is not needed: what changed is found from the
    files' stats and digests, which also catches changes no watcher saw. progress(phase, done, total) is
    called as notices are extracted and pages rendered (the command line draws it). keep: the result holds the
    analysed library (`snapshot`) instead of letting it go before Pagefind runs (the preview server's choice).
    search_later: publish the pages with the published search index as it is, and leave what to index in
    `result.pending` for serve/deferred.finish_search (the preview: its lists show an edit before Pagefind is done).
    """
    started = time.perf_counter()
    root = root.resolve()
    config, diagnostics = load_config(root)
    _stop_on_errors(diagnostics)
    output = (output or root / config.output).resolve()
    folders.check_placement(output, root, sources(root, config))
    for attempt in range(2):
        try:
            run = _Run(root, config, output, search, jobs, progress, list(diagnostics), keep, search_later,
                       as_of or date.today())
            return _build(run, started)
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
            raise BuildError(diagnostics + [os_diagnostic(exc, root)]) from None
    raise AssertionError("unreachable")  # pragma: no cover


def sources(root: Path, config: SiteConfig) -> list[Path]:
    """What a site is built from, which publishing must never replace (the built-in theme included)."""
    return [root / config.content, root / theme.TEMPLATES, root / theme.ASSETS, root / caching.FOLDER,
            root / CONFIG_NAME, theme.builtin_root() / theme.TEMPLATES, theme.builtin_root() / theme.ASSETS]


def os_diagnostic(exc: OSError, root: Path) -> Diagnostic:
    """A disk that is full or read-only, a folder without permission: said once, naming the path."""
    where = exc.filename or root
    try:
        shown = Path(where).resolve().relative_to(root).as_posix()
    except (ValueError, OSError, TypeError):
        shown = str(where)
    return Diagnostic(shown, 1, "E408", f"cannot write the site: {exc.strerror or exc}",
                      "free disk space or fix the folder's permissions, then build again")


@dataclass
class _Run:
    """What one build carries from phase to phase."""

    root: Path
    config: SiteConfig
    output: Path
    search: bool
    jobs: int | None
    progress: Progress | None
    diagnostics: list[Diagnostic]
    keep: bool = False
    search_later: bool = False
    as_of: date = date(2000, 1, 1)
    theme: str = ""  # digest of templates/ and theme/, once read


def _build(run: _Run, started: float) -> BuildResult:
    result = BuildResult(output=run.output, diagnostics=run.diagnostics)
    phase = Timer(result.timings)
    with BuildLock(run.output), collector_paused():
        store = caching.Cache(run.root, remember=run.keep)
        with phase("load"):
            reference = _reference_digest(run)
            files = scan.scan(run.root, run.root / run.config.content)
            stamp = store.load_stamp()
            # The attachment files the last build's notices named: the same notices name the same files.
            named = attachment_files.stats(run.root / run.config.content, stamp[3])
            if _unchanged(store, stamp, _inputs_key(run, reference, files, named), run, result, len(files)):
                result.timings["total"] = time.perf_counter() - started
                return result  # before the reference files are parsed (their department slugs need pypinyin)
            library, context = _reference_files(run, reference)
        with phase("extract"):
            state = store.load_state()
            extracts, result.extracted = _extract_all(run, files, context, store, state)
            found = attachment_files.resolve(extracts, run.root / run.config.content, run.config.content,
                                             run.config.attachment_limit, store, state.attachments, run.jobs)
            run.diagnostics.extend(found.diagnostics)
            _stop_on_errors(run.diagnostics)
            extracts, inputs = found.extracts, _inputs_key(run, reference, files, found.stats)
            for item in extracts:
                library.add_extract(item)
            _interpretations(run, library)
        with phase("analyse"):
            library.as_of = run.as_of
            library_key = keys.library_key(context.digest, ((s, library.extracts[s].public)
                                                            for s in sorted(library.extracts)))
            known = state.xref if state.library_key == library_key else None
            from site_builder.analyse.run import analyse

            run.diagnostics.extend(analyse(library, known, state.ranking))
            _stop_on_errors(run.diagnostics)
            if run.keep:
                result.snapshot = Snapshot(library, context, run.config)
        stage = Stage(run.output, caching.identity(extracts))
        saved = _State(files, extracts, inputs, state, library, found.files, stage.previous_state == state.identity)
        del library, extracts, state  # held by `saved` only, which lets them go before Pagefind runs
        early = search_index.EarlyIndex(stage.staging, run.output, run.jobs, gc.collect, begin=saved.published) \
            if run.search and not run.search_later else None
        try:
            _render_and_publish(run, phase, result, stage, store, library_key, saved, early)
        except BaseException:
            if early is not None:
                early.cancel()  # its runs write into the staging folder: stopped before it is removed
            stage.abort()
            raise
    result.pages = len(stage.manifest)
    result.timings["total"] = time.perf_counter() - started
    return result


def _unchanged(store: caching.Cache, stamp: tuple, inputs: str, run: _Run, result: BuildResult, notices: int) -> bool:
    """Are these exactly the inputs of the published site? Then nothing needs doing."""
    last_inputs, last_output, last_warnings, _ = stamp
    published = read_published(run.output) if last_inputs == inputs and last_output == str(run.output) else {}
    if not published:
        return False
    run.diagnostics.extend(last_warnings)  # what the last build said of these same inputs
    result.report = PublishReport(0, len(published), 0, swapped=False)
    result.notices = notices
    return True


@dataclass
class _State:
    """What the cache is told after the render phase: this build's files, extracts and inputs, and the last."""

    files: list[scan.FileStat]
    extracts: list[Extract] | None
    inputs: str
    previous: caching.State | None
    library: Library | None
    attachments: dict  # attachment file → attachment_files.Seen
    published: bool  # the last state is the published site's (a build interrupted after saving it published nothing)


def _render_and_publish(run: _Run, phase: Timer, result: BuildResult, stage: Stage, store: caching.Cache,
                        library_key: str, saved: _State, early) -> None:
    with phase("render"):
        # Which notices changed since the published site: known from the cached state only if it is its state.
        fresh = frozenset(e.notice.slug for e in saved.extracts if _changed(e, saved.previous)) \
            if saved.published else None
        from site_builder.publish.pages import render_site

        rendered = render_site(stage, saved.library, run.config, run.root, store, run.jobs, run.progress,
                               library_key, fresh, early)
        result.rendered = rendered.paths
    with phase("write"):
        hook = None
        if run.search:
            plan = rendered.search_plan
            manifest = search_index.plan_manifest(plan, rendered.search_keys)
            if run.search_later:  # the published bundles as they are; only shards that have none are indexed
                stage.record(stage.put(search_index.MANIFEST, search_index.stale_manifest(plan, manifest,
                                                                                          run.output)))
                hook = search_index.stage_hook(phase, plan, run.output, jobs=run.jobs, refresh=())
                result.pending = PendingSearch(run.root, run.output, plan, manifest, saved.inputs, (), run.jobs)
            else:
                stage.record(stage.put(search_index.MANIFEST, manifest))
                hook = lambda staging, changed: early.finish(phase, changed)  # noqa: E731
        # The cache is saved before publishing (the stamp after), then the notices are let go: Pagefind runs beside
        # this process, and at 100,000 notices the library is gigabytes that nothing after this point reads.
        warnings = [d for d in run.diagnostics if not d.is_error]
        result.notices = len(saved.library.notices)
        store.save_state(caching.State(
            files=_file_digests(saved.files, saved.extracts), extracts={e.fragment: e for e in saved.extracts},
            inputs=saved.inputs, output=str(run.output), warnings=warnings, library_key=library_key,
            xref=saved.library.xref, ranking=saved.library.ranking, attachments=saved.attachments),
            previous=saved.previous)
        if result.extracted:
            store.prune({e.fragment for e in saved.extracts})
        if saved.attachments != saved.previous.attachments:
            store.prune({seen.text for seen in saved.attachments.values()}, store.texts)
        saved.library = saved.extracts = saved.previous = rendered = None  # the hook collects before a big index
        result.report = stage.commit(hook)
    named = tuple(sorted(saved.attachments))
    if result.pending is not None:  # stamped when its index is current: until then the site is not
        result.pending = dataclasses.replace(result.pending, warnings=tuple(warnings), attachments=named)
        return
    store.save_stamp(saved.inputs, str(run.output), warnings, named)


def _interpretations(run: _Run, library: Library) -> None:
    """content/interpretations/: every 解读 and the images they show, into the library."""
    loaded = interpretations.load_interpretations(run.root, run.root / run.config.content)
    run.diagnostics.extend(loaded.diagnostics)
    _stop_on_errors(run.diagnostics)
    library.interpretations = {item.slug: item for item in loaded.interpretations}
    library.files = loaded.files


def _reference_digest(run: _Run) -> str:
    """The reference files as read (bytes, not parsed): what every extract depends on."""
    content = run.root / run.config.content
    return keys.reference_digest((name, scan.read_optional(content / name))
                                 for name in (reference_files.DEPARTMENTS_FILE, reference_files.TOPICS_FILE))


def _reference_files(run: _Run, digest: str) -> tuple[Library, Context]:
    from site_builder.extract.department_names import Directory
    from site_builder.extract.notice import Context

    library = Library()
    content = run.root / run.config.content
    library.departments, found = reference_files.load_departments(run.root, content)
    run.diagnostics.extend(found)
    library.topic_scheme, found = reference_files.load_topic_scheme(run.root, content)
    run.diagnostics.extend(found)
    _stop_on_errors(run.diagnostics)
    return library, Context(Directory(library.departments), library.topic_scheme, digest)


# The extract step runs in forked workers: they find the context and cache here, set before the fork.
_WORK: dict = {}


def _extract_all(run: _Run, files: list[scan.FileStat], context: Context, store: caching.Cache,
                 state: caching.State) -> tuple[list[Extract], int]:
    """Every notice's Extract: from the cache when its file is unchanged, else read and extracted in parallel.
    Stops the build on an error in any notice (after reading all: every error is reported at once)."""
    extracts, todo = [], []
    for stat in files:
        known = state.files.get(stat.path)
        if known and known[:2] == (stat.size, stat.mtime_ns):
            cached = state.extracts.get(context.key(stat.path, known[2]))
            if cached is not None and store.has_fragment(cached.fragment):
                extracts.append(cached)
                run.diagnostics.extend(cached.diagnostics)
                continue
        todo.append(stat.path)
    _WORK.update(root=run.root, context=context, store=store, known=state.extracts)
    slices = [todo[r.start:r.stop] for r in pool.slices(len(todo), pool.batch_count(len(todo)))]
    fresh = 0
    for batch in pool.run(_extract_batch, slices, run.jobs, True, ticker(run.progress, "extract", len(todo))):
        for found, problems, made in batch:
            run.diagnostics.extend(problems)
            fresh += made
            if found is not None:
                extracts.append(found)
    _WORK.clear()
    extracts.sort(key=lambda e: e.notice.path)
    from site_builder.load.notice import check_unique

    run.diagnostics.extend(check_unique([e.notice for e in extracts]))
    _stop_on_errors(run.diagnostics)
    return extracts, fresh


def _extract_batch(paths: list[str]) -> list:
    from site_builder.extract.notice import extract as extract_notice

    root, context, store, known = _WORK["root"], _WORK["context"], _WORK["store"], _WORK["known"]
    out = []
    for path in paths:
        data, problems = scan.read_notice(root, path)
        if data is None:
            out.append((None, problems, False))
            continue
        cached = known.get(context.key(path, keys.file_digest(data)))  # touched, not changed
        if cached is not None and store.has_fragment(cached.fragment):
            out.append((cached, list(cached.diagnostics), False))
            continue
        found, fragment, problems = extract_notice(path, data, context)
        if found is not None:
            store.put_fragment(found.fragment, fragment)
        out.append((found, problems, True))
    return out


def _file_digests(files: list[scan.FileStat], extracts: list[Extract]) -> dict[str, tuple[int, int, str]]:
    by_path = {e.notice.path: e.notice.digest for e in extracts}
    return {f.path: (f.size, f.mtime_ns, by_path[f.path]) for f in files if f.path in by_path}


def _changed(found: Extract, previous: caching.State) -> bool:
    """Was this notice's file read again, or did its attachment files change, since the cached state?"""
    known = previous.extracts.get(found.fragment)
    return known is None or known.public != found.public


def _inputs_key(run: _Run, reference: str, files: list[scan.FileStat], attachments) -> str:
    """Everything a build reads, as stats and digests: equal keys mean an identical site. reference: the reference
    files' digest; attachments: (path, size, mtime_ns) of the attachment files the notices name."""
    pagefind = None
    if run.search:
        from site_builder.search import index as search_index

        pagefind = search_index.pagefind_version()
    stats = [(f.path, f.size, f.mtime_ns) for f in files]
    stats += interpretations.stats(run.root / run.config.content)
    stats += [(f"attachment:{path}", size, mtime) for path, size, mtime in attachments]
    run.theme = run.theme or theme_and_templates_digest(run.root)
    return keys.inputs_key(run.search, repr(run.config), reference, stats, run.theme, pagefind,
                           run.as_of.isoformat())


def _stop_on_errors(diagnostics: list[Diagnostic]) -> None:
    if any(d.is_error for d in diagnostics):
        raise BuildError(diagnostics)
