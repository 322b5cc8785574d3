"""Markdown body → HTML, outline and clause anchors. Pure: no I/O, no knowledge of other notices beyond `resolve`."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token

from site_builder import clauses as clause_rules
from site_builder.citations import Citation, find_citations
from site_builder.diagnostics import Diagnostic
from site_builder.model import Clause, RenderedBody, Table

# Given a citation (its 文号 and the clause it names), the URL to link it to (relative to the notice page), or None
# to leave it as text.
Resolver = Callable[[Citation], "str | None"]


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "typographer": False})
    md.enable("table")
    # Images would load from anywhere on the internet; a gazette has none, so they stay text.
    md.disable("image")
    # Nothing an editor types may vanish: a line like "[1]: 郑州市规定" would be read as a link reference
    # definition and dropped from the page, "```一、" as a code fence whose text becomes a class name, and a
    # paragraph pasted with four leading spaces as unwrapped code. A gazette has no code: all stay text.
    md.disable(["reference", "code", "fence"])
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    return md


def _render_table_open(self, tokens, idx, options, env):
    # A focusable, labelled scroll region: wide tables scroll on a phone and keyboard users can reach them.
    # Numbered: a screen reader lists regions by name, and five regions all called 表格 cannot be told apart.
    env["tables"] = env.get("tables", 0) + 1
    return f'<div class="table-wrap" role="region" aria-label="表格{env["tables"]}" tabindex="0">\n<table>\n'


def _render_table_close(self, tokens, idx, options, env):
    return "</table>\n</div>\n"


_MD = _make_parser()
_LINE_END_RE = re.compile(r"\r\n?|\n")
_QUOTE_MARKS_RE = re.compile(r"^\s*(?:>\s?)*")  # a table inside a blockquote: "> | a | b |"


def render_body(source: str, *, doc_label: str = "", resolve: Resolver | None = None,
                line_offset: int = 0) -> RenderedBody:
    """Render one notice body. `doc_label` (its 文号) prefixes clause citations; `line_offset` maps lines to the file."""
    tokens = _MD.parse(source, {})
    outline, preamble, plain = _anchor_clauses(tokens, doc_label, line_offset)
    tables = _collect_tables(tokens, line_offset)
    if resolve is not None:
        _link_citations(tokens, resolve, doc_label)
    html = _MD.renderer.render(tokens, _MD.options, {})
    dropped = tuple(line + 1 + line_offset for line in _rows_with_dropped_cells(tokens, source))
    return RenderedBody(html=html, clauses=tuple(outline), preamble=preamble, text=plain, tables=tables,
                        dropped_cells=dropped)


def body_warnings(path: str, body: RenderedBody) -> list[Diagnostic]:
    """Nothing an editor writes may vanish without a word: table cells beyond the header's are not shown."""
    return [Diagnostic(path, line, "W130", "this table row has more cells than the header row: the extra cells "
                       "are not shown", "add columns to the header and its '---' row, or merge the cells")
            for line in body.dropped_cells]


def _rows_with_dropped_cells(tokens: list[Token], source: str) -> list[int]:
    """0-based lines of table rows with more cells than the header row: Markdown drops those without a word."""
    if "|" not in source:
        return []
    lines, found, header, in_body = _LINE_END_RE.split(source), [], 0, False  # line ends as markdown-it reads them
    for token in tokens:
        if token.type == "thead_open":
            header = 0
        elif token.type == "th_open":
            header += 1
        elif token.type in ("tbody_open", "tbody_close"):
            in_body = token.type == "tbody_open"
        elif token.type == "tr_open" and in_body and token.map and token.map[0] < len(lines):
            row = _QUOTE_MARKS_RE.sub("", lines[token.map[0]]).strip()
            cells = escapedSplit(row)
            cells = cells[1:] if cells and cells[0] == "" else cells
            cells = cells[:-1] if cells and cells[-1] == "" else cells
            if len(cells) > header:
                found.append(token.map[0])
    return found


def clauses_of(source: str) -> tuple[Clause, ...]:
    """The numbered clauses of a body, without rendering it: what a citation of one of them can link to."""
    tokens = _MD.parse(source, {})
    return tuple(_anchor_clauses(tokens, "", 0)[0])


def inline_text(token: Token) -> str:
    """Plain text of an inline token (markup removed, soft breaks joined as Chinese text is)."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def _anchor_clauses(tokens: list[Token], doc_label: str, line_offset: int) -> tuple[list[Clause], str, str]:
    """Give every numbered clause an id and a copyable link; return the clauses with their own text."""
    numbering = clause_rules.Numbering()
    found: list[dict] = []  # clauses under construction: their text grows until the next clause
    preamble: list[str] = []
    plain: list[str] = []
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        text = inline_text(token)
        plain.append(text)
        opener = tokens[index - 1]
        top_level = opener.level == 0 and opener.type in ("heading_open", "paragraph_open")
        match = clause_rules.match(text) if top_level else None
        if match is not None:
            anchor, label = numbering.place(match)
            line = (opener.map[0] if opener.map else 0) + 1 + line_offset
            is_heading = opener.type == "heading_open"
            found.append(dict(anchor=anchor, label=label, number=match.number, heading=match.title if is_heading
                              else clause_rules.short_title(match.title), level=numbering.depth, line=line,
                              text=[text], is_heading=is_heading, parent=numbering.parent_anchor))
            opener.attrSet("id", anchor)
            if not is_heading:
                opener.attrSet("class", "clause")
            _append_link(token, anchor, f"{doc_label} {label}".strip())
        elif found:
            found[-1]["text"].append(text)
        else:
            preamble.append(text)
    for token in tokens:  # body headings sit under the page's <h1>
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
    clauses = [Clause(**{**c, "text": "\n".join(c["text"])}) for c in found]
    return clauses, "\n".join(preamble), "\n".join(plain)


def _collect_tables(tokens: list[Token], line_offset: int) -> tuple[Table, ...]:
    """Every table as cell text, with the anchor of the clause it stands in (read from the ids just set)."""
    tables: list[Table] = []
    clause, rows, lines = "", [], []
    for token in tokens:
        if token.level == 0 and token.type in ("heading_open", "paragraph_open") and token.attrGet("id"):
            clause = str(token.attrGet("id"))
        elif token.type == "table_open":
            rows, lines = [], []
        elif token.type == "tr_open":
            rows.append([])
            lines.append((token.map[0] if token.map else 0) + 1 + line_offset)
        elif token.type == "inline" and rows and token.level > 0:
            rows[-1].append(inline_text(token).strip())
        elif token.type == "table_close" and rows:
            tables.append(Table(tuple(rows[0]), tuple(tuple(r) for r in rows[1:]), lines[0], clause,
                                tuple(lines[1:])))
            rows = []
    return tuple(tables)


def _append_link(inline: Token, anchor: str, cite: str) -> None:
    link = Token("html_inline", "", 0)
    link.content = (f' <a class="clause-link" href="#{anchor}" data-cite="{escape(cite)}" '
                    f'aria-label="本条链接：{escape(cite)}">#</a>')
    inline.children = [*(inline.children or []), link]


def _link_citations(tokens: list[Token], resolve: Resolver, own: str) -> None:
    for token in tokens:
        if token.type != "inline" or not token.children or "号" not in token.content:
            continue
        children: list[Token] = []
        run: list[Token] = []  # text and soft line breaks: a citation may be broken across source lines
        depth = 0  # inside an author's own link, leave the text alone
        for child in token.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if not depth and child.type in ("text", "softbreak"):
                run.append(child)
                continue
            children.extend(_link_run(run, resolve, own))
            run = []
            children.append(child)
        children.extend(_link_run(run, resolve, own))
        token.children = children


def _link_run(run: list[Token], resolve: Resolver, own: str) -> list[Token]:
    """Link the citations in a run of text and soft breaks; a break inside a citation goes, as Chinese text joins."""
    text = "".join(t.content if t.type == "text" else "" for t in run)
    if "号" not in text:
        return run
    breaks, position = [], 0  # where each soft break sits in the joined text
    for token in run:
        if token.type == "softbreak":
            breaks.append(position)
        else:
            position += len(token.content)
    out: list[Token] = []
    position = 0
    for citation in find_citations(text, details=False):
        url = resolve(citation) if citation.text != own else None  # a notice naming itself needs no link
        if not url:
            continue
        out.extend(_with_breaks(text, position, citation.start, breaks))
        opening = Token("link_open", "a", 1)
        opening.attrs = {"href": url, "class": "cite"}
        out.extend([opening, _text(text[citation.start:citation.end]), Token("link_close", "a", -1)])
        position = citation.end
    out.extend(_with_breaks(text, position, len(text), breaks))
    return out


def _with_breaks(text: str, start: int, end: int, breaks: list[int]) -> list[Token]:
    """text[start:end], between two citations, as text tokens with its soft breaks put back."""
    out, position = [], start
    for at in breaks:
        if start <= at <= end:
            if at > position:
                out.append(_text(text[position:at]))
            out.append(_softbreak())
            position = at
    if end > position:
        out.append(_text(text[position:end]))
    return out


def _softbreak() -> Token:
    return Token("softbreak", "br", 0)


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
