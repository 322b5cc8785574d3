"""Clause numbering of Chinese official documents (一、/（一）/1./（1）/第X章/第X条/附件) and permanent anchors.

Anchors depend only on the numbering, never on wording: 二（四）→ `s2-4`, 第十二条 → `a12`, 第一章 → `c1`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一二两三四五六七八九十百千"


def cn_to_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 两 → 2; a number in digits as it is (12 → 12)."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
    return total + digit


# Kinds in order of rank: a smaller rank encloses a larger one.
CHAPTER, ARTICLE, ATTACHMENT, L1, L2, L3, L4 = "chapter", "article", "attachment", "l1", "l2", "l3", "l4"
_RANK = {CHAPTER: 0, ARTICLE: 1, ATTACHMENT: 2, L1: 2, L2: 3, L3: 4, L4: 5}

_PATTERNS = [
    (CHAPTER, re.compile(rf"^第([{_CN}]+)章\s*(.*)", re.S)),
    (ARTICLE, re.compile(rf"^第([{_CN}]+)条\s*(.*)", re.S)),
    (L1, re.compile(rf"^([{_CN}]+)、\s*(.*)", re.S)),
    (L2, re.compile(rf"^[（(]([{_CN}]+)[）)]\s*(.*)", re.S)),
    (L3, re.compile(r"^(\d{1,3})(?:[.．](?!\d)|、)\s*(.*)", re.S)),
    (L4, re.compile(r"^[（(](\d{1,3})[）)]\s*(.*)", re.S)),
    (ATTACHMENT, re.compile(r"^(附\s*件)\s*(?:[:：]\s*(.*)|(\d{0,2})\s*$)", re.S)),
]


@dataclass(frozen=True)
class ClauseMatch:
    kind: str
    value: int  # the number as an integer (0 for an attachment list)
    number: str  # as printed: "（四）"
    title: str  # the rest of the line

    @property
    def own_label(self) -> str:
        if self.kind == L1:
            return self.number.rstrip("、")
        if self.kind == L3:
            return f"{self.value}."
        if self.kind == L2:
            return f"（{self.number.strip('（()）')}）"
        if self.kind == L4:
            return f"（{self.value}）"
        return self.number


def match(text: str) -> ClauseMatch | None:
    """The clause number at the start of a heading or paragraph, if there is one."""
    text = text.lstrip()
    if not text:
        return None
    first = text[0]
    if first not in "第（(附0123456789" and first not in _CN:
        return None
    for kind, pattern in _PATTERNS:
        found = pattern.match(text)
        if found is None:
            continue
        if kind == ATTACHMENT:
            return ClauseMatch(kind, 0, "附件", (found[2] or "").strip())
        raw = found[1]
        value = int(raw) if raw.isdigit() else cn_to_int(raw)
        if value == 0:
            return None
        number = text[: found.start(2)].rstrip()
        return ClauseMatch(kind, value, number, found[2].strip())
    return None


def short_title(text: str, limit: int = 24) -> str:
    """A run-in clause's title for the outline: its first sentence, shortened."""
    cut = re.split(r"[。；;：:]", text, maxsplit=1)[0]
    return cut if len(cut) <= limit else cut[: limit - 1] + "…"


@dataclass
class _Open:
    kind: str
    anchor: str
    label: str


@dataclass
class Numbering:
    """Tracks the enclosing clauses while a body is read top to bottom, and hands out anchors."""

    stack: list[_Open] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    last_suffix: dict[str, int] = field(default_factory=dict)  # anchor → last n of anchor_n handed out

    @property
    def depth(self) -> int:
        return len(self.stack)

    @property
    def parent_anchor(self) -> str:
        return self.stack[-2].anchor if len(self.stack) > 1 else ""

    def place(self, found: ClauseMatch) -> tuple[str, str]:
        rank = _RANK[found.kind]
        while self.stack and _RANK[self.stack[-1].kind] >= rank:
            self.stack.pop()
        if found.kind == CHAPTER:
            self.stack.clear()
            anchor, label = f"c{found.value}", found.number
        elif found.kind == ARTICLE:  # articles are numbered through the whole document
            self.stack = [o for o in self.stack if o.kind == CHAPTER]
            anchor, label = f"a{found.value}", found.number
        elif found.kind == ATTACHMENT:
            self.stack.clear()
            anchor, label = "attachments", "附件"
        else:
            parent = self.stack[-1] if self.stack and self.stack[-1].kind != CHAPTER else None
            if parent is None:
                anchor, label = f"s{found.value}", found.own_label
            else:
                anchor, label = f"{parent.anchor}-{found.value}", parent.label + found.own_label
        anchor = self._unique(anchor)
        self.stack.append(_Open(found.kind, anchor, label))
        return anchor, label

    def _unique(self, anchor: str) -> str:
        # A numbering that restarts (a second list, an attachment's own 一、) keeps its first anchor free.
        # Counting on from the last suffix keeps a body of 20,000 "（一）" paragraphs linear, not quadratic.
        n = self.last_suffix.get(anchor, 1)
        candidate = anchor if n == 1 else f"{anchor}_{n}"
        while candidate in self.used:
            n += 1
            candidate = f"{anchor}_{n}"
        self.last_suffix[anchor] = n
        self.used.add(candidate)
        return candidate
