"""Attachments (附件): where a notice's files and their text pages are published, how the notice page and the API
list them, and the page that shows one attachment's text and gives it to the search index. Pure.

A notice's files go in a folder of its own beside its page, numbered as the front matter lists them (附件1 is
notices/<slug>/fujian1.docx): the URL is stable while the list is, whatever the file was called. An attachment
whose text was read gets a page of that text (fujian1.html), which the search index reads, so that a word found
only in the attachment finds it and names it with its notice.
"""

from __future__ import annotations

import re

from site_builder.core import filetypes
from site_builder.core.config import SiteConfig
from site_builder.core.model import Attachment, AttachmentText, Notice
from site_builder.extract import search_terms
from site_builder.extract.attachments import text_of
from site_builder.render.views import Page, cn_date, page_context

TEXT_NOTE = "以下文字由系统从附件文件中提取，便于阅读和检索，版式可能与原件不同，请以原件为准。"
CUT_NOTE = "附件内容较长，以上仅为前一部分文字，全文请下载原件查看。"


def published(notice: Notice) -> list[tuple[int, Attachment]]:
    """(number, attachment) of each attachment published as a file; the number is its place in the list."""
    return [(n, a) for n, a in enumerate(notice.attachments, start=1) if a.file and a.digest]


def file_url(notice: Notice, number: int, attachment: Attachment) -> str:
    return f"notices/{notice.slug}/fujian{number}.{attachment.kind}"


def text_url(notice: Notice, number: int) -> str:
    return f"notices/{notice.slug}/fujian{number}.html"


def size_label(size: int) -> str:
    """36 KB, 1.2 MB: as government sites print a file's size (1 KB = 1,024 bytes)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def listed(notice: Notice) -> list[dict]:
    """The notice's attachments as its page and its JSON list them: each with its file when it has one."""
    out = []
    for number, attachment in enumerate(notice.attachments, start=1):
        item = {"title": attachment.title, "omitted": attachment.omitted, "url": "", "type": "", "bytes": 0,
                "text_url": ""}
        if attachment.file and attachment.digest:
            kind = filetypes.of(attachment.file)
            item.update(url=file_url(notice, number, attachment), type=kind.label, bytes=attachment.size,
                        text_url=text_url(notice, number) if attachment.text else "")
        out.append(item)
    return out


def notice_items(notice: Notice) -> list[dict]:
    """For the notice page: what `listed` gives, with the size as read and the name a download is saved as."""
    out = []
    for number, (attachment, item) in enumerate(zip(notice.attachments, listed(notice)), start=1):
        extra = {"size": "", "media_type": "", "download": ""}
        if item["url"]:
            extra = {"size": size_label(item["bytes"]), "media_type": filetypes.of(attachment.file).media_type,
                     "download": _download_name(number, attachment)}
        out.append({**item, **extra})
    return out


def _padded(rows: tuple) -> list[list[str]]:
    """Every row as wide as the widest: a table's columns line up under its header."""
    width = max((len(row) for row in rows), default=0)
    return [list(row) + [""] * (width - len(row)) for row in rows]


def _download_name(number: int, attachment: Attachment) -> str:
    """附件1 2016年重点项目表.docx: what the browser saves the file as (the URL itself is ASCII)."""
    title = "".join(" " if c in '/\\:*?"<>|' else c for c in attachment.title).strip() or "附件"
    return f"附件{number} {title}.{attachment.kind}"


def text_pages(notice: Notice) -> list[tuple[str, int, Attachment]]:
    """(path, number, attachment) of each text page the notice has."""
    return [(text_url(notice, n), n, a) for n, a in published(notice) if a.text]


def text_page(notice: Notice, number: int, attachment: Attachment, filters: dict[str, list[str]],
              config: SiteConfig) -> Page:
    """One attachment's text page, without the text itself, which `hydrate` adds from the cache."""
    path = text_url(notice, number)
    kind = filetypes.of(attachment.file)
    label = f"附件{number}"
    context = page_context(config, path, f"{label} {attachment.title}",
                           f"{notice.issuer}{notice.title}（{notice.doc_number}）{label}：{attachment.title}", [
                               {"title": "全部文件", "url": "notices/index.html"},
                               {"title": str(notice.doc_number), "url": notice.url}])
    context.update(
        attachment={"label": label, "title": attachment.title, "url": file_url(notice, number, attachment),
                    "type": kind.label, "size": size_label(attachment.size), "media_type": kind.media_type,
                    "download": _download_name(number, attachment)},
        notice={"title": f"{notice.issuer}{notice.title}", "doc_number": str(notice.doc_number), "url": notice.url},
        note=TEXT_NOTE,
        text_key=attachment.text,
        search={
            "title": f"{notice.title} {label} {attachment.title}",
            "meta": [("文号", str(notice.doc_number)), ("成文日期", cn_date(notice.date)), ("发文机关", notice.issuer)],
            "filters": [(name, value) for name, values in filters.items() for value in values if value],
            "sort_date": notice.date.isoformat(),
        },
    )
    return Page(path, "attachment.html", context, deps=(notice.slug,))


def hydrate(context: dict, text: AttachmentText, known_names: re.Pattern) -> dict:
    """An attachment page's context with its text (blocks, for the page; tokens, for the search index, as a
    notice page has them: its title's n-grams, the site's known names it prints, its characters; no 文号 tokens,
    so that a 文号 finds the notice, not its attachments). known_names: extract.notice.known_names."""
    words = text_of(text)
    tokens = [(search_terms.TITLE_FIELD, search_terms.title_tokens(context["attachment"]["title"])),
              (search_terms.NAME_FIELD, search_terms.name_tokens(search_terms.names_in(words, known_names))),
              (search_terms.CHAR_FIELD, search_terms.char_tokens(words))]
    blocks, tables = [], 0
    for kind, content in text.blocks:
        tables += kind == "table"
        blocks.append({"kind": kind, "text": "" if kind == "table" else content, "number": tables,
                       "rows": _padded(content) if kind == "table" else ()})
    return {**context, "blocks": blocks, "truncated": text.truncated, "cut_note": CUT_NOTE,
            "search": {**context["search"], "tokens": tokens}}
