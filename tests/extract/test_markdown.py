import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.core.docnum import parse_doc_number
from site_builder.extract.markdown import body_warnings, clauses_of, render_body

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


def test_a_table_printed_without_headings_has_no_empty_header_row():
    body = render_body("|   |   |\n| --- | --- |\n| 1.郑州康宁特 | 10.郑州新大方 |\n| 2.郑州顶益 | 11.嵩阳煤机 |\n")
    assert "<thead>" not in body.html and "<th>" not in body.html
    assert "<tbody>\n<tr>\n<td>1.郑州康宁特</td>" in body.html
    assert body.tables[0].rows == (("1.郑州康宁特", "10.郑州新大方"), ("2.郑州顶益", "11.嵩阳煤机"))
    # One heading is enough to keep the row: empty cells under a spanning heading stay in place.
    assert "<th></th>" in render_body("| 名称 |   |\n|---|---|\n| a | b |\n").html


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


@pytest.mark.parametrize("source, html", [
    ("[1]: 郑州市规定", "<p>[1]: 郑州市规定</p>\n"),  # not a link reference definition that vanishes
    ("    缩进的段落\n    第二行", "<p>缩进的段落\n第二行</p>\n"),  # not code
    ("```一、\n正文", "<p>```一、\n正文</p>\n"),  # not a fence whose info string becomes a class
])
def test_nothing_typed_vanishes_from_the_page(source, html):
    assert render_body(source).html == html


def test_table_rows_with_more_cells_than_the_header_are_reported():
    source = "正文\n\n| 单位 | 任务 |\n|---|---|\n| 金水区 | 2036 | 备注 |\n| 二七区 \\| 中原区 | 1500 |\n\n> | a |\n> |---|\n> | 1 | 2 |"
    body = render_body(source, line_offset=10)
    assert body.dropped_cells == (15, 20)
    assert [str(d) for d in body_warnings("x.md", body)][0] == (
        "x.md:15: W130 this table row has more cells than the header row: the extra cells are not shown "
        "(add columns to the header and its '---' row, or merge the cells)")


def test_each_table_region_has_its_own_name():
    html = render_body("| a |\n|---|\n| 1 |\n\n正文\n\n| b |\n|---|\n| 2 |").html
    assert html.count('aria-label="表格1"') == 1 and html.count('aria-label="表格2"') == 1


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
