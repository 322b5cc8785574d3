"""site.toml → a frozen SiteConfig. A declared schema: unknown keys warn, bad values are errors naming the key."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from site_builder.diagnostics import Diagnostic

CONFIG_NAME = "site.toml"


@dataclass(frozen=True)
class SiteConfig:
    name: str = "政府公报"
    base_url: str = "https://example.gov.cn/"
    language: str = "zh-CN"
    column_name: str = "政府公报"
    content_source: str = ""
    org_code: str = "000000000"
    index_number_format: str = "{org_code}/{year}-{prefix}-{number:05d}"
    description: str = ""
    content: str = "content"
    output: str = "public"
    paginate: int = 50
    latest: int = 20  # notices on the home page and in the feed

    @property
    def domain(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    def absolute(self, site_path: str) -> str:
        """Absolute URL of a site-relative path, for feeds, sitemaps and <meta> tags."""
        return self.base_url.rstrip("/") + "/" + site_path.lstrip("/")


# Which TOML table holds which field.
SCHEMA = {
    "site": ("name", "base_url", "language", "column_name", "content_source", "org_code",
             "index_number_format", "description"),
    "build": ("content", "output", "paginate", "latest"),
}
_TYPES = {f.name: type(f.default) for f in fields(SiteConfig)}


def parse_config(path: str, text: str) -> tuple[SiteConfig, list[Diagnostic]]:
    """Pure: TOML text → config and diagnostics. Errors leave the default in place."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _line_from_toml_error(str(exc))
        return SiteConfig(), [Diagnostic(path, line, "E201", f"site.toml is not valid TOML: {exc}")]
    lines = text.split("\n")
    values, diagnostics = {}, []
    for table, value in data.items():
        if table not in SCHEMA:
            diagnostics.append(_unknown(path, lines, table, list(SCHEMA), f"[{table}]"))
            continue
        if not isinstance(value, dict):
            diagnostics.append(Diagnostic(path, _find_line(lines, table), "E202", f"'{table}' must be a table",
                                          f"write it as [{table}] followed by its keys"))
            continue
        for key, item in value.items():
            if key not in SCHEMA[table]:
                diagnostics.append(_unknown(path, lines, key, list(SCHEMA[table]), f"{table}.{key}"))
                continue
            problem = _check(key, item)
            if problem:
                diagnostics.append(Diagnostic(path, _find_line(lines, key), "E203", f"{table}.{key} {problem}"))
            else:
                values[key] = item
    return SiteConfig(**values), diagnostics


def load_config(root: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    file = root / CONFIG_NAME
    if not file.exists():
        return SiteConfig(), [Diagnostic(CONFIG_NAME, 1, "W200", "no site.toml: using default settings",
                                         "copy site.toml from the project root and set the site name")]
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return SiteConfig(), [Diagnostic(CONFIG_NAME, 1, "E201", "site.toml is not valid UTF-8")]
    return parse_config(CONFIG_NAME, text)


def _check(key: str, value) -> str:
    expected = _TYPES[key]
    if expected is int and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        return f"must be a whole number above 0, not {value!r}"
    if expected is str and not isinstance(value, str):
        return f"must be text, not {value!r}"
    if key == "base_url" and not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
        return f"must be an absolute http(s) URL, not {value!r}"
    if key in ("content", "output") and (Path(value).is_absolute() or ".." in Path(value).parts or not value):
        return f"must be a folder inside the site root, not {value!r}"
    if key == "index_number_format":
        try:
            value.format(org_code="x", year=2016, prefix="x", number=1)
        except (KeyError, ValueError, IndexError) as exc:
            return f"is not a valid format ({exc}); use {{org_code}}, {{year}}, {{prefix}} and {{number}}"
    return ""


def _unknown(path: str, lines: list[str], key: str, known: list[str], shown: str) -> Diagnostic:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(known)
    return Diagnostic(path, _find_line(lines, key), "W201", f"unknown setting {shown} is ignored", hint)


def _find_line(lines: list[str], key: str) -> int:
    pattern = re.compile(rf"^\s*(\[\s*{re.escape(key)}\s*\]|{re.escape(key)}\s*=)")
    return next((i + 1 for i, line in enumerate(lines) if pattern.match(line)), 1)


def _line_from_toml_error(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match[1]) if match else 1
