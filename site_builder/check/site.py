"""`site-builder check`: every internal link and anchor of a built site resolves. Nothing is fetched.

The checker is pure (feed it files, ask for the report) so it runs the same on a folder or on a build in memory;
`check_folder` is the only function that reads the disk. Links are HTML href/src/action/…, feed and sitemap URLs,
robots.txt's Sitemap line and the JSON API's "url"/"*_url" fields; absolute URLs under the site's base_url are
mapped back to files. External links are counted and listed, never requested.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_builder.check import linkscan
from site_builder.load.files import Unreadable, read_limited
from site_builder.load.settings import load_config
from site_builder.core.diagnostics import Diagnostic
from site_builder.search.index import BUNDLES as SEARCH_FOLDER, MANIFEST as SEARCH_MANIFEST

_SCANNED = (".html", ".htm", ".xml", ".json", ".css", "robots.txt")
_UNSAFE_SCHEMES = ("javascript", "vbscript")
_SHOWN_PER_PROBLEM = 3  # a template bug breaks one link on every page: show a few, count the rest
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


def page_kind(path: str) -> str:
    """The page type of an output path, for grouping: "home", "404", "notices/*", "notices/index", …"""
    parts = path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    is_index = re.fullmatch(r"index(-\d+)?", stem) is not None
    if len(parts) == 1:
        return "home" if is_index else re.sub(r"(?<=[a-z])-\d+$", "", stem)  # timeline-2.html is a timeline page
    return "/".join([parts[0], *["*"] * (len(parts) - 2), "index" if is_index else "*"])


def is_source(path: str) -> bool:
    """Files whose links are checked: the site's own pages and data, not Pagefind's bundle nor dotfiles."""
    parts = path.split("/")
    if parts[0] == "pagefind" or any(part.startswith(".") for part in parts):
        return False
    return path.endswith(_SCANNED)


@dataclass(frozen=True)
class Target:
    kind: str  # "internal", "external", "other" (mailto:, tel:, data:), "unsafe", "outside"
    path: str = ""  # site-relative file, for internal links
    fragment: str = ""


@dataclass
class CheckReport:
    diagnostics: list[Diagnostic]
    external: dict[str, tuple[int, str]]  # URL → (times linked, first place "public/x.html:12")
    files: int
    links: int
    pages_by_kind: dict[str, int]
    not_shown: int = 0  # broken links counted but not shown (the same problem on many pages)
    unsearched: int = 0  # links into pagefind/ of a site built without its search index (--no-search)

    @property
    def broken(self) -> int:
        return sum(d.is_error for d in self.diagnostics) + self.not_shown

    def summary(self) -> str:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(self.pages_by_kind.items()))
        said = (f"checked {self.links} links in {self.files} files ({kinds}): {self.broken} broken, "
                f"{len(self.external)} external (not fetched)")
        if self.unsearched:
            said += (f"; built without the search index (--no-search): {self.unsearched} link(s) into "
                     f"{SEARCH_FOLDER}/ not checked")
        return said


@dataclass
class _Problem:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    count: int = 0


class Checker:
    """Feed every file of a site with add(); report() gives the broken links. Holds no page text, only ids."""

    def __init__(self, paths: Iterable[str], base_url: str, shown: str = "public"):
        self.paths = set(paths)
        self.folders = {posixpath.dirname(p) for p in self.paths}
        base = urlsplit(base_url)
        self.base_host = base.netloc.lower()
        self.base_path = base.path if base.path.endswith("/") else base.path + "/"
        self.shown = shown.rstrip("/")
        self.ids: dict[str, str] = {}  # page → "\n"-joined ids: compact, a big site has millions
        self.pending: dict[tuple[str, str], _Problem] = {}  # anchors in pages not read yet
        self.problems: dict[tuple, _Problem] = {}
        self.external: dict[str, tuple[int, str]] = {}
        self.files = self.links = 0
        self._resolved: dict[tuple[str, str], Target] = {}
        self.kinds: dict[str, int] = {}
        # A --no-search build has the search page but no index: its links into pagefind/ are expected to miss.
        self.search_built = SEARCH_MANIFEST in self.paths
        self.unsearched = 0

    def unreadable(self, path: str, reason: str) -> None:
        self._problem(("E707", path), path, 1, "E707", f"cannot read file: {reason}", "a built site holds files")

    def add(self, path: str, data: bytes) -> None:
        found = linkscan.scan(path, data)
        self.files += 1
        if found.malformed is not None:
            kind = "JSON" if path.endswith(".json") else "XML"
            self._problem(("E706", path), path, found.malformed[0], "E706",
                          f"not well-formed {kind}: {found.malformed[1]}", "readers and crawlers reject the file")
        if found.ids is not None:
            self.ids[path] = "\n" + "\n".join(found.ids) + "\n"
            kind = page_kind(path)
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
            for anchor, line in found.duplicate_ids:
                self._problem(("E705", path, anchor), path, line, "E705", f"duplicate id '{anchor}'",
                              f"first on line {found.ids[anchor]}; a link to it is ambiguous")
        for link in found.links:
            self.links += 1
            self._check(path, link)

    def report(self) -> CheckReport:
        for (target, fragment), waiting in sorted(self.pending.items()):
            if f"\n{fragment}\n" not in self.ids.get(target, f"\n{fragment}\n"):
                for d in waiting.diagnostics:
                    self._add_problem(("E702", target, fragment), d)
                self.problems[("E702", target, fragment)].count += waiting.count - len(waiting.diagnostics)
        self.pending.clear()
        diagnostics, not_shown = [], 0
        for problem in self.problems.values():
            extra = problem.count - len(problem.diagnostics)
            not_shown += extra
            for i, d in enumerate(problem.diagnostics):
                if extra > 0 and i == len(problem.diagnostics) - 1:
                    d = Diagnostic(d.path, d.line, d.code, d.message, f"{d.hint}; {extra} more like it")
                diagnostics.append(d)
        return CheckReport(sorted(diagnostics), dict(sorted(self.external.items())), self.files, self.links,
                           dict(self.kinds), not_shown, self.unsearched)

    def _check(self, source: str, link: linkscan.Found) -> None:
        target = self.resolve(source, link.url, root_relative=link.base == "root")
        if target.kind == "external":
            count, first = self.external.get(link.url, (0, f"{self.shown}/{source}:{link.line}"))
            self.external[link.url] = (count + 1, first)
        elif target.kind == "unsafe":
            self._problem(("E704", link.url), source, link.line, "E704", f"unsafe link '{link.url}'",
                          "a javascript: link runs code when followed; link to a page instead")
        elif target.kind == "outside":
            self._problem(("E703", link.url), source, link.line, "E703", f"link leaves the site '{link.url}'",
                          f"it points outside {self.base_path} of the site")
        elif target.kind == "internal":
            if source == "404.html" and _is_relative(link.url):
                self._problem(("E706", link.url), source, link.line, "E706",
                              f"relative link on the 404 page '{link.url}'",
                              "the server shows this page for missing URLs in every folder, where a relative "
                              "link breaks; start it at the site's root path")
            self._check_internal(source, link, target)

    def _check_internal(self, source: str, link: linkscan.Found, target: Target) -> None:
        if target.path not in self.paths:
            if not self.search_built and target.path.startswith(SEARCH_FOLDER + "/"):
                self.unsearched += 1
                return
            self._problem(("E701", target.path), source, link.line, "E701", f"broken link '{link.url}'",
                          f"{target.path} is not in the site")
            return
        fragment = target.fragment
        if not fragment or fragment == "top" or not target.path.endswith((".html", ".htm")):
            return
        message, hint = f"broken anchor '{link.url}'", f"{target.path} has no id '{fragment}'"
        if target.path == source:
            if f"\n{fragment}\n" not in self.ids.get(source, ""):
                self._problem(("E702", target.path, fragment), source, link.line, "E702", message, hint)
            return
        waiting = self.pending.setdefault((target.path, fragment), _Problem())
        waiting.count += 1
        if len(waiting.diagnostics) < _SHOWN_PER_PROBLEM:
            waiting.diagnostics.append(Diagnostic(f"{self.shown}/{source}", link.line, "E702", message, hint))

    def resolve(self, source: str, url: str, root_relative: bool = False) -> Target:
        """Where a URL written in `source` leads; relative URLs of the JSON API start at the site root."""
        if url.startswith("#"):  # the outline's links: most links of a notice page
            return Target("internal", source, unquote(url[1:]))
        # Every page of a folder links the same navigation: resolve each URL once per folder.
        key = (url, "" if root_relative else posixpath.dirname(source))
        target = self._resolved.get(key)
        if target is None:
            target = self._resolve(source, url, root_relative)
            if len(self._resolved) > 200_000:  # bounded: a big site's citations are mostly unique
                self._resolved.clear()
            if target.kind != "internal" or target.path != source:
                self._resolved[key] = target
        return target

    def _resolve(self, source: str, url: str, root_relative: bool) -> Target:
        url = url.strip(_C0_AND_SPACE)
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in _UNSAFE_SCHEMES:
            return Target("unsafe")
        if scheme and scheme not in ("http", "https"):
            return Target("other")
        fragment = unquote(parts.fragment)
        if scheme or parts.netloc:
            inside = parts.netloc.lower() == self.base_host and (parts.path + "/").startswith(self.base_path)
            if not inside:
                return Target("external")
            return self._file(parts.path[len(self.base_path):], fragment)
        if parts.path.startswith("/"):
            if not (parts.path + "/").startswith(self.base_path):
                return Target("outside")
            return self._file(parts.path[len(self.base_path):], fragment)
        if not parts.path:
            return Target("internal", source, fragment)
        folder = "" if root_relative else posixpath.dirname(source)
        return self._file(posixpath.join(folder, parts.path), fragment)

    def _file(self, path: str, fragment: str) -> Target:
        wants_folder = path == "" or path.endswith("/")
        path = posixpath.normpath(unquote(path)) if path else "."
        if path == ".." or path.startswith("../"):
            return Target("outside")
        path = "" if path == "." else path
        if wants_folder or path in self.folders:
            path = posixpath.join(path, "index.html")
        return Target("internal", path, fragment)

    def _problem(self, key: tuple, source: str, line: int, code: str, message: str, hint: str) -> None:
        self._add_problem(key, Diagnostic(f"{self.shown}/{source}", line, code, message, hint))

    def _add_problem(self, key: tuple, diagnostic: Diagnostic) -> None:
        problem = self.problems.setdefault(key, _Problem())
        problem.count += 1
        if len(problem.diagnostics) < _SHOWN_PER_PROBLEM:
            problem.diagnostics.append(diagnostic)


def _is_relative(url: str) -> bool:
    parts = urlsplit(url.strip(_C0_AND_SPACE))
    return not parts.scheme and not parts.netloc and bool(parts.path) and not parts.path.startswith("/")


def check_files(files: dict[str, bytes], base_url: str, shown: str = "public") -> CheckReport:
    """Check a site held in memory ({site-relative path: bytes})."""
    checker = Checker(files, base_url, shown)
    for path in sorted(files):
        if is_source(path):
            checker.add(path, files[path])
    return checker.report()


def site_files(folder: Path) -> Iterator[str]:
    """Every file under folder, site-relative, in a stable order."""
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        rel = Path(top).relative_to(folder).as_posix()
        for name in sorted(names):
            yield name if rel == "." else f"{rel}/{name}"


def check_folder(folder: Path, base_url: str, shown: str = "public") -> CheckReport:
    """Check a built site on disk, one file at a time."""
    paths = list(site_files(folder))
    checker = Checker(paths, base_url, shown)
    for path in paths:
        if is_source(path):
            try:
                data = read_limited(folder / path)
            except Unreadable as exc:  # a FIFO or a device planted in the output: said, never read
                checker.unreadable(path, exc.reason)
                continue
            checker.add(path, data)
    return checker.report()


def run_check(root: Path, output: Path | None = None) -> int:
    """The command: check the built site, print broken links and the external ones; 1 if any is broken."""
    root = root.resolve()
    config, diagnostics = load_config(root)
    folder = (output or root / config.output).resolve()
    shown = _shown(folder, root)
    if not any(d.is_error for d in diagnostics) and not (folder / "index.html").is_file():
        diagnostics.append(Diagnostic(shown, 1, "E700", "no built site here", "run 'site-builder build' first"))
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    if any(d.is_error for d in diagnostics):
        print("check failed: the site could not be checked", file=sys.stderr)
        return 1
    report = check_folder(folder, config.base_url, shown)
    for diagnostic in report.diagnostics:
        print(diagnostic, file=sys.stderr)
    if report.external:
        print("external links (listed, not fetched):")
        for url, (count, first) in report.external.items():
            print(f"  {url}  ({first}{f', {count} links' if count > 1 else ''})")
    print(report.summary())
    if report.broken:
        print(f"check failed: {report.broken} broken link(s)", file=sys.stderr)
        return 1
    return 0


def _shown(folder: Path, root: Path) -> str:
    try:
        return folder.relative_to(root).as_posix()
    except ValueError:
        return folder.as_posix()
