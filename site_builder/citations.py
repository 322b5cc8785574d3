"""Find 文号 citations in running text. Pure: a string in, spans out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.docnum import CLOSE_BRACKETS, OPEN_BRACKETS, DocNumber

# The bracketed year and the number; the issuing prefix is found by looking back from the bracket.
_NUMBER_RE = re.compile(
    rf"[{re.escape(OPEN_BRACKETS)}]\s*(?P<year>(?:19|20)\d\d)\s*[{re.escape(CLOSE_BRACKETS)}]\s*"
    r"(?P<number>\d{1,5})\s*号"
)
_CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]{1,10}$")
# A prefix written in parentheses before the year, as in "(郑信用)[2015]3号".
_PAREN_PREFIX_RE = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[)）]\s*$")

# Issuing prefixes start with the issuer's region (国, 中, a province, a city) …
_ROOTS = set("国中豫郑京津沪渝冀晋辽吉黑苏浙皖闽赣鲁鄂湘粤琼川蜀贵黔云滇陕甘青蒙桂藏宁新洛汴")
# … and never contain these, which belong to the sentence around the citation.
_STOPS = set("的和与及或于在按照根据据见知意法案规定函请经由对向将为以了是等关市省州县区")

@dataclass(frozen=True)
class Citation:
    doc_number: DocNumber
    start: int  # span of the 文号 in the text (prefix … 号)
    end: int
    title: str = ""  # from the 《…》 just before the number, without the book-title marks

    @property
    def text(self) -> str:
        return str(self.doc_number)


def find_citations(text: str) -> list[Citation]:
    """Every 文号 in text, in order, each with the title that precedes it when there is one."""
    found = []
    for match in _NUMBER_RE.finditer(text):
        located = _prefix_before(text, match.start())
        if located is None:
            continue
        prefix, start = located
        doc = DocNumber(prefix, int(match["year"]), int(match["number"]))
        found.append(Citation(doc, start, match.end(), _title_before(text, start)))
    return found


def _prefix_before(text: str, bracket: int) -> tuple[str, int] | None:
    head = text[max(0, bracket - 16):bracket]
    paren = _PAREN_PREFIX_RE.search(head)
    if paren:
        return paren[1], bracket - len(head) + paren.start()
    stripped = head.rstrip()
    run = _CJK_RUN_RE.search(stripped)
    if run is None:
        return None
    prefix = _trim_prefix(run.group())
    if prefix is None:
        return None
    return prefix, bracket - len(head) + len(stripped) - len(prefix)


def _trim_prefix(run: str) -> str | None:
    """The issuing prefix at the end of a run of CJK characters, or None if there is none."""
    chars: list[str] = []
    for char in reversed(run):  # walk back from the bracket until a word of the sentence
        if char in _STOPS:
            break
        chars.append(char)
    candidate = "".join(reversed(chars))
    # The shortest tail that starts with a region root: "印发国发" → "国发", "郑政办文" stays whole.
    for i, char in enumerate(candidate):
        if char in _ROOTS and len(candidate) - i >= 2:
            return candidate[i:]
    return candidate if 2 <= len(candidate) <= 6 else None


def _title_before(text: str, start: int) -> str:
    i = start
    while i > 0 and text[i - 1] in " \t（(":
        i -= 1
        if text[i] in "（(":
            break
    if i == 0 or text[i - 1] != "》":
        return ""
    close = i - 1
    depth, j = 0, close
    while j >= 0:
        if text[j] == "》":
            depth += 1
        elif text[j] == "《":
            depth -= 1
            if depth == 0:
                return text[j + 1:close]
        j -= 1
    return ""
