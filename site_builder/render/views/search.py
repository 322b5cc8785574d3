"""Search view models: the Pagefind fields of a notice page, and the search page. Pure."""

from __future__ import annotations

from site_builder.extract import search_terms
from site_builder.core.config import SiteConfig
from site_builder.core.model import Library, Notice
from site_builder.search.index import BUNDLES, PAGES_AT_ONCE
from site_builder.render.views import Page, cn_date, page_context
from site_builder.render.views import attachments as attachment_views

SEARCH_PATH = "search/index.html"


def search_plan(library: Library, limit: int = PAGES_AT_ONCE) -> dict[str, list[str]]:
    """Shard → the notice pages it indexes. Shards follow the 成文日期 and sort by name in date order.

    A year is one shard ("2016"). A year of more than `limit` notices is cut at month boundaries into runs of
    months of at most `limit` notices each, named by their first month ("2025-01", "2025-05"); a single month
    over the limit is cut by count ("2025-03-01", "2025-03-02"). Month cuts move only when a run overflows, so
    an added notice seldom re-indexes more than its own shard. The limit bounds Pagefind's memory per run.
    """
    by_year: dict[int, list[Notice]] = {}
    for notice in library.notices.values():
        by_year.setdefault(notice.date.year, []).append(notice)
    plan: dict[str, list[str]] = {}
    for year, notices in sorted(by_year.items()):
        notices.sort(key=lambda n: (n.date, n.doc_number))
        if len(notices) <= limit:
            plan[str(year)] = [page for n in notices for page in pages_of(n)]
            continue
        for name, group in _month_runs(notices, limit):
            plan[name] = [page for n in group for page in pages_of(n)]
    for item in library.interpretations.values():  # a 解读 goes with its year's notices
        plan.setdefault(_shard_of(plan, item.date), []).append(item.url)
    return {shard: sorted(paths) for shard, paths in plan.items()}


def pages_of(notice: Notice) -> list[str]:
    """What the search index reads of a notice: its page and the text page of each attachment it has."""
    return [notice.url, *(path for path, _, _ in attachment_views.text_pages(notice))]


def _shard_of(plan: dict[str, list[str]], when) -> str:
    """The shard a page of this date joins: its year's, or the run of months that holds its month."""
    year, month = str(when.year), f"{when.year}-{when.month:02d}"
    if year in plan:
        return year
    runs = sorted(name for name in plan if name.startswith(year + "-") and name[:7] <= month)
    return runs[-1] if runs else min((name for name in plan if name.startswith(year + "-")), default=year)


def _month_runs(notices: list[Notice], limit: int) -> list[tuple[str, list[Notice]]]:
    months: dict[int, list[Notice]] = {}
    for notice in notices:
        months.setdefault(notice.date.month, []).append(notice)
    runs: list[tuple[str, list[Notice]]] = []
    for month, group in sorted(months.items()):
        name = f"{group[0].date.year}-{month:02d}"
        if len(group) > limit:
            runs.extend((f"{name}-{i // limit + 1:02d}", group[i:i + limit]) for i in range(0, len(group), limit))
        elif runs and not _split(runs[-1][0]) and len(runs[-1][1]) + len(group) <= limit:
            runs[-1][1].extend(group)
        else:
            runs.append((name, list(group)))
    return runs


def _split(name: str) -> bool:
    return name.count("-") == 2  # a month cut by count takes no other month


def notice_search(notice: Notice, filters: dict[str, list[str]], status: str = "有效") -> dict:
    """What notice.html hands Pagefind: metadata, filters and the date to sort by (the extra tokens come from the
    notice's fragment when the page is rendered: extract.search_tokens). 效力 only when it is not 有效: what a
    reader must know before choosing a result."""
    meta = [("文号", str(notice.doc_number)), ("成文日期", cn_date(notice.date)), ("发文机关", notice.issuer)]
    return {
        "meta": meta + ([("效力", status)] if status and status != "有效" else []),
        "filters": [(name, value) for name, values in filters.items() for value in values if value],
        "sort_date": notice.date.isoformat(),
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
            "hidden_meta": [search_terms.DOCNUM_FIELD, search_terms.CITED_FIELD, search_terms.TITLE_FIELD,
                            search_terms.NAME_FIELD, search_terms.CHAR_FIELD],
        },
    )
    return Page(SEARCH_PATH, "search.html", context)
