"""Notice heads: 发文机关, 标题 (one to three lines), 发文字号, 成文日期 (same line or the next), 主送机关."""

from __future__ import annotations

import datetime
import re

from site_builder.core.diagnostics import Diagnostic
from site_builder.core.docnum import parse_doc_number

from .classify import CJK, ISSUER, SPACES, is_block_start, strip_spaces
from .model import Head, Line, Repair, Span
from .repair import repair_metadata

_ISSUER_LINE_RE = re.compile(
    rf"^[{SPACES}]*(?P<issuer>{ISSUER})(?:[{SPACES}]+(?P<rest>\S.*?)|(?P<glued>(?:关于|印发|转发|批转).*?))?[{SPACES}]*$")
_DOCNUM_LINE_RE = re.compile(
    rf"^[{SPACES}]*(?P<number>[{CJK}]{{1,12}}[{SPACES}]*[〔\[(（【［][{SPACES}]*\d{{4}}[{SPACES}]*[〕\])）】］]"
    rf"[{SPACES}]*\d{{1,5}}[{SPACES}]*号)[{SPACES}]*(?P<date>\d{{4}}[{SPACES}]*年.*?)?[{SPACES}]*$")
_DATE_RE = re.compile(rf"^[{SPACES}]*(\d{{4}})[{SPACES}]*年[{SPACES}]*(\d{{1,2}})[{SPACES}]*月[{SPACES}]*(\d{{1,2}})"
                      rf"[{SPACES}]*日[{SPACES}]*$")
# The kinds of document a gazette notice is; a 规定 or 办法 after an issuer line is an attached text, not a notice.
_NOTICE_TITLE_RE = re.compile(r"(?:通知|意见|决定|通报|批复|公告|通告|命令|函|报告|请示|纪要|议案)$")
_MAX_TITLE_LINES = 3
_MAX_ADDRESSEE_LINES = 3


def find_heads(lines: list[Line], path: str) -> tuple[list[Head], list[Diagnostic]]:
    """Every notice head in the gazette, in order, and the heads that could not be read."""
    heads: list[Head] = []
    problems: list[Diagnostic] = []
    index = 0
    while index < len(lines):
        found = _ISSUER_LINE_RE.match(lines[index].text)
        result = _read_head(lines, index, found, path) if found else None
        if isinstance(result, Head):
            heads.append(result)
            index = result.body_start
            continue
        if isinstance(result, Diagnostic):
            problems.append(result)
        index += 1
    return heads, problems + _check(heads, lines, path, problems)


def _check(heads: list[Head], lines: list[Line], path: str, problems: list[Diagnostic]) -> list[Diagnostic]:
    if problems:
        return []
    if not heads:
        return [Diagnostic(path, 1, "E301", "no notice head found",
                           "a notice starts with its 发文机关 line, e.g. 郑州市人民政府, then its title and 文号")]
    found = []
    before = next((line for line in lines if line.no < heads[0].line and line.text.strip()), None)
    if before:
        found.append(Diagnostic(path, before.no, "E303", "text before the first notice head",
                                "every notice must start with its 发文机关 line"))
    first_seen: dict[str, int] = {}
    for head in heads:
        number = str(head.doc_number)
        if number in first_seen:
            found.append(Diagnostic(path, head.line, "E305", f"文号 {number} is used twice",
                                    f"the first is at line {first_seen[number]}"))
        first_seen.setdefault(number, head.line)
    return found


def _next_text(lines: list[Line], index: int) -> int | None:
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    return index if index < len(lines) else None


def _is_title_part(text: str) -> bool:
    text = text.strip()
    return (0 < len(strip_spaces(text)) <= 60 and not re.search(r"[。；;：:《》]", text)
            and not _ISSUER_LINE_RE.match(text) and not is_block_start(text))


def _read_head(lines: list[Line], index: int, found: re.Match[str], path: str) -> Head | Diagnostic | None:
    """A head starting at lines[index]; None when the issuer line starts no notice (an attached text's heading)."""
    line = lines[index]
    parts: list[Span] = []
    rest = found["rest"] or found["glued"]
    if rest:
        start = found.start("rest") if found["rest"] else found.start("glued")
        parts.append(Span.of(line).slice(start, start + len(rest)))
    position = _next_text(lines, index + 1)
    while position is not None and len(parts) < _MAX_TITLE_LINES and not _DOCNUM_LINE_RE.match(lines[position].text) \
            and _is_title_part(lines[position].text):
        parts.append(Span.of(lines[position]).strip())
        position = _next_text(lines, position + 1)
    if not parts:
        return None
    title_span = parts[0]
    for part in parts[1:]:
        title_span = title_span + part
    title, repairs = repair_metadata(title_span)
    if not _NOTICE_TITLE_RE.search(title.text):
        return None
    number_match = _DOCNUM_LINE_RE.match(lines[position].text) if position is not None else None
    if not number_match:
        return Diagnostic(path, line.no, "E302", f"notice head without 文号: {title.text}",
                          "the 文号, e.g. 郑政〔2016〕24号, must follow the title")
    doc_number = parse_doc_number(number_match["number"])
    assert doc_number is not None  # the line pattern only matches what parse_doc_number reads
    printed = number_match["number"]
    if printed != str(doc_number):
        kind = "space" if strip_spaces(printed) == str(doc_number) else "docnum"
        repairs.append(Repair(lines[position].no, kind, printed, str(doc_number)))
    date_text, date_line, position = number_match["date"], lines[position].no, position + 1
    if not date_text:
        date_index = _next_text(lines, position)
        if date_index is not None and _DATE_RE.match(lines[date_index].text):
            date_text, date_line, position = lines[date_index].text, lines[date_index].no, date_index + 1
    date, problem = _parse_date(date_text, date_line, str(doc_number), path)
    if problem:
        return problem
    addressees, body_start, more = _read_addressees(lines, position)
    return Head(line.no, found["issuer"], title.text, doc_number, date, addressees, body_start,
                tuple(repairs + more))


def _parse_date(text: str | None, line: int, number: str, path: str) -> tuple[datetime.date, Diagnostic | None]:
    found = _DATE_RE.match(text or "")
    if not found:
        return datetime.date.min, Diagnostic(path, line, "E304", f"notice {number} has no 成文日期",
                                             "write the date after the 文号, e.g. 2016年8月1日")
    try:
        return datetime.date(int(found[1]), int(found[2]), int(found[3])), None
    except ValueError:
        return datetime.date.min, Diagnostic(path, line, "E304", f"notice {number} has an impossible 成文日期: "
                                             f"{strip_spaces(text or '')}")


def _read_addressees(lines: list[Line], index: int) -> tuple[str | None, int, list[Repair]]:
    """主送机关: up to three lines, the last ending in ：. Without one, the body starts right after the date."""
    parts: list[Span] = []
    position = _next_text(lines, index)
    while position is not None and len(parts) < _MAX_ADDRESSEE_LINES:
        text = lines[position].text.strip()
        if "。" in text or is_block_start(text) or len(strip_spaces(text)) > 80:
            break
        parts.append(Span.of(lines[position]).strip())
        if text.endswith(("：", ":")):
            joined = parts[0]
            for part in parts[1:]:
                joined = joined + part
            joined = joined.slice(0, len(joined.text) - 1)
            addressees, repairs = repair_metadata(joined)
            return addressees.text, position + 1, repairs
        position = _next_text(lines, position + 1)
    return None, index, []
