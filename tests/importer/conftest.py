"""Fixtures for the importer tests: the embedded gazette (skipped when absent) and small inline gazettes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GAZETTE = REPO / ".." / "shared" / "gazette" / "zhengzhou-gazette-2016-08.txt"
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Two notices that show the common damage: a title cut by a stray space, a paragraph cut by a page break,
# a 文号 with ASCII brackets and its date on the next line, 主送机关 over two lines, a personnel list.
MINI = """郑州市人民政府

关于全面落实粮食安全省长责任制的 实施意见

郑政〔2016〕24号 2016年8月1日

各县（市、区）人民政府，市人民政府有关部门：

为全面贯彻落实粮食安全责任制，现提出如下实施意见。

一、明确和落实粮食安全责任

（一）明确县（市、区）政府粮食安全责任

粮食安全市长责任制是市政府统一领导下

的粮食安全县（市、区）长责任制。

责任单位：市粮食局、市物价局、

中国农业发展银行河南省分行营业部（列第一位的为牵头单位，下同）

郑州市人民政府办公厅 关于建立郑州市企业信用信息归集共享
工作联席会议制度的通知

郑政办文[2016]63 号
2016 年 8 月 22 日

各县（市、区）人民政府，市人民政府各部门，
各有关单位：

召集人：薛云伟 市委常委、副市长

副召集人：李杰 市政府副秘书长

吴凤军 市工商局局长

联席会议下设办公室，办公室设在市工商局。
"""


@pytest.fixture
def gazette_text() -> str:
    if not GAZETTE.is_file():
        pytest.skip(f"the embedded gazette is not at {GAZETTE}")
    return GAZETTE.read_text(encoding="utf-8")


@pytest.fixture
def mini(tmp_path) -> Path:
    path = tmp_path / "mini.txt"
    path.write_text(MINI, encoding="utf-8")
    return path


def cjk(text: str) -> str:
    return "".join(CJK_RE.findall(text))


def split_notice(text: str) -> tuple[str, str]:
    """(front matter, body) of a notice file."""
    _, front, body = text.split("---\n", 2)
    return front, body
