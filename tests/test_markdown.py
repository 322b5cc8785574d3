import re

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.docnum import parse_doc_number
from site_builder.markdown import clauses_of, render_body

BODY = """为贯彻落实《国务院关于x的意见》（国发〔2014〕69号），现提出如下意见。

## 一、明确责任

### （一）增强意识

粮食安全是基础。

责任单位：市粮食局

### （二）落实职责

1.加强组织。具体说明。

## 二、保障措施
"""


def test_outline_anchors_labels_and_lines():
    body = render_body(BODY, doc_label="郑政〔2016〕24号", line_offset=10)
    assert [(c.anchor, c.label, c.heading, c.level, c.line, c.parent) for c in body.clauses] == [
        ("s1", "一", "明确责任", 1, 13, ""),
        ("s1-1", "一（一）", "增强意识", 2, 15, "s1"),
        ("s1-2", "一（二）", "落实职责", 2, 21, "s1"),
        ("s1-2-1", "一（二）1.", "加强组织", 3, 23, "s1-2"),
        ("s2", "二", "保障措施", 1, 25, ""),
    ]
    assert body.clauses[1].text == "（一）增强意识\n粮食安全是基础。\n责任单位：市粮食局"
    assert body.preamble.startswith("为贯彻落实")


def test_every_clause_has_an_id_and_a_copyable_link():
    html = render_body(BODY, doc_label="郑政〔2016〕24号").html
    assert '<h3 id="s1-1">（一）增强意识 <a class="clause-link" href="#s1-1" data-cite="郑政〔2016〕24号 一（一）" ' \
           'aria-label="本条链接：郑政〔2016〕24号 一（一）">#</a></h3>' in html
    assert '<p id="s1-2-1" class="clause">1.加强组织。具体说明。' in html


def test_raw_html_never_passes():
    html = render_body('<script>alert(1)</script>\n\n正文<img src=x onerror=alert(1)>\n\n<div>块</div>').html
    assert "<script" not in html and "<img" not in html and "<div>" not in html
    assert "&lt;script&gt;" in html


def test_dangerous_links_and_images_are_not_rendered():
    html = render_body("[点我](javascript:alert(1)) [数据](data:text/html,x) ![图](http://tracker.example/a.png)").html
    assert "href=\"javascript" not in html and "href=\"data" not in html and "<img" not in html


def test_tables_have_header_cells_in_a_scroll_region():
    html = render_body("| 序号 | 单位 |\n|---|---|\n| 1 | 市粮食局 |\n").html
    assert '<div class="table-wrap" role="region" aria-label="表格1" tabindex="0">' in html
    assert "<th>序号</th>" in html and "<td>市粮食局</td>" in html


def test_citations_become_links_where_the_resolver_knows_them():
    def resolve(citation):
        return "zhengzheng-2016-27.html" if citation.text == "郑政〔2016〕27号" else None

    html = render_body("根据郑政[2016]27号和国发〔2014〕69号执行。", resolve=resolve).html
    assert '<a href="zhengzheng-2016-27.html" class="cite">郑政[2016]27号</a>和国发〔2014〕69号' in html


def test_citations_inside_an_authors_link_are_left_alone():
    html = render_body("[郑政〔2016〕27号](other.html)", resolve=lambda d: "x.html").html
    assert html.count("<a ") == 1


def test_top_level_heading_is_demoted_below_the_page_title():
    assert render_body("# 标题").html.startswith("<h2>")


def test_same_input_same_output():
    assert render_body(BODY).html == render_body(BODY).html
    assert parse_doc_number("郑政〔2016〕24号").slug == "zhengzheng-2016-24"


def test_a_citation_broken_across_source_lines_is_one_link():
    html = render_body("为贯彻落实《国务院办公厅关于…的若干意见》（国\n办发〔2015〕51号），以及\n其他。",
                       resolve=lambda c: f"../cited/{c.doc_number.slug}.html").html
    assert '（<a href="../cited/guobanfa-2015-51.html" class="cite">国办发〔2015〕51号</a>），以及\n其他。' in html


def test_a_citation_links_to_the_clause_it_names():
    html = render_body("按照郑政〔2016〕24号第三条执行。",
                       resolve=lambda c: f"zhengzheng-2016-24.html#{c.anchor}").html
    assert '<a href="zhengzheng-2016-24.html#a3" class="cite">郑政〔2016〕24号</a>第三条执行。' in html


def test_a_notice_naming_itself_is_not_linked():
    html = render_body("现将郑政〔2016〕24号印发。", doc_label="郑政〔2016〕24号", resolve=lambda c: "x.html").html
    assert "<a " not in html.replace('<a class="clause-link"', "")


def test_clauses_of_reads_the_outline_without_rendering():
    assert [c.anchor for c in clauses_of(BODY)] == ["s1", "s1-1", "s1-2", "s1-2-1", "s2"]


_SOURCE = st.lists(st.sampled_from(["郑政〔2016〕24号", "（国", "办发〔2015〕51号）", "\n", "**", "[链接](x.html)",
                                    "根据", "，", "《标题》", " ", "号", "〔2016〕", "`代码`"]), max_size=25)


@settings(max_examples=200, deadline=None)
@given(_SOURCE.map("".join))
def test_linking_citations_never_changes_the_text(source):
    def text_of(html):  # a line break inside a citation goes, as Chinese text joins lines
        return re.sub(r"<[^>]+>|\n", "", html)

    linked = render_body(source, resolve=lambda c: "x.html").html
    assert text_of(linked) == text_of(render_body(source).html)


def test_tables_are_carried_as_cell_text_with_their_clause_and_lines():
    body = render_body("## 一、任务\n\n| 序号 | 责任单位 |\n|---|---|\n| 1 | 市粮食局、财政局 |\n", line_offset=10)
    (table,) = body.tables
    assert (table.header, table.rows, table.line, table.clause, table.row_lines) == (
        ("序号", "责任单位"), (("1", "市粮食局、财政局"),), 13, "s1", (15,))
