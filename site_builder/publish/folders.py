"""The output folder and its siblings (staging, previous site, lock): which folders we may replace, how a
killed build's leftovers are recovered, how a folder of ours is removed, and the swap itself.

The swap replaces the whole output folder, so it only ever replaces a folder we made: one that is empty, or whose
manifest lists every file in it (`check_output`), and never a folder that holds or lies inside the site's sources
(`check_placement`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.load.files import read_limited

MANIFEST = ".site-builder-manifest.json"  # path → sha256 of every published file
PAGES = ".site-builder-pages.json"  # path → fingerprint of the view model each page was rendered from
STAGING_MARK = ".site-builder-staging"  # in a staging folder from its first moment: ours to remove
UNLISTED = ("pagefind",)  # made by the search indexer in the stage, not listed in the manifest


def state_paths(output: Path) -> tuple[Path, Path, Path]:
    """Staging folder, previous-site folder and lock file, all siblings of the output (same filesystem)."""
    parent, name = output.parent, output.name
    return parent / f".{name}.staging", parent / f".{name}.old", parent / f".{name}.lock"


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
            open(mark, "xb").close()
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
    listed = read_manifest(output)
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


def read_manifest(output: Path) -> dict[str, str]:
    """The published files and their sha256, as recorded by the last successful publish ({} when none)."""
    return read_json(output / MANIFEST)


def read_json(path: Path) -> dict[str, str]:
    try:
        data = json.loads(read_limited(path, 1 << 30))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def swap(staging: Path, output: Path) -> None:
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
