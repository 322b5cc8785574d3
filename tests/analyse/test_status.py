"""效力 as of a date: decided in analyse/status.py only, from the front matter, the dates and the effects."""

from datetime import date

from site_builder.analyse.run import assemble
from site_builder.analyse.status import decide, document_status, status
from site_builder.core.model import Dated, Effect, Lifetime
from tests.analyse.test_xref import CITED, CITING, library_of
from tests.conftest import notice_text

SEPT = date(2016, 9, 1)


def effect(kind="修改", when=SEPT, partial=False) -> tuple[str, Effect]:
    return "x", Effect(kind, "郑政〔2016〕27号", "", (), (), "a1", "第一条", 1, when, partial)


def test_the_editors_word_beats_the_dates_and_the_effects():
    library = library_of(CITED)
    notice = library.notices["zhengzheng-2016-27"]
    life = Lifetime(effective=Dated(SEPT))
    assert decide(notice, life, [], date(2016, 8, 31)) == "尚未生效"
    assert decide(notice, life, [], SEPT) == "有效"
    assert decide(notice, life, [effect()], SEPT) == "已修改"
    assert decide(notice, life, [effect(when=date(2016, 9, 2))], SEPT) == "有效"  # pending
    assert decide(notice, life, [effect("废止"), effect()], SEPT) == "已废止"
    assert decide(notice, life, [effect("废止", partial=True)], SEPT) == "已修改"  # a part only
    stated = library_of(notice_text(doc_number="郑政〔2016〕27号", extra="status: 有效\n"))
    assert decide(stated.notices["zhengzheng-2016-27"], life, [effect("废止")], date(2030, 1, 1)) == "有效"


def test_expiry_counts_from_the_day_after_and_the_first_end_wins():
    notice = library_of(CITED).notices["zhengzheng-2016-27"]
    life = Lifetime(effective=Dated(SEPT), expires=Dated(date(2018, 8, 31)))
    assert decide(notice, life, [], date(2018, 8, 31)) == "有效"
    assert decide(notice, life, [], date(2018, 9, 1)) == "已失效"
    assert decide(notice, life, [effect("废止", when=date(2019, 1, 1))], date(2020, 1, 1)) == "已失效"
    assert decide(notice, life, [effect("废止", when=date(2017, 1, 1))], date(2020, 1, 1)) == "已废止"
    repealed = Lifetime(effective=Dated(SEPT), repealed=Dated(date(2017, 3, 1), stated=True))
    assert decide(notice, repealed, [], date(2017, 2, 28)) == "有效"
    assert decide(notice, repealed, [], date(2017, 3, 1)) == "已废止"


def test_a_document_the_site_does_not_hold_is_as_the_sites_notices_say():
    assert document_status([effect("废止")], SEPT) == "已废止"
    assert document_status([effect()], SEPT) == "已修改"
    assert document_status([effect(when=date(2017, 1, 1))], SEPT) == ""


def test_pages_and_the_api_read_the_status_the_analysis_decided_as_of_its_date():
    repealing = CITING.replace("（郑政办〔2011〕28号）同时废止", "（郑政〔2016〕27号）同时废止")
    files = [(f"content/notices/{n}.md", t.encode()) for n, t in enumerate((repealing, CITED))]
    before, _ = assemble(files, as_of=date(2016, 8, 31))
    after, _ = assemble(files, as_of=SEPT)
    assert before.xref.status["zhengzheng-2016-27"] == "有效"  # the repeal counts from the 办法's 施行日期
    assert before.xref.status["zhengzhengbanwen-2016-64"] == "尚未生效"
    assert status(after.notices["zhengzheng-2016-27"], after) == "已废止"
    assert after.effects["zhengzheng-2016-27"][0][0] == "zhengzhengbanwen-2016-64"


def test_a_target_named_by_title_alone_is_the_site_notice_of_that_title():
    target = notice_text(doc_number="郑政〔2016〕5号", title="关于印发郑州市城市绿化管理办法的通知", date="2016-03-01")
    amending = notice_text(doc_number="郑政〔2016〕40号", title="关于修改部分规章的决定", date="2016-11-20",
                           body="一、将《郑州市城市绿化管理办法》第二条修改为：“……”\n\n二、本决定自2017年1月1日起施行。\n")
    library = library_of(target, amending)
    (slug, found), = library.effects["zhengzheng-2016-5"]
    assert (slug, found.clauses, found.date) == ("zhengzheng-2016-40", ("第二条",), date(2017, 1, 1))
