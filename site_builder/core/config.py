"""site.toml text → a frozen SiteConfig. A declared schema: unknown keys warn, bad values are errors naming the key.

Pure; load/settings.py reads the file."""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from site_builder.core import toml_lines
from site_builder.core.diagnostics import Diagnostic
from site_builder.core.text import first_bad

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
    latest: int = 20  # notices on the home page and in each feed
    attachment_limit_mb: int = 50  # the largest attachment file a notice may name (E144)
    # "daily": the site is rebuilt every day (a scheduled job), so notice pages say 效力状态每日更新 rather than
    # the date, and re-render only when their 效力 changes; "" (built when edited): they say 效力状态截至<date>.
    schedule: str = ""

    @property
    def daily(self) -> bool:
        return self.schedule == "daily"

    @property
    def domain(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    @property
    def attachment_limit(self) -> int:
        return self.attachment_limit_mb * 1024 * 1024

    def absolute(self, site_path: str) -> str:
        """Absolute URL of a site-relative path, for feeds, sitemaps and <meta> tags."""
        return self.base_url.rstrip("/") + "/" + site_path.lstrip("/")


# Which TOML table holds which field.
SCHEMA = {
    "site": ("name", "base_url", "language", "column_name", "content_source", "org_code",
             "index_number_format", "description"),
    "build": ("content", "output", "paginate", "latest", "schedule", "attachment_limit_mb"),
}
_TYPES = {f.name: type(f.default) for f in fields(SiteConfig)}
MAX_ATTACHMENT_MB = 512


def parse_config(path: str, text: str) -> tuple[SiteConfig, list[Diagnostic]]:
    """Pure: TOML text → config and diagnostics. Errors leave the default in place."""
    data, lines, (line, problem) = toml_lines.parse(text)
    if data is None:
        return SiteConfig(), [Diagnostic(path, line, "E201", f"site.toml is not valid TOML: {problem}")]
    values, diagnostics = {}, []
    for table, value in data.items():
        if table not in SCHEMA:
            diagnostics.append(_unknown(path, lines.of(table), table, list(SCHEMA), f"[{table}]"))
            continue
        if not isinstance(value, dict):
            diagnostics.append(Diagnostic(path, lines.of("", table), "E202", f"'{table}' must be a table",
                                          f"write it as [{table}] followed by its keys"))
            continue
        for key, item in value.items():
            if key not in SCHEMA[table]:
                diagnostics.append(_unknown(path, lines.of(table, key), key, list(SCHEMA[table]), f"{table}.{key}"))
                continue
            problem = _check(key, item)
            if problem:
                diagnostics.append(Diagnostic(path, lines.of(table, key), "E203", f"{table}.{key} {problem}"))
            else:
                values[key] = item
    return SiteConfig(**values), diagnostics


def _check(key: str, value) -> str:
    expected = _TYPES[key]
    if expected is int and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        return f"must be a whole number above 0, not {value!r}"
    if key == "attachment_limit_mb" and value > MAX_ATTACHMENT_MB:
        return f"must be at most {MAX_ATTACHMENT_MB} (MB), not {value!r}: a file is read whole to be published"
    if expected is str and not isinstance(value, str):
        return f"must be text, not {value!r}"
    if expected is str and first_bad(value):
        return f"holds an invisible control character ({first_bad(value)}): retype it"
    if key == "base_url" and not _BASE_URL_RE.match(value):
        return f"must be an absolute http(s) URL without query, fragment, quotes or spaces, not {value!r}"
    if key in ("content", "output") and (Path(value).is_absolute() or ".." in Path(value).parts or not value):
        return f"must be a folder inside the site root, not {value!r}"
    if key == "schedule" and value not in ("", "daily"):
        return f"must be \"daily\" (the site is rebuilt every day) or \"\", not {value!r}"
    if key == "index_number_format":
        problem = index_format_problem(value)
        if problem:
            return f"is not a valid format ({problem}); use {{org_code}}, {{year}}, {{prefix}} and {{number}}, " \
                   "with a width like {number:05d}"
    return ""


INDEX_FIELDS = {"org_code": str, "year": int, "prefix": str, "number": int}
# A width of at most 20, zero-padded or not, and the field's own type: {number:05d}, {prefix:8}. Nothing else of
# Python's format language: no attributes ({org_code.__class__}), no indexes, no fills or huge widths.
_INDEX_SPEC_RE = re.compile(r"(?P<zero>0)?(?P<width>[1-9][0-9]?)?(?P<type>[ds])?")


def index_format_problem(text: str) -> str:
    """'' if text is an index_number_format we allow, else what is wrong with it. Pure."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        return str(exc)
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in INDEX_FIELDS:
            return f"unknown field {{{field}}}"
        found = _INDEX_SPEC_RE.fullmatch(spec or "")
        if conversion or not found or int(found["width"] or 0) > 20:
            return f"{{{field}:{spec}}} is not a plain width"
        if found["type"] == "d" and INDEX_FIELDS[field] is not int:
            return f"{{{field}}} is text, not a number"
    return ""


def format_index_number(config: "SiteConfig", year: int, prefix: str, number: int) -> str:
    return config.index_number_format.format(org_code=config.org_code, year=year, prefix=prefix, number=number)


# Put into every page's <link rel=canonical>, feed and sitemap: a plain URL only (no #, ?, quotes, spaces, <>).
_BASE_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[A-Za-z0-9._~!$&()*+,;=:@%/-]*)?$")


def _unknown(path: str, line: int, key: str, known: list[str], shown: str) -> Diagnostic:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(known)
    return Diagnostic(path, line, "W201", f"unknown setting {shown} is ignored", hint)
