"""The life of a document as plain data: its dates (施行日期, 有效期至, 废止日期), what it does to other documents
(effects), and the 政策解读 about it. Part of the model (core/model.py imports these); relations are keys."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Dated:
    """A date in a document's life (施行日期, 有效期至, 废止日期), and where it comes from."""

    value: date
    anchor: str = ""  # the clause of the notice that states it ("" for the text before the first clause)
    label: str = ""  # that clause's label: "第二十二条"
    text: str = ""  # as printed: "自2016年9月1日起施行"; "" when the front matter states it
    stated: bool = False  # the front matter states it: no clause to link

    def __post_init__(self) -> None:
        _intern(self, "anchor", "label")


@dataclass(frozen=True)
class Effect:
    """What a notice's text does to another document (an "effect"): 修改, 废止 or 替代 it, from one of its clauses."""

    kind: str  # 修改, 废止 or 替代 (vocabulary.EFFECT_KINDS)
    target: str  # the document's 文号, normalised: "郑政〔2010〕5号"; "" when the text names it by title only
    title: str  # the title the text gives it, without 《》 ("" when none)
    clauses: tuple[str, ...]  # the target's clauses it touches, as written: ("第三条",); () for the whole of it
    anchors: tuple[str, ...]  # those clauses' anchors in the target: ("a3",)
    anchor: str  # the clause of this notice that does it ("" before the first clause)
    label: str
    line: int  # for diagnostics
    date: date  # from when: the date the sentence states, else this notice's 施行日期, else its 发布日期
    partial: bool = False  # 废止 of a part only (第三条废止, 中关于…的规定停止执行): the rest stays in force
    text: str = ""  # the sentence that does it, shortened

    def __post_init__(self) -> None:
        _intern(self, "kind", "target", "anchor", "label")

    @property
    def ends_force(self) -> bool:
        """A whole document repealed, not a part of it amended."""
        return self.kind == "废止" and not self.partial


@dataclass(frozen=True)
class Lifetime:
    """施行日期, 有效期 and 废止日期 of a notice (front matter, else its own text), and what it does to others."""

    effective: Dated | None = None
    expires: Dated | None = None  # the last day in force
    repealed: Dated | None = None  # only ever stated in the front matter
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Interpretation:
    """A 政策解读: content/interpretations/*.md, front matter plus Markdown, about one or more notices."""

    path: str  # root-relative POSIX path
    slug: str  # from the file name: "jiedu-zhengzheng-2016-24"
    title: str
    date: date  # 发布日期
    interprets: tuple[str, ...]  # 文号, normalised, in the order written
    kind: str = "文字解读"  # vocabulary.INTERPRETATION_KINDS
    issuer: str = ""  # 解读机关
    body: str = ""
    body_line: int = 1
    digest: str = ""
    key_lines: tuple[tuple[str, int], ...] = ()
    interprets_lines: tuple[int, ...] = ()  # the line of each 文号 in the front matter, for diagnostics
    images: tuple[tuple[str, str], ...] = ()  # (src as written, site path) of each local image of the body

    @property
    def url(self) -> str:
        return f"interpretations/{self.slug}.html"

    def line_of(self, key: str) -> int:
        return dict(self.key_lines).get(key, 1)


def _intern(item, *names: str) -> None:
    """One string object per recurring word (see model._intern)."""
    for name in names:
        object.__setattr__(item, name, sys.intern(getattr(item, name)))
