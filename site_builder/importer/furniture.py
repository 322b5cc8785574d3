"""Page furniture: page numbers and running heads that PDF extraction leaves between the lines of a text.

Pure. A page number is a number between dashes (— 12 —, -3-) or 第N页 (共M页); a running head is a short line
naming a gazette (…公报, …政报) printed three times or more. Nothing else is taken for furniture: a line that
merely repeats (责任单位：…) is text.
"""

from __future__ import annotations

import re
from collections import Counter

from .classify import SPACES
from .model import Line

_S = f"[{SPACES}]*"
_PAGE_NUMBER_RE = re.compile(rf"^{_S}(?:[-—–－─]+{_S}\d{{1,4}}{_S}[-—–－─]+|第{_S}\[?{_S}\d{{1,4}}{_S}\]?{_S}页"
                             rf"(?:{_S}共{_S}\[?{_S}\d{{1,4}}{_S}\]?{_S}页)?|\d{{1,4}}{_S}/{_S}\d{{1,4}}){_S}$")
_RUNNING_HEAD_RE = re.compile(r"公报|政报")
_RUNNING_HEAD_MIN = 3


def page_furniture(lines: list[Line]) -> set[int]:
    """Indices of the lines that are page furniture."""
    counts = Counter(line.text.strip() for line in lines)
    found = set()
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        if _PAGE_NUMBER_RE.match(text) or (counts[text] >= _RUNNING_HEAD_MIN and len(text) <= 40
                                           and _RUNNING_HEAD_RE.search(text) and not re.search("[。；;：:]", text)):
            found.add(index)
    return found
