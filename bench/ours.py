"""Our build, driven only through its command line, and the rebuild scenarios of issue 8."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import sys
import time
from pathlib import Path

from measure import run

REPO = Path(__file__).resolve().parent.parent
# Where a build may keep state between runs; a cold build starts without any of it.
CACHE_DIRS = (".site-builder",)
BEFORE_EACH_RUN = lambda: None  # noqa: E731  run.py sets it to wait for a quiet machine
EDIT_MARKER = "本项措施自基准测试修订之日起执行并接受社会监督。"
TITLE_MARKER = "（基准测试修订稿）"
_ZWSP = "\u200b".encode("utf-8")
_CODE_AT_START: dict[str, str] = {}  # the code digest the first scenario saw
_MISSING = ("No module named", "ModuleNotFoundError", "ImportError", "invalid choice", "unrecognized arguments",
            "usage:")


def ours(site_root: Path, out: Path, search: bool) -> dict:
    """One `site-builder build` run, measured; status is ok, "not available" (no such CLI yet) or failed."""
    command = [sys.executable, "-m", "site_builder", "build", "--root", site_root, "--out", out, "--timings"]
    if not search:
        command.append("--no-search")
    result = run(command, cwd=REPO)
    data = result.as_dict()
    if result.ok:
        data["status"] = "ok"
    elif any(sign in result.stderr for sign in _MISSING):
        data["status"] = "not available"
    else:
        data["status"] = "failed"
    data["note"] = "" if result.ok else (result.stderr.strip().splitlines() or [f"exit {result.returncode}"])[-1]
    return data


def clean(site_root: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    for name in CACHE_DIRS:
        shutil.rmtree(site_root / name, ignore_errors=True)


def _changed(out: Path, since: float) -> list[Path]:
    """Files under out modified at or after since (what a rebuild rewrote, unless it swaps whole trees)."""
    found, pending = [], [out]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.stat(follow_symlinks=False).st_mtime >= since:
                found.append(Path(entry.path))
    return found


def _containing(paths: list[Path], text: str) -> dict:
    """How many changed HTML pages and search-index fragments contain text."""
    needle = text.encode("utf-8")
    pages = fragments = 0
    for path in paths:
        if path.suffix == ".html":
            pages += needle in path.read_bytes()
        elif path.suffix == ".pf_fragment":  # Pagefind's gzipped fragment: the page text, words split by U+200B
            try:
                fragments += needle in gzip.decompress(path.read_bytes()).replace(_ZWSP, b"")
            except (OSError, EOFError):
                pass
    return {"pages": pages, "search_fragments": fragments}


def edit_one(path: Path) -> str:
    """Replace the first sentence of the first plain paragraph (no citation in it); return the original text."""
    original = path.read_text(encoding="utf-8")
    front, body = original.split("\n---\n", 1)
    blocks = body.split("\n\n")
    for index, block in enumerate(blocks[1:], start=1):
        if "\u4e00" <= block[:1] <= "\u9fff" and "《" not in block and "。" in block \
                and not block.startswith("责任单位"):
            blocks[index] = EDIT_MARKER + block[block.index("。") + 1:]
            break
    else:
        raise ValueError(f"{path}: no paragraph to edit")
    path.write_text(front + "\n---\n" + "\n\n".join(blocks), encoding="utf-8")
    return original


def edit_title(path: Path) -> str:
    """Add a few words to a notice's title (the front matter's title line); returns the new title. Every list,
    department page, feed and API file that shows the title changes with it."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^title: *(.+)$", text, re.M)
    if match is None:
        raise ValueError(f"{path}: no title line")
    title = match[1].strip().strip("'\"") + TITLE_MARKER
    path.write_text(text[:match.start()] + f"title: {title}" + text[match.end():], encoding="utf-8")
    return title


_YEAR_NUMBER = re.compile(r"-(\d{4})-(\d+)\.md$")


def newest_notices(site_root: Path) -> list[Path]:
    """The notices of the newest year (by the 文号's year in the file name: the generator dates a notice in its
    文号's year), the last numbers first. Their search shard is the largest, so editing one of them shows what an
    edit of this year's notice, the usual kind, costs."""
    found = []
    for path in (site_root / "content" / "notices").glob("*.md"):
        match = _YEAR_NUMBER.search(path.name)
        if match:
            found.append((int(match[1]), int(match[2]), path))
    newest = max((year for year, _, _ in found), default=None)
    return [path for year, _, path in sorted(found, reverse=True) if year == newest]


def code_digest() -> str:
    """Of what a build's cache keys cover besides the site: the package's code, templates and theme. A change
    to any during a benchmark (a commit while it runs) makes the next build a cold one; such a figure is no
    rebuild figure (2026-12-01: a "nothing changed" build of 229 s was a commit landing mid-run)."""
    digest = hashlib.sha256()
    for folder in ("site_builder", "templates", "theme"):
        for file in sorted((REPO / folder).rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.relative_to(REPO).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _scenario(name: str, site_root: Path, out: Path, search: bool, marker: str | None = None) -> dict:
    BEFORE_EACH_RUN()
    started = time.time() - 1  # mtime granularity: count anything written in the run's own second
    code = code_digest()
    data = ours(site_root, out, search)
    data["scenario"] = name
    if data["status"] == "ok" and (code != code_digest() or code != _CODE_AT_START.setdefault("digest", code)):
        data["status"] = "invalid: the code changed during the benchmark"
    if data["status"] == "ok":
        changed = _changed(out, started)
        data["files_written"] = len(changed)
        if marker:
            data["found"] = _containing(changed, marker)
    return data


def scenarios(site_root: Path, out: Path, manifest: dict) -> dict:
    """Cold builds without and with search, then rebuilds: nothing changed, one notice edited, one cited added.

    The corpus is restored afterwards (edit undone, added notice removed), so it can be reused.
    """
    results: dict = {}
    clean(site_root, out)
    results["cold_no_search"] = _scenario("cold, no search", site_root, out, search=False)
    if results["cold_no_search"]["status"] != "ok":
        return results
    clean(site_root, out)
    results["cold_search"] = _scenario("cold, with search", site_root, out, search=True)
    if results["cold_search"]["status"] != "ok":
        return results
    results["noop"] = _scenario("nothing changed", site_root, out, search=True)
    edit_path = site_root / manifest["edit_target"]["file"]
    original = edit_one(edit_path)
    held = manifest.get("held_back")
    added = site_root / held["file"] if held else None
    newest, newest_original = None, None
    try:
        results["edit"] = _scenario("one notice edited", site_root, out, search=True, marker=EDIT_MARKER)
        results["edit"]["notice"] = manifest["edit_target"]["file"]
        for candidate in newest_notices(site_root):  # each build below sees one more change, and only that
            if candidate == edit_path:
                continue
            try:
                newest_original, newest = edit_one(candidate), candidate
                break
            except ValueError:
                continue
        if newest is not None:
            results["edit_newest"] = _scenario("one notice of the newest year edited", site_root, out,
                                               search=True, marker=EDIT_MARKER)
            results["edit_newest"]["notice"] = newest.relative_to(site_root).as_posix()
            marker = edit_title(newest)
            results["edit_title"] = _scenario("the title of that notice edited", site_root, out, search=True,
                                              marker=marker)
            results["edit_title"]["notice"] = results["edit_newest"]["notice"]
        if added:
            shutil.copyfile(site_root / held["path"], added)
            results["add"] = _scenario("cited notice added", site_root, out, search=True,
                                       marker=held["doc_number"])
            results["add"]["cited_by"] = held["cited_by"]
    finally:
        edit_path.write_text(original, encoding="utf-8")
        if newest is not None:
            newest.write_text(newest_original, encoding="utf-8")
        if added:
            added.unlink(missing_ok=True)
    return results
