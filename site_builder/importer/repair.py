"""Repairs of extraction damage. Pure: each takes a Span and returns the repaired Span and what it changed.

Kinds: join (a line cut by a page break), space (a space inside Chinese text), and (`and` printed for 和),
docnum (ASCII brackets in a 文号), latex (a formula left by the extractor), bullet (a stray list dash),
clause-number (a half-width clause number), punctuation (half-width punctuation in a title or 主送机关).
`layout` changes (the space after a clause number) are counted but not listed: the content format prescribes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .classify import CJK, SPACES, is_cjk_like, marker
from .model import Repair, Span

CONTEXT = 6  # characters of context either side of a change in the report
LAYOUT = "layout"
LISTED_KINDS = ("join", "space", "and", "docnum", "latex", "bullet", "clause-number", "punctuation")

Replacement = str | Callable[[re.Match[str]], str]


def substitute(span: Span, pattern: re.Pattern[str], replacement: Replacement, kind: str) -> tuple[Span, list[Repair]]:
    """Like re.sub, keeping each character's source line; changes close together become one repair."""
    edits = []
    for found in pattern.finditer(span.text):
        new = replacement(found) if callable(replacement) else found.expand(replacement)
        if new != found[0]:
            edits.append((found.start(), found.end(), new))
    return apply_edits(span, edits, kind)


def apply_edits(span: Span, edits: list[tuple[int, int, str]], kind: str) -> tuple[Span, list[Repair]]:
    if not edits:
        return span, []
    text, lines, position = [], [], 0
    for start, end, new in edits:
        text.append(span.text[position:start] + new)
        lines.extend(span.lines[position:start])
        lines.extend([span.line_at(start)] * len(new))
        position = end
    result = Span("".join(text) + span.text[position:], tuple(lines) + span.lines[position:])
    return result, _describe(span, edits, kind)


def _describe(span: Span, edits: list[tuple[int, int, str]], kind: str) -> list[Repair]:
    clusters: list[list[tuple[int, int, str]]] = []
    for edit in edits:
        if clusters and edit[0] - clusters[-1][-1][1] <= 2 * CONTEXT:
            clusters[-1].append(edit)
        else:
            clusters.append([edit])
    repairs = []
    for cluster in clusters:
        start, end = cluster[0][0], cluster[-1][1]
        left, right = max(0, start - CONTEXT), min(len(span.text), end + CONTEXT)
        middle, position = [], start
        for edit_start, edit_end, new in cluster:
            middle.append(span.text[position:edit_start] + new)
            position = edit_end
        after = span.text[left:start] + "".join(middle) + span.text[end:right]
        repairs.append(Repair(span.line_at(start), kind, span.text[left:right], after))
    return repairs


def join(first: Span, second: Span) -> tuple[Span, Repair]:
    """Join a line cut by a page break to its continuation; a space only between two Latin letters or digits."""
    first, second = first.strip(), second.strip()
    gap = " " if first.text[-1:].isascii() and first.text[-1:].isalnum() and second.text[:1].isascii() \
        and second.text[:1].isalnum() else ""
    tail, head = first.text[-2 * CONTEXT:], second.text[: 2 * CONTEXT]
    joined = first + Span(gap, (first.line_at(len(first.text) - 1),) * len(gap)) + second
    return joined, Repair(first.line_at(len(first.text) - 1), "join", f"{tail}⏎{head}", f"{tail}{gap}{head}")


_BULLET_RE = re.compile(rf"^-[{SPACES}]+(?=\S)")


def strip_bullet(span: Span) -> tuple[Span, list[Repair]]:
    """`- (一) …`, `- 附件：…`, `- | | |`: the extractor's list dashes, not the document's."""
    return substitute(span, _BULLET_RE, "", "bullet")


def normalise_clause(span: Span) -> tuple[Span, list[Repair]]:
    """Write a leading clause number as the content format does: （一）, 1., 第一条 + one space."""
    found = marker(span.text)
    if not found or found.kind == "cn_shi":
        return span, []
    number = found.canonical
    if found.kind == "ar_dot" and "、" in span.text[: found.end]:
        number = f"{found.value}、"
    if found.kind in ("chapter", "article") or (found.kind == "ar_dot" and span.text[found.end:][:1].isdigit()):
        number += " "  # 第一条 本办法…; 2. 2016年… (2.2016 would read as a decimal)
    old = span.text[: found.end]
    if old == number:
        return span, []
    kind = LAYOUT if re.sub(f"[{SPACES}]", "", old) == number.strip() else "clause-number"
    return apply_edits(span, [(0, found.end, number)], kind)


_LATEX_RE = re.compile(r"\$[ ]*((?:\\[A-Za-z]+|\\%|[0-9.%<>=+\- ])+?)[ ]*\$")
_LATEX_COMMANDS = {r"\leq": "≤", r"\le": "≤", r"\geq": "≥", r"\ge": "≥", r"\lt": "<", r"\gt": ">",
                   r"\times": "×", r"\pm": "±", r"\%": "%"}


def _latex(found: re.Match[str]) -> str:
    text = re.sub(r"\\[A-Za-z]+|\\%", lambda command: _LATEX_COMMANDS.get(command[0], command[0]), found[1])
    return found[0] if "\\" in text else text.replace(" ", "")


_AND_RE = re.compile(rf"(?<=[{CJK}])[{SPACES}]*and[{SPACES}]*(?=[{CJK}])")
_DOCNUM_IN_PARENS_RE = re.compile(
    rf"[（(]([{CJK}]{{1,12}})[）)][{SPACES}]*[\[［〔(（][{SPACES}]*(\d{{4}})[{SPACES}]*[\]］〕)）][{SPACES}]*"
    rf"(\d{{1,5}})[{SPACES}]*号")
_DOCNUM_RE = re.compile(
    rf"(?<=[{CJK}])[{SPACES}]*[\[［(（【][{SPACES}]*(\d{{4}})[{SPACES}]*[\]］)）】][{SPACES}]*(\d{{1,5}})[{SPACES}]*号")
_SPACE_RUN_RE = re.compile(f"[{SPACES}]+")
_LEADING_ARTICLE_RE = re.compile(rf"^第[一二三四五六七八九十百零〇两]+[章条节](?=[{SPACES}])")


def _space_edits(text: str) -> list[tuple[int, int, str]]:
    edits = []
    keep_after = _LEADING_ARTICLE_RE.match(text)
    for run in _SPACE_RUN_RE.finditer(text):
        start, end = run.span()
        if keep_after and start == keep_after.end():
            if run[0] != " ":
                edits.append((start, end, " "))
            continue
        before, after = text[start - 1: start], text[end: end + 1]
        if not before or not after:
            continue  # edges are layout, stripped elsewhere
        before2 = text[start - 2: start - 1]
        if (is_cjk_like(before) or is_cjk_like(after) or after in ",;:!?)]%" or before in "(["
                or (before in ",;:" and (is_cjk_like(before2) or before2 == ")"))):
            edits.append((start, end, ""))
    return edits


def remove_spaces(span: Span) -> tuple[Span, list[Repair]]:
    """Spaces inside Chinese text go; a space between Latin words or numbers stays."""
    return apply_edits(span, _space_edits(span.text), "space")


def repair_text(span: Span) -> tuple[Span, list[Repair]]:
    """Every inline repair, in an order where each sees the previous one's result."""
    repairs: list[Repair] = []
    for step in (
        lambda s: substitute(s, _LATEX_RE, _latex, "latex"),
        lambda s: substitute(s, _AND_RE, "和", "and"),
        lambda s: substitute(s, _DOCNUM_IN_PARENS_RE, r"（\1〔\2〕\3号）", "docnum"),
        lambda s: substitute(s, _DOCNUM_RE, r"〔\1〕\2号", "docnum"),
        remove_spaces,
    ):
        span, found = step(span)
        repairs.extend(found)
    return span, repairs


_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"})


def repair_metadata(span: Span) -> tuple[Span, list[Repair]]:
    """Titles, 主送机关, attachment titles: no spaces at all, full-width punctuation, repaired 文号."""
    span, repairs = repair_text(span.strip())
    spaces = [(m.start(), m.end(), "") for m in _SPACE_RUN_RE.finditer(span.text)
              if not (span.text[m.start() - 1: m.start()].isascii() and span.text[m.end(): m.end() + 1].isascii())]
    span, found = apply_edits(span, spaces, "space")
    repairs += found
    punctuation = [(i, i + 1, char.translate(_FULL_WIDTH)) for i, char in enumerate(span.text)
                   if char in "(),:;?!" and not _between_ascii(span.text, i)]
    span, found = apply_edits(span, punctuation, "punctuation")
    return span, repairs + found


def _between_ascii(text: str, index: int) -> bool:
    before, after = text[index - 1: index], text[index + 1: index + 2]
    return bool(before) and bool(after) and before.isascii() and before.isalnum() and after.isascii() \
        and after.isalnum()
