"""The import report: every repair, grouped by notice, for an editor to review against the gazette."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Repair
from .repair import LAYOUT, LISTED_KINDS

KIND_NAMES = {
    "join": ("断行", "被分页截断的行接回上一行（⏎ 为原断行处）"),
    "space": ("空格", "删除中文文本中的多余空格"),
    "and": ("和", "提取时误作 and 的“和”"),
    "docnum": ("文号", "文号中的 [ ]、( ) 改为六角括号〔〕"),
    "latex": ("公式", "提取残留的公式记号改为符号（≤ 等）"),
    "bullet": ("列表符", "删除提取产生的行首“- ”"),
    "clause-number": ("序号", "半角序号改为全角：(一) → （一）"),
    "punctuation": ("标点", "标题、主送机关、附件名中的半角标点改为全角"),
}


@dataclass(frozen=True)
class NoticeRepairs:
    doc_number: str
    title: str
    file: str  # relative to the content folder
    repairs: tuple[Repair, ...]


def render_report(source: str, notices: list[NoticeRepairs]) -> str:
    listed = [r for notice in notices for r in notice.repairs if r.kind != LAYOUT]
    layout = sum(1 for notice in notices for r in notice.repairs if r.kind == LAYOUT)
    counts = Counter(r.kind for r in listed)
    lines = [
        "# 导入报告", "",
        f"来源：`{source}`。导入公文 {len(notices)} 件，共 {len(listed)} 处修复，逐条列在各公文之下，请对照原文核对。"
        "行号均为原始公报文本的行号；每条修复写作“行号 类型：原文 → 修复后”。", "",
        f"另有 {layout} 处编号后的空格按内容格式删去（`1. 加强` → `1.加强`，`(一) ` → `（一）`），不逐条列出。", "",
        "| 类型 | 说明 | 数量 |", "| --- | --- | --- |",
    ]
    lines += [f"| {KIND_NAMES[kind][0]} | {KIND_NAMES[kind][1]} | {counts[kind]} |" for kind in LISTED_KINDS]
    for notice in notices:
        repairs = sorted((r for r in notice.repairs if r.kind != LAYOUT), key=lambda r: r.line)
        lines += ["", f"## {notice.doc_number} {notice.title}", "",
                  f"文件 `{notice.file}`，修复 {len(repairs)} 处。" if repairs else f"文件 `{notice.file}`，无修复。"]
        if repairs:
            lines.append("")
        lines += [f"- `{source}:{r.line}` {KIND_NAMES[r.kind][0]}：{code(r.before)} → {code(r.after)}"
                  for r in repairs]
    return "\n".join(lines) + "\n"


def code(text: str) -> str:
    """A Markdown code span that shows `text` exactly, whatever backticks or spaces it holds."""
    if not text:
        return "（空）"
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"
