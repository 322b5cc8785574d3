"""Indexes by year (成文日期), 文种 (from the title) and 发文机关: an overview page each, and paginated lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from site_builder.core import slugs
from site_builder.core.config import SiteConfig
from site_builder.core.doctypes import doc_type, enclosed_type
from site_builder.core.model import Library, Notice
from site_builder.render.views import Page, Producer, feeds, list_pages, page_context, run_all, summary


def years_of(notice: Notice) -> list[str]:
    return [str(notice.date.year)]


def types_of(notice: Notice) -> list[str]:
    """The formal 文种 (…的通知 → 通知) and, for 印发/转发 notices, the type of what they carry (办法, 方案…)."""
    return list(dict.fromkeys(t for t in (doc_type(notice.title), enclosed_type(notice.title)) if t))


def issuers_of(notice: Notice) -> list[str]:
    return [notice.issuer]


INDEXES = (
    # (folder, title, what a notice is filed under, how the overview orders the names)
    ("years", "按年份", years_of, lambda name: (-int(name),)),
    ("types", "按文种", types_of, slugs.sort_key),
    ("issuers", "按发文机关", issuers_of, slugs.sort_key),
)


FEEDS = ("types", "issuers")  # the indexes whose pages have a feed: a closed year gets no new notices


def index_urls(folder: str, names: list[str]) -> dict[str, str]:
    if folder == "years":
        return {name: f"years/{name}.html" for name in names}
    return {name: f"{folder}/{slug}.html" for name, slug in slugs.unique_slugs(names).items()}


def _pages_for(library: Library, config: SiteConfig, folder: str, title: str,
               filed: Callable[[Notice], list[str]], order) -> tuple[list[Page], dict]:
    members: dict[str, list[Notice]] = defaultdict(list)
    for notice in library.sorted_notices():
        for name in filed(notice):
            members[name].append(notice)
    urls = index_urls(folder, list(members))
    overview = f"{folder}/index.html"
    found = []
    for name in sorted(members, key=order):
        items = [summary(n, library.description(n.slug)) for n in members[name]]
        shown = f"{name}年" if folder == "years" else name
        feed = feeds.link(config, urls[name], shown) if folder in FEEDS else None
        found.extend(list_pages(config, urls[name].removesuffix(".html"), f"{title}：{shown}", items,
                                heading=shown, breadcrumbs=[{"title": title, "url": overview}], feed=feed))
        if feed:
            found.append(feeds.facet_feed(config, library, members[name], urls[name], shown))
    entries = [{"title": f"{name}年" if folder == "years" else name, "url": urls[name],
                "count": len(members[name]), "children": []} for name in sorted(members, key=order)]
    context = page_context(config, overview, title, f"{title}浏览政府文件", [{"title": title, "url": overview}])
    intro = "文种取自文件标题；印发、转发类通知同时按所印发文件的文种归类。" if folder == "types" else ""
    context.update(heading=title, intro=intro, sections=[{"heading": "", "entries": entries}])
    found.insert(0, Page(overview, "directory.html", context, deps=tuple(sorted(library.notices))))
    return found, {"title": title, "url": overview}


def pages(library: Library, config: SiteConfig) -> tuple[list[Page], list[dict]]:
    """Every index page, and a link to each overview for the home page."""
    return run_all(producers(library, config)), links()


def producers(library: Library, config: SiteConfig) -> list[Producer]:
    return [lambda index=index: _pages_for(library, config, *index)[0] for index in INDEXES]


def links() -> list[dict]:
    """A link to each overview, for the home page."""
    return [{"title": title, "url": f"{folder}/index.html"} for folder, title, _, _ in INDEXES]
