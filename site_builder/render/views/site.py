"""Site-wide pages and files: home, lists, 404, feed, sitemap; and the list of every page of the site."""

from __future__ import annotations

from urllib.parse import urlsplit

from site_builder.core.config import SiteConfig
from site_builder.core.model import Library
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
    out: list[Producer] = [lambda: list_pages(config, "notices/index", "全部文件", [
        summary(n, library.description(n.slug)) for n in library.sorted_notices()],
        feed={"url": feeds.SITE_FEED, "title": config.name})]
    indexes = [{"title": "全部文件", "url": "notices/index.html", "count": len(library.notices)}]
    out.extend(index_views.producers(library, config))
    indexes.extend(index_views.links())
    out.extend(topic_views.producers(library, config))
    indexes.append({"title": "主题分类", "url": topic_views.INDEX})
    out.extend(department_views.producers(library, config))
    indexes.append({"title": "部门职责", "url": "departments/index.html"})
    out.extend(timeline_views.producers(library, config))
    indexes.append({"title": "工作时间表", "url": timeline_views.PATH})
    out.extend(cited_producers(library, config))
    indexes.append({"title": "引用文件索引", "url": "cited/index.html", "count": len(library.xref.documents)})
    indexes.append({"title": current_views.TITLE, "url": current_views.INDEX})  # made apart: keyed by the date
    out.extend(interpretation_views.producers(library, config))
    if library.interpretations:
        indexes.append({"title": interpretation_views.TITLE, "url": interpretation_views.INDEX,
                        "count": len(library.interpretations)})
    shards = list(search_plan(library))
    out.append(lambda: [home_page(library, config, indexes), search_page(config, shards, indexes),
                        not_found_page(config)])
    return out


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
