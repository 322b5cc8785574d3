"""政策解读 meet their policies: each 解读 linked to the notices it names, and what 政务公开 asks of them. Pure.

A 解读 naming a 文号 the site does not hold is an error (E123, its file and line): its link would go nowhere. Two
warnings follow the 政务公开 rules that a policy and its 解读 be published together: a normative notice (办法, 规定,
细则, 意见) with no 解读 (W140), and a 解读 published more than 3 working days after its
policy (W141). Working days
are Monday to Friday: public holidays and the weekends worked in their place are not known to the build.
"""

from __future__ import annotations

from datetime import date, timedelta

from site_builder.core.diagnostics import Diagnostic
from site_builder.core.doctypes import doc_type, enclosed_type
from site_builder.core.model import Library, Notice

NORMATIVE = ("办法", "规定", "细则", "意见")  # the kinds of 规范性文件 a 解读 is asked for
WORKING_DAYS = 3
REPORTED = 10  # notices without a 解读 named one by one; the rest are counted in one warning


def analyse(library: Library) -> list[Diagnostic]:
    """library.interpreted from the 解读' `interprets`, and the diagnostics."""
    found: list[Diagnostic] = []
    interpreted: dict[str, list[str]] = {}
    for item in sorted(library.interpretations.values(), key=lambda i: (i.date, i.slug)):
        for number, line in zip(item.interprets, item.interprets_lines):
            slug = library.slug_for(number)
            if slug is None:
                found.append(Diagnostic(item.path, line, "E123", f"interprets (解读的文件) {number}, which is not "
                                        "a notice of this site", "check the 文号, or add the notice to content/notices/"))
                continue
            interpreted.setdefault(slug, []).append(item.slug)
            policy = library.notices[slug]
            due = add_working_days(policy.publish_date, WORKING_DAYS)
            if item.date > due:
                found.append(Diagnostic(item.path, item.line_of("date"), "W141",
                                        f"published {item.date.isoformat()}, more than {WORKING_DAYS} working days "
                                        f"after {number} ({policy.publish_date.isoformat()})",
                                        f"a 解读 is due with its policy, by {due.isoformat()} at the latest"))
    library.interpreted = {slug: tuple(items) for slug, items in sorted(interpreted.items())}
    # Ten named, the rest counted in one line: a site that publishes no 解读 yet is told once, not per notice.
    missing = [n for n in sorted(library.notices.values(), key=lambda n: n.path)
               if is_normative(n) and n.slug not in library.interpreted]
    for notice in missing[:REPORTED]:
        found.append(Diagnostic(notice.path, notice.line_of("title"), "W140",
                                f"{notice.doc_number} is a {normative_kind(notice)} with no 政策解读",
                                "publish one with it: content/interpretations/*.md with 'interprets: "
                                f"{notice.doc_number}'"))
    if len(missing) > REPORTED:
        first = missing[REPORTED]
        found.append(Diagnostic(first.path, first.line_of("title"), "W140",
                                f"{len(missing) - REPORTED} more 规范性文件 (办法, 规定, 细则, 意见) have no 政策解读",
                                "api/notices.json lists each notice's 'interpretations'"))
    return found


def normative_kind(notice: Notice) -> str:
    """The kind of 规范性文件 a notice is or 印发s (办法, 规定, 细则, 意见), "" for any other."""
    for kind in (enclosed_type(notice.title), doc_type(notice.title)):
        if kind in NORMATIVE:
            return kind
    return ""


def is_normative(notice: Notice) -> bool:
    return bool(normative_kind(notice))


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days (Monday to Friday) after start."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current
