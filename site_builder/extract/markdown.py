"""Markdown body → HTML, outline and clause anchors. Pure: no I/O, no knowledge of other notices beyond `resolve`.

cmark-gfm (GitHub's C CommonMark parser, through cmarkgfm: site_builder.extract.cmark) renders the Markdown with source positions; one pass
over its HTML then anchors the clauses, links the 文号 citations and collects the text the analyses read. It is
about six times faster than markdown-it-py on gazette notices, which is what a 10,000-notice build needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from html import escape, unescape

from site_builder.extract import clauses as clause_rules
from site_builder.extract import cmark
from site_builder.extract.citations import find_citations
from site_builder.core.diagnostics import Diagnostic
from site_builder.core.model import Citation, Clause, RenderedBody, Table
from site_builder.core.text import BIDI_RE, is_forbidden

# Given a citation (its 文号 and the clause it names), the URL to link it to (relative to the notice page), or None
# to leave it as text.
Resolver = Callable[[Citation], "str | None"]


_OPTIONS = cmark.SOURCEPOS  # no CMARK_OPT_UNSAFE: dangerous URLs (javascript:, data:) are dropped
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG_RE = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s[^>]*)?)\s*/?>')
_SOURCEPOS_RE = re.compile(r' data-sourcepos="(\d+):[^"]*"')
_IMG_RE = re.compile(r'<img src="[^"]*" alt="([^"]*)"(?: title="[^"]*")? />')
_IMG_SRC_RE = re.compile(r'<img src="([^"]*)"')
_MARKER_RE = re.compile(r'<a href="\x02(\d+)\x03" class="cite">(.*?)</a>', re.S)
# Nothing an editor types may vanish from the page. "[1]: 郑州市规定" at the start of a line would be a link
# reference definition, shown nowhere; "```一、" a code fence whose first line becomes a class name. Their first
# character is escaped so they stay text. (A gazette has no code: an indented paragraph becomes one again, below.)
_REFERENCE_RE = re.compile(r"^((?: {0,3}>)* {0,3}(?:[-+*] +|\d{1,9}[.)] +)?)\[(?=[^\]\n]*\]:)", re.M)
_FENCE_RE = re.compile(r"^((?: {0,3}>)* {0,3})([`~])(?=\2\2)", re.M)
_INDENTED_CODE_RE = re.compile(r"<pre><code>(.*?)\n?</code></pre>", re.S)
_EMPTIED_LINK_RE = re.compile(r'<a href="">(.*?)</a>', re.S)
_PIPE_RE = re.compile(r"(?<!\\)\|")
_LINE_END_RE = re.compile(r"\r\n?|\n")
_QUOTE_MARKS_RE = re.compile(r"^\s*(?:>\s?)*")  # a table inside a blockquote: "> | a | b |"
_TEXT_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "th", "td", "li", "pre"}
_BLOCK_TAGS = _TEXT_TAGS | {"ul", "ol", "blockquote", "table", "thead", "tbody", "tr"}


def render_body(source: str, *, doc_label: str = "", resolve: Resolver | None = None,
                line_offset: int = 0, images: dict[str, str] | None = None) -> RenderedBody:
    """Render one notice body. `doc_label` (its 文号) prefixes clause citations; `line_offset` maps lines to the file.
    `images` (a 解读's): image src as written → the URL of the checked local copy; any other image is its alt text.

    Without `resolve`, citation links keep placeholders that `link_citations` fills in later: the body can then be
    cached by its own text, whatever the rest of the site holds.
    """
    # "<" is escaped before parsing: raw HTML can never pass, and is shown as the text it is.
    text = _CONTROL_RE.sub("", source).replace("<", "&lt;")
    if "&#" in text:
        text = _NUMERIC_REF_RE.sub(_safe_reference, text)
    if "[" in text:
        text = _REFERENCE_RE.sub(r"\1\\[", text)
    if "``" in text or "~~" in text:
        text = _FENCE_RE.sub(r"\1\\\2", text)
    raw = cmark.to_html(text, _OPTIONS)
    body = _Pass(raw, doc_label, line_offset, images or {}).run()
    if "<pre><code>" in body.html:
        body = body.with_html(_INDENTED_CODE_RE.sub(r"<p>\1</p>", body.html))
    if '<a href="">' in body.html:  # what cmark's safe mode leaves of a javascript:/data: link: keep the text only
        body = body.with_html(_EMPTIED_LINK_RE.sub(r"\1", body.html))
    if body.tables:
        body = replace(body, dropped_cells=_dropped_cells(source, body.tables, line_offset))
    if resolve is not None:
        body = body.with_html(link_citations(body.html, body.citations, resolve))
    return body


# &#1; and &#xFFFF; name characters no page may hold (cmark-gfm even emits invalid UTF-8 for the latter): they
# become U+FFFD, as CommonMark does for &#0;.
_NUMERIC_REF_RE = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,6})|([0-9]{1,7}));")


def _safe_reference(match: re.Match) -> str:
    code = int(match[1], 16) if match[1] else int(match[2])
    return "\ufffd" if code > 0x10FFFF or is_forbidden(code) or BIDI_RE.match(chr(code)) else match[0]


def body_warnings(path: str, body: RenderedBody) -> list[Diagnostic]:
    """Nothing an editor writes may vanish without a word: table cells beyond the header's are not shown."""
    return [Diagnostic(path, line, "W130", "this table row has more cells than the header row: the extra cells "
                       "are not shown", "add columns to the header and its '---' row, or merge the cells")
            for line in body.dropped_cells]


def _dropped_cells(source: str, tables: tuple[Table, ...], line_offset: int) -> tuple[int, ...]:
    """File lines of table rows with more cells than the header row: Markdown drops those without a word."""
    if not tables:
        return ()
    lines = _LINE_END_RE.split(source)  # as cmark counts lines: a lone \r ends one too
    found = []
    for table in tables:
        for line in table.row_lines:
            index = line - line_offset - 1
            if 0 <= index < len(lines) and _cell_count(lines[index]) > len(table.header):
                found.append(line)
    return tuple(found)


def _cell_count(row: str) -> int:
    row = _QUOTE_MARKS_RE.sub("", row).strip()
    cells = _PIPE_RE.split(row)
    if cells and cells[0].strip() == "":
        cells = cells[1:]
    if cells and cells[-1].strip() == "":
        cells = cells[:-1]
    return len(cells)


def link_citations(html: str, citations: tuple[Citation, ...], resolve: Resolver) -> str:
    """Fill the citation placeholders of a rendered body with URLs; a citation `resolve` rejects stays text."""
    if "\x02" not in html:
        return html

    def fill(match: re.Match) -> str:
        url = resolve(citations[int(match[1])])
        return f'<a href="{escape(url)}" class="cite">{match[2]}</a>' if url else match[2]

    return _MARKER_RE.sub(fill, html)


def clauses_of(source: str) -> tuple[Clause, ...]:
    """The numbered clauses of a body: what a citation of one of them can link to."""
    return render_body(source).clauses


class _Pass:
    """One walk over cmark's HTML: block texts, clause anchors, tables, citation placeholders, and the edits."""

    def __init__(self, raw: str, doc_label: str, line_offset: int, images: dict[str, str] | None = None):
        self.raw, self.doc_label, self.offset = raw, doc_label, line_offset
        self.images = images or {}
        self.edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in raw, in order
        self.citations: list[Citation] = []
        self.numbering = clause_rules.Numbering()
        self.clauses: list[dict] = []
        self.preamble: list[str] = []
        self.plain: list[str] = []
        self.tables: list[Table] = []
        self.table_count = 0

    def run(self) -> RenderedBody:
        stack: list[list] = []  # open elements: [tag, text parts or None, line, open-tag match]
        link_depth, position, table = 0, 0, None
        for match in _TAG_RE.finditer(self.raw):
            chunk = self.raw[position:match.start()]
            if chunk:
                collector = next((entry[1] for entry in reversed(stack) if entry[1] is not None), None)
                if collector is not None:
                    collector.append(chunk)
                if not link_depth and "号" in chunk:
                    self._link(position, chunk)
            position = match.end()
            closing, tag = match[1], match[2]
            if tag == "a":
                link_depth += -1 if closing else 1
                continue
            if tag == "img":
                self.edits.append((match.start(), match.end(), self._image(match[0])))
                continue
            if tag not in _BLOCK_TAGS:
                continue
            if not closing:
                table = self._open(match, tag, stack, table)
            elif stack and stack[-1][0] == tag:
                table = self._close(match, stack.pop(), not stack, table)
        return self._finish()

    def _image(self, tag: str) -> str:
        """A local image the loader checked, as an <img>; any other, its alt text (nothing loads from elsewhere)."""
        found = _IMG_SRC_RE.match(tag)
        url = self.images.get(unescape(found[1])) if found else None
        alt = _IMG_RE.sub(r"\1", tag)
        return f'<img src="{escape(url)}" alt="{alt}" loading="lazy">' if url else alt

    def _open(self, match: re.Match, tag: str, stack: list, table):
        line_match = _SOURCEPOS_RE.search(match[3] or "")
        line = int(line_match[1]) + self.offset if line_match else 0
        stack.append([tag, [] if tag in _TEXT_TAGS else None, line, match])
        if tag == "table":
            self.table_count += 1
            # A focusable, labelled scroll region: wide tables scroll on a phone and keyboard users reach them.
            self.edits.append((match.start(), match.end(), '<div class="table-wrap" role="region" '
                               f'aria-label="表格{self.table_count}" tabindex="0">\n<table>'))
            return {"rows": [], "lines": [], "clause": self.clauses[-1]["anchor"] if self.clauses else ""}
        if tag == "tr" and table is not None:
            table["rows"].append([])
            table["lines"].append(line)
        return table

    def _close(self, match: re.Match, entry: list, top_level: bool, table):
        tag, parts, line, opener = entry
        if tag == "table" and table is not None:
            self.edits.append((match.start(), match.end(), "</table>\n</div>"))
            rows = table["rows"]
            if rows:
                self.tables.append(Table(tuple(rows[0]), tuple(tuple(r) for r in rows[1:]), table["lines"][0],
                                         table["clause"], tuple(table["lines"][1:])))
            return None
        if tag == "thead" and table is not None and table["rows"] and not any(table["rows"][0]):
            # A gazette table printed without headings (a list laid out in columns) has an empty header row in
            # Markdown; empty header cells would be announced as headings of nothing, so the row goes.
            end = match.end() + (self.raw.startswith("\n", match.end()))
            self.edits.append((opener.start(), end, ""))
            return table
        if parts is None:
            return table
        text = unescape(_TAG_RE.sub("", "".join(parts)))
        if tag in ("th", "td") and table is not None and table["rows"]:
            table["rows"][-1].append(text.strip())
        self.plain.append(text)
        found = clause_rules.match(text) if top_level and (tag == "p" or tag[0] == "h") else None
        shown = "h2" if tag == "h1" else tag  # body headings sit under the page's <h1>
        if found is not None:
            self._anchor(found, tag, shown, line, text, opener, match)
            return table
        if self.clauses:
            self.clauses[-1]["text"].append(text)
        else:
            self.preamble.append(text)
        if shown != tag:
            self.edits.append((opener.start(), opener.end(), f"<{shown}>"))
            self.edits.append((match.start(), match.end(), f"</{shown}>"))
        return table

    def _anchor(self, found, tag: str, shown: str, line: int, text: str, opener: re.Match,
                closer: re.Match) -> None:
        anchor, label = self.numbering.place(found)
        is_heading = tag != "p"
        self.clauses.append(dict(
            anchor=anchor, label=label, number=found.number,
            heading=found.title if is_heading else clause_rules.short_title(found.title),
            level=self.numbering.depth, line=line, text=[text], is_heading=is_heading,
            parent=self.numbering.parent_anchor))
        attributes = f' id="{anchor}"' + ("" if is_heading else ' class="clause"')
        self.edits.append((opener.start(), opener.end(), f"<{shown}{attributes}>"))
        cite = escape(f"{self.doc_label} {label}".strip())
        self.edits.append((closer.start(), closer.end(),
                           f' <a class="clause-link" href="#{anchor}" data-cite="{cite}" '
                           f'aria-label="本条链接：{cite}">#</a></{shown}>'))

    def _link(self, position: int, chunk: str) -> None:
        """Placeholders for the citations in a text chunk (a notice naming itself needs no link)."""
        search = chunk.replace("\n", "") if "\n" in chunk else chunk
        for citation in find_citations(search, details=False):
            if citation.text == self.doc_label:
                continue
            start, end = _unfold(chunk, citation.start), _unfold(chunk, citation.end)
            index = len(self.citations)
            self.citations.append(citation)
            shown = chunk[start:end].replace("\n", "")  # a citation broken over two lines is joined
            self.edits.append((position + start, position + end,
                               f'<a href="\x02{index}\x03" class="cite">{shown}</a>'))

    def _finish(self) -> RenderedBody:
        self.edits.sort(key=lambda e: (e[0], e[1]))
        out, position = [], 0
        for start, end, text in self.edits:
            if start < position:
                continue  # a later edit inside one already made (cannot happen with cmark's output)
            out.append(self.raw[position:start])
            out.append(text)
            position = end
        out.append(self.raw[position:])
        html = _SOURCEPOS_RE.sub("", "".join(out)).replace("<br />", "<br>").replace("<hr />", "<hr>")
        clauses = tuple(Clause(**{**c, "text": "\n".join(c["text"])}) for c in self.clauses)
        return RenderedBody(html=html, clauses=clauses, preamble="\n".join(self.preamble),
                            text="\n".join(self.plain), tables=tuple(self.tables),
                            citations=tuple(self.citations))


def _unfold(chunk: str, index: int) -> int:
    """Map an index in chunk-without-newlines back to chunk."""
    if "\n" not in chunk:
        return index
    seen = 0
    for position, char in enumerate(chunk):
        if seen == index:
            return position
        if char != "\n":
            seen += 1
    return len(chunk)
