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


# The 事由 of a title in GB/T 9704's 发文机关 + 事由 + 文种 (关于…的通知, 印发…, 对…的答复) needs its issuer in front to
# read as a title; a regulation's own name (专利代理条例, 上海市…办法) and a title that starts with its issuer do not.
_NEEDS_ISSUER_RE = re.compile(r"^(?:关于|印发|转发|批转|对|同意|表彰|公布|发布)")


def full_title(issuer: str, title: str) -> str:
    """The title a reader sees: 郑州市人民政府 + 关于…的通知; a decree's 专利代理条例 alone, never 国务院专利代理条例."""
    if not _NEEDS_ISSUER_RE.match(title) or title.startswith(issuer):
        return title
    return issuer + title
