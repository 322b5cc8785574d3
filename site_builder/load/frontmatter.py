"""Split a notice file into YAML front matter and body, and read the YAML safely. Pure: bytes in, data out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from site_builder.core.diagnostics import Diagnostic
from site_builder.core.text import FORBIDDEN_RE, has_forbidden

try:  # the C loader is ~10× faster; fall back so a machine without libyaml still builds
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text: the loader checks them and names the key when one is wrong."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

_KEY_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")


@dataclass(frozen=True)
class Split:
    meta: dict
    body: str
    body_line: int  # first line of the body (1-based)
    key_lines: dict[str, int]
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)  # a list's key → line of each item


def decode(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 (a BOM is dropped), normalise CRLF and CR to LF."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Diagnostic(path, line, "E101", f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                       "save the file as UTF-8; GBK/GB18030 files must be converted")
        ]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not has_forbidden(data):
        return text, []
    return strip_forbidden(path, text)


def strip_forbidden(path: str, text: str) -> tuple[str, list[Diagnostic]]:
    """Remove the characters HTML forbids, with one warning on the line of the first."""
    first = FORBIDDEN_RE.search(text)
    if first is None:
        return text, []
    cleaned, count = FORBIDDEN_RE.subn("", text)
    line = text.count("\n", 0, first.start()) + 1
    return cleaned, [Diagnostic(path, line, "W102", f"{count} control character(s) removed, the first "
                                f"U+{ord(first[0]):04X}", "they are invisible and not allowed in a web page")]


def split(path: str, text: str) -> tuple[Split | None, list[Diagnostic]]:
    if not text.strip():
        return None, [Diagnostic(path, 1, "E102", "file is empty", "a notice needs front matter and a body")]
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [Diagnostic(path, 1, "E103", "no front matter: the file must start with a line '---'",
                                 "see docs/content-format.md")]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None, [Diagnostic(path, 1, "E104", "front matter is not closed: no second '---' line",
                                 "add a line '---' after the last key")]
    yaml_text = "\n".join(lines[1:end])
    meta, diagnostics, item_lines = _load_yaml(path, yaml_text, first_line=2)
    if meta is None:
        return None, diagnostics
    key_lines: dict[str, int] = {}
    for offset, line in enumerate(lines[1:end]):
        match = _KEY_RE.match(line)
        if match and match[1] not in key_lines:
            key_lines[match[1]] = offset + 2
    body = "\n".join(lines[end + 1:])
    return Split(meta, body, end + 2, key_lines, item_lines), diagnostics


def _load_yaml(path: str, text: str, first_line: int) -> tuple[dict | None, list[Diagnostic], dict]:
    """The mapping, its diagnostics, and the line of each item of its lists (key → lines)."""
    items: dict[str, tuple[int, ...]] = {}
    try:
        if "*" in text and _has_alias(text):
            # Aliases make "billion laughs" bombs possible and have no use in a notice's metadata.
            return None, [Diagnostic(path, _alias_line(text) + first_line, "E106",
                                     "YAML aliases (*name) are not allowed in front matter",
                                     "write the value out in full")], items
        meta, duplicate, items = _construct(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if "end of stream" in problem and exc.context and exc.context_mark:
            # An unclosed quote or bracket fails at the end: point at where it was opened instead.
            mark, problem = exc.context_mark, f"{problem} {exc.context}"
        line = (mark.line if mark else 0) + first_line
        return None, [Diagnostic(path, line, "E105", f"front matter is not valid YAML: {problem}",
                                 "check quotes and the ':' after each key")], items
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return None, [Diagnostic(path, first_line, "E105", f"front matter is not valid YAML: {exc}")], items
    if duplicate:
        key, first, again = duplicate
        return None, [Diagnostic(path, again + first_line, "E107",
                                 f"key '{key}' appears twice in the front matter (first on line {first + first_line})",
                                 "keep one; YAML would silently use the last")], items
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [Diagnostic(path, first_line, "E105", "front matter is not a mapping of keys to values",
                                 "write one 'key: value' per line")], items
    return meta, [], {key: tuple(line + first_line for line in lines) for key, lines in items.items()}


def _construct(text: str):
    """yaml.load, plus the first top-level key written twice (key, first line, second line; 0-based) and the line
    of each item of a top-level list (key → lines, 0-based)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        duplicate = None
        items: dict[str, tuple[int, ...]] = {}
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                if key.value in seen and duplicate is None:
                    duplicate = (key.value, seen[key.value], key.start_mark.line)
                seen.setdefault(key.value, key.start_mark.line)
                if isinstance(value, yaml.SequenceNode):
                    items.setdefault(key.value, tuple(item.start_mark.line for item in value.value))
        return (loader.construct_document(node) if node is not None else None), duplicate, items
    finally:
        loader.dispose()


def _has_alias(text: str) -> bool:
    return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=_Loader))


def _alias_line(text: str) -> int:
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line if event.start_mark else 0
    return 0
