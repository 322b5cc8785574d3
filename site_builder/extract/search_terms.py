"""Extra search tokens for a notice page: what Pagefind's own Chinese handling misses. Pure; no I/O.

Pagefind segments page text with jieba at index time, but the browser segments the query with ICU
(Intl.Segmenter), and a query word matches only indexed words that *start* with it. ICU cuts a name it does not
know into characters (登封市 → 登/封/市, 吴志强 → 吴/志/强) and jieba may cut it elsewhere (航空港/区 against
航空/港区): 封, 强 or 港区 then match nothing on the page. Pagefind also ranks a page by its body words only,
as a bag: the notice whose title says 大数据 ranked below notices that mention 大 and 数据 more often.

Metadata is the one channel Pagefind indexes without segmenting (split on spaces only), and a match in a
metadata field adds that field's weight (metaWeights, theme/search.js) to the page's score. So, hidden fields:

- 题: the title's n-grams (from every character, up to TITLE_GRAM long). A query found in the title matches
  here whatever ICU makes of it, and the field's weight puts the notice above those that only mention it.
- 名: every suffix of the names the text prints that the site's own departments.toml knows (departments,
  counties and districts, groups, other bodies): 港区 and 封市 match, and a page that names 二七区 ranks
  above one that has 二, 七 and 区 apart. Built from each site's file: nothing here knows Zhengzhou.
- 字: every distinct character, weight 0: ICU cuts an unknown name into characters (二七新区 → 二/七/新/区,
  吴志强 → 吴/志/强: the people of a leading group, whom no file lists), and 七 must match a page where jieba
  indexed 二七. These only widen the match; the search page's shard module (theme/pagefind-shards/pagefind.js)
  puts the notices that print the query as typed first and leaves out those that do not.
- 文号检索, 引用检索: ASCII tokens of the notice's own 文号 and of those it cites, because ICU splits
  郑政办文〔2016〕64号 into nine pieces; the search page rewrites a typed 文号 into the same tokens
  (theme/search.js, `docNumberTokens`), and the notice itself outranks the notices that cite it.

What they replaced (every suffix of every run of up to five characters, ranked like body text) diluted the
ranking and cost more to index; suffixes of runs of up to four characters at weight 0 found no query more
here and made the index 5 % larger. bench/search_rank.py measures both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from site_builder.extract.citations import find_citations
from site_builder.core.docnum import DocNumber

TITLE_FIELD = "题"  # metadata field: n-grams of the title
NAME_FIELD = "名"  # metadata field: suffixes of known names
CHAR_FIELD = "字"  # metadata field: distinct characters
DOCNUM_FIELD = "文号检索"  # metadata field: the notice's own 文号 tokens
CITED_FIELD = "引用检索"  # metadata field: tokens of the 文号 the notice cites

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_RUN = re.compile(f"[{_HAN}]+")
TITLE_GRAM = 6  # longest title n-gram: a query word longer than this still matches the title in the body text


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
    """Every distinct Han character of text, in code point order, space-separated (a set: ten times faster)."""
    return " ".join(sorted(char for char in set(text) if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"))


def title_tokens(title: str) -> str:
    """The title's n-grams: from every Han character, up to TITLE_GRAM characters within its run, each once.

    Any query word found in the title is a prefix of one of them, however ICU cuts the query; a match in this
    field is what ranks a notice whose title says the query above those that only mention it.
    """
    found: dict[str, None] = {}
    for run in _RUN.findall(title):
        for start in range(len(run)):
            found[run[start:start + TITLE_GRAM]] = None
    return " ".join(found)


def name_pattern(names: Iterable[str]) -> re.Pattern:
    """One pattern for a site's known names (departments.toml), longest first: found in one pass over a text."""
    ordered = sorted({name for name in names if _RUN.search(name)}, key=lambda name: (-len(name), name))
    return re.compile("|".join(map(re.escape, ordered))) if ordered else re.compile(r"(?!)")


def names_in(text: str, known: re.Pattern) -> list[str]:
    """The known names a text prints, each once, in order."""
    return list(dict.fromkeys(known.findall(text)))


def name_tokens(names: Iterable[str]) -> str:
    """Every suffix (two characters or more) of every Han run of the names, each once, in order of first use."""
    found: dict[str, None] = {}
    for name in names:
        for run in _RUN.findall(name):
            for start in range(len(run) - 1):  # a loop, not a set of generators: this runs over every notice
                found[run[start:]] = None
    return " ".join(found)
