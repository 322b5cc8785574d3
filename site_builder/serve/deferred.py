"""The preview's second publish: the search index brought up to date after the pages were published.

`build(search_later=True)` publishes the pages with the published search bundles as they are, so that the lists
show an edit without waiting for Pagefind; `finish_search` then indexes the shards whose pages changed and swaps
them in, the rest of the site carried over as it is. Only the preview does this (a history-dependent index);
`site-builder build` always publishes pages and index together.
"""

from __future__ import annotations

import time

from site_builder.build import BuildResult, PendingSearch, os_diagnostic
from site_builder.core.timing import Timer
from site_builder.core.diagnostics import BuildError
from site_builder.publish import cache as caching
from site_builder.publish.lock import BuildLock
from site_builder.publish.stage import Stage
from site_builder.search import index as search_index


def finish_search(pending: PendingSearch) -> BuildResult:
    """Bring the search index of a site published with search_later up to date: the site carried over as it is,
    the shards whose pages changed indexed again, swapped in like any publish. Raises BuildError."""
    started = time.perf_counter()
    result = BuildResult(output=pending.output, diagnostics=list(pending.warnings))
    phase = Timer(result.timings)
    try:
        with BuildLock(pending.output):
            stage = Stage(pending.output)
            try:
                stage.carry_all(skip={search_index.MANIFEST})
                stage.record(stage.put(search_index.MANIFEST, pending.manifest))
                result.report = stage.commit(search_index.stage_hook(phase, pending.plan, pending.output,
                                                                     jobs=pending.jobs))
            except BaseException:
                stage.abort()
                raise
    except OSError as exc:
        raise BuildError(list(pending.warnings) + [os_diagnostic(exc, pending.root)]) from None
    caching.Cache(pending.root).save_stamp(pending.inputs, str(pending.output), list(pending.warnings),
                                          pending.attachments)
    result.pages = len(stage.manifest)
    result.timings["total"] = time.perf_counter() - started
    return result
