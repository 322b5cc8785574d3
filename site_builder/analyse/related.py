"""Related notices: a handful per notice, ranked by what it shares with the others. Pure.

Each signal maps a notice to keys it may share with others: the 文号 it cites, its topics, its departments, the rare
words of its title. A shared key scores the signal's weight times the key's rarity (a citation two notices share says
more than a topic half the site has). A key shared by many notices only relates those nearest in date, which keeps
the work linear in the number of notices.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict

from site_builder.core.doctypes import doc_type
from site_builder.core.model import Library, Ranking, Related

LIMIT = 5
WINDOW = 12  # a key shared by more notices than this relates each notice to the WINDOW nearest in date
# A notice names many departments and few citations: a shared department weighs less than a shared citation.
WEIGHTS = {"links": 4.0, "cites": 3.0, "departments": 1.0, "topics": 2.0, "words": 0.6, "kind": 0.3}
REASONS = {"links": "引用关系", "cites": "共同引用{key}", "departments": "均涉及{key}", "topics": "同属主题“{key}”",
           "words": "标题相近", "kind": "同类文件"}
_SPECIFIC = ("department", "county", "body")  # department kinds that say what a notice is about
# How many keys two notices only share may add up, per signal, before more of the same stops counting.
CAPS = {"links": 1, "cites": 3, "departments": 1, "topics": 1, "words": 2, "kind": 1}
WORDS_PER_TITLE = 4  # the rarest title words only: common ones relate everything to everything

# Words every title has; they say nothing about what a notice is about.
_STOCK_RE = re.compile(
    r"郑州市|河南省|人民政府|办公厅|关于|印发|转发|公布|进一步|加快|加强|推进|做好|实施|意见|方案|通知|决定|办法|"
    r"工作|建设|发展|专项|有关|年度|若干|全市|我市|的|和|与|及|[0-9０-９]+年?|[^\u4e00-\u9fff]+")

Signals = dict[str, dict[str, frozenset[str]]]


def signals(library: Library) -> Signals:
    """What each notice may share with the others, by signal. A new analysis joins with one line here."""
    notices = library.notices.values()
    return {
        "links": _links(library),
        "cites": {slug: frozenset(r.target for r in refs) for slug, refs in library.xref.references.items()},
        "departments": _departments(library),
        "topics": _topics(library),
        "words": _rare_words({n.slug: title_words(n.title) for n in notices}),
        "kind": {n.slug: frozenset({f"{n.issuer}·{doc_type(n.title)}"}) for n in notices},
    }


def _departments(library: Library) -> dict[str, frozenset[str]]:
    """The departments responsible for a notice's clauses; groups (各县（市、区）人民政府) are everywhere, so left out."""
    named = {}
    for slug, found in library.responsibilities.items():
        names = {r.department for r in found}
        named[slug] = frozenset(n for n in names if getattr(library.departments.get(n), "kind", "") in _SPECIFIC)
    return named


def _topics(library: Library) -> dict[str, frozenset[str]]:
    """主题分类 subcategories (the derived ones, else the front matter's); the fallback 其他 relates nothing."""
    fallback = library.topic_scheme.fallback
    return {n.slug: frozenset(t for t in library.topics.get(n.slug, n.topics) if t != fallback)
            for n in library.notices.values()}


def title_words(title: str) -> frozenset[str]:
    """Two-character words of a title, stock phrases removed: 钢铁行业化解过剩产能 → 钢铁, 铁行, 行业, …"""
    words = set()
    for run in _STOCK_RE.split(title):
        words.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(words)


def ranking(library: Library, before: Ranking | None = None, limit: int = LIMIT) -> Ranking:
    """Every notice's related notices, with what they were ranked from.

    before: the last build's ranking. With the same notices in the same date order, a notice's list can change
    only if its own keys changed or a key it has gained or lost a sharer (gains, caps and windows follow from the
    sharers and the order), so only those notices are ranked again (a title edited at 10,000 notices: ~50 of them,
    not 10,000); tests/analyse/test_related.py checks the result equals a full ranking."""
    found = signals(library)
    order = tuple(n.slug for n in library.sorted_notices())
    basis = library.topic_scheme.fallback
    if before is None or before.order != order or before.basis != basis:
        return Ranking(rank(library, found, limit), found, order, basis)
    again = affected(found, before.signals)
    fresh = rank(library, found, limit, only=again)
    return Ranking({slug: fresh[slug] if slug in again else before.related[slug] for slug in order}, found, order,
                   basis)


def affected(found: Signals, before: Signals) -> set[str]:
    """The notices whose keys differ between two sets of signals, and every notice sharing a key one of them
    gained or lost."""
    changed: set[str] = set()
    moved: dict[str, set[str]] = defaultdict(set)  # signal → keys whose sharers changed
    for name in found.keys() | before.keys():
        now, then = found.get(name, {}), before.get(name, {})
        for slug in now.keys() | then.keys():
            keys, old = now.get(slug, frozenset()), then.get(slug, frozenset())
            if keys != old:
                changed.add(slug)
                moved[name].update(keys ^ old)
    for name, keys in moved.items():
        changed.update(slug for slug, have in found.get(name, {}).items() if not have.isdisjoint(keys))
    return changed


def rank(library: Library, found: Signals | None = None, limit: int = LIMIT,
         only: set[str] | None = None) -> dict[str, tuple[Related, ...]]:
    """For every notice (or those in `only`), up to `limit` others, most related first; ties go to the nearest in
    date, then by slug."""
    found = signals(library) if found is None else found
    order = library.sorted_notices()
    position = {n.slug: i for i, n in enumerate(order)}
    postings = _postings(found, position)
    # Scores are sums of integers (micro-units), so the order the keys are added in never changes a result.
    gains = {key: round(WEIGHTS.get(key[0], 1.0) * math.log(1 + len(order) / len(slugs)) * 1e6)
             for key, slugs in postings.items()}
    rare = math.log(1 + len(order) / 2)  # what a key only two notices share is worth
    caps = {name: round(WEIGHTS.get(name, 1.0) * CAPS.get(name, 1) * rare * 1e6) for name in found}
    keys_of: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (name, key), slugs in postings.items():
        for slug in slugs:
            keys_of[slug][name].append(key)
    where: dict[tuple[str, str], dict[str, int]] = {}
    result = {}
    for at, notice in enumerate(order):
        slug = notice.slug
        if only is not None and slug not in only:
            continue
        scores: dict[str, int] = defaultdict(int)
        for name, keys in keys_of.get(slug, {}).items():
            part: dict[str, int] = defaultdict(int)
            for key in keys:
                posting = (name, key)
                gain, slugs = gains[posting], postings[posting]
                if len(slugs) > WINDOW:
                    slugs = _neighbours(slugs, slug, where, posting)
                for other in slugs:
                    part[other] += gain
            cap = caps[name]  # thirty shared departments must not outweigh one direct citation
            for other, value in part.items():
                scores[other] += value if value < cap else cap
        scores.pop(slug, None)
        best = heapq.nsmallest(limit, ((-score, abs(position[other] - at), other) for other, score in scores.items()))
        result[slug] = tuple(Related(other, round(-score / 1e6, 3), _reasons(library, found, gains, caps, slug, other))
                             for score, _, other in best)
    return result


def _links(library: Library) -> dict[str, frozenset[str]]:
    """A notice and a site notice it cites share a key of their own: the strongest relation there is."""
    keys: dict[str, set[str]] = defaultdict(set)
    for source, refs in library.xref.references.items():
        for ref in refs:
            target = library.slug_for(ref.target)
            if target and target != source:
                pair = "|".join(sorted((source, target)))
                keys[source].add(pair)
                keys[target].add(pair)
    return {slug: frozenset(pairs) for slug, pairs in keys.items()}


def _rare_words(words: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Each title's rarest words that another title shares."""
    counts: dict[str, int] = defaultdict(int)
    for found in words.values():
        for word in found:
            counts[word] += 1
    return {slug: frozenset(sorted((w for w in found if counts[w] > 1), key=lambda w: (counts[w], w))
                            [:WORDS_PER_TITLE]) for slug, found in words.items()}


def _postings(found: Signals, position: dict[str, int]) -> dict[tuple[str, str], list[str]]:
    """(signal, key) → the notices that have it, newest first."""
    postings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, keys in found.items():
        for slug in sorted((s for s in keys if s in position), key=position.__getitem__):
            for key in keys[slug]:
                postings[(name, key)].append(slug)
    return postings


def _neighbours(slugs: list[str], slug: str, where: dict, posting: tuple[str, str]) -> list[str]:
    """The WINDOW notices nearest in date to slug among those sharing a key."""
    index = where.get(posting)
    if index is None:
        index = where[posting] = {s: i for i, s in enumerate(slugs)}
    at = index[slug]
    return slugs[max(0, at - WINDOW // 2): at + WINDOW // 2 + 1]


def _reasons(library: Library, found: Signals, gains: dict[tuple[str, str], int], caps: dict[str, int], slug: str,
             other: str) -> tuple[str, ...]:
    """What two notices share, the strongest signals first, each with its strongest keys: 均涉及市林业局、市财政局."""
    by_signal: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for name, keys in found.items():
        for key in keys.get(slug, frozenset()) & keys.get(other, frozenset()):
            by_signal[name].append((gains[(name, key)], key))
    ranked = sorted(by_signal.items(), key=lambda item: (-min(sum(g for g, _ in item[1]), caps[item[0]]), item[0]))
    said = []
    for name, shared in ranked[:2]:
        keys = [_label(name, key, library) for _, key in sorted(shared, key=lambda g: (-g[0], g[1]))[:2]]
        said.append(REASONS.get(name, "{key}").format(key="、".join(keys)))
    return tuple(said)


def _label(name: str, key: str, library: Library) -> str:
    """A topic by its subcategory, or by its category when the subcategory is the catch-all 其他."""
    if name != "topics" or "\\" not in key:
        return key
    category, sub = key.rsplit("\\", 1)
    return category if sub == library.topic_scheme.fallback else sub
