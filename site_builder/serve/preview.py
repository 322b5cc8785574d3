"""Run the preview: build, serve the output folder, rebuild when a source changes, reload the open pages.

The build publishes atomically, so a failed build leaves the last good site in the output folder: the server
keeps serving it and shows the errors over every page until a build succeeds again.
"""

from __future__ import annotations

import errno
import ipaddress
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

import jinja2

from site_builder.build import BuildResult, Snapshot, build
from site_builder.load import theme
from site_builder.load.settings import load_config
from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.render.jinja import template_diagnostic
from site_builder.render.views.search import search_plan
from site_builder.search.index import pagefind_binary
from site_builder.serve.deferred import finish_search
from site_builder.serve.livereload import BuildState
from site_builder.serve.quick import quick_lists, quick_pages
from site_builder.serve.search_overlay import Overlay, index_overlay
from site_builder.serve.server import PreviewServer
from site_builder.serve.watcher import Rebuilder, Watcher, WatchScope

SEARCH_PENDING = "搜索索引正在更新…"  # the pages are published, the search index not yet
EARLY = "页面已更新，列表和搜索索引正在重建…"  # the edited page is shown, the rest is being built
EARLY_SEARCHED = "页面和搜索已更新，列表正在重建…"  # … and the search finds the edit (serve/search_overlay.py)
DEFAULT_PORT = 8000
PORT_TRIES = 10  # without --port, 8000 busy means try 8001 … 8009


class ServeError(Exception):
    """The server cannot start (port in use, unknown host): a message for the terminal, no traceback."""


class Preview:
    """The running preview: one server, one watcher, one builder thread, and the state they share."""

    def __init__(self, root: Path, *, output: Path | None = None, search: bool = True, polling: bool = False,
                 out: TextIO | None = None, err: TextIO | None = None):
        self.root = root.resolve()
        config, _ = load_config(self.root)  # its warnings come with the first build
        # Fixed for the whole session: the server must keep serving the folder the builds publish to.
        self.output = (output or self.root / config.output).resolve()
        self.base_path = urlsplit(config.base_url).path or "/"
        self.search = search
        self.out, self.err = out or sys.stdout, err or sys.stderr
        self.state = BuildState()
        self.scope = WatchScope.for_site(self.root, config.content, self.output)
        self.rebuilder = Rebuilder(self.rebuild)
        self.watcher = Watcher(self.scope, self.rebuilder.notify, polling)
        self.server: PreviewServer | None = None
        self._http: threading.Thread | None = None
        self._stopping = False
        self._warnings: tuple[str, ...] = ()
        self._snapshot: Snapshot | None = None  # the last good build's analysed library (serve/quick.py)
        self._shard_of: dict[str, str] | None = None  # its search plan, page → shard, once an edit needs it

    def start(self, host: str = "127.0.0.1", port: int | None = None) -> str:
        """Listen, watch, build in the background; return the URL. The last published site is served at once."""
        self.server = _bind(host, port, self.output, self.state)
        self.server.base_path = self.base_path
        self._http = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
                                      name="site-builder-http", daemon=True)
        self._http.start()
        self._print(f"Serving {self.output} at {self.server.url} (Ctrl-C to stop)")
        self._print(f"Watching {_watch_list(self.scope)}")
        if not _is_loopback(host):
            self._print(f"Note: --host {host} makes the preview reachable from other machines")
        self.watcher.start()
        self.rebuilder.start(initial=True)
        return self.server.url

    def stop(self) -> None:
        """Stop watching, let a running build finish (or fail on Ctrl-C) quietly, release the polls, close."""
        self._stopping = True
        self.watcher.stop()
        self.rebuilder.stop()
        self.state.close()
        if self._http and self._http.is_alive():  # shutdown() would wait forever for a loop never started
            self.server.shutdown()
        if self.server:
            self.server.server_close()

    def rebuild(self, changed: set[Path] | None) -> None:
        """Build once (the builder thread's only job); report the outcome to the terminal and the pages.

        An edited notice's own page is shown first (made from the last build's library, in milliseconds), then the
        full build publishes it with every list that shows it, and then the search index (serve/deferred.py)."""
        shown = bool(changed) and self._show_early(changed)
        indexed = False
        try:
            result = build(self.root, output=self.output, search=self.search, changed=changed, keep=True,
                           search_later=True)
            if result.snapshot is not None:
                self._snapshot, self._shard_of = result.snapshot, None
            if result.pending is not None:
                self._succeeded(result, changed, shown, note=SEARCH_PENDING)
                changed, shown, result, indexed = None, False, finish_search(result.pending), True
        except BuildError as exc:
            self._failed(exc.diagnostics)
        except jinja2.TemplateError as exc:  # raised outside a page's rendering (which makes it a BuildError)
            self._failed([template_diagnostic(exc, theme.template_folders(self.root))])
        except Exception as exc:  # a bug must not take the preview down: report it and keep the last good site
            self._print(traceback.format_exc().rstrip(), self.err)
            self._failed([], [f"internal error: {type(exc).__name__}: {exc} (please report this)"])
        else:
            self._succeeded(result, changed, shown, what="indexed the search" if indexed else "")
        finally:
            try:
                self.watcher.refresh()
            except OSError as exc:
                self._print(f"cannot watch a new source folder: {exc}", self.err)

    def _show_early(self, changed: set[Path]) -> bool:
        """Serve the edited notices' own pages now, if the last good build's library can make them; then the lists
        that show them, then the search overlay (each step reloads the open pages it changes)."""
        if self._snapshot is None or self.server is None or self.state.snapshot().errors:
            return False
        try:
            early = quick_pages(self._snapshot, self.root, changed)
        except Exception as exc:  # the full build that follows says what is wrong, or builds it
            self._print(f"{_now()} could not show the edit early ({type(exc).__name__}: {exc}); building", self.err)
            return False
        if early is None:
            return False
        self.server.early = early.pages
        self.state.early(EARLY)
        self._print(f"{_now()} {self._describe(changed)}: shown at once; building the site")
        try:  # ~1 s at 10,000 notices, which the page need not wait for
            lists = quick_lists(early)
        except Exception as exc:  # a bug here must not hold back the build, which makes them anyway
            self._print(f"{_now()} could not show the lists early ({type(exc).__name__}: {exc})", self.err)
            lists = {}
        if lists:
            self.server.early = {**lists, **early.pages}
            self.state.early(EARLY)
        # Then the search: indexing the edited pages alone takes Pagefind ~0.4 s.
        overlay = self._search_overlay(early.pages)
        if overlay is not None:
            self.server.overlay = overlay
            self.state.searched(EARLY_SEARCHED)
        return True

    def _search_overlay(self, pages: dict[str, bytes]) -> Overlay | None:
        """The edited pages indexed alone, for the search page to merge until the published index is current."""
        if not self.search:
            return None
        try:
            if self._shard_of is None:
                plan = search_plan(self._snapshot.library)
                self._shard_of = {path: shard for shard, paths in plan.items() for path in paths}
            return index_overlay(pages, self._shard_of, self.output, pagefind_binary())
        except (OSError, RuntimeError, BuildError) as exc:  # the search catches up with the build instead
            self._print(f"{_now()} could not index the edit early ({exc}); the search follows the build", self.err)
            return None

    def _succeeded(self, result: BuildResult, changed: set[Path] | None, shown: bool = False,
                   note: str = "", what: str = "") -> None:
        self._print_warnings([str(d) for d in result.diagnostics])
        if self.server is not None:
            self.server.early = {}  # the published pages take over, before the pages are told to reload
            if not note:  # the published index is current: the overlay goes with the same reload
                self.server.overlay = None
        self.state.succeeded(site_changed=bool(result.report and result.report.swapped) or shown, note=note)
        phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.timings.items() if name != "total")
        cause = f"{self._describe(changed)}: " if changed else ""
        what = what or f"built {result.notices} notices"
        then = "; indexing the search" if note else ""
        self._print(f"{_now()} {cause}{what} in {result.timings['total']:.2f} s ({result.report}; {phases}){then}")

    def _failed(self, diagnostics: list[Diagnostic], extra: list[str] = ()) -> None:
        if self.server is not None:
            self.server.early = {}  # an edit shown early whose build failed: back to the last good build
            self.server.overlay = None
        if self._stopping:
            return  # Ctrl-C also stops Pagefind: that failure is no news
        self._print_warnings([str(d) for d in diagnostics if not d.is_error])
        errors = [str(d) for d in diagnostics if d.is_error] + list(extra)
        for line in errors:
            self._print(line, self.err)
        self.state.failed(tuple(errors))
        self._print(f"{_now()} build failed: {len(errors)} error(s); still serving the last good build", self.err)

    def _print_warnings(self, warnings: list[str]) -> None:
        # The same warnings on every save would bury the news; show them when they change.
        if tuple(warnings) != self._warnings:
            for line in warnings:
                self._print(line, self.err)
            self._warnings = tuple(warnings)

    def _relative(self, path: Path) -> str:
        path = path.resolve()
        return path.relative_to(self.root).as_posix() if self.root in path.parents else str(path)

    def _describe(self, changed: set[Path]) -> str:
        names = sorted(self._relative(p) for p in changed)
        return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")

    def _print(self, line: str, stream: TextIO | None = None) -> None:
        stream = stream or self.out
        print(line, file=stream, flush=True)


def serve(root: Path, *, host: str = "127.0.0.1", port: int | None = None, output: Path | None = None,
          search: bool = True, polling: bool = False) -> int:
    """Run the preview until Ctrl-C. Raises ServeError when it cannot listen."""
    if not root.is_dir():
        raise ServeError(f"no such folder: {root} (give the site root, the folder with site.toml, with --root)")
    preview = Preview(root, output=output, search=search, polling=polling)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` and service managers stop it like Ctrl-C
        # A shell starts a background job (`site-builder serve &` in a script) with SIGINT ignored, and Python then
        # leaves it so: `kill -INT` would do nothing. The preview always stops on it.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        preview.start(host, port)  # inside: a Ctrl-C while it starts stops it like any other
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
    finally:
        preview.stop()
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _bind(host: str, port: int | None, output: Path, state: BuildState) -> PreviewServer:
    ports = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES)
    for candidate in ports:
        try:
            return PreviewServer((host, candidate), output, state)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE and port is None:
                continue
            raise ServeError(f"cannot listen on {host}:{candidate}: {exc.strerror or exc}"
                             f" (choose another --port or --host)") from None
    raise ServeError(f"ports {DEFAULT_PORT}-{DEFAULT_PORT + PORT_TRIES - 1} on {host} are all in use "
                     f"(choose one with --port)")


def _watch_list(scope: WatchScope) -> str:
    names = [f"{folder.relative_to(scope.root).as_posix()}/" for folder in scope.folders]
    return ", ".join(names + [f.name for f in scope.files])


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _now() -> str:
    return time.strftime("[%H:%M:%S]")
