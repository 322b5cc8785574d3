"""Pull the links and ids out of one built file (HTML, XML, JSON, CSS, robots.txt). Pure: bytes in, lists out."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape
from xml.parsers import expat

# Attributes that make the browser fetch or navigate to a URL, by element.
_URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "base": ("href",),
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "track": ("src",),
    "iframe": ("src",), "embed": ("src",), "audio": ("src",), "video": ("src", "poster"),
    "input": ("src", "formaction"), "button": ("formaction",), "form": ("action",), "object": ("data",),
    "blockquote": ("cite",), "q": ("cite",), "ins": ("cite",), "del": ("cite",),
}
_REFRESH_RE = re.compile(r"^\s*\d+\s*[;,]\s*url\s*=\s*['\"]?([^'\"]+)", re.I)
_CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
# JSON keys whose string values are URLs: "url", "api_url", "feed_url", …
_JSON_URL_KEY_RE = re.compile(r"^(?:url|.*_url)$")


@dataclass(frozen=True)
class Found:
    line: int
    url: str
    base: str = ""  # "root" when the URL is relative to the site root (JSON API), not to the file


@dataclass
class Scan:
    """What one file contributes: the URLs it points to and, for HTML, the ids it defines."""

    links: list[Found] = field(default_factory=list)
    ids: dict[str, int] | None = None  # id → first line; None for files that are not HTML
    duplicate_ids: list[tuple[str, int]] = field(default_factory=list)
    malformed: tuple[int, str] | None = None  # (line, what the parser said) of an XML or JSON file it rejects


def scan(path: str, data: bytes) -> Scan:
    """Dispatch on the file's extension; files that hold no links give an empty scan."""
    name = path.rsplit("/", 1)[-1]
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in ("html", "htm"):
        return scan_html(data.decode("utf-8", "replace"))
    if suffix == "xml":
        return scan_xml(data)
    if suffix == "json":
        return scan_json(data.decode("utf-8", "replace"))
    if suffix == "css":
        return scan_css(data.decode("utf-8", "replace"))
    if name == "robots.txt":
        return scan_robots(data.decode("utf-8", "replace"))
    return Scan()


# A tokenizer for HTML start tags, comments and raw-text elements, in C (re) rather than html.parser: the
# checker reads every page of a 100,000-notice site and html.parser spent 2.5 ms on each.
_TAG_RE = re.compile(r"""<!--.*?-->|<![^>]*>|<\?[^>]*>"""
                     r"""|<(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S)
_ATTR_RE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_RAW_TEXT = {name: re.compile(rf"</{name}[\s>/]", re.I) for name in ("script", "style", "title", "textarea")}


def scan_html(text: str) -> Scan:
    result = Scan(ids={})
    position = counted = 0
    line = 1
    while match := _TAG_RE.search(text, position):  # end tags never match: they hold no links
        position = match.end()
        tag, attrs = match["tag"], match["attrs"]
        if tag is None:
            continue  # a comment, doctype or processing instruction
        tag = tag.lower()
        if "=" not in attrs and tag not in _RAW_TEXT:
            continue  # <p>, <li>, <tr>: most tags, and nothing to read
        line += text.count("\n", counted, match.start())  # counted only as far as needed
        counted = match.start()
        values = _attributes(attrs)
        _start_tag(result, tag, values, line)
        if tag in _RAW_TEXT:  # its content is text, never tags
            close = _RAW_TEXT[tag].search(text, position)
            content_end = close.start() if close else len(text)
            if tag == "script" and (values.get("type") or "").lower() == "application/ld+json":
                _json_ld(result, text[position:content_end], line)
            position = content_end
    return result


def _attributes(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, double, single, bare in _ATTR_RE.findall(text):
        values.setdefault(name.lower(), unescape(double or single or bare))  # the first of two wins, as in HTML
    return values


def _start_tag(result: Scan, tag: str, values: dict[str, str], line: int) -> None:
    anchor, name = values.get("id"), values.get("name") if tag == "a" else None
    for defined in (anchor, name if name != anchor else None):  # <a id="x" name="x"> defines x once
        if not defined:
            continue
        if defined in result.ids:
            result.duplicate_ids.append((defined, line))
        else:
            result.ids[defined] = line
    for attr in _URL_ATTRS.get(tag, ()):
        value = values.get(attr)
        if value is not None:
            urls = _srcset(value) if attr == "srcset" else [value]
            result.links.extend(Found(line, url.strip()) for url in urls)
    if tag == "meta":
        content = values.get("content") or ""
        if (values.get("http-equiv") or "").lower() == "refresh":
            found = _REFRESH_RE.match(content)
            if found:
                result.links.append(Found(line, found[1].strip()))
        elif content.startswith(("http://", "https://")) and " " not in content:
            result.links.append(Found(line, content))


def _json_ld(result: Scan, text: str, line: int) -> None:
    try:
        value = json.loads(text)
    except ValueError:
        return
    # Structured data carries absolute URLs of the site's own pages; they are links too.
    result.links.extend(Found(line, url) for _, url in _json_urls(value))


def _srcset(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


def scan_xml(data: bytes) -> Scan:
    """Feeds and sitemaps: every href attribute and every <loc>; a file that is not well-formed XML is malformed."""
    result = Scan()
    parser = expat.ParserCreate()
    in_loc: list[str] | None = None

    def start(name, attrs):
        nonlocal in_loc
        if "href" in attrs:
            result.links.append(Found(parser.CurrentLineNumber, attrs["href"].strip()))
        if name.rsplit(" ", 1)[-1].endswith("loc"):
            in_loc = []

    def text(data):
        if in_loc is not None:
            in_loc.append(data)

    def end(name):
        nonlocal in_loc
        if in_loc is not None:
            result.links.append(Found(parser.CurrentLineNumber, "".join(in_loc).strip()))
            in_loc = None

    parser.StartElementHandler, parser.CharacterDataHandler, parser.EndElementHandler = start, text, end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        result.malformed = (exc.lineno, expat.ErrorString(exc.code))
    return result


def scan_json(text: str) -> Scan:
    """The JSON API: values of "url" and "*_url" keys, relative to the site root."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Scan(malformed=(exc.lineno, exc.msg))
    except ValueError as exc:
        return Scan(malformed=(1, str(exc)))
    result, cursor, line = Scan(), 0, 1
    for _, url in _json_urls(value):
        # Values come out in file order, so a forward search finds each one's own line (in linear time).
        needle = json.dumps(url, ensure_ascii=False)
        at = text.find(needle, cursor)
        if at >= 0:
            line += text.count("\n", cursor, at)
            cursor = at + len(needle)
        result.links.append(Found(line, url, base="root"))
    return result


def _json_urls(value, depth: int = 0):
    if depth > 64:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and isinstance(key, str) and _JSON_URL_KEY_RE.match(key):
                yield key, item
            elif isinstance(item, (dict, list)):
                yield from _json_urls(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _json_urls(item, depth + 1)


def scan_css(text: str) -> Scan:
    result = Scan()
    for match in _CSS_URL_RE.finditer(text):
        url = (match[2] or match[4] or "").strip()
        if url and not url.startswith("data:"):
            result.links.append(Found(text.count("\n", 0, match.start()) + 1, url))
    return result


def scan_robots(text: str) -> Scan:
    result = Scan()
    for number, line in enumerate(text.split("\n"), start=1):
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            result.links.append(Found(number, value.strip()))
    return result
