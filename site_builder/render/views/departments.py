"""Department pages: a directory by pinyin, one page per department with its tasks by notice, an .ics per department.

Everything here is derived from the notices' text and labelled as such (系统自动提取，仅供参考).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from site_builder.render import ical
from site_builder.core import slugs
from site_builder.core.config import SiteConfig
from site_builder.core.doctypes import full_title
from site_builder.core.vocabulary import DUTIES_NOTE, JOINT, LEAD, ROLE_NAMES, ROLE_ORDER, SUPPORT
from site_builder.core.model import Deadline, Library, Notice, Responsibility
from site_builder.render.views import BYTES, Keyed, Page, Producer, bytes_page, cn_date, feeds, page_context, \
    pagination, run_all, shown_key

KIND_NAMES = {"department": "市政府部门", "county": "县（市、区）", "group": "单位组", "body": "其他单位"}
LISTED = tuple(KIND_NAMES)


@dataclass(frozen=True, slots=True)
class Task:
    """A responsibility with the notice it stands in: what the department pages list."""

    notice: Notice
    duty: Responsibility
    deadlines: tuple[Deadline, ...]

    @property
    def url(self) -> str:
        return f"{self.notice.url}#{self.duty.anchor}" if self.duty.anchor else self.notice.url


def department_urls(library: Library) -> dict[str, str]:
    """Site-relative page of every listed department (not the [unlisted] or [expands] names)."""
    return {name: d.url for name, d in library.departments.items() if d.kind in LISTED}


def department_url(library: Library, name: str) -> str:
    department = library.departments.get(name)
    return department.url if department is not None and department.kind in LISTED else ""


def tasks_by_department(library: Library) -> dict[str, list[Task]]:
    """Every department's tasks, newest notice first, then lead before support, then in clause order."""
    return library.memo("tasks_by_department", lambda: _tasks_by_department(library))


def _tasks_by_department(library: Library) -> dict[str, list[Task]]:
    # Notices come newest first, so each department's list is in notice order as it is appended to: only each
    # notice's own duties need sorting (lead before support, then clause order), not the 250,000 tasks of 10,000.
    tasks: dict[str, list[Task]] = defaultdict(list)
    for notice in library.sorted_notices():
        duties = library.responsibilities.get(notice.slug, ())
        if not duties:
            continue
        limits = _limits_by_anchor(library.deadlines.get(notice.slug, ()))
        for duty in sorted(duties, key=lambda d: (ROLE_ORDER[d.role], d.line)):
            tasks[duty.department].append(Task(notice, duty, limits.get(duty.anchor, ())))
    return tasks


def _limits_by_anchor(found: tuple[Deadline, ...]) -> dict[str, tuple[Deadline, ...]]:
    by_anchor: dict[str, list[Deadline]] = defaultdict(list)
    for deadline in found:
        by_anchor[deadline.anchor].append(deadline)
    return {anchor: tuple(items) for anchor, items in by_anchor.items()}


def department_counts(library: Library, name: str) -> dict[str, int]:
    """A department's counts (the directory, its page and its API entry show them): made once a build."""
    found = library.memo("department_counts", lambda: {
        department: counts(tasks) for department, tasks in tasks_by_department(library).items()})
    return found.get(name) or counts([])


def counts(tasks: list[Task]) -> dict[str, int]:
    roles = {LEAD: 0, JOINT: 0, SUPPORT: 0}
    notices, limits = set(), set()
    for task in tasks:
        roles[task.duty.role] += 1
        notices.add(task.notice.slug)
        if task.deadlines:  # a limit counts once however many tasks of its clause name it, as _dated lists it
            slug = task.notice.slug
            limits.update((slug, d.anchor, d.text, d.context) for d in task.deadlines if d.due is not None)
    return {"lead": roles[LEAD], "joint": roles[JOINT], "support": roles[SUPPORT], "notices": len(notices),
            "deadlines": len(limits)}


def due_label(deadline: Deadline) -> str:
    """How precisely the text names the date: 2017年年底, 2016年9月底, or the day."""
    due = deadline.due
    if due is None:
        return deadline.period
    if deadline.precision == "year":
        return f"{due.year}年年底"
    if deadline.precision == "month" and (due + timedelta(days=1)).day == 1:
        return f"{due.year}年{due.month}月底"
    return f"{due.year}年{due.month}月{due.day}日"


def limit_view(deadline: Deadline) -> dict:
    return {"text": deadline.text, "kind": deadline.kind, "due": deadline.due.isoformat() if deadline.due else "",
            "due_cn": due_label(deadline), "period": deadline.period, "context": deadline.context}


def task_view(task: Task) -> dict:
    duty = task.duty
    return {"label": duty.label, "task": duty.task or task.notice.title, "url": task.url, "role": duty.role,
            "role_name": ROLE_NAMES[duty.role], "deadlines": [limit_view(d) for d in task.deadlines]}


def directory_page(library: Library, config: SiteConfig, urls: dict[str, str],
                   tasks: dict[str, list[Task]]) -> Page:
    letters: dict[str, list[dict]] = defaultdict(list)
    for name in sorted(urls, key=slugs.sort_key):
        department = library.departments[name]
        letters[slugs.initial(name)].append({
            "name": name, "url": urls[name], "kind": KIND_NAMES[department.kind],
            "aliases": list(department.aliases), "counts": department_counts(library, name),
        })
    path = "departments/index.html"
    context = page_context(config, path, "部门职责", "各部门在政府文件中牵头和配合的任务及完成时限",
                           [{"title": "部门职责", "url": path}])
    context.update(note=DUTIES_NOTE, letters=[{"letter": k, "entries": v} for k, v in sorted(letters.items())],
                   total=len(urls), timeline_url="timeline.html")
    return Page(path, "departments.html", context, deps=tuple(sorted(library.notices)))


def department_producers(library: Library, config: SiteConfig, name: str, url: str,
                         tasks: list[Task]) -> list[Keyed]:
    """One department: its pages of tasks grouped by notice (config.paginate notices a page) with their dated
    limits, each keyed by what it shows (so an edited notice remakes only the page that lists it), its feed (keyed
    by the newest notices) and its calendar (keyed by the notices with dated limits)."""
    department = library.departments[name]
    by_notice: dict[str, list[Task]] = {}
    for task in tasks:  # tasks come newest notice first: pages take whole notices in that order
        by_notice.setdefault(task.notice.slug, []).append(task)
    notices = list(by_notice)
    per_page = config.paginate
    count = max(1, math.ceil(len(notices) / per_page))
    stem = url.removesuffix(".html")
    paths = [url if n == 1 else f"{stem}-{n}.html" for n in range(1, count + 1)]
    dated = [slug for slug in notices if any(d.due for t in by_notice[slug] for d in t.deadlines)]
    has_dated = bool(dated)
    summary = department_counts(library, name)
    head = [repr(department), url, repr(sorted(summary.items())), str(has_dated), str(count)]
    group = f"department/{department.slug}"

    def page(n: int) -> list[Page]:
        path, shown = paths[n - 1], notices[(n - 1) * per_page: n * per_page]
        title = name if n == 1 else f"{name}（第{n}页）"
        context = page_context(config, path, title, f"{name}在政府文件中牵头和配合的任务及完成时限",
                               [{"title": "部门职责", "url": "departments/index.html"}])
        listed = [task for slug in shown for task in by_notice[slug]]
        context.update(
            note=DUTIES_NOTE,
            department={"name": name, "kind": KIND_NAMES[department.kind], "aliases": list(department.aliases),
                        "counts": summary, "ical_url": f"{stem}.ics" if has_dated else ""},
            groups=_groups(listed),
            limits=_dated(listed),
            pagination=pagination(paths, n),
            feed=feeds.link(config, url, name),
        )
        return [Page(path, "department.html", context, deps=tuple(sorted(shown)))]

    out = [Keyed(f"{group}/{n}", shown_key(library, [*head, str(n)], notices[(n - 1) * per_page: n * per_page]),
                 lambda n=n: page(n)) for n in range(1, count + 1)]
    out.append(Keyed(f"{group}/feed", shown_key(library, [*head, "feed"], notices[: config.latest]), lambda: [
        feeds.facet_feed(config, library, [library.notices[slug] for slug in notices], url, name)]))
    out.append(Keyed(f"{group}/calendar", shown_key(library, [repr(department), url, "calendar"], dated), lambda: [
        bytes_page(path, data) for path, data in calendar_files(library, config, only=name).items()]))
    return out


def _dated(tasks: list[Task]) -> list[dict]:
    """The dated limits of the tasks on one page, by date; a limit named for several tasks of a clause once."""
    seen: dict[tuple, tuple[Task, Deadline]] = {}
    for task in tasks:
        for limit in task.deadlines:
            if limit.due is not None:
                seen.setdefault((task.notice.slug, limit.anchor, limit.text, limit.context), (task, limit))
    ordered = sorted(seen.values(), key=lambda item: (item[1].due, item[0].notice.date, item[0].duty.line))
    return [{**limit_view(limit), "url": task.url, "label": task.duty.label, "task": task.duty.task or task.notice.title,
             "doc_number": str(task.notice.doc_number), "role_name": ROLE_NAMES[task.duty.role]}
            for task, limit in ordered]


def _groups(tasks: list[Task]) -> list[dict]:
    groups: dict[str, dict] = {}
    for task in tasks:
        notice = task.notice
        group = groups.setdefault(notice.slug, {
            "title": notice.title, "doc_number": str(notice.doc_number), "url": notice.url,
            "date": notice.date.isoformat(), "date_cn": cn_date(notice.date), "roles": {}})
        group["roles"].setdefault(task.duty.role, []).append(task_view(task))
    return [{**g, "roles": [{"role": role, "name": ROLE_NAMES[role], "tasks": items}
                            for role, items in sorted(g["roles"].items(), key=lambda kv: ROLE_ORDER[kv[0]])]}
            for g in groups.values()]


def pages(library: Library, config: SiteConfig) -> list[Page]:
    """The department pages (the producers also make each department's calendar and feed)."""
    return [page for page in run_all(producers(library, config)) if page.template not in (BYTES, feeds.TEMPLATE)]


def producers(library: Library, config: SiteConfig) -> list[Producer]:
    """The directory, then each department's pages, feed and calendar, each keyed by what it shows."""
    urls = department_urls(library)
    tasks = tasks_by_department(library)  # made here, before the workers fork, so they share it
    out: list[Producer] = [lambda: [directory_page(library, config, urls, tasks)]]
    for name in sorted(urls, key=slugs.sort_key):
        out.extend(department_producers(library, config, name, urls[name], tasks.get(name, [])))
    return out


def department_keys(library: Library) -> dict[str, str]:
    """Listed department → a digest of all its page, feed, calendar and API file show: the department as
    departments.toml names it, and of each notice it has tasks in (in their order) its public facts (which cover
    the duties and limits read from it: analyse/departments.py takes them as they are) and 效力."""
    return library.memo("department_keys", lambda: _department_keys(library))


def _department_keys(library: Library) -> dict[str, str]:
    tasks = tasks_by_department(library)
    return {name: shown_key(library, [repr(library.departments[name]), url],
                            dict.fromkeys(task.notice.slug for task in tasks.get(name, [])))
            for name, url in department_urls(library).items()}


def calendar_files(library: Library, config: SiteConfig, only: str | None = None) -> dict[str, bytes]:
    """departments/<slug>.ics: one all-day event per dated limit in a clause the department is named for."""
    urls = department_urls(library)
    files = {}
    for name, tasks in tasks_by_department(library).items():
        if name not in urls or (only is not None and name != only):
            continue
        events = {}
        for task in tasks:
            for limit in task.deadlines:
                if limit.due is None:
                    continue
                identity = "|".join((name, task.notice.slug, limit.anchor, limit.text, limit.due.isoformat()))
                where = f"{task.notice.doc_number} {task.duty.label}".strip()
                events[identity] = ical.Event(
                    due=limit.due, summary=f"【{ROLE_NAMES[task.duty.role]}】{limit.text}：{task.duty.task or task.notice.title}",
                    description=f"{where}：{limit.context}\n{full_title(task.notice.issuer, task.notice.title)}\n{DUTIES_NOTE}",
                    url=config.absolute(task.url), stamp=task.notice.publish_date, identity=identity)
        if events:
            files[urls[name].removesuffix(".html") + ".ics"] = ical.calendar(
                f"{name} · {config.name}", list(events.values()), config.domain)
    return files


def notice_duties(library: Library, notice: Notice) -> list[dict]:
    """The notice page's 责任分工 block: a row per clause (or table task) with its departments by role and limits."""
    limits = _limits_by_anchor(library.deadlines.get(notice.slug, ()))
    rows: dict[tuple[str, str], dict] = {}
    for duty in sorted(library.responsibilities.get(notice.slug, ()), key=lambda d: d.line):
        row = rows.setdefault((duty.anchor, duty.task), {
            "label": duty.label, "task": duty.task or notice.title, "line": duty.line,
            "url": f"#{duty.anchor}" if duty.anchor else "#main", "roles": {},
            "deadlines": [limit_view(d) for d in limits.get(duty.anchor, ())]})
        row["roles"].setdefault(duty.role, []).append({"name": duty.department,
                                                    "url": department_url(library, duty.department)})
    return [{**row, "roles": [{"role": role, "name": ROLE_NAMES[role], "departments": names}
                              for role, names in sorted(row["roles"].items(), key=lambda kv: ROLE_ORDER[kv[0]])]}
            for row in rows.values()]


def notice_departments(library: Library, notice: Notice) -> list[dict]:
    """For the API: [{name, role, anchor}] in the order the notice names them."""
    return [{"name": d.department, "role": d.role, "anchor": d.anchor}
            for d in library.responsibilities.get(notice.slug, ())]
