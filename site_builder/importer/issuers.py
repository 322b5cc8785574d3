"""Which name a document gives its 发文机关: the fullest of the names its head, signature and page print for it.

Pure. One organ is often printed under several names in one document: short in the title (市人民政府办公厅关于…,
县人民政府关于…, 江苏省政府办公厅转发…), in full in the red header or the signature (贵阳市人民政府办公厅). A
short name is completed from the full one. A name that already says its place is complete: a database page's
label that adds the province (江苏省宿迁市人民政府 for a title's 宿迁市人民政府) does not replace it.
"""

from __future__ import annotations

from .classify import strip_spaces

_LEVEL_START = "省市县区州盟旗乡镇"  # a name that starts with its level alone (市政府办公室) leaves its place out


def _key(name: str) -> str:
    return strip_spaces(name).replace("人民政府", "政府")


def completes(short: str, full: str) -> bool:
    """Does `full` name the organ `short` names, more completely?

    市政府办公室 → 徐州市人民政府办公室, 县人民政府 → 浠水县人民政府, 江苏省政府办公厅 → 江苏省人民政府办公厅;
    never 宿迁市人民政府 → 江苏省宿迁市人民政府, 国务院 → 中华人民共和国国务院, 办公厅 → 国务院办公厅.
    """
    short_key, full_key = _key(short), _key(full)
    if len(short_key) < 2 or len(strip_spaces(full)) <= len(strip_spaces(short)):
        return False
    if short_key == full_key:  # the same name, 政府 written out as 人民政府
        return True
    return full_key.endswith(short_key) and short_key[0] in _LEVEL_START


def fullest(name: str, others: list[str]) -> str:
    """`name`, or the longest of `others` that names the same organ more completely."""
    better = [other for other in others if completes(name, other)]
    return max(better, key=lambda other: len(strip_spaces(other))) if better else name
