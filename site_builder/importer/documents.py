"""Gazette lines → documents: where each starts (layouts.py), what it is (metadata), what it says (blocks).

Pure. Every line of the source ends up in exactly one document or in the list of removed lines (page furniture,
what comes before the first document, a title printed twice), so nothing is silently dropped. A document whose
metadata is uncertain is still made, with the reasons in `Meta.review`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .classify import CJK, SPACES, strip_spaces
from .closing import Closing, find_closing, joint, signature_orgs, split_orgs, title_prefix
from .dates import bare_date_readings, parse_date
from .docid import NUMBER, parse_number, with_issuer
from .furniture import page_furniture
from .issuers import fullest
from .layouts import Candidate, find_candidate, gazette_head_within, is_org_line
from .model import Attachment, Block, Line, Meta, Removed, Repair, Span
from .repair import repair_metadata
from .structure import attachments, build_body


@dataclass(frozen=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...]
    attachments: tuple[Attachment, ...]
    repairs: tuple[Repair, ...]


def _spaced(word: str) -> str:
    return f"[{SPACES}]*".join(word)


_TABLE_KEYS = ("发文字号", "文号", "成文日期", "发文日期", "发文机关", "标题", "名称")
# A page's metadata: 发文字号：…, 文 号: …, 【发文字号】 …, or a key and a 文号 or date with no colon (文号 瑞政办〔2011〕129号).
_TABLE_RE = re.compile(rf"^[{SPACES}\-•·]*(?P<open>【)?(?P<key>{'|'.join(_spaced(key) for key in _TABLE_KEYS)})"
                       rf"(?(open)】)[{SPACES}]*(?P<colon>[:：])?[{SPACES}]*(?P<value>\S.*?)[{SPACES}]*$")
_TABLE_VALUE_RE = re.compile(rf"^(?:{NUMBER}|\d{{4}}[-年])")
_ATTACHMENT_LINE_RE = re.compile(rf"^[{SPACES}]*附[{SPACES}]*件[{SPACES}]*\d*[{SPACES}]*[：:]?[{SPACES}]*$")
_TABLE_LINES = 20  # how far above a head a page's metadata table may be
_ATTACHED_WITHIN = 4  # text lines between a 附件 label and the head of the attachment it labels
_QUOTED_RE = re.compile(r"《([^》]{2,80})》")


def read_documents(lines: list[Line], path: str) -> tuple[list[Document], list[Removed]]:
    furniture = page_furniture(lines)
    removed = [Removed(lines[i].no, "page", lines[i].text.strip()) for i in sorted(furniture)]
    kept = [line for index, line in enumerate(lines) if index not in furniture]
    candidates = find_heads(kept, path)
    if not candidates:
        text = next((index for index, line in enumerate(kept) if line.text.strip()), None)
        if text is None:
            return [], removed
        candidates = [Candidate("none", text, text, "", 0, None, 0, "", None, 0, None)]
    first = candidates[0].start
    front = [Removed(line.no, "front", line.text.strip()) for line in kept[:first] if line.text.strip()]
    ends = [candidate.start for candidate in candidates[1:]] + [len(kept)]
    documents = []
    for number, (candidate, end) in enumerate(zip(candidates, ends)):
        above = max(candidates[number - 1].body if number else 0, candidate.start - _TABLE_LINES)
        document, dropped = make_document(kept, candidate, end, table_hints(kept[above:candidate.start]))
        documents.append(document)
        removed.extend(dropped)
    return documents, sorted(removed + front, key=lambda r: r.line)


def find_heads(lines: list[Line], path: str) -> list[Candidate]:
    """Every document head in reading order; a head inside a document that the document names is its attachment."""
    found: list[Candidate] = []
    index, since = 0, 0  # since: where the text after the last attached head starts
    while index < len(lines):
        candidate = find_candidate(lines, index, path) if lines[index].text.strip() else None
        if candidate is not None and candidate.layout != "gazette" \
                and gazette_head_within(lines, index, candidate.body, path):
            candidate = None
        if candidate is not None:
            if not (found and attached(lines, found[-1], candidate, since)):
                found.append(candidate)
            since = candidate.body
            index = max(candidate.body, index + 1)  # an attached document's head is the attachment's, all of it
            continue
        index += 1
    return found


def attached(lines: list[Line], current: Candidate, candidate: Candidate, since: int = 0) -> bool:
    """A forwarded or attached document: after a 附件 line, or named in 《》 by the document it is in.

    A 附件 line takes the one head that follows it (`since`: after the last head already taken), not every head to
    the end of the file: the next document of a gazette starts after its last attachment.
    """
    if candidate.layout == "gazette":
        return False
    between = lines[current.body:candidate.start]
    window = lines[max(current.body, since):candidate.start]
    labels = [number for number, line in enumerate(window) if _ATTACHMENT_LINE_RE.match(line.text)]
    if labels and sum(1 for line in window[labels[-1] + 1:] if line.text.strip()) < _ATTACHED_WITHIN:
        return True  # the attachment's own head right under its 附件 label
    closing = find_closing(lines, current.body, candidate.start)
    if closing is not None:  # the document names what it forwards before it is signed, not in what follows
        between = lines[current.body:closing.date_index]
    title = _cjk(candidate.title)
    rest = _cjk(candidate.title[len(title_prefix(candidate.title)):])
    running = "".join(line.text.strip() for line in between)  # a 《…》 may be cut by a line break
    quoted = {_cjk(q) for text in (current.title, running) for q in _QUOTED_RE.findall(text)}
    return bool(title) and any(q and (q == title or q == rest or q.endswith(rest)) for q in quoted if rest)


def table_hints(lines: list[Line]) -> dict[str, str]:
    """A 政府信息公开 page's metadata table above the document: 发文字号：…, 成文日期：…, 发文机关：…."""
    hints: dict[str, str] = {}
    for line in lines:
        found = _TABLE_RE.match(line.text)
        if not found or not (found["colon"] or found["open"] or _TABLE_VALUE_RE.match(found["value"])):
            continue
        key = {"文号": "发文字号", "发文日期": "成文日期"}.get(strip_spaces(found["key"]), strip_spaces(found["key"]))
        value = found["value"]
        if key == "发文字号":  # the 文号 alone, not the next cell of the row (文号 瑞政办〔2011〕129号 发布机构 …)
            number = re.match(NUMBER, value)
            value = number[0] if number else value
        hints.setdefault(key, value)
    return hints


def _cjk(text: str) -> str:
    return "".join(re.findall(f"[{CJK}]", text))


def make_document(lines: list[Line], candidate: Candidate, end: int, hints: dict[str, str]
                  ) -> tuple[Document, list[Removed]]:
    if candidate.head is not None:  # the gazette layout: its head says everything, the body runs to the next head
        head = candidate.head
        blocks, repairs = build_body(lines[candidate.body:end])
        meta = Meta(head.line, str(head.doc_number), head.doc_number.slug, head.issuer, head.title, head.date,
                    head.addressees, layout="gazette")
        return Document(meta, tuple(blocks), tuple(attachments(blocks)), head.repairs + tuple(repairs)), []
    closing = find_closing(lines, candidate.body, end)
    blocks, repairs = _blocks(lines, candidate.body, end, closing)
    meta, found = _meta(lines, candidate, closing, hints)
    dropped = _unused_head_lines(lines, candidate, meta)
    return Document(meta, tuple(blocks), tuple(attachments(blocks)), tuple(found + repairs)), dropped


def _blocks(lines: list[Line], body: int, end: int, closing: Closing | None) -> tuple[list[Block], list[Repair]]:
    """The text before the signature, the signature and date one paragraph a line, then what follows them."""
    if closing is None:
        return build_body(lines[body:end])
    start = closing.signature[0] if closing.signature else closing.date_index
    blocks, repairs = build_body(lines[body:start])
    for index in list(closing.signature) + [closing.date_index]:
        more, found = build_body([lines[index]])
        blocks += more
        repairs += found
    more, found = build_body(lines[closing.date_index + 1:end])
    return blocks + more, repairs + found


def _meta(lines: list[Line], candidate: Candidate, closing: Closing | None, hints: dict[str, str]
          ) -> tuple[Meta, list[Repair]]:
    review: list[str] = []
    title_span, repairs = repair_metadata(Span(candidate.title, (candidate.title_line,) * len(candidate.title)))
    issuer, title = _issuer_and_title(lines, candidate, closing, title_span.text, hints, review)
    docid = candidate.docid or (parse_number(hints["发文字号"]) if "发文字号" in hints else None)
    table_docid = parse_number(hints["发文字号"]) if "发文字号" in hints else None
    if docid is None:
        review.append("no 文号 found: write it in doc_number")
    elif table_docid is not None and table_docid.text != docid.text:
        review.append(f"the page's table says 文号 {table_docid.text}, the document {docid.text}")
    if docid is not None:
        docid = with_issuer(docid, issuer)
    date = _date(lines, candidate, closing, hints, review)
    if not title:
        review.append("no title found: write it in title")
    addressees = None
    if candidate.addressees is not None:
        addressee_span = candidate.addressees.slice(0, len(candidate.addressees.text.rstrip("：: ")))
        addressee_span, found = repair_metadata(addressee_span)
        addressees, repairs = addressee_span.text or None, repairs + found
    line = lines[candidate.start].no
    slug = docid.slug if docid else f"review-line-{line}"
    return Meta(line, docid.text if docid else "", slug, issuer, title, date, addressees, tuple(review),
                candidate.layout), repairs


def _issuer_and_title(lines: list[Line], candidate: Candidate, closing: Closing | None, printed: str,
                      hints: dict[str, str], review: list[str]) -> tuple[str, str]:
    """发文机关: the title's own prefix, else the issuer line, the signature, the decree's header, the page's table;
    each name written as the fullest of the names the document prints for it (市人民政府办公厅 → 贵阳市人民政府办公厅),
    the page's table's only when the document prints none."""
    signed = signature_orgs(lines, closing)
    printed_line = split_orgs(candidate.issuer_line) if is_org_line(candidate.issuer_line) else []
    decree = [candidate.decree_issuer] if candidate.decree_issuer else []
    table = split_orgs(hints["发文机关"]) if hints.get("发文机关") else []
    own = printed_line + signed + decree

    def complete(name: str) -> str:
        full = fullest(name, own)
        return full if full != name else fullest(name, table)

    prefix = title_prefix(printed)
    title = printed[len(prefix):].strip() if prefix else printed
    names = split_orgs(prefix) if prefix else next((source for source in (printed_line, signed, decree) if source), [])
    if prefix and len(signed) > 1 and "".join(signed) == "".join(names):
        names = signed  # 中共X市委办公室X市人民政府办公室印发…, signed on two lines
    if not names and table:
        review.append("发文机关 only from the page's table: check it")
        names = table
    if not names:
        review.append("no 发文机关 found: write it in issuer")
        return "", title
    names = [complete(name) for name in names]
    if len(signed) > 1 and names == [complete(signed[0])]:
        names = [complete(name) for name in signed]  # a joint document titled by its first issuer alone
    return joint(names), title


def _date(lines: list[Line], candidate: Candidate, closing: Closing | None, hints: dict[str, str],
          review: list[str]):
    closing_date = parse_date(closing.date_text) if closing else None
    if closing is not None and closing_date is None:
        readings = bare_date_readings(closing.date_text)
        printed = strip_spaces(closing.date_text)
        if len(readings) == 1:  # 2017919: its 年月日 lost, but it can be one date only
            closing_date = readings[0]
        elif readings:
            review.append(f"成文日期 printed without 年月日 at line {lines[closing.date_index].no}: {printed} reads as "
                          + " or ".join(str(reading) for reading in readings))
        else:
            review.append(f"impossible 成文日期 at line {lines[closing.date_index].no}: {printed}")
    date = candidate.date or closing_date
    if candidate.date and closing_date and candidate.date != closing_date:
        review.append(f"two 成文日期: {candidate.date} at line {candidate.date_line} and {closing_date} "
                      f"at line {lines[closing.date_index].no}")
    table = parse_date(hints.get("成文日期", "").split(" ")[0]) if hints.get("成文日期") else None
    if date is None and table is not None:
        return table
    if date is not None and table is not None and table != date:
        review.append(f"the page's table says 成文日期 {table}, the document {date}")
    if date is None and closing is None:
        review.append("no 成文日期 found: write it in date")
    return date


def _unused_head_lines(lines: list[Line], candidate: Candidate, meta: Meta) -> list[Removed]:
    """Head lines whose characters are not all in the front matter (a wiki page's 收录于, a repeated title, a date
    printed in Chinese numerals, an issuer printed again in the title) are listed.

    A line is in the front matter when its words are, and its characters are counted as well: an issuer line
    (浠水县人民政府) whose words also occur in the title (…《浠水县人民政府工作规则》…) is in the front matter once,
    so one of the two lines is listed.
    """
    words = _cjk(meta.doc_number + meta.issuer + meta.title + (meta.addressees or "") + candidate.title)
    kept = Counter(_cjk(meta.doc_number + meta.issuer + meta.title + (meta.addressees or "")))
    title = strip_spaces(candidate.title)
    indices = [index for index in range(candidate.start, candidate.body) if lines[index].text.strip()]
    # The title's own lines first, the issuer line last: an issuer printed again in the title (or the 主送机关) is
    # the line to list, not the title.
    issuer_line = strip_spaces(candidate.issuer_line)

    def rank(index: int) -> int:
        text = strip_spaces(lines[index].text)
        return 2 if text == issuer_line else 0 if text in title else 1

    order = sorted(indices, key=rank)
    dropped = []
    for index in order:
        text = lines[index].text.strip()
        needed = Counter(_cjk(text))
        if index not in candidate.removed and needed and _cjk(text) in words and not needed - kept:
            kept -= needed
        elif index in candidate.removed or needed:
            kind = "repeat" if index in candidate.removed else "head"
            dropped.append(Removed(lines[index].no, kind, text))
    return sorted(dropped, key=lambda removed: removed.line)
