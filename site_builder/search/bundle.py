"""Make a Pagefind bundle byte-identical from run to run.

Pagefind writes the filter list of its pf_meta file, and the values inside each filter chunk, in hash-map order,
which changes from run to run: two indexings of the same pages differ (and the files' hashed names with them).
This rewrites both in name order. The files are gzip("pagefind_dcd" + CBOR); the small CBOR codec below reads and
writes the subset Pagefind uses, and nothing is rewritten unless decoding and encoding every file gives back its
exact bytes.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

MAGIC = b"pagefind_dcd"
_FILTERS = 3  # position of the [[name, chunk hash], …] list in the metadata array


def canonical_bundle(bundle: Path) -> bool:
    """Put the filters and their values in name order, renaming each rewritten file by its content.

    True if the bundle was rewritten; a file in a shape this does not know leaves the bundle as it was.
    """
    renamed: dict[str, str] = {}
    rewrites: list[tuple[Path, Path, bytes]] = []
    for chunk in sorted((bundle / "filter").glob("*.pf_filter")):
        data = canonical_filter(gzip.decompress(chunk.read_bytes()))
        if data is None:
            return False
        new_hash = _hashed(chunk.stem, data, 7)
        renamed[chunk.stem] = new_hash
        rewrites.append((chunk, chunk.with_name(f"{new_hash}.pf_filter"), data))
    entry_path = bundle / "pagefind-entry.json"
    entry = entry_path.read_text("utf-8")
    for meta_path in sorted(bundle.glob("pagefind.*.pf_meta")):
        old_hash = meta_path.name[len("pagefind."):-len(".pf_meta")]
        data = canonical_meta(gzip.decompress(meta_path.read_bytes()), renamed)
        if data is None:
            return False
        new_hash = _hashed(old_hash, data, 10)
        rewrites.append((meta_path, bundle / f"pagefind.{new_hash}.pf_meta", data))
        entry = entry.replace(f'"hash":"{old_hash}"', f'"hash":"{new_hash}"')
    for old, new, data in rewrites:
        old.unlink()
        new.write_bytes(gzip.compress(data, mtime=0))
    entry_path.write_text(entry, "utf-8")
    return bool(rewrites)


def canonical_filter(raw: bytes) -> bytes | None:
    """A decompressed filter chunk, [name, [[value, pages], …]], with its values in order."""
    value = _decode_whole(raw)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)
            and all(isinstance(v, list) and v and isinstance(v[0], str) for v in value[1])):
        return None
    value[1] = sorted(value[1], key=lambda v: v[0])
    return MAGIC + encode(value)


def canonical_meta(raw: bytes, renamed: dict[str, str] | None = None) -> bytes | None:
    """The decompressed pf_meta with its filters in name order (and renamed filter chunks); None if unknown."""
    value = _decode_whole(raw)
    if not isinstance(value, list) or len(value) <= _FILTERS:
        return None
    filters = value[_FILTERS]
    if not all(isinstance(f, list) and len(f) >= 2 and isinstance(f[0], str) and isinstance(f[1], str)
               for f in filters):
        return None
    renamed = renamed or {}
    value[_FILTERS] = sorted(([f[0], renamed.get(f[1], f[1]), *f[2:]] for f in filters), key=lambda f: f[0])
    return MAGIC + encode(value)


def _decode_whole(raw: bytes):
    """The one CBOR item after the magic, if it decodes and encodes back to the same bytes; else None."""
    if not raw.startswith(MAGIC):
        return None
    body = raw[len(MAGIC):]
    try:
        value, end = decode(body)
    except (ValueError, IndexError):
        return None
    return value if end == len(body) and encode(value) == body else None


def _hashed(old_name: str, data: bytes, length: int) -> str:
    """The file's name for this content, keeping Pagefind's language prefix (zh_…)."""
    return f"{old_name.rsplit('_', 1)[0]}_{hashlib.sha256(data).hexdigest()[:length]}"


def decode(data: bytes, at: int = 0):
    """One CBOR item at `at`: (value, end). Integers, strings, arrays, maps and true/false/null only."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info not in simple:
            raise ValueError(f"unsupported CBOR simple value {info}")
        return simple[info], at
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError("indefinite CBOR lengths are not used by Pagefind")
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major in (2, 3):
        chunk = data[at:at + length]
        if len(chunk) != length:
            raise ValueError("truncated CBOR string")
        return (chunk.decode("utf-8") if major == 3 else bytes(chunk)), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(length):
            key, at = decode(data, at)
            item, at = decode(data, at)
            pairs.append((key, item))
        return _Map(pairs), at
    raise ValueError(f"unsupported CBOR major type {major}")


class _Map(list):
    """A CBOR map kept as its (key, value) pairs in file order, so encoding gives back the same bytes."""


def encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise ValueError(f"cannot encode {type(value).__name__}")


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise ValueError("CBOR length too large")
