"""Time limits stated in a clause: `2016年年底前`, `2017年底`, `9月底前完成`, `每季度…报送`, `自…起施行`. Pure.

A limit without a year (`9月底前`, `年底前`) belongs to the notice's year, unless its month lies more than a month
before the notice's date (a December notice's `3月底前` means next March).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from site_builder.core.vocabulary import BY, EFFECTIVE, RECURRING
from site_builder.core.model import Clause, Deadline, RenderedBody


_BEFORE = r"(?:前|以前|之前)?"
_YEAR_END = re.compile(rf"(?P<year>20\d\d)\s*年\s*(?:年\s*)?(?:底|末){_BEFORE}")
_MONTH_END = re.compile(rf"(?:(?P<year>20\d\d)\s*年\s*)?(?P<month>1[0-2]|0?[1-9])\s*月\s*(?:底|末){_BEFORE}")
_PART_OF_MONTH = re.compile(r"(?:(?P<year>20\d\d)\s*年\s*)?(?P<month>1[0-2]|0?[1-9])\s*月\s*(?P<part>上旬|中旬|下旬)"
                            rf"{_BEFORE}")
_DAY = re.compile(r"(?:(?P<year>20\d\d)\s*年\s*)?(?P<month>1[0-2]|0?[1-9])\s*月\s*(?P<day>[0-3]?\d)\s*日"
                  r"(?:前|以前|之前)")
# 年底前 / 年内 with no year: this year. Not 三年内, 近两年内, 半年内, 2 年内.
_THIS_YEAR = re.compile(r"(?<![0-9一二三四五六七八九十两几近半个周年\s])(?:年底前|年底以前|年底|年内)")
_EFFECTIVE = re.compile(r"自(?:(?P<year>20\d\d)\s*年\s*(?P<month>1[0-2]|0?[1-9])\s*月\s*(?P<day>[0-3]?\d)\s*日|"
                        r"(?P<issued>印发|发布|公布)之日)起(?:施行|实施|执行|生效)")
_PERIODS = {"年": "每年", "半年": "每半年", "季度": "每季度", "季": "每季度", "月": "每月", "旬": "每旬", "周": "每周"}
# A recurring limit is an action on a schedule (每季度向…报送), not a yearly quantity (每年新增3000家).
_RECURRING = re.compile(r"每(?P<period>半年|季度|季|年|月|旬|周)(?P<rest>[^，。；;]{0,16})")
_WHEN = re.compile(r"^\s*\d[0-9月日号底前末\-—至和、\s]*(?:[日号底末前])")
_ACTION = re.compile(r"^.{0,8}?(?:向|报送|上报|报告|通报|召开|组织|检查|督查|考核|公布|公告|提交|汇总|调度|对)")
_SENTENCE = re.compile(r"[^。；;！!？?\n]*")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, written: date) -> int:
    return written.year + 1 if month < written.month - 1 else written.year


def _context(text: str, start: int, end: int, limit: int = 80) -> str:
    """The sentence the limit stands in, cut around it when long."""
    left = max(text.rfind(mark, 0, start) for mark in "。；;！？\n") + 1
    right = min([i for i in (text.find(mark, end) for mark in "。；;！？\n") if i >= 0] or [len(text)])
    sentence = text[left:right].strip()
    if len(sentence) <= limit:
        return sentence
    offset = max(0, min(start - left - limit // 3, len(sentence) - limit))
    cut = sentence[offset: offset + limit]
    return ("…" if offset else "") + cut + ("…" if offset + limit < len(sentence) else "")


def find(text: str, written: date, published: date | None = None, anchor: str = "") -> list[Deadline]:
    """Every limit in one clause's text, in order of appearance. `written` is the notice's 成文日期."""
    found: list[tuple[int, Deadline]] = []
    taken: list[range] = []

    def add(match: re.Match, kind: str, due: date | None, precision: str, period: str = "", end: int = 0) -> None:
        span = range(match.start(), end or match.end())
        if any(span.start < other.stop and other.start < span.stop for other in taken):
            return
        taken.append(span)
        deadline = Deadline(kind, text[span.start:span.stop].strip(), anchor,
                            _context(text, span.start, span.stop), due, precision, period)
        found.append((span.start, deadline))

    has_month, has_year = "月" in text, "年" in text
    for match in _EFFECTIVE.finditer(text) if "起" in text else ():
        if match["issued"]:
            add(match, EFFECTIVE, published or written, "day")
        elif (due := _date(int(match["year"]), int(match["month"]), int(match["day"]))) is not None:
            add(match, EFFECTIVE, due, "day")
    for match in _RECURRING.finditer(text) if "每" in text else ():
        when = _WHEN.match(match["rest"])
        if when or _ACTION.match(match["rest"]):
            end = match.start("rest") + (when.end() if when else 0)
            add(match, RECURRING, None, "", _PERIODS[match["period"]], end)
    for match in _DAY.finditer(text) if has_month else ():
        month = int(match["month"])
        year = int(match["year"]) if match["year"] else _year_for(month, written)
        if (due := _date(year, month, int(match["day"]))) is not None:
            add(match, BY, due, "day")
    for match in _PART_OF_MONTH.finditer(text) if "旬" in text else ():
        month = int(match["month"])
        year = int(match["year"]) if match["year"] else _year_for(month, written)
        end = _month_end(year, month)
        add(match, BY, {"上旬": end.replace(day=10), "中旬": end.replace(day=20)}.get(match["part"], end), "month")
    for match in _MONTH_END.finditer(text) if has_month else ():
        month = int(match["month"])
        year = int(match["year"]) if match["year"] else _year_for(month, written)
        add(match, BY, _month_end(year, month), "month")
    for match in _YEAR_END.finditer(text) if has_year else ():
        add(match, BY, date(int(match["year"]), 12, 31), "year")
    for match in _THIS_YEAR.finditer(text) if has_year else ():
        add(match, BY, date(written.year, 12, 31), "year")
    return [deadline for _, deadline in sorted(found, key=lambda item: item[0])]


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def notice_deadlines(body: RenderedBody, written: date, published: date | None = None) -> list[Deadline]:
    """The limits of a whole notice: its preamble and every clause's own text (tables included)."""
    units: list[tuple[Clause | None, str]] = [(None, body.preamble)]
    units.extend((clause, clause.text) for clause in body.clauses)
    found: list[Deadline] = []
    for clause, text in units:
        if text and ("年" in text or "月" in text or "每" in text or "起" in text):
            found.extend(find(text, written, published, clause.anchor if clause else ""))
    return found
