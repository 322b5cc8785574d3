"""Layouts the corpus has no real example of yet, in the forms the issue quotes: small inline fixtures."""

from site_builder.importer import import_text
from site_builder.importer.documents import table_hints
from site_builder.importer.lines import split_lines


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


def test_a_date_printed_without_nian_yue_ri_under_the_signature_is_read_when_it_can_be_one_date_only():
    head = "福建省人民政府关于同意甲的批复\n闽政文〔2017〕316号\n福州市人民政府：\n\n同意。\n\n福建省人民政府\n"
    assert meta(head + "2017919\n")[0][2] == "2017-09-19"
    found = meta(head + "2022128\n")[0]  # 2022-1-28 or 2022-12-8: a person decides
    assert found[2] == "None" and found[4] == ("成文日期 printed without 年月日 at line 8: 2022128 reads as 2022-01-28 or "
                                               "2022-12-08",)
    assert meta(head.replace("福建省人民政府\n", "") + "2017919\n")[0][2] == "None"  # unsigned digits are no date


def test_a_signature_and_date_run_into_the_publishing_sentence_close_the_decree():
    text = ("中华人民共和国交通部令\n2006 年第 8 号\n《老旧运输船舶管理规定》已于2006年6月7日经第7次部务会议通过，现予公布，"
            "自2006年8月1日起施行。 部 长 李盛霖 二○○六年七月五日\n附件：老旧运输船舶管理规定\n")
    assert meta(text)[0][2] == "2006-07-05"
    cut = text.replace("二○○六年七", "二○○六年\n七")  # cut by a line break inside the date
    assert meta(cut)[0][2] == "2006-07-05"


def test_an_issuer_the_title_prints_short_is_written_as_the_document_prints_it_in_full():
    text = ("市政府办公室关于做好甲工作的通知\n徐政办发〔2019〕107号\n各县（市）、区人民政府，市各委办局：\n\n现通知如下。\n\n"
            "徐州市人民政府办公室\n2019年8月1日\n")
    assert meta(text)[0][1] == "徐州市人民政府办公室"
    label = "发文机关：江苏省徐州市人民政府办公室\n"  # a page's label completes it only when the document does not
    assert meta(label + text)[0][1] == "徐州市人民政府办公室"
    assert meta(label + text.replace("徐州市人民政府办公室\n", ""))[0][1] == "江苏省徐州市人民政府办公室"


def test_a_joint_document_titled_by_its_first_issuer_alone_is_both_signatories():
    text = ("云南省财政厅关于甲的通知\n各州、市财政局、人力资源和社会保障局：\n\n现通知如下。\n\n"
            "云南省财政厅　云南省人力资源和社会保障厅\n2013年5月2日\n")
    assert meta(text)[0][1] == "云南省财政厅、云南省人力资源和社会保障厅"


def test_a_pages_metadata_in_brackets_or_without_colons_is_read_and_a_plain_sentence_is_not():
    hints = table_hints(split_lines("【发文字号】 潮府办〔2009〕5号\n【发布日期】 2009-01-22\n"))
    assert hints == {"发文字号": "潮府办〔2009〕5号"}
    row = "文号\t瑞政办〔2011〕129号\t发布机构\t瑞安市人民政府办公室\n成文日期\t2011-08-29\n"
    assert table_hints(split_lines(row)) == {"发文字号": "瑞政办〔2011〕129号", "成文日期": "2011-08-29"}
    assert table_hints(split_lines("标题党的说法不可信\n名称未定\n")) == {}  # a key word opening a sentence


def test_an_issuer_line_printed_again_in_the_title_is_listed_in_the_report_not_lost():
    text = ("浠水县人民政府\n县人民政府关于印发《浠水县人民政府工作规则》的通知\n浠政发〔2017〕1号\n各乡镇人民政府：\n\n"
            "现印发给你们。\n\n浠水县人民政府\n2017年3月1日\n")
    result = import_text(text, "g.txt", "g.txt")
    assert [(r.line, r.kind) for r in result.removed] == [(1, "head")]
    assert result.notices[0].meta.issuer == "浠水县人民政府"
