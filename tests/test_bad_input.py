"""What editors and attackers give the tool: each case ends in a clear diagnostic or in safe output, never in a
traceback, and a failed build leaves the published site byte for byte as it was."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from site_builder.publish import folders, stage
from site_builder.check.site import check_folder
from site_builder.cli import main
from site_builder.core.docnum import DocNumber, parse_doc_number
from tests.browser import browser  # noqa: F401  (a fixture)
from site_builder.core.text import FORBIDDEN_RE
from tests.conftest import REPO, notice_text, snapshot

GOOD = notice_text(doc_number="郑政〔2016〕27号", title="关于加快国家区域性会展中心城市建设的意见",
                   date="2016-08-18", body="## 一、总体要求\n\n正文。")
BASE = "https://www.zhengzhou.gov.cn/gazette/"


@pytest.fixture
def published(site):
    """A site with one good notice, built and published: the state every bad input must leave alone."""
    site.write("27.md", GOOD)
    assert main(["build", "--root", str(site.root), "--no-search"]) == 0
    return site


def fails(site, capsys) -> list[str]:
    """Build the site from the command line; it must fail cleanly and leave public/ untouched. Its stderr lines."""
    capsys.readouterr()
    before = snapshot(site.public)
    assert main(["build", "--root", str(site.root), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert snapshot(site.public) == before
    assert not folders.state_paths(site.public)[0].exists()  # no staging folder left behind
    return _about_input(err)


def builds(site, capsys) -> list[str]:
    capsys.readouterr()
    assert main(["build", "--root", str(site.root), "--no-search"]) == 0
    return _about_input(capsys.readouterr().err)


def _about_input(err: str) -> list[str]:
    """stderr's lines but W140: the test notices are 意见 with no 政策解读, which says what the site has not
    published yet, not what is wrong with a file (tests/analyse/test_interpretations.py covers W140)."""
    return [line for line in err.splitlines() if ": W140 " not in line]


def failed(errors: int) -> str:
    return f"build failed: {errors} error(s); the published site was not changed"


def test_malformed_yaml(published, capsys):
    published.write("x.md", "---\ndoc_number: 郑政〔2016〕24号\ntitle: \"未闭合的引号\nissuer: x\n---\n正文\n")
    assert fails(published, capsys) == [
        "content/notices/x.md:3: E105 front matter is not valid YAML: found unexpected end of stream "
        "while scanning a quoted scalar "
        "(check quotes and the ':' after each key)", failed(1)]


def test_missing_front_matter(published, capsys):
    published.write("x.md", "# 关于测试的通知\n\n正文\n")
    assert fails(published, capsys) == [
        "content/notices/x.md:1: E103 no front matter: the file must start with a line '---' "
        "(see docs/content-format.md)", failed(1)]


def test_unclosed_front_matter(published, capsys):
    published.write("x.md", "---\ndoc_number: 郑政〔2016〕24号\n\n正文\n")
    assert fails(published, capsys) == [
        "content/notices/x.md:1: E104 front matter is not closed: no second '---' line "
        "(add a line '---' after the last key)", failed(1)]


def test_front_matter_that_is_not_a_mapping(published, capsys):
    published.write("x.md", "---\n郑政〔2016〕24号\n---\n正文\n")
    assert fails(published, capsys) == [
        "content/notices/x.md:2: E105 front matter is not a mapping of keys to values "
        "(write one 'key: value' per line)", failed(1)]


def test_missing_required_keys(published, capsys):
    published.write("x.md", "---\ntitle: 关于测试的通知\ndate: 2016-08-01\n---\n正文\n")
    assert fails(published, capsys) == [
        "content/notices/x.md:1: E110 missing required key 'doc_number' (发文字号) "
        "(add a line 'doc_number: …' to the front matter)",
        "content/notices/x.md:1: E110 missing required key 'issuer' (发文机关) "
        "(add a line 'issuer: …' to the front matter)", failed(2)]


def test_a_key_written_twice(published, capsys):
    published.write("x.md", notice_text(extra="title: 第二个标题\n"))
    assert fails(published, capsys) == [
        "content/notices/x.md:6: E107 key 'title' appears twice in the front matter (first on line 4) "
        "(keep one; YAML would silently use the last)", failed(1)]


@pytest.mark.parametrize("written, shown", [
    ("2016-13-01", "'2016-13-01'"), ("2016-02-30", "'2016-02-30'"), ("2016/08/01", "'2016/08/01'"),
    ("20160801", "20160801"), ("二〇一六年八月一日", "'二〇一六年八月一日'"), ("[2016, 8, 1]", "[2016, 8, 1]")])
def test_invalid_dates(published, capsys, written, shown):
    published.write("x.md", notice_text(date=written))
    assert fails(published, capsys) == [
        f"content/notices/x.md:5: E113 'date' (成文日期) is not a date: {shown} "
        "(write it as YYYY-MM-DD, e.g. 2016-08-01)", failed(1)]


def test_duplicate_doc_number(published, capsys):
    published.write("z.md", notice_text(doc_number="郑政 [2016] 27 号", title="关于另一件事的通知"))
    assert fails(published, capsys) == [
        "content/notices/z.md:2: E120 duplicate doc_number (发文字号) 郑政〔2016〕27号: "
        "already used by content/notices/27.md:2 (each notice needs its own 文号)", failed(1)]


@pytest.mark.parametrize("doc_number", ["../../etc〔2016〕1号", "郑政〔2016〕1号/../../../x", "/tmp/x〔2016〕1号",
                                        "郑政〔2016〕..号", "郑政\\..〔2016〕1号", "%2e%2e〔2016〕1号"])
def test_a_doc_number_that_tries_to_escape_the_output_folder(published, capsys, doc_number):
    published.write("x.md", notice_text(doc_number=json.dumps(doc_number, ensure_ascii=False)))
    assert fails(published, capsys) == [
        f"content/notices/x.md:2: E112 doc_number (发文字号) is not a 文号: {doc_number!r} "
        "(write it like 郑政〔2016〕24号, or a decree's like 国令第707号)", failed(1)]


@pytest.mark.parametrize("prefix", ["郑政", "国办发", "乄乀", "亖亗", "龘靐齉", "豫政办明电", "丨丶丿乀乁", "\u9fff\u4e00"])
def test_every_doc_number_gives_a_plain_page_name(prefix):
    # The page name is pinyin and digits only, so no 文号 can name a path outside notices/.
    doc = parse_doc_number(f"{prefix}〔2016〕7号")
    assert isinstance(doc, DocNumber)
    assert re.fullmatch(r"[a-z0-9]+-2016-7", doc.slug)
    assert stage.check_path(f"notices/{doc.slug}.html")


@pytest.mark.parametrize("name", ["<script>alert(1)<\\script>.md", "a b#?&=.md", "-rf.md", "..md", "名字 (副本).md",
                                  "'; rm -rf ~.md", "%2e%2e%2f.md"])
def test_odd_file_names_build_and_the_page_name_comes_from_the_doc_number(published, capsys, name):
    published.write(name, notice_text())
    assert builds(published, capsys) == []
    assert (published.public / "notices/zhengzheng-2016-24.html").is_file()
    assert sorted(p.name for p in (published.public / "notices").iterdir()) == [
        "index.html", "zhengzheng-2016-24.html", "zhengzheng-2016-27.html"]


def test_a_file_name_with_a_newline_cannot_forge_a_diagnostic(published, capsys):
    published.write("x\n.md:1: W000 all good.md", "no front matter\n")
    assert fails(published, capsys) == [
        "content/notices/x\\n.md:1: W000 all good.md:1: E103 no front matter: the file must start with a line '---' "
        "(see docs/content-format.md)", failed(1)]


def test_a_file_name_that_is_not_utf8(published, capsys, monkeypatch):
    monkeypatch.chdir(published.root)  # bytes paths: the name cannot be written as str
    with open(b"content/notices/\xb9\xab\xb1\xa8.md", "wb") as handle:  # 公报 in GBK
        handle.write(b"\n")
    assert fails(published, capsys) == [
        "content/notices/\\udcb9\\udcab\\udcb1\\udca8.md:1: E102 file is empty (a notice needs front matter and a body)",
        failed(1)]


def test_a_folder_or_a_dangling_link_named_like_a_notice(published, capsys):
    (published.root / "content/notices/folder.md").mkdir()
    (published.root / "content/notices/gone.md").symlink_to(published.root / "nowhere.md")
    assert fails(published, capsys) == [
        "content/notices/folder.md:1: E100 cannot read file: Is a directory",
        "content/notices/gone.md:1: E100 cannot read file: No such file or directory", failed(2)]


def test_invalid_utf8(published, capsys):
    published.write("x.md", notice_text().encode("utf-8") + "附件：项目表\n".encode("gb18030"))
    assert fails(published, capsys) == [
        "content/notices/x.md:9: E101 file is not valid UTF-8 (byte 0xb8) "
        "(save the file as UTF-8; GBK/GB18030 files must be converted)", failed(1)]


@pytest.mark.parametrize("data", [b"", b"\n\n   \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n\t\r\n"])
def test_empty_files(published, capsys, data):
    published.write("x.md", data)
    assert fails(published, capsys) == [
        "content/notices/x.md:1: E102 file is empty (a notice needs front matter and a body)", failed(1)]


def test_byte_order_mark_crlf_and_cr_are_read_as_plain_text(published, capsys):
    text = notice_text(body="## 一、总则\n\n第一段\n第一段续\n\n第二段")
    published.write("crlf.md", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    published.write("cr.md", notice_text(doc_number="郑政〔2016〕25号", body="第一段\n\n第二段").replace("\n", "\r").encode())
    assert builds(published, capsys) == []
    page = (published.public / "notices/zhengzheng-2016-24.html").read_bytes()
    assert b"\r" not in page and "\ufeff".encode() not in page
    assert "<title>关于全面落实粮食安全省长责任制的实施意见 - " in page.decode()
    assert '<h2 id="s1">一、总则 ' in page.decode() and "<p>第一段\n第一段续</p>" in page.decode()
    assert "<p>第二段</p>" in (published.public / "notices/zhengzheng-2016-25.html").read_text("utf-8")


def test_control_characters_are_removed_with_a_warning(published, capsys):
    published.write("x.md", notice_text(title="关于\x0b测试的通知", body="正文\x1b[0m。\x00\x7f\ufffe"))
    assert builds(published, capsys) == [
        "content/notices/x.md:4: W102 5 control character(s) removed, the first U+000B "
        "(they are invisible and not allowed in a web page)"]
    page = (published.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert "<p>正文[0m。</p>" in page and "<h1 id=\"notice-title\">郑州市人民政府关于测试的通知</h1>" in page


def test_a_table_row_with_more_cells_than_its_header_is_reported(published, capsys):
    published.write("x.md", notice_text(body="| 单位 | 任务 |\n|---|---|\n| 金水区 | 2036 | 超出 |"))
    assert builds(published, capsys) == [
        "content/notices/x.md:10: W130 this table row has more cells than the header row: the extra cells are not "
        "shown (add columns to the header and its '---' row, or merge the cells)"]


def test_yaml_alias_bomb(published, capsys):
    levels = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
    for n in range(1, 9):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    published.write("x.md", "---\n" + "\n".join(levels) + "\n---\n正文\n")
    assert fails(published, capsys) == [
        "content/notices/x.md:3: E106 YAML aliases (*name) are not allowed in front matter "
        "(write the value out in full)", failed(1)]


def test_deeply_nested_yaml(published, capsys):
    published.write("x.md", "---\ntitle: " + "[" * 20000 + "]" * 20000 + "\n---\n正文\n")
    assert fails(published, capsys) == [
        "content/notices/x.md:2: E105 front matter is not valid YAML: exceeded maximum nesting depth "
        "(check quotes and the ':' after each key)", failed(1)]


def test_yaml_tags_never_run_code(published, capsys, tmp_path):
    marker = tmp_path / "ran"
    published.write("x.md", notice_text(extra=f"signer: !!python/object/apply:os.system [\"touch {marker}\"]\n"))
    assert fails(published, capsys) == [
        "content/notices/x.md:6: E105 front matter is not valid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' (check quotes and the ':' after each key)", failed(1)]
    assert not marker.exists()


def test_a_title_with_a_line_break(published, capsys):
    published.write("x.md", notice_text(title="|\n  关于测试的通知\n  第二行"))
    assert fails(published, capsys) == ["content/notices/x.md:4: E111 'title' (标题) must be a single line", failed(1)]


def test_a_broken_site_toml(published, capsys):
    (published.root / "site.toml").write_text("[site]\nname = \"公报\nbase_url = 1\n", "utf-8")
    assert fails(published, capsys) == [
        "site.toml:2: E201 site.toml is not valid TOML: Illegal character '\\n' (at line 2, column 11)", failed(1)]


@pytest.mark.slow
def test_a_ten_megabyte_notice_builds(published, capsys):
    # Every paragraph restarts the numbering at （一）, the worst case for anchors, and cites another notice.
    paragraph = "（一）加强组织领导。各级人民政府要高度重视粮食安全工作，按照郑政〔2016〕27号文件要求，切实抓好落实。" * 6
    published.write("big.md", notice_text(body="\n\n".join([paragraph] * 12000)))
    assert (published.root / "content/notices/big.md").stat().st_size > 10_000_000
    assert builds(published, capsys) == []
    page = (published.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert '<p id="s1_12000" class="clause">' in page and page.count('class="cite"') == 6 * 12000


# Content is untrusted: whatever HTML, script or URL an editor types comes out as text.
HOSTILE_TITLE = "关于<script>window.__pwned='title'</script><img src=x onerror=\"window.__pwned='img'\">的通知"
HOSTILE_BODY = """\
<script>window.__pwned = "body script"</script>

<img src="x" onerror="window.__pwned = 'body img'">

<svg onload="window.__pwned = 'svg'"></svg> <iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>

[点我](javascript:window.__pwned='link') [大写](JAVASCRIPT:window.__pwned='upper') [实体](&#106;avascript:window.__pwned='entity')
<javascript:window.__pwned='autolink'> [数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[引号](https://example.org/"onmouseover="window.__pwned='quote') [vb](vbscript:msgbox)

## 一、<b onmouseover="window.__pwned='heading'">标题</b>

| <script>x</script> | 列 |
|---|---|
| <img src=x onerror=alert(1)> | `</code><script>` |

</div></main><script>window.__pwned = "closing tags"</script>
"""
HOSTILE = notice_text(title=json.dumps(HOSTILE_TITLE, ensure_ascii=False), body=HOSTILE_BODY,
                      issuer='"郑州市人民政府</title><script>window.__pwned=1</script>"',
                      extra='addressees: "<b>各县（市、区）</b>人民政府"\nkeywords: ["</script><script>window.__pwned=1</script>"]\n'
                            'attachments:\n- title: "<a href=javascript:alert(1)>附件</a>"\n'
                            'signer: "\\"><svg onload=alert(1)>"\nindex_number: "{{ 7*7 }}{% raw %}"\n')


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture
def hostile(published, capsys):
    published.write("x.md", HOSTILE)
    assert builds(published, capsys) == []
    return published


def test_raw_html_and_script_come_out_as_text(hostile):
    page = (hostile.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    tags = tags_of(page)
    assert [t for t, a in tags if t == "script"] == ["script"] * 3  # elder.js, JSON-LD and site.js, nothing else
    assert [(t, a) for t, a in tags if t in ("img", "svg", "iframe", "b")] == []
    assert [(t, name) for t, a in tags for name in a if name.startswith("on")] == []
    assert "&lt;script&gt;window.__pwned = &#34;body script&#34;&lt;/script&gt;" in page
    assert "&lt;img src=&#34;x&#34; onerror=&#34;window.__pwned = &#39;body img&#39;&#34;&gt;" in page
    assert "{{ 7*7 }}{% raw %}" in page  # template syntax in content is not evaluated either


def test_javascript_and_data_links_are_not_links(hostile):
    page = (hostile.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    hrefs = [a.get("href", "") for t, a in tags_of(page) if t == "a"]
    assert [h for h in hrefs if not h.startswith(("#", "../", "index.html", "zhengzheng-"))] == [
        "https://example.org/%22onmouseover=%22window.__pwned='quote'"]
    assert "点我 大写 实体" in page and "数据" in page  # the link texts stay, as text
    report = check_folder(hostile.public, BASE)
    assert [d.code for d in report.diagnostics if d.code != "E701"] == []  # E701: --no-search leaves out Pagefind


def test_metadata_is_escaped_in_meta_tags_json_ld_feed_and_api(hostile):
    page = (hostile.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert "<" not in ld and json.loads(ld)["name"].startswith("郑州市人民政府</title><script>")
    assert '<meta name="Keywords" content="&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;，' in page
    feed = ElementTree.parse(hostile.public / "feed.xml").getroot()  # still well-formed XML
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert HOSTILE_TITLE + "（郑政〔2016〕24号）" in titles
    record = json.loads((hostile.public / "api/notices/zhengzheng-2016-24.json").read_text("utf-8"))
    assert record["title"] == HOSTILE_TITLE and record["url"] == "notices/zhengzheng-2016-24.html"
    for listing in ("index.html", "notices/index.html"):
        assert "<script>window" not in (hostile.public / listing).read_text("utf-8")


@pytest.mark.browser
def test_nothing_injected_runs_in_the_browser(hostile, browser):
    dialogs = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("notices/zhengzheng-2016-24.html", "index.html", "notices/index.html"):
        page.goto((hostile.public / path).as_uri())
        page.wait_for_load_state("load")
        for link in page.locator("main a").all():  # hovering and following every link runs nothing either
            link.hover()
            if link.get_attribute("href").startswith("#"):
                link.click()
        assert page.evaluate("window.__pwned") is None, path
        assert page.evaluate("document.querySelectorAll('main script, main img, main svg, main iframe').length") == 0
    assert dialogs == []
    page.close()


# Issue 21: what used to end in a traceback, a hang or a broken feed.

@pytest.mark.parametrize("written, body", [
    ("9999-12-31", "## 一、任务\n\n3月底前完成。"), ("9999-12-31", "## 一、任务\n\n年底前完成。"),
    ("9999-12-31", "本办法自发布之日起施行。"), ("0001-01-01", "## 一、任务\n\n年底前完成。")])
def test_a_date_out_of_range_is_an_error_not_a_traceback(published, capsys, written, body):
    published.write("x.md", notice_text(date=written, body=body))
    assert fails(published, capsys) == [
        f"content/notices/x.md:5: E115 'date' (成文日期) {written} is out of range "
        "(a date between 1900 and 2199; check the year)", failed(1)]


def well_formed(site) -> None:
    """Every page, feed and sitemap of the site parses; no character HTML or XML forbids is anywhere."""
    for path, data in snapshot(site.public).items():
        text = data.decode("utf-8")  # valid UTF-8
        assert not FORBIDDEN_RE.search(text), path
        if path.endswith(".xml"):
            ElementTree.fromstring(data)


@pytest.mark.parametrize("reference", ["&#xFFFF;", "&#xFFFE;", "&#1;", "&#x1;", "&#127;", "&#xD800;",
                                       "&#x202E;", "&#1114112;"])
def test_a_reference_to_a_forbidden_character_becomes_a_replacement_character(published, capsys, reference):
    published.write("x.md", notice_text(body=f"## 一、总则\n\n前{reference}后。"))
    assert builds(published, capsys) == []
    page = (published.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert "前\ufffd后" in page
    well_formed(published)
    assert check_folder(published.public, BASE).broken == 0


def test_control_characters_from_yaml_escapes_are_removed_with_a_warning(published, capsys):
    published.write("x.md", notice_text(title='"关于\\x01测试的通知"', issuer='"郑州市\\u0007人民政府"',
                                        extra='keywords: ["粮\\x1f食"]\n'))
    assert builds(published, capsys) == [
        "content/notices/x.md:3: W102 'issuer' (发文机关) holds an invisible control character (U+0007): removed "
        "(they are not allowed in a web page)",
        "content/notices/x.md:4: W102 'title' (标题) holds an invisible control character (U+0001): removed "
        "(they are not allowed in a web page)",
        "content/notices/x.md:6: W102 'keywords' (主题词) holds an invisible control character (U+001F): "
        "removed (they are not allowed in a web page)"]
    assert "关于测试的通知" in (published.public / "feed.xml").read_text("utf-8")
    well_formed(published)


def test_a_bidirectional_override_in_a_title_is_removed_with_a_warning(published, capsys):
    published.write("x.md", notice_text(title="关于\u202e知通的试测\u202c", issuer="郑州市\u2066人民政府\u2069"))
    assert builds(published, capsys) == [
        "content/notices/x.md:3: W103 'issuer' (发文机关) holds a bidirectional control character (U+2066), which "
        "can show text in another order than it is written: removed (retype the value without it)",
        "content/notices/x.md:4: W103 'title' (标题) holds a bidirectional control character (U+202E), which "
        "can show text in another order than it is written: removed (retype the value without it)"]
    page = (published.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert "\u202e" not in page and "关于知通的试测" in page


@pytest.mark.parametrize("setting, message", [
    ('name = "郑州\\u0001公报"', "site.name holds an invisible control character (U+0001): retype it"),
    ('base_url = "https://x.gov.cn/#top"', "site.base_url must be an absolute http(s) URL without query, "
                                           "fragment, quotes or spaces, not 'https://x.gov.cn/#top'"),
    ('base_url = \'https://x.gov.cn/"onload="\'', "site.base_url must be an absolute http(s) URL without query, "
                                                  "fragment, quotes or spaces, not 'https://x.gov.cn/\"onload=\"'"),
    ('index_number_format = "{number:>300000000}"', "site.index_number_format is not a valid format "
     "({number:>300000000} is not a plain width); use {org_code}, {year}, {prefix} and {number}, with a width "
     "like {number:05d}"),
    ('index_number_format = "{org_code.__class__.__mro__}"', "site.index_number_format is not a valid format "
     "(unknown field {org_code.__class__.__mro__}); use {org_code}, {year}, {prefix} and {number}, with a width "
     "like {number:05d}"),
    ('index_number_format = "{number:099d}"', "site.index_number_format is not a valid format ({number:099d} is "
     "not a plain width); use {org_code}, {year}, {prefix} and {number}, with a width like {number:05d}"),
    ('index_number_format = "{prefix!r}"', "site.index_number_format is not a valid format ({prefix:} is not a "
     "plain width); use {org_code}, {year}, {prefix} and {number}, with a width like {number:05d}")])
def test_site_settings_that_would_break_or_leak_into_pages_are_refused(published, capsys, setting, message):
    toml = published.root / "site.toml"
    key = setting.split(" =")[0]
    lines = [line for line in toml.read_text("utf-8").splitlines() if not line.startswith(key + " =")]
    at = lines.index("[site]") + 1
    toml.write_text("\n".join(lines[:at] + [setting] + lines[at:]) + "\n", "utf-8")
    assert fails(published, capsys) == [f"site.toml:{at + 1}: E203 {message}", failed(1)]


def test_a_link_to_dev_zero_named_like_a_notice_is_refused_without_reading_it(published, capsys):
    (published.root / "content/notices/zero.md").symlink_to("/dev/zero")
    assert fails(published, capsys) == [
        "content/notices/zero.md:1: E100 cannot read file: not a regular file: a device", failed(1)]


def test_a_fifo_named_like_a_notice_or_template_fails_at_once(published):
    """In a child process with a timeout: a regression would hang, not fail."""
    os.mkfifo(published.root / "content/notices/pipe.md")
    command = [sys.executable, "-m", "site_builder", "build", "--root", str(published.root), "--no-search"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 1 and done.stderr.splitlines() == [
        "content/notices/pipe.md:1: E100 cannot read file: not a regular file: a FIFO", failed(1)]
    os.unlink(published.root / "content/notices/pipe.md")
    os.mkfifo(published.root / "templates/extra.html")
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 1 and done.stderr.splitlines() == [
        "templates/extra.html:1: E411 cannot read file: not a regular file: a FIFO "
        "(remove it or replace it with a regular file)", failed(1)]


def test_check_fails_on_a_feed_that_is_not_xml(published, capsys):
    feed = published.public / "feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"</title>", b"\x01</title>", 1))
    capsys.readouterr()
    assert main(["check", "--root", str(published.root)]) == 1
    err = capsys.readouterr().err
    assert "public/feed.xml:" in err and "E706 not well-formed XML: not well-formed (invalid token)" in err


def paginated(site, per_page: int = 1) -> None:
    toml = site.root / "site.toml"
    toml.write_text(toml.read_text("utf-8").replace("paginate = 50", f"paginate = {per_page}"), "utf-8")


def test_an_issuer_typo_never_takes_the_place_of_page_two_of_the_real_issuer(published, capsys):
    paginated(published)
    published.write("a.md", notice_text(doc_number="郑政〔2016〕1号", title="关于一的通知"))
    published.write("b.md", notice_text(doc_number="郑政〔2016〕2号", title="关于二的通知", issuer="郑州市人民正府"))
    assert builds(published, capsys) == []
    issuers = published.public / "issuers"
    assert "关于一的通知" in (issuers / "zhengzhoushirenminzhengfu-2.html").read_text("utf-8")  # page 2
    assert "关于二的通知" in (issuers / "zhengzhoushirenminzhengfu-v2.html").read_text("utf-8")  # the typo


@pytest.mark.parametrize("field", ["issuer", "department", "topic"])
def test_a_name_whose_slug_is_index_gets_its_own_page(published, capsys, field):
    if field == "issuer":
        published.write("a.md", notice_text(doc_number="郑政〔2016〕1号", title="关于一的通知", issuer="index"))
        folder = "issuers"
    elif field == "department":
        departments = published.root / "content/departments.toml"
        departments.write_text(departments.read_text("utf-8").replace(
            "\n[departments]\n", '\n[departments]\n"index" = []\n', 1), "utf-8")
        published.write("a.md", notice_text(doc_number="郑政〔2016〕1号", title="关于一的通知",
                                            body="## 一、任务\n\n做事。\n\n责任单位：index"))
        folder = "departments"
    else:
        topics = published.root / "content/topics.toml"
        topics.write_text(topics.read_text("utf-8") + '\n["index"]\n"index" = ["粮食"]\n', "utf-8")
        published.write("a.md", notice_text(doc_number="郑政〔2016〕1号", title="关于一的通知", extra="topics: [index]\n"))
        folder = "topics"
    assert [line for line in builds(published, capsys) if " E" in line] == []
    assert (published.public / folder / "index-v2.html").is_file()
    assert "index-v2.html" in (published.public / folder / "index.html").read_text("utf-8")


def with_attachment(file: str, title: str = "项目表") -> str:
    return GOOD.replace("date: 2016-08-18\n", f"date: 2016-08-18\nattachments:\n- 工作要点\n- title: {title}\n"
                                              f"  file: {file}\n")


def test_a_missing_attachment_file_is_an_error_naming_the_notice_and_line(published, capsys):
    published.write("27.md", with_attachment("attachments/xiangmu.docx"))
    assert fails(published, capsys) == [
        "content/notices/27.md:8: E142 attachment file 'attachments/xiangmu.docx' not found (put the file at "
        "content/attachments/xiangmu.docx, or correct the path: it is relative to content/)", failed(1)]


def test_an_attachment_linked_from_outside_content_is_an_error(published, capsys, tmp_path):
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    published.content("attachments/x.pdf").symlink_to(tmp_path / "secret.pdf")
    published.write("27.md", with_attachment("attachments/x.pdf"))
    assert fails(published, capsys) == [
        "content/notices/27.md:8: E141 attachment file 'attachments/x.pdf' leads outside content/ "
        "(copy the file into content/ instead of linking to it)", failed(1)]


def test_an_attachment_over_the_size_limit_of_site_toml_is_an_error(published, capsys):
    toml = published.root / "site.toml"
    toml.write_text(re.sub(r"(?m)^attachment_limit_mb = \d+", "attachment_limit_mb = 1", toml.read_text("utf-8")),
                    "utf-8")
    published.content("attachments/big.pdf").write_bytes(b"%PDF-1.4\n" + bytes(3 * 1024 * 1024))
    published.write("27.md", with_attachment("attachments/big.pdf"))
    assert fails(published, capsys) == [
        "content/notices/27.md:8: E144 attachment file 'attachments/big.pdf' is larger than the limit of 1 MB "
        "(3.0 MB) (make it smaller (compress its images, split it), or raise [build] attachment_limit_mb in "
        "site.toml)", failed(1)]


def test_an_attachment_that_is_a_fifo_is_refused_without_blocking(published, capsys):
    os.mkfifo(published.content("attachments/pipe.pdf"))
    published.write("27.md", with_attachment("attachments/pipe.pdf"))
    assert fails(published, capsys) == [
        "content/notices/27.md:8: E142 attachment file 'attachments/pipe.pdf' cannot be read: not a regular file "
        "(replace it with a regular file)", failed(1)]


def test_an_attachment_title_with_markup_and_a_file_named_like_a_script_stay_text(published, capsys):
    published.content("attachments/<script>.pdf").write_bytes((REPO / "tests/extract/attachments/"
                                                                 "hukehe-2025-7-kongjian-buju.pdf").read_bytes())
    published.write("27.md", with_attachment('"attachments/<script>.pdf"', '"<img src=x onerror=alert(1)>"'))
    assert builds(published, capsys) == []
    page = (published.public / "notices/zhengzheng-2016-27.html").read_text("utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="zhengzheng-2016-27/fujian2.pdf"' in page  # the URL is ours, never the file's name
