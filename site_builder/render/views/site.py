"""Site-wide pages and files: home, lists, 404, feed, sitemap; and the list of every page of the site."""

from __future__ import annotations

from urllib.parse import urlsplit

from site_builder.core.config import SiteConfig
from site_builder.core.model import Library, Notice
from site_builder.render.views import Page, Producer, list_pages, page_context, run_all, summary
from site_builder.render.views import current as current_views
from site_builder.render.views import departments as department_views
from site_builder.render.views import interpretations as interpretation_views
from site_builder.render.views import feeds
from site_builder.render.views import indexes as index_views
from site_builder.render.views import timeline as timeline_views
from site_builder.render.views import topics as topic_views
from site_builder.render.views.notice import notice_page
from site_builder.render.views.xref import cited_producers
from site_builder.render.views.search import search_page, search_plan


def site_pages(library: Library, config: SiteConfig) -> list[Page]:
    """Every HTML page of the site, in a stable order."""
    return [notice_page(notice, library, config) for notice in library.sorted_notices()] + \
        other_pages(library, config)


def other_pages(library: Library, config: SiteConfig) -> list[Page]:
    """Every page but the notices' own (with the pages keyed by the as-of date, which the build makes apart)."""
    return run_all(producers(library, config) + current_views.producers(library, config))


def producers(library: Library, config: SiteConfig) -> list[Producer]:
    """Every page but the notices' own, as producers the render step calls in its workers, one at a time (the
    notices' pages it makes per notice). Each feature adds its producers and index links here."""
    out: list[Producer] = [lambda: all_notices_pages(library, config)]
    out.extend(index_views.producers(library, config))
    out.extend(topic_views.producers(library, config))
    out.extend(department_views.producers(library, config))
    out.extend(timeline_views.producers(library, config))
    out.extend(cited_producers(library, config))
    out.extend(interpretation_views.producers(library, config))
    indexes = index_links(library)
    shards = list(search_plan(library))
    out.append(lambda: [home_page(library, config, indexes), search_page(config, shards, indexes),
                        not_found_page(config)])
    return out


def index_links(library: Library) -> list[dict]:
    """The indexes the home and search pages link, with counts where they have one."""
    indexes = [{"title": "全部文件", "url": "notices/index.html", "count": len(library.notices)},
               *index_views.links(),
               {"title": "主题分类", "url": topic_views.INDEX},
               {"title": "部门职责", "url": "departments/index.html"},
               {"title": "工作时间表", "url": timeline_views.PATH},
               {"title": "引用文件索引", "url": "cited/index.html", "count": len(library.xref.documents)},
               {"title": current_views.TITLE, "url": current_views.INDEX}]  # made apart: keyed by the date
    if library.interpretations:
        indexes.append({"title": interpretation_views.TITLE, "url": interpretation_views.INDEX,
                        "count": len(library.interpretations)})
    return indexes


def all_notices_pages(library: Library, config: SiteConfig) -> list[Page]:
    """全部文件: every notice, newest first, paginated."""
    return list_pages(config, "notices/index", "全部文件", [summary(n, library.description(n.slug))
                                                          for n in library.sorted_notices()],
                      feed={"url": feeds.SITE_FEED, "title": config.name})


def pages_listing(library: Library, config: SiteConfig, notice: Notice) -> list[Page]:
    """The home page and the lists that show this notice (the preview shows them early): 全部文件, its year's,
    文种's and 发文机关's, its topics'."""
    home = home_page(library, config, index_links(library))
    return [*([home] if notice.url in home.deps else []),
            *(page for page in all_notices_pages(library, config) if notice.url in page.deps),
            *index_views.pages_listing(library, config, notice), *topic_views.pages_listing(library, config, notice)]


def home_page(library: Library, config: SiteConfig, indexes: list[dict] | None = None) -> Page:
    latest = [summary(n, library.description(n.slug)) for n in library.sorted_notices()[: config.latest]]
    context = page_context(config, "index.html", config.name)
    context.update(latest=latest, indexes=indexes or [], total=len(library.notices))
    return Page("index.html", "home.html", context, deps=tuple(item["url"] for item in latest))


def not_found_page(config: SiteConfig) -> Page:
    context = page_context(config, "404.html", "页面未找到")
    context["link_root"] = urlsplit(config.base_url).path or "/"  # served at any depth: see render._link
    return Page("404.html", "404.html", context)


def feed_context(library: Library, config: SiteConfig) -> dict:
    """The site's feed, feed.xml (feeds.py makes every feed)."""
    return feeds.site_feed(library, config)


def sitemap_context(paths: list[tuple[str, str]], config: SiteConfig) -> dict:
    """paths: (site-relative path, ISO lastmod or "")."""
    return {"urls": [{"loc": config.absolute(p), "lastmod": m} for p, m in sorted(paths)]}
