"""The analyse-phase work of departments and deadlines: the extracts in, Library fields and diagnostics out.

Pure. Each notice's responsibilities, limits and topics were read from its own text by site_builder.extract.notice; here
they are gathered, and the names no reference file knows become the build report.
"""

from __future__ import annotations

from collections import Counter

from site_builder.extract.department_names import Directory
from site_builder.core.diagnostics import Diagnostic
from site_builder.core.model import Library, Notice

REPORTED_PER_NAME = 3  # an unknown name is reported at its first places; the rest are counted


def analyse_departments(library: Library) -> list[Diagnostic]:
    """Responsibilities and deadlines of every notice; unknown names as warnings (the build report)."""
    directory = Directory(library.departments)
    unknown: list[tuple[Notice, str, int]] = []
    for slug, notice in sorted(library.notices.items()):
        extract = library.extracts[slug]
        library.responsibilities[slug] = extract.responsibilities
        library.deadlines[slug] = extract.deadlines
        unknown.extend((notice, name, line) for name, line in extract.unknown)
    return _unknown_report(unknown, directory)


def _unknown_report(unknown: list[tuple[Notice, str, int]], directory: Directory) -> list[Diagnostic]:
    diagnostics, seen = [], Counter()
    for notice, name, line in unknown:
        seen[name] += 1
        if seen[name] > REPORTED_PER_NAME:
            continue
        close = directory.suggest(name)
        hint = (f"did you mean {close}? add '{name}' to its aliases in content/departments.toml" if close else
                "add it to content/departments.toml, as a department, an alias or an [unlisted] name")
        diagnostics.append(Diagnostic(notice.path, line, "W621",
                                      f"unknown department '{name}' in a list of 责任单位", hint))
    for name, count in sorted(seen.items()):
        if count > REPORTED_PER_NAME:
            notice, _, line = next(item for item in unknown if item[1] == name)
            diagnostics.append(Diagnostic(notice.path, line, "W622",
                                          f"unknown department '{name}' appears in {count - REPORTED_PER_NAME} "
                                          "more places", "one entry in content/departments.toml fixes them all"))
    return diagnostics
