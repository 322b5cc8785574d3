"""The importer's recipe: read → find each document, whatever its layout → render → write notices, manifest, report.

Exit codes of run_import: 0 imported; 1 the gazette could not be read or holds no document (nothing written);
2 imported, but files that people edited were left unchanged (conflicts; `force` replaces them).
A document whose metadata is uncertain is written all the same, marked `review:` and listed in the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder.core.diagnostics import Diagnostic

from .documents import read_documents
from .emit import render_notice
from .lines import read_gazette, split_lines
from .model import Meta, Removed, Repair
from .repair import LAYOUT
from .report import NoticeRepairs, render_report, render_table
from .write import write_notices, write_text

EXIT_OK, EXIT_INPUT, EXIT_CONFLICTS = 0, 1, 2


@dataclass(frozen=True)
class ImportedNotice:
    meta: Meta
    file: str  # relative to the content folder
    text: str
    repairs: tuple[Repair, ...]
    last_line: int  # the document's last line in the gazette


@dataclass(frozen=True)
class ImportResult:
    notices: tuple[ImportedNotice, ...]
    diagnostics: tuple[Diagnostic, ...]
    removed: tuple[Removed, ...] = ()


def import_text(text: str, source: str, path: str) -> ImportResult:
    """Pure: gazette text → notices in the content format. `source` names the gazette in `source:` keys."""
    lines = split_lines(text)
    documents, removed = read_documents(lines, path)
    if not documents:
        return ImportResult((), (Diagnostic(path, 1, "E301", "no document found: the file has no text"),))
    starts = [d.meta.line for d in documents[1:]] + [lines[-1].no + 1]
    notices, seen = [], {}
    for document, next_start in zip(documents, starts):
        meta = _unique(document.meta, seen)
        rendered = render_notice(meta, list(document.blocks), list(document.attachments), f"{source}:{meta.line}")
        notices.append(ImportedNotice(meta, f"notices/{meta.slug}.md", rendered, document.repairs, next_start - 1))
    return ImportResult(tuple(notices), (), tuple(removed))


def _unique(meta: Meta, seen: dict[str, int]) -> Meta:
    """A second document with the same 文号 (or file name) is kept under another name and marked for review."""
    key = meta.doc_number or meta.slug
    if key not in seen and meta.slug not in seen:
        seen[key] = meta.line
        seen[meta.slug] = (meta.line, meta.doc_number)
        return meta
    if meta.doc_number and meta.doc_number in seen:
        reason = f"文号 {meta.doc_number} is also the 文号 of the document at line {seen[meta.doc_number]}"
    else:  # two 文号 that differ but read alike (郑政 and 郑正) would share one file
        line, other = seen[meta.slug]
        reason = (f"文号 {meta.doc_number} reads like 文号 {other} of the document at line {line} (one file name "
                  "for both)" if other else f"same file name as the document at line {line}")
    slug = f"{meta.slug}-line-{meta.line}"
    seen[slug] = (meta.line, meta.doc_number)
    return replace(meta, slug=slug, review=meta.review + (reason,))


def run_import(gazette: Path, content_dir: Path, *, force: bool = False, report: Path | None = None,
               dry_run: bool = False, echo: Callable[[str], object] = print) -> int:
    """Import a gazette into content_dir/notices; print diagnostics and a one-line summary; return the exit code."""
    gazette, content_dir = Path(gazette), Path(content_dir)
    text, problems = read_gazette(gazette)
    result = import_text(text, gazette.name, str(gazette)) if text is not None else ImportResult((), ())
    for diagnostic in sorted(problems + list(result.diagnostics)):
        echo(str(diagnostic))
    if not result.notices:
        echo(f"nothing imported from {gazette}")
        return EXIT_INPUT
    if dry_run:
        echo(render_table(gazette.name, [(n.meta, n.last_line) for n in result.notices]))
        return EXIT_OK
    report_path = Path(report) if report is not None else content_dir / "import-report.md"
    try:
        outcome = write_notices(content_dir, {n.file: n.text for n in result.notices}, force=force)
        write_text(report_path, render_report(gazette.name, [
            NoticeRepairs(n.meta.doc_number, n.meta.title, n.file, n.repairs, n.meta.line, n.meta.review)
            for n in result.notices], list(result.removed)))
    except OSError as error:
        echo(str(Diagnostic(str(error.filename or content_dir), 0, "E307", f"cannot write: {error.strerror}")))
        return EXIT_INPUT
    for notice in result.notices:
        if notice.meta.review:
            echo(str(Diagnostic(str(gazette), notice.meta.line, "W308", f"{notice.file} marked for review: "
                                + "; ".join(notice.meta.review))))
    for conflict in outcome.conflicts:
        echo(str(conflict))
    listed = sum(1 for n in result.notices for r in n.repairs if r.kind != LAYOUT)
    echo(f"imported {len(result.notices)} notices: {len(outcome.written)} written, {len(outcome.unchanged)} unchanged, "
         f"{len(outcome.conflicts)} conflicts; {listed} repairs listed in {report_path}")
    return EXIT_CONFLICTS if outcome.conflicts else EXIT_OK
