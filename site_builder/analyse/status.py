"""效力 of a notice: the one place that decides it. Pure.

The editor's word (front matter `status`) beats what the citations imply; a notice that a site notice repeals
(废止) is 已废止, one it amends (修订, or repeals in part) is 已修订; otherwise 有效.
"""

from __future__ import annotations

from site_builder.core.model import CitedDocument, Library, Notice
from site_builder.core.vocabulary import AMENDED, REPEALED, VALID


def decide(notice: Notice, document: CitedDocument | None) -> str:
    """The 效力 of a notice, given what the site's citations say of its 文号 (document: None when uncited)."""
    if notice.status:
        return notice.status
    if document is not None and document.repealed_by:
        return REPEALED
    if document is not None and document.amended_by:
        return AMENDED
    return VALID


def status(notice: Notice, library: Library) -> str:
    """The 效力 pages and the API show: decided by the analyse phase (xref.analyse keeps it in the index)."""
    return library.xref.status.get(notice.slug) or decide(notice, library.xref.documents.get(str(notice.doc_number)))
