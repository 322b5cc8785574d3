from datetime import date

from site_builder.extract.deadlines import find, notice_deadlines
from site_builder.extract.markdown import render_body

WRITTEN = date(2016, 8, 22)


def limits(text: str, written: date = WRITTEN, published: date | None = None) -> list[tuple]:
    return [(d.kind, d.text, d.due, d.precision, d.period) for d in find(text, written, published)]


def test_year_end_forms():
    assert limits("以上工作确保在2016年年底前完成。") == [("by", "2016年年底前", date(2016, 12, 31), "year", "")]
    assert limits("确保2017年底全面实现统一社会信用代码") == [("by", "2017年底", date(2017, 12, 31), "year", "")]
    assert limits("2018年年底以前，建立覆盖全市城乡的供应网络") == [("by", "2018年年底以前", date(2018, 12, 31), "year", "")]


def test_month_end_without_a_year_takes_the_notices_year():
    assert limits("9月底前完成") == [("by", "9月底前", date(2016, 9, 30), "month", "")]
    # a month long past when the notice was written means next year's
    assert limits("3月底前完成", written=date(2016, 12, 1)) == [("by", "3月底前", date(2017, 3, 31), "month", "")]


def test_day_and_part_of_month():
    assert limits("9月1日前提供给各县（市、区）政府") == [("by", "9月1日前", date(2016, 9, 1), "day", "")]
    assert limits("2016年10月中旬完成治理") == [("by", "2016年10月中旬", date(2016, 10, 20), "month", "")]


def test_this_year_but_not_a_span_of_years():
    assert limits("力争年底前培训不少于10万人") == [("by", "年底前", date(2016, 12, 31), "year", "")]
    assert limits("力争3-5年内形成大型集团，三年内100%补贴，近两年内无违法") == []


def test_recurring_limits_are_actions_on_a_schedule():
    assert limits("每季度向市发展改革委报送工作进展情况。") == [("recurring", "每季度", None, "", "每季度")]
    assert limits("分两批（每年2月底前、8月底前）公告作废") == [
        ("recurring", "每年2月底前、8月底前", None, "", "每年")]
    assert limits("确保全市小微企业每年新增3000家以上") == []


def test_effective_dates():
    assert limits("第二十二条 本办法自2016年9月1日起施行。") == [
        ("effective", "自2016年9月1日起施行", date(2016, 9, 1), "day", "")]
    assert limits("本办法自发布之日起实施。", published=date(2016, 8, 25)) == [
        ("effective", "自发布之日起实施", date(2016, 8, 25), "day", "")]


def test_context_is_the_sentence_around_the_limit():
    found = find("前一句。2017年年底在全市建立120家粮食应急供应网点，每个区1家。后一句。", WRITTEN)
    assert found[0].context == "2017年年底在全市建立120家粮食应急供应网点，每个区1家"


def test_limits_of_a_notice_carry_their_clause_anchor():
    body = render_body("为做好工作，制定本方案。\n\n## 一、任务\n\n### （一）建成体系\n\n2017年年底前各地要建成体系。\n")
    assert [(d.anchor, d.text) for d in notice_deadlines(body, WRITTEN)] == [("s1-1", "2017年年底前")]
