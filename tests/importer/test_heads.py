import datetime
import textwrap

from site_builder.importer.heads import find_heads
from site_builder.importer.lines import split_lines


def heads_of(text: str):
    return find_heads(split_lines(textwrap.dedent(text).strip("\n")), "g.txt")


def describe(head):
    return (head.line, str(head.doc_number), head.issuer, head.title, head.date.isoformat(), head.addressees)


def test_issuer_and_title_on_separate_lines_with_a_stray_space():
    heads, problems = heads_of("""
        郑州市人民政府

        关于全面落实粮食安全省长责任制的 实施意见

        郑政〔2016〕24号 2016年8月1日

        各县（市、区）人民政府，市人民政府有关部门：

        为全面贯彻落实……现提出如下实施意见。
        """)
    assert problems == []
    assert [describe(h) for h in heads] == [(1, "郑政〔2016〕24号", "郑州市人民政府", "关于全面落实粮食安全省长责任制的实施意见",
                                             "2016-08-01", "各县（市、区）人民政府，市人民政府有关部门")]
    assert heads[0].body_start == 7  # an index: the body starts after the 主送机关 on line 7


def test_issuer_and_title_on_one_line_and_the_date_on_the_next():
    heads, _ = heads_of("""
        郑州市人民政府 关于加快国家区域性会展中心城市建设的意见

        郑政〔2016〕27号

        2016年8月18日

        各县（市、区）人民政府，市人民政府各部门，各有关单位：
        """)
    assert describe(heads[0]) == (1, "郑政〔2016〕27号", "郑州市人民政府", "关于加快国家区域性会展中心城市建设的意见", "2016-08-18",
                                  "各县（市、区）人民政府，市人民政府各部门，各有关单位")


def test_a_title_over_two_lines_spaced_numbers_and_addressees_over_two_lines():
    heads, _ = heads_of("""
        郑州市人民政府办公厅
        关于建立郑州市企业信用信息归集共享
        工作联席会议制度的通知

        郑政办文〔2016〕63 号 2016 年 8 月 22 日

        各县（市、区）人民政府，市人民政府各部门，
        各有关单位：
        """)
    assert describe(heads[0]) == (1, "郑政办文〔2016〕63号", "郑州市人民政府办公厅", "关于建立郑州市企业信用信息归集共享工作联席会议制度的通知",
                                  "2016-08-22", "各县（市、区）人民政府，市人民政府各部门，各有关单位")


def test_ascii_brackets_and_half_width_punctuation():
    heads, _ = heads_of("""
        郑州市人民政府办公厅 关于印发郑州市创建国家社会信用体系建设 示范城市工作方案的通知
        郑政办文[2016]66号 2016年8月23日
        各县(市、区)人民政府,市人民政府各部门,各有关单位:
        """)
    assert describe(heads[0])[1:] == ("郑政办文〔2016〕66号", "郑州市人民政府办公厅", "关于印发郑州市创建国家社会信用体系建设示范城市工作方案的通知",
                                      "2016-08-23", "各县（市、区）人民政府，市人民政府各部门，各有关单位")
    assert [r.kind for r in heads[0].repairs] == ["space", "docnum", "punctuation"]


def test_an_attached_text_after_an_issuer_line_is_not_a_notice():
    heads, problems = heads_of("""
        郑州市人民政府办公厅 印发郑州市人民政府办公厅关于办理 人大代表建议政协委员提案工作的若干规定的通知

        郑政办文〔2016〕57号 2016年8月2日

        经市政府同意，现在印发你们，请遵照执行。

        郑州市人民政府办公厅

        关于办理人大代表建议政协委员提案工作的若干规定

        第一章 总 则
        """)
    assert problems == []
    assert [h.title for h in heads] == ["印发郑州市人民政府办公厅关于办理人大代表建议政协委员提案工作的若干规定的通知"]
    assert heads[0].addressees is None and heads[0].date == datetime.date(2016, 8, 2)


def test_no_notice_head():
    assert [str(p) for p in heads_of("粮食安全是基础。\n")[1]] == [
        "g.txt:1: E301 no notice head found "
        "(a notice starts with its 发文机关 line, e.g. 郑州市人民政府, then its title and 文号)"]


def test_a_head_without_a_document_number():
    _, problems = heads_of("""
        郑州市人民政府 关于扶持小微企业加快发展的意见

        各县（市、区）人民政府，市人民政府各部门：
        """)
    assert [str(p) for p in problems] == [
        "g.txt:1: E302 notice head without 文号: 关于扶持小微企业加快发展的意见 (the 文号, e.g. 郑政〔2016〕24号, must follow the title)"]


def test_text_before_the_first_head():
    _, problems = heads_of("""
        2016年第8期

        郑州市人民政府 关于扶持小微企业加快发展的意见
        郑政〔2016〕28号 2016年8月29日
        """)
    assert [str(p) for p in problems] == [
        "g.txt:1: E303 text before the first notice head (every notice must start with its 发文机关 line)"]


def test_a_head_without_a_date_or_with_an_impossible_one():
    _, problems = heads_of("""
        郑州市人民政府 关于扶持小微企业加快发展的意见
        郑政〔2016〕28号
        各县（市、区）人民政府，市人民政府各部门：
        """)
    assert [str(p) for p in problems] == [
        "g.txt:2: E304 notice 郑政〔2016〕28号 has no 成文日期 (write the date after the 文号, e.g. 2016年8月1日)"]
    _, problems = heads_of("""
        郑州市人民政府 关于扶持小微企业加快发展的意见
        郑政〔2016〕28号 2016年8月32日
        """)
    assert [str(p) for p in problems] == ["g.txt:2: E304 notice 郑政〔2016〕28号 has an impossible 成文日期: 2016年8月32日"]


def test_a_document_number_used_twice():
    _, problems = heads_of("""
        郑州市人民政府 关于扶持小微企业加快发展的意见
        郑政〔2016〕28号 2016年8月29日
        正文。
        郑州市人民政府 关于促进科技和金融结合的意见
        郑政[2016]28号 2016年8月16日
        """)
    assert [str(p) for p in problems] == ["g.txt:4: E305 文号 郑政〔2016〕28号 is used twice (the first is at line 1)"]
