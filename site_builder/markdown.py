"""Markdown body → HTML, outline and clause anchors. Pure: no I/O, no knowledge of other notices beyond `resolve`."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from markdown_it import MarkdownIt
from markdown_it.token import Token

from site_builder import clauses as clause_rules
from site_builder.citations import find_citations
from site_builder.docnum import DocNumber
from site_builder.model import Clause, RenderedBody, Table

# Given a cited 文号, the URL to link it to (relative to the notice page), or None to leave it as text.
Resolver = Callable[[DocNumber], "str | None"]


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "typographer": False})
    md.enable("table")
    # Images would load from anywhere on the internet; a gazette has none, so they stay text.
    md.disable("image")
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    return md


def _render_table_open(self, tokens, idx, options, env):
    # A focusable, labelled scroll region: wide tables scroll on a phone and keyboard users can reach them.
    return '<div class="table-wrap" role="region" aria-label="表格" tabindex="0">\n<table>\n'


def _render_table_close(self, tokens, idx, options, env):
    return "</table>\n</div>\n"


_MD = _make_parser()


def render_body(source: str, *, doc_label: str = "", resolve: Resolver | None = None,
                line_offset: int = 0) -> RenderedBody:
    """Render one notice body. `doc_label` (its 文号) prefixes clause citations; `line_offset` maps lines to the file."""
    tokens = _MD.parse(source, {})
    outline, preamble, plain = _anchor_clauses(tokens, doc_label, line_offset)
    tables = _collect_tables(tokens, line_offset)
    if resolve is not None:
        _link_citations(tokens, resolve)
    html = _MD.renderer.render(tokens, _MD.options, {})
    return RenderedBody(html=html, clauses=tuple(outline), preamble=preamble, text=plain, tables=tables)


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


def _link_citations(tokens: list[Token], resolve: Resolver) -> None:
    for token in tokens:
        if token.type != "inline" or not token.children or "号" not in token.content:
            continue
        children: list[Token] = []
        depth = 0  # inside an author's own link, leave the text alone
        for child in token.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if child.type != "text" or depth or "号" not in child.content:
                children.append(child)
                continue
            children.extend(_split_citations(child.content, resolve))
        token.children = children


def _split_citations(text: str, resolve: Resolver) -> list[Token]:
    out: list[Token] = []
    position = 0
    for citation in find_citations(text):
        url = resolve(citation.doc_number)
        if not url:
            continue
        if citation.start > position:
            out.append(_text(text[position:citation.start]))
        opening = Token("link_open", "a", 1)
        opening.attrs = {"href": url, "class": "cite"}
        out.extend([opening, _text(text[citation.start:citation.end]), Token("link_close", "a", -1)])
        position = citation.end
    if position < len(text):
        out.append(_text(text[position:]))
    return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
