"""The build cache under <root>/.site-builder/: fragments of notices and the state of the last build.

Everything here is an optimisation: deleting the folder only makes the next build a cold one. Entries are keyed
by what they were made from (file digest, reference files, code version), so a stale entry is never used; writes
are atomic, so a killed build leaves no torn entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.extract import Extract, Fragment

FOLDER = ".site-builder"
STATE_VERSION = 4
BUCKET = 2  # hex digits of the cache key that name an extract bucket: 256 files


@dataclass
class State:
    """What the last build read: each file's stat and digest, and the extract made from it."""

    version: int = STATE_VERSION
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # path → (size, mtime_ns, sha256)
    extracts: dict[str, Extract] = field(default_factory=dict)  # cache key → extract
    inputs: str = ""  # digest of every input of the last successful build: equal means nothing to do
    output: str = ""  # the output folder it was published to
    warnings: list = field(default_factory=list)  # its diagnostics, repeated when nothing has changed since
    library_key: str = ""  # digest of every notice's public facts: equal means the analyses below still hold
    xref: object = None  # the XrefIndex it derived
    related: dict = field(default_factory=dict)  # and the related notices
    buckets: tuple[str, ...] = ()  # the extract buckets on disk (extracts/<key prefix>.pickle)


class Cache:
    def __init__(self, root: Path):
        self.folder = root / FOLDER / "cache"
        self.fragments = self.folder / "fragments"
        self._fragments = str(self.fragments)

    def load_stamp(self) -> tuple[str, str, list]:
        """(inputs digest, output folder, warnings) of the last build: a few bytes, read before anything else."""
        found = self._load("stamp.pickle")
        return found if isinstance(found, tuple) and len(found) == 3 else ("", "", [])

    def load_state(self) -> State:
        """The last build's state: file stats, extracts (in buckets by key) and its analyses.

        Millions of objects: the build calls this and save_state with the cycle collector paused
        (build.collector_paused), or each would spend most of its time in it."""
        head = self._load("state.pickle")
        if not isinstance(head, State) or head.version != STATE_VERSION:
            return State()
        for bucket in head.buckets:
            found = self._load(f"extracts/{bucket}.pickle")
            if not isinstance(found, dict):
                return State()  # a torn cache is a cold one
            head.extracts.update(found)
        return head

    def save_state(self, state: State, previous: State | None = None) -> None:
        """Write what changed since `previous`: the extract buckets that gained or lost entries, then the rest.

        One 10,000-notice state is 55 MB of pickles; rewriting only the touched buckets keeps an edit's build
        from spending seconds saving what it did not change.
        """
        buckets: dict[str, dict[str, Extract]] = {}
        for key, found in state.extracts.items():
            buckets.setdefault(key[:BUCKET], {})[key] = found
        old = set(previous.extracts) if previous is not None else set()
        touched = {key[:BUCKET] for key in old.symmetric_difference(state.extracts)}
        stale = set(previous.buckets) - set(buckets) if previous is not None else set()
        for bucket in sorted(buckets):
            if previous is None or bucket in touched or bucket not in previous.buckets:
                _atomic_write(self.folder / "extracts" / f"{bucket}.pickle", _dump(buckets[bucket]))
        head = replace(state, extracts={}, buckets=tuple(sorted(buckets)))
        _atomic_write(self.folder / "state.pickle", _dump(head))
        for bucket in stale:
            (self.folder / "extracts" / f"{bucket}.pickle").unlink(missing_ok=True)

    def save_stamp(self, inputs: str, output: str, warnings: list) -> None:
        """What the next build compares first: written once the site of these inputs is published, never before;
        a build killed or failed after save_state leaves the old stamp, so the next build looks again."""
        _atomic_write(self.folder / "stamp.pickle", _dump((inputs, output, warnings)))

    def _load(self, name: str):
        try:
            with open(self.folder / name, "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
                IndexError, KeyError):
            return None

    def fragment_path(self, key: str) -> Path:
        return self.fragments / key[:2] / f"{key}.pickle"

    def has_fragment(self, key: str) -> bool:
        # asked of every notice in every build: os.path, not pathlib (a third of a second at 10,000 notices)
        return os.path.isfile(os.path.join(self._fragments, key[:2], key + ".pickle"))

    def put_fragment(self, key: str, fragment: Fragment) -> None:
        _atomic_write(self.fragment_path(key), pickle.dumps(fragment, protocol=pickle.HIGHEST_PROTOCOL))

    def get_fragment(self, key: str) -> Fragment:
        with open(self.fragment_path(key), "rb") as handle:
            return pickle.load(handle)

    def prune(self, keep: set[str]) -> None:
        """Drop fragments no notice uses any more, so the cache does not grow with every edit."""
        if not self.fragments.is_dir():
            return
        for folder in self.fragments.iterdir():
            for entry in folder.iterdir():
                if entry.stem not in keep:
                    entry.unlink(missing_ok=True)


def _dump(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
