"""文号 citations → links, backlinks, cited documents and repeal status. Pure: the parsed library in, an index out.

Each notice's citations were read from its own text by the extract step (site_builder.extract.notice), with their citing
clause. Here they meet the rest of the site: a citation of a site notice links to it (and to the clause it names,
when that notice has it), any other 文号 gets a cited-document page. Relations are stored as keys (slugs, 文号
strings), never as object pointers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from site_builder.analyse.status import acts_on
from site_builder.core.vocabulary import AMEND, REPEAL, VALID
from site_builder.core.diagnostics import Diagnostic
from site_builder.core.docnum import DocNumber, parse_doc_number
from site_builder.extract.markdown import Resolver
from site_builder.core.model import Citation, CitedDocument, Library, Reference, XrefIndex

LEVELS = ("中央/国务院", "河南省", "郑州市", "其他")
# The issuer's level from the first character of the prefix: 中发/国发/国办发, 豫政/豫发, 郑政/郑办.
_LEVEL_BY_ROOT = {"中": LEVELS[0], "国": LEVELS[0], "豫": LEVELS[1], "郑": LEVELS[2]}

AnchorLookup = Callable[[str], frozenset[str]]


def level(doc: DocNumber) -> str:
    return _LEVEL_BY_ROOT.get(doc.prefix[:1], LEVELS[-1])


def clause_anchors(library: Library) -> AnchorLookup:
    """Anchors of a site notice's clauses."""

    def anchors(slug: str) -> frozenset[str]:
        return library.extracts[slug].anchors

    return anchors


def resolver(library: Library) -> Resolver:
    """Links from a notice page: a site notice → its page (and clause); any other 文号 → its cited-document page."""
    anchors = clause_anchors(library)

    def resolve(citation: Citation) -> str | None:
        slug = library.slug_for(citation.doc_number)
        if slug is None:
            return f"../cited/{citation.doc_number.slug}.html"
        if citation.anchor and citation.anchor in anchors(slug):
            return f"{slug}.html#{citation.anchor}"
        return f"{slug}.html"

    return resolve


def analyse(library: Library) -> XrefIndex:
    """Every citation in every notice, the documents they cite, and the 效力 of each notice."""
    oldest_first = sorted(library.notices.values(), key=lambda n: (n.date, n.doc_number))
    references = {n.slug: tuple(_resolved(library.extracts[n.slug].references, library)) for n in oldest_first}
    in_order: dict[str, list[Reference]] = {}  # oldest citing notice first, each notice's citations in text order
    for notice in oldest_first:
        for ref in references[notice.slug]:
            in_order.setdefault(ref.target, []).append(ref)
    cited: dict[str, list[Reference]] = {}  # newest citing notice first, each notice's citations in text order
    for notice in reversed(oldest_first):
        for ref in references[notice.slug]:
            cited.setdefault(ref.target, []).append(ref)
    documents = {target: _document(number_of(target), in_order[target], cited[target], library)
                 for target in sorted(cited, key=number_of)}
    return XrefIndex(references=references, cited={t: tuple(r) for t, r in cited.items()}, documents=documents)


def _resolved(references: tuple[Reference, ...], library: Library):
    """A cited clause is linked only when the cited notice is in the site and has that clause."""
    for ref in references:
        if ref.target_anchor:
            slug = library.slug_for(ref.target)
            if slug is None or ref.target_anchor not in library.extracts[slug].anchors:
                ref = replace(ref, target_anchor="")
        yield ref


@lru_cache(maxsize=1 << 16)
def number_of(target: str) -> DocNumber:
    """The DocNumber of a normalised 文号 string, as references store it."""
    parsed = parse_doc_number(target)
    assert parsed is not None, target  # targets are written by str(DocNumber)
    return parsed


def _document(doc: DocNumber, in_order: list[Reference], newest_first: list[Reference],
              library: Library) -> CitedDocument:
    return CitedDocument(
        doc_number=str(doc), slug=doc.slug, title=_best_title(in_order), level=level(doc),
        in_site=library.slug_for(doc) is not None,
        cited_by=_unique(r.source for r in newest_first),
        repealed_by=_unique(r.source for r in newest_first if r.kind == REPEAL),
        amended_by=_unique(r.source for r in newest_first if r.kind == AMEND),
    )


def _best_title(in_order: list[Reference]) -> str:
    """The title most citations give; on a tie, the one the earliest citing notice gives."""
    counts = Counter(r.title for r in in_order if r.title)
    first = {}
    for i, ref in enumerate(in_order):
        first.setdefault(ref.title, i)
    return max(counts, key=lambda t: (counts[t], -first[t]), default="")


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def check(library: Library) -> list[Diagnostic]:
    """Warnings an editor can act on: a cited clause that is not there, a status the site's notices contradict.
    Run after status.settle."""
    found = []
    index = library.xref
    for slug, refs in index.references.items():
        notice = library.notices[slug]
        for ref in refs:
            target_slug = library.slug_for(ref.target)
            if ref.clause and target_slug and not ref.target_anchor:
                found.append(Diagnostic(notice.path, ref.line, "W301",
                                        f"{ref.target} has no clause {ref.clause}; the link goes to the notice",
                                        "check the clause named after the 文号"))
    for slug, notice in library.notices.items():
        if notice.status != VALID:
            continue
        done, _ = acts_on(notice, library)
        if done:
            by, effect = done[0]
            verb = "repeals it (废止)" if effect.ends_force else f"amends it ({effect.kind})"
            found.append(Diagnostic(notice.path, notice.line_of("status"), "W302",
                                    f"status (效力) is {VALID} but {library.notices[by].doc_number} {verb}; "
                                    "the front matter wins", "remove 'status' to let the dates and citations decide"))
    return found
