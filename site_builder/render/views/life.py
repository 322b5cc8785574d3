"""The life of a document on its page: the 效力 banner, 施行日期 and 有效期 in the metadata block, the notes on
amended clauses, and the 政策解读 list. Pure; 效力 itself is decided in analyse/status.py only.

Dates and effects read from the text are derived (DERIVED_NOTE); the front matter's are the editor's word.
"""

from __future__ import annotations

import re
from datetime import timedelta

from markupsafe import Markup, escape

from site_builder.analyse.status import acts_on, status, target_key
from site_builder.core.config import SiteConfig
from site_builder.core.model import Dated, Effect, Library, Notice
from site_builder.core.vocabulary import (ABOLISH, AMENDED, DERIVED_NOTE, EXPIRED, MODIFY, NOT_YET, REPEALED,
                                          SUPERSEDE, VALID)
from site_builder.render.views import cn_date

VERBS = {MODIFY: "修改", ABOLISH: "废止", SUPERSEDE: "替代"}
PREAMBLE = "正文开头"


def as_of_line(library: Library, config: SiteConfig) -> str:
    """What a page says of when its 效力 holds: the date, or that it is kept up to date daily."""
    if config.daily:
        return "效力状态每日更新"
    return f"效力状态截至{cn_date(library.as_of)}"


def dates(notice: Notice, library: Library) -> dict:
    """施行日期 and 有效期至 for the metadata block, each with where it was read (None when not known)."""
    life = library.extracts[notice.slug].lifetime
    return {"effective": _dated(life.effective, notice), "expires": _dated(life.expires, notice),
            "repealed": _dated(life.repealed, notice)}


def _dated(found: Dated | None, notice: Notice) -> dict | None:
    if found is None:
        return None
    return {"date": found.value.isoformat(), "date_cn": cn_date(found.value), "stated": found.stated,
            "label": "" if found.stated else (found.label or PREAMBLE),
            "url": "" if found.stated else f"{notice.url}#{found.anchor}" if found.anchor else notice.url,
            "text": found.text}


def banner(notice: Notice, library: Library, config: SiteConfig) -> dict:
    """The banner at the top of a notice page: its 效力 when not plainly 有效, why, and what is pending."""
    value = status(notice, library)
    life = library.extracts[notice.slug].lifetime
    done, pending = acts_on(notice, library)
    reasons: list[dict] = []
    if value == NOT_YET and life.effective is not None:
        reasons.append({"text": f"本文件自{cn_date(life.effective.value)}起施行", **_where(life.effective, notice)})
    elif value == EXPIRED and life.expires is not None:
        reasons.append({"text": f"本文件有效期至{cn_date(life.expires.value)}，"
                                f"自{cn_date(life.expires.value + timedelta(days=1))}起失效",
                        **_where(life.expires, notice)})
    elif value == REPEALED and life.repealed is not None and life.repealed.value <= library.as_of:
        reasons.append(_reason(f"本文件自{cn_date(life.repealed.value)}起废止"))
    if value in (REPEALED, AMENDED) and not notice.status:
        wanted = (lambda e: e.ends_force) if value == REPEALED else (lambda e: True)
        reasons.extend(act(slug, effect, library) for slug, effect in done if wanted(effect))
    elif notice.status and value != VALID:
        reasons.append(_reason("效力由本站编辑标注"))
    coming = [act(slug, effect, library, pending=True) for slug, effect in pending]
    if life.expires is not None and life.expires.value >= library.as_of and value in (VALID, AMENDED):
        coming.append({"text": f"有效期至{cn_date(life.expires.value)}", **_where(life.expires, notice)})
    derived = any(not r.get("stated", True) for r in reasons + coming)
    return {"value": value, "reasons": reasons, "pending": coming, "shown": value != VALID or bool(pending),
            "as_of": as_of_line(library, config), "note": DERIVED_NOTE if derived else ""}


def _reason(text: str, url: str = "", label: str = "", stated: bool = True, doc_number: str = "") -> dict:
    return {"text": text, "url": url, "label": label, "stated": stated, "doc_number": doc_number}


def _where(found: Dated, notice: Notice) -> dict:
    """Where the notice states a date of its own: its clause (a link and its label), or nothing (front matter)."""
    if found.stated:
        return {"url": "", "label": "", "stated": True, "doc_number": ""}
    return {"url": f"{notice.url}#{found.anchor}" if found.anchor else notice.url,
            "label": found.label or PREAMBLE, "stated": False, "doc_number": ""}


def act(slug: str, effect: Effect, library: Library, pending: bool = False) -> dict:
    """One thing a site notice does to this one: who, which clause of it, from when, to which clauses."""
    source = library.notices[slug]
    clauses = "、".join(effect.clauses)
    verb = VERBS[effect.kind] if not (effect.kind == ABOLISH and effect.partial) else "废止"
    what = f"本文件{clauses}" if clauses else ("本文件部分内容" if effect.partial or effect.kind != ABOLISH else "本文件")
    if effect.kind == SUPERSEDE:
        what = "本文件与其不一致的规定"
    when = cn_date(effect.date)
    text = f"{'将于' if pending else ''}{when}起，" + f"《{source.issuer}{source.title}》（{source.doc_number}）" \
        + f"{effect.label or PREAMBLE}{verb}{what}"
    return {"text": text, "url": f"{source.url}#{effect.anchor}" if effect.anchor else source.url,
            "label": effect.label or PREAMBLE, "doc_number": str(source.doc_number), "date": effect.date.isoformat(),
            "stated": False}


def clause_notes(notice: Notice, library: Library) -> dict[str, list[dict]]:
    """Anchor of an amended clause → what amends it, each linking to the amending clause (in effect only)."""
    done, _ = acts_on(notice, library)
    anchors = library.extracts[notice.slug].anchors
    notes: dict[str, list[dict]] = {}
    for slug, effect in done:
        for anchor in effect.anchors:
            if anchor in anchors:
                source = library.notices[slug]
                notes.setdefault(anchor, []).append({
                    "text": f"本条已由{source.doc_number}{effect.label or PREAMBLE}{VERBS[effect.kind]}"
                            f"（{cn_date(effect.date)}起）",
                    "url": f"{slug}.html#{effect.anchor}" if effect.anchor else f"{slug}.html"})
    return notes


_ELEMENT_RE = '<(h[2-6]|p) id="{anchor}"[^>]*>.*?</\\1>'


def annotate(html: str, notes: dict[str, list[dict]]) -> str:
    """The body HTML with a note after each amended clause's heading or paragraph (notice-relative links)."""
    for anchor, items in notes.items():
        found = re.search(_ELEMENT_RE.format(anchor=re.escape(anchor)), html, re.S)
        if found is None:
            continue
        links = "；".join(f'<a href="{escape(item["url"])}">{escape(item["text"])}</a>' for item in items)
        html = html[:found.end()] + f'\n<p class="clause-effect" data-pagefind-ignore>{links}</p>' + html[found.end():]
    return str(Markup(html))


def interpretations(notice: Notice, library: Library) -> list[dict]:
    """The 政策解读 of a notice, oldest first: title, kind, date, link."""
    return [interpretation_entry(library.interpretations[slug]) for slug in library.interpreted.get(notice.slug, ())]


def interpretation_entry(item) -> dict:
    return {"title": item.title, "kind": item.kind, "date": item.date.isoformat(), "date_cn": cn_date(item.date),
            "url": item.url, "issuer": item.issuer}


def effects_of(notice: Notice, library: Library) -> list[dict]:
    """What a notice does to other documents, for its own page and API (amends: 修改 and 替代; repeals)."""
    out = []
    for effect in library.extracts[notice.slug].lifetime.effects:
        key = target_key(effect, library)
        target = library.notices.get(key)
        out.append({"kind": effect.kind, "partial": effect.partial, "doc_number": str(target.doc_number) if target
                    else effect.target, "title": effect.title, "clauses": list(effect.clauses),
                    "url": (target.url + (f"#{effect.anchors[0]}" if effect.anchors and effect.anchors[0] in
                                          library.extracts[key].anchors else "")) if target else
                    (f"cited/{library.xref.documents[effect.target].slug}.html" if effect.target in
                     library.xref.documents else ""),
                    "date": effect.date.isoformat(), "anchor": effect.anchor, "label": effect.label})
    return out
