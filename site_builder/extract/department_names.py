"""Department names: aliases from content/departments.toml, lists split as printed, shared prefixes carried. Pure.

`市发展改革委、财政局、国土资源局` is three names, 市发展改革委, 市财政局 and 市国土资源局; `市发改委` and
`郑州市发展和改革委员会` are both 市发展改革委; `各县(市、区)` is the group 各县（市、区）人民政府.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from site_builder.core.model import Department

_NOTE_RE = re.compile(r"[（(][^（()）]*(?:为牵头|下同|以下简称|为配合)[^（()）]*[）)]")
_END_RE = re.compile(r"等(?:有关|相关)?(?:单位|部门|成员单位)?$")
_SEPARATORS = "、，,；;"
_SPLIT_RE = re.compile(f"[{_SEPARATORS}]")
# A name that starts with one of these names its own level of government; others inherit the list's prefix.
_OWN_PREFIXES = ("市", "各", "郑州", "河南", "省", "中国", "国家", "驻", "相关", "有关", "全市", "县")
# The prefixes a name passes on to the names after it, most specific first (市委组织部、人社局 → 市人社局).
_CHAINS = {"市人民政府": ("市人民政府", "市政府", "市"), "市政府": ("市政府", "市"), "市委": ("市委", "市"),
           "市": ("市",), "各": ("各",)}


def key(name: str) -> str:
    """Matching form of a name: full-width forms folded (（→(), spaces dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


class Directory:
    """Names and aliases → canonical department names, from content/departments.toml."""

    def __init__(self, departments: dict[str, Department]):
        self.departments = departments
        self._names: dict[str, str] = {}
        for department in departments.values():
            self._names[key(department.name)] = department.name
            if department.kind != "expands":
                for alias in department.aliases:
                    self._names.setdefault(key(alias), department.name)
        self.known = sorted(self._names)
        self._resolved: dict[str, tuple[str, ...] | None] = {}  # the same names recur in every notice

    def resolve(self, name: str) -> tuple[str, ...] | None:
        """The canonical names a written name stands for: () for an unlisted (generic) name, None if unknown."""
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name)
        return self._resolved[name]

    def _resolve(self, name: str) -> tuple[str, ...] | None:
        canonical = self._names.get(key(name))
        if canonical is None:
            return None
        department = self.departments[canonical]
        if department.kind == "unlisted":
            return ()
        if department.kind == "expands":
            return department.aliases
        return (canonical,)

    def suggest(self, name: str) -> str:
        close = difflib.get_close_matches(key(name), self.known, n=1, cutoff=0.6)
        return self._names[close[0]] if close else ""


def split_names(text: str) -> list[str]:
    """`A、B，C` → [A, B, C]; separators inside parentheses (各县（市、区）) do not split."""
    text = _NOTE_RE.sub("", text)
    if not any(char in text for char in "（("):
        return _clean(_SPLIT_RE.split(text))
    parts, depth, current = [], 0, []
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and char in _SEPARATORS:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return _clean(parts)


def _clean(parts: list[str]) -> list[str]:
    cleaned = [_END_RE.sub("", part.strip(" \t。.：:")).strip() for part in parts]
    return [part for part in cleaned if part]


class Names:
    """Reads the names of one list, carrying the shared prefix (市发展改革委、财政局 → 市财政局) along it."""

    def __init__(self, directory: Directory):
        self.directory = directory
        self.prefixes: tuple[str, ...] = ()

    def read(self, raw: str) -> tuple[str, tuple[str, ...] | None]:
        """(the name as meant, its canonical names, or None if it is unknown)."""
        raw = raw.strip()
        if raw.startswith(_OWN_PREFIXES):
            prefix = next((p for p in _CHAINS if raw.startswith(p)), None)
            self.prefixes = _CHAINS[prefix] if prefix is not None else ()
            return raw, self.directory.resolve(raw)
        for prefix in self.prefixes:
            found = self.directory.resolve(prefix + raw)
            if found is not None:
                return prefix + raw, found
        found = self.directory.resolve(raw)
        if found is not None or not self.prefixes:
            return raw, found
        return self.prefixes[-1] + raw, None

    def names(self, text: str) -> list[tuple[str, tuple[str, ...] | None]]:
        """Every name of a printed list; `A和B` is two names when both are known and the whole is not."""
        found = []
        for raw in split_names(text):
            written, resolved = self.read(raw)
            parts = [part for part in re.split(r"以及|和|及", raw) if part] if resolved is None else []
            if len(parts) > 1:
                read = [self.read(part) for part in parts]
                if all(resolved is not None for _, resolved in read):
                    found.extend(read)
                    continue
            found.append((written, resolved))
        return found
