"""发文字号 in every form a document prints: 国办发〔2016〕12号 (any bracket), 国令第707号, 上海市人民政府令第19号.

Pure. A 文号 keeps docnum's canonical form and slug, so that the Zhengzhou gazette's files keep their names. A
decree's number is docnum's too (国令第707号, 上海市人民政府令第19号); one printed without its issuer
(政府令〔2010〕第15号) is completed with the issuer by `with_issuer`, as a citation of it must name whose it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.core.docnum import CLOSE_BRACKETS, OPEN_BRACKETS, DocNumber, decree_number as core_decree, \
    parse_doc_number

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
    year, number = int(found["year"]), int(found["number"])
    if found["prefix"].endswith("令"):  # 政府令〔2010〕第15号, 沈政令〔1997〕29号: a decree series numbered by year
        return _of(core_decree(found["prefix"], year, number) if found["di"] else DocNumber(found["prefix"], year, number))
    standard = parse_doc_number(f"{found['prefix']}〔{year}〕{number}号")
    if standard is not None and not found["di"]:
        return _of(standard)
    return _of(DocNumber(found["prefix"], year, number, decree=True))  # 〔year〕第N号 as printed


def _of(doc: DocNumber) -> DocId:
    return DocId(str(doc), doc.slug)


def decree_number(issuer: str, year: str | None, number: str) -> DocId:
    """国令第707号 for the State Council's decrees, as it is cited; otherwise the series as printed."""
    issuer = re.sub(f"[{SPACES}]", "", issuer)
    return _of(core_decree(issuer + "令", int(year or 0), int(number)))


# A decree series that does not say whose it is: 政府令, 人民政府令, 令.
_BARE_SERIES = ("令", "政府令", "人民政府令")


def with_issuer(docid: DocId, issuer: str) -> DocId:
    """政府令〔2010〕第15号 of 河北省人民政府 → 河北省人民政府令〔2010〕第15号; any other number unchanged."""
    doc = parse_doc_number(docid.text)
    if doc is None or not doc.decree or doc.prefix not in _BARE_SERIES or not issuer.endswith("政府") \
            or not re.fullmatch(f"[{CJK}]+", issuer):
        return docid
    return _of(core_decree(issuer + "令", doc.year, doc.number))


def decree_issuer(header: str) -> str:
    """The 发文机关 a decree header names, as gov.cn's 发文机关 field writes it: 中华人民共和国国务院令 → 国务院,
    中华人民共和国交通部令 → 交通部, 上海市人民政府令 → 上海市人民政府."""
    return re.sub(f"[{SPACES}]", "", header).removesuffix("令").removeprefix("中华人民共和国")
