"""One notice file → everything the build needs from it alone. Pure: bytes in, an Extract and a Fragment out.

This is the map step of the build: it depends on nothing but the file and the reference files (departments,
topics), so it runs in parallel worker processes and its result is cached by those inputs. What needs other notices
(citations resolved to pages, cited-by lists, related notices) is done afterwards, from the Extracts.

The Extract stays in memory for the whole build and is kept small; the Fragment (body HTML, outline, search
tokens) is only needed to render the notice's own page and JSON, so it goes to the cache on disk.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace

from site_builder.extract import deadlines
from site_builder.extract.effects import find_effects
from site_builder.extract.lifetime import lifetime_dates
from site_builder.extract import search_terms
from site_builder.extract import topics
from site_builder.extract.citations import find_citations
from site_builder.extract.department_names import Directory
from site_builder.extract.responsibilities import responsibilities
from site_builder.core.diagnostics import Diagnostic
from site_builder.load.notice import parse_notice
from site_builder.core import keys
from site_builder.extract.markdown import body_warnings, render_body
from site_builder.core.model import Dated, Deadline, Department, Extract, Fragment, Lifetime, Notice, Reference, \
    RenderedBody, TopicScheme


@dataclass(frozen=True)
class Context:
    """The reference files every extract reads; its digest is part of every cache key."""

    directory: Directory
    scheme: TopicScheme
    digest: str  # of content/departments.toml and content/topics.toml as read

    def key(self, path: str, file_digest: str) -> str:
        return keys.extract_key(self.digest, path, file_digest)

    @functools.cached_property
    def known_names(self) -> re.Pattern:
        return known_names(self.directory.departments.values())


def known_names(departments: Iterable[Department]) -> re.Pattern:
    """The site's own department, place and body names (departments.toml), as one pattern: what the search finds
    by any part (search_terms.NAME_FIELD), in a notice and in its attachments' text."""
    return search_terms.name_pattern(name for department in departments if department.kind != "unlisted"
                                     for name in (department.name, *department.aliases))


def extract(path: str, data: bytes, context: Context) -> tuple[Extract | None, Fragment | None, list[Diagnostic]]:
    """Read one notice file. On an error in the file, no Extract: the diagnostics say why."""
    notice, diagnostics = parse_notice(path, data)
    if notice is None:
        return None, None, diagnostics
    body = render_body(notice.body, doc_label=str(notice.doc_number), line_offset=notice.body_line - 1)
    found, missing = responsibilities(body, context.directory)
    notice_topics, topic_problems = _topics(notice, body, context)
    diagnostics = [*diagnostics, *body_warnings(notice.path, body), *topic_problems]
    result = with_public(Extract(
        notice=replace(notice, body=""),
        fragment=context.key(notice.path, notice.digest),
        description=describe(body),
        summary=describe(body, 300),
        anchors=frozenset(sys.intern(clause.anchor) for clause in body.clauses),  # see model._intern
        references=tuple(_references(notice, body)),
        responsibilities=tuple(found),
        deadlines=tuple(_labelled(deadlines.notice_deadlines(body, notice.date, notice.publish_date), body)),
        topics=notice_topics,
        unknown=tuple((sys.intern(item.name), _line_of(notice, item.name, item.line)) for item in missing),
        diagnostics=tuple(diagnostics),
        lifetime=lifetime(notice, body),
    ))
    text = "\n".join([notice.addressees, body.text, *(attachment.title for attachment in notice.attachments)])
    fragment = Fragment(
        html=body.html,
        citations=body.citations,
        outline=tuple(replace(clause, text="") for clause in body.clauses),
        search_names=tuple(search_terms.names_in(text, context.known_names)),
        search_chars=search_terms.char_tokens(text),
    )
    return result, fragment, diagnostics


def lifetime(notice: Notice, body: RenderedBody) -> Lifetime:
    """施行日期 and 有效期 (the front matter's, else the text's) and what the text does to other documents."""
    effective, expires = lifetime_dates(body, notice) if notice.effective is None or notice.expires is None \
        else (None, None)
    if notice.effective is not None:
        effective = Dated(notice.effective, stated=True)
    if notice.expires is not None:
        expires = Dated(notice.expires, stated=True)
    elif expires is not None and effective is not None and expires.value < effective.value:
        expires = None  # a 有效期 read from the text that ends before the stated 施行日期 is no 有效期 of its
    repealed = Dated(notice.repealed, stated=True) if notice.repealed else None
    start = effective.value if effective else notice.publish_date
    return Lifetime(effective, expires, repealed,
                    find_effects(body, str(notice.doc_number), start, notice.body_line))


def with_public(found: Extract) -> Extract:
    """The Extract with its `public` digest: a body edit that changes none of these leaves other pages alone.
    Made again when the attachment step fills in what the notice's files hold (publish/attachments.py)."""
    n = found.notice
    shown = (n.path, str(n.doc_number), n.issuer, n.title, n.date, n.published, n.addressees, n.topics, n.status,
             tuple(a.facts for a in n.attachments), n.index_number, n.keywords, n.signer, n.source,
             found.description, found.summary, sorted(found.anchors), found.references, found.responsibilities,
             found.deadlines, found.topics, found.lifetime)
    return replace(found, public=keys.facts_digest([repr(shown)]))


def describe(body: RenderedBody, limit: int = 120) -> str:
    text = " ".join((body.preamble or body.text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def search_tokens(notice: Notice, fragment: Fragment) -> list[tuple[str, str]]:
    """The hidden search fields of a notice page (see search_terms): drawn from the fragment at render time."""
    return [
        (search_terms.DOCNUM_FIELD, " ".join(search_terms.doc_number_tokens(notice.doc_number))),
        (search_terms.CITED_FIELD, " ".join(dict.fromkeys(
            token for citation in fragment.citations
            for token in search_terms.doc_number_tokens(citation.doc_number)))),
        (search_terms.TITLE_FIELD, search_terms.title_tokens(notice.issuer + notice.title)),
        (search_terms.NAME_FIELD, search_terms.name_tokens(fragment.search_names)),
        (search_terms.CHAR_FIELD, fragment.search_chars),
    ]


def _references(notice: Notice, body: RenderedBody):
    """Every citation of another 文号, with its citing clause; the cited anchor is checked when resolved."""
    own = str(notice.doc_number)
    segments = [("", "", notice.body_line, body.preamble)] if body.preamble else []
    segments += [(c.anchor, c.label, c.line, c.text) for c in body.clauses]
    for anchor, label, line, text in segments:
        if "号" not in text:
            continue
        for citation in find_citations(text):
            target = str(citation.doc_number)
            if target != own:
                # a citation naming a clause may be warned about (W301): on its own line, not the clause's first
                at = _citation_line(notice, target, line) if citation.clause else line
                yield Reference(notice.slug, target, citation.title, citation.kind, anchor, label, at,
                                citation.clause, citation.anchor)


def _citation_line(notice: Notice, target: str, line: int) -> int:
    """The first body line, from the clause's own, that cites target; the clause's line otherwise."""
    lines = notice.body.split("\n")
    for index in range(max(0, line - notice.body_line), len(lines)):
        if "号" in lines[index] and any(str(c.doc_number) == target
                                        for c in find_citations(lines[index], details=False)):
            return index + notice.body_line
    return line


def _labelled(found: list[Deadline], body: RenderedBody) -> list[Deadline]:
    labels = {clause.anchor: clause.label for clause in body.clauses}
    return [replace(limit, label=labels.get(limit.anchor, "")) for limit in found]


def _topics(notice: Notice, body: RenderedBody, context: Context) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """The front matter's topics when it names valid ones, else the rules' classification."""
    problems: list[Diagnostic] = []
    keys: list[str] = []
    for name in notice.topics:
        key = topics.resolve(name, context.scheme)
        if key is None:
            close = topics.suggest(name, context.scheme)
            problems.append(Diagnostic(notice.path, notice.line_of("topics"), "E631",
                                       f"unknown topic (主题分类) '{name}'",
                                       f"did you mean '{close}'?" if close else
                                       "use a category or subcategory of content/topics.toml"))
        elif key not in keys:
            keys.append(key)
    if keys:
        return tuple(keys), problems
    return topics.classifier(context.scheme).classify(notice.title, body.text), problems


def _line_of(notice: Notice, name: str, line: int) -> int:
    """The body line that prints the name, searched from the clause's first line; the clause line otherwise."""
    lines = notice.body.split("\n")
    start = max(0, line - notice.body_line)
    for needle in (name, name.removeprefix("市").removeprefix("各")):
        for index in range(start, len(lines)):
            if needle in lines[index]:
                return index + notice.body_line
    return line
