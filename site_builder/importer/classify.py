"""What a line of gazette text is: clause numbers, labels, titles, table rows. Pure predicates on strings."""

from __future__ import annotations

import re
from dataclasses import dataclass

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width and CJK punctuation: a space next to one of these is never wanted in Chinese text.
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014\u2015\u00b7\u2022\u2192"
SPACES = " \t\u3000\u00a0"

CN_NUM = "一二三四五六七八九十百零〇两"
SENTENCE_END = "。！？；;!?"
TERMINAL = SENTENCE_END + "：:…"
# A line ending in one of these was cut off: the sentence goes on in the next line.
CONTINUES = "、，,（(“‘《〈〔[【［—"
# A line starting with one of these cannot start a paragraph: it finishes the previous one.
FINISHES = "，。、；：）)”’》〉〕]】］,;:%？！?!"

PAIRS = (("（(", "）)"), ("“", "”"), ("《", "》"), ("〔", "〕"), ("[［", "]］"))


def is_cjk_like(char: str) -> bool:
    """A CJK ideograph or CJK/full-width punctuation."""
    return bool(re.match(f"[{CJK}{CJK_PUNCT}]", char))


@dataclass(frozen=True)
class Marker:
    """A clause number at the start of a line."""

    kind: str  # cn_dun 一、 | cn_paren （一） | ar_dot 1. | ar_paren （1） | chapter | article | cn_shi 一是
    value: int
    end: int  # where the text after the number (and the spaces after it) begins
    canonical: str  # how the content format writes the number


_MARKERS = [
    ("chapter", re.compile(rf"^第([{CN_NUM}]+)章[{SPACES}]*")),
    ("article", re.compile(rf"^第([{CN_NUM}]+)条[{SPACES}]*")),
    ("cn_dun", re.compile(rf"^([{CN_NUM}]+)、[{SPACES}]*")),
    ("cn_paren", re.compile(rf"^[（(][{SPACES}]*([{CN_NUM}]+)[{SPACES}]*[）)][{SPACES}]*")),
    ("ar_dot", re.compile(rf"^(\d{{1,3}})(?:[.．](?!\d)|、)[{SPACES}]*")),
    ("ar_paren", re.compile(rf"^[（(][{SPACES}]*(\d{{1,3}})[{SPACES}]*[）)][{SPACES}]*")),
    ("cn_shi", re.compile(rf"^([{CN_NUM}]+)是")),
]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_to_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105."""
    total, digit = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (digit or 1) * (100 if char == "百" else 10)
            digit = 0
    return total + digit


def marker(text: str) -> Marker | None:
    for kind, pattern in _MARKERS:
        found = pattern.match(text)
        if not found:
            continue
        raw = found[1]
        value = int(raw) if raw.isdigit() else cn_to_int(raw)
        if value == 0:
            return None
        if kind == "ar_dot" and found.end() < len(text) and text[found.end()] in "年月日%万亿元个家":
            return None  # 2016、年 is not a clause; neither is a bare number
        canonical = {
            "chapter": f"第{raw}章", "article": f"第{raw}条", "cn_dun": f"{raw}、", "cn_paren": f"（{raw}）",
            "ar_dot": f"{value}.", "ar_paren": f"（{value}）", "cn_shi": f"{raw}是",
        }[kind]
        end = found.end() if kind != "cn_shi" else 0
        return Marker(kind, value, end, canonical if kind != "cn_shi" else "")
    return None


HEADING_KINDS = ("cn_dun", "cn_paren", "ar_dot", "ar_paren")  # in rank order

LABEL_RE = re.compile(r"^(?:责任单位|牵头单位|配合单位|牵头部门|责任部门|配合部门|协办单位)\s*[：:]")
ATTACHMENT_RE = re.compile(rf"^附[{SPACES}]*件")
ATTACHMENT_LIST_RE = re.compile(rf"^附[{SPACES}]*件[{SPACES}]*[：:]")
ISSUER = r"[\u4e00-\u9fff]{1,8}(?:市|省|县|区|州)人民政府(?:办公厅|办公室)?"
ISSUER_ONLY_RE = re.compile(rf"^{ISSUER}$")
# Words a document title ends with; a line ending so, with no punctuation, is a title and complete.
TITLE_END_RE = re.compile(r"(?:方案|办法|规定|细则|计划|意见|通知|决定|名单|分工|分解|任务|表|纲要|制度|标准|目录|清单|规划|"
                          r"要点|报告|规则|章程|条例)$")


def strip_spaces(text: str) -> str:
    return re.sub(f"[{SPACES}]+", "", text)


def is_title_like(text: str) -> bool:
    """A short line without punctuation that ends like a document title (郑州市市长质量奖管理办法)."""
    bare = strip_spaces(text)
    return 0 < len(bare) <= 40 and not re.search(r"[。，；：,;:！？!?]", bare) and bool(TITLE_END_RE.search(bare))


def is_tab_row(text: str) -> bool:
    """A tab-separated table row: at least two non-empty cells."""
    return "\t" in text and sum(1 for cell in text.split("\t") if cell.strip()) >= 2


def is_pipe_row(text: str) -> bool:
    return text.strip().startswith("|")


def is_block_start(text: str) -> bool:
    """A line that begins something new and so never continues the line before it."""
    text = text.strip()
    if not text:
        return False
    return bool(marker(text) or LABEL_RE.match(text) or ATTACHMENT_RE.match(text) or ISSUER_ONLY_RE.match(text)
                or is_tab_row(text) or is_pipe_row(text))


def unbalanced(text: str) -> bool:
    """More brackets or quotation marks opened than closed."""
    return any(sum(text.count(c) for c in opens) > sum(text.count(c) for c in closes) for opens, closes in PAIRS)
