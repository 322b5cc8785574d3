"""Plain data shared by every phase. Relations are stored as keys (slugs, 文号 strings), never as object pointers."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import date

from site_builder.core.diagnostics import Diagnostic
from site_builder.core.docnum import DocNumber
from site_builder.core.life import Dated, Effect, Interpretation, Lifetime  # noqa: F401 (part of the model)
from site_builder.core.vocabulary import CITE


@dataclass(frozen=True)
class Attachment:
    """An attachment (附件) as the front matter lists it, and, when it names a file, what the build found in it."""

    title: str
    omitted: bool = False  # the gazette printed it as （略）
    file: str = ""  # its file, relative to content/: "attachments/xiangmu.docx" ("" when only its title is known)
    line: int = 0  # the item's line in the notice file, for diagnostics
    # Filled in by the attachment step (publish/attachments.py), from the file itself:
    kind: str = ""  # its extension as published, lower case: "docx"
    size: int = 0  # bytes
    digest: str = ""  # sha256 of the bytes
    text: str = ""  # cache key of its text when it has text to read and search ("" when none)

    @property
    def facts(self) -> tuple:
        """What pages show of it (its line is only for diagnostics)."""
        return self.title, self.omitted, self.file, self.kind, self.size, self.digest, self.text


@dataclass(frozen=True)
class AttachmentText:
    """The text a maintained library read from an attachment file, as blocks, or why it has none. Cached by the
    file's digest (keys.text_key)."""

    blocks: tuple[tuple, ...] = ()  # ("h", text) a heading (a sheet, a page), ("p", text), ("table", rows of cells)
    problem: str = ""  # "" when read; "corrupt", "encrypted" or "empty" (nothing to read: a scanned image?)
    detail: str = ""  # what the library said, for the warning
    truncated: bool = False  # longer than extract.attachments.MAX_CHARS: the rest is only in the file


@dataclass(frozen=True)
class Notice:
    """One notice as its file states it: front matter plus Markdown source."""

    path: str  # root-relative POSIX path, used in diagnostics
    doc_number: DocNumber
    issuer: str
    title: str
    date: date
    body: str
    body_line: int  # line of the file on which the body starts
    addressees: str = ""
    published: date | None = None
    topics: tuple[str, ...] = ()
    status: str = ""
    effective: date | None = None  # 施行日期, when the front matter states it
    expires: date | None = None  # 有效期至 (the last day in force), likewise
    repealed: date | None = None  # 废止日期, likewise
    attachments: tuple[Attachment, ...] = ()
    index_number: str = ""
    keywords: tuple[str, ...] = ()
    signer: str = ""
    source: str = ""
    digest: str = ""  # sha256 of the file's bytes, for caching
    key_lines: tuple[tuple[str, int], ...] = ()  # front-matter key → line, for diagnostics

    @cached_property
    def slug(self) -> str:
        return self.doc_number.slug

    @cached_property
    def url(self) -> str:
        """Site-relative URL of the notice page."""
        return f"notices/{self.slug}.html"

    @property
    def publish_date(self) -> date:
        return self.published or self.date

    def line_of(self, key: str) -> int:
        return dict(self.key_lines).get(key, 1)


@dataclass(frozen=True)
class Clause:
    """A numbered clause (一、/（一）/1./（1）/第X章/第X条/附件) with its permanent anchor."""

    anchor: str  # "s2-4"
    label: str  # "二（四）": how a reader cites it after the 文号
    number: str  # "（四）": the number as printed
    heading: str  # the clause's own heading text, number excluded ("" for run-in paragraphs)
    level: int  # 1 = outermost
    line: int  # line in the notice file
    text: str  # plain text of the clause's own blocks (not its sub-clauses)
    is_heading: bool = True
    parent: str = ""  # anchor of the enclosing clause


@dataclass(frozen=True)
class Table:
    """A body table as plain cell text, for analyses that read columns (责任单位/配合单位)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int  # line of the header row in the notice file
    clause: str = ""  # anchor of the enclosing clause ("" before the first clause)
    row_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class RenderedBody:
    html: str
    clauses: tuple[Clause, ...]
    preamble: str  # plain text before the first clause (the notice's opening paragraph)
    text: str  # plain text of the whole body, for descriptions and search
    tables: tuple[Table, ...] = ()
    citations: tuple = ()  # the linked citations, in the order of the html's link placeholders
    dropped_cells: tuple[int, ...] = ()  # lines of table rows whose extra cells Markdown leaves out

    def with_html(self, html: str) -> "RenderedBody":
        return replace(self, html=html)


@dataclass(frozen=True)
class Department:
    """A department (or a group such as 各县（市、区）人民政府) as content/departments.toml names it."""

    name: str  # canonical name, the key everywhere: "市发展改革委"
    kind: str  # "department", "county", "group", "body" (not municipal), "expands" (stands for several), "unlisted"
    aliases: tuple[str, ...] = ()  # for "expands": the names it stands for
    line: int = 1  # line in content/departments.toml
    note: str = ""  # why an "unlisted" name is no department ("泛指")
    slug: str = ""  # ASCII, from the pinyin of the name; unique among the file's departments

    @property
    def url(self) -> str:
        return f"departments/{self.slug}.html"


@dataclass(frozen=True)
class Responsibility:
    """One department named responsible for one clause (or one row of a task table)."""

    department: str  # Department.name
    role: str  # "牵头", "负责" (jointly, no lead stated) or "配合"
    anchor: str  # clause anchor; "" for text before the first clause
    label: str  # how to cite the clause: "五（二十）"
    task: str  # the clause heading, or the task cell of a table row
    line: int


@dataclass(frozen=True)
class Deadline:
    """A time limit stated in a clause: by a date, from a date (施行), or recurring (每季度)."""

    kind: str  # "by", "effective" or "recurring"
    text: str  # as printed: "2017年年底前"
    anchor: str
    context: str  # the sentence it stands in, shortened
    due: date | None = None  # None for recurring limits
    precision: str = "day"  # "day", "month" or "year": how exactly the text names the date
    period: str = ""  # recurring: "每季度", "每月", …
    label: str = ""  # how to cite the clause it stands in: "二（四）"

    def __post_init__(self) -> None:
        _intern(self, "kind", "text", "anchor", "context", "precision", "period", "label")


@dataclass(frozen=True)
class Topic:
    """A 主题分类 category or subcategory; subcategories have a parent."""

    name: str  # "农业、畜牧业、渔业"
    parent: str = ""  # the category of a subcategory: "农业、林业、水利"
    keywords: tuple[str, ...] = ()
    line: int = 1
    slug: str = ""  # "nongye-linye-shuili" or "nongye-linye-shuili/nongye-xumuye-yuye"

    @property
    def url(self) -> str:
        return f"topics/{self.slug}.html"

    @property
    def key(self) -> str:
        """The gov.cn policy-library form: 农业、林业、水利\\农业、畜牧业、渔业."""
        return f"{self.parent}\\{self.name}" if self.parent else self.name


@dataclass(frozen=True)
class TopicScheme:
    """The two-level 主题分类 of content/topics.toml with its keyword rules, in file order."""

    topics: tuple[Topic, ...] = ()
    max_topics: int = 2  # topics a notice gets at most from the rules
    min_score: int = 3  # below this a notice matches nothing and is filed under the fallback
    title_weight: int = 10  # a keyword in the title counts this many times a keyword in the body
    fallback: str = "其他"

    def get(self, key: str) -> Topic | None:
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, Topic]:
        return {topic.key: topic for topic in self.topics}


@dataclass(frozen=True)
class Reference:
    """One citation of a 文号 in a notice: who cites what, from which clause, and what the sentence does to it."""

    source: str  # slug of the citing notice
    target: str  # the cited 文号, normalised: "国发〔2016〕6号"
    title: str  # the cited title as this citation gives it ("" when none)
    kind: str  # "cite", "repeal" (废止) or "amend" (修订, or a repeal of only part of it)
    anchor: str  # the citing clause's anchor ("" for the text before the first clause)
    label: str  # the citing clause's label: "二（四）", "第二十二条"
    line: int  # line of the citing clause in the notice file, for diagnostics
    clause: str = ""  # the cited clause as written after the 文号: "第三条"
    target_anchor: str = ""  # that clause's anchor in the cited notice, when it is in the site and has it

    def __post_init__(self) -> None:
        _intern(self, "source", "target", "title", "kind", "anchor", "label", "clause", "target_anchor")


@dataclass(frozen=True)
class Citation:
    doc_number: DocNumber
    start: int  # span of the 文号 in the text (prefix … 号)
    end: int
    title: str = ""  # from the 《…》 just before the number, without the book-title marks
    clause: str = ""  # the clause named after the number, as written: "第三条", "第二部分（四）"
    anchor: str = ""  # that clause's anchor in the cited document: "a3", "s2-4"
    kind: str = CITE  # cite, repeal (废止/停止执行) or amend (修订/修改, or a repeal of only part of it)

    @property
    def text(self) -> str:
        return str(self.doc_number)


@dataclass(frozen=True)
class CitedDocument:
    """A cited 文号 with what every citation of it says: its title, level, and the notices that cite it."""

    doc_number: str
    slug: str  # page cited/<slug>.html; 文号 whose prefixes read alike share a page
    title: str  # the title most citations give it ("" when none does)
    level: str  # 中央/国务院, 河南省, 郑州市 or 其他, from the prefix
    in_site: bool  # the site has the notice itself (notices/<slug>.html)
    cited_by: tuple[str, ...]  # slugs of the citing notices, newest first
    repealed_by: tuple[str, ...] = ()  # slugs of the notices that 废止 it
    amended_by: tuple[str, ...] = ()  # slugs of the notices that 修订 it


@dataclass
class XrefIndex:
    """Citations between documents, derived from the bodies. Keyed by citing slug and by cited 文号."""

    references: dict[str, tuple[Reference, ...]] = field(default_factory=dict)  # citing slug → in text order
    cited: dict[str, tuple[Reference, ...]] = field(default_factory=dict)  # cited 文号 → citing references
    documents: dict[str, CitedDocument] = field(default_factory=dict)  # cited 文号 → document, sorted by 文号
    status: dict[str, str] = field(default_factory=dict)  # notice slug → 效力 (front matter, else citations)


@dataclass(frozen=True)
class Related:
    slug: str
    score: float
    reasons: tuple[str, ...]  # what the two notices share, for the reader: "共同引用 国发〔2016〕6号"


@dataclass(frozen=True)
class Ranking:
    """Related notices with what they were ranked from, so that the next build ranks again only the notices an
    edit can move (analyse/related.ranking)."""

    related: dict[str, tuple[Related, ...]]  # slug → most related first
    signals: dict[str, dict[str, frozenset[str]]]  # signal → slug → its keys
    order: tuple[str, ...]  # every notice's slug, in date order
    basis: str  # what else the ranking read (the topic scheme's catch-all)


@dataclass(frozen=True)
class Fragment:
    """What only the notice's own page and JSON need: kept on disk between the extract and render steps."""

    html: str  # body HTML; citation links hold placeholders (markdown.link_citations fills them)
    citations: tuple[Citation, ...]  # one per placeholder, in order
    outline: tuple[Clause, ...]  # the clauses, without their text
    search_names: tuple[str, ...]  # known names the text prints, whose suffixes are search tokens (search_terms)
    search_chars: str  # its distinct Han characters, space-separated (search_terms.char_tokens)


@dataclass(frozen=True)
class Extract:
    """What the rest of the build knows about one notice: its metadata and the facts read from its body."""

    notice: Notice  # without its body text
    fragment: str  # cache key of the Fragment
    description: str  # the opening of the body, for lists and <meta>
    summary: str  # a longer opening, for the feed
    anchors: frozenset[str]  # its clause anchors, which citations of it may name
    references: tuple[Reference, ...]  # target_anchor: the anchor the citation names, checked when resolved
    responsibilities: tuple[Responsibility, ...]
    deadlines: tuple[Deadline, ...]
    topics: tuple[str, ...]  # 主题分类 keys: the front matter's, or the rules'
    unknown: tuple[tuple[str, int], ...]  # department names that resolve to nothing: (name, line)
    diagnostics: tuple[Diagnostic, ...]
    lifetime: Lifetime = field(default_factory=Lifetime)  # 施行日期, 有效期, and its effects on other documents
    public: str = ""  # digest of everything above that other pages may show: what they depend on, not the body


@dataclass
class Library:
    """The one shared index: every notice, keyed by slug, and what later phases derive from them."""

    notices: dict[str, Notice] = field(default_factory=dict)
    by_doc_number: dict[str, str] = field(default_factory=dict)  # "郑政〔2016〕24号" → slug
    extracts: dict[str, Extract] = field(default_factory=dict)  # slug → what was read from its file alone
    departments: dict[str, Department] = field(default_factory=dict)  # name → department (departments.toml)
    topic_scheme: TopicScheme = field(default_factory=TopicScheme)  # content/topics.toml
    responsibilities: dict[str, tuple[Responsibility, ...]] = field(default_factory=dict)  # slug → found
    deadlines: dict[str, tuple[Deadline, ...]] = field(default_factory=dict)  # slug → found
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # slug → Topic.key of each topic
    xref: XrefIndex = field(default_factory=XrefIndex)
    ranking: Ranking | None = None  # related notices, with what they were ranked from (for the next build)
    as_of: date = date(2000, 1, 1)  # the date 效力 is decided as of (build --as-of; today by default)
    interpretations: dict[str, Interpretation] = field(default_factory=dict)  # slug → 解读
    interpreted: dict[str, tuple[str, ...]] = field(default_factory=dict)  # notice slug → its 解读, oldest first
    # What the site's notices do to each document: a site notice's slug (or another document's 文号) →
    # (slug of the notice that does it, the effect), oldest first. Decided with 效力, every build.
    effects: dict[str, tuple[tuple[str, Effect], ...]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # site path → bytes copied as they are (解读 images)
    # Views that several pages need (every department's tasks, the notices in date order), made once per build
    # once the analyses are done; adding a notice forgets them.
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def add(self, notice: Notice) -> None:
        self.notices[notice.slug] = notice
        self.by_doc_number[str(notice.doc_number)] = notice.slug
        self._memo.clear()

    @property
    def related(self) -> dict[str, tuple[Related, ...]]:
        """slug → its related notices, most related first."""
        return self.ranking.related if self.ranking is not None else {}

    def memo(self, key: str, make):
        """make(), computed once for this library (until a notice is added)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def add_extract(self, extract: Extract) -> None:
        self.add(extract.notice)
        self.extracts[extract.notice.slug] = extract

    def description(self, slug: str) -> str:
        return self.extracts[slug].description

    def slug_for(self, doc_number: DocNumber | str) -> str | None:
        return self.by_doc_number.get(str(doc_number))

    def sorted_notices(self) -> list[Notice]:
        """Newest first; ties broken by 文号 so the order is total and deterministic."""
        return list(self.memo("sorted_notices", lambda: tuple(
            sorted(self.notices.values(), key=lambda n: (n.date, n.doc_number), reverse=True))))


def _intern(item, *names: str) -> None:
    """The same words recur across thousands of notices (kinds, clause anchors and labels, cited 文号): one string
    object each, which pickling then writes once per batch and per cache bucket. At 100,000 notices the build
    holds every notice's facts; without this, a quarter of that memory was copies of a few thousand strings."""
    for name in names:
        object.__setattr__(item, name, sys.intern(getattr(item, name)))
