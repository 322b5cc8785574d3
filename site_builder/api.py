"""The JSON API: api/notices.json (one object per notice) and api/notices/<slug>.json (full metadata).

The schema is documented in docs/api.md; every field added by a later phase goes there too.
"""

from __future__ import annotations

import json

from site_builder import api_derived, xref_api
from site_builder.config import SiteConfig
from site_builder.model import Library, Notice
from site_builder.views import index_number

SCHEMA_VERSION = 1


def dump_json(value) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, one trailing newline."""
    # Compact separators keep json on its C encoder; with indent it falls back to pure Python (10× slower).
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def notice_record(notice: Notice, config: SiteConfig) -> dict:
    """The fields every API consumer gets for a notice, in the list and in the notice's own file."""
    return {
        "doc_number": str(notice.doc_number),
        "title": notice.title,
        "issuer": notice.issuer,
        "date": notice.date.isoformat(),
        "published": notice.publish_date.isoformat(),
        "addressees": notice.addressees,
        "index_number": index_number(notice, config),
        "url": notice.url,
        "api_url": f"api/notices/{notice.slug}.json",
        "topics": list(notice.topics),
        "status": notice.status or "有效",
        "year": notice.date.year,
    }


def notice_detail(notice: Notice, library: Library, config: SiteConfig) -> dict:
    body = library.bodies[notice.slug]
    return {
        **notice_record(notice, config),
        **api_derived.notice_fields(notice, library),
        **xref_api.notice_fields(notice, library),  # status (what citations imply, unless set), cites, cited_by
        "schema_version": SCHEMA_VERSION,
        "keywords": list(notice.keywords),
        "signer": notice.signer,
        "attachments": [{"title": a.title, "omitted": a.omitted} for a in notice.attachments],
        "source": notice.source,
        "outline": [{"anchor": c.anchor, "label": c.label, "title": c.heading, "level": c.level,
                     "parent": c.parent} for c in body.clauses],
        **xref_api.notice_detail_fields(notice, library),
    }


def files(library: Library, config: SiteConfig) -> dict[str, bytes]:
    notices = library.sorted_notices()
    out = {"api/notices.json": dump_json([{**notice_record(n, config), **api_derived.notice_fields(n, library),
                                           **xref_api.notice_fields(n, library)} for n in notices])}
    out["api/cited.json"] = dump_json(xref_api.cited_file(library))
    for notice in notices:
        out[f"api/notices/{notice.slug}.json"] = dump_json(notice_detail(notice, library, config))
    out.update(api_derived.files(library, dump_json))
    return out
