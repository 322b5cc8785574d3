"""The build cache under <root>/.site-builder/: fragments of notices, texts of attachments, the last build's state.

Everything here is an optimisation: deleting the folder only makes the next build a cold one. Entries are keyed
by what they were made from (file digest, reference files, code version), so a stale entry is never used; writes
are atomic, so a killed build leaves no torn entry.

Entries are pickles, which can run code when loaded, and a site folder is shared by many editors (a repository,
a network drive). So every entry carries an HMAC made with a key that never leaves this machine (`machine_key`,
in the user's own folder, not the site's): an entry that was planted, copied from elsewhere or torn fails the
check and is never unpickled; the cache is then treated as empty. (A data-only format would need a decoder of
our own for every model class, and costs ~3 s at 10,000 notices where unpickling costs 0.4 s.)
"""

from __future__ import annotations

import functools
import hmac
import os
import pickle
import re
import secrets
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.core import keys
from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.core.model import AttachmentText, Extract, Fragment
from site_builder.load.files import Unreadable, read_limited
from site_builder.publish.atomic import atomic_write

FOLDER = ".site-builder"
STATE_VERSION = 6
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
    ranking: object = None  # and its ranking of related notices (core.model.Ranking)
    buckets: tuple[str, ...] = ()  # the extract buckets on disk (extracts/<key prefix>.pickle)
    attachments: dict = field(default_factory=dict)  # attachment file → what was found in it (attachments.Seen)

    @property
    def identity(self) -> str:
        """Which notices, as read, this state describes: published beside the site it was built into
        (writer.Stage.state), so a build can tell whether the state it finds is the one of the published site."""
        return identity(self.extracts.values())


def identity(extracts) -> str:
    """Of notices as read: each one's cache key, and its public facts, which its attachment files change too."""
    return keys.state_identity(f"{e.fragment}:{e.public}" for e in extracts)


class CacheDamaged(Exception):
    """A cache entry the build needs failed its check (torn, planted, or from another machine)."""


MAGIC = b"SBC1"  # then the HMAC-SHA256 of the pickle, then the pickle


class Cache:
    def __init__(self, root: Path, remember: bool = False):
        """remember: keep the extract buckets read or written in this process's memory for the next build (the
        preview's choice: a build frees them before Pagefind otherwise)."""
        self.remember = remember
        self.folder = root / FOLDER / "cache"
        self.fragments = self.folder / "fragments"
        self.texts = self.folder / "texts"
        self._fragments = str(self.fragments)
        _refuse_links(root, (FOLDER, f"{FOLDER}/cache", f"{FOLDER}/cache/fragments", f"{FOLDER}/cache/extracts",
                             f"{FOLDER}/cache/texts"))
        machine_key()  # read before the workers fork, so that all sign with the same key

    def load_stamp(self) -> tuple[str, str, list, tuple]:
        """(inputs digest, output folder, warnings, attachment files) of the last build: a few bytes, read before
        anything else. The attachment files are those its notices named, whose stats its inputs digest covers."""
        found = self._load("stamp.pickle")
        return found if isinstance(found, tuple) and len(found) == 4 else ("", "", [], ())

    def load_state(self) -> State:
        """The last build's state: file stats, extracts (in buckets by key) and its analyses.

        Millions of objects: the build calls this and save_state with the cycle collector paused
        (core/timing.collector_paused), or each would spend most of its time in it."""
        head = self._load("state.pickle")
        if not isinstance(head, State) or head.version != STATE_VERSION:
            return State()
        for bucket in head.buckets:
            found = self._load_bucket(self.folder / "extracts" / f"{bucket}.pickle")
            if not isinstance(found, dict):
                return State()  # a torn cache is a cold one
            head.extracts.update(found)
        return head

    def _load_bucket(self, path: Path):
        """An extract bucket: from this process's memory when it is the file this process last read or wrote
        (the preview builds again and again: unpickling 10,000 extracts cost it 2 s a save), else from disk."""
        if not self.remember:
            return self._load(path.relative_to(self.folder).as_posix())
        remembered = self._remembered()
        signature = _signature(path)
        known = remembered.get(path)
        if known is not None and signature is not None and known[0] == signature:
            return known[1]
        try:
            found = _verified(read_limited(path, _LIMIT))
        except (OSError, CacheDamaged):
            return None
        if isinstance(found, dict) and signature is not None and _signature(path) == signature:
            remembered[path] = (signature, found)
        return found

    def _remembered(self) -> dict[Path, tuple]:
        """This cache folder's remembered buckets; those of any other folder are let go."""
        if self.folder not in _REMEMBERED:
            _REMEMBERED.clear()
        return _REMEMBERED.setdefault(self.folder, {})

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
                path = self.folder / "extracts" / f"{bucket}.pickle"
                _atomic_write(path, _dump(buckets[bucket]))
                if self.remember and (signature := _signature(path)) is not None:
                    self._remembered()[path] = (signature, buckets[bucket])
        head = replace(state, extracts={}, buckets=tuple(sorted(buckets)))
        _atomic_write(self.folder / "state.pickle", _dump(head))
        for bucket in stale:
            (self.folder / "extracts" / f"{bucket}.pickle").unlink(missing_ok=True)

    def save_stamp(self, inputs: str, output: str, warnings: list, attachments: tuple = ()) -> None:
        """What the next build compares first: written once the site of these inputs is published, never before;
        a build killed or failed after save_state leaves the old stamp, so the next build looks again."""
        _atomic_write(self.folder / "stamp.pickle", _dump((inputs, output, warnings, tuple(attachments))))

    def _load(self, name: str):
        try:
            return _verified(read_limited(self.folder / name, _LIMIT))
        except (OSError, CacheDamaged):
            return None

    def fragment_path(self, key: str) -> Path:
        return self.fragments / key[:2] / f"{key}.pickle"

    def has_fragment(self, key: str) -> bool:
        # asked of every notice in every build: os.path, not pathlib (a third of a second at 10,000 notices)
        return os.path.isfile(os.path.join(self._fragments, key[:2], key + ".pickle"))

    def put_fragment(self, key: str, fragment: Fragment) -> None:
        _put_entry(self.fragment_path(key), fragment)

    def get_fragment(self, key: str) -> Fragment:
        """The fragment stored under key; CacheDamaged if it is missing or fails its check."""
        return _get_entry(self.fragment_path(key), Fragment, "a fragment")

    def text_path(self, key: str) -> Path:
        return self.texts / key[:2] / f"{key}.pickle"

    def has_text(self, key: str) -> bool:
        return os.path.isfile(self.text_path(key))

    def put_text(self, key: str, text: AttachmentText) -> None:
        _put_entry(self.text_path(key), text)

    def get_text(self, key: str) -> AttachmentText:
        """The attachment text stored under key; CacheDamaged if it is missing or fails its check."""
        return _get_entry(self.text_path(key), AttachmentText, "an attachment text")

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def prune(self, keep: set[str], folder: Path | None = None) -> None:
        """Drop fragments (or, with folder=self.texts, attachment texts) no notice uses any more, so the cache does
        not grow with every edit. Only our own entries (<2 hex>/<64 hex>.pickle, regular files in real folders)
        are ever removed."""
        folder = folder or self.fragments
        if not folder.is_dir() or folder.is_symlink():
            return
        with os.scandir(folder) as buckets:
            for bucket in buckets:
                if not bucket.is_dir(follow_symlinks=False) or not _BUCKET_RE.fullmatch(bucket.name):
                    continue
                with os.scandir(bucket.path) as entries:
                    for entry in entries:
                        stem = entry.name.removesuffix(".pickle")
                        if entry.is_file(follow_symlinks=False) and _KEY_RE.fullmatch(entry.name) \
                                and stem not in keep:
                            os.unlink(entry.path)


# The extract buckets this process last read or wrote: cache folder → bucket file → (the file's inode, size and
# mtime then, its dict), so that the same file is not unpickled again. Extracts are frozen, and a bucket's dict is
# only ever read. One folder's only, so that a process building many sites (the tests) does not keep them all.
_REMEMBERED: dict[Path, dict[Path, tuple]] = {}


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


_BUCKET_RE = re.compile(r"[0-9a-f]{2}")
_KEY_RE = re.compile(r"[0-9a-f]{64}\.pickle")


def _refuse_links(root: Path, folders: tuple[str, ...]) -> None:
    """The cache folders must be real folders of the site: through a link planted in a shared site folder, the
    cache would write, and prune, in a folder of someone else's (E412)."""
    for rel in folders:
        if (root / rel).is_symlink():
            raise BuildError([Diagnostic(rel, 1, "E412", "the build cache folder is a symbolic link",
                                         f"remove {rel} (a link: nothing it points to is touched); the build "
                                         "makes its own")])


_LIMIT = 1 << 31  # a cache file is ours; the limit only stops a planted link to /dev/zero


def _put_entry(path: Path, value) -> None:
    """A fragment or text under its key's bucket; never written through a link planted in the cache as a bucket
    (a link removed deletes nothing)."""
    if path.parent.is_symlink():
        path.parent.unlink()
    _atomic_write(path, _dump(value))


def _get_entry(path: Path, kind: type, what: str):
    """The entry stored at path if it passes its check and is of kind; else CacheDamaged naming it."""
    try:
        found = _verified(read_limited(path, _LIMIT))
    except OSError as exc:
        raise CacheDamaged(f"{path}: {exc}") from None
    if not isinstance(found, kind):
        raise CacheDamaged(f"{path}: not {what}")
    return found


def _dump(value) -> bytes:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC + hmac.digest(machine_key(), payload, "sha256") + payload


def _verified(data: bytes):
    """Unpickle data only if its HMAC is ours; CacheDamaged otherwise."""
    head = len(MAGIC) + 32
    if len(data) < head or not data.startswith(MAGIC):
        raise CacheDamaged("not a cache entry")
    payload = data[head:]
    if not hmac.compare_digest(data[len(MAGIC):head], hmac.digest(machine_key(), payload, "sha256")):
        raise CacheDamaged("the entry was not written on this machine")
    try:
        return pickle.loads(payload)
    except Exception as exc:  # ours, checked, but of an older class layout
        raise CacheDamaged(f"unreadable entry: {type(exc).__name__}") from None


KEY_FILE = "cache-key"


def key_folder() -> Path:
    """Where this machine's cache key lives: the user's state folder, never the site's."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "site-builder"


@functools.cache
def machine_key() -> bytes:
    """32 random bytes made once per user and machine (mode 0600). Where that cannot be read or made, a key for
    this process only: its cache entries are then never reused, which is slow but safe."""
    path = key_folder() / KEY_FILE
    for _ in range(2):
        try:
            key = read_limited(path, 64)
            if len(key) == 32:
                return key
        except Unreadable:
            pass
        try:  # made aside and linked in: of two builds making it at once, one key wins and both read it
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            temp = path.with_name(f".{KEY_FILE}.{os.getpid()}")
            atomic_write(temp, secrets.token_bytes(32), mode=0o600)
            try:
                os.link(temp, path)
            except FileExistsError:
                if len(read_limited(path, 64)) != 32:  # a torn key from a crash: replace it
                    os.replace(temp, path)
            finally:
                temp.unlink(missing_ok=True)
        except OSError:
            break
    return secrets.token_bytes(32)


def _atomic_write(path: Path, data: bytes) -> None:
    atomic_write(path, data, durable=False)  # a torn entry fails its check and is not used
