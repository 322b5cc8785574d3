"""The timeline: every stated limit by date (then the recurring ones), with who leads the clause it stands in."""

from __future__ import annotations

import math
from collections import defaultdict

from site_builder.core.config import SiteConfig
from site_builder.core.vocabulary import DUTIES_NOTE, EFFECTIVE, JOINT, LEAD, RECURRING
from site_builder.core.model import Deadline, Library, Notice
from site_builder.render.views import Keyed, Page, Producer, page_context, pagination, run_all, shown_key
from site_builder.render.views.departments import department_urls, due_label

KIND_NAMES = {"by": "完成时限", EFFECTIVE: "施行日期", RECURRING: "定期"}
PATH = "timeline.html"


def entries(library: Library) -> list[tuple[Notice, Deadline]]:
    """Dated limits in date order, then recurring ones by period; ties in notice and clause order."""
    found = [(notice, limit) for notice in library.sorted_notices()
             for limit in library.deadlines.get(notice.slug, ())]
    order = {n.slug: i for i, n in enumerate(library.sorted_notices())}
    dated = sorted((e for e in found if e[1].due), key=lambda e: (e[1].due, order[e[0].slug]))
    recurring = sorted((e for e in found if not e[1].due), key=lambda e: (e[1].period, order[e[0].slug]))
    return dated + recurring


def _leads(library: Library, notice: Notice, anchor: str, urls: dict[str, str]) -> list[dict]:
    names = dict.fromkeys(r.department for r in library.responsibilities.get(notice.slug, ())
                          if r.anchor == anchor and r.role in (LEAD, JOINT))
    return [{"name": name, "url": urls.get(name, "")} for name in names]


def _entry(library: Library, notice: Notice, limit: Deadline, urls: dict[str, str]) -> dict:
    label = limit.label
    return {
        "text": limit.text, "kind": KIND_NAMES[limit.kind], "context": limit.context, "period": limit.period,
        "due": limit.due.isoformat() if limit.due else "", "due_cn": due_label(limit),
        "year": limit.due.year if limit.due else 0, "month": limit.due.month if limit.due else 0,
        "url": f"{notice.url}#{limit.anchor}" if limit.anchor else notice.url, "label": label,
        "title": notice.title, "doc_number": str(notice.doc_number), "leads": _leads(library, notice, limit.anchor, urls),
    }


def timeline_pages(library: Library, config: SiteConfig) -> list[Page]:
    return run_all(producers(library, config))


def producers(library: Library, config: SiteConfig) -> list[Producer]:
    """timeline.html, timeline-2.html …: config.paginate limits a page, grouped by year and month; one producer
    a page, so the entries of a large site are made a page at a time."""
    urls = department_urls(library)
    found = entries(library)
    per_page = config.paginate
    count = max(1, math.ceil(len(found) / per_page))
    paths = [PATH if n == 1 else f"timeline-{n}.html" for n in range(1, count + 1)]
    years: dict = {}
    for index, (_, limit) in enumerate(found):
        years.setdefault(limit.due.year if limit.due else "定期", paths[index // per_page])
    shared = {"years": [{"year": y, "url": u} for y, u in years.items()], "total": len(found)}

    def page(n: int) -> list[Page]:
        path = paths[n - 1]
        chunk = [_entry(library, notice, limit, urls) for notice, limit in found[(n - 1) * per_page: n * per_page]]
        title = "工作时间表" if n == 1 else f"工作时间表（第{n}页）"
        context = page_context(config, path, title, "政府文件中明确的完成时限、施行日期和定期任务，按日期排列",
                               [{"title": "工作时间表", "url": PATH}])
        context.update(note=DUTIES_NOTE, groups=_group(chunk), total=shared["total"], years=shared["years"],
                       pagination=pagination(paths, n))
        return [Page(path, "timeline.html", context, deps=tuple(sorted({i["url"].split("#")[0] for i in chunk})))]

    # Keyed by what a page shows: its entries (each notice's public facts cover its limits and who leads them),
    # the department links, the year links and counts every page carries.
    where = {id(limit): i for found_limits in library.deadlines.values() for i, limit in enumerate(found_limits)}
    common = [PATH, str(count), repr(shared), repr(sorted(urls.items()))]

    def key(n: int) -> str:
        chunk = found[(n - 1) * per_page: n * per_page]
        return shown_key(library, [*common, str(n), *(str(where[id(limit)]) for _, limit in chunk)],
                         [notice.slug for notice, _ in chunk])

    return [Keyed(f"timeline/{n}", key(n), lambda n=n: page(n)) for n in range(1, count + 1)]


def _group(items: list[dict]) -> list[dict]:
    """Year → month headings; recurring limits under one heading of their own."""
    groups: dict[str, dict] = {}
    for item in items:
        if item["year"]:
            heading, anchor = f"{item['year']}年{item['month']}月", f"y{item['year']}-{item['month']:02d}"
        else:
            heading, anchor = "定期任务", "recurring"
        groups.setdefault(anchor, {"heading": heading, "anchor": anchor, "year": item["year"], "entries": []})
        groups[anchor]["entries"].append(item)
    by_year: dict = defaultdict(list)
    for group in groups.values():
        by_year[group["year"]].append(group)
    return [{"year": year, "months": months} for year, months in by_year.items()]
