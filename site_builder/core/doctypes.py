"""文种 (document type) from a title, after 《党政机关公文处理工作条例》 and the usual normative-document names."""

from __future__ import annotations

import re

# Longest names first so 实施方案 is not read as 方案 + noise and 通告 is not read as 告.
FORMAL = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案",
          "函", "纪要", "令")
NORMATIVE = ("实施细则", "实施办法", "实施方案", "实施意见", "工作方案", "行动计划", "管理办法", "暂行办法", "暂行规定",
             "条例", "规定", "办法", "细则", "规则", "方案", "计划", "规划", "纲要", "意见", "名单", "制度")
_ENCLOSING = re.compile(r"(?:印发|转发|修订印发|公布)(.+?)的(?:通知|决定)$")


def doc_type(title: str) -> str:
    """The formal 文种: the last word of the title (…的通知 → 通知; …的实施意见 → 意见). 其他 when none fits."""
    title = title.strip()
    for name in FORMAL:
        if title.endswith(name):
            return name
    return "其他"


def enclosed_type(title: str) -> str:
    """For 印发/转发 notices, the type of the document they carry (印发…管理办法的通知 → 办法); "" otherwise."""
    found = _ENCLOSING.search(title.strip())
    if not found:
        return ""
    inner = found[1].rstrip("》〉）)")
    for name in NORMATIVE:
        if inner.endswith(name):
            return name[-2:] if name[-2:] in ("办法", "方案", "规定", "细则", "意见", "计划") else name
    return ""
