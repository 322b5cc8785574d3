"""Make a Pagefind bundle byte-identical from run to run.

Pagefind writes its filter list into the bundle's pf_meta file in hash-map order, which changes from run to run,
so two indexings of the same pages differ (and the file's hashed name with them). This rewrites that list in name
order. The file is gzip("pagefind_dcd" + CBOR); the small CBOR codec below reads and writes the subset Pagefind
uses, and the file is left alone unless decoding and encoding it again gives back its exact bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import struct
from pathlib import Path

MAGIC = b"pagefind_dcd"
_FILTERS = 3  # position of the [[name, chunk hash], …] list in the metadata array


def canonical_bundle(bundle: Path) -> bool:
    """Sort the filter list of each language's pf_meta and rename it by its new content. True if rewritten."""
    entry_path = bundle / "pagefind-entry.json"
    entry = entry_path.read_text("utf-8")
    changed = False
    for meta_path in sorted(bundle.glob("pagefind.*.pf_meta")):
        old_hash = meta_path.name[len("pagefind."):-len(".pf_meta")]
        data = canonical_meta(gzip.decompress(meta_path.read_bytes()))
        if data is None:
            continue
        language = old_hash.rsplit("_", 1)[0]
        new_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(gzip.compress(data, mtime=0))
        entry = entry.replace(f'"hash":"{old_hash}"', f'"hash":"{new_hash}"')
        changed = True
    if changed:
        entry_path.write_text(entry, "utf-8")
    return changed


def canonical_meta(raw: bytes) -> bytes | None:
    """The decompressed pf_meta with its filters in name order; None if it is not in the expected shape."""
    if not raw.startswith(MAGIC):
        return None
    body = raw[len(MAGIC):]
    try:
        value, end = decode(body)
    except (ValueError, IndexError, struct.error):
        return None
    if end != len(body) or encode(value) != body or not isinstance(value, list) or len(value) <= _FILTERS:
        return None
    filters = value[_FILTERS]
    if not all(isinstance(f, list) and f and isinstance(f[0], str) for f in filters):
        return None
    value[_FILTERS] = sorted(filters, key=lambda f: f[0])
    return MAGIC + encode(value)


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
