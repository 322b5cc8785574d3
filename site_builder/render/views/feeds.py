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
                 page_url: str) -> dict:
    """A feed of the newest `config.latest` of notices (given newest first), following the page page_url."""
    latest = notices[: config.latest]
    updated = max((n.publish_date for n in latest), default=NO_ENTRIES)
    return {
        "site": site_context(config),
        "title": title,
        "feed_url": config.absolute(path),
        "home_url": config.absolute(page_url),
        "updated": f"{updated.isoformat()}T00:00:00Z",
        "entries": [
            {**summary(n, library.extracts[n.slug].summary), "absolute_url": config.absolute(n.url),
             "id": f"tag:{config.domain or 'localhost'},{n.date.isoformat()}:{n.slug}",
             "updated": f"{n.publish_date.isoformat()}T00:00:00Z"}
            for n in latest
        ],
    }


def site_feed(library: Library, config: SiteConfig) -> dict:
    return feed_context(config, library, library.sorted_notices(), SITE_FEED, config.name, "index.html")


def facet_feed(config: SiteConfig, library: Library, notices: list[Notice], page_url: str, name: str) -> Page:
    """The feed of a department, topic, issuer or 文种 page: notices newest first."""
    path = feed_path(page_url)
    return Page(path, TEMPLATE, feed_context(config, library, notices, path, f"{name} - {config.name}", page_url),
                deps=tuple(n.slug for n in notices[: config.latest]))
