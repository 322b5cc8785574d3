"""Raw material for synthetic notices, extracted from the embedded gazette at run time.

Nothing here is copied into the repository: the gazette is read from `<repo>/../shared/gazette/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GAZETTE = Path(__file__).resolve().parent.parent.parent / "shared" / "gazette" / "zhengzhou-gazette-2016-08.txt"

_HAN = "\u4e00-\u9fff"
_NUMERALS = "一二三四五六七八九十"
_CLAUSE_RE = re.compile(rf"^[（(]([{_NUMERALS}]+)[）)]\s*(.+)$")
_SECTION_RE = re.compile(rf"^([{_NUMERALS}]+)、\s*(.+)$")
_DUTY_RE = re.compile(r"^责任单位[：:]\s*(.+)$")
# 《title》（文号） where the 文号 has a year in brackets; the prefix tells a site document (郑…) from an outside one.
_CITATION_RE = re.compile(rf"《([^《》]{{6,80}})》[（(]([{_HAN}]{{1,8}})〔(\d{{4}})〕\s*(\d+)\s*号[）)]")
_TITLE_CORE_RE = re.compile(r"^(?:郑州市人民政府(?:办公厅)?)?关于(.{4,40}?)的(?:实施意见|若干意见|指导意见|意见|通知)$")
_ADDRESSEES_RE = re.compile(r"^(各[^：:。]{2,60})[：:]\s*$")
# Text that would put a citation, a table cell or a list marker into a sentence taken as plain prose.
_NOT_PROSE = re.compile(r"[《》〔〕\[\]|\t#*_`<>$\\]|附件|责任单位|附表")
# A name as it ends in a 责任单位 list; drops fragments such as 各县 left by lists printed with 、 inside names.
_DEPARTMENT_RE = re.compile(r"^.{2,30}(局|委|办|室|社|队|部|公司|政府|管委会|海关|区|行|营业部|中心|高校|单位|部门)$")
_NOT_DEPARTMENTS = {"市委宣传部分"}  # a misprint in the gazette (市委宣传部分，各辖区政府)
_WRAPPED_NAME_RE = re.compile(r"^[（(]市、区[）)]")
_LEAD_NOTE_RE = re.compile(r"[（(][^（）()]*牵头[^（）()]*[）)]")


@dataclass(frozen=True)
class Material:
    sentences: tuple[str, ...]          # in reading order, so runs of consecutive sentences read as prose
    section_headings: tuple[str, ...]   # `一、` headings without the numeral
    clause_headings: tuple[str, ...]    # `（一）` headings without the numeral
    duty_lines: tuple[str, ...]         # whole `责任单位：…` lines as printed (wrapped lines joined)
    departments: tuple[str, ...]        # distinct names found in the 责任单位 lines
    tables: tuple[tuple[tuple[str, ...], ...], ...]  # header row first; every row has the header's width
    outside: tuple[tuple[str, str], ...]  # (title with issuer, 文号) of documents issued outside the city
    addressees: tuple[str, ...]
    title_topics: tuple[str, ...]       # verb-object phrases that read well inside 关于…的通知


def split_departments(text: str) -> list[str]:
    """Split a 责任单位 list on 、 and ， outside brackets, so 各县（市、区）人民政府 stays whole."""
    text = _LEAD_NOTE_RE.sub("", text)
    names, depth, current = [], 0, []
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and char in "、，,":
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    return [name.strip(" 。；;") for name in names if name.strip(" 。；;")]


def _full_width(text: str) -> str:
    return text.replace("(", "（").replace(")", "）")


def _balanced(text: str) -> bool:
    return text.count("（") == text.count("）") and text.count("(") == text.count(")") \
        and text.count("“") == text.count("”")


def _is_prose(sentence: str) -> bool:
    return (
        15 <= len(sentence) <= 160
        and "\u4e00" <= sentence[0] <= "\u9fff"
        and not _NOT_PROSE.search(sentence)
        and not sentence.startswith(("郑州市人民政府", "一是", "二是", "三是"))
        and _balanced(sentence)
    )


def _sentences(lines: list[str]) -> list[str]:
    found, previous = [], ""
    for line in lines:
        if not line:
            continue
        pieces = line.split("。")
        # A line that does not follow a finished sentence or a heading continues a wrapped paragraph: its first
        # piece is a fragment. The last piece never ends with 。 (it is either empty or wrapped onward).
        starts_clean = previous.endswith(("。", "：", "；")) or _CLAUSE_RE.match(previous) or _SECTION_RE.match(previous)
        for index, piece in enumerate(pieces[:-1]):
            if index == 0 and not starts_clean:
                continue
            sentence = piece.strip() + "。"
            if _is_prose(sentence):
                found.append(sentence)
        previous = line
    return found


def _heading(text: str) -> str | None:
    text = text.split("。")[0].strip()
    if 4 <= len(text) <= 30 and not re.search(r"[：:；;《》〔〕\t|]", text) and _balanced(text) \
            and not text.endswith(("的", "和", "、", "，")):
        return text
    return None


def _duty_lines(lines: list[str]) -> list[str]:
    found = []
    for index, line in enumerate(lines):
        if not _DUTY_RE.match(line):
            continue
        # A wrapped list continues on the next non-empty line: after a trailing 、 or ，, or in the middle of a
        # name such as 各相关县 / (市、区)、开发区.
        follow = index + 1
        while follow < len(lines):
            if lines[follow]:
                if not (line.endswith(("、", "，", ",")) or _WRAPPED_NAME_RE.match(lines[follow])):
                    break
                line += lines[follow]
            follow += 1
        found.append(line)
    return found


def _tables(lines: list[str]) -> list[tuple[tuple[str, ...], ...]]:
    blocks, block = [], []
    for line in lines + [""]:
        if "\t" in line:
            block.append([cell.strip().replace("|", "｜") for cell in line.split("\t")])
        elif block and line:  # a wrapped cell breaks the row; end the block there
            blocks.append(block)
            block = []
        elif not line and block and len(block) > 0:
            continue
    if block:
        blocks.append(block)
    tables = []
    for rows in blocks:
        rows = [[cell for cell in row] for row in rows]
        while rows and all(not row[-1] for row in rows if len(row) > 1):
            rows = [row[:-1] for row in rows]
        width = max(len(row) for row in rows)
        if len(rows) < 4 or not 2 <= width <= 8:
            continue
        padded = tuple(tuple(row + [""] * (width - len(row))) for row in rows)
        if all(padded[0]) and not any("：" in cell for cell in padded[0]):  # a real header row, not a name list
            tables.append(padded)
    return tables


def _pipe_tables(lines: list[str]) -> list[tuple[tuple[str, ...], ...]]:
    """The gazette's own pipe-table blocks (company lists): two columns, no header, so give them one."""
    tables, rows = [], []
    for line in lines + [""]:
        if line.startswith("| ") and not set(line) <= set("|- "):
            rows.append(tuple(cell.strip() for cell in line.strip().strip("|").split("|")))
        elif rows:
            if len(rows) >= 4 and len({len(row) for row in rows}) == 1:
                tables.append((("单位名称",) * len(rows[0]),) + tuple(rows))
            rows = []
    return tables


@lru_cache(maxsize=2)
def load_material(path: Path = GAZETTE) -> Material:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    sections, clauses = [], []
    for line in lines:
        for regex, bucket in ((_CLAUSE_RE, clauses), (_SECTION_RE, sections)):
            match = regex.match(line)
            if match and (heading := _heading(match[2])):
                bucket.append(heading)
    duty = _duty_lines(lines)
    departments = sorted({_full_width(name) for line in duty for name in split_departments(_DUTY_RE.match(line)[1])
                          if _DEPARTMENT_RE.match(name)} - _NOT_DEPARTMENTS)
    text = "".join(lines)
    outside, topics = {}, set()
    for match in _CITATION_RE.finditer(text):
        title, prefix, year, number = match.groups()
        if not prefix.startswith("郑"):
            outside.setdefault(f"{prefix}〔{year}〕{number}号", title)
        if core := _TITLE_CORE_RE.match(title):
            topics.add(core[1])
    topics.update(h for h in sections + clauses if 6 <= len(h) <= 22 and not h.endswith(("的", "和")) and "，" not in h)
    addressees = sorted({m[1] for line in lines if (m := _ADDRESSEES_RE.match(line))})
    return Material(
        sentences=tuple(_sentences(lines)),
        section_headings=tuple(dict.fromkeys(sections)),
        clause_headings=tuple(dict.fromkeys(clauses)),
        duty_lines=tuple(dict.fromkeys(duty)),
        departments=tuple(departments),
        tables=tuple(_tables(lines) + _pipe_tables(lines)),
        outside=tuple((title, number) for number, title in sorted(outside.items())),
        addressees=tuple(addressees),
        title_topics=tuple(sorted(topics)),
    )
