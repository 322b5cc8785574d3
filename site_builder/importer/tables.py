"""Tables in the gazette: tab-separated rows, pipe tables, and personnel lists of leading groups (组长/成员)."""

from __future__ import annotations

import re

from .classify import CJK, SPACES, is_block_start, is_pipe_row, is_tab_row, strip_spaces
from .model import Line, Personnel, Repair, Span, Table
from .repair import join, normalise_clause, repair_text, strip_bullet

MAX_GAP = 2  # blank lines a table or list may run across (a page break)
PERSONNEL_HEADER = ("职务", "姓名", "单位及职务")

_NUMERIC_RE = re.compile(r"[\d.%]+|[一二三四五六七八九十]+")
_DELIMITER_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LABEL_RE = re.compile(
    rf"^(?P<label>(?:常[{SPACES}]*务[{SPACES}]*)?(?:副[{SPACES}]*)?(?:组[{SPACES}]*长|召[{SPACES}]*集[{SPACES}]*人|"
    rf"主[{SPACES}]*任|秘[{SPACES}]*书[{SPACES}]*长)|成[{SPACES}]*员)[{SPACES}]*[：:][{SPACES}]*")
_NAME_RE = re.compile(f"[{CJK}]{{2,4}}")
_POST_RE = re.compile(f"[{CJK}][^，。；：,;:]*")


def skip_blanks(lines: list[Line], index: int, limit: int = MAX_GAP) -> int | None:
    """Index of the next non-blank line if at most `limit` blank lines come first."""
    for offset in range(limit + 1):
        if index + offset >= len(lines):
            return None
        if lines[index + offset].text.strip():
            return index + offset
    return None


def _cells(line: Line, separator: str) -> list[Span]:
    span, cells, start = Span.of(line), [], 0
    for part in line.text.split(separator):
        cells.append(span.slice(start, start + len(part)).strip())
        start += len(part) + len(separator)
    return cells


def _cell_text(cell: Span, repairs: list[Repair]) -> str:
    cell, found = normalise_clause(cell)
    repairs.extend(found)
    cell, found = repair_text(cell)
    repairs.extend(found)
    return cell.text


def parse_tab_table(lines: list[Line], index: int) -> tuple[Table, int, list[Repair]]:
    """Tab-separated rows; a page break inside the table is bridged unless the header row is printed again."""
    rows: list[list[Span]] = []
    while True:
        while index < len(lines) and is_tab_row(lines[index].text):
            rows.append(_cells(lines[index], "\t"))
            index += 1
        following = skip_blanks(lines, index)
        if following is None or following == index or not is_tab_row(lines[following].text):
            break
        next_row = _cells(lines[following], "\t")
        if len(next_row) != len(rows[0]) or [c.text for c in next_row] == [c.text for c in rows[0]]:
            break
        index = following
    repairs: list[Repair] = []
    width = max(len(row) for row in rows)
    texts = [tuple(_cell_text(cell, repairs) for cell in row) + ("",) * (width - len(row)) for row in rows]
    numeric = [any(_NUMERIC_RE.fullmatch(cell) for cell in row) for row in texts]
    if len(texts) > 1 and not numeric[0] and any(numeric[1:]):
        return Table(texts[0], tuple(texts[1:])), index, repairs
    return Table(None, tuple(texts)), index, repairs


def parse_pipe_table(lines: list[Line], index: int) -> tuple[Table, int, list[Repair]]:
    """A pipe table as the extractor left it, often headed by an empty `- | | |` row."""
    repairs: list[Repair] = []
    rows: list[list[Span]] = []
    header_row: list[Span] | None = None
    while index < len(lines):
        span, found = strip_bullet(Span.of(lines[index]).strip())
        if not is_pipe_row(span.text):
            break
        repairs.extend(found)
        if _DELIMITER_RE.match(span.text):
            if rows and header_row is None and len(rows) == 1:
                header_row = rows.pop()
        else:
            cells = _cells(Line(lines[index].no, span.text), "|")
            rows.append(_trim_pipe_cells(cells, span.text))
        index += 1
    width = max([len(row) for row in rows] + [len(header_row or [])] + [1])
    texts = tuple(tuple(_cell_text(c, repairs) for c in row) + ("",) * (width - len(row)) for row in rows)
    header = None
    if header_row and any(cell.text for cell in header_row):
        header = tuple(_cell_text(c, repairs) for c in header_row) + ("",) * (width - len(header_row))
    return Table(header, texts), index, repairs


def _trim_pipe_cells(cells: list[Span], text: str) -> list[Span]:
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|"):
        cells = cells[:-1]
    return cells


# Personnel lists: 组 长：杨福平 市政府副市长 / 李书峰 市发展改革委主任 / 组 长：→程志明→市政府代市长


def _row(line: Line) -> tuple[str, Span, Span, bool] | None:
    """(role, name, post, ends open) of a personnel row, or None. A role of "" means the group above."""
    text = line.text
    if is_tab_row(text):
        cells = _cells(line, "\t")
        role_match = _LABEL_RE.fullmatch(cells[0].text + "：") or _LABEL_RE.fullmatch(cells[0].text)
        if cells[0].text and not role_match:
            return None
        role = strip_spaces(role_match["label"]) if role_match else ""
        name, post = cells[1], _concat(cells[2:])
        if not _NAME_RE.fullmatch(strip_spaces(name.text)):
            name, post = Span("", ()), _concat([name] + cells[2:])
        return role, name, post, text.endswith("\t")
    span = Span.of(line).strip()
    role_match = _LABEL_RE.match(span.text)
    role = strip_spaces(role_match["label"]) if role_match else ""
    rest = span.slice(role_match.end()) if role_match else span
    tokens = [rest.slice(m.start(), m.end()) for m in re.finditer(f"[^{SPACES}]+", rest.text)]
    if len(tokens) < 2:
        return None
    split = 2 if len(tokens) >= 3 and len(tokens[0].text) == len(tokens[1].text) == 1 else 1
    name, post = _concat(tokens[:split]), _concat(tokens[split:])
    if not _NAME_RE.fullmatch(name.text) or not _POST_RE.fullmatch(post.text):
        return None
    return role, name, post, False


def _concat(spans: list[Span]) -> Span:
    result = Span("", ())
    for span in spans:
        result = result + span
    return result


def _is_post_continuation(text: str) -> bool:
    """The rest of a post printed on its own line: `副调研员`, `信贷管理处副处长`."""
    text = text.strip()
    return (0 < len(text) <= 12 and not re.search(f"[{SPACES}]", text) and not re.search(r"[，。；：,;:]", text)
            and not is_block_start(text))


def starts_personnel(line: Line) -> bool:
    row = _row(line)
    return bool(row and row[0])


def parse_personnel(lines: list[Line], index: int) -> tuple[Personnel, int, list[Repair]] | None:
    """A personnel list starting at lines[index]; None if fewer than two members follow."""
    rows: list[list] = []
    repairs: list[Repair] = []
    position: int | None = index
    while position is not None:
        line = lines[position]
        row = _row(line)
        if row:
            rows.append(list(row))
        elif rows and (_is_post_continuation(line.text) or (rows[-1][3] and not is_block_start(line.text))):
            post, repair = join(rows[-1][2], Span.of(line)) if rows[-1][2].text else (Span.of(line).strip(), None)
            rows[-1][2], rows[-1][3] = post, False
            repairs.extend([repair] if repair else [])
        else:
            break
        index = position + 1
        position = skip_blanks(lines, index)
    if len(rows) < 2:
        return None
    result = []
    for role, name, post, _ in rows:
        post, found = repair_text(post)
        repairs.extend(found)
        result.append((role, strip_spaces(name.text), post.text))
    return Personnel(tuple(result)), index, repairs
