"""The one reader of our TOML files (site.toml, departments.toml, topics.toml): data, and where each key stands.

tomllib does not report the line of a key, so lines are found by scanning the text (`KeyLines`). Pure.
"""

from __future__ import annotations

import re
import tomllib


class KeyLines:
    """Line of each `[table]` and `key =` in a TOML text, for diagnostics."""

    _TABLE = re.compile(r'^\s*\[\s*"?(?P<name>[^"\]]+?)"?\s*\]\s*(?:#.*)?$')
    _KEY = re.compile(r'^\s*(?:"(?P<quoted>[^"]+)"|(?P<bare>[A-Za-z0-9_-]+))\s*=')

    def __init__(self, text: str):
        self.lines: dict[tuple[str, str], int] = {}
        table = ""
        for number, line in enumerate(text.split("\n"), start=1):
            found = self._TABLE.match(line)
            if found:
                table = found["name"].strip()
                self.lines.setdefault((table, ""), number)
                continue
            found = self._KEY.match(line)
            if found:
                self.lines.setdefault((table, found["quoted"] or found["bare"]), number)

    def of(self, table: str, key: str = "") -> int:
        """The line of key in table (of the table itself without a key); the table's line, else 1, if not found."""
        return self.lines.get((table, key), self.lines.get((table, ""), 1))


def parse(text: str) -> tuple[dict | None, KeyLines | None, tuple[int, str]]:
    """(data, key lines, ("", 0)) or, for text that is not TOML, (None, None, (line, what the parser said))."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        return None, None, (int(found[1]) if found else 1, str(exc))
    return data, KeyLines(text), (0, "")
