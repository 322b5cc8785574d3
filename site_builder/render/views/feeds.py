"""Atom feeds (RFC 4287): the site's (feed.xml) and one beside each department, topic, issuer and 文种 page, with
the newest notices of that page. The one home of what a feed holds; templates/feed.xml writes it. Pure.

Ids are stable: a feed's id is the absolute URL of the page it follows, an entry's is a tag URI of the notice
(tag:domain,成文日期:slug), the same in every feed that carries it, as RFC 4287 4.2.6 asks of one entry.
"""

from __future__ import annotations

from datetime import date

from site_builder.core.config import SiteConfig
from site_builder.core.model import Library, Notice
from site_builder.render.views import Page, site_context, summary
from site_builder.render.views import interpretations as interpretation_views

TEMPLATE = "feed.xml"
SITE_FEED = "feed.xml"
NO_ENTRIES = date(2000, 1, 1)  # a feed's <updated> when it has no entry yet: fixed, so builds stay identical


def feed_path(page_url: str) -> str:
    """The feed beside a page: departments/shifazhangaigewei.html → departments/shifazhangaigewei.xml."""
    return page_url.removesuffix(".html") + ".xml"


def link(config: SiteConfig, page_url: str, name: str) -> dict:
    """What a page says of its feed: the <link rel="alternate"> in its head and the visible 订阅 link."""
    return {"url": feed_path(page_url), "title": f"{name} - {config.name}"}


def feed_context(config: SiteConfig, library: Library, notices: list[Notice], path: str, title: str,
                 page_url: str, interpretations: list = ()) -> dict:
    """A feed of the newest `config.latest` of notices (given newest first), following the page page_url; with
    interpretations (政策解读, newest first), the newest of both together by 发布日期 (the site's feed)."""
    entries = [(n.publish_date, 1, n.slug, _notice_entry(config, library, n)) for n in notices[: config.latest]]
    if interpretations:
        entries += [(item.date, 0, item.slug, _interpretation_entry(config, item))
                    for item in interpretations[: config.latest]]
        entries = sorted(entries, key=lambda e: (e[0], e[1], e[2]), reverse=True)[: config.latest]
    updated = max((e[0] for e in entries), default=NO_ENTRIES)
    return {
        "site": site_context(config),
        "title": title,
        "feed_url": config.absolute(path),
        "home_url": config.absolute(page_url),
        "updated": f"{updated.isoformat()}T00:00:00Z",
        "entries": [e[3] for e in entries],
    }


def _notice_entry(config: SiteConfig, library: Library, n: Notice) -> dict:
    return {**summary(n, library.extracts[n.slug].summary), "absolute_url": config.absolute(n.url),
            "id": f"tag:{config.domain or 'localhost'},{n.date.isoformat()}:{n.slug}",
            "updated": f"{n.publish_date.isoformat()}T00:00:00Z"}


def _interpretation_entry(config: SiteConfig, item) -> dict:
    return {"doc_number": "", "title": f"【{item.kind}】{item.title}", "issuer": item.issuer or config.name,
            "date": item.date.isoformat(), "date_cn": "", "url": item.url,
            "description": "政策解读：" + "、".join(item.interprets), "absolute_url": config.absolute(item.url),
            "id": f"tag:{config.domain or 'localhost'},{item.date.isoformat()}:interpretation/{item.slug}",
            "updated": f"{item.date.isoformat()}T00:00:00Z"}


def site_feed(library: Library, config: SiteConfig) -> dict:
    """feed.xml: the newest notices and 政策解读 of the whole site."""
    return feed_context(config, library, library.sorted_notices(), SITE_FEED, config.name, "index.html",
                        interpretation_views.ordered(library))


def facet_feed(config: SiteConfig, library: Library, notices: list[Notice], page_url: str, name: str) -> Page:
    """The feed of a department, topic, issuer or 文种 page: notices newest first."""
    path = feed_path(page_url)
    return Page(path, TEMPLATE, feed_context(config, library, notices, path, f"{name} - {config.name}", page_url),
                deps=tuple(n.slug for n in notices[: config.latest]))
