"""Layouts the corpus has no real example of yet, in the forms the issue quotes: small inline fixtures."""

from site_builder.importer import import_text


def meta(text):
    return [(n.meta.doc_number, n.meta.issuer, str(n.meta.date), n.meta.title, n.meta.review)
            for n in import_text(text, "g.txt", "g.txt").notices]


def test_a_decree_numbered_in_brackets_on_its_own_line():
    text = ("上海市人民政府令\n（第19号）\n\n《上海市生活垃圾管理办法》已经2019年7月1日市政府第50次常务会议通过，现予公布，"
            "自2019年8月1日起施行。\n\n市长　应勇\n2019年7月8日\n\n上海市生活垃圾管理办法\n\n第一条　为了加强管理，制定本办法。\n")
    assert meta(text) == [("上海市人民政府令第19号", "上海市人民政府", "2019-07-08", "上海市生活垃圾管理办法", ())]


def test_joint_issuers_of_the_title_are_written_as_signed_and_the_attachment_date_is_not_the_documents():
    text = ("国务院办公厅、中央军委办公厅关于\n土 地 使 用 期 限 的 批 复\n（国办发〔2016〕3号）\n\n海军：\n\n同意。\n\n"
            "附件：有关情况\n\n国务院办公厅　中央军委办公厅\n二〇一六年一月五日\n\n附件\n\n有关情况的报告\n（国土资发〔2015〕9号）\n"
            "各省、自治区、直辖市国土资源厅：\n\n现报告如下。\n\n国土资源部\n2015年12月1日\n")
    assert meta(text) == [("国办发〔2016〕3号", "国务院办公厅、中央军委办公厅", "2016-01-05", "关于土地使用期限的批复", ())]


def test_a_forwarded_document_named_in_the_body_stays_in_the_forwarding_one():
    text = ("国务院办公厅转发发展改革委关于加快发展的意见的通知\n国办发〔2016〕8号\n各省、自治区、直辖市人民政府：\n\n"
            "发展改革委《关于加快发展的意见》已经国务院同意，现转发给你们。\n\n国务院办公厅\n2016年2月1日\n\n"
            "关于加快发展的意见\n发改委〔2016〕1号\n国务院：\n\n现提出如下意见。\n\n发展改革委\n2016年1月20日\n")
    assert meta(text) == [("国办发〔2016〕8号", "国务院办公厅", "2016-02-01", "转发发展改革委关于加快发展的意见的通知", ())]


def test_two_documents_with_one_wenhao_are_both_written_the_second_marked():
    text = "国务院关于甲的通知\n国发〔2016〕1号\n各省：\n甲。\n国务院\n2016年1月1日\n"
    notices = import_text(text + text, "g.txt", "g.txt").notices
    assert [n.file for n in notices] == ["notices/guofa-2016-1.md", "notices/guofa-2016-1-line-7.md"]
    assert notices[1].meta.review == ("文号 国发〔2016〕1号 is also the 文号 of the document at line 1",)
