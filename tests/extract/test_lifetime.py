"""施行日期 and 有效期 read from a notice's own text: real sentences (LIFETIME_SOURCES.md), and ones that must not
match because the date is another thing's."""

from datetime import date

import pytest

from site_builder.extract.lifetime import lifetime_dates, read_date
from site_builder.extract.markdown import render_body
from site_builder.extract.notice import lifetime
from site_builder.load.notice import parse_notice
from tests.conftest import notice_text

MEASURES = "关于印发郑州市会展业发展专项资金管理办法的通知"  # a 印发 notice: its 办法 is the document itself


def read(body: str, title: str = MEASURES, date_: str = "2016-08-22", extra: str = ""):
    notice, problems = parse_notice("x.md", notice_text(title=title, date=date_, body=body, extra=extra).encode())
    assert notice is not None, problems
    return lifetime(notice, render_body(notice.body))


def dates_of(body: str, **kw) -> tuple[date | None, date | None]:
    found = read(body, **kw)
    return (found.effective.value if found.effective else None, found.expires.value if found.expires else None)


@pytest.mark.parametrize("body, effective, expires", [
    # the embedded gazette
    ("第二十二条 本办法自2016年9月1日起施行。2011年4月28日发布的《郑州市人民政府办公厅关于印发郑州市会展业发展专项资金"
     "使用管理办法的通知》（郑政办〔2011〕28号）同时废止。", date(2016, 9, 1), None),
    ("第二十九条 本办法自发布之日起实施。", date(2016, 8, 22), None),
    ("第二十四条 本规定自发布之日起施行。", date(2016, 8, 22), None),
    # 施行 and 有效期 in one sentence, 有效期 of years and months, to a date, from a date to a date
    ("本办法自2016年9月10日起施行，有效期2年。", date(2016, 9, 10), date(2018, 9, 9)),
    ("本意见自印发之日起施行，有效期5年。", date(2016, 8, 22), date(2021, 8, 21)),
    ("本通知自印发之日起执行，有效期至2021年12月31日。", date(2016, 8, 22), date(2021, 12, 31)),
    ("本办法有效期为五年。", None, date(2021, 8, 21)),
    ("本方案有效期18个月。", None, date(2018, 2, 21)),
    ("本办法有效期自2017年1月1日至2019年12月31日。", None, date(2019, 12, 31)),
    ("本办法自2017年1月1日起施行，至2021年12月31日止。", date(2017, 1, 1), date(2021, 12, 31)),
    # a bare statement (pvmeng.com), 30 days after publication
    ("自发布之日起30日后施行,有效期2年。", date(2016, 9, 21), date(2018, 9, 20)),
    # 试行
    ("本办法自发布之日起试行，试行期为2年。", date(2016, 8, 22), date(2018, 8, 21)),
    ("本办法试行两年。", None, date(2018, 8, 21)),
    # a subject followed by other words before the date
    ("本办法由市商务局负责解释，自发布之日起施行。", date(2016, 8, 22), None),
    ("本实施细则自2016年10月1日起施行。", date(2016, 10, 1), None),
    # Chinese numerals (decrees), full-width digits
    ("本办法自二〇一六年九月一日起施行。", date(2016, 9, 1), None),
    ("本办法自２０１６年９月１日起施行。", date(2016, 9, 1), None),
])
def test_the_documents_own_dates_are_read(body, effective, expires):
    assert dates_of(body) == (effective, expires)


@pytest.mark.parametrize("body", [
    # 郑政〔2016〕25号: the award's 有效期, not the 办法's
    "第二十七条 市长质量奖有效期为4年,有效期满后可再次申请,再次获得该奖的,授予证书和称号,不授予奖金。",
    "（二）在获奖有效期内发生质量、安全、环境污染等较大责任事故(按照国家有关规定认定)的;",
    "（六）对达到强制报废和检验有效期届满后连续三个机动车检验周期未取得检验合格标志的机动车，公告作废。",
    # another document's, another thing's
    "《中华人民共和国预算法》自2015年1月1日起施行。",
    "证书有效期为3年。",
    "有效期为3年。",
    "本办法规定的补贴资金有效期为2年。",
    "本市规定的资格有效期为3年。",
    "入选企业资格有效期3年，期满后重新认定。",
    "各地自2016年9月1日起施行。",
    # not a statement that the text takes effect: the verb has an object, or qualifies a noun
    "自2003年9月1日起，全市禁止生产实心粘土砖。",
    "自2017年1月1日起执行新的收费标准。",
    "根据国发〔2016〕6号自2016年1月1日起施行的规定，做好衔接。",
    # a standard raised in the same sentence: whose 执行 is it?
    "城乡低保标准提高到每人每月300元，自2017年1月1日起执行。",
    "卫生许可证每两年复核一次。",
    "本办法第十条自2017年1月1日起施行。",
])
def test_another_things_dates_are_not_the_documents(body):
    assert dates_of(body) == (None, None)


@pytest.mark.parametrize("title, issued, body, effective, expires", [
    # 渝粮规范〔2023〕2号: the 细则 calls itself 本实施办法 once (with no date) and 本实施细则 when it dates itself
    ("关于印发《重庆市政策性粮食购销违法违规行为举报奖励实施细则（试行）》的通知", "2023-12-31",
     "第十四条 本实施办法中涉及的“以上”包含本数，“以下”不包含本数。\n\n第十五条 本实施细则自发布之日起施行，有效期5年。",
     date(2023, 12, 31), date(2028, 12, 30)),
    # 渝公积金发〔2016〕65号: 本管理办法, 执行 for 施行
    ("关于印发重庆市住房公积金二手房贷款管理办法的通知", "2016-08-23",
     "现将《重庆市住房公积金二手房贷款管理办法》印发给你们，请遵照执行。\n\n"
     "本管理办法自印发之日起执行，原《重庆市住房公积金二手房贷款办法》（渝公积金发〔2004〕427号）停止执行。",
     date(2016, 8, 23), None),
    # 国务院令第644号: a decision's own date, not that of the 办法 it amends (quoted new wording is not read)
    ("国务院关于修改《全国年节及纪念日放假办法》的决定", "2013-12-11",
     "国务院决定对《全国年节及纪念日放假办法》作如下修改：\n\n将第二条第二项修改为：“（二）春节，放假3天（农历正月初一、初二、初三）”。\n\n"
     "本决定自2014年1月1日起施行。\n\n《全国年节及纪念日放假办法》根据本决定作相应修改，重新公布。",
     date(2014, 1, 1), None),
    # 国税发〔2009〕2号 第一百一十八条: a date before the 发布日期 (the 办法 took effect backwards)
    ("关于印发《特别纳税调整实施办法（试行）》的通知", "2009-01-08",
     "第一百一十八条 本办法自2008年1月1日起施行。在本办法发布前实施的有关规定与本办法不一致的，以本办法为准。",
     date(2008, 1, 1), None),
])
def test_real_closing_clauses_of_other_issuers(title, issued, body, effective, expires):
    assert dates_of(body, title=title, date_=issued) == (effective, expires)


@pytest.mark.parametrize("title, issued, body, effective", [
    # tests/importer/corpus (sources in its SOURCES.md): the clause that publishes the document is its subject
    ("专利代理条例", "2018-11-06", "《专利代理条例》已经2018年9月6日国务院第23次常务会议修订通过，现将修订后的《专利代理条例》公布，"
     "自2019年3月1日起施行。", date(2019, 3, 1)),  # 国令第706号
    ("国务院行政机构设置和编制管理条例", "1997-08-03", "现发布《国务院行政机构设置和编制管理条例》,自发布之日起施行。",
     date(1997, 8, 3)),  # 国令第227号
    ("关于印发《清远市人民政府工作规则》的通知", "2019-11-29",
     "新修订的《清远市人民政府工作规则》已经七届第44次市政府常务会议审议通过。现印发给你们,自印发之日起施行,请认真贯彻执行。",
     date(2019, 11, 29)),  # 清远市人民政府, 2019
    # 本条例 is the document (本条 alone is an article): 国令第706号 第三十二条, 国令第707号 第三十六条
    ("专利代理条例", "2018-11-06", "第三十二条 本条例自2019年3月1日起施行。", date(2019, 3, 1)),
    ("中华人民共和国个人所得税法实施条例", "2018-12-18", "第三十六条 本条例自2019年1月1日起施行。", date(2019, 1, 1)),
])
def test_a_decree_and_a_notice_that_publish_the_document_date_it(title, issued, body, effective):
    assert dates_of(body, title=title, date_=issued) == (effective, None)


@pytest.mark.parametrize("body", [
    "本条自2017年1月1日起施行。",  # an article's own date, not the document's
    "现将《国务院关于促进外贸发展的意见》转发给你们，请认真贯彻执行。",  # another's document, forwarded
    "《四川省村务公开条例》已由…通过,现予公布,自2009年11月1日起施行。",  # another's, published by its own 公告
])
def test_a_published_document_that_is_not_this_one_dates_nothing(body):
    assert dates_of(body, title="专利代理条例") == (None, None)


def test_the_embedded_measures_of_the_mayors_quality_award_have_no_expiry():
    body = ("第二十七条 市长质量奖有效期为4年,有效期满后可再次申请。\n\n"
            "第二十八条 本办法由市质监局负责解释。\n\n第二十九条 本办法自发布之日起实施。")
    found = read(body, title="关于印发郑州市市长质量奖管理办法的通知", date_="2016-08-05")
    assert found.effective.value == date(2016, 8, 5) and found.effective.anchor == "a29"
    assert found.expires is None


def test_a_decree_names_the_document_it_publishes_by_its_title():
    body = ("《郑州市城市绿化管理办法》已经2016年8月1日市人民政府第10次常务会议通过，现予公布，自2016年10月1日起施行。\n\n"
            "《中华人民共和国城乡规划法》自2008年1月1日起施行。")
    found = read(body, title="郑州市城市绿化管理办法")
    assert found.effective.value == date(2016, 10, 1)
    # another's title is not the document's
    assert dates_of("《四川省村务公开条例》已由…通过,现予公布,自2009年11月1日起施行。") == (None, None)


def test_the_document_it_prints_beats_the_notice_that_prints_it():
    body = "现将《郑州市会展业发展专项资金管理办法》印发给你们。本通知自印发之日起施行。\n\n第三十条 本办法自2017年1月1日起施行。"
    assert dates_of(body)[0] == date(2017, 1, 1)


def test_the_front_matter_beats_the_text_and_a_stated_date_has_no_clause():
    found = read("本办法自2016年9月1日起施行，有效期2年。", extra="effective: 2016-10-01\nexpires: 2017-09-30\n")
    assert (found.effective.value, found.effective.stated, found.expires.value) == \
        (date(2016, 10, 1), True, date(2017, 9, 30))
    # an expiry read from the text that ends before a stated start is dropped, not shown backwards
    assert read("本办法有效期至2016年9月30日。", extra="effective: 2016-10-01\n").expires is None


def test_a_date_that_does_not_exist_is_not_read():
    assert dates_of("本办法自2016年2月30日起施行。") == (None, None)
    assert read_date("自二〇一七年一月一日起") == date(2017, 1, 1)


def test_lifetime_dates_is_pure_and_reads_the_preamble():
    notice, _ = parse_notice("x.md", notice_text(body="本通知自印发之日起施行。").encode())
    effective, expires = lifetime_dates(render_body(notice.body), notice)
    assert (effective.value, effective.anchor, effective.label, expires) == (date(2016, 8, 1), "", "", None)
