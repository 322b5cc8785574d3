"""Indexes by year (成文日期), 文种 (from the title) and 发文机关: an overview page each, and paginated lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from site_builder.core import slugs
from site_builder.core.config import SiteConfig
from site_builder.core.doctypes import doc_type, enclosed_type
from site_builder.core.model import Library, Notice
from site_builder.render.views import Keyed, Page, Producer, feeds, list_pages, page_context, run_all, shown_key, \
    summary


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


def _members(library: Library, filed: Callable[[Notice], list[str]]) -> dict[str, list[Notice]]:
    """Name → the notices filed under it, newest first."""
    members: dict[str, list[Notice]] = defaultdict(list)
    for notice in library.sorted_notices():
        for name in filed(notice):
            members[name].append(notice)
    return members


def _name_pages(library: Library, config: SiteConfig, folder: str, title: str, name: str, url: str,
                notices: list[Notice]) -> list[Page]:
    """One year's, 文种's or 发文机关's paginated list, and its feed."""
    items = [summary(n, library.description(n.slug)) for n in notices]
    shown = f"{name}年" if folder == "years" else name
    feed = feeds.link(config, url, shown) if folder in FEEDS else None
    found = list_pages(config, url.removesuffix(".html"), f"{title}：{shown}", items, heading=shown,
                       breadcrumbs=[{"title": title, "url": f"{folder}/index.html"}], feed=feed)
    if feed:
        found.append(feeds.facet_feed(config, library, notices, url, shown))
    return found


def _overview(library: Library, config: SiteConfig, folder: str, title: str, members: dict[str, list[Notice]],
              urls: dict[str, str], order) -> Page:
    overview = f"{folder}/index.html"
    entries = [{"title": f"{name}年" if folder == "years" else name, "url": urls[name],
                "count": len(members[name]), "children": []} for name in sorted(members, key=order)]
    context = page_context(config, overview, title, f"{title}浏览政府文件", [{"title": title, "url": overview}])
    intro = "文种取自文件标题；印发、转发类通知同时按所印发文件的文种归类。" if folder == "types" else ""
    context.update(heading=title, intro=intro, sections=[{"heading": "", "entries": entries}])
    return Page(overview, "directory.html", context, deps=tuple(sorted(library.notices)))


def pages(library: Library, config: SiteConfig) -> tuple[list[Page], list[dict]]:
    """Every index page, and a link to each overview for the home page."""
    return run_all(producers(library, config)), links()


def producers(library: Library, config: SiteConfig) -> list[Producer]:
    """Per index, its overview, then one producer per name, keyed by the notices it lists (a title edited at
    10,000 notices remakes its year's, 文种's and 发文机关's lists only)."""
    out: list[Producer] = []
    for folder, title, filed, order in INDEXES:
        members = _members(library, filed)
        urls = index_urls(folder, list(members))
        out.append(lambda folder=folder, title=title, members=members, urls=urls, order=order:
                   [_overview(library, config, folder, title, members, urls, order)])
        for name in sorted(members, key=order):
            key = shown_key(library, [folder, title, name, urls[name]], (n.slug for n in members[name]))
            out.append(Keyed(f"{folder}/{urls[name]}", key, lambda folder=folder, title=title, name=name,
                             url=urls[name], notices=members[name]:
                             _name_pages(library, config, folder, title, name, url, notices)))
    return out


def pages_listing(library: Library, config: SiteConfig, notice: Notice) -> list[Page]:
    """The list pages of its year, 文种 and 发文机关 that list this notice (the preview shows them early)."""
    found = []
    for folder, title, filed, _ in INDEXES:
        members = _members(library, filed)
        urls = index_urls(folder, list(members))
        for name in filed(notice):
            found.extend(page for page in _name_pages(library, config, folder, title, name, urls[name], members[name])
                         if notice.url in page.deps)
    return found


def links() -> list[dict]:
    """A link to each overview, for the home page."""
    return [{"title": title, "url": f"{folder}/index.html"} for folder, title, _, _ in INDEXES]
