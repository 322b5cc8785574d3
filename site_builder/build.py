"""The orchestrator: load → parse → analyse → view → render → publish. Reads top to bottom like a recipe."""

from __future__ import annotations

import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import api, derived, loader, reference_files, related, writer, xref
from site_builder.config import SiteConfig, load_config
from site_builder.diagnostics import BuildError, Diagnostic
from site_builder.markdown import body_warnings, render_body
from site_builder.model import Library
from site_builder.render import Renderer
from site_builder.views import Page
from site_builder.views import departments as department_views
from site_builder.views.site import feed_context, site_pages, sitemap_context
from site_builder.views.search import search_plan


@dataclass
class BuildResult:
    output: Path
    pages: int = 0
    notices: int = 0
    report: writer.PublishReport | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


class _Timer:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextmanager
    def __call__(self, phase: str):
        start = time.perf_counter()
        yield
        self.timings[phase] = self.timings.get(phase, 0.0) + time.perf_counter() - start


def build(root: Path, *, output: Path | None = None, search: bool = True,
          changed: set[Path] | None = None) -> BuildResult:
    """Build the site under root into its output folder. Raises BuildError; never leaves a half-written site."""
    # changed: the source paths that changed since the last build (None: unknown). Accepted for the preview
    # server now; the incremental build (issue 8) will use it to rebuild only what they affect.
    started = time.perf_counter()
    root = root.resolve()
    config, diagnostics = load_config(root)
    _stop_on_errors(diagnostics)
    output = (output or root / config.output).resolve()
    result = BuildResult(output=output, diagnostics=diagnostics)
    phase = _Timer(result.timings)

    with writer.BuildLock(output):
        with phase("load"):
            notices, found = loader.load_notices(root, root / config.content)
            diagnostics.extend(found)
            _stop_on_errors(diagnostics)
            library = Library()
            for notice in notices:
                library.add(notice)
            library.departments, found = reference_files.load_departments(root, root / config.content)
            diagnostics.extend(found)
            library.topic_scheme, found = reference_files.load_topic_scheme(root, root / config.content)
            diagnostics.extend(found)
            _stop_on_errors(diagnostics)

        with phase("parse"):
            resolve = xref.resolver(library)
            for notice in library.notices.values():
                library.bodies[notice.slug] = render_body(
                    notice.body, doc_label=str(notice.doc_number), resolve=resolve,
                    line_offset=notice.body_line - 1)
                diagnostics.extend(body_warnings(notice.path, library.bodies[notice.slug]))

        with phase("analyse"):
            diagnostics.extend(analyse(library, root, config))
            _stop_on_errors(diagnostics)

        with phase("views"):
            pages = site_pages(library, config)
            for page in pages:
                if page.template == "notice.html":
                    page.context["lastmod"] = page.context["notice"]["published"]

        with phase("render"):
            renderer = Renderer(root / "templates", asset_versions=_asset_versions(root / "theme"))
            files = _Outputs()
            for page in pages:
                files.add(page.path, renderer.render(page), page.template)
            for rel, data in api.files(library, config).items():
                files.add(rel, data, "api")
            for rel, data in department_views.calendar_files(library, config).items():
                files.add(rel, data, "ical")
            for rel, data in _assets(root / "theme").items():
                files.add(rel, data, "theme")
            sitemap = [(p.path, p.context.get("lastmod", "")) for p in pages if p.path != "404.html"]
            files.add("sitemap.xml", renderer.render(Page("sitemap.xml", "sitemap.xml",
                                                          sitemap_context(sitemap, config))), "sitemap")
            files.add("feed.xml", renderer.render(Page("feed.xml", "feed.xml", feed_context(library, config))),
                      "feed")
            files.add("robots.txt", renderer.render(Page("robots.txt", "robots.txt",
                                                         {"sitemap": config.absolute("sitemap.xml")})), "robots")

        with phase("write"):
            hook = None
            if search:
                from site_builder import search as search_index

                plan = search_plan(library)
                files.add(search_index.MANIFEST, search_index.plan_manifest(plan, files), "search")
                hook = search_index.stage_hook(phase, plan, output)
            result.report = writer.publish(output, files, stage_hook=hook)

    result.pages, result.notices = len(files), len(library.notices)
    result.timings["total"] = time.perf_counter() - started
    return result


def analyse(library: Library, root: Path, config: SiteConfig) -> list[Diagnostic]:
    """Derive relations from the parsed notices (citations, departments, topics) into the library."""
    diagnostics = []
    diagnostics.extend(derived.analyse_departments(library))
    diagnostics.extend(derived.analyse_topics(library))
    library.xref = xref.analyse(library)
    diagnostics.extend(xref.check(library))
    library.related = related.rank(library)  # last: it weighs what the analyses above found
    return diagnostics


class _Outputs(dict):
    """Output files by path; two producers may never claim the same path."""

    def __init__(self):
        super().__init__()
        self.origin: dict[str, str] = {}

    def add(self, path: str, data: bytes, origin: str) -> None:
        writer.check_path(path)
        if path in self:
            raise BuildError([Diagnostic(path, 1, "E401",
                                         f"two outputs claim the same path: {self.origin[path]} and {origin}")])
        self[path] = data
        self.origin[path] = origin


def _assets(theme: Path) -> dict[str, bytes]:
    return {f"assets/{f.relative_to(theme).as_posix()}": f.read_bytes()
            for f in sorted(theme.rglob("*")) if f.is_file()}


def _asset_versions(theme: Path) -> dict[str, str]:
    return {f.relative_to(theme).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()[:10]
            for f in sorted(theme.rglob("*")) if f.is_file()}


def _stop_on_errors(diagnostics: list[Diagnostic]) -> None:
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise BuildError(diagnostics)


def timings_table(timings: dict[str, float]) -> str:
    width = max((len(k) for k in timings), default=5)
    return "\n".join(f"{name:<{width}}  {seconds:8.3f} s" for name, seconds in timings.items())
