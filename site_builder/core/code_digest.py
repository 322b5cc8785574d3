"""A digest of this package's own source: part of every cache key and of the build stamp.

Any change to the code (a fix in the Markdown pass, a new field in a page) can change what a build makes, and
a version constant bumped by hand is one a developer forgets. Keyed by the source itself, a changed tool never
reuses what an older one cached: the first build after an upgrade is a cold one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # site_builder/, not this module's folder


def package_digest(folder: Path = PACKAGE) -> str:
    """sha256 over every .py file under folder: its path relative to folder, then its bytes."""
    digest = hashlib.sha256()
    for file in sorted(folder.rglob("*.py")):
        digest.update(file.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


CODE_DIGEST = package_digest()
