"""Search view models: the Pagefind fields of a notice page, and the search page. Pure."""

from __future__ import annotations

from site_builder import search_terms
from site_builder.config import SiteConfig
from site_builder.model import Library, Notice, RenderedBody
from site_builder.search import BUNDLES
from site_builder.views import Page, cn_date, page_context

SEARCH_PATH = "search/index.html"


def shard_of(notice: Notice) -> str:
    """The index shard of a notice: the year of its 成文日期, the same year as the 年份 filter and the API."""
    return str(notice.date.year)


def search_plan(library: Library) -> dict[str, list[str]]:
    """Shard → the notice pages it indexes."""
    plan: dict[str, list[str]] = {}
    for notice in library.notices.values():
        plan.setdefault(shard_of(notice), []).append(notice.url)
    return {shard: sorted(paths) for shard, paths in sorted(plan.items())}


def notice_search(notice: Notice, body: RenderedBody, filters: dict[str, list[str]]) -> dict:
    """What notice.html hands Pagefind: metadata, filters, the date to sort by and the extra tokens."""
    text = "\n".join([notice.issuer + notice.title, notice.addressees, body.text,
                      *(attachment.title for attachment in notice.attachments)])
    return {
        "meta": [("文号", str(notice.doc_number)), ("成文日期", cn_date(notice.date)), ("发文机关", notice.issuer)],
        "filters": [(name, value) for name, values in filters.items() for value in values if value],
        "sort_date": notice.date.isoformat(),
        "tokens": [
            (search_terms.DOCNUM_FIELD, " ".join(search_terms.doc_number_tokens(notice.doc_number))),
            (search_terms.CITED_FIELD, search_terms.cited_tokens(body.text, notice.doc_number)),
            (search_terms.PHRASE_FIELD, search_terms.phrase_tokens(text)),
            (search_terms.CHAR_FIELD, search_terms.char_tokens(text)),
        ],
    }


def search_page(config: SiteConfig, shards: list[str], indexes: list[dict]) -> Page:
    """/search/: Pagefind's UI over every shard (newest first), with links to the indexes for readers without JS."""
    context = page_context(config, SEARCH_PATH, "搜索", "按关键词、文号、发文机关、部门检索" + config.name + "的文件")
    ordered = sorted(shards, reverse=True)
    context.update(
        indexes=indexes,
        search={
            "shards": [f"{BUNDLES}/{shard}/" for shard in ordered],
            "ui_css": f"{BUNDLES}/{ordered[0]}/pagefind-ui.css" if ordered else "",
            "ui_js": f"{BUNDLES}/{ordered[0]}/pagefind-ui.js" if ordered else "",
            "hidden_meta": [search_terms.DOCNUM_FIELD, search_terms.CITED_FIELD, search_terms.PHRASE_FIELD,
                            search_terms.CHAR_FIELD],
        },
    )
    return Page(SEARCH_PATH, "search.html", context)
