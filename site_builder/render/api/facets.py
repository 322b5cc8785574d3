"""The derived parts of the JSON API: departments and topics of each notice, api/departments.json,
api/topics.json and api/deadlines.json. Documented in docs/api.md; every record says it is derived."""

from __future__ import annotations

from site_builder.core import slugs
from site_builder.extract import topics
from site_builder.core.vocabulary import DERIVED_NOTE
from site_builder.core.model import Library, Notice
from site_builder.render.views import Keyed
from site_builder.render.views import departments as department_views
from site_builder.render.views import timeline as timeline_views
from site_builder.render.views import topics as topic_views



def notice_fields(notice: Notice, library: Library) -> dict:
    """Added to each notice's record: who is responsible for which clause, and its 主题分类."""
    return {
        "departments": department_views.notice_departments(library, notice),
        "topics": list(library.topics.get(notice.slug, notice.topics)),
    }


def department_producers(library: Library, dump_json) -> list:
    """The department files, one producer (a function returning {path: bytes}) per department, then the index."""
    urls = department_views.department_urls(library)
    tasks = department_views.tasks_by_department(library)
    names = sorted(urls, key=slugs.sort_key)

    def entry(name: str) -> dict:
        department, found = library.departments[name], tasks.get(name, [])
        return {
            "name": name, "kind": department.kind, "aliases": list(department.aliases), "url": urls[name],
            "ical_url": urls[name].removesuffix(".html") + ".ics" if any(d.due for t in found for d in t.deadlines)
            else "", "api_url": f"api/departments/{department.slug}.json",
            "counts": department_views.department_counts(library, name),
        }

    def department_file(name: str) -> dict[str, bytes]:
        head = entry(name)
        return {head["api_url"]: dump_json({"derived": DERIVED_NOTE, **head, "tasks": [
            {"doc_number": str(t.notice.doc_number), "notice_url": t.notice.url, "anchor": t.duty.anchor,
             "label": t.duty.label, "task": t.duty.task, "role": t.duty.role, "url": t.url,
             "deadlines": [department_views.limit_view(d) for d in t.deadlines]} for t in tasks.get(name, [])]})}

    found = department_views.department_keys(library)
    out = [Keyed(f"api/department/{library.departments[name].slug}", found[name],
                 lambda name=name: department_file(name)) for name in names]
    out.append(lambda: {"api/departments.json": dump_json({"derived": DERIVED_NOTE,
                                                            "departments": [entry(n) for n in names]})})
    return out


def topics_record(library: Library) -> list[dict]:
    urls = topic_views.topic_urls(library)
    members = topic_views.notices_by_topic(library)
    scheme = library.topic_scheme

    def entry(topic) -> dict:
        found = members.get(topic.key, [])
        return {"name": topic.name, "key": topic.key, "url": urls[topic.key] if found else "", "count": len(found),
                "notices": [str(library.notices[s].doc_number) for s in found]}

    return [{**entry(category), "children": [entry(c) for c in topics.children(scheme, category.name)]}
            for category in topics.categories(scheme)]


def deadlines_record(library: Library) -> list[dict]:
    records = []
    for notice, limit in timeline_views.entries(library):
        records.append({"doc_number": str(notice.doc_number), "anchor": limit.anchor, "kind": limit.kind,
                        "text": limit.text, "due": limit.due.isoformat() if limit.due else "",
                        "period": limit.period, "context": limit.context,
                        "url": f"{notice.url}#{limit.anchor}" if limit.anchor else notice.url})
    return records


def producers(library: Library, dump_json) -> list:
    """Every derived API file, by producers returning {path: bytes}: one per department, topics, deadlines."""
    return [*department_producers(library, dump_json),
            lambda: {"api/topics.json": dump_json({"derived": DERIVED_NOTE, "topics": topics_record(library)})},
            lambda: {"api/deadlines.json": dump_json({"derived": DERIVED_NOTE, "deadlines": deadlines_record(library)})}]
