"""A notice in the content format: YAML front matter, then the body as CommonMark with pipe tables, no HTML."""

from __future__ import annotations

import re

import yaml

from .classify import HEADING_KINDS
from .model import Attachment, AttachmentList, Block, Heading, Meta, Paragraph, Personnel, Table
from .tables import PERSONNEL_HEADER


def render_notice(meta: Meta, blocks: list[Block], attachments: list[Attachment], source: str) -> str:
    return f"---\n{front_matter(meta, attachments, source)}---\n\n{render_body(blocks)}"


def front_matter(meta: Meta, attachments: list[Attachment], source: str) -> str:
    """Keys in the content format's order, `review` first; PyYAML quotes whatever a YAML reader would mis-type.

    A value the importer could not find is written empty, so that the key is there to fill in.
    """
    data: dict[str, object] = {"review": "; ".join(meta.review)} if meta.review else {}
    data.update({
        "doc_number": meta.doc_number,
        "issuer": meta.issuer,
        "title": meta.title,
        "date": meta.date if meta.date is not None else "",
    })
    if meta.addressees:
        data["addressees"] = meta.addressees
    if attachments:
        data["attachments"] = [{"title": item.title, "omitted": item.omitted} for item in attachments]
    data["source"] = source
    return yaml.dump(data, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=1_000_000,
                     default_flow_style=False)


def render_body(blocks: list[Block]) -> str:
    levels = heading_levels(blocks)
    parts = [_render(block, levels) for block in blocks]
    return "\n\n".join(part for part in parts if part) + "\n" if parts else ""


def heading_levels(blocks: list[Block]) -> dict[str, int]:
    """Markdown levels from the clause kinds this notice uses as headings, so that they always nest."""
    used = {block.kind for block in blocks if isinstance(block, Heading)}
    base = 3 if "chapter" in used else 2
    levels = {"chapter": 2}
    for offset, kind in enumerate(kind for kind in HEADING_KINDS if kind in used):
        levels[kind] = min(base + offset, 6)
    return levels


def _render(block: Block, levels: dict[str, int]) -> str:
    if isinstance(block, Heading):
        gap = " " if block.kind in ("ar_dot", "chapter") else ""
        return f"{'#' * levels[block.kind]} {escape(block.number, start=False)}{gap}{escape(block.text, start=False)}".rstrip()
    if isinstance(block, Paragraph):
        return escape(block.text)
    if isinstance(block, AttachmentList):
        return "\\\n".join(escape(line, continuation=index > 0) for index, line in enumerate(block.lines))
    if isinstance(block, Personnel):
        return render_table(PERSONNEL_HEADER, block.rows)
    if isinstance(block, Table):
        return render_table(block.header, block.rows)
    raise TypeError(f"not a block: {block!r}")


def render_table(header: tuple[str, ...] | None, rows: tuple[tuple[str, ...], ...]) -> str:
    width = max([len(header or ())] + [len(row) for row in rows])

    def line(cells: tuple[str, ...]) -> str:
        cells = tuple(cells) + ("",) * (width - len(cells))
        return "| " + " | ".join(escape(cell, start=False, cell=True) or " " for cell in cells) + " |"

    lines = [line(header or ("",) * width), "|" + "|".join([" --- "] * width) + "|"]
    return "\n".join(lines + [line(row) for row in rows])


_INLINE_RE = re.compile(r"([\\`*_\[\]<>~$])")
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")
_LINE_START_RE = re.compile(r"^(#|[-+=](?=\s|$)|\d+(?=[.)](?:\s|$)))")


def escape(text: str, *, start: bool = True, cell: bool = False, continuation: bool = False) -> str:
    """Backslash-escape what CommonMark would read as markup; `|` too inside a table cell.

    A `continuation` line goes on a paragraph: there only an ordered list starting at 1 could begin.
    """
    text = _ENTITY_RE.sub(r"\\&", _INLINE_RE.sub(r"\\\1", text))
    if cell:
        text = text.replace("|", "\\|")
    if start:
        found = _LINE_START_RE.match(text)
        if found and found[1][0].isdigit() and (not continuation or int(found[1]) == 1):
            text = found[1] + "\\" + text[found.end():]
        elif found and not found[1][0].isdigit():
            text = "\\" + text
    return text
