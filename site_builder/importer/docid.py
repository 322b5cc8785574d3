"""发文字号 in every form a document prints: 国办发〔2016〕12号 (any bracket), 国令第707号, 上海市人民政府令第19号.

Pure. A 文号 the build reads (prefix〔year〕number号) keeps docnum's canonical form and slug, so that the
Zhengzhou gazette's files keep their names; a decree number is written as printed, without spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.core.docnum import CLOSE_BRACKETS, OPEN_BRACKETS, parse_doc_number, prefix_slug

from .classify import CJK, SPACES

_S = f"[{SPACES}]*"
_OPEN, _CLOSE = re.escape(OPEN_BRACKETS + "［"), re.escape(CLOSE_BRACKETS + "］")
NUMBER = (rf"[{CJK}]{{1,14}}{_S}[{_OPEN}]{_S}\d{{4}}{_S}[{_CLOSE}]{_S}(?:第{_S})?\d{{1,5}}{_S}号")
_NUMBER_RE = re.compile(rf"(?P<prefix>[{CJK}]{{1,14}}){_S}[{_OPEN}]{_S}(?P<year>\d{{4}}){_S}[{_CLOSE}]{_S}"
                        rf"(?P<di>第)?{_S}(?P<number>\d{{1,5}}){_S}号")
# A 文号 alone on its line, perhaps in brackets: （皖政办秘〔2021〕82号）, ( 吉府发〔2003〕37号 ).
NUMBER_LINE_RE = re.compile(rf"^{_S}[（(]?{_S}(?P<number>{NUMBER}){_S}[）)]?{_S}$")
# The header of a decree and its number: 中华人民共和国国务院令 / 第707号, 上海市人民政府令（第19号）.
DECREE_HEAD_RE = re.compile(rf"^{_S}(?P<issuer>[{CJK}]{{2,30}}?)令{_S}$")
DECREE_NUMBER_RE = re.compile(rf"^{_S}[（(]?{_S}(?:(?P<year>\d{{4}}){_S}年{_S})?第{_S}(?P<number>\d{{1,5}}){_S}号"
                              rf"{_S}[）)]?{_S}$")
DECREE_LINE_RE = re.compile(rf"^{_S}(?P<issuer>[{CJK}]{{2,30}}?)令{_S}[（(]?{_S}(?:(?P<year>\d{{4}}){_S}年{_S})?"
                            rf"第{_S}(?P<number>\d{{1,5}}){_S}号{_S}[）)]?{_S}$")


@dataclass(frozen=True)
class DocId:
    text: str  # as written in front matter: 国办发〔2016〕12号, 国令第707号
    slug: str  # the notice's file name: guobanfa-2016-12, guoling-707


def parse_number(text: str) -> DocId | None:
    """A bracketed 文号 (the whole string, spaces and bracket variants tolerated)."""
    found = _NUMBER_RE.fullmatch(re.sub(f"^[{SPACES}]+|[{SPACES}]+$", "", text))
    if not found:
        return None
    standard = parse_doc_number(f"{found['prefix']}〔{found['year']}〕{found['number']}号")
    if standard is not None and not found["di"]:
        return DocId(str(standard), standard.slug)
    written = f"{found['prefix']}〔{found['year']}〕第{int(found['number'])}号"
    return DocId(written, f"{prefix_slug(found['prefix'])}-{found['year']}-{int(found['number'])}")


def decree_number(issuer: str, year: str | None, number: str) -> DocId:
    """国令第707号 for the State Council's decrees, as it is cited; otherwise the header as printed."""
    issuer = re.sub(f"[{SPACES}]", "", issuer)
    prefix = "国令" if issuer == "中华人民共和国国务院" else issuer.removeprefix("中华人民共和国") + "令"
    year_text = f"{year}年" if year else ""
    slug = "-".join(part for part in (prefix_slug(prefix), year, str(int(number))) if part)
    return DocId(f"{prefix}{year_text}第{int(number)}号", slug)


def decree_issuer(header: str) -> str:
    """The 发文机关 a decree header names: 中华人民共和国国务院令 → 国务院, 上海市人民政府令 → 上海市人民政府."""
    issuer = re.sub(f"[{SPACES}]", "", header).removesuffix("令")
    return "国务院" if issuer == "中华人民共和国国务院" else issuer
