"""The notice page: metadata block, <meta> tags, JSON-LD, outline and body."""

from __future__ import annotations

from site_builder.analyse.status import page_facts, status
from site_builder.core import keys
from site_builder.core.config import SiteConfig

from markupsafe import Markup

from site_builder.core.doctypes import doc_type, full_title
from site_builder.core.model import Fragment
from site_builder.extract.notice import search_tokens
from site_builder.extract.markdown import link_citations
from site_builder.core.model import Clause, Library, Notice
from site_builder.render.views import Page, cn_date, index_number, page_context
from site_builder.core.slugs import sort_key
from site_builder.extract.topics import category_of
from site_builder.render.views import attachments as attachment_views
from site_builder.render.views import xref as xref_views
from site_builder.core.vocabulary import DUTIES_NOTE, POLICY_TYPE
from site_builder.render.views import life
from site_builder.render.views.departments import notice_duties
from site_builder.render.views.search import notice_search
from site_builder.render.views.topics import topic_links


def outline(clauses: tuple[Clause, ...]) -> list[dict]:
    """Clauses as a tree, for a nested 目录 a screen reader announces level by level."""
    roots: list[dict] = []
    by_anchor: dict[str, dict] = {}
    for clause in clauses:
        joiner = "" if clause.number.endswith(("、", "）", ")", ".", "．")) or not clause.heading else " "
        item = {"anchor": clause.anchor, "label": clause.label, "text": clause.number + joiner + clause.heading,
                "children": []}
        by_anchor[clause.anchor] = item
        parent = by_anchor.get(clause.parent)
        (parent["children"] if parent else roots).append(item)
    return roots


def notice_page(notice: Notice, library: Library, config: SiteConfig) -> Page:
    extract = library.extracts[notice.slug]
    path = notice.url
    meta = {
        "doc_number": str(notice.doc_number),
        "title": notice.title,
        "full_title": full_title(notice.issuer, notice.title),
        "issuer": notice.issuer,
        "date": notice.date.isoformat(),
        "date_cn": cn_date(notice.date),
        "published": notice.publish_date.isoformat(),
        "published_cn": cn_date(notice.publish_date),
        "addressees": notice.addressees,
        "index_number": index_number(notice, config),
        "topics": list(library.topics.get(notice.slug, notice.topics)),
        "topic_links": topic_links(library, notice.slug),
        "keywords": list(notice.keywords),
        "status": status(notice, library),
        "status_as_of": life.as_of_line(library, config),
        **life.dates(notice, library),
        "signer": notice.signer,
        "attachments": attachment_views.notice_items(notice),
    }
    context = page_context(config, path, notice.title, extract.description, [
        {"title": "全部文件", "url": "notices/index.html"}])
    context.update(
        notice=meta,
        fragment=extract.fragment,  # body HTML, outline and search tokens: filled in by `hydrate`
        links=citation_links(notice, library),
        pub_meta=_gov_meta(notice, meta, extract.description, config, path),
        json_ld=_json_ld(notice, meta, config, path),
        filters=search_filters(notice, library),
        duties=notice_duties(library, notice),
        duties_note=DUTIES_NOTE,
        xref=xref_views.notice_relations(notice, library),
        life=life.banner(notice, library, config),
        interpretations=life.interpretations(notice, library),
        clause_notes=life.clause_notes(notice, library),
    )
    context["search"] = notice_search(notice, context["filters"], meta["status"])
    return Page(path, "notice.html", context, deps=(notice.slug, *xref_views.page_deps(notice, library)))


def search_filters(notice: Notice, library: Library | None = None) -> dict[str, list[str]]:
    """Facets a reader can narrow a search by; features add theirs (主题, 部门) to this dict."""
    filters = {
        "类型": [POLICY_TYPE],
        "发文机关": [notice.issuer],
        "年份": [str(notice.date.year)],
        "文种": ["令" if notice.doc_number.decree else doc_type(notice.title)],
    }
    if library is not None:
        filters["主题"] = list(dict.fromkeys(category_of(key) for key in library.topics.get(notice.slug, ())))
        filters["部门"] = sorted({d.department for d in library.responsibilities.get(notice.slug, ())
                                if library.departments.get(d.department) is not None}, key=sort_key)
    return filters


def inputs_digest(notice: Notice, library: Library) -> str:
    """Everything a notice's page and JSON show, as one digest, found without making the view model.

    Its own file (the fragment key covers body, metadata, reference files and code version), what its attachment
    files hold (in its public facts), its 效力 and what other notices do to it (status.page_facts), its 解读, and
    the public facts of every notice and document the page names: what it cites, what cites it, its related
    notices. Not the as-of date: the render step adds it to the page's key where the page prints it (not on a site
    rebuilt daily, where a new day re-renders only the pages whose 效力 it changes; never to the JSON's). Two builds
    with equal digests make the same page, so the render step skips it without building its view.
    """
    own = str(notice.doc_number)
    extract = library.extracts[notice.slug]
    parts = [extract.fragment, extract.public, page_facts(notice, library), repr(library.topics.get(notice.slug))]
    for slug in library.interpreted.get(notice.slug, ()):
        item = library.interpretations[slug]
        parts.append(repr((item.slug, item.title, item.date, item.kind, item.issuer)))
    for slug, _ in library.effects.get(notice.slug, ()):
        parts.append(library.extracts[slug].public)
    for ref in library.xref.references.get(notice.slug, ()):
        target = library.slug_for(ref.target)
        parts.append(library.extracts[target].public if target else repr(library.xref.documents.get(ref.target)))
    parts.append(repr(library.xref.documents.get(own)))
    for ref in library.xref.cited.get(own, ()):
        parts.append(f"{ref!r}{library.extracts[ref.source].public}")
    for item in library.related.get(notice.slug, ()):
        parts.append(f"{item!r}{library.extracts[item.slug].public}")
    return keys.facts_digest(parts)


def citation_links(notice: Notice, library: Library) -> dict[str, str]:
    """Where each citation in the body links, keyed "文号#cited anchor": the notice (and clause) or its cited page."""
    links = {}
    for ref in library.extracts[notice.slug].references:
        slug = library.slug_for(ref.target)
        if slug is None:
            url = f"../cited/{library.xref.documents[ref.target].slug}.html" if ref.target in \
                library.xref.documents else ""
        elif ref.target_anchor and ref.target_anchor in library.extracts[slug].anchors:
            url = f"{slug}.html#{ref.target_anchor}"
        else:
            url = f"{slug}.html"
        if url:
            links[f"{ref.target}#{ref.target_anchor}"] = url
            links.setdefault(f"{ref.target}#", url.split("#")[0])
    return dict(sorted(links.items()))


def hydrate(context: dict, fragment: Fragment, notice: Notice) -> dict:
    """A notice page's context with what lives in its fragment: the body (its citations linked), the outline and the
    hidden search tokens. Pure; the render step reads the fragment from the cache."""
    links = context["links"]

    def resolve(citation) -> str | None:
        target = str(citation.doc_number)
        return links.get(f"{target}#{citation.anchor}") or links.get(f"{target}#")

    html = link_citations(fragment.html, fragment.citations, resolve)
    if context.get("clause_notes"):
        html = life.annotate(html, context["clause_notes"])
    return {
        **context,
        "body_html": Markup(html),
        "outline": outline(fragment.outline),
        "search": {**context["search"], "tokens": search_tokens(notice, fragment)},
    }


def _gov_meta(notice: Notice, meta: dict, description: str, config: SiteConfig, path: str) -> list[dict]:
    """The <meta> names Chinese government sites carry (政府网站网页设计规范)."""
    pairs = [
        ("SiteName", config.name),
        ("SiteDomain", config.domain),
        ("ColumnName", config.column_name),
        ("ArticleTitle", meta["full_title"]),
        ("PubDate", f"{notice.publish_date.isoformat()} 00:00"),
        ("ContentSource", config.content_source or notice.issuer),
        ("Keywords", "，".join([*meta["keywords"], *meta["topics"], meta["doc_number"]])),
        ("Description", description),
        ("Url", config.absolute(path)),
    ]
    return [{"name": name, "content": content} for name, content in pairs]


def _json_ld(notice: Notice, meta: dict, config: SiteConfig, path: str) -> dict:
    force = {"有效": "https://schema.org/InForce", "已废止": "https://schema.org/NotInForce",
             "已失效": "https://schema.org/NotInForce", "已修改": "https://schema.org/PartiallyInForce",
             "尚未生效": "https://schema.org/NotInForce"}
    return {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": meta["full_title"],
        "legislationIdentifier": meta["doc_number"],
        "legislationDate": meta["date"],
        "datePublished": meta["published"],
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": notice.issuer},
        "legislationJurisdiction": config.content_source or notice.issuer,
        "legislationLegalForce": force.get(meta["status"], force["有效"]),
        "inLanguage": config.language,
        "url": config.absolute(path),
    }


