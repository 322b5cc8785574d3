"""发文字号 (document numbers): parse the forms found in gazettes, normalise, and derive ASCII slugs."""

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


@dataclass(frozen=True, order=True)
class DocNumber:
    prefix: str
    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.number}号"

    @cached_property
    def slug(self) -> str:
        """Stable ASCII key: pinyin of the prefix, year, number (郑政办文〔2016〕64号 → zhengzhengbanwen-2016-64)."""
        return f"{prefix_slug(self.prefix)}-{self.year}-{self.number}"


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a whole string that should be exactly one 文号, tolerating spaces and bracket variants."""
    match = DOC_NUMBER_RE.match(text)
    if not match:
        return None
    return DocNumber(match["prefix"], int(match["year"]), int(match["number"]))


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
