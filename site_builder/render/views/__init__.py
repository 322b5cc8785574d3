"""Library → the view models templates see (the template contract). Pure; URLs here are site-relative."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from site_builder.core import keys
from site_builder.core.config import SiteConfig, format_index_number
from site_builder.core.model import Library, Notice


@dataclass(frozen=True)
class Page:
    path: str  # output file, relative to the site root: "notices/zhengzheng-2016-24.html"
    template: str
    context: dict
    deps: tuple[str, ...] = field(default=(), compare=False)  # notice slugs this page shows, for rebuilds
    lastmod: str = field(default="", compare=False)  # ISO date for the sitemap ("" when none applies)


# A function that makes some pages when called. The render step calls producers in its workers, one at a time,
# so that the pages of a 100,000-notice site never all sit in memory together.
Producer = Callable[[], "list[Page]"]
BYTES = "bytes"  # Page.template of a file made as bytes already (iCalendar, derived JSON): context["data"]


@dataclass(frozen=True)
class Keyed:
    """A producer whose pages show nothing but what `key` digests (with the templates and settings): when the
    published site's pages of the same `group` were made from the same key, the render step carries them over
    without making them. So a title edited at 10,000 notices remakes the pages of its own departments only."""

    group: str  # unique among the site's producers: "department/shizhengfu"
    key: str
    make: Producer

    def __call__(self) -> list[Page]:
        return self.make()


def shown_key(library: Library, parts: list[str], slugs: Iterable[str]) -> str:
    """The key of a Keyed producer whose pages show `parts` (their own facts: names, urls, counts) and, of each
    notice in slugs (in order), its public facts and 效力: what a list, feed, calendar or department page shows."""
    facts = library.memo("notice_facts", lambda: {
        slug: f"{slug}|{found.public}|{library.xref.status.get(slug, '')}" for slug, found in library.extracts.items()})
    return keys.facts_digest([*parts, "", *(facts[slug] for slug in slugs)])


def bytes_page(path: str, data: bytes) -> Page:
    return Page(path, BYTES, {"data": data})


def run_all(producers: list[Producer]) -> list[Page]:
    """Every page the producers make, in order (for tests and tools; the build streams them)."""
    return [page for make in producers for page in make()]


def cn_date(value: date | None) -> str:
    return f"{value.year}年{value.month:02d}月{value.day:02d}日" if value else ""


def index_number(notice: Notice, config: SiteConfig) -> str:
    if notice.index_number:
        return notice.index_number
    doc = notice.doc_number
    from site_builder.core.docnum import prefix_slug

    # A decree numbered without a year (国令第707号) takes its 成文日期's year.
    return format_index_number(config, doc.year or notice.date.year, prefix_slug(doc.prefix), doc.number)


def site_context(config: SiteConfig) -> dict:
    return {
        "name": config.name,
        "language": config.language,
        "domain": config.domain,
        "column_name": config.column_name,
        "description": config.description,
        "nav": [
            {"title": "首页", "url": "index.html"},
            {"title": "全部文件", "url": "notices/index.html"},
            {"title": "主题分类", "url": "topics/index.html"},
            {"title": "部门职责", "url": "departments/index.html"},
            {"title": "时间表", "url": "timeline.html"},
            {"title": "引用文件", "url": "cited/index.html"},
            {"title": "现行有效", "url": "current/index.html"},
            {"title": "搜索", "url": "search/index.html"},
        ],
    }


def page_context(config: SiteConfig, path: str, title: str, description: str = "",
                 breadcrumbs: list[dict] | None = None) -> dict:
    return {
        "site": site_context(config),
        "title": title,
        "description": description or config.description or config.name,
        "canonical": config.absolute(path),
        "breadcrumbs": breadcrumbs or [],
    }


def summary(notice: Notice, description: str) -> dict:
    """The short form of a notice used in lists and feeds."""
    return {
        "doc_number": str(notice.doc_number),
        "title": notice.title,
        "issuer": notice.issuer,
        "date": notice.date.isoformat(),
        "date_cn": cn_date(notice.date),
        "url": notice.url,
        "description": description,
    }


PAGINATION_WINDOW = 2  # pages linked on each side of the current one


def pagination(paths: list[str], n: int) -> dict:
    """The page links of page n (1-based) of a list cut into `paths`: the first and the last page, the
    PAGINATION_WINDOW pages on each side of n, a gap ("…") for each run of pages left out, previous and next.

    At most 2 × PAGINATION_WINDOW + 5 entries however long the list: a page of a 2,000-page list does not carry
    2,000 links (nor does rendering every page of it cost the square of its length).
    """
    count = len(paths)
    shown = sorted({1, count, *range(max(1, n - PAGINATION_WINDOW), min(count, n + PAGINATION_WINDOW) + 1)})
    pages: list[dict] = []
    previous = 0
    for number in shown:
        if number - previous == 2:  # a gap of one page: the page itself is as short as "…"
            pages.append({"number": previous + 1, "url": paths[previous], "gap": False})
        elif number - previous > 2:
            pages.append({"number": 0, "url": "", "gap": True})
        pages.append({"number": number, "url": paths[number - 1], "gap": False})
        previous = number
    return {"current": n, "count": count, "pages": pages,
            "prev": paths[n - 2] if n > 1 else "", "next": paths[n] if n < count else ""}


def list_pages(config: SiteConfig, stem: str, title: str, items: list[dict], *, heading: str = "",
               breadcrumbs: list[dict] | None = None, intro: str = "", feed: dict | None = None) -> list[Page]:
    """A paginated list of notice summaries: stem.html, stem-2.html, … (newest first, as given); feed: the
    list's Atom feed, {url, title}, which each page links (feeds.link)."""
    per_page = config.paginate
    count = max(1, math.ceil(len(items) / per_page))
    paths = [f"{stem}.html" if n == 1 else f"{stem}-{n}.html" for n in range(1, count + 1)]
    pages = []
    for n, path in enumerate(paths, start=1):
        chunk = items[(n - 1) * per_page: n * per_page]
        shown = title if n == 1 else f"{title}（第{n}页）"
        context = page_context(config, path, shown, breadcrumbs=breadcrumbs)
        context.update(
            heading=heading or title, intro=intro, items=chunk, total=len(items),
            pagination=pagination(paths, n), feed=feed or {},
        )
        pages.append(Page(path, "list.html", context, deps=tuple(item["url"] for item in chunk)))
    return pages
