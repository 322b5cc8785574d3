"""政策解读 pages: one per 解读 (interpretations/<slug>.html, linked both ways with its policies), the index of
all of them, and the images they show. Pure: the loader has read and checked the images."""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from site_builder.analyse.status import status
from site_builder.core.config import SiteConfig
from site_builder.core.model import Interpretation, Library
from site_builder.core.vocabulary import INTERPRETATION_TYPE
from site_builder.extract.markdown import render_body
from site_builder.render.views import Page, Producer, bytes_page, cn_date, page_context
from site_builder.render.views.life import as_of_line, interpretation_entry

INDEX = "interpretations/index.html"
TITLE = "政策解读"


def ordered(library: Library) -> list[Interpretation]:
    """Newest first; ties by page name."""
    return sorted(library.interpretations.values(), key=lambda i: (i.date, i.slug), reverse=True)


def producers(library: Library, config: SiteConfig, per_producer: int = 200) -> list[Producer]:
    items = ordered(library)
    out: list[Producer] = [lambda chunk=items[i:i + per_producer]: [interpretation_page(item, library, config)
                                                                     for item in chunk]
                           for i in range(0, len(items), per_producer)]
    out.append(lambda: [index_page(library, config)] if library.interpretations else [])
    out.append(lambda: [bytes_page(path, data) for path, data in sorted(library.files.items())])
    return out


def policies(item: Interpretation, library: Library, config: SiteConfig) -> list[dict]:
    """The notices a 解读 interprets, with their 效力."""
    out = []
    for number in item.interprets:
        slug = library.slug_for(number)
        if slug is None:
            continue
        notice = library.notices[slug]
        out.append({"doc_number": number, "title": f"{notice.issuer}{notice.title}", "url": notice.url,
                    "date": notice.publish_date.isoformat(), "date_cn": cn_date(notice.publish_date),
                    "status": status(notice, library), "issuer": notice.issuer})
    return out


def interpretation_page(item: Interpretation, library: Library, config: SiteConfig) -> Page:
    here = posixpath.dirname(item.url)
    images = {src: posixpath.relpath(site, here) for src, site in item.images}
    body = render_body(item.body, line_offset=item.body_line - 1, images=images)
    shown = policies(item, library, config)
    description = f"{item.kind}：" + "、".join(f"{p['doc_number']}" for p in shown)
    context = page_context(config, item.url, item.title, description, [{"title": TITLE, "url": INDEX}])
    issuer = item.issuer or (shown[0]["issuer"] if shown else "")
    context.update(
        item=interpretation_entry(item),  # 解读机关 only as stated; search files it under its policy's issuer
        policies=shown,
        status_as_of=as_of_line(library, config),
        body_html=Markup(body.html),
        search={"meta": [("文号", "、".join(p["doc_number"] for p in shown)), ("成文日期", cn_date(item.date)),
                         ("发文机关", issuer)],
                "filters": [("类型", INTERPRETATION_TYPE), ("年份", str(item.date.year)),
                            *([("发文机关", issuer)] if issuer else [])],
                "sort_date": item.date.isoformat(), "tokens": []},
        json_ld={"@context": "https://schema.org", "@type": "Article", "headline": item.title,
                 "datePublished": item.date.isoformat(), "inLanguage": config.language,
                 "url": config.absolute(item.url), "genre": item.kind,
                 "about": [{"@type": "Legislation", "legislationIdentifier": p["doc_number"],
                            "url": config.absolute(p["url"])} for p in shown]},
    )
    return Page(item.url, "interpretation.html", context,
                deps=tuple(sorted(p["url"] for p in shown)))


def index_page(library: Library, config: SiteConfig) -> Page:
    items = [{**interpretation_entry(item), "policies": policies(item, library, config)} for item in ordered(library)]
    context = page_context(config, INDEX, TITLE, f"{config.name}发布的政策解读：文字解读、图解、问答、音视频",
                           [{"title": TITLE, "url": INDEX}])
    context.update(heading=TITLE, items=items, total=len(items))
    return Page(INDEX, "interpretations.html", context)


def search_pages(library: Library) -> dict[str, list[str]]:
    """Year → the 解读 pages it indexes (beside the notices of that year)."""
    plan: dict[str, list[str]] = {}
    for item in library.interpretations.values():
        plan.setdefault(str(item.date.year), []).append(item.url)
    return plan
