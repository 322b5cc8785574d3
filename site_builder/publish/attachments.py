"""The attachment step: every file the notices name (附件), checked, read when it changed, its text read once.

It runs after the extract phase (build.py), when every notice's front matter is known:

- each file is found and checked (load/attachments.py): inside content/, a regular file, within the size limit
  of site.toml; a problem is an error on the line of every notice item that names the file;
- a file whose stat is the one the last build saw is not read again (State.attachments); a changed one is read
  and its digest taken, and its text read by a maintained library (extract/attachments.py) unless a text of the
  same bytes is cached (keys.text_key), in worker processes when there are several, each within TIME_LIMIT;
- a damaged, password-protected or textless file is a warning: it is published, without its text;
- the notices' Extracts are given what their files hold (kind, size, digest, text key) and their public facts
  made again, so that everything keyed by those (the notice's pages, the lists and feeds, the API, the search
  shards) follows a changed file, exactly as it follows a changed notice.

The files themselves are copied into the site with their notice's pages (publish/pages.py).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder.core import filetypes, keys, pool
from site_builder.core.diagnostics import Diagnostic
from site_builder.core.model import Attachment, AttachmentText, Extract
from site_builder.extract.attachments import CORRUPT, EMPTY, ENCRYPTED, read_text
from site_builder.load import attachments as files
from site_builder.publish.cache import Cache

TIME_LIMIT = 60  # seconds one file's text may take to read; a file that takes longer is published unsearched


@dataclass(frozen=True)
class Seen:
    """What a build found in one attachment file, kept in the cache state to skip it while its stat is the same."""

    size: int
    mtime_ns: int
    digest: str
    text: str = ""  # cache key of its text ("" when it has none to search)
    problem: str = ""  # why it has none: extract.attachments.CORRUPT, ENCRYPTED or EMPTY
    detail: str = ""  # what the library said


@dataclass
class Resolved:
    extracts: list[Extract]  # with their attachments filled in
    files: dict[str, Seen]  # every file named, by its path below content/
    diagnostics: list[Diagnostic]
    stats: tuple[tuple[str, int, int], ...] = ()  # (path, size, mtime_ns) of every file named, for the stamp


def referenced(extracts: Iterable[Extract]) -> dict[str, list[tuple[str, int]]]:
    """File below content/ → (notice path, line) of every item that names it."""
    found: dict[str, list[tuple[str, int]]] = {}
    for extract in extracts:
        for attachment in extract.notice.attachments:
            if attachment.file:
                found.setdefault(attachment.file, []).append((extract.notice.path, attachment.line))
    return found


def stats(content: Path, names: Iterable[str]) -> list[tuple[str, int, int]]:
    """(name, size, mtime_ns) of the files a build named, for the inputs key of the next (missing: -1)."""
    out = []
    for name in names:
        found = files.probe(content, name)
        out.append((name, found.size if not found.problem else -1, found.mtime_ns))
    return out


# Set before the workers fork: they find the content folder, the limit and the cache here.
_WORK: dict = {}


def resolve(extracts: list[Extract], content: Path, shown: str, limit: int, store: Cache,
            previous: dict, jobs: int | None = None) -> Resolved:
    """Check and read every file the notices name; shown is how diagnostics name the content folder."""
    refs = referenced(extracts)
    diagnostics: list[Diagnostic] = []
    seen: dict[str, Seen] = {}
    todo: list[tuple[str, int, int]] = []
    names = sorted(refs)
    for name in names:
        found = files.probe(content, name)
        problem = found.problem or (f"too big: {found.size / (1024 * 1024):.1f} MB" if found.size > limit else "")
        if problem:
            diagnostics.extend(_refused(refs[name], name, problem, shown, limit))
            continue
        known = previous.get(name)
        if isinstance(known, Seen) and (known.size, known.mtime_ns) == (found.size, found.mtime_ns):
            seen[name] = known
        else:
            todo.append((name, found.size, found.mtime_ns))
    _WORK.update(content=content, limit=limit, store=store)
    try:
        batches = [[item] for item in todo]
        for (name, _, _), result in zip(todo, (r for batch in pool.run(_read_batch, batches, jobs, True,
                                                                        serial_below=2) for r in batch)):
            if isinstance(result, str):
                diagnostics.extend(_refused(refs[name], name, result, shown, limit))
            else:
                seen[name] = result
    finally:
        _WORK.clear()
    for name in names:
        if name in seen and seen[name].problem:
            diagnostics.extend(_unsearched(refs[name], name, seen[name], shown))
    diagnostics.sort(key=lambda d: (d.path, d.line, d.code))
    filled = [_filled(extract, seen) for extract in extracts]
    stamped = tuple((name, seen[name].size, seen[name].mtime_ns) for name in names if name in seen)
    return Resolved(filled, seen, diagnostics, stamped)


def _read_batch(batch: list[tuple[str, int, int]]) -> list:
    return [_read_one(*item) for item in batch]


def _read_one(name: str, size: int, mtime_ns: int) -> Seen | str:
    """What a file holds, or why it cannot be read."""
    content, limit, store = _WORK["content"], _WORK["limit"], _WORK["store"]
    try:
        data = files.read(content, name, limit)
    except files.Unreadable as exc:
        return exc.reason
    digest = keys.file_digest(data)
    kind = filetypes.of(name)
    if not kind.reader:
        if filetypes.looks_like(kind, data[:1024]):
            return Seen(len(data), mtime_ns, digest)
        return Seen(len(data), mtime_ns, digest, problem=CORRUPT, detail=f"it does not begin like a {kind.label} file")
    key = keys.text_key(digest, kind.reader)
    if store.has_text(key):
        text = store.get_text(key)
    else:
        text = _within(TIME_LIMIT, read_text, kind.reader, data)
        if text is None:
            return Seen(len(data), mtime_ns, digest, problem=CORRUPT,
                        detail=f"reading its text took more than {TIME_LIMIT} s")
        store.put_text(key, text)
    return Seen(len(data), mtime_ns, digest, key if text.blocks else "", text.problem, text.detail)


class _TooLong(Exception):
    pass


def _within(seconds: int, function, *args) -> AttachmentText | None:
    """function(*args), or None when it runs longer than `seconds` (measured only in a main thread, where a
    signal can interrupt it: the command line and the workers; the preview server's builds are not bounded)."""
    if threading.current_thread() is not threading.main_thread():
        return function(*args)

    def expire(signum, frame):
        raise _TooLong

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return function(*args)
    except _TooLong:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _filled(extract: Extract, seen: dict[str, Seen]) -> Extract:
    notice = extract.notice
    if not any(a.file for a in notice.attachments):
        return extract
    attachments = tuple(_fill(a, seen.get(a.file)) if a.file else a for a in notice.attachments)
    from site_builder.extract.notice import with_public  # here: a build with nothing changed never needs it

    return with_public(replace(extract, notice=replace(notice, attachments=attachments)))


def _fill(attachment: Attachment, found: Seen | None) -> Attachment:
    if found is None:  # refused: the build stops with its error
        return attachment
    return replace(attachment, kind=filetypes.extension(attachment.file), size=found.size, digest=found.digest,
                   text=found.text)


def _refused(places: list[tuple[str, int]], name: str, problem: str, shown: str, limit: int) -> list[Diagnostic]:
    """An error on each line that names a file that cannot be published."""
    if problem == "outside":
        code, message, hint = "E141", f"attachment file '{name}' leads outside {shown}/", \
            f"copy the file into {shown}/ instead of linking to it"
    elif problem == "missing":
        code, message, hint = "E142", f"attachment file '{name}' not found", \
            f"put the file at {shown}/{name}, or correct the path: it is relative to {shown}/"
    elif problem.startswith("too big"):
        code, message, hint = "E144", f"attachment file '{name}' is larger than the limit of " \
            f"{limit // (1024 * 1024)} MB ({problem.removeprefix('too big: ')})", \
            "make it smaller (compress its images, split it), or raise [build] attachment_limit_mb in site.toml"
    else:
        code, message, hint = "E142", f"attachment file '{name}' cannot be read: {problem}", \
            "replace it with a regular file"
    return [Diagnostic(path, line, code, message, hint) for path, line in places]


_UNSEARCHED = {
    CORRUPT: ("W145", "cannot be read ({detail}): published without its text",
              "check that it opens, and save it again from the program that made it"),
    ENCRYPTED: ("W146", "is password-protected: published without its text",
                "publish a copy without a password to make its text searchable"),
    EMPTY: ("W147", "has no text to read (a scanned image?): published without its text",
            "publish a copy with a text layer (OCR) to make it searchable"),
}


def _unsearched(places: list[tuple[str, int]], name: str, found: Seen, shown: str) -> list[Diagnostic]:
    code, message, hint = _UNSEARCHED[found.problem]
    text = f"attachment file '{name}' " + message.format(detail=found.detail)
    return [Diagnostic(path, line, code, text, hint) for path, line in places]
