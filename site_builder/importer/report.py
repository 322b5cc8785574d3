"""The import report: every repair, grouped by notice, for an editor to review against the gazette."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Meta, Removed, Repair
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
    line: int = 0  # where the document starts in the source
    review: tuple[str, ...] = ()  # why its metadata must be checked


REMOVED_NAMES = {"front": "文首", "page": "页眉页码", "repeat": "重复标题", "head": "版头"}


def render_report(source: str, notices: list[NoticeRepairs], removed: list[Removed] = ()) -> str:
    listed = [r for notice in notices for r in notice.repairs if r.kind != LAYOUT]
    layout = sum(1 for notice in notices for r in notice.repairs if r.kind == LAYOUT)
    counts = Counter(r.kind for r in listed)
    lines = ["# 导入报告", ""] + _review_section(source, notices) + _removed_section(source, removed) + [
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


def _review_section(source: str, notices: list[NoticeRepairs]) -> list[str]:
    """First in the report: the documents whose metadata a person must check before the site publishes them."""
    flagged = [notice for notice in notices if notice.review]
    if not flagged:
        return []
    lines = ["## 待复核", "", f"以下 {len(flagged)} 件公文的元数据不能确定，已写入，前言中以 `review:` 标注原因。"
             "请对照原文核对、改正后删去 `review:` 一行；在此之前网站构建会拒绝发布它们。", ""]
    lines += [f"- `{source}:{n.line}` `{n.file}`：{'；'.join(n.review)}" for n in flagged]
    return lines + [""]


def _removed_section(source: str, removed: list[Removed]) -> list[str]:
    """Every line that went into no notice, so that nothing is dropped unseen."""
    if not removed:
        return []
    lines = ["## 未导入的行", "", f"以下 {len(removed)} 行不属于任何公文（文首的目录或网页文字、页眉页码、重复的标题），"
             "没有写入公文。", ""]
    lines += [f"- `{source}:{r.line}` {REMOVED_NAMES[r.kind]}：{code(r.text)}" for r in removed]
    return lines + [""]


def render_table(source: str, rows: list[tuple[Meta, int]]) -> str:
    """What an import would write, one document a line: the table of `import --dry-run`."""
    header = ("行", "文号", "发文机关", "成文日期", "标题", "复核")
    body = [(f"{meta.line}-{last}", meta.doc_number or "—", meta.issuer or "—",
             meta.date.isoformat() if meta.date else "—", meta.title or "—", "；".join(meta.review) or "")
            for meta, last in rows]
    flagged = sum(1 for meta, _ in rows if meta.review)
    lines = ["\t".join(header)] + ["\t".join(row).rstrip("\t") for row in body]
    return "\n".join(lines + [f"{source}: {len(rows)} documents, {flagged} marked for review; nothing written (dry run)"])
