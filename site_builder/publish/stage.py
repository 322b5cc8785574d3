"""Publish a build atomically: write a staging folder beside the output, then swap the two in one step.

A killed build leaves the output as it was (the old site) or swapped (the new site), never a mix. Files whose
bytes did not change are hard-linked from the previous output instead of written again. Which folders may be
replaced, and the swap itself, are in folders.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.publish import folders
from site_builder.publish.atomic import sync_filesystem, sync_folder
from site_builder.publish.folders import MANIFEST, PAGES, STAGING_MARK, read_manifest, remove_tree, state_paths  # noqa: F401


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


_PLAIN_PATH_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*")


def check_path(rel: str) -> str:
    """Refuse any output path that is absolute, climbs out with '..', or is not plain."""
    if _PLAIN_PATH_RE.fullmatch(rel) and ".." not in rel:  # what the build makes: checked without pathlib
        return rel
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or rel != pure.as_posix() or "\\" in rel:
        raise BuildError([Diagnostic(rel, 1, "E403", "output path escapes the output folder")])
    return rel


class Stage:
    """A staging folder being filled: files are written, or hard-linked from the output when unchanged.

    Worker processes may `put` into the same stage (it is forked to them); they hand back what they recorded,
    and the parent `record`s it, so the manifest is built in one place.
    """

    def __init__(self, output: Path, state: str = ""):
        """state: what the build cache calls the state of this build (cache.State.identity), published with the
        site so that the next build knows whether its cached state is that of the published site."""
        folders.recover(output)
        folders.check_output(output)
        self.output = output
        self.staging = state_paths(output)[0]
        self.previous = read_manifest(output)
        recorded = folders.read_json(output / PAGES) if self.previous else {}
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

    def carry_all(self, skip: Iterable[str] = ()) -> None:
        """Carry the whole published site over as it is (but `skip`), with its records: the same pages, groups and
        state, as a publish that changes only a few files of its own (the search index) needs."""
        for rel in sorted(set(self.previous) - set(skip)):
            entry = self.keep(rel)
            if entry is None:
                raise BuildError([Diagnostic(rel, 1, "E404", "a published file disappeared during the build",
                                             "build again")])
            self.record(entry, self.previous_pages.get(rel, ""))
        self.groups.update(self.previous_groups)
        self.state = self.previous_state

    def record_group(self, name: str, key: str, paths: list[str], lastmod: dict[str, str] | None = None) -> None:
        """A group of files made from inputs digested as key; lastmod: the sitemap's date of each page, if any."""
        self.groups[name] = {"key": key, "paths": sorted(paths)}
        if lastmod is not None:
            self.groups[name]["lastmod"] = dict(sorted(lastmod.items()))

    def group_lastmods(self, name: str) -> dict[str, str]:
        """Path → sitemap date of each file of a group kept or recorded in this stage."""
        group = self.groups.get(name, {})
        return {rel: group.get("lastmod", {}).get(rel, "") for rel in group.get("paths", [])}

    def carry_group_records(self, prefix: str) -> None:
        """Carry the records of the published site's groups named prefix…, whose files a kept group carried."""
        for name, record in self.previous_groups.items():
            if name.startswith(prefix):
                self.groups[name] = record

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
            folders.swap(self.staging, self.output)
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
    return read_manifest(output)


def _write(target: str | Path, data: bytes) -> None:
    # Never write through an existing name: in the stage it may be a hard link to a published file.
    try:
        handle = open(target, "xb")
    except FileExistsError:
        os.unlink(target)
        handle = open(target, "xb")
    with handle:
        handle.write(data)


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
