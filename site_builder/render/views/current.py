"""The 现行有效 library: every notice in force as of the build's date (有效, or 已修改: in force, partly amended),
grouped by 发文机关 and 文种 with counts, as the 政务公开 rules ask for 规章 and 规范性文件. Pure.

The overview lists each group's documents up to GROUP_LIMIT and links the group's own paginated page for the rest.
Every page says the date its 效力 holds as of: these pages change with the date, and only they and
api/current.json (render/api) are keyed by it (keys.dated_key).
"""

from __future__ import annotations

from site_builder.analyse.status import status
from site_builder.core import slugs
from site_builder.core.config import SiteConfig
from site_builder.core.doctypes import doc_type, enclosed_type
from site_builder.core.model import Library, Notice
from site_builder.core.vocabulary import DERIVED_NOTE, IN_FORCE
from site_builder.render.views import Page, Producer, cn_date, list_pages, page_context, summary
from site_builder.render.views.life import as_of_line, dates

INDEX = "current/index.html"
TITLE = "现行有效文件"
GROUP_LIMIT = 20


def in_force(library: Library) -> list[Notice]:
    """The notices in force as of the build's date, newest first."""
    return [n for n in library.sorted_notices() if status(n, library) in IN_FORCE]


def kind_of(notice: Notice) -> str:
    """The 文种 a reader looks it up by: what a 印发 notice carries (办法), else its own (意见, 通知)."""
    return enclosed_type(notice.title) or doc_type(notice.title)


def groups(library: Library) -> dict[str, dict[str, list[Notice]]]:
    """发文机关 → 文种 → notices, in pinyin order of both."""
    found: dict[str, dict[str, list[Notice]]] = {}
    for notice in in_force(library):
        found.setdefault(notice.issuer, {}).setdefault(kind_of(notice), []).append(notice)
    return {issuer: dict(sorted(kinds.items(), key=lambda kv: slugs.sort_key(kv[0])))
            for issuer, kinds in sorted(found.items(), key=lambda kv: slugs.sort_key(kv[0]))}


def entry(notice: Notice, library: Library) -> dict:
    shown = dates(notice, library)
    return {**summary(notice, library.description(notice.slug)), "status": status(notice, library),
            "effective": shown["effective"], "expires": shown["expires"]}


def producers(library: Library, config: SiteConfig) -> list[Producer]:
    return [lambda: pages(library, config)]


def pages(library: Library, config: SiteConfig) -> list[Page]:
    grouped = groups(library)
    issuer_slugs = slugs.unique_slugs(list(grouped))
    as_of = as_of_line(library, config)
    sections, out = [], []
    for issuer, kinds in grouped.items():
        kind_slugs = slugs.unique_slugs(list(kinds))
        entries = []
        for kind, notices in kinds.items():
            stem = f"current/{issuer_slugs[issuer]}/{kind_slugs[kind]}"
            items = [entry(n, library) for n in notices]
            more = len(items) > GROUP_LIMIT
            entries.append({"kind": kind, "count": len(items), "items": items[:GROUP_LIMIT],
                            "url": f"{stem}.html" if more else "", "id": f"{issuer_slugs[issuer]}-{kind_slugs[kind]}"})
            if more:
                out.extend(list_pages(config, stem, f"{TITLE}：{issuer} · {kind}", items,
                                      heading=f"{issuer} · {kind}", intro=as_of,
                                      breadcrumbs=[{"title": TITLE, "url": INDEX}]))
        sections.append({"issuer": issuer, "id": issuer_slugs[issuer], "count": sum(e["count"] for e in entries),
                         "kinds": entries})
    context = page_context(config, INDEX, TITLE, f"截至{cn_date(library.as_of)}现行有效的规范性文件和政策文件，"
                                                  "按发文机关和文种分类", [{"title": TITLE, "url": INDEX}])
    context.update(heading=TITLE, sections=sections, total=sum(s["count"] for s in sections), as_of=as_of,
                   as_of_date=library.as_of.isoformat(), as_of_cn=cn_date(library.as_of), note=DERIVED_NOTE,
                   all_total=len(library.notices))
    return [Page(INDEX, "current.html", context), *out]
