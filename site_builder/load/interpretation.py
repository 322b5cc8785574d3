"""content/interpretations/*.md → Interpretation (政策解读), with the images its body shows.

`parse_interpretation` is pure (bytes in, an Interpretation and diagnostics out); `load_interpretations` is the one
place that reads the folder: every *.md file, and the images a 图解 shows, which must be files under
content/interpretations/ (never remote: a page must not load anything from elsewhere).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import posixpath
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder.core import keys
from site_builder.core import text as text_rules
from site_builder.core.diagnostics import Diagnostic
from site_builder.core.docnum import parse_doc_number
from site_builder.core.model import Interpretation
from site_builder.core.slugs import RESERVED, slug as pinyin_slug
from site_builder.core.vocabulary import INTERPRETATION_KINDS
from site_builder.load import frontmatter
from site_builder.load.files import Unreadable, read_limited
from site_builder.load.notice import FIRST_DATE, LAST_DATE

FOLDER = "interpretations"  # under content/
IMAGE_FOLDER = "interpretations/images"  # in the site: images by digest
MAX_IMAGE = 10 * 1024 * 1024
KNOWN = {"title": "标题", "date": "发布日期", "interprets": "解读的文件", "kind": "类型", "issuer": "解读机关"}
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"))


@dataclass(frozen=True)
class Loaded:
    interpretations: list[Interpretation]
    files: dict[str, bytes]  # site path → bytes: the images the bodies show
    diagnostics: list[Diagnostic]


def slug_for(path: str) -> str:
    """The page name from the file name: jiedu-24.md → jiedu-24; 关于粮食安全的解读.md → its pinyin."""
    stem = posixpath.splitext(posixpath.basename(path))[0]
    lowered = stem.lower()
    return lowered if _SLUG_RE.match(lowered) else pinyin_slug(stem, "-")[:80]


def parse_interpretation(path: str, data: bytes) -> tuple[Interpretation | None, list[Diagnostic]]:
    """One interpretation file's bytes: front matter checked, body kept (images are resolved by the loader)."""
    text, decoded = frontmatter.decode(path, data)
    if text is None:
        return None, decoded
    parts, found = frontmatter.split(path, text)
    if parts is None:
        return None, decoded + found
    problems = decoded + found
    meta, lines = parts.meta, parts.key_lines

    def problem(key: str, code: str, message: str, hint: str = "", line: int = 0) -> None:
        problems.append(Diagnostic(path, line or lines.get(key, 1), code, message, hint))

    title = _text(meta, "title", problem, required=True)
    issuer = _text(meta, "issuer", problem)
    written = _date(meta, "date", problem)
    kind = _text(meta, "kind", problem) or INTERPRETATION_KINDS[0]
    if kind not in INTERPRETATION_KINDS:
        close = difflib.get_close_matches(kind, INTERPRETATION_KINDS, n=1, cutoff=0.3)
        problem("kind", "E118", f"unknown kind (类型) {kind!r} of an interpretation",
                f"did you mean '{close[0]}'?" if close else "use one of " + "、".join(INTERPRETATION_KINDS))
    numbers, number_lines = _interprets(meta, lines, text, problem)
    for key in sorted(meta, key=str):
        if key not in KNOWN:
            close = difflib.get_close_matches(str(key), list(KNOWN), n=1)
            problem(str(key), "W101", f"unknown key '{key}' is ignored",
                    f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(KNOWN))
    if any(d.is_error for d in problems):
        return None, problems
    return Interpretation(
        path=path, slug=slug_for(path), title=title, date=written, interprets=numbers, kind=kind, issuer=issuer,
        body=parts.body, body_line=parts.body_line, digest=keys.file_digest(data),
        key_lines=tuple(sorted((sys.intern(k), v) for k, v in lines.items())), interprets_lines=number_lines,
    ), problems


def _text(meta: dict, key: str, problem, required: bool = False) -> str:
    value = meta.get(key)
    if value is None or value == "":
        if required:
            problem(key, "E110", f"missing required key '{key}' ({KNOWN[key]})", f"add a line '{key}: …'", 1)
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or "\n" in str(value).strip():
        problem(key, "E111", f"'{key}' ({KNOWN[key]}) must be a single line of text")
        return ""
    value = str(value).strip()
    if text_rules.first_bad(value):
        problem(key, "W102", f"'{key}' ({KNOWN[key]}) holds an invisible control character: removed",
                "they are not allowed in a web page")
        value = text_rules.clean(value)
    return value


def _date(meta: dict, key: str, problem):
    from datetime import date

    value = meta.get(key)
    if value is None or value == "":
        problem(key, "E110", f"missing required key '{key}' ({KNOWN[key]})", f"add a line '{key}: YYYY-MM-DD'", 1)
        return None
    try:
        parsed = date.fromisoformat(str(value).strip())
    except ValueError:
        problem(key, "E113", f"'{key}' ({KNOWN[key]}) is not a date: {value!r}", "write it as YYYY-MM-DD")
        return None
    if not FIRST_DATE <= parsed <= LAST_DATE:
        problem(key, "E115", f"'{key}' ({KNOWN[key]}) {parsed.isoformat()} is out of range", "check the year")
        return None
    return parsed


def _interprets(meta: dict, lines: dict[str, int], text: str, problem) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The 文号 it interprets (one, or a list), each with the front-matter line it is written on."""
    value = meta.get("interprets")
    if value is None or value == "" or value == []:
        problem("interprets", "E110", "missing required key 'interprets' (解读的文件)",
                "add a line 'interprets: 郑政〔2016〕24号' (or a list of 文号)", 1)
        return (), ()
    items = value if isinstance(value, list) else [value]
    first = lines.get("interprets", 1)
    source = text.split("\n")
    numbers, at = [], []
    for item in items:
        raw = str(item).strip() if isinstance(item, (str, int)) else ""
        parsed = parse_doc_number(raw) if raw else None
        line = next((i + 1 for i in range(first - 1, min(len(source), first + 200)) if raw and raw in source[i]),
                    first)
        if parsed is None:
            problem("interprets", "E112", f"interprets (解读的文件) is not a 文号: {item!r}",
                    "write it like 郑政〔2016〕24号", line)
            continue
        if str(parsed) not in numbers:
            numbers.append(str(parsed))
            at.append(line)
    return tuple(numbers), tuple(at)


def images_of(item: Interpretation) -> list[tuple[str, str, int]]:
    """(alt, src as written, line) of every image of the body."""
    found = []
    for match in _IMAGE_RE.finditer(item.body):
        found.append((match["alt"].strip(), match["src"], item.body_line + item.body.count("\n", 0, match.start())))
    return found


def image_type(data: bytes) -> str:
    """png, jpg, gif or webp by the file's first bytes; "" for anything else (SVG can hold scripts: never)."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    return "webp" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else ""


def load_interpretations(root: Path, content: Path) -> Loaded:
    """Every content/interpretations/*.md, parsed, with its images read and checked; pages never clash."""
    folder = content / FOLDER
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".md"))
    except OSError:
        return Loaded([], {}, [])
    found, files, problems = [], {}, []
    by_slug: dict[str, str] = {}
    for name in names:
        path = _relative(folder / name, root)
        try:
            data = read_limited(folder / name)
        except Unreadable as exc:
            problems.append(Diagnostic(path, 1, "E100", f"cannot read file: {exc.reason}"))
            continue
        item, diagnostics = parse_interpretation(path, data)
        problems.extend(diagnostics)
        if item is None:
            continue
        if item.slug in RESERVED or item.slug in by_slug:
            other = by_slug.get(item.slug, "")
            problems.append(Diagnostic(path, 1, "E122", f"the file name gives the page "
                                       f"interpretations/{item.slug}.html" + (f", as {other} does" if other else
                                                                              ", which is the index's"),
                                       "rename the file (its name is the page's URL)"))
            continue
        by_slug[item.slug] = path
        item, images, image_problems = _with_images(item, folder)
        problems.extend(image_problems)
        files.update(images)
        found.append(item)
    return Loaded(found, files, problems)


def _with_images(item: Interpretation, folder: Path):
    """The interpretation with its images mapped to site paths (by digest), the images' bytes, and problems."""
    mapped, files, problems = [], {}, []
    base = folder.resolve()
    for alt, src, line in images_of(item):
        def problem(message: str, hint: str) -> None:
            problems.append(Diagnostic(item.path, line, "E119", message, hint))

        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", src):
            problem(f"image {src!r} is not a file of the site: remote images are not allowed",
                    "save the image under content/interpretations/ and write its path, e.g. images/tujie-1.png")
            continue
        target = (folder / src.split("#")[0].split("?")[0]).resolve()
        if base not in target.parents:
            problem(f"image {src!r} is outside content/{FOLDER}/", "keep a 图解's images beside it, e.g. images/")
            continue
        try:
            data = read_limited(target, MAX_IMAGE)
        except Unreadable as exc:
            problem(f"image {src!r} cannot be read: {exc.reason}", "check the path, relative to this file")
            continue
        kind = image_type(data)
        if not kind:
            problem(f"image {src!r} is not a PNG, JPEG, GIF or WebP picture", "save it as PNG or JPEG")
            continue
        site = f"{IMAGE_FOLDER}/{hashlib.sha256(data).hexdigest()[:20]}.{kind}"
        files[site] = data
        mapped.append((src, site))
        if not alt:
            problems.append(Diagnostic(item.path, line, "W143", f"image {src!r} has no text alternative",
                                       "write what the picture says between the brackets: ![…](" + src + ")"))
    return replace(item, images=tuple(dict.fromkeys(mapped))), files, problems


def _relative(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def stats(content: Path) -> list[tuple[str, int, int]]:
    """(path, size, mtime) of every file under content/interpretations/, for the build's stamp; nothing is read."""
    found = []
    for top, folders, names in os.walk(content / FOLDER):
        folders.sort()
        for name in sorted(names):
            try:
                info = os.stat(os.path.join(top, name))
            except OSError:
                continue
            found.append((os.path.join(top, name), info.st_size, info.st_mtime_ns))
    return found
