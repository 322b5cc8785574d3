"""Every key the build caches and skips work by, in one place. Pure: strings and bytes in, hex digests out.

Each key covers what its result is made from, and CODE_DIGEST (a digest of this package's source) enters every
one, directly or through the render salt: a changed tool never reuses what an older one made.

  file_digest       a notice or reference file's bytes
  extract_key       one notice's Extract and Fragment: its path and bytes, the reference files
  text_key          an attachment's text: the file's bytes and how it is read
  library_key       the analyses: every notice's public facts
  inputs_key        the whole build (the stamp): settings, file stats (notices, interpretations, attachments),
                    templates and theme, Pagefind version, and the date 效力 is decided as of (build --as-of)
  render_salt       every rendered page: templates and theme, settings
  aggregate_key     the pages made from every notice (lists, departments, API, feed): salt + library key + every
                    notice's 效力 (not the date: a new day that changes no 效力 keeps them all)
  dated_key         the pages that print the as-of date (the 现行有效 library, api/current.json): + the date
  page_key          a notice page or JSON: salt + what it shows (render/views/notice.inputs_digest: its 效力, and the
                    date only where the page prints it)
  view_key          any other page: salt + its view model
  search_key        what Pagefind reads of a notice page: salt + its fragment and public facts
  state_identity    which notices, as read, a cache state describes
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from site_builder.core.code_digest import CODE_DIGEST


def _hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()  # any file name


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reference_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """The reference files (departments.toml, topics.toml) as (name, bytes), a missing one as b""."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def extract_key(reference: str, path: str, file: str) -> str:
    return _hex(f"{CODE_DIGEST}|{reference}|{path}|{file}")


def text_key(file: str, reader: str) -> str:
    """file: the attachment's file_digest; reader: filetypes.PDF, DOCX or XLSX."""
    return _hex(f"{CODE_DIGEST}|text|{reader}|{file}")


def library_key(reference: str, publics: Iterable[tuple[str, str]]) -> str:
    """publics: (slug, Extract.public) in slug order."""
    digest = hashlib.sha256(f"{CODE_DIGEST}|{reference}".encode())
    for slug, public in publics:
        digest.update(f"{slug}:{public}\n".encode())
    return digest.hexdigest()


def inputs_key(search: bool, settings: str, reference: str, stats: Iterable[tuple[str, int, int]],
               theme: str, pagefind: str | None, as_of: str = "") -> str:
    """settings: repr of the SiteConfig; stats: (path, size, mtime_ns) of every notice, interpretation and
    attachment file; theme: files_digest of templates/ and theme/; pagefind: its version when the build indexes,
    else None; as_of: the ISO date 效力 is decided as of (a new day may change a status, so it is a new build)."""
    digest = hashlib.sha256(f"{CODE_DIGEST}|{search}|{settings}|{reference}|{as_of}".encode())
    for path, size, mtime in stats:
        digest.update(f"{path}|{size}|{mtime}\n".encode("utf-8", "surrogateescape"))
    digest.update(theme.encode())
    if pagefind is not None:
        digest.update(pagefind.encode())
    return digest.hexdigest()


def files_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """Files as (shown path, bytes), e.g. every template and theme file: any change re-renders every page."""
    digest = hashlib.sha256(CODE_DIGEST.encode())
    for name, data in files:
        digest.update(f"{name}\0".encode() + data + b"\0")
    return digest.hexdigest()


def render_salt(theme: str, settings: str) -> str:
    return _hex(f"{CODE_DIGEST}|{theme}|{settings}")


def aggregate_key(salt: str, library: str, statuses: str = "") -> str:
    """library: every notice's public facts; statuses: every notice's 效力 as of the build's date."""
    return _hex(f"{salt}|{library}|{statuses}") if library else ""


def dated_key(aggregate: str, as_of: str) -> str:
    """The pages that print the as-of date: the aggregate key and the date."""
    return _hex(f"{aggregate}|{as_of}") if aggregate else ""


def page_key(salt: str, path: str, inputs: str) -> str:
    return _hex(f"{salt}|{path}|{inputs}")


def view_key(salt: str, template: str, path: str, view_json: str) -> str:
    return _hex(f"{salt}|{template}|{path}|{view_json}")


def search_key(salt: str, fragment: str, public: str) -> str:
    return _hex(f"{salt}|{fragment}|{public}")


def facts_digest(parts: Iterable[str]) -> str:
    """A digest of facts as their text (Extract.public, a page's inputs)."""
    return _hex("\n".join(parts))


def state_identity(keys: Iterable[str]) -> str:
    return _hex("\n".join(sorted(keys)))
