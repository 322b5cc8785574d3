"""主题分类 pages: the scheme with counts, and a paginated list per category and subcategory that has notices."""

from __future__ import annotations

from collections import defaultdict

from site_builder.extract import topics
from site_builder.core.config import SiteConfig
from site_builder.core.model import Library, Notice
from site_builder.render.views import Keyed, Page, Producer, feeds, list_pages, page_context, run_all, shown_key, \
    summary

INDEX = "topics/index.html"
NOTE = "主题分类由系统按关键词规则自动归类（编辑可在文件中指定），仅供参考。"


def topic_urls(library: Library) -> dict[str, str]:
    """Topic key → page: topics/<category>.html and topics/<category>/<subcategory>.html."""
    return {topic.key: topic.url for topic in library.topic_scheme.topics}


def notices_by_topic(library: Library) -> dict[str, list[str]]:
    """Topic key (categories included) → notice slugs, newest first."""
    found: dict[str, list[str]] = defaultdict(list)
    for notice in library.sorted_notices():
        for key in dict.fromkeys(k for topic in library.topics.get(notice.slug, ())
                                 for k in (topics.category_of(topic), topic)):
            found[key].append(notice.slug)
    return found


def topic_links(library: Library, slug: str) -> list[dict]:
    """The topics of one notice as links, for its metadata block."""
    scheme = library.topic_scheme
    return [{"label": key, "url": topic.url if (topic := scheme.get(key)) else ""}
            for key in library.topics.get(slug, ())]


def pages(library: Library, config: SiteConfig) -> list[Page]:
    return run_all(producers(library, config))


def producers(library: Library, config: SiteConfig) -> list[Producer]:
    urls = topic_urls(library)
    by_topic = notices_by_topic(library)
    out: list[Producer] = [lambda: [_index(library, config, urls, by_topic)]]
    for topic in library.topic_scheme.topics:
        if by_topic.get(topic.key):
            # What a topic's pages and feed show: the topic, its parent's link, its children's counts, its notices.
            children = [(c.name, urls[c.key], len(by_topic.get(c.key, ())))
                        for c in topics.children(library.topic_scheme, topic.name)]
            key = shown_key(library, [repr(topic), urls.get(topic.parent, ""), repr(children)], by_topic[topic.key])
            out.append(Keyed(f"topic/{urls[topic.key]}", key,
                             lambda topic=topic: _topic_pages(library, config, topic, urls, by_topic)))
    return out


def pages_listing(library: Library, config: SiteConfig, notice: Notice) -> list[Page]:
    """The pages of its topics that list this notice (the preview shows them early)."""
    urls, by_topic = topic_urls(library), notices_by_topic(library)
    return [page for topic in library.topic_scheme.topics if notice.slug in by_topic.get(topic.key, ())
            for page in _topic_pages(library, config, topic, urls, by_topic) if notice.url in page.deps]


def _topic_pages(library: Library, config: SiteConfig, topic, urls: dict[str, str],
                 by_topic: dict[str, list[str]]) -> list[Page]:
    """A category's or subcategory's paginated list of notices."""
    items = [summary(library.notices[s], library.description(s)) for s in by_topic[topic.key]]
    crumbs = [{"title": "主题分类", "url": INDEX}]
    if topic.parent:
        crumbs.append({"title": topic.parent, "url": urls[topic.parent]})
    children = [{"title": child.name, "url": urls[child.key], "count": len(by_topic.get(child.key, []))}
                for child in topics.children(library.topic_scheme, topic.name) if by_topic.get(child.key)]
    title = f"{topic.parent}：{topic.name}" if topic.parent else topic.name
    feed = feeds.link(config, urls[topic.key], title)
    return [Page(page.path, "topic.html", {**page.context, "children": children, "parent": topic.parent}, page.deps)
            for page in list_pages(config, urls[topic.key].removesuffix(".html"), title, items,
                                   heading=topic.name, breadcrumbs=crumbs, intro=NOTE, feed=feed)] + \
        [feeds.facet_feed(config, library, [library.notices[s] for s in by_topic[topic.key]], urls[topic.key], title)]


def _index(library: Library, config: SiteConfig, urls: dict[str, str], by_topic: dict[str, list[str]]) -> Page:
    scheme = library.topic_scheme
    entries = []
    for category in topics.categories(scheme):
        entries.append({
            "title": category.name, "url": urls[category.key] if by_topic.get(category.key) else "",
            "count": len(by_topic.get(category.key, [])),
            "children": [{"title": c.name, "url": urls[c.key], "count": len(by_topic[c.key])}
                         for c in topics.children(scheme, category.name) if by_topic.get(c.key)],
        })
    context = page_context(config, INDEX, "主题分类", "按国务院政策文件库主题分类浏览政府文件",
                           [{"title": "主题分类", "url": INDEX}])
    context.update(heading="主题分类", intro="按国务院政策文件库的主题分类浏览。" + NOTE,
                   sections=[{"heading": "", "entries": entries}])
    return Page(INDEX, "directory.html", context, deps=tuple(sorted(library.notices)))
