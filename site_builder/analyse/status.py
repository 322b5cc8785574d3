"""效力 of a notice as of a date: the one place that decides it. Pure.

The editor's word (front matter `status`) beats everything. Otherwise, as of the build's date (library.as_of):
- 已废止 from the front matter's `repealed` date, or from the date a site notice's repeal (废止, 停止执行) of it takes
  effect; 已失效 from the day after its 有效期 ends; whichever came first (a tie is a repeal);
- 尚未生效 before its 施行日期;
- 已修改 once a site notice's amendment (修改, a part repealed, 替代) of it takes effect: in force, partly amended;
- 有效 otherwise.
An effect counts from the date its sentence states, else the acting notice's 施行日期, else its 发布日期; one dated
after the build's date is pending: shown, but not yet counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from site_builder.core import keys
from site_builder.core.model import Effect, Library, Lifetime, Notice
from site_builder.core.vocabulary import AMENDED, EXPIRED, NOT_YET, REPEALED, VALID

Acts = Iterable[tuple[str, Effect]]  # (slug of the acting notice, what it does)


def decide(notice: Notice, lifetime: Lifetime, acts: Acts, as_of: date) -> str:
    """The 效力 of a notice as of a date, given its own dates and what the site's notices do to it."""
    if notice.status:
        return notice.status
    acts = [effect for _, effect in acts if effect.date <= as_of]
    ends = [(effect.date, 0, REPEALED) for effect in acts if effect.ends_force]
    if lifetime.repealed is not None and lifetime.repealed.value <= as_of:
        ends.append((lifetime.repealed.value, 0, REPEALED))
    if lifetime.expires is not None and lifetime.expires.value < as_of:
        ends.append((lifetime.expires.value + timedelta(days=1), 1, EXPIRED))
    if ends:
        return min(ends)[2]
    if lifetime.effective is not None and lifetime.effective.value > as_of:
        return NOT_YET
    return AMENDED if acts else VALID


def document_status(acts: Acts, as_of: date) -> str:
    """效力 of a cited document the site does not hold, as far as the site's notices tell: 已废止, 已修改 or ""."""
    counted = [effect for _, effect in acts if effect.date <= as_of]
    if any(effect.ends_force for effect in counted):
        return REPEALED
    return AMENDED if counted else ""


def settle(library: Library) -> None:
    """Every effect of a site notice on a document, and every notice's 效力 as of library.as_of, into the library.

    A target named by 文号 is the site notice with it (else the 文号 stands for a cited document); one named by its
    title alone is the site notice whose title (with or without its issuer, or the title of what it 印发s) it is.
    """
    titles = _titles(library)
    effects: dict[str, list[tuple[str, Effect]]] = {}
    for notice in sorted(library.notices.values(), key=lambda n: (n.date, n.doc_number)):
        for effect in library.extracts[notice.slug].lifetime.effects:
            key = target_key(effect, library, titles)
            if key and key != notice.slug:
                effects.setdefault(key, []).append((notice.slug, effect))
    library.effects = {key: tuple(acts) for key, acts in sorted(effects.items())}
    library.xref.status = {slug: decide(notice, library.extracts[slug].lifetime, library.effects.get(slug, ()),
                                        library.as_of) for slug, notice in sorted(library.notices.items())}


def target_key(effect: Effect, library: Library, titles: dict[str, str] | None = None) -> str:
    """The slug of the site notice an effect acts on; else its 文号; else "" (a title the site does not hold)."""
    if effect.target:
        return library.slug_for(effect.target) or effect.target
    titles = _titles(library) if titles is None else titles
    return titles.get(_plain(effect.title), "")


def _titles(library: Library) -> dict[str, str]:
    """Each name a site notice goes by → its slug; a name two notices share names neither."""
    return library.memo("effect_titles", lambda: _title_index(library))


def _title_index(library: Library) -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for slug, notice in library.notices.items():
        for name in own_titles(notice):
            found.setdefault(_plain(name), set()).add(slug)
    return {name: next(iter(slugs)) for name, slugs in found.items() if len(slugs) == 1}


def own_titles(notice: Notice) -> set[str]:
    """What a notice is called: its title, with its issuer, and the title of the document it 印发s or 转发s."""
    names = {notice.title, notice.issuer + notice.title}
    title = notice.title
    for verb in ("印发", "转发", "公布", "修订印发"):
        if verb in title and title.endswith(("的通知", "的决定")):
            inner = title.split(verb, 1)[1].rsplit("的", 1)[0].strip("《》")
            if len(inner) >= 4:
                names.add(inner)
    return names


def _plain(title: str) -> str:
    return "".join(title.split()).replace("(", "（").replace(")", "）")


def status(notice: Notice, library: Library) -> str:
    """The 效力 pages and the API show: decided by the analyse phase (settle keeps it in the index)."""
    found = library.xref.status.get(notice.slug)
    if found:
        return found
    return decide(notice, library.extracts[notice.slug].lifetime, library.effects.get(notice.slug, ()),
                  library.as_of)


def acts_on(notice: Notice, library: Library) -> tuple[list[tuple[str, Effect]], list[tuple[str, Effect]]]:
    """What the site's notices do to a notice: (in effect as of the build's date, pending), oldest first."""
    acts = library.effects.get(notice.slug, ())
    return [a for a in acts if a[1].date <= library.as_of], [a for a in acts if a[1].date > library.as_of]


def page_facts(notice: Notice, library: Library) -> str:
    """What a notice's page shows of its 效力, as text for its inputs digest: the status and the acts counted and
    pending. Not the build's date itself: a notice whose 效力 is the same renders the same (but see dated)."""
    done, pending = acts_on(notice, library)
    return repr((status(notice, library), [(s, e) for s, e in done], [(s, e) for s, e in pending]))


def statuses_digest(library: Library) -> str:
    """Every notice's status and every document's, as of the build's date: what the pages made from every notice
    show of 效力 (lists, cited documents, the API), without the date itself."""
    pending = {key: sum(e.date > library.as_of for _, e in acts) for key, acts in library.effects.items()}
    return keys.facts_digest(
        [f"{slug}:{value}:{pending.get(slug, 0)}" for slug, value in sorted(library.xref.status.items())] +
        [f"{key}:{document_status(acts, library.as_of)}:{sum(e.date > library.as_of for _, e in acts)}"
         for key, acts in library.effects.items() if key not in library.notices])
