"""Publish a build atomically: write a staging folder beside the output, then swap the two in one step.

A killed build leaves the output as it was (the old site) or swapped (the new site), never a mix. Files whose
bytes did not change are hard-linked from the previous output instead of written again.

The swap replaces the whole output folder, so it only ever replaces a folder we made: one that is empty, or whose
manifest lists every file in it (`check_output`), and never a folder that holds or lies inside the site's sources.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.load.files import read_limited, sync_folder

MANIFEST = ".site-builder-manifest.json"  # path → sha256 of every published file
PAGES = ".site-builder-pages.json"  # path → fingerprint of the view model each page was rendered from
STAGING_MARK = ".site-builder-staging"  # in a staging folder from its first moment: ours to remove
UNLISTED = ("pagefind",)  # made by the search indexer in the stage, not listed in the manifest


def _dump(value: dict) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class PublishReport:
    written: int  # files whose bytes were written
    linked: int  # files carried over from the previous output unchanged
    removed: int  # files of the previous output that are gone
    swapped: bool  # False when the new site is byte-identical to the published one

    def __str__(self) -> str:
        if not self.swapped:
            return "no file changed"
        return f"{self.written} written, {self.linked} unchanged, {self.removed} removed"


def state_paths(output: Path) -> tuple[Path, Path, Path]:
    """Staging folder, previous-site folder and lock file, all siblings of the output (same filesystem)."""
    parent, name = output.parent, output.name
    return parent / f".{name}.staging", parent / f".{name}.old", parent / f".{name}.lock"


class BuildLock:
    """One build at a time per output folder. The kernel drops the lock if the process dies."""

    def __init__(self, output: Path):
        self.path = state_paths(output)[2]
        self.handle = None

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:  # never through a link: a planted .public.lock -> somefile would get our pid written into it
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o644)
        except OSError as exc:
            reason = "it is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
            raise BuildError([Diagnostic(str(self.path), 1, "E402", f"cannot open the build lock: {reason}",
                                         "remove it; the build makes its own")]) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise BuildError([Diagnostic(str(self.path), 1, "E402", "cannot open the build lock: not a regular "
                                         "file", "remove it; the build makes its own")])
        handle = os.fdopen(fd, "r+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            owner = handle.read().strip() or "?"
            handle.close()
            raise BuildError([Diagnostic(str(self.path), 1, "E402",
                                         f"another build of this site is running (pid {owner})",
                                         "wait for it to finish, or stop it")]) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self.handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self.handle:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()


_PLAIN_PATH_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*")


def check_path(rel: str) -> str:
    """Refuse any output path that is absolute, climbs out with '..', or is not plain."""
    if _PLAIN_PATH_RE.fullmatch(rel) and ".." not in rel:  # what the build makes: checked without pathlib
        return rel
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or rel != pure.as_posix() or "\\" in rel:
        raise BuildError([Diagnostic(rel, 1, "E403", "output path escapes the output folder")])
    return rel


def recover(output: Path) -> None:
    """Finish or undo a swap that a killed build left half done, and drop a stale staging folder.

    Only folders we made are removed (an empty one, or one with our staging mark or manifest): a user's own
    folder that happens to be named .public.staging is reported, not deleted."""
    staging, old, _ = state_paths(output)
    if not output.exists() and old.exists() and _ours(old):
        os.rename(old, output)
    for leftover in (staging, old):
        if leftover.is_symlink() or leftover.exists():
            if not _ours(leftover):
                raise BuildError([Diagnostic(str(leftover), 1, "E407", "this folder is in the way of the build, "
                                             "and site-builder did not make it", "move it away")])
            remove_tree(leftover)


def remove_tree(folder: Path | str) -> None:
    """Remove a folder of ours so that a kill at any moment leaves it recognisably ours (`_ours`): marked first,
    emptied, the mark last. Read-only folders in it (a site published read-only, then swapped out) are made
    writable as they are met."""
    folder = str(folder)
    if not os.path.isdir(folder) or os.path.islink(folder):
        raise FileNotFoundError(errno.ENOENT, "not a folder", folder)
    mark = os.path.join(folder, STAGING_MARK)
    if not os.path.lexists(mark):
        try:
            os.chmod(folder, 0o700)
            _write(mark, b"")
        except OSError:
            pass  # a full disk: removed all the same; a kill now leaves a folder recover() refuses, said clearly

    def writable_and_again(function, name, info):
        if not issubclass(info[0], PermissionError):
            raise info[1]
        os.chmod(os.path.dirname(name), 0o700)
        if os.path.isdir(name) and not os.path.islink(name):
            os.chmod(name, 0o700)
        function(name)

    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name == STAGING_MARK:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, onerror=writable_and_again)
            else:
                os.unlink(entry.path)
    if os.path.lexists(mark):
        os.unlink(mark)
    os.rmdir(folder)


def _ours(folder: Path) -> bool:
    if folder.is_symlink() or not folder.is_dir():
        return False
    names = os.listdir(folder)
    return not names or STAGING_MARK in names or MANIFEST in names


def check_placement(output: Path, root: Path, sources: Iterable[Path]) -> None:
    """Refuse an output folder that is or holds the site root, or is, holds or lies inside one of its sources
    (content/, templates/, theme/, the cache). Paths are resolved: a link is judged by its target."""
    output = output.resolve()
    shown = str(output)
    for source in (root, *sources):
        source = source.resolve()
        inside = source in output.parents and source != root.resolve()
        if output == source or output in source.parents or inside:
            where = "is" if output == source else "holds" if output in source.parents else "lies inside"
            raise BuildError([Diagnostic(shown, 1, "E405", f"cannot publish here: the output folder {where} "
                                         f"{source}, which the site is built from",
                                         "set [build] output in site.toml or --out to a folder of its own, "
                                         "e.g. public")])


def check_output(output: Path) -> None:
    """Refuse an output folder the swap would destroy something in: a filesystem's root, a file, or a folder
    holding files we did not make."""
    output = output.resolve()
    shown = str(output)
    if output.parent == output:
        raise BuildError([Diagnostic(shown, 1, "E405", "cannot publish to the root of a filesystem",
                                     "choose a folder of its own, e.g. public")])
    if not output.exists():
        return
    if not output.is_dir():
        raise BuildError([Diagnostic(shown, 1, "E405", "cannot publish here: this is a file, not a folder",
                                     "choose a folder of its own, e.g. public")])
    foreign = foreign_files(output)
    if foreign:
        listed = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise BuildError([Diagnostic(shown, 1, "E406", f"cannot publish here: the folder holds {len(foreign)} "
                                     f"file(s) site-builder did not make ({listed}); publishing replaces the "
                                     "whole folder", "publish to an empty or new folder, or move those files "
                                     "away")])


def foreign_files(output: Path) -> list[str]:
    """Files in a non-empty output folder that its manifest does not list (all of them without a manifest)."""
    listed = _read_manifest(output)
    known = set(listed) | {MANIFEST, PAGES}
    found: list[str] = []
    stack = [("", str(output))]
    while stack and len(found) < 100:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if not (prefix == "" and entry.name in UNLISTED and listed):
                        stack.append((rel + "/", entry.path))
                elif rel not in known:
                    found.append(rel)
    return sorted(found)


class Stage:
    """A staging folder being filled: files are written, or hard-linked from the output when unchanged.

    Worker processes may `put` into the same stage (it is forked to them); they hand back what they recorded,
    and the parent `record`s it, so the manifest is built in one place.
    """

    def __init__(self, output: Path, state: str = ""):
        """state: what the build cache calls the state of this build (cache.State.identity), published with the
        site so that the next build knows whether its cached state is that of the published site."""
        recover(output)
        check_output(output)
        self.output = output
        self.staging = state_paths(output)[0]
        self.previous = _read_manifest(output)
        recorded = _read_json(output / PAGES) if self.previous else {}
        self.previous_pages: dict[str, str] = recorded.get("pages", {})
        self.previous_groups: dict[str, dict] = recorded.get("groups", {})
        self.previous_state: str = recorded.get("state", "")
        self.state = state
        self.manifest: dict[str, str] = {}
        self.pages: dict[str, str] = {}  # output path → fingerprint of what it was rendered from
        self.groups: dict[str, dict] = {}  # name → {"key": inputs digest, "paths": the files it made}
        self.written = self.linked = 0
        self.staging.mkdir(parents=True)
        try:
            _write(os.path.join(self.staging, STAGING_MARK), b"")
        except BaseException:
            self.abort()
            raise
        self._out, self._stage, self._folders = str(output), str(self.staging), {""}

    def put(self, rel: str, data: bytes) -> tuple[str, str, bool]:
        """Stage a file's bytes; returns (path, sha256, written) for `record`."""
        digest = hashlib.sha256(data).hexdigest()
        target = self._staged(check_path(rel))
        if self.previous.get(rel) == digest and _link(os.path.join(self._out, rel), target):
            return rel, digest, False
        _write(target, data)
        return rel, digest, True

    def keep(self, rel: str) -> tuple[str, str, bool] | None:
        """Carry a file of the published output over unchanged, without reading it."""
        if rel not in self.previous or not _link(os.path.join(self._out, check_path(rel)), self._staged(rel)):
            return None
        return rel, self.previous[rel], False

    def _staged(self, rel: str) -> str:
        # Plain strings and one mkdir per folder: a 10,000-notice build stages ~25,000 files, and pathlib and
        # repeated mkdir calls cost more than the links themselves.
        folder = rel.rpartition("/")[0]
        if folder not in self._folders:
            os.makedirs(os.path.join(self._stage, folder), exist_ok=True)
            self._folders.add(folder)
        return os.path.join(self._stage, rel)

    def unchanged(self, rel: str, fingerprint: str) -> bool:
        """Was rel published from exactly this fingerprint? Then it needs no rendering."""
        return self.previous_pages.get(rel) == fingerprint and rel in self.previous

    def keep_group(self, name: str, key: str) -> bool:
        """Carry over every file a group of pages made, if it was made from the same inputs; else False."""
        previous = self.previous_groups.get(name)
        if not previous or previous.get("key") != key:
            return False
        paths = previous.get("paths", [])
        if not all(rel in self.previous and os.path.isfile(os.path.join(self._out, rel)) for rel in paths):
            return False
        for rel in paths:
            entry = self.keep(rel)
            if entry is None:  # vanished between the check and the link: the site was changed under us
                raise BuildError([Diagnostic(rel, 1, "E404", "a published file disappeared during the build",
                                             "build again")])
            self.record(entry, self.previous_pages.get(rel, ""))
        self.groups[name] = previous
        return True

    def record_group(self, name: str, key: str, paths: list[str]) -> None:
        self.groups[name] = {"key": key, "paths": sorted(paths)}

    def record(self, entry: tuple[str, str, bool], fingerprint: str = "") -> None:
        rel, digest, written = entry
        if rel in self.manifest:
            raise BuildError([Diagnostic(rel, 1, "E401", "two outputs claim the same path")])
        self.manifest[rel] = digest
        if fingerprint:
            self.pages[rel] = fingerprint
        if written:
            self.written += 1
        else:
            self.linked += 1

    def commit(self, stage_hook: Callable[[Path, bool], None] | None = None) -> PublishReport:
        """Run the hook on the complete stage, then swap it in; nothing is swapped when nothing changed."""
        try:
            removed = len(set(self.previous) - set(self.manifest))
            changed = bool(self.written or removed) or not self.output.exists()
            if stage_hook is not None:
                stage_hook(self.staging, changed)
            if not changed:
                remove_tree(self.staging)
                return PublishReport(0, self.linked, 0, swapped=False)
            recorded = {"pages": self.pages, "groups": self.groups}
            if self.state:
                recorded["state"] = self.state
            _write(os.path.join(self._stage, PAGES), _dump(recorded))
            _write(os.path.join(self._stage, MANIFEST), _dump(self.manifest))
            os.unlink(os.path.join(self._stage, STAGING_MARK))
            sync_filesystem(self.staging)  # the new site is on disk before it is swapped in
            _swap(self.staging, self.output)
            sync_folder(self.output.parent)
        except BaseException:
            self.abort()
            raise
        try:
            remove_tree(self.staging)  # after the swap this holds the old site
        except OSError:
            pass  # published all the same; the next build removes it (recover)
        return PublishReport(self.written, self.linked, removed, swapped=True)

    def abort(self) -> None:
        try:
            remove_tree(self.staging)
        except OSError:
            pass  # the next build removes it (recover)


def publish(output: Path, files: Mapping[str, bytes], keep: Iterable[str] = (),
            stage_hook: Callable[[Path, bool], None] | None = None) -> PublishReport:
    """Make `output` hold exactly `files` plus the `keep` paths of the current output.

    stage_hook(staging, changed) runs on the complete staging folder before the swap (the search indexer);
    an exception from it aborts the publish and leaves the output untouched.
    """
    stage = Stage(output)
    try:
        for rel in sorted(keep):
            entry = stage.keep(rel)
            if entry is not None:
                stage.record(entry)
        for rel in sorted(files):
            stage.record(stage.put(rel, files[rel]))
    except BaseException:
        stage.abort()
        raise
    return stage.commit(stage_hook)


def read_published(output: Path) -> dict[str, str]:
    """The published files and their sha256, as recorded by the last successful publish."""
    return _read_manifest(output)


def _read_manifest(output: Path) -> dict[str, str]:
    return _read_json(output / MANIFEST)


def _read_json(path: Path) -> dict[str, str]:
    try:
        data = json.loads(read_limited(path, 1 << 30))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _link(source: str | Path, target: str | Path) -> bool:
    """Hard-link source to target (whose folder exists); False when source is gone."""
    try:
        os.link(source, target)
        return True
    except FileExistsError:
        os.unlink(target)
        return _link(source, target)
    except OSError:
        if not os.path.isfile(source):
            return False
        shutil.copy2(source, target)  # a filesystem without hard links
        return True


def _write(target: str | Path, data: bytes) -> None:
    # Never write through an existing name: in the stage it may be a hard link to a published file.
    try:
        handle = open(target, "xb")
    except FileExistsError:
        os.unlink(target)
        handle = open(target, "xb")
    with handle:
        handle.write(data)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap(staging: Path, output: Path) -> None:
    """Put staging in place of output in one step (renameat2 RENAME_EXCHANGE), else in two renames."""
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        return
    _, old, _ = state_paths(output)
    os.rename(output, old)  # a kill between these two renames is undone by recover()
    os.rename(staging, output)
    os.rename(old, staging)


def sync_filesystem(folder: Path) -> None:
    """Flush every written file of the filesystem holding folder (syncfs: one call, not one fsync a file)."""
    libc_name = ctypes.util.find_library("c")
    syncfs = getattr(ctypes.CDLL(libc_name, use_errno=True), "syncfs", None) if libc_name else None
    if syncfs is None:
        os.sync()
        return
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        syncfs(handle)
    finally:
        os.close(handle)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
