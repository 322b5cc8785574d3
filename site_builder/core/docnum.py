"""发文字号 (document numbers): parse the forms found in gazettes, normalise, and derive ASCII slugs.

Two kinds. A 文号 proper is prefix〔year〕number号 (郑政〔2016〕24号). A decree's number (令号) names the decree
series and a number, sometimes within a year: 国令第707号, 上海市人民政府令第19号, 河北省人民政府令〔2010〕第15号.
A decree series is written with its issuer in full, as gov.cn and the issuers' own notes cite it: the State
Council's 国务院令 / 中华人民共和国国务院令 is 国令, and 新疆维吾尔自治区政府令 is 新疆维吾尔自治区人民政府令.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

# Year brackets as they appear in extracted text: 〔〕 (official), [] and () from OCR or typing, 【】, （） and ﹝﹞.
OPEN_BRACKETS = "〔[(（【［﹝"
CLOSE_BRACKETS = "〕])）】］﹞"

_CJK = "\u4e00-\u9fff"
DOC_NUMBER_RE = re.compile(
    rf"^\s*(?P<prefix>[{_CJK}]{{1,12}})\s*[{re.escape(OPEN_BRACKETS)}]\s*(?P<year>\d{{4}})\s*"
    rf"[{re.escape(CLOSE_BRACKETS)}]\s*(?P<number>\d{{1,5}})\s*号\s*$"
)
# A decree's number: series (ending in 令), an optional bracketed year, 第N号, perhaps in brackets: 国令第707号,
# 上海市人民政府令（第19号）, 河北省人民政府令〔2010〕第15号, 商务部令2019年第1号 (written 商务部令〔2019〕第1号).
DECREE_RE = re.compile(
    rf"^\s*(?P<prefix>[{_CJK}]{{1,30}}?令)\s*(?:[{re.escape(OPEN_BRACKETS)}]\s*(?P<year>\d{{4}})\s*"
    rf"[{re.escape(CLOSE_BRACKETS)}]|(?P<year2>\d{{4}})\s*年)?\s*(?P<open>[（(])?\s*第\s*(?P<number>\d{{1,5}})\s*号\s*"
    rf"(?(open)[）)])\s*$"
)
_STATE_COUNCIL = ("中华人民共和国国务院令", "国务院令", "国令")
# A place's government: 新疆维吾尔自治区政府令 is the 人民政府令 of that region (not 市政府令 alone: whose?).
_PLACE_GOVERNMENT_RE = re.compile(rf"^(?P<place>[{_CJK}]{{1,20}}(?:省|市|自治区|自治州|州|县|区|盟|旗))政府令$")


@dataclass(frozen=True, order=True)
class DocNumber:
    prefix: str  # 郑政办文; for a decree its series: 国令, 上海市人民政府令
    year: int  # 0: a decree numbered without a year
    number: int
    decree: bool = False

    def __str__(self) -> str:
        if not self.decree:
            return f"{self.prefix}〔{self.year}〕{self.number}号"
        return f"{self.prefix}〔{self.year}〕第{self.number}号" if self.year else f"{self.prefix}第{self.number}号"

    @cached_property
    def slug(self) -> str:
        """Stable ASCII key: pinyin of the prefix, year, number (郑政办文〔2016〕64号 → zhengzhengbanwen-2016-64,
        国令第707号 → guoling-707)."""
        if self.decree and not self.year:
            return f"{prefix_slug(self.prefix)}-{self.number}"
        return f"{prefix_slug(self.prefix)}-{self.year}-{self.number}"


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a whole string that should be exactly one 文号 or decree number, tolerating spaces and brackets."""
    match = DOC_NUMBER_RE.match(text)
    if match:
        return DocNumber(match["prefix"], int(match["year"]), int(match["number"]))
    match = DECREE_RE.match(text)
    if match:
        return decree_number(match["prefix"], int(match["year"] or match["year2"] or 0), int(match["number"]))
    return None


def decree_number(series: str, year: int, number: int) -> DocNumber:
    """A decree's number with its series written as cited: 国务院令 → 国令, 新疆维吾尔自治区政府令 → …人民政府令."""
    series = re.sub(r"\s+", "", series)
    if series not in _STATE_COUNCIL:
        series = series.removeprefix("中华人民共和国")  # 中华人民共和国商务部令 is cited 商务部令
    if series in _STATE_COUNCIL:
        series = "国令"
    else:
        place = _PLACE_GOVERNMENT_RE.match(series)
        if place and not place["place"].endswith("人民"):
            series = f"{place['place']}人民政府令"
    return DocNumber(series, year, number, decree=True)


def normalise_doc_number(text: str) -> str | None:
    parsed = parse_doc_number(text)
    return str(parsed) if parsed else None


# Readings fixed here so that a pypinyin upgrade can never move a published URL.
_PINYIN = {
    "郑": "zheng", "政": "zheng", "办": "ban", "文": "wen", "明": "ming", "电": "dian", "国": "guo",
    "发": "fa", "中": "zhong", "豫": "yu", "改": "gai", "环": "huan", "资": "zi", "商": "shang",
    "服": "fu", "贸": "mao", "信": "xin", "用": "yong", "函": "han", "财": "cai", "教": "jiao",
    "人": "ren", "社": "she", "令": "ling", "字": "zi", "厅": "ting", "委": "wei", "市": "shi",
    "府": "fu", "院": "yuan", "通": "tong", "知": "zhi", "工": "gong", "农": "nong", "林": "lin",
    "水": "shui", "建": "jian", "交": "jiao", "卫": "wei", "计": "ji", "公": "gong", "安": "an",
    "民": "min", "规": "gui", "土": "tu", "税": "shui", "质": "zhi", "监": "jian", "督": "du",
}


@lru_cache(maxsize=4096)
def prefix_slug(prefix: str) -> str:
    parts = []
    for char in prefix:
        reading = _PINYIN.get(char)
        if reading is None:
            reading = _pypinyin(char)
        parts.append(reading)
    slug = "".join(parts)
    return re.sub(r"[^a-z0-9]", "", slug.lower()) or "doc"


def _pypinyin(char: str) -> str:
    if not ("\u4e00" <= char <= "\u9fff"):
        return char if char.isascii() and char.isalnum() else ""
    from pypinyin import lazy_pinyin  # imported lazily: loading its dictionaries costs ~0.3 s

    return lazy_pinyin(char)[0]
