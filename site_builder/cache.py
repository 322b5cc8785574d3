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
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.extract import Extract, Fragment

FOLDER = ".site-builder"
STATE_VERSION = 3


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


class Cache:
    def __init__(self, root: Path):
        self.folder = root / FOLDER / "cache"
        self.fragments = self.folder / "fragments"

    def load_stamp(self) -> tuple[str, str, list]:
        """(inputs digest, output folder, warnings) of the last build: a few bytes, read before anything else."""
        found = self._load("stamp.pickle")
        return found if isinstance(found, tuple) and len(found) == 3 else ("", "", [])

    def load_state(self) -> State:
        state = self._load("state.pickle")
        return state if isinstance(state, State) and state.version == STATE_VERSION else State()

    def save_state(self, state: State) -> None:
        # The stamp is written last: a build killed in between leaves the old stamp, so the next build looks.
        _atomic_write(self.folder / "state.pickle", pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        stamp = (state.inputs, state.output, state.warnings)
        _atomic_write(self.folder / "stamp.pickle", pickle.dumps(stamp, protocol=pickle.HIGHEST_PROTOCOL))

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
        return self.fragment_path(key).is_file()

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
