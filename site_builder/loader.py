"""content/notices/*.md → Notice objects. Validates the front matter; never renders."""

from __future__ import annotations

import difflib
import hashlib
import os
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from site_builder import frontmatter
from site_builder.diagnostics import Diagnostic
from site_builder.docnum import parse_doc_number
from site_builder.model import Attachment, Notice

REQUIRED = {"doc_number": "发文字号", "issuer": "发文机关", "title": "标题", "date": "成文日期"}
OPTIONAL = {
    "addressees": "主送机关", "published": "发布日期", "topics": "主题分类", "status": "效力",
    "attachments": "附件", "index_number": "索引号", "keywords": "主题词", "signer": "签发", "source": "来源",
    "review": "待复核",
}
KNOWN = {**REQUIRED, **OPTIONAL}
STATUSES = ("有效", "已废止", "已修订", "失效")


def parse_notice(path: str, data: bytes) -> tuple[Notice | None, list[Diagnostic]]:
    """Parse one notice file's bytes. Returns the notice (None on any error) and its diagnostics."""
    text, decoded = frontmatter.decode(path, data)
    if text is None:
        return None, decoded
    parts, diagnostics = frontmatter.split(path, text)
    if parts is None:
        return None, decoded + diagnostics
    fields = _Fields(path, parts.meta, parts.key_lines)
    fields.diagnostics.extend(decoded + diagnostics)  # warnings of the earlier steps come first
    doc_number = fields.doc_number()
    issuer = fields.text("issuer", required=True)
    title = fields.text("title", required=True, single_line=True)
    written = fields.date("date", required=True)
    notice_kwargs = dict(
        addressees=fields.text("addressees"),
        published=fields.date("published"),
        topics=fields.strings("topics"),
        status=fields.status(),
        attachments=fields.attachments(),
        index_number=fields.text("index_number", single_line=True),
        keywords=fields.strings("keywords"),
        signer=fields.text("signer"),
        source=fields.text("source"),
    )
    fields.review()
    fields.unknown_keys()
    if any(d.is_error for d in fields.diagnostics):
        return None, fields.diagnostics
    notice = Notice(
        path=path, doc_number=doc_number, issuer=issuer, title=title, date=written,
        body=parts.body, body_line=parts.body_line, digest=hashlib.sha256(data).hexdigest(),
        key_lines=tuple(sorted((sys.intern(key), line) for key, line in parts.key_lines.items())), **notice_kwargs,
    )
    return notice, fields.diagnostics


def check_unique(notices: list[Notice]) -> list[Diagnostic]:
    """Two files may not claim the same 文号, nor two 文号 the same page: it is the notice's identity and URL."""
    by_number: dict[str, Notice] = {}
    by_slug: dict[str, Notice] = {}
    diagnostics = []
    for notice in sorted(notices, key=lambda n: n.path):
        key = str(notice.doc_number)
        first = by_number.setdefault(key, notice)
        line = notice.line_of("doc_number")
        if first is not notice:
            diagnostics.append(Diagnostic(
                notice.path, line, "E120",
                f"duplicate doc_number (发文字号) {key}: already used by {first.path}:{first.line_of('doc_number')}",
                "each notice needs its own 文号"))
            continue
        other = by_slug.setdefault(notice.slug, notice)
        if other is not notice:
            diagnostics.append(Diagnostic(
                notice.path, line, "E121",
                f"doc_number (发文字号) {key} would share the page {notice.url} with "
                f"{other.path}:{other.line_of('doc_number')} ({other.doc_number})",
                "set a distinct 文号, or report the clash: prefixes must read differently in pinyin"))
    return diagnostics


@dataclass(frozen=True)
class FileStat:
    path: str  # root-relative POSIX path
    size: int
    mtime_ns: int


def scan(root: Path, content_dir: Path) -> list[FileStat]:
    """Every content/notices/*.md with its size and modification time, in path order; nothing is read."""
    notice_dir = content_dir / "notices"
    found = []
    try:
        entries = list(os.scandir(notice_dir))
    except OSError:
        return []
    prefix = _relative(notice_dir, root) + "/"  # one relative_to for the folder, not one a file
    for entry in entries:
        if not entry.name.endswith(".md"):
            continue
        path = prefix + entry.name
        try:
            stat = entry.stat() if entry.is_file() else None
        except OSError:
            stat = None
        # A folder or a dangling link named like a notice is listed all the same: reading it then says why it
        # cannot be read (E100), where skipping it would drop a notice without a word.
        found.append(FileStat(path, stat.st_size, stat.st_mtime_ns) if stat else FileStat(path, -1, 0))
    return sorted(found, key=lambda f: f.path)


def read_notice(root: Path, path: str) -> tuple[bytes | None, list[Diagnostic]]:
    try:
        return (root / path).read_bytes(), []
    except OSError as exc:
        return None, [Diagnostic(path, 1, "E100", f"cannot read file: {exc.strerror}")]


def read_optional(file: Path) -> bytes:
    """A reference file's bytes, or nothing when it is missing or unreadable (its loader reports why)."""
    try:
        return file.read_bytes()
    except OSError:
        return b""


def load_notices(root: Path, content_dir: Path) -> tuple[list[Notice], list[Diagnostic]]:
    """Read every content/notices/*.md below root. The only filesystem access of the load phase."""
    notices, diagnostics = [], []
    notice_dir = content_dir / "notices"
    for file in sorted(notice_dir.glob("*.md")):
        rel = _relative(file, root)
        try:
            data = file.read_bytes()
        except OSError as exc:
            diagnostics.append(Diagnostic(rel, 1, "E100", f"cannot read file: {exc.strerror}"))
            continue
        notice, found = parse_notice(rel, data)
        diagnostics.extend(found)
        if notice is not None:
            notices.append(notice)
    diagnostics.extend(check_unique(notices))
    return notices, diagnostics


def _relative(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


class _Fields:
    """Typed access to front-matter values; each problem becomes a diagnostic on the key's line."""

    def __init__(self, path: str, meta: dict, key_lines: dict[str, int]):
        self.path, self.meta, self.key_lines = path, meta, key_lines
        self.diagnostics: list[Diagnostic] = []

    def _error(self, key: str, code: str, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.path, self.key_lines.get(key, 1), code, message, hint))

    def _missing(self, key: str) -> None:
        self.diagnostics.append(Diagnostic(
            self.path, 1, "E110", f"missing required key '{key}' ({KNOWN[key]})",
            f"add a line '{key}: …' to the front matter"))

    def doc_number(self):
        value = self.meta.get("doc_number")
        if value is None or value == "":
            self._missing("doc_number")
            return None
        parsed = parse_doc_number(str(value)) if isinstance(value, (str, int)) else None
        if parsed is None:
            self._error("doc_number", "E112", f"doc_number (发文字号) is not a 文号: {value!r}",
                        "write it like 郑政〔2016〕24号")
        return parsed

    def text(self, key: str, required: bool = False, single_line: bool = False) -> str:
        value = self.meta.get(key)
        if value is None or value == "":
            if required:
                self._missing(key)
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self._error(key, "E111", f"'{key}' ({KNOWN[key]}) must be text, not {_type_name(value)}")
            return ""
        value = str(value).strip()
        if single_line and "\n" in value:
            self._error(key, "E111", f"'{key}' ({KNOWN[key]}) must be a single line")
            return ""
        return value

    def date(self, key: str, required: bool = False) -> date | None:
        value = self.meta.get(key)
        if value is None or value == "":
            if required:
                self._missing(key)
            return None
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self._error(key, "E113", f"'{key}' ({KNOWN[key]}) is not a date: {value!r}",
                    "write it as YYYY-MM-DD, e.g. 2016-08-01")
        return None

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self._error(key, "E111", f"'{key}' ({KNOWN[key]}) must be a list of text")
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    def status(self) -> str:
        value = self.text("status", single_line=True)
        if value and value not in STATUSES:
            self._error("status", "E114", f"unknown status (效力) {value!r}",
                        "use one of " + "、".join(STATUSES))
            return ""
        return value

    def attachments(self) -> tuple[Attachment, ...]:
        value = self.meta.get("attachments")
        if value is None:
            return ()
        items = value if isinstance(value, list) else None
        result = []
        for item in items or [None]:
            if isinstance(item, str):
                result.append(Attachment(item.strip()))
            elif isinstance(item, dict) and isinstance(item.get("title"), str):
                result.append(Attachment(item["title"].strip(), bool(item.get("omitted", False))))
            else:
                self._error("attachments", "E111", "'attachments' (附件) must be a list of titles or "
                            "{title: …, omitted: true} items")
                return ()
        return tuple(result)

    def review(self) -> None:
        """The importer marks a notice whose metadata it could not be sure of; it is not published until checked."""
        value = self.meta.get("review")
        if value is None or value is False or value == "":
            return
        reason = str(value).strip() if isinstance(value, (str, int, float)) else "marked by the importer"
        self._error("review", "E115", f"notice is marked for review, not published: {reason}",
                    "check its metadata against the source (content/import-report.md), then delete the 'review' line")

    def unknown_keys(self) -> None:
        for key in sorted(self.meta, key=str):
            if key in KNOWN:
                continue
            close = difflib.get_close_matches(str(key), list(KNOWN), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(KNOWN)
            self._error(str(key), "W101", f"unknown key '{key}' is ignored", hint)


def _type_name(value) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false"}.get(type(value), type(value).__name__)
