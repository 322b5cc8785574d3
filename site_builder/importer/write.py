"""The only module that writes: notices with conflict detection, the manifest, the report; all atomically.

The manifest (`content/.import-manifest.json`) records the sha256 of every file as the importer last wrote it.
A file whose bytes no longer match was edited by a person: it is a conflict and is left alone unless `force`.
A file the manifest does not know is a conflict too. The report is the importer's own and is always rewritten.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.core.diagnostics import Diagnostic
from site_builder.publish.atomic import atomic_write

MANIFEST = ".import-manifest.json"
FORCE_HINT = "re-import with --force to replace it"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Diagnostic] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_notices(content_dir: Path, files: dict[str, str], *, force: bool = False) -> WriteResult:
    """Write `files` (paths relative to content_dir) unless a person changed them since the last import."""
    manifest = read_manifest(content_dir)
    recorded = dict(manifest)
    result = WriteResult()
    for relative, text in sorted(files.items()):
        target = content_dir / relative
        new = text.encode("utf-8")
        current = target.read_bytes() if target.is_file() else None
        if current == new:
            result.unchanged.append(relative)
        elif current is not None and not force and recorded.get(relative) != sha256(current):
            result.conflicts.append(_conflict(target, relative in recorded))
            continue
        else:
            atomic_write(target, new)
            result.written.append(relative)
        manifest[relative] = sha256(new)
    if manifest != recorded or not (content_dir / MANIFEST).exists():
        atomic_write(content_dir / MANIFEST, (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode())
    return result


def _conflict(target: Path, known: bool) -> Diagnostic:
    if known:
        return Diagnostic(str(target), 1, "W401", "edited since the last import; left unchanged", FORCE_HINT)
    return Diagnostic(str(target), 1, "W402", "exists but was not written by the importer; left unchanged",
                      FORCE_HINT)


def read_manifest(content_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((content_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def write_text(path: Path, text: str) -> bool:
    """Write text atomically unless the file already holds exactly it; True if written."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    atomic_write(path, data)
    return True
