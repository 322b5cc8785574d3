"""What a notice's text does to other documents: 修改, 废止, 替代, by clause (sources in LIFETIME_SOURCES.md)."""

from datetime import date

from site_builder.extract.effects import clause_anchor, find_effects
from site_builder.extract.markdown import render_body


def effects(body: str, effective: date = date(2016, 8, 1)):
    return [(e.kind, e.target, e.title, e.clauses, e.anchors, e.anchor, e.date, e.partial)
            for e in find_effects(render_body(body), "郑政〔2016〕1号", effective)]


def test_a_repeal_of_a_cited_document_counts_from_the_notices_own_effective_date():
    body = ("第二十二条 本办法自2016年9月1日起施行。2011年4月28日发布的《郑州市人民政府办公厅关于印发郑州市会展业发展专项资金"
            "使用管理办法的通知》（郑政办〔2011〕28号）同时废止。")
    assert effects(body, date(2016, 9, 1)) == [
        ("废止", "郑政办〔2011〕28号", "郑州市人民政府办公厅关于印发郑州市会展业发展专项资金使用管理办法的通知", (), (),
         "a22", date(2016, 9, 1), False)]


def test_a_decision_to_amend_names_its_document_once_and_each_instruction_a_clause():
    body = ("经市政府研究，决定对《郑州市城市绿化管理办法》（郑政〔2010〕5号）作如下修改：\n\n"
            "一、将第三条修改为：“第三条 市园林局负责本办法的实施。本办法第十条修改为……”\n\n"
            "二、第五条中的“市建委”修改为“市城乡建设委”。\n\n三、删去第七条。\n\n"
            "四、第九条改为第八条，修改为：“……”\n\n五、第十三条增加一款作为第二款：“……”\n\n"
            "本决定自2017年1月1日起施行。")
    found = effects(body, date(2017, 1, 1))
    assert [(k, t, c, a, at) for k, t, _, c, a, at, _, _ in found] == [
        ("修改", "郑政〔2010〕5号", ("第三条",), ("a3",), "s1"),
        ("修改", "郑政〔2010〕5号", ("第五条",), ("a5",), "s2"),
        ("修改", "郑政〔2010〕5号", ("第七条",), ("a7",), "s3"),
        ("修改", "郑政〔2010〕5号", ("第九条",), ("a9",), "s4"),
        ("修改", "郑政〔2010〕5号", ("第十三条",), ("a13",), "s5"),
    ]  # the quoted new wording (本办法第十条修改为) is no instruction; 作如下修改 itself gives way to the clauses
    assert {d for *_, d, _ in found} == {date(2017, 1, 1)}


def test_a_state_council_decision_amends_the_clause_it_names_in_the_same_sentence_or_the_next():
    # 国务院令第644号 (2013-12-11): 作如下修改 and its one instruction in separate paragraphs
    body = ("国务院决定对《全国年节及纪念日放假办法》作如下修改：\n\n"
            "将第二条第二项修改为：“（二）春节，放假3天（农历正月初一、初二、初三）”。\n\n本决定自2014年1月1日起施行。\n\n"
            "《全国年节及纪念日放假办法》根据本决定作相应修改，重新公布。")
    assert effects(body, date(2014, 1, 1)) == [
        ("修改", "", "全国年节及纪念日放假办法", ("第二条第二项",), ("a2",), "", date(2014, 1, 1), False)]
    # 国务院令第513号 (2007-12-14): the instruction follows 作如下修改 in one sentence, its new wording runs on over
    # several paragraphs (the quote is not closed in the first)
    body = ("国务院决定对《全国年节及纪念日放假办法》作如下修改：将第二条修改为：“全体公民放假的节日：\n\n"
            "（一）新年，放假1天（1月1日）；\n\n（二）春节，放假3天（农历除夕、正月初一、初二）；\n\n"
            "（七）国庆节，放假3天（10月1日、2日、3日）。”\n\n此外，对个别条文的文字作了修改。本决定自2008年1月1日起施行。\n\n"
            "《全国年节及纪念日放假办法》根据本决定作相应的修订，重新公布。")
    assert effects(body, date(2008, 1, 1)) == [
        ("修改", "", "全国年节及纪念日放假办法", ("第二条",), ("a2",), "", date(2008, 1, 1), False)]


def test_state_council_amendments_name_each_regulation_in_the_instruction():
    body = ("一、将《中华人民共和国城镇土地使用税暂行条例》第七条中的“由省、自治区、直辖市税务机关审核后，报国家税务局批准”"
            "修改为“由县以上地方税务机关批准”。\n\n二、删去《外国商会管理暂行规定》第七条。\n\n"
            "第九条改为第七条，修改为：“成立外国商会，应当向中华人民共和国民政部提出书面申请，依法办理登记。”")
    found = effects(body)
    assert [(t, c) for _, _, t, c, *_ in found] == [
        ("中华人民共和国城镇土地使用税暂行条例", ("第七条",)), ("外国商会管理暂行规定", ("第七条",)),
        ("外国商会管理暂行规定", ("第九条",))]  # the next instruction goes on with the last document named
    assert {k for k, *_ in found} == {"修改"} and {t for _, t, *_ in found} == {""}  # named by title: no 文号


def test_a_deleted_phrase_and_an_added_item_are_amendments_of_their_clause():
    assert [c for *_, c, _, _, _, _ in effects("一、删去《中华人民共和国计量法实施细则》第十六条中的“后方可申请办理营业执照”。")] \
        == [("第十六条",)]
    body = "1.在《甘肃省农村能源建设管理条例》第七条中增加一项作为第六项，即：“负责农村节能减排工作；”"
    assert [(t, c) for _, _, t, c, *_ in effects(body)] == [("甘肃省农村能源建设管理条例", ("第七条",))]


def test_a_list_of_documents_repealed_repeals_each_item():
    body = ("## 一、决定废止下列规范性文件：\n\n1.《关于甲的通知》（郑政〔2010〕1号）\n\n"
            "2.《关于乙的通知》（郑政办〔2011〕2号）\n\n## 二、本决定自2016年10月1日起施行。\n\n"
            "## 三、请遵照执行《关于丙的通知》（郑政〔2012〕3号）。")
    found = effects(body, date(2016, 10, 1))
    assert [(k, t, at) for k, t, _, _, _, at, _, _ in found] == [
        ("废止", "郑政〔2010〕1号", "s1-1"), ("废止", "郑政办〔2011〕2号", "s1-2")]


def test_a_part_repealed_from_a_stated_date_and_a_title_alone():
    found = effects("《郑州市X办法》（郑政〔2010〕7号）第十条自2017年1月1日起废止。")
    assert found == [("废止", "郑政〔2010〕7号", "郑州市X办法", ("第十条",), ("a10",), "", date(2017, 1, 1), True)]
    assert effects("原《郑州市会展业管理办法》同时废止。") == [
        ("废止", "", "郑州市会展业管理办法", (), (), "", date(2016, 8, 1), False)]


SHANGHAI = (  # 上海市人民政府令第24号 (2025-12-29), as tests/importer/corpus/tuned/shanghai-ling-2025-24.txt prints it
    "经研究,市政府决定,对下列市政府规章予以修改、废止:\n\n一、对下列政府规章的部分条款予以修改\n\n(一)上海市公共法律服务办法\n\n"
    "将第二十二条第二款修改为:\n\n本市法律援助经济困难标准,按照本市最低生活保障边缘家庭经济状况认定标准执行。\n\n删去第三款。\n\n"
    "(二)上海市燃气管道设施保护办法\n\n1.将第四条第一款修改为:\n\n市住房城乡建设管理委负责本市燃气管道设施保护的监督管理。\n\n"
    "2.将第六条修改为:\n\n市住房城乡建设管理委应当会同市规划资源局按照国家有关标准和规定,划定燃气管道设施的保护范围和控制范围,"
    "并向社会公布。\n\n3.将第七条修改为:\n\n在燃气管道设施保护范围内,禁止下列行为:\n\n"
    "(一)建设占压地下燃气管线的建筑物、构筑物或者其他设施;\n\n(二)进行爆破、取土等作业或者动用明火;\n\n")


def test_a_decision_to_amend_and_repeal_lists_the_documents_under_headings_without_quotes():
    found = effects(SHANGHAI + "二、对下列政府规章予以废止\n\n(一)上海市甲管理办法\n\n(二)上海市乙规定（沪府令〔2010〕3号）\n",
                    date(2026, 3, 1))
    assert [(k, n, t, c, at) for k, n, t, c, _, at, _, _ in found] == [
        ("修改", "", "上海市公共法律服务办法", ("第二十二条第二款",), "s1-1"),
        ("修改", "", "上海市燃气管道设施保护办法", ("第四条第一款",), "s1-2-1"),
        ("修改", "", "上海市燃气管道设施保护办法", ("第六条",), "s1-2-2"),
        ("修改", "", "上海市燃气管道设施保护办法", ("第七条",), "s1-2-3"),
        ("废止", "", "上海市甲管理办法", (), "s2-1"),  # made (the stored page ends before its 废止 list)
        ("废止", "沪府令〔2010〕3号", "上海市乙规定", (), "s2-2"),
    ]  # the new wording's own list ((一)建设占压…) names no document; 予以修改、废止 repeals nothing by itself


def test_a_document_amended_under_a_mixed_heading_is_not_repealed():
    body = ("决定对下列规范性文件予以修改、废止：\n\n一、《关于甲的通知》（郑政〔2010〕1号）第三条修改为：“……”\n\n"
            "二、《关于乙的通知》（郑政〔2011〕2号）予以废止。")  # made, after the form of 上海市人民政府令第24号
    assert [(k, n) for k, n, *_ in effects(body)] == [("修改", "郑政〔2010〕1号"), ("废止", "郑政〔2011〕2号")]


def test_a_document_no_longer_applied_is_repealed():
    # 渝公积金发〔2016〕65号 (重庆市住房公积金管理中心, 2016-08-23)
    body = "本管理办法自印发之日起执行，原《重庆市住房公积金二手房贷款办法》（渝公积金发〔2004〕427号）停止执行。"
    assert effects(body, date(2016, 8, 23)) == [
        ("废止", "渝公积金发〔2004〕427号", "重庆市住房公积金二手房贷款办法", (), (), "", date(2016, 8, 23), False)]


def test_revisions_mentioned_in_passing_change_nothing():
    # the embedded gazette: 郑政〔2016〕27号, 郑政办〔2016〕48号, 郑政办文〔2016〕60号 and 64号 speak of revisions made
    # or to make, of documents named and not
    for body in ("修订完善《郑州市会展业发展专项资金管理办法》，用好财政资金杠杆效应，发挥资金对会展业促进作用。",
                 "根据新修订的《郑州市组团新区产业集聚区考核办法》（郑办〔2016〕3号），由市发展改革委牵头，有关部门配合组成考核组。",
                 "贯彻落实《深化标准化工作改革方案》(国发〔2015〕13号),开展滞后老标准的复审和修订。",
                 "(市质监局牵头负责)进一步完善林业地方标准体系建设,配合制修订《板栗无公害栽培技术规程》等12项林业地方标准。",
                 "结合近几年会展业发展的实际情况，我市对原《郑州市会展业发展专项资金使用管理办法》进行了修订。"):
        assert effects(body) == [], body


def test_precedence_over_an_earlier_document_is_a_partial_supersession():
    body = "本意见自印发之日起施行。此前发布的《关于X的意见》（郑政〔2012〕3号）与本意见不一致的，以本意见为准。"
    assert effects(body) == [("替代", "郑政〔2012〕3号", "关于X的意见", (), (), "", date(2016, 8, 1), True)]
    assert effects("此前有关规定与本办法不一致的，以本办法为准。") == []  # nothing named: nothing to mark
    # 国税发〔2009〕2号 第一百一十八条: the earlier rules are not named either
    assert effects("第一百一十八条 本办法自2008年1月1日起施行。在本办法发布前实施的有关规定与本办法不一致的，以本办法为准。") == []


def test_citations_and_instructions_outside_an_amendment_change_nothing():
    for body in ("根据《国务院关于修改部分行政法规的决定》（国务院令第666号）等规定，将《X方案》确定的目标增加到100家。",
                 "各地要按照郑政〔2015〕1号要求，增加投入，将第三条规定的补贴标准提高到每人500元。",
                 "将第三条修改为：“……”",  # no document named before
                 "贯彻落实《关于甲的通知》（郑政〔2010〕1号），新修订的《乙办法》已经施行。",
                 "本办法自2016年9月1日起施行，郑政〔2016〕1号同时废止。"):  # its own 文号
        assert effects(body) == [], body


def test_clause_anchors_follow_the_article_or_chapter_named():
    assert [clause_anchor(x) for x in ("第十条第二款", "第二章", "第7条", "第两百条", "条")] == \
        ["a10", "c2", "a7", "a200", ""]
