"""content/departments.toml and content/topics.toml → Department and TopicScheme data, with diagnostics.

Parsing is pure (text in, data out); `load_departments` and `load_topic_scheme` are the only file reads.
TOML is read by core/toml_lines.py, which finds the line of each key.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from dataclasses import replace

from site_builder.core import slugs, toml_lines
from site_builder.core.toml_lines import KeyLines
from site_builder.load import theme
from site_builder.load.files import Unreadable, read_limited
from site_builder.core.diagnostics import Diagnostic
from site_builder.core.text import clean_data
from site_builder.core.model import Department, Topic, TopicScheme

DEPARTMENTS_FILE = "departments.toml"
TOPICS_FILE = "topics.toml"

# departments.toml section → Department.kind
SECTIONS = {"departments": "department", "counties": "county", "groups": "group", "bodies": "body",
            "expands": "expands", "unlisted": "unlisted"}
TOPIC_SETTINGS = {"max_topics": 2, "min_score": 3, "title_weight": 10}


def _read_toml(path: str, text: str, code: str) -> tuple[dict | None, KeyLines, list[Diagnostic]]:
    raw, lines, (line, problem) = toml_lines.parse(text)
    if raw is None:
        return None, KeyLines(""), [Diagnostic(path, line, code, f"not valid TOML: {problem}",
                                               'names with Chinese punctuation need quotes: "市发展改革委" = ["市发改委"]')]
    data, changed = clean_data(raw)
    if not changed:
        return data, lines, []
    escape = re.search(r"\\[ux0-9bf]", text)  # the first escape that could have made one
    line = text.count("\n", 0, escape.start()) + 1 if escape else 1
    return data, lines, [Diagnostic(path, line, "W606", f"{changed} name(s) held invisible or bidirectional control "
                             "characters: removed", "retype those names")]


def parse_departments(path: str, text: str) -> tuple[dict[str, Department], list[Diagnostic]]:
    """departments.toml text → departments by canonical name. A name or alias may belong to one entry only."""
    data, lines, diagnostics = _read_toml(path, text, "E601")
    if data is None:
        return {}, diagnostics
    departments: dict[str, Department] = {}
    owner: dict[str, tuple[str, int]] = {}  # every name and alias → (its department, line)
    for section, entries in data.items():
        if section not in SECTIONS:
            close = difflib.get_close_matches(section, list(SECTIONS), n=1)
            diagnostics.append(Diagnostic(path, lines.of(section), "W602", f"unknown section [{section}] is ignored",
                                          f"did you mean [{close[0]}]?" if close else
                                          "sections: " + ", ".join(f"[{s}]" for s in SECTIONS)))
            continue
        if not isinstance(entries, dict):
            diagnostics.append(Diagnostic(path, lines.of(section), "E603", f"'{section}' must be a table",
                                          f'write [{section}] and below it "名称" = ["别名", …]'))
            continue
        for name, value in entries.items():
            line = lines.of(section, name)
            entry, problem = _entry(section, name.strip(), value, line)
            if problem:
                diagnostics.append(Diagnostic(path, line, "E603", problem[0], problem[1]))
                continue
            for alias in (entry.name,) if entry.kind == "expands" else (entry.name, *entry.aliases):
                first = owner.setdefault(alias, (entry.name, line))
                if first[0] != entry.name:
                    diagnostics.append(Diagnostic(
                        path, line, "E604", f"'{alias}' is already a name or alias of '{first[0]}' (line {first[1]})",
                        "a name may stand for one department only; remove one of them"))
            departments.setdefault(entry.name, entry)
    for entry in departments.values():
        if entry.kind != "expands":
            continue
        for target in entry.aliases:
            if departments.get(target) is None or departments[target].kind in ("expands", "unlisted"):
                diagnostics.append(Diagnostic(path, entry.line, "E605", f"'{entry.name}' stands for '{target}', "
                                              "which is no department of this file",
                                              "list the canonical names (the keys) it stands for"))
    pages = [name for name, d in departments.items() if d.kind not in ("expands", "unlisted")]
    for name, slug in slugs.unique_slugs(pages).items():
        departments[name] = replace(departments[name], slug=slug)
    return departments, diagnostics


def _entry(section: str, name: str, value, line: int) -> tuple[Department, tuple[str, str] | None]:
    kind = SECTIONS[section]
    if not name:
        return Department(name, kind), ("empty department name", "write the name between the quotes")
    if kind == "unlisted":
        if not isinstance(value, str) or not value.strip():
            return Department(name, kind), (f"'{name}' in [unlisted] needs the reason it is no department",
                                            f'"{name}" = "泛指，不是具体部门"')
        return Department(name, kind, line=line, note=value.strip()), None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return Department(name, kind), (f"the aliases of '{name}' must be a list of names",
                                        f'"{name}" = ["简称", "全称"], or [] for none')
    aliases = tuple(dict.fromkeys(v.strip() for v in value if v.strip() != name))
    if kind == "expands" and not aliases:
        return Department(name, kind), (f"'{name}' in [expands] must list the departments it stands for",
                                        f'"{name}" = ["各县（市、区）人民政府", "各开发区管委会"]')
    return Department(name, kind, aliases, line), None


def parse_topic_scheme(path: str, text: str) -> tuple[TopicScheme, list[Diagnostic]]:
    """topics.toml text → the 主题分类 tree with keyword rules. Top-level keys are settings; tables are categories."""
    data, lines, diagnostics = _read_toml(path, text, "E611")
    if data is None:
        return TopicScheme(), diagnostics
    settings = dict(TOPIC_SETTINGS)
    topics: list[Topic] = []
    for key, value in data.items():
        if not isinstance(value, dict):
            if key in TOPIC_SETTINGS and isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                settings[key] = value
            elif key in TOPIC_SETTINGS:
                diagnostics.append(Diagnostic(path, lines.of("", key), "E612",
                                              f"{key} must be a whole number above 0, not {value!r}"))
            else:
                diagnostics.append(Diagnostic(path, lines.of("", key), "E612", f"unknown setting '{key}'",
                                              "settings: " + ", ".join(TOPIC_SETTINGS) +
                                              f'; a category is a table: ["{key}"]'))
            continue
        topics.append(Topic(key.strip(), line=lines.of(key)))
        for name, keywords in value.items():
            line = lines.of(key, name)
            if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
                diagnostics.append(Diagnostic(path, line, "E613", f"the keywords of '{key}\\{name}' must be a list "
                                              "of words", f'"{name}" = ["关键词", …], or [] for none'))
                continue
            topics.append(Topic(name.strip(), key.strip(), tuple(k.strip() for k in keywords), line))
    scheme = TopicScheme(_with_slugs(topics), **settings)
    if topics and scheme.get(scheme.fallback) is None:
        diagnostics.append(Diagnostic(path, 1, "E614", f'no ["{scheme.fallback}"] category',
                                      "notices that match no rule are filed under it; add it at the end"))
    return scheme, diagnostics


def _with_slugs(topics: list[Topic]) -> tuple[Topic, ...]:
    """topics/<category>.html and topics/<category>/<subcategory>.html, from the pinyin of the names."""
    categories = slugs.unique_slugs([t.name for t in topics if not t.parent], "-")
    children: dict[str, list[str]] = {}
    for topic in topics:
        if topic.parent:
            children.setdefault(topic.parent, []).append(topic.name)
    child_slugs = {parent: slugs.unique_slugs(names, "-") for parent, names in children.items()}
    return tuple(replace(t, slug=f"{categories[t.parent]}/{child_slugs[t.parent][t.name]}" if t.parent
                         else categories[t.name]) for t in topics)


def load_departments(root: Path, content_dir: Path) -> tuple[dict[str, Department], list[Diagnostic]]:
    text, path, diagnostics = _read(root, content_dir / DEPARTMENTS_FILE)
    if text is None:
        return {}, diagnostics
    departments, found = parse_departments(path, text)
    return departments, diagnostics + found


def load_topic_scheme(root: Path, content_dir: Path) -> tuple[TopicScheme, list[Diagnostic]]:
    text, path, diagnostics = _read(root, content_dir / TOPICS_FILE)
    if text is None:
        fallback = TopicScheme((Topic("其他", slug="qita"),))
        if not diagnostics:
            diagnostics = [Diagnostic(path, 1, "W615", "no topics file: every notice is filed under 其他",
                                      f"copy the built-in rules: {theme.builtin_file('content/topics.toml')}")]
        return fallback, diagnostics
    scheme, found = parse_topic_scheme(path, text)
    return scheme, diagnostics + found


def _read(root: Path, file: Path) -> tuple[str | None, str, list[Diagnostic]]:
    try:
        path = file.relative_to(root).as_posix()
    except ValueError:
        path = file.as_posix()
    if not file.exists():
        return None, path, []
    try:
        return read_limited(file).decode("utf-8-sig"), path, []
    except UnicodeDecodeError:
        return None, path, [Diagnostic(path, 1, "E600", "file is not valid UTF-8", "save it as UTF-8")]
    except Unreadable as exc:
        return None, path, [Diagnostic(path, 1, "E600", f"cannot read file: {exc.reason}")]
