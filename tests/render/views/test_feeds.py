"""Atom feeds: the site's and one per department, topic, issuer and 文种 page, each valid by RFC 4287."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

from site_builder.build import build
from tests.conftest import notice_text

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://www.zhengzhou.gov.cn/gazette/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
FACETS = ("departments/", "topics/", "issuers/", "types/")


def atom_problems(data: bytes) -> list[str]:
    """What RFC 4287 requires of a feed and its entries (4.1.1, 4.1.2, 4.2.6, 4.2.15, 3.3) that this one lacks."""
    root = ElementTree.fromstring(data)
    if root.tag != f"{ATOM}feed":
        return [f"root is {root.tag}, not atom:feed"]
    problems = _element_problems(root, "feed")
    entries = root.findall(f"{ATOM}entry")
    if not root.findall(f"{ATOM}author") and not all(e.findall(f"{ATOM}author") for e in entries):
        problems.append("feed: no atom:author, and not every entry has one")
    if not any(link.get("rel") == "self" for link in root.findall(f"{ATOM}link")):
        problems.append("feed: no link rel=self")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    if len(ids) != len(set(ids)):
        problems.append("entries share an id")
    for entry in entries:
        problems += _element_problems(entry, f"entry {entry.findtext(f'{ATOM}id')}")
        if entry.find(f"{ATOM}content") is None and not any(
                link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")):
            problems.append("entry without content has no link rel=alternate")
        if len(entry.findall(f"{ATOM}summary")) > 1:
            problems.append("entry has more than one summary")
    return problems


def _element_problems(element, name: str) -> list[str]:
    problems = []
    for child in ("id", "title", "updated"):
        if len(element.findall(f"{ATOM}{child}")) != 1:
            problems.append(f"{name}: not exactly one atom:{child}")
    identity = element.findtext(f"{ATOM}id") or ""
    if not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", identity):
        problems.append(f"{name}: id {identity!r} is not an absolute IRI")
    if not RFC3339.match(element.findtext(f"{ATOM}updated") or ""):
        problems.append(f"{name}: updated is not an RFC 3339 date-time")
    alternates = [(link.get("type"), link.get("hreflang")) for link in element.findall(f"{ATOM}link")
                  if link.get("rel", "alternate") == "alternate"]
    if len(alternates) != len(set(alternates)):
        problems.append(f"{name}: two alternate links of one type")
    for link in element.findall(f"{ATOM}link"):
        if not link.get("href"):
            problems.append(f"{name}: a link without href")
    return problems


def feeds_of(public: Path) -> dict[str, bytes]:
    return {p.relative_to(public).as_posix(): p.read_bytes() for p in sorted(public.rglob("*.xml"))
            if p.name != "sitemap.xml"}


def facet_pages(public: Path) -> list[str]:
    return [p.relative_to(public).as_posix() for p in sorted(public.rglob("*.html"))
            if p.relative_to(public).as_posix().startswith(FACETS) and not p.name.startswith("index")]


def make(site):
    site.write("24.md", notice_text(body="## 一、任务\n\n粮食安全。\n\n责任单位：市粮食局、市财政局（列第一位的为牵头单位）\n"))
    site.write("25.md", notice_text(doc_number="郑政办〔2016〕25号", title="关于印发粮食收购管理办法的通知",
                                    issuer="郑州市人民政府办公厅", date="2016-08-05",
                                    body="## 一、要求\n\n责任单位：市粮食局\n"))
    build(site.root, search=False)
    return site.public


def test_every_feed_is_valid_atom_and_follows_its_page(site):
    public = make(site)
    found = feeds_of(public)
    assert {"feed.xml", "departments/shiliangshiju.xml", "issuers/zhengzhoushirenminzhengfubangongting.xml",
            "types/tongzhi.xml", "types/banfa.xml"} <= set(found)
    assert any(path.startswith("topics/") for path in found)
    for path, data in found.items():
        assert atom_problems(data) == [], path
        root = ElementTree.fromstring(data)
        self_link = next(link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
        assert self_link == BASE + path
        if path != "feed.xml":
            page = next(link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate")
            assert root.findtext(f"{ATOM}id") == page == BASE + path.removesuffix(".xml") + ".html"


def test_a_facet_feed_holds_the_newest_notices_of_its_facet_with_the_ids_of_the_site_feed(site):
    public = make(site)
    grain = ElementTree.fromstring((public / "departments/shiliangshiju.xml").read_bytes())
    finance = ElementTree.fromstring((public / "departments/shicaizhengju.xml").read_bytes())
    everything = ElementTree.fromstring((public / "feed.xml").read_bytes())

    def ids(root):
        return [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]

    assert ids(grain) == ["tag:www.zhengzhou.gov.cn,2016-08-05:zhengzhengban-2016-25",
                          "tag:www.zhengzhou.gov.cn,2016-08-01:zhengzheng-2016-24"] == ids(everything)
    assert ids(finance) == ["tag:www.zhengzhou.gov.cn,2016-08-01:zhengzheng-2016-24"]
    assert grain.findtext(f"{ATOM}title") == "市粮食局 - 郑州市人民政府公报"
    assert finance.findtext(f"{ATOM}updated") == "2016-08-01T00:00:00Z"


def test_every_facet_page_links_its_feed_in_its_head_and_visibly(site):
    public = make(site)
    pages = facet_pages(public)
    assert len(pages) > 10
    for path in pages:
        html = (public / path).read_text("utf-8")
        head = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">', html)
        visible = re.findall(r'<a href="([^"]+)" type="application/atom\+xml">订阅本页更新（Atom）</a>', html)
        assert len(head) == 2 and len(visible) == 1, path  # the site's feed, and its own
        own = urljoin(path, visible[0])
        assert urljoin(path, head[1]) == own and (public / own).is_file(), path
        assert own == re.sub(r"(-\d+)?\.html$", ".xml", path), path  # page 2 links the feed of its list


def test_a_department_without_notices_has_an_empty_feed_that_is_still_valid(site):
    public = make(site)
    empty = [path for path, data in feeds_of(public).items()
             if path.startswith("departments/") and b"<entry>" not in data]
    assert empty, "the departments file lists departments no notice names"
    data = (public / empty[0]).read_bytes()
    assert atom_problems(data) == [] and b"<updated>2000-01-01T00:00:00Z</updated>" in data


def test_feeds_are_byte_identical_from_build_to_build(site, tmp_path):
    first = feeds_of(make(site))
    import shutil

    other = tmp_path / "again"
    shutil.copytree(site.root, other, ignore=shutil.ignore_patterns("public", ".site-builder"))
    build(other, search=False)
    assert feeds_of(other / "public") == first
