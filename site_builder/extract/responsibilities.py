"""责任单位 → (department, role, clause): every form the gazette uses to name who does a task. Pure.

Forms read, per clause:
- labelled lists: `责任单位：A、B`, `牵头单位：X` / `配合单位：Y、Z` (own lines, inline, or in parentheses);
- verb parentheses: `（X牵头负责）`, `（X负责）`, `（X、Y按职责分工分别负责）`, `（X牵头负责，Y、Z按职责分工分别负责）`;
- running text: `由X牵头，会同Y、Z等…`, `X要会同Y…`;
- duty lists: `3. 市煤炭局：牵头负责…`;
- table columns 责任单位/牵头单位/配合单位.
Lists share a prefix (`市发展改革委、财政局` is 市财政局); names resolve through content/departments.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from site_builder.extract.clauses import short_title
from site_builder.extract.department_names import Directory, Names, key
from site_builder.core.vocabulary import JOINT, LEAD, ROLE_ORDER, SUPPORT
from site_builder.core.model import Clause, RenderedBody, Responsibility, Table


# `列第一位的为牵头单位，下同`, `排在首位的为牵头单位`: in this notice the first of a 责任单位 list leads.
_FIRST_LEADS = re.compile(r"(?:列|排)(?:名|在)?(?:第一位|首位|第一个?|首)的?(?:单位)?为牵头")
_LABELS = {"牵头单位": LEAD, "牵头部门": LEAD, "责任单位": JOINT, "责任部门": JOINT, "主办单位": JOINT,
           "承办单位": JOINT, "配合单位": SUPPORT, "配合部门": SUPPORT, "协办单位": SUPPORT, "参与单位": SUPPORT}
_LABEL_RE = re.compile(rf"({'|'.join(_LABELS)})\s*[：:]")
_VERB_RE = re.compile(r"^(?P<names>.+?)(?P<verb>(?:按职责分工|按职责)?(?:分别)?(?:牵头负责|牵头|负责)|(?:积极)?配合|协助)$")
_TOGETHER_RE = re.compile(r"(?P<lead>[^。；;，,：:（(）)\n]{2,60}?)(?:牵头[，,]?\s*|要|应|负责)?会同(?P<rest>[^。；;：:]*)")
_DUTY_RE = re.compile(r"^(?P<names>[^：:，,。；;]{2,40})[：:]")
# Where a responsibility parenthesis closes: `…负责）`, `…配合)`.
_VERB_CLOSE_RE = re.compile(r"(?:负责|配合|协助|牵头)[。.]?\s*[）)]")


@dataclass(frozen=True)
class Unknown:
    """A name in a responsibility list that resolves to nothing in content/departments.toml."""

    name: str  # as read, with the shared prefix applied: "市枢纽办"
    anchor: str
    line: int


@dataclass
class _Found:
    responsibilities: list[Responsibility]
    unknown: list[Unknown]


def first_leads(text: str) -> bool:
    return _FIRST_LEADS.search(text) is not None


def _cut(segment: str) -> str:
    """A list as printed runs to the sentence end or to the parenthesis that encloses it."""
    depth = 0
    for index, char in enumerate(segment):
        if char in "（(":
            depth += 1
        elif char in "）)":
            if depth == 0:
                return segment[:index]
            depth -= 1
        elif char in "。\n" and depth == 0:
            return segment[:index]
    return segment


class _Clause:
    """Collects the responsibilities of one clause; the strongest role wins when a name is read twice."""

    def __init__(self, clause: Clause | None, directory: Directory, out: _Found):
        self.anchor = clause.anchor if clause else ""
        self.label = clause.label if clause else ""
        self.task = (clause.heading if clause else "") or ""
        self.line = clause.line if clause else 1
        self.directory, self.out = directory, out

    def add(self, names: list[tuple[str, tuple[str, ...] | None]], role: str, *, report: bool = True,
            task: str = "", line: int = 0) -> None:
        for written, found in names:
            if found is None:
                if report:
                    self.out.unknown.append(Unknown(written, self.anchor, line or self.line))
                continue
            for name in found:
                self.out.responsibilities.append(Responsibility(name, role, self.anchor, self.label,
                                                                task or self.task, line or self.line))


def _list_roles(names: list, role_of_list: str, first: bool, labels: set[str]) -> list[tuple[list, str]]:
    """Roles for a 责任单位 list: depends on what else the clause names and on the notice's 列第一位 note."""
    if role_of_list != JOINT:
        return [(names, role_of_list)]
    if LEAD in labels:
        return [(names, SUPPORT)]
    if SUPPORT in labels or len(names) == 1:
        return [(names, LEAD)]
    if first:
        return [(names[:1], LEAD), (names[1:], SUPPORT)]
    return [(names, JOINT)]


def _labelled(text: str, clause: _Clause, first: bool) -> None:
    segments: list[tuple[str, str]] = []
    matches = list(_LABEL_RE.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        segments.append((_LABELS[match[1]], _cut(text[match.end():end])))
    labels = {role for role, _ in segments if role != JOINT}
    for role, segment in segments:
        reader = Names(clause.directory)
        names = reader.names(segment)
        for part, part_role in _list_roles(names, role, first, labels):
            clause.add(part, part_role)


def _verb_parentheticals(text: str) -> list[str]:
    """The parentheses that end in a responsibility verb, found from their close (cheaper than reading every one)."""
    found = []
    for match in _VERB_CLOSE_RE.finditer(text):
        depth, index = 0, match.end() - 1
        while index > 0:
            index -= 1
            char = text[index]
            if char in "）)":
                depth += 1
            elif char in "（(":
                if depth == 0:
                    found.append(text[index + 1: match.end() - 1])
                    break
                depth -= 1
    return found


def _verbs(text: str, clause: _Clause) -> None:
    for content in _verb_parentheticals(text):
        content = content.strip().rstrip("。.")
        if not content.endswith(("负责", "配合", "协助", "牵头")) or _LABEL_RE.search(content):
            continue
        reader, led = Names(clause.directory), False
        for segment in split_segments(content):
            match = _VERB_RE.match(segment)
            if match is None:
                continue
            names = reader.names(re.sub(r"^由", "", match["names"]))
            verb = match["verb"]
            if "牵头" in verb:
                role, led = LEAD, True
            elif verb.endswith(("配合", "协助")):
                role = SUPPORT
            else:
                role = SUPPORT if led else LEAD if len(names) == 1 else JOINT
            clause.add(names, role)


def split_segments(text: str) -> list[str]:
    """Clauses of a parenthesis: `X牵头负责，Y、Z按职责分工分别负责` → two segments (、 stays inside names)."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += 1 if char in "（(" else -1 if char in "）)" and depth else 0
        if depth == 0 and char in "，,；;":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


def _together(text: str, clause: _Clause) -> None:
    """`由X牵头，会同Y、Z等单位…`: X leads and Y, Z support. Running text, so only known names count."""
    if "会同" not in text:
        return
    for match in _TOGETHER_RE.finditer(text):
        lead_text = re.sub(r"^(?:并|要|应)?由", "", match["lead"].strip())
        reader = Names(clause.directory)
        leads = reader.names(lead_text)
        if not leads or any(found is None for _, found in leads):
            continue
        clause.add(leads, LEAD)
        clause.add(_following_names(match["rest"], reader), SUPPORT)


def _following_names(rest: str, reader: Names) -> list[tuple[str, tuple[str, ...] | None]]:
    """Names after 会同 up to where the sentence goes on; the last one is cut to its longest known prefix."""
    rest = re.split(r"等|[，,]", rest, maxsplit=1)[0]
    parts = [part for part in re.split(r"[、]", rest) if part.strip()]
    names = [reader.read(part) for part in parts[:-1]]
    if parts:
        last = parts[-1].strip()
        for end in range(len(last), 1, -1):
            written, found = reader.read(last[:end])
            if found is not None:
                names.append((written, found))
                break
    return names


def _duties(clause: Clause, text: str, found: _Clause) -> None:
    """`3. 市煤炭局：牵头负责…`: a duty list item that starts with who does it."""
    if clause.is_heading:
        return
    first_line = text.split("\n", 1)[0][len(clause.number):].strip()
    match = _DUTY_RE.match(first_line)
    if match is None:
        return
    reader = Names(found.directory)
    names = reader.names(match["names"])
    if names and all(resolved for _, resolved in names):
        duty = short_title(first_line[match.end():].strip())  # the duty, not the department's own name
        found.add(names, LEAD if len(names) == 1 else JOINT, task=duty or found.task)


_LEAD_COLUMNS = ("牵头单位", "牵头部门")
_RESPONSIBLE_COLUMNS = ("责任单位", "责任部门", "主办单位", "承办单位")
_SUPPORT_COLUMNS = ("配合单位", "配合部门", "协办单位", "参与单位")
_TASK_HINTS = ("工作", "任务", "事项", "内容", "措施", "项目")


def _table(table: Table, found: _Clause, first: bool) -> None:
    header = [key(cell) for cell in table.header]
    roles: dict[int, str] = {}
    for index, cell in enumerate(header):
        if cell in _LEAD_COLUMNS:
            roles[index] = LEAD
        elif cell in _SUPPORT_COLUMNS:
            roles[index] = SUPPORT
        elif cell in _RESPONSIBLE_COLUMNS:
            roles[index] = JOINT
    if not roles:
        return
    labels = {role for role in roles.values() if role != JOINT}
    number = next((i for i, cell in enumerate(header) if cell in ("序号", "编号")), None)
    task = next((i for i, cell in enumerate(header) if i not in roles and i != number
                 and any(hint in cell for hint in _TASK_HINTS)), None)
    if task is None:
        task = next((i for i in range(len(header)) if i not in roles and i != number), None)
    for row_index, row in enumerate(table.rows):
        if [key(value) for value in row] == header:
            continue  # the header again, where a printed table crossed a page: no duties in it
        cell = lambda i: row[i] if i is not None and i < len(row) else ""  # noqa: E731
        title = " ".join(part for part in (cell(number), cell(task)) if part)
        line = table.row_lines[row_index] if row_index < len(table.row_lines) else table.line
        for column, role in sorted(roles.items()):
            reader = Names(found.directory)
            names = reader.names(cell(column))
            for part, part_role in _list_roles(names, role, first, labels):
                found.add(part, part_role, task=title or found.task, line=line)


def responsibilities(body: RenderedBody, directory: Directory) -> tuple[list[Responsibility], list[Unknown]]:
    """Every responsibility a notice body states, and the names that resolve to nothing known."""
    out = _Found([], [])
    first = first_leads(body.text)
    by_anchor = {clause.anchor: clause for clause in body.clauses}
    units = [(None, body.preamble)] + [(clause, clause.text) for clause in body.clauses]
    for clause, text in units:
        if not text:
            continue
        found = _Clause(clause, directory, out)
        if ":" in text or "：" in text:
            if _LABEL_RE.search(text):
                _labelled(text, found, first)
            if clause is not None:
                _duties(clause, text, found)
        if "负责" in text or "配合" in text or "牵头" in text:
            _verbs(text, found)
        _together(text, found)
    for table in body.tables:
        _table(table, _Clause(by_anchor.get(table.clause), directory, out), first)
    return _strongest(out.responsibilities), out.unknown


def _strongest(found: list[Responsibility]) -> list[Responsibility]:
    """One entry per (clause, task, department), at its first mention, with the strongest role it is given there."""
    best: dict[tuple[str, str, str], Responsibility] = {}
    for item in found:
        slot = (item.anchor, item.task, item.department)
        if slot not in best:
            best[slot] = item
        elif ROLE_ORDER[item.role] < ROLE_ORDER[best[slot].role]:
            best[slot] = replace(best[slot], role=item.role)
    return list(best.values())
