"""The end of a document's own text, and who it says issued it: signature (落款) and 成文日期; the title's prefix.

Pure. The 成文日期 is the first line after the head that is only a date: attachments, forwarded documents and
the regulation a decree publishes come after it, with dates and 文号 of their own that are not the document's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .classify import CJK, SPACES, marker, strip_spaces
from .dates import DATE, bare_date_readings, is_date_line
from .layouts import ORG_END, ORG_RE, is_org_line
from .model import Line

_MAX_SIGNATURE_LINES = 3
# What comes between a title's issuer and its subject: 国务院关于…, 国务院办公厅转发…, 中共X委办公室X办公室印发….
_PREFIX_RE = re.compile(rf"^(?P<org>[{CJK}、{SPACES}（）()]{{2,60}}?{ORG_END})[{SPACES}]*(?=关于|印发|转发|批转|对|同意)")


# A signature and date run into the end of the text's last line: …现予公布。 部 长 李盛霖 二○○六年七月五日.
_RUN_IN_RE = re.compile(rf"[。！？][{SPACES}]*(?P<signature>[^。！？]+?)[{SPACES}]+(?P<date>{DATE})[{SPACES}]*$")


@dataclass(frozen=True)
class Closing:
    signature: tuple[int, ...]  # indices of the signature lines (may be none)
    date_index: int  # index of the 成文日期 line
    date_text: str  # the date as printed on it (the whole line, but for a date run into the text's last line)


def find_closing(lines: list[Line], start: int, end: int) -> Closing | None:
    """The signature and date that close the text lines[start:end], or None when no line there is a date.

    A date printed without its 年月日 (2017919) counts right under a signature; a date run into the end of a
    sentence after a signature (…现予公布。 部长 李盛霖 二○○六年七月五日) when no line is a date.
    """
    for index in range(start, end):
        text = lines[index].text
        signature = _signature_above(lines, start, index)
        if is_date_line(text) or (bare_date_readings(text) and signature):
            return Closing(tuple(signature), index, text)
    for index in range(start, end):
        found = _RUN_IN_RE.search(lines[index].text)
        if found and is_signature_line(found["signature"]):
            return Closing((), index, found["date"])
        following = index + 1  # or run on to the next line, the date cut by a line break (…二○○六年 / 七月五日)
        found = _RUN_IN_RE.search(lines[index].text.rstrip() + lines[following].text.strip()) if following < end \
            else None
        if found and is_signature_line(found["signature"]) and not _RUN_IN_RE.search(lines[index].text):
            return Closing((), following, found["date"])
    return None


def _signature_above(lines: list[Line], start: int, index: int) -> list[int]:
    signature: list[int] = []
    position = index - 1
    while position >= start and len(signature) < _MAX_SIGNATURE_LINES:
        text = lines[position].text.strip()
        if text and not is_signature_line(text):
            break
        if text:
            signature.insert(0, position)
        position -= 1
    return signature


def is_signature_line(text: str) -> bool:
    """An organisation's name, or a post and a name (总理李鹏, 市长　龚正, 省长), letter-spaced or not."""
    bare = strip_spaces(text)
    return (0 < len(bare) <= 40 and not re.search(r"[。；;：:，,、！？!?《》“”]", text) and not marker(bare)
            and bool(re.search(f"[{CJK}]", bare)))


def signature_orgs(lines: list[Line], closing: Closing | None) -> list[str]:
    """The organisations a signature names, in print order: 国务院办公厅　中央军委办公厅 → two."""
    names: list[str] = []
    for index in closing.signature if closing else ():
        text = lines[index].text.strip()
        if is_org_line(text):
            names.extend(name for name in re.split(f"[{SPACES}]+", text) if name)
        elif ORG_RE.match(strip_spaces(text)):  # 国 务 院: letter-spaced
            names.append(strip_spaces(text))
    return names


def split_orgs(text: str) -> list[str]:
    return [name for name in re.split(f"[、{SPACES}]+", text.strip()) if name]


def title_prefix(title: str) -> str:
    """The issuer a title starts with (国务院办公厅 in 国务院办公厅关于…), or ""."""
    found = _PREFIX_RE.match(title)
    return found["org"] if found else ""


def joint(names: list[str]) -> str:
    """Joint issuers separated by 、, as gov.cn's 发文机关 field and the titles write them (国务院办公厅、中央军委办公厅)."""
    return "、".join(names)
