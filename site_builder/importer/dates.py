"""成文日期 as printed: Arabic or full-width digits, or Chinese numerals (二〇〇四年四月二十七日), spaces anywhere.

Pure. Chinese numerals are read by a 20-line function rather than a library (cn2an and the like): dates need
only digit-by-digit years and 十-based months and days, and a library would have to be told to accept the
letter O and the circle ○ that typesetters print for 〇 (二OO六年, 二○○三年), which is most of the work.
"""

from __future__ import annotations

import datetime
import re

from .classify import SPACES

_ZEROS = "〇○零OoＯ0０"
_DIGITS = {**{char: 0 for char in _ZEROS}, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9, **{str(n): n for n in range(10)}, **{chr(0xFF10 + n): n for n in range(10)}}
_YEAR = f"[0-9０-９{_ZEROS}一二三四五六七八九]{{4}}"
_SMALL = f"[0-9０-９]{{1,2}}|[一二三四五六七八九十{_ZEROS}]{{1,3}}"
_S = f"[{SPACES}]*"
DATE = rf"(?P<year>{_YEAR}){_S}年{_S}(?P<month>{_SMALL}){_S}月{_S}(?P<day>{_SMALL}){_S}日"
DATE_RE = re.compile(DATE)
# A line that is only a date, perhaps in brackets: the 成文日期 under a signature or under a title.
_DATE_LINE_RE = re.compile(rf"^{_S}[（(]?{_S}{DATE}{_S}[）)]?{_S}$")


def _small(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31, 09 → 9."""
    if "十" not in text:
        return int("".join(str(_DIGITS[char]) for char in text))
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def to_date(found: re.Match[str]) -> datetime.date | None:
    """The date a DATE match names, or None when it names none (2016年13月40日, 二十十日)."""
    try:
        year = int("".join(str(_DIGITS[char]) for char in found["year"]))
        return datetime.date(year, _small(found["month"]), _small(found["day"]))
    except (KeyError, ValueError):
        return None


def parse_date(text: str) -> datetime.date | None:
    """The date in a string that is exactly one date (spaces and brackets aside)."""
    found = _DATE_LINE_RE.match(text)
    return to_date(found) if found else None


# A date whose 年, 月 and 日 a page lost (they were images or an odd font): 2017919, 20151214, { 2017 6 23.
_BARE_RE = re.compile(rf"^[{SPACES}（(｛{{]*(?P<year>(?:19|20)\d\d)(?P<rest>(?:{_S}\d){{2,4}}){_S}[）)｝}}]?{_S}$")


def bare_date_readings(text: str) -> list[datetime.date]:
    """Every date digits printed without 年月日 can be: [2017-09-19] for 2017919, two for 2022128 (1-28, 12-8)."""
    found = _BARE_RE.match(text)
    if not found:
        return []
    groups = [group for group in re.split(f"[{SPACES}]+", found["rest"].strip()) if group]
    if len(groups) == 2:  # printed with spaces between: 2017 6 23
        splits = [(groups[0], groups[1])]
    else:
        digits = "".join(groups)
        splits = [(digits[:cut], digits[cut:]) for cut in (1, 2) if 1 <= len(digits) - cut <= 2]
    readings = []
    for month, day in splits:
        try:
            readings.append(datetime.date(int(found["year"]), int(month), int(day)))
        except ValueError:
            continue
    return readings


def is_date_line(text: str) -> bool:
    """A line that is only a date, possible or not: a date line ends a document's text even when misprinted."""
    return bool(_DATE_LINE_RE.match(text))
