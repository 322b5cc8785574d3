"""The analyse-phase work of departments, deadlines and topics: parsed notices in, Library fields and diagnostics out.

Pure: the reference files were loaded into the library by the load phase.
"""

from __future__ import annotations

from collections import Counter

from site_builder import deadlines, topics
from site_builder.department_names import Directory
from site_builder.departments import Unknown, responsibilities
from site_builder.diagnostics import Diagnostic
from site_builder.model import Library, Notice

REPORTED_PER_NAME = 3  # an unknown name is reported at its first places; the rest are counted


def analyse_departments(library: Library) -> list[Diagnostic]:
    """Responsibilities and deadlines of every notice; unknown names as warnings (the build report)."""
    directory = Directory(library.departments)
    unknown: list[tuple[Notice, Unknown]] = []
    for slug, notice in sorted(library.notices.items()):
        body = library.bodies[slug]
        found, missing = responsibilities(body, directory)
        library.responsibilities[slug] = tuple(found)
        library.deadlines[slug] = tuple(deadlines.notice_deadlines(body, notice.date, notice.publish_date))
        unknown.extend((notice, item) for item in missing)
    return _unknown_report(unknown, directory)


def _unknown_report(unknown: list[tuple[Notice, Unknown]], directory: Directory) -> list[Diagnostic]:
    diagnostics, seen = [], Counter()
    for notice, item in unknown:
        seen[item.name] += 1
        if seen[item.name] > REPORTED_PER_NAME:
            continue
        close = directory.suggest(item.name)
        hint = (f"did you mean {close}? add '{item.name}' to its aliases in content/departments.toml" if close else
                "add it to content/departments.toml, as a department, an alias or an [unlisted] name")
        diagnostics.append(Diagnostic(notice.path, _line_of(notice, item), "W621",
                                      f"unknown department '{item.name}' in a list of 责任单位", hint))
    for name, count in sorted(seen.items()):
        if count > REPORTED_PER_NAME:
            notice, item = next((n, i) for n, i in unknown if i.name == name)
            diagnostics.append(Diagnostic(notice.path, _line_of(notice, item), "W622",
                                          f"unknown department '{name}' appears in {count - REPORTED_PER_NAME} "
                                          "more places", "one entry in content/departments.toml fixes them all"))
    return diagnostics


def _line_of(notice: Notice, item: Unknown) -> int:
    """The body line that prints the name, searched from the clause's first line; the clause line otherwise."""
    lines = notice.body.split("\n")
    start = max(0, item.line - notice.body_line)
    for needle in (item.name, item.name.removeprefix("市").removeprefix("各")):
        for index in range(start, len(lines)):
            if needle in lines[index]:
                return index + notice.body_line
    return item.line


def analyse_topics(library: Library) -> list[Diagnostic]:
    """主题分类 of every notice: its front-matter `topics`, or else the rules."""
    scheme = library.topic_scheme
    classifier = topics.Classifier(scheme)
    diagnostics = []
    for slug, notice in sorted(library.notices.items()):
        if notice.topics:
            keys, problems = _override(notice, scheme)
            diagnostics.extend(problems)
            if keys:
                library.topics[slug] = keys
                continue
        library.topics[slug] = classifier.classify(notice.title, library.bodies[slug].text)
    return diagnostics


def _override(notice: Notice, scheme) -> tuple[tuple[str, ...], list[Diagnostic]]:
    keys, problems = [], []
    for name in notice.topics:
        key = topics.resolve(name, scheme)
        if key is None:
            close = topics.suggest(name, scheme)
            problems.append(Diagnostic(notice.path, notice.line_of("topics"), "E631",
                                       f"unknown topic (主题分类) '{name}'",
                                       f"did you mean '{close}'?" if close else
                                       "use a category or subcategory of content/topics.toml"))
        elif key not in keys:
            keys.append(key)
    return tuple(keys), problems
