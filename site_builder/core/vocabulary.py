"""The words every phase shares: roles of a department, kinds of time limit and of citation, 效力, and how the
site says that something was derived by the system. Constants only; each has this one home."""

from __future__ import annotations

# A department named responsible for a clause: it leads, shares the task (no lead stated), or supports.
LEAD, JOINT, SUPPORT = "牵头", "负责", "配合"
ROLE_ORDER = {LEAD: 0, JOINT: 1, SUPPORT: 2}
ROLE_NAMES = {LEAD: "牵头", JOINT: "共同负责", SUPPORT: "配合"}

# A time limit: done by a date, in force from a date (施行), or recurring (每季度).
BY, EFFECTIVE, RECURRING = "by", "effective", "recurring"

# What a sentence citing a 文号 does to it: cites it, repeals it (废止), or amends it (修订, or a partial repeal).
CITE, REPEAL, AMEND = "cite", "repeal", "amend"

# 效力 of a notice: the front matter may state any of STATUSES; citations imply the first three.
VALID, REPEALED, AMENDED, EXPIRED = "有效", "已废止", "已修订", "失效"
STATUSES = (VALID, REPEALED, AMENDED, EXPIRED)

# Everything the system reads out of the text rather than an editor stating it is marked as derived: the JSON
# API with DERIVED_NOTE, pages with it, and the department and deadline pages with DUTIES_NOTE, which says
# what was derived and that the gazette's own text prevails.
DERIVED_NOTE = "系统自动提取，仅供参考"
DUTIES_NOTE = "责任单位和时限由系统根据公报文本自动提取，仅供参考，以公报原文为准。"
