"""Extra search tokens for a notice page: what Pagefind's own Chinese handling misses. Pure; no I/O.

Pagefind segments page text with jieba at index time, but the browser segments the query with ICU
(Intl.Segmenter), and a query word matches only indexed words that *start* with it. Two mismatches follow:

- ICU splits words it does not know into single characters (登封市 → 登/封/市); 封 then matches nothing
  when jieba indexed 登封. Every distinct character of the text, as its own token, makes such queries match.
- A query word that begins inside a longer indexed word (港区 in 航空港区, 志明 in 程志明) never matches. Names
  sit in short runs of text (list items after 责任单位：, table cells, 、-separated lists); every suffix of such
  a run, as a token, makes any part of the name findable.

Metadata is the one channel Pagefind indexes without segmenting (split on spaces only), so the tokens go
into two hidden metadata fields. 文号 get ASCII tokens instead, because ICU splits 郑政办文〔2016〕64号 into
nine pieces; the search page rewrites a typed 文号 into the same tokens (theme/search.js, `docNumberTokens`).
"""

from __future__ import annotations

import re

from site_builder.extract.citations import find_citations
from site_builder.core.docnum import DocNumber

CHAR_FIELD = "字"  # metadata field: distinct characters
PHRASE_FIELD = "词"  # metadata field: suffixes of short runs
DOCNUM_FIELD = "文号检索"  # metadata field: the notice's own 文号 tokens
CITED_FIELD = "引用检索"  # metadata field: tokens of the 文号 the notice cites

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_RUN = re.compile(f"[{_HAN}]+")
SHORT_RUN = 5  # longest run whose suffixes are indexed: names and list items; 5 beat 8 on bench/search_recall.py


def doc_number_tokens(doc: DocNumber) -> list[str]:
    """ASCII tokens a 文号 query is rewritten to: full number, 〔year〕number, and number alone.

    郑政办文〔2016〕64号 → wh90d1653f529e6587y2016n64z, wy2016n64z, wn64z. The prefix is spelled as hex code
    points (the browser cannot do pinyin); the closing z stops 64 from matching 640 by prefix.
    """
    prefix = "".join(f"{ord(char):x}" for char in doc.prefix)
    if not doc.year:  # a decree numbered without a year: 国令第707号 → wh…n707z, wn707z
        return [f"wh{prefix}n{doc.number}z", f"wn{doc.number}z"]
    return [f"wh{prefix}y{doc.year}n{doc.number}z", f"wy{doc.year}n{doc.number}z", f"wn{doc.number}z"]


def cited_tokens(text: str, own: DocNumber) -> str:
    """The 文号 tokens of every document the text cites (its own number excluded), each once, in order."""
    tokens: dict[str, None] = {}
    for citation in find_citations(text):
        if citation.doc_number != own:
            tokens.update(dict.fromkeys(doc_number_tokens(citation.doc_number)))
    return " ".join(tokens)


def char_tokens(text: str) -> str:
    """Every distinct Han character of text, in order of first use, space-separated."""
    return " ".join(char for char in dict.fromkeys(text)
                    if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf")


def phrase_tokens(text: str) -> str:
    """Every suffix (two characters or more) of every short Han run, each once, in order of first use."""
    found: dict[str, None] = {}
    for run in _RUN.findall(text):
        if 2 <= len(run) <= SHORT_RUN:  # a loop, not a set of generators: this runs over every notice
            for start in range(len(run) - 1):
                found[run[start:]] = None
    return " ".join(found)
