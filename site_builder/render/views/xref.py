"""Citation views: the notice page's 引用 blocks and status banner, a page per cited document, the cited index.

Everything here is derived from the text by the system, so every block carries DERIVED_NOTE. URLs are site-relative.
"""

from __future__ import annotations

import math

from site_builder.core.config import SiteConfig
from site_builder.core.doctypes import full_title
from site_builder.core.model import CitedDocument, Library, Notice, Reference
from site_builder.render.views import Page, Producer, cn_date, page_context, pagination, run_all
from site_builder.analyse.status import status
from site_builder.analyse.xref import LEVELS
from site_builder.core.vocabulary import AMENDED, DERIVED_NOTE, REPEALED, VALID

INDEX_LIMIT = 100  # documents per level on cited/index.html; the level's own pages list them all
CITED_BY_LIMIT = 30  # citing notices listed on a notice page; more are on the notice's cited page
KIND_LABELS = {"repeal": "废止", "amend": "修订", "cite": ""}
LEVEL_KEYS = dict(zip(LEVELS, ("central", "province", "city", "other")))
PREAMBLE_LABEL = "正文开头"


def notice_relations(notice: Notice, library: Library) -> dict:
    """The derived blocks of a notice page: status banner, what it cites, what cites it, related notices."""
    own = str(notice.doc_number)
    document = library.xref.documents.get(own)
    cited_by = _citing_entries(library.xref.cited.get(own, ()), library)
    return {
        "note": DERIVED_NOTE,
        "status": _status_banner(notice, document, library),
        "cites": _cited_entries(library.xref.references.get(notice.slug, ()), library),
        "cited_by": cited_by[:CITED_BY_LIMIT],
        "cited_by_total": len(cited_by),
        "cited_by_all": cited_url(document) if len(cited_by) > CITED_BY_LIMIT else "",
        "related": [_related_entry(r, library) for r in library.related.get(notice.slug, ())],
    }


def page_deps(notice: Notice, library: Library) -> tuple[str, ...]:
    """Other notices whose titles, 文号 or clauses this notice's page shows: its page changes when they do."""
    own = str(notice.doc_number)
    shown = [r.source for r in library.xref.cited.get(own, ())]
    shown += [library.slug_for(r.target) or "" for r in library.xref.references.get(notice.slug, ())]
    shown += [r.slug for r in library.related.get(notice.slug, ())]
    return tuple(sorted({s for s in shown if s and s != notice.slug}))


def cited_url(document: CitedDocument) -> str:
    return f"cited/{document.slug}.html"


def document_url(document: CitedDocument, library: Library) -> str:
    """Where a cited document is read: the notice itself when the site has it, else its cited page."""
    slug = library.slug_for(document.doc_number)
    return f"notices/{slug}.html" if slug else cited_url(document)


def _status_banner(notice: Notice, document: CitedDocument | None, library: Library) -> dict:
    value = status(notice, library)
    acts = _acts(library.xref.cited.get(document.doc_number, ()) if document else (), library)
    # Only the acts that explain the status shown: an editor's 有效 is not explained by a citation's 废止.
    acts = [a for a in acts if (value, a["verb"]) in ((REPEALED, "废止"), (AMENDED, "修订"))]
    return {"value": value, "acts": acts, "shown": value != VALID}


def _acts(refs, library: Library) -> list[dict]:
    """The notices that repeal or amend a document, each once per verb, newest first."""
    acts: dict[tuple[str, str], dict] = {}
    for ref in refs:
        if ref.kind in ("repeal", "amend"):
            acts.setdefault((ref.source, ref.kind), _act(ref, library))
    return list(acts.values())


def _act(ref: Reference, library: Library) -> dict:
    notice = library.notices[ref.source]
    return {"verb": KIND_LABELS[ref.kind], "doc_number": str(notice.doc_number),
            "title": full_title(notice.issuer, notice.title), "date": notice.date.isoformat(),
            "date_cn": cn_date(notice.date), "url": _place_url(notice.url, ref.anchor),
            "label": ref.label or PREAMBLE_LABEL}


def _cited_entries(refs: tuple[Reference, ...], library: Library) -> list[dict]:
    """What a notice cites, in order of first mention, each with the clauses that cite it."""
    entries: dict[str, dict] = {}
    for ref in refs:
        entry = entries.get(ref.target)
        if entry is None:
            document = library.xref.documents[ref.target]
            entry = entries[ref.target] = {
                "doc_number": ref.target, "title": _title(document, library), "level": document.level,
                "url": document_url(document, library), "in_site": document.in_site, "kinds": [], "places": [],
                "clauses": []}
        _add_place(entry, ref, "#" + ref.anchor if ref.anchor else "")
        if ref.clause and ref.clause not in entry["clauses"]:
            entry["clauses"].append(ref.clause)
    return list(entries.values())


def _citing_entries(refs: tuple[Reference, ...], library: Library) -> list[dict]:
    """The notices citing a document, newest first, each with its citing clauses."""
    entries: dict[str, dict] = {}
    for ref in refs:
        notice = library.notices[ref.source]
        entry = entries.get(ref.source)
        if entry is None:
            entry = entries[ref.source] = {
                "doc_number": str(notice.doc_number), "title": notice.title, "issuer": notice.issuer,
                "full_title": full_title(notice.issuer, notice.title),
                "date": notice.date.isoformat(), "date_cn": cn_date(notice.date), "url": notice.url,
                "kinds": [], "places": []}
        _add_place(entry, ref, _place_url(notice.url, ref.anchor))
    return list(entries.values())


def _add_place(entry: dict, ref: Reference, url: str) -> None:
    label = ref.label or PREAMBLE_LABEL
    if all(p["label"] != label for p in entry["places"]):
        entry["places"].append({"label": label, "url": url})
    kind = KIND_LABELS[ref.kind]
    if kind and kind not in entry["kinds"]:
        entry["kinds"].append(kind)


def _place_url(url: str, anchor: str) -> str:
    return f"{url}#{anchor}" if anchor else url


def _title(document: CitedDocument, library: Library) -> str:
    slug = library.slug_for(document.doc_number)
    if slug:
        notice = library.notices[slug]
        return full_title(notice.issuer, notice.title)
    return document.title


def _related_entry(related, library: Library) -> dict:
    notice = library.notices[related.slug]
    return {"doc_number": str(notice.doc_number), "title": notice.title, "url": notice.url,
            "date": notice.date.isoformat(), "date_cn": cn_date(notice.date), "reasons": list(related.reasons)}


def cited_pages(library: Library, config: SiteConfig) -> list[Page]:
    return run_all(cited_producers(library, config))


def cited_producers(library: Library, config: SiteConfig, per_producer: int = 200) -> list[Producer]:
    """A page per document cited but not in the site (and per site notice cited more than its page lists), the
    index grouped by level, and a page per level."""
    groups: dict[str, list[CitedDocument]] = {}
    for document in library.xref.documents.values():
        if not document.in_site or len(document.cited_by) > CITED_BY_LIMIT:
            groups.setdefault(document.slug, []).append(document)
    ordered = sorted(groups)
    out: list[Producer] = [
        lambda chunk=ordered[i:i + per_producer]: [page for slug in chunk
                                                   for page in _document_pages(slug, groups[slug], library, config)]
        for i in range(0, len(ordered), per_producer)]
    out.append(lambda: _index_pages(library, config))
    return out


def _document_pages(slug: str, documents: list[CitedDocument], library: Library, config: SiteConfig) -> list[Page]:
    """cited/<slug>.html: the document's 文号, title, level and 效力, and every notice citing it, paginated."""
    rows = [{**entry, "cited": document.doc_number}
            for document in documents
            for entry in _citing_entries(library.xref.cited[document.doc_number], library)]
    metas = [_document_meta(d, library) for d in documents]
    if len(metas) == 1:
        title = metas[0]["title"] or metas[0]["doc_number"]
    else:  # 文号 whose prefixes read alike in pinyin share a page
        title = "、".join(m["doc_number"] for m in metas)
    pages = []
    for chunk, path, pagination in _paginate(rows, f"cited/{slug}", config.paginate):
        context = page_context(config, path, title, _description(metas), [
            {"title": "引用文件索引", "url": "cited/index.html"}])
        context.update(documents=metas, rows=chunk, total=len(rows), several=len(metas) > 1,
                       pagination=pagination, note=DERIVED_NOTE)
        deps = tuple(sorted({r["url"] for r in chunk}))
        pages.append(Page(path, "cited.html", context, deps=deps))
    return pages


def _document_meta(document: CitedDocument, library: Library) -> dict:
    acts = _acts(library.xref.cited[document.doc_number], library)
    slug = library.slug_for(document.doc_number)
    return {
        "doc_number": document.doc_number, "title": _title(document, library), "level": document.level,
        "status": REPEALED if document.repealed_by else AMENDED if document.amended_by else "",
        "acts": acts, "count": len(document.cited_by), "notice_url": f"notices/{slug}.html" if slug else "",
    }


def _description(metas: list[dict]) -> str:
    first = metas[0]
    return f"{first['doc_number']}{first['title'] and '《' + first['title'] + '》'}被本站{first['count']}件文件引用"


def _index_pages(library: Library, config: SiteConfig) -> list[Page]:
    by_level: dict[str, list[dict]] = {level: [] for level in LEVELS}
    for document in library.xref.documents.values():
        by_level[document.level].append(_index_item(document, library))
    groups = []
    pages = []
    for level in LEVELS:
        items = by_level[level]
        if not items:
            continue
        key = LEVEL_KEYS[level]
        groups.append({"level": level, "id": f"level-{key}", "documents": items[:INDEX_LIMIT], "total": len(items),
                       "url": f"cited/level-{key}.html"})
        for chunk, path, pagination in _paginate(items, f"cited/level-{key}", config.paginate):
            context = page_context(config, path, f"被引用文件：{level}", breadcrumbs=[
                {"title": "引用文件索引", "url": "cited/index.html"}])
            context.update(heading=f"被引用文件：{level}", items=chunk, total=len(items), pagination=pagination,
                           note=DERIVED_NOTE)
            pages.append(Page(path, "cited_level.html", context))
    context = page_context(config, "cited/index.html", "引用文件索引",
                           "本站文件引用的全部文件，按发文机关层级分组：中央/国务院、河南省、郑州市及其他")
    context.update(groups=groups, total=len(library.xref.documents), note=DERIVED_NOTE, limit=INDEX_LIMIT)
    pages.insert(0, Page("cited/index.html", "cited_index.html", context))
    return pages


def _index_item(document: CitedDocument, library: Library) -> dict:
    return {"doc_number": document.doc_number, "title": _title(document, library),
            "url": document_url(document, library), "in_site": document.in_site, "count": len(document.cited_by),
            "status": REPEALED if document.repealed_by else AMENDED if document.amended_by else ""}


def _paginate(items: list, stem: str, per_page: int):
    """(items on the page, path, pagination) for stem.html, stem-p2.html, …; one page even when items is empty."""
    count = max(1, math.ceil(len(items) / per_page))
    paths = [f"{stem}.html" if n == 1 else f"{stem}-p{n}.html" for n in range(1, count + 1)]
    for n, path in enumerate(paths, start=1):
        yield items[(n - 1) * per_page: n * per_page], path, pagination(paths, n)
