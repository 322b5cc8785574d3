"""Plain data shared by the importer's phases: source lines, text that remembers its source lines, repairs, blocks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from site_builder.core.docnum import DocNumber


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the gazette
    text: str


@dataclass(frozen=True)
class Repair:
    """One change an editor should review: where in the gazette, what it was, what it became."""

    line: int
    kind: str
    before: str
    after: str


@dataclass(frozen=True)
class Span:
    """Text that remembers, character by character, the gazette line it came from."""

    text: str
    lines: tuple[int, ...]

    @classmethod
    def of(cls, line: Line) -> Span:
        return cls(line.text, (line.no,) * len(line.text))

    def line_at(self, index: int) -> int:
        if not self.lines:
            return 0
        return self.lines[min(max(index, 0), len(self.lines) - 1)]

    def __add__(self, other: Span) -> Span:
        return Span(self.text + other.text, self.lines + other.lines)

    def slice(self, start: int, end: int | None = None) -> Span:
        return Span(self.text[start:end], self.lines[start:end])

    def strip(self) -> Span:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))


@dataclass(frozen=True)
class Head:
    """A notice's head: 发文机关, 标题, 发文字号, 成文日期, 主送机关, and where its body starts."""

    line: int
    issuer: str
    title: str
    doc_number: DocNumber
    date: datetime.date
    addressees: str | None
    body_start: int  # index into the gazette's lines
    repairs: tuple[Repair, ...] = ()


@dataclass(frozen=True)
class Attachment:
    title: str
    omitted: bool


# Body blocks, in reading order. Text in blocks is final (repaired) text, not yet Markdown-escaped.


@dataclass(frozen=True)
class Heading:
    kind: str  # a clause kind from classify: cn_dun, cn_paren, ar_dot, ar_paren, chapter
    number: str  # canonical marker: 一、 （一） 1. （1） 第一章
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...] | None  # None: the table has no header row in print
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Personnel:
    """A leading group's member list: (role in the group, name, post) rows; an empty role means 'as above'."""

    rows: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class AttachmentList:
    lines: tuple[str, ...]  # as printed, one item a line
    items: tuple[Attachment, ...]


Block = Heading | Paragraph | Table | Personnel | AttachmentList


@dataclass(frozen=True)
class Meta:
    """A document's front matter as the importer found it; `review` says what a person must check and why."""

    line: int  # where the document starts in the source
    doc_number: str  # 国办发〔2016〕12号, 国令第707号; "" when none was found
    slug: str  # file name without .md
    issuer: str  # 国务院办公厅; joint issuers separated by 、 (国务院办公厅、中央军委办公厅)
    title: str  # without the issuer's name it starts with
    date: datetime.date | None
    addressees: str | None
    review: tuple[str, ...] = ()
    layout: str = ""  # gazette | decree | standard | number | titled | none


@dataclass(frozen=True)
class Removed:
    """A line the importer left out of every notice: a page's header, a table of contents, a repeated title."""

    line: int
    kind: str  # front | page | repeat | head
    text: str
