import re

import pytest

from site_builder.build import build
from site_builder.check.site import Checker, Target, check_files, page_kind
from site_builder.cli import main
from tests.conftest import notice_text

BASE = "https://www.example.gov.cn/gazette/"


def page(body: str = "", ids: str = "") -> bytes:
    return f'<!DOCTYPE html><html><body><main id="main">{ids}\n{body}</main></body></html>\n'.encode()


def errors(files: dict[str, bytes]) -> list[str]:
    return [str(d) for d in check_files(files, BASE).diagnostics]


SITE = {
    "index.html": page('<a href="notices/a.html#s1">a</a> <a href="notices/">all</a> <a href="#main">skip</a>'),
    "notices/index.html": page('<a href="a.html">a</a> <a href="../index.html">home</a>'),
    "notices/a.html": page('<a href="../assets/site.css?v=1">css</a> <a href="%E4%B8%AD.html">中</a>',
                           '<h2 id="s1">一、</h2>'),
    "notices/中.html": page('<a href="a.html#s1">a</a> <a href="mailto:x@example.gov.cn">mail</a>'),
    "assets/site.css": b"body { }",
    "feed.xml": b'<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://www.example.gov.cn/gazette/notices/a.html"/></feed>',
    "sitemap.xml": b'<urlset><url><loc>https://www.example.gov.cn/gazette/index.html</loc></url></urlset>',
    "api/notices.json": b'[{"url": "notices/a.html", "api_url": "api/notices/a.json"}]',
    "api/notices/a.json": b'{"url": "notices/a.html"}',
    "robots.txt": b"Sitemap: https://www.example.gov.cn/gazette/sitemap.xml\n",
}


def test_a_sound_site_has_no_broken_link():
    report = check_files(SITE, BASE)
    assert report.diagnostics == []
    assert report.summary() == ("checked 15 links in 10 files (1 home, 2 notices/*, 1 notices/index): "
                                "0 broken, 0 external (not fetched)")


def test_missing_file_is_reported_with_file_and_line():
    files = {**SITE, "index.html": page('<a href="notices/a.html">a</a>\n<a href="notices/b.html">b</a>')}
    assert errors(files) == ["public/index.html:3: E701 broken link 'notices/b.html' (notices/b.html is not in the site)"]


def test_missing_anchor_in_this_page_and_in_another_page():
    files = {**SITE, "notices/index.html": page('<a href="a.html#s9">a</a>\n<a href="#nowhere">x</a>')}
    assert errors(files) == [
        "public/notices/index.html:2: E702 broken anchor 'a.html#s9' (notices/a.html has no id 's9')",
        "public/notices/index.html:3: E702 broken anchor '#nowhere' (notices/index.html has no id 'nowhere')"]


def test_anchor_in_a_page_read_earlier_is_checked_too():
    files = {**SITE, "notices/中.html": page('<a href="index.html#gone">x</a>')}
    assert errors(files) == [
        "public/notices/中.html:2: E702 broken anchor 'index.html#gone' (notices/index.html has no id 'gone')"]


def test_links_that_leave_the_site_folder():
    files = {**SITE, "index.html": page('<a href="../up.html">a</a>\n<a href="/elsewhere/x.html">b</a>')}
    assert errors(files) == [
        "public/index.html:2: E703 link leaves the site '../up.html' (it points outside /gazette/ of the site)",
        "public/index.html:3: E703 link leaves the site '/elsewhere/x.html' (it points outside /gazette/ of the site)"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\nscript:alert(1)",
                                 "vbscript:msgbox"])
def test_javascript_links_are_errors(url):
    files = {**SITE, "index.html": f'<a href="{url}">x</a>'.encode()}
    assert [d.code for d in check_files(files, BASE).diagnostics] == ["E704"]


def test_feed_sitemap_robots_and_api_urls_map_back_to_files():
    files = {**SITE,
             "feed.xml": b'<feed>\n<link href="https://www.example.gov.cn/gazette/notices/x.html"/></feed>',
             "sitemap.xml": b'<urlset>\n<url><loc>http://www.example.gov.cn/gazette/y.html</loc></url></urlset>',
             "robots.txt": b"Sitemap: https://www.example.gov.cn/gazette/sitemap2.xml\n",
             "api/notices.json": b'[\n {\n  "api_url": "api/notices/gone.json",\n  "url": "notices/a.html"\n }\n]\n'}
    assert errors(files) == [
        "public/api/notices.json:3: E701 broken link 'api/notices/gone.json' (api/notices/gone.json is not in the site)",
        "public/feed.xml:2: E701 broken link 'https://www.example.gov.cn/gazette/notices/x.html' "
        "(notices/x.html is not in the site)",
        "public/robots.txt:1: E701 broken link 'https://www.example.gov.cn/gazette/sitemap2.xml' "
        "(sitemap2.xml is not in the site)",
        "public/sitemap.xml:2: E701 broken link 'http://www.example.gov.cn/gazette/y.html' (y.html is not in the site)"]


def test_external_links_are_listed_not_fetched():
    files = {**SITE, "index.html": page('<a href="https://www.gov.cn/">a</a> <a href="https://www.gov.cn/">b</a>'),
             "notices/index.html": page('<a href="//example.org/x">x</a> <a href="https://www.example.gov.cn/other/">o</a>')}
    report = check_files(files, BASE)
    assert report.diagnostics == []
    assert report.external == {"//example.org/x": (1, "public/notices/index.html:2"),
                               "https://www.example.gov.cn/other/": (1, "public/notices/index.html:2"),
                               "https://www.gov.cn/": (2, "public/index.html:2")}


def test_a_broken_link_on_every_page_is_shown_three_times_and_counted():
    files = {f"notices/{n}.html": page('<a href="../search/index.html">搜索</a>') for n in range(5)}
    files["index.html"] = page()
    assert errors(files) == [
        "public/notices/0.html:2: E701 broken link '../search/index.html' (search/index.html is not in the site)",
        "public/notices/1.html:2: E701 broken link '../search/index.html' (search/index.html is not in the site)",
        "public/notices/2.html:2: E701 broken link '../search/index.html' "
        "(search/index.html is not in the site; 2 more like it)"]


def test_duplicate_ids_are_errors():
    files = {**SITE, "notices/a.html": page("", '<h2 id="s1">一</h2>\n<p id="s1">二</p>')}
    assert errors(files) == [
        "public/notices/a.html:2: E705 duplicate id 's1' (first on line 1; a link to it is ambiguous)"]


def test_the_404_page_may_not_use_relative_links():
    files = {**SITE, "404.html": page('<a href="/gazette/index.html">首页</a>\n<a href="notices/index.html">全部</a>')}
    assert errors(files) == [
        "public/404.html:3: E706 relative link on the 404 page 'notices/index.html' (the server shows this page for "
        "missing URLs in every folder, where a relative link breaks; start it at the site's root path)"]


def test_pagefind_bundle_and_dotfiles_are_not_read():
    files = {**SITE, "pagefind/pagefind-ui.css": b"x { background: url(missing.png) }",
             ".site-builder-manifest.json": b'{"url": "nowhere.html"}'}
    assert errors(files) == []


def test_links_into_the_search_index_of_a_site_built_without_it_are_counted_not_broken():
    search = page('<link rel="stylesheet" href="../pagefind/2016/pagefind-ui.css">')
    report = check_files({**SITE, "search/index.html": search}, BASE)
    assert report.diagnostics == [] and report.broken == 0 and report.unsearched == 1
    assert report.summary().endswith("built without the search index (--no-search): 1 link(s) into pagefind/ "
                                     "not checked")
    # With an index (its manifest is there), a missing bundle file is a broken link like any other.
    report = check_files({**SITE, "search/index.html": search, "pagefind/shards.json": b"{}"}, BASE)
    assert [d.code for d in report.diagnostics] == ["E701"] and report.unsearched == 0


def test_resolve():
    checker = Checker(["index.html", "notices/index.html", "notices/a.html"], BASE)
    assert checker.resolve("notices/a.html", "./") == Target("internal", "notices/index.html")
    assert checker.resolve("notices/a.html", "..") == Target("internal", "index.html")
    assert checker.resolve("notices/a.html", "?page=2#s1") == Target("internal", "notices/a.html", "s1")
    assert checker.resolve("notices/a.html", "../notices") == Target("internal", "notices/index.html")
    assert checker.resolve("api/x.json", "notices/a.html", root_relative=True) == Target("internal", "notices/a.html")
    assert checker.resolve("index.html", "https://www.example.gov.cn/gazette") == Target("internal", "index.html")
    assert checker.resolve("index.html", "#%E4%B8%80") == Target("internal", "index.html", "一")
    assert checker.resolve("index.html", "tel:12345").kind == "other"


@pytest.mark.parametrize("path, kind", [
    ("index.html", "home"), ("404.html", "404"), ("notices/index.html", "notices/index"),
    ("notices/index-3.html", "notices/index"), ("notices/zhengzheng-2016-24.html", "notices/*"),
    ("search/index.html", "search/index"), ("departments/shi-fgw/index.html", "departments/*/index"),
    ("cited/guofa-2015-33.html", "cited/*"), ("timeline-2.html", "timeline"), ("topics/a/b.html", "topics/*/*")])
def test_page_kind(path, kind):
    assert page_kind(path) == kind


def test_cli_check_passes_on_a_built_site_and_fails_on_a_broken_one(site, capsys):
    site.write("a.md", notice_text(body="## 一、总则\n\n见郑政〔2016〕24号。"))
    build(site.root, search=True)  # the search page links Pagefind's files
    assert main(["check", "--root", str(site.root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("checked ") and ": 0 broken, 0 external (not fetched)\n" in out

    (site.public / "notices/index.html").unlink()
    assert main(["check", "--root", str(site.root)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(
        "public/404.html:21: E701 broken link '/gazette/notices/index.html' (notices/index.html is not in the site)\n")
    assert re.search(r"\(notices/index.html is not in the site; (\d+) more like it\)\ncheck failed: (\d+) broken link",
                     captured.err)
    assert "Traceback" not in captured.err


def test_cli_check_without_a_built_site(site, capsys):
    assert main(["check", "--root", str(site.root)]) == 1
    assert capsys.readouterr().err == ("public:1: E700 no built site here (run 'site-builder build' first)\n"
                                       "check failed: the site could not be checked\n")


def test_cli_lists_external_links_without_fetching_them(site, capsys):
    site.write("a.md", notice_text(body="见[国务院网站](https://www.gov.cn/zhengce/)和[同一网站](https://www.gov.cn/zhengce/)。"))
    build(site.root, search=False)
    main(["check", "--root", str(site.root)])
    out = capsys.readouterr().out
    page = (site.public / "notices/zhengzheng-2016-24.html").read_text("utf-8").split("\n")
    line = next(n for n, text in enumerate(page, 1) if "https://www.gov.cn/zhengce/" in text)
    assert out.startswith("external links (listed, not fetched):\n"
                          f"  https://www.gov.cn/zhengce/  (public/notices/zhengzheng-2016-24.html:{line}, 2 links)\n")
    assert ", 1 external (not fetched); built without the search index (--no-search): 2 link(s) into pagefind/ " \
           "not checked\n" in out
