"""A notice's body lines → blocks: headings, paragraphs (page-break splits joined), tables, personnel, 附件 lists.

Which numbered lines are headings is decided per run of sibling numbers: （一）…（五） are headings when most of
them are short lines without a sentence end, run-in paragraphs otherwise, so that a paragraph cut by a page break
right after its number (`（二）积极推行和采用先进的质量管理方法` / `和工具，…`) is joined, not made a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .classify import (ATTACHMENT_LIST_RE, ATTACHMENT_RE, CONTINUES, FINISHES, HEADING_KINDS, ISSUER_ONLY_RE, LABEL_RE,
                       SENTENCE_END, SPACES, TERMINAL, Marker, is_block_start, is_pipe_row, is_tab_row,
                       is_title_like, marker, strip_spaces, unbalanced)
from .model import Attachment, AttachmentList, Block, Heading, Line, Paragraph, Repair, Span
from .repair import join, normalise_clause, repair_metadata, repair_text, strip_bullet
from .tables import MAX_GAP, parse_personnel, parse_pipe_table, parse_tab_table, starts_personnel

MAX_HEADING = 40  # characters after the number; longer numbered lines are run-in paragraphs


@dataclass
class _Text:
    span: Span  # one printed line, stripped
    gap: int  # blank lines before it
    marker: Marker | None
    heading: bool = False


def build_body(lines: list[Line]) -> tuple[list[Block], list[Repair]]:
    """The blocks of a notice body, and every repair made on the way."""
    items, repairs = _segment(lines)
    _mark_headings([item for item in items if isinstance(item, _Text)])
    return _assemble(items, repairs), repairs


def attachments(blocks: list[Block]) -> list[Attachment]:
    return [item for block in blocks if isinstance(block, AttachmentList) for item in block.items]


def _segment(lines: list[Line]) -> tuple[list[_Text | Block], list[Repair]]:
    items: list[_Text | Block] = []
    repairs: list[Repair] = []
    index, gap = 0, 0
    while index < len(lines):
        line = lines[index]
        if not line.text.strip():
            index, gap = index + 1, gap + 1
            continue
        span, bullet = strip_bullet(Span.of(line).strip())
        personnel = parse_personnel(lines, index) if starts_personnel(line) else None
        if personnel:
            block, index, found = personnel
        elif is_pipe_row(span.text):
            block, index, found = parse_pipe_table(lines, index)
        elif is_tab_row(line.text):
            block, index, found = parse_tab_table(lines, index)
        elif ATTACHMENT_LIST_RE.match(span.text):
            block, index, found = _attachment_list(lines, index)
        else:
            items.append(_Text(span, gap, marker(span.text)))
            repairs.extend(bullet)
            index, gap = index + 1, 0
            continue
        items.append(block)
        repairs.extend(found)
        gap = 0
    return items, repairs


def _attachment_list(lines: list[Line], index: int) -> tuple[AttachmentList, int, list[Repair]]:
    """`附件：1. 甲` and the numbered lines right below it; `（略）` marks an attachment not printed."""
    repairs: list[Repair] = []
    spans = []
    while index < len(lines) and (not spans or (lines[index].text.strip() and _is_item(lines[index].text))):
        span, found = strip_bullet(Span.of(lines[index]).strip())
        repairs.extend(found)
        spans.append(span)
        index += 1
    printed, items = [], []
    for number, span in enumerate(spans):
        prefix = ATTACHMENT_LIST_RE.match(span.text) if number == 0 else None
        rest = span.slice(prefix.end()) if prefix else span
        rest, found = normalise_clause(rest.strip())
        repairs.extend(found)
        rest, found = repair_text(rest)
        repairs.extend(found)
        printed.append((strip_spaces(prefix[0]) if prefix else "") + rest.text)
        items.append(_attachment(rest))
    return AttachmentList(tuple(printed), tuple(item for item in items if item.title)), index, repairs


def _is_item(text: str) -> bool:
    found = marker(text.strip())
    return bool(found and found.kind == "ar_dot")


_OMITTED_RE = re.compile(rf"[{SPACES}]*[（(]略[)）][{SPACES}]*$")


def _attachment(span: Span) -> Attachment:
    found = marker(span.text)
    if found and found.kind == "ar_dot":
        span = span.slice(found.end)
    omitted = _OMITTED_RE.search(span.text)
    if omitted:
        span = span.slice(0, omitted.start())
    title, _ = repair_metadata(span)
    return Attachment(title.text, bool(omitted))


def _heading_like(item: _Text) -> bool:
    assert item.marker is not None
    rest = strip_spaces(item.span.text[item.marker.end:])
    if not rest or len(rest) > MAX_HEADING or unbalanced(rest) or rest[-1] in CONTINUES:
        return False
    if re.search(r"[。！？；;!?：:]", rest[:-1]) or rest[-1] in "；;！？!?：:":
        return False
    return rest[-1] != "。" or (item.marker.kind in ("cn_dun", "cn_paren") and len(rest) <= 25)


def _mark_headings(texts: list[_Text]) -> None:
    numbered = [t for t in texts if t.marker and t.marker.kind in HEADING_KINDS]
    candidates = {id(t) for t in numbered if _heading_like(t)}
    for first, second in zip(texts, texts[1:]):
        # Numbered lines printed one under another are a list (companies, tasks), not headings.
        if (first.marker and second.marker and second.gap == 0 and first.marker.kind == second.marker.kind
                and second.marker.value == first.marker.value + 1):
            candidates.discard(id(first))
            candidates.discard(id(second))
    runs: dict[str, list[list[_Text]]] = {}
    for item in numbered:
        kind_runs = runs.setdefault(item.marker.kind, [])
        if kind_runs and item.marker.value == kind_runs[-1][-1].marker.value + 1:
            kind_runs[-1].append(item)
        else:
            kind_runs.append([item])
    for kind_runs in runs.values():
        for run in kind_runs:
            # A heading that ends in 。 is weak evidence: short sentences end so too.
            headings = sum(0.5 if item.span.text.endswith("。") else 1 for item in run if id(item) in candidates)
            if headings * 2 >= len(run):
                for item in run:
                    item.heading = id(item) in candidates
    for item in texts:
        if item.marker and item.marker.kind == "chapter":
            item.heading = True


def _continues(text: str, following: _Text) -> bool:
    """Does `following` finish the paragraph that `text` (so far) starts? The page-break heuristics."""
    first, last = following.span.text, text.rstrip()[-1:]
    if following.heading or is_block_start(first):
        return False
    if last in CONTINUES or (unbalanced(text) and last not in SENTENCE_END) or first[:1] in FINISHES + "（(":
        return True
    if last in TERMINAL or last in "）)】〕]］" or LABEL_RE.match(text):
        return False
    return not (is_title_like(text) or ISSUER_ONLY_RE.match(text) or ATTACHMENT_RE.match(text))


def _heading_tail(items: list[_Text | Block], index: int) -> bool:
    """A heading's last words on a line of their own: `（五）拓宽直接融资渠道，加快推进科技型` / `企业上市融资`."""
    if index + 1 >= len(items) or not isinstance(items[index + 1], _Text):
        return False
    tail = items[index + 1]
    if tail.gap or tail.marker or len(strip_spaces(tail.span.text)) > 15 or re.search(r"[。，；：、,;:]", tail.span.text):
        return False
    after = items[index + 2] if index + 2 < len(items) else None
    return after is None or not isinstance(after, _Text) or (after.gap > 0 and is_block_start(after.span.text))


def _assemble(items: list[_Text | Block], repairs: list[Repair]) -> list[Block]:
    blocks: list[Block] = []
    index = 0
    while index < len(items):
        item = items[index]
        if not isinstance(item, _Text):
            blocks.append(item)
            index += 1
            continue
        span = item.span
        if item.heading:
            if _heading_tail(items, index):
                span, repair = join(span, items[index + 1].span)
                repairs.append(repair)
                index += 1
            blocks.append(_heading(span, repairs))
            index += 1
            continue
        while (index + 1 < len(items) and isinstance(items[index + 1], _Text)
               and items[index + 1].gap <= MAX_GAP and _continues(span.text, items[index + 1])):
            span, repair = join(span, items[index + 1].span)
            repairs.append(repair)
            index += 1
        blocks.append(_paragraph(span, repairs))
        index += 1
    return blocks


def _heading(span: Span, repairs: list[Repair]) -> Heading:
    span, found = normalise_clause(span)
    repairs.extend(found)
    number = marker(span.text)
    assert number is not None
    rest, found = repair_text(span.slice(number.end))
    repairs.extend(found)
    return Heading(number.kind, number.canonical, rest.text)


def _paragraph(span: Span, repairs: list[Repair]) -> Paragraph:
    span, found = normalise_clause(span)
    repairs.extend(found)
    span, found = repair_text(span)
    repairs.extend(found)
    return Paragraph(span.text)
