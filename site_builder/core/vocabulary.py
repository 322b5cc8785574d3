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

# 效力 of a notice as of a date: not yet in force (施行日期 ahead), in force, in force but partly amended, past its
# 有效期, repealed. The front matter may state any of STATUSES (older spellings are read as their STATUS_ALIASES).
NOT_YET, VALID, AMENDED, EXPIRED, REPEALED = "尚未生效", "有效", "已修改", "已失效", "已废止"
STATUSES = (NOT_YET, VALID, AMENDED, EXPIRED, REPEALED)
STATUS_ALIASES = {"已修订": AMENDED, "失效": EXPIRED, "现行有效": VALID}
IN_FORCE = (VALID, AMENDED)  # what the 现行有效 library lists

# What one document does to another (an "effect", after legislation.gov.uk): amends it (修改: 将第X条修改为, or a
# part of it repealed), repeals it (废止, 停止执行), or takes precedence over it where they differ (替代: 以本…为准).
MODIFY, ABOLISH, SUPERSEDE = "修改", "废止", "替代"
EFFECT_KINDS = (MODIFY, ABOLISH, SUPERSEDE)

# What an interpretation (政策解读) is: its 类型 on gov.cn's policy pages.
INTERPRETATION_KINDS = ("文字解读", "图解", "问答", "音视频")
# The search page's 类型 filter: a policy document or an interpretation of one.
POLICY_TYPE, INTERPRETATION_TYPE = "政策文件", "政策解读"

# Everything the system reads out of the text rather than an editor stating it is marked as derived: the JSON
# API with DERIVED_NOTE, pages with it, and the department and deadline pages with DUTIES_NOTE, which says
# what was derived and that the gazette's own text prevails.
DERIVED_NOTE = "系统自动提取，仅供参考"
DUTIES_NOTE = "责任单位和时限由系统根据公报文本自动提取，仅供参考，以公报原文为准。"
