"""The JSON API: api/notices.json (one object per notice) and api/notices/<slug>.json (full metadata).

The schema is documented in docs/api.md; every field added by a later phase goes there too.
"""

from __future__ import annotations

import json

from site_builder.analyse.status import status
from site_builder.render.api import citations, facets, life
from site_builder.core.config import SiteConfig
from site_builder.core.model import Fragment
from site_builder.core.model import Library, Notice
from site_builder.render.views import Keyed, Page, Producer, bytes_page, index_number
from site_builder.render.views import attachments as attachment_views

SCHEMA_VERSION = 2  # 2: status values 已修改, 已失效, 尚未生效; amended_by holds objects
JSON = "json"  # Page.template of a JSON file: its context holds the "value" to dump


def dump_json(value) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, one trailing newline."""
    # Compact separators keep json on its C encoder; with indent it falls back to pure Python (10× slower).
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def notice_record(notice: Notice, library: Library, config: SiteConfig) -> dict:
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
        "status": status(notice, library),
        "year": notice.date.year,
        **life.notice_fields(notice, library),
        "attachments": attachment_views.listed(notice),
    }


def notice_detail(notice: Notice, library: Library, config: SiteConfig) -> dict:
    """The notice's own file, but for its outline, which `hydrate` adds from the notice's fragment."""
    return {
        **notice_record(notice, library, config),
        **facets.notice_fields(notice, library),
        **citations.notice_fields(notice, library),  # cites, cited_by
        "schema_version": SCHEMA_VERSION,
        "keywords": list(notice.keywords),
        "signer": notice.signer,
        "source": notice.source,
        **citations.notice_detail_fields(notice, library),
        **life.notice_fields(notice, library),  # amended_by: the effects, not the citations' 文号 alone
    }


def hydrate(context: dict, fragment: Fragment) -> dict:
    """A notice's JSON with its outline, read from its fragment."""
    outline = [{"anchor": c.anchor, "label": c.label, "title": c.heading, "level": c.level, "parent": c.parent}
               for c in fragment.outline]
    return {**context, "value": {**context["value"], "outline": outline}}


def producers(library: Library, config: SiteConfig) -> list[Producer]:
    notices = library.sorted_notices()
    return [
        lambda: [Page("api/notices.json", JSON, {"value": [
            {**notice_record(n, library, config), **facets.notice_fields(n, library), **citations.notice_fields(n, library)}
            for n in notices]})],
        lambda: [Page("api/cited.json", JSON, {"value": citations.cited_file(library)})],
        lambda: [Page("api/interpretations.json", JSON, {"value": life.interpretations_file(library)})],
        *(_as_pages(make) for make in facets.producers(library, dump_json)),
    ]


def _as_pages(make) -> Producer:
    """A producer of {path: bytes} as one of pages, keyed as it was."""
    pages = lambda: [bytes_page(path, data) for path, data in make().items()]  # noqa: E731
    return Keyed(make.group, make.key, pages) if isinstance(make, Keyed) else pages


def dated_producers(library: Library) -> list[Producer]:
    """api/current.json: what is in force as of the build's date (keyed by the date: keys.dated_key)."""
    return [lambda: [Page("api/current.json", JSON, {"value": life.current_file(library)})]]


def notice_pages(library: Library, config: SiteConfig, notice: Notice) -> list[Page]:
    """A notice's own JSON file; its outline comes from its fragment (`hydrate`)."""
    return [Page(f"api/notices/{notice.slug}.json", JSON, {
        "value": notice_detail(notice, library, config), "fragment": library.extracts[notice.slug].fragment},
        deps=(notice.slug,))]
