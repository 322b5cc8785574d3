"""The life-of-a-document fields of the JSON API (docs/api.md): 施行日期, 有效期, 效力 as of the build's date,
政策解读, and what notices amend; api/current.json and api/interpretations.json."""

from __future__ import annotations

from site_builder.analyse.status import acts_on, status
from site_builder.core.model import Library, Notice
from site_builder.core.vocabulary import ABOLISH, DERIVED_NOTE
from site_builder.render.views.current import in_force
from site_builder.render.views.life import effects_of, interpretations


def notice_fields(notice: Notice, library: Library) -> dict:
    """effective, expires, interpretations, amends, amended_by (status is the record's own)."""
    life = library.extracts[notice.slug].lifetime
    done, pending = acts_on(notice, library)
    return {
        "effective": life.effective.value.isoformat() if life.effective else None,
        "expires": life.expires.value.isoformat() if life.expires else None,
        "interpretations": [{"title": i["title"], "url": i["url"], "date": i["date"], "kind": i["kind"]}
                            for i in interpretations(notice, library)],
        "amends": [{"doc_number": e["doc_number"], "title": e["title"], "url": e["url"], "date": e["date"],
                    "clauses": e["clauses"], "kind": e["kind"], "anchor": e["anchor"]}
                   for e in effects_of(notice, library) if not (e["kind"] == ABOLISH and not e["partial"])],
        "amended_by": [_act(slug, effect, library, pending=False) for slug, effect in done
                       if not effect.ends_force] +
                      [_act(slug, effect, library, pending=True) for slug, effect in pending if not effect.ends_force],
    }


def _act(slug: str, effect, library: Library, pending: bool) -> dict:
    source = library.notices[slug]
    return {"doc_number": str(source.doc_number), "url": source.url + (f"#{effect.anchor}" if effect.anchor else ""),
            "date": effect.date.isoformat(), "clauses": list(effect.clauses), "kind": effect.kind,
            "pending": pending}


def current_file(library: Library) -> dict:
    """api/current.json: the notices in force (有效, 已修改) as of the build's date, newest first."""
    notices = []
    for notice in in_force(library):
        life = library.extracts[notice.slug].lifetime
        notices.append({"doc_number": str(notice.doc_number), "title": notice.title, "issuer": notice.issuer,
                        "url": notice.url, "status": status(notice, library),
                        "effective": life.effective.value.isoformat() if life.effective else None,
                        "expires": life.expires.value.isoformat() if life.expires else None})
    return {"as_of": library.as_of.isoformat(), "derived": DERIVED_NOTE, "count": len(notices), "notices": notices}


def interpretations_file(library: Library) -> list[dict]:
    """api/interpretations.json: every 解读, newest first."""
    items = sorted(library.interpretations.values(), key=lambda i: (i.date, i.slug), reverse=True)
    return [{"title": i.title, "url": i.url, "date": i.date.isoformat(), "kind": i.kind, "issuer": i.issuer,
             "interprets": list(i.interprets)} for i in items]
