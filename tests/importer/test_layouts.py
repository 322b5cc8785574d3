"""Head variants found in heldout2 (tests/importer/corpus), in small inline fixtures: one rule each."""

from site_builder.importer import import_text


def meta(text):
    return [(n.meta.doc_number, n.meta.issuer, str(n.meta.date), n.meta.title, n.meta.review)
            for n in import_text(text, "g.txt", "g.txt").notices]


BODY = "各行政村：\n\n现转发给你们，请认真贯彻执行。\n\n"


def test_a_red_header_above_the_wenhao_names_the_issuer():
    text = "嵊州市通源乡人民政府文件\n通政〔2009〕3号\n关于做好森林防火工作的通知\n" + BODY + "通源乡人民政府\n二OO九年一月九日\n"
    assert meta(text) == [("通政〔2009〕3号", "嵊州市通源乡人民政府", "2009-01-09", "关于做好森林防火工作的通知", ())]


def test_the_issuers_name_over_a_rule_line_completes_a_title_that_prints_it_short():
    text = ("贵阳市人民政府办公厅\n——————————\n筑府办函〔2020〕78号\n市人民政府办公厅关于印发\n贵阳市气象灾害应急预案的通知\n"
            + BODY + "2020年9月15日\n")
    assert meta(text) == [("筑府办函〔2020〕78号", "贵阳市人民政府办公厅", "2020-09-15", "关于印发贵阳市气象灾害应急预案的通知", ())]


def test_a_title_that_ends_in_the_title_it_forwards():
    text = "通政〔2009〕3号\n关于转发《国家森林防火指挥部关于做好森林防火工作的紧急通知》\n" + BODY + "通源乡人民政府\n2009年1月9日\n"
    assert meta(text)[0][3] == "关于转发《国家森林防火指挥部关于做好森林防火工作的紧急通知》"


def test_a_title_printed_only_in_guillemets_and_a_wenhao_printed_twice():
    text = ("《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知\n京政办发〔2016〕26号\n京政办发〔2016〕26号\n"
            "各区人民政府：\n\n现印发给你们。\n\n北京市人民政府办公厅\n2016年5月28日\n")
    text = text.replace("的通知\n", "的通知》\n", 1)
    assert meta(text) == [("京政办发〔2016〕26号", "北京市人民政府办公厅", "2016-05-28",
                           "关于印发《北京市2016年政务公开工作要点》的通知", ())]


def test_a_page_heading_of_wenhao_and_title_over_the_title_is_the_pages():
    text = ("苏政办发〔2019〕23号《江苏省人民政府办公厅关于印发甲方案的通知》\n江苏省人民政府办公厅关于印发甲方案的通知\n"
            "苏政办发〔2019〕23号\n各市人民政府：\n\n现印发给你们。\n\n江苏省人民政府办公厅\n2019年2月28日\n")
    result = import_text(text, "g.txt", "g.txt")
    assert [n.meta.title for n in result.notices] == ["关于印发甲方案的通知"]
    assert [r.line for r in result.removed] == [1]  # listed in the report, not lost


def test_a_wenhao_above_the_issuer_line_and_a_title_over_two_lines():
    text = ("瑞政办〔2011〕129号\n瑞安市人民政府办公室\n转发温州市推行说理性行政处罚文书\n指导意见及操作规范的通知\n"
            "市政府直属各单位：\n\n现转发给你们。\n\n二○一一年八月九日\n")
    assert meta(text) == [("瑞政办〔2011〕129号", "瑞安市人民政府办公室", "2011-08-09",
                           "转发温州市推行说理性行政处罚文书指导意见及操作规范的通知", ())]


def test_a_decree_under_its_issuers_name():
    text = ("辽宁省鞍山市人民政府\n鞍山市人民政府令第16号\n  《鞍山市行政复议程序规定》业经市政府常务会议通过，现予发布。\n"
            "市长:董伟\n一九九四年五月十八日\n鞍山市行政复议程序规定\n第一条 为保证依法行政，制定本规定。\n")
    assert meta(text) == [("鞍山市人民政府令第16号", "辽宁省鞍山市人民政府", "1994-05-18", "鞍山市行政复议程序规定", ())]


def test_a_decree_whose_publishing_sentence_is_cut_inside_the_title():
    text = ("重庆市人民政府\n渝府令第 121 号\n《重庆市人民政府关于控制主城区采(碎)石场和小水泥厂尘污\n染的通告》已经市人民政府常务会议审议\n"
            "通过,现予发布。\n市 长\n二○○一年十二月三十日\n")
    assert meta(text) == [("渝府令第121号", "重庆市人民政府", "2001-12-30", "关于控制主城区采（碎）石场和小水泥厂尘污染的通告", ())]


def test_a_public_notice_is_addressed_to_no_one():
    text = ("河南省人民政府关于调整应急响应级别的通告\n根据国家有关法律法规规定，结合我省疫情防控形势，河南省人民政府决定调整响应级别。\n"
            "河南省人民政府\n2020年3月18日\n")
    assert meta(text) == [("", "河南省人民政府", "2020-03-18", "关于调整应急响应级别的通告", ("no 文号 found: write it in doc_number",))]
    cut = text.replace("，结合", "\n，结合")  # its first sentence cut by a line break before any punctuation
    assert meta(cut) == meta(text)
    notice = text.replace("通告", "通知", 1)  # a 通知 without 主送机关 is no head: written whole, marked for review
    assert meta(notice)[0][3] == ""


def test_a_public_notice_without_its_issuer_in_the_title_or_above_it_is_no_head():
    text = "关于调整应急响应级别的通告\n根据国家有关法律法规规定，结合我省疫情防控形势，决定调整响应级别。\n2020年3月18日\n"
    assert meta(text)[0][3] == ""


def test_a_wrapped_zhusong_whose_colon_is_cut_onto_a_line_of_its_own():
    text = ("广东省潮州市人民政府办公室关于做好防寒防冻工作的紧急通知\n\n各县、区人民政府(管委会),市府直属各单位,市各开发区\n:\n"
            "现就有关事项紧急通知如下。\n\n广东省潮州市人民政府办公室\n2009年1月22日\n")
    notices = import_text(text, "g.txt", "g.txt").notices
    assert notices[0].meta.addressees == "各县、区人民政府（管委会），市府直属各单位，市各开发区"
    assert notices[0].meta.title == "关于做好防寒防冻工作的紧急通知"


def test_a_page_label_above_the_zhusong_is_listed_not_taken_into_it():
    text = ("东阳市人民政府办公室 关于印发《甲方案》的通知\n\n发布日期:2023-03-21访问次数: 信息来源:东阳市人民政府办公室\n\n"
            "各镇、乡人民政府,各街道办事处,市政府各部门:\n\n《甲方案》已经市政府同意，现印发你们。\n\n东阳市人民政府办公室\n\n2023年3月13日\n")
    result = import_text(text, "g.txt", "g.txt")
    assert result.notices[0].meta.addressees == "各镇、乡人民政府，各街道办事处，市政府各部门"
    assert [r.line for r in result.removed] == [3]
