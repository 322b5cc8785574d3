"""The citation fields of the JSON API: cites/cited_by per notice, api/cited.json. Documented in docs/api.md."""

from __future__ import annotations

from site_builder.core.model import Library, Notice, Reference
from site_builder.render.views.xref import document_url
from site_builder.core.vocabulary import DERIVED_NOTE


def notice_fields(notice: Notice, library: Library) -> dict:
    """What every API consumer gets for a notice: the 文号 it cites and is cited by."""
    own = str(notice.doc_number)
    return {
        "cites": list(dict.fromkeys(r.target for r in library.xref.references.get(notice.slug, ()))),
        "cited_by": list(dict.fromkeys(_number(r.source, library) for r in library.xref.cited.get(own, ()))),
    }


def notice_detail_fields(notice: Notice, library: Library) -> dict:
    """The notice's own file adds each citation with its clause, and who repeals or amends it."""
    document = library.xref.documents.get(str(notice.doc_number))
    return {
        "citations": [_citation(r, library) for r in library.xref.references.get(notice.slug, ())],
        "repealed_by": [_number(s, library) for s in document.repealed_by] if document else [],
        "amended_by": [_number(s, library) for s in document.amended_by] if document else [],
        "related": [_number(r.slug, library) for r in library.related.get(notice.slug, ())],
    }


def cited_file(library: Library) -> dict:
    """api/cited.json: every cited document, in 文号 order, marked as derived like the other derived files."""
    return {"derived": DERIVED_NOTE, "documents": cited_records(library)}


def cited_records(library: Library) -> list[dict]:
    return [{
        "doc_number": d.doc_number,
        "title": d.title,
        "level": d.level,
        "url": document_url(d, library),
        "in_site": d.in_site,
        "cited_by": [_number(s, library) for s in d.cited_by],
        "repealed_by": [_number(s, library) for s in d.repealed_by],
        "amended_by": [_number(s, library) for s in d.amended_by],
    } for d in library.xref.documents.values()]


def _citation(ref: Reference, library: Library) -> dict:
    return {"doc_number": ref.target, "title": ref.title, "kind": ref.kind, "anchor": ref.anchor,
            "label": ref.label, "clause": ref.clause, "url": document_url(library.xref.documents[ref.target], library)
            + (f"#{ref.target_anchor}" if ref.target_anchor else "")}


def _number(slug: str, library: Library) -> str:
    return str(library.notices[slug].doc_number)
