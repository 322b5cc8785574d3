"""The importer's recipe: read → find heads → build each body → render → write notices, manifest and report.

Exit codes of run_import: 0 imported; 1 the gazette could not be imported (nothing written); 2 imported, but
files that people edited were left unchanged (conflicts; `force` replaces them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.core.diagnostics import Diagnostic, errors

from .emit import render_notice
from .heads import find_heads
from .lines import read_gazette, split_lines
from .model import Head, Repair
from .repair import LAYOUT
from .report import NoticeRepairs, render_report
from .structure import attachments, build_body
from .write import write_notices, write_text

EXIT_OK, EXIT_INPUT, EXIT_CONFLICTS = 0, 1, 2


@dataclass(frozen=True)
class ImportedNotice:
    head: Head
    file: str  # relative to the content folder
    text: str
    repairs: tuple[Repair, ...]


@dataclass(frozen=True)
class ImportResult:
    notices: tuple[ImportedNotice, ...]
    diagnostics: tuple[Diagnostic, ...]


def import_text(text: str, source: str, path: str) -> ImportResult:
    """Pure: gazette text → notices in the content format. `source` names the gazette in `source:` keys."""
    lines = split_lines(text)
    heads, problems = find_heads(lines, path)
    if errors(problems):
        return ImportResult((), tuple(problems))
    notices = []
    ends = [head.line - 1 for head in heads[1:]] + [len(lines)]
    for head, end in zip(heads, ends):
        blocks, repairs = build_body(lines[head.body_start:end])
        rendered = render_notice(head, blocks, attachments(blocks), f"{source}:{head.line}")
        notices.append(ImportedNotice(head, f"notices/{head.doc_number.slug}.md", rendered,
                                      head.repairs + tuple(repairs)))
    return ImportResult(tuple(notices), tuple(problems) + tuple(_same_file(notices, path)))


def _same_file(notices: list[ImportedNotice], path: str) -> list[Diagnostic]:
    """Two 文号 that differ but read alike (郑政 and 正政) would share one file: one would be lost."""
    first: dict[str, ImportedNotice] = {}
    found = []
    for notice in notices:
        other = first.setdefault(notice.file, notice)
        if other is not notice:
            found.append(Diagnostic(path, notice.head.line, "E306", f"文号 {notice.head.doc_number} would be "
                                    f"written to {notice.file}, like 文号 {other.head.doc_number} of line "
                                    f"{other.head.line}", "the two read alike; correct the one that is misprinted"))
    return found


def run_import(gazette: Path, content_dir: Path, *, force: bool = False, report: Path | None = None,
               echo: Callable[[str], object] = print) -> int:
    """Import a gazette into content_dir/notices; print diagnostics and a one-line summary; return the exit code."""
    gazette, content_dir = Path(gazette), Path(content_dir)
    text, problems = read_gazette(gazette)
    result = import_text(text, gazette.name, str(gazette)) if text is not None else ImportResult((), ())
    for diagnostic in sorted(problems + list(result.diagnostics)):
        echo(str(diagnostic))
    if text is None or errors(list(result.diagnostics)):
        echo(f"nothing imported from {gazette}")
        return EXIT_INPUT
    report_path = Path(report) if report is not None else content_dir / "import-report.md"
    try:
        outcome = write_notices(content_dir, {n.file: n.text for n in result.notices}, force=force)
        write_text(report_path, render_report(gazette.name, [
            NoticeRepairs(str(n.head.doc_number), n.head.title, n.file, n.repairs) for n in result.notices]))
    except OSError as error:
        echo(str(Diagnostic(str(error.filename or content_dir), 0, "E307", f"cannot write: {error.strerror}")))
        return EXIT_INPUT
    for conflict in outcome.conflicts:
        echo(str(conflict))
    listed = sum(1 for n in result.notices for r in n.repairs if r.kind != LAYOUT)
    echo(f"imported {len(result.notices)} notices: {len(outcome.written)} written, {len(outcome.unchanged)} unchanged, "
         f"{len(outcome.conflicts)} conflicts; {listed} repairs listed in {report_path}")
    return EXIT_CONFLICTS if outcome.conflicts else EXIT_OK
