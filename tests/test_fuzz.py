"""Property tests: the front-matter loader, the citation parser, the Markdown renderer and the importer never
crash on what they are given, and lose no text on the way: every Chinese character of the input reaches the page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from site_builder.extract.citations import find_citations
from site_builder.core.docnum import DocNumber, parse_doc_number
from site_builder.load.frontmatter import strip_forbidden
from site_builder.importer import import_text
from site_builder.importer.tables import PERSONNEL_HEADER
from site_builder.load.notice import KNOWN, parse_notice
from site_builder.extract.markdown import render_body
from site_builder.publish.stage import check_path
from tests.conftest import notice_text

PATH = "content/notices/x.md"
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def cjk(text: str) -> str:
    return "".join(CJK_RE.findall(text))


def is_subsequence(needle: str, haystack: str) -> bool:
    chars = iter(haystack)
    return all(char in chars for char in needle)


class _Visible(HTMLParser):
    """Text a reader gets from a rendered body: text nodes, and the targets and titles of links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if tag == "a" and name in ("href", "title") and value and not value.startswith("#"):
                self.parts.append(unquote(value))

    def handle_data(self, data):
        self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


# Text as editors and the importer write it: Chinese prose, clause numbers, 文号, Markdown and HTML syntax.
PIECES = ["一、", "（二）", "3.", "（4）", "第五条", "第一章 ", "附件：", "责任单位：", "郑政〔2016〕24号", "国发[2014]69号",
          "《郑州市会展业管理办法》", "## ", "### ", "- ", "1. ", "> ", "| ", " | ", "|---|---|", "**", "*", "_", "`",
          "[", "]", "(", ")", "<", ">", "&", "&amp;", "&#20013;", "\\", "#", "!", "<script>", "</p>", "http://x.cn/",
          "javascript:", "]: ", "\n[1]: ", "\n| 甲 | 乙 |\n|---|---|\n", "\n", "\n\n", "    ", "\t", "：", "。", "，", "；", "、", " "]
CHINESE = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12)
BODY = st.lists(st.one_of(st.sampled_from(PIECES), CHINESE, st.text(max_size=6)), max_size=60).map("".join)


@SETTINGS
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_notice_or_an_error_never_a_crash(data):
    notice, diagnostics = parse_notice(PATH, data)
    assert (notice is None) == any(d.is_error for d in diagnostics)
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for d in diagnostics:
        assert d.path == PATH and 1 <= d.line <= lines and re.fullmatch(r"[EW]\d{3}", d.code)
        assert "\n" not in str(d)


KEY = st.sampled_from(sorted(KNOWN) + ["titel", "Title", "日期", "<b>", "a b", "'q'", "-", "?", "&x", "*y", "!!str"])
VALUE = st.one_of(st.sampled_from(["郑政〔2016〕24号", "2016-08-01", "2016-8-1", "[a, b", "{x: 1}", "|", ">", "'", '"',
                                   "&a [1]", "*a", "!!binary x", "- a", "~", "null", "true", "1e3", "有效", "作废"]),
                  st.text(max_size=20))


@SETTINGS
@given(st.lists(st.tuples(KEY, VALUE, st.sampled_from(["", " ", "  ", "\t"])), max_size=12),
       st.booleans(), BODY)
def test_front_matter_of_any_shape_gives_a_notice_or_an_error(pairs, closed, body):
    front = "".join(f"{indent}{key}: {value}\n" for key, value, indent in pairs)
    data = ("---\n" + front + ("---\n" if closed else "") + body).encode("utf-8", "surrogatepass")
    notice, diagnostics = parse_notice(PATH, data)
    assert (notice is None) == any(d.is_error for d in diagnostics)


@SETTINGS
@given(BODY, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_the_loader_keeps_the_body_exactly(body, newline, bom):
    assume("\r" not in body)
    text = notice_text(body="x")[: -len("x\n")] + body
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8", "surrogatepass")
    assume(all(ord(c) < 0xD800 or ord(c) > 0xDFFF for c in body))
    notice, diagnostics = parse_notice(PATH, data)
    assert notice is not None, diagnostics
    assert notice.body == "\n" + strip_forbidden(PATH, body)[0]  # only the characters HTML forbids are dropped


@SETTINGS
@given(BODY)
def test_rendering_shows_every_chinese_character_in_order_or_says_what_it_leaves_out(body):
    clean = strip_forbidden(PATH, body)[0]
    rendered = render_body(clean, doc_label="郑政〔2016〕1号",
                           resolve=lambda citation: f"{citation.doc_number.prefix}.html")
    shown = visible(rendered.html)
    assert is_subsequence(cjk(clean), cjk(shown)) or rendered.dropped_cells, (cjk(clean), cjk(shown))
    if rendered.dropped_cells:  # the warning names real table rows
        assert all("|" in re.split(r"\r\n?|\n", clean)[line - 1] for line in rendered.dropped_cells)


@SETTINGS
@given(st.one_of(st.text(max_size=40), st.builds(lambda p, y, n: f"{p}〔{y}〕{n}号", CHINESE, st.integers(0, 9999),
                                                 st.integers(0, 99999))))
def test_no_doc_number_names_a_page_outside_notices(text):
    # The page name is pinyin and digits, whatever the 文号: no '..', '/', '\\' or dot can reach a path.
    doc = parse_doc_number(text)
    if doc is not None:
        assert re.fullmatch(r"[a-z0-9]+-\d{1,4}-\d{1,5}", doc.slug)
        assert check_path(f"notices/{doc.slug}.html")


@st.composite
def text_with_a_citation(draw):
    before, after = draw(BODY), draw(BODY)
    prefix = draw(st.sampled_from(["郑政", "郑政办文", "国发", "豫政办", "国办发", "郑信用"]))
    year, number = draw(st.integers(1990, 2030)), draw(st.integers(1, 99999))
    opening, closing = draw(st.sampled_from(["〔〕", "[]", "()", "（）", "【】", "［］"]))
    citation = f"{prefix}{opening}{year}{closing}{number}号"
    separator = draw(st.sampled_from(["，", "。", "（", "》（", " ", "\n", "见"]))
    return before + separator + citation + draw(st.sampled_from(["，", "）", "。", "的", ""])) + after, citation, \
        DocNumber(prefix, year, number)


@SETTINGS
@given(text_with_a_citation())
def test_an_embedded_citation_is_found_once_with_its_exact_span(case):
    text, written, doc = case
    found = find_citations(text)
    spans = [(c.start, c.end) for c in found if c.doc_number == doc and text[c.start:c.end] == written]
    assert len(spans) == 1
    assert all(0 <= c.start < c.end <= len(text) for c in found)
    assert [c.start for c in found] == sorted(c.start for c in found)  # in order, and no two overlap
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@SETTINGS
@given(BODY)
def test_the_citation_parser_never_crashes_and_its_spans_are_real(text):
    for citation in find_citations(text):
        written = text[citation.start:citation.end]
        assert written.startswith(citation.doc_number.prefix) and written.endswith("号")


# Gazette-like raw text for the importer: notice heads (发文机关 / 标题 / 文号 and date / 主送机关) and bodies.
ISSUERS = ["郑州市人民政府", "郑州市人民政府办公厅"]
WORDS = "粮食安全责任制度建设发展规划市场管理工作组织领导加强推进落实完善企业服务资金项目"
PROSE = st.text(alphabet=WORDS + "，。；、：", min_size=2, max_size=40)
TITLE = st.text(alphabet=WORDS, min_size=2, max_size=30)
BODY_LINE = st.one_of(
    PROSE,
    PROSE.map(lambda t: "一、" + t), PROSE.map(lambda t: "（二）" + t), PROSE.map(lambda t: "3. " + t),
    PROSE.map(lambda t: "第四条 " + t), PROSE.map(lambda t: "责任单位：" + t),
    PROSE.map(lambda t: t + "（郑政〔2016〕24号）"), st.just(""),
)


@st.composite
def gazette(draw):
    lines, numbers = [], draw(st.lists(st.integers(1, 300), min_size=1, max_size=4, unique=True))
    for number in numbers:
        issuer = draw(st.sampled_from(ISSUERS))
        prefix = "郑政" if issuer == ISSUERS[0] else "郑政办"
        lines += [issuer, "", "关于" + draw(TITLE) + "的通知", "",
                  f"{prefix}〔2016〕{number}号 2016年8月{draw(st.integers(1, 28))}日", "",
                  "各县（市、区）人民政府，市人民政府各部门：", ""]
        lines += draw(st.lists(BODY_LINE, min_size=1, max_size=12))
        lines.append("")
    return "\n".join(lines)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gazette())
def test_the_importer_keeps_every_chinese_character_and_the_build_accepts_its_output(text):
    result = import_text(text, "g.txt", "g.txt")
    assert not any(d.is_error for d in result.diagnostics), [str(d) for d in result.diagnostics]
    parts = []
    header = "| " + " | ".join(PERSONNEL_HEADER) + " |"
    for imported in result.notices:
        notice, diagnostics = parse_notice(f"content/{imported.file}", imported.text.encode())
        assert notice is not None, [str(d) for d in diagnostics]
        parts += [notice.issuer, notice.title, str(notice.doc_number), "年月日", notice.addressees]
        parts += [line for line in notice.body.split("\n") if line != header]
        shown = visible(render_body(notice.body, resolve=lambda citation: "x.html").html)
        assert is_subsequence(cjk(notice.body.replace(header, "")), cjk(shown))
    assert cjk("\n".join(parts)) == cjk(text)
