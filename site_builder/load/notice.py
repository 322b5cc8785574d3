"""A notice file's bytes → a Notice with diagnostics: the front matter validated. Pure; never renders."""

from __future__ import annotations

import difflib
import sys
from datetime import date, datetime

from site_builder.load import frontmatter
from site_builder.core import filetypes, keys
from site_builder.core.diagnostics import Diagnostic
from site_builder.core import text as text_rules
from site_builder.core.docnum import parse_doc_number
from site_builder.core.vocabulary import STATUS_ALIASES, STATUSES
from site_builder.core.model import Attachment, Notice

REQUIRED = {"doc_number": "发文字号", "issuer": "发文机关", "title": "标题", "date": "成文日期"}
OPTIONAL = {
    "addressees": "主送机关", "published": "发布日期", "topics": "主题分类", "status": "效力",
    "effective": "施行日期", "expires": "有效期至", "repealed": "废止日期",
    "attachments": "附件", "index_number": "索引号", "keywords": "主题词", "signer": "签发", "source": "来源",
    "review": "待复核",
}
KNOWN = {**REQUIRED, **OPTIONAL}
ATTACHMENT_KEYS = frozenset({"title", "file", "omitted"})
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2199, 12, 31)


def parse_notice(path: str, data: bytes) -> tuple[Notice | None, list[Diagnostic]]:
    """Parse one notice file's bytes. Returns the notice (None on any error) and its diagnostics."""
    text, decoded = frontmatter.decode(path, data)
    if text is None:
        return None, decoded
    parts, diagnostics = frontmatter.split(path, text)
    if parts is None:
        return None, decoded + diagnostics
    fields = _Fields(path, parts.meta, parts.key_lines, parts.item_lines)
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
        effective=fields.date("effective"),
        expires=fields.date("expires"),
        repealed=fields.date("repealed"),
        attachments=fields.attachments(),
        index_number=fields.text("index_number", single_line=True),
        keywords=fields.strings("keywords"),
        signer=fields.text("signer"),
        source=fields.text("source"),
    )
    fields.review()
    fields.unknown_keys()
    fields.order(notice_kwargs)
    if any(d.is_error for d in fields.diagnostics):
        return None, fields.diagnostics
    notice = Notice(
        path=path, doc_number=doc_number, issuer=issuer, title=title, date=written,
        body=parts.body, body_line=parts.body_line, digest=keys.file_digest(data),
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


class _Fields:
    """Typed access to front-matter values; each problem becomes a diagnostic on the key's line."""

    def __init__(self, path: str, meta: dict, key_lines: dict[str, int],
                 item_lines: dict[str, tuple[int, ...]] | None = None):
        self.path, self.meta, self.key_lines = path, meta, key_lines
        self.item_lines = item_lines or {}
        self.diagnostics: list[Diagnostic] = []

    def _error(self, key: str, code: str, message: str, hint: str = "", line: int = 0) -> None:
        self.diagnostics.append(Diagnostic(self.path, line or self.key_lines.get(key, 1), code, message, hint))

    def _clean(self, key: str, value: str) -> str:
        """value without the characters no page may hold (YAML escapes like "\x01" make them), said once."""
        bad = text_rules.first_bad(value)
        if not bad:
            return value
        if text_rules.BIDI_RE.search(value) and not text_rules.FORBIDDEN_RE.search(value):
            self._error(key, "W103", f"'{key}' ({KNOWN[key]}) holds a bidirectional control character ({bad}), "
                        "which can show text in another order than it is written: removed",
                        "retype the value without it")
        else:
            self._error(key, "W102", f"'{key}' ({KNOWN[key]}) holds an invisible control character ({bad}): "
                        "removed", "they are not allowed in a web page")
        return text_rules.clean(value)

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
                        "write it like 郑政〔2016〕24号, or a decree's like 国令第707号")
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
        value = self._clean(key, str(value).strip())
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
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                pass
        if not isinstance(value, date):
            self._error(key, "E113", f"'{key}' ({KNOWN[key]}) is not a date: {value!r}",
                        "write it as YYYY-MM-DD, e.g. 2016-08-01")
            return None
        if not FIRST_DATE <= value <= LAST_DATE:
            # Deadlines a year on and calendar days after a date must still be dates (9999-12-31 has none).
            self._error(key, "E115", f"'{key}' ({KNOWN[key]}) {value.isoformat()} is out of range",
                        f"a date between {FIRST_DATE.year} and {LAST_DATE.year}; check the year")
            return None
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self._error(key, "E111", f"'{key}' ({KNOWN[key]}) must be a list of text")
            return ()
        return tuple(self._clean(key, str(v).strip()) for v in value if str(v).strip())

    def status(self) -> str:
        value = self.text("status", single_line=True)
        value = STATUS_ALIASES.get(value, value)  # 已修订, 失效: the words of earlier versions
        if value and value not in STATUSES:
            self._error("status", "E114", f"unknown status (效力) {value!r}",
                        "use one of " + "、".join(STATUSES))
            return ""
        return value

    def order(self, values: dict) -> None:
        """A document cannot expire before it takes effect (it may take effect before it is written: 自1月1日起执行
        in a March notice is common for budgets)."""
        effective, expires = values["effective"], values["expires"]
        if effective and expires and expires < effective:
            self._error("expires", "E117", f"'expires' (有效期至) {expires.isoformat()} is before 'effective' "
                        f"(施行日期) {effective.isoformat()}", "check both dates; 'expires' is the last day in force")

    def attachments(self) -> tuple[Attachment, ...]:
        value = self.meta.get("attachments")
        if value is None:
            return ()
        items = value if isinstance(value, list) else None
        lines = self.item_lines.get("attachments", ())
        result = []
        for index, item in enumerate(items or [None]):
            line = lines[index] if index < len(lines) else self.key_lines.get("attachments", 1)
            if isinstance(item, str):
                result.append(Attachment(self._clean("attachments", item.strip()), line=line))
                continue
            if not (isinstance(item, dict) and isinstance(item.get("title"), str)
                    and isinstance(item.get("omitted", False), bool) and isinstance(item.get("file", ""), str)):
                self._error("attachments", "E111", "'attachments' (附件) must be a list of titles or "
                            "{title: …, file: …, omitted: true} items", line=line)
                return ()
            for key in sorted(set(item) - ATTACHMENT_KEYS, key=str):
                close = difflib.get_close_matches(str(key), sorted(ATTACHMENT_KEYS), n=1)
                self._error("attachments", "W101", f"unknown key '{key}' of an attachment is ignored",
                            f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(sorted(ATTACHMENT_KEYS)),
                            line=line)
            result.append(Attachment(self._clean("attachments", item["title"].strip()), item.get("omitted", False),
                                     self._file(item.get("file", ""), line), line))
        return tuple(result)

    def _file(self, value: str, line: int) -> str:
        """An attachment's file as a clean path relative to content/, or "" after an error naming the line."""
        value = self._clean("attachments", value.strip())
        if not value:
            return ""
        parts = value.split("/")
        if value.startswith("/") or "\\" in value or ".." in parts or _drive(value):
            self._error("attachments", "E141", f"attachment file '{value}' is outside content/",
                        "name it relative to the content folder, with '/': attachments/xiangmu.docx", line)
            return ""
        path = "/".join(part for part in parts if part not in ("", "."))
        if filetypes.of(path) is None:
            ext = filetypes.extension(path)
            self._error("attachments", "E143", f"attachment file '{value}' is "
                        + (f"of a type the site does not publish (.{ext})" if ext else "without a file extension"),
                        f"publish it as one of {filetypes.NAMES}", line)
            return ""
        return path

    def review(self) -> None:
        """The importer marks a notice whose metadata it could not be sure of; it is not published until checked."""
        value = self.meta.get("review")
        if value is None or value is False or value == "":
            return
        reason = str(value).strip() if isinstance(value, (str, int, float)) else "marked by the importer"
        self._error("review", "E116", f"notice is marked for review, not published: {reason}",
                    "check its metadata against the source (content/import-report.md), then delete the 'review' line")

    def unknown_keys(self) -> None:
        for key in sorted(self.meta, key=str):
            if key in KNOWN:
                continue
            close = difflib.get_close_matches(str(key), list(KNOWN), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(KNOWN)
            self._error(str(key), "W101", f"unknown key '{key}' is ignored", hint)


def _drive(value: str) -> bool:
    """A Windows path with a drive (C:/…, C:…): absolute, never inside content/."""
    return len(value) >= 2 and value[1] == ":" and value[0].isascii() and value[0].isalpha()


def _type_name(value) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false"}.get(type(value), type(value).__name__)
