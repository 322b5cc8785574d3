import re

from site_builder.importer.model import Line, Repair, Span
from site_builder.importer.repair import (join, normalise_clause, remove_spaces, repair_metadata, repair_text,
                                          strip_bullet)


def span(text: str, line: int = 7) -> Span:
    return Span.of(Line(line, text))


def test_spaces_inside_chinese_text_go_but_not_between_latin_words():
    repaired, repairs = remove_spaces(span("关于公布郑州市 2016 年度百强工业企业名单的通知，按照 GB/T 19580 标准"))
    assert repaired.text == "关于公布郑州市2016年度百强工业企业名单的通知，按照GB/T 19580标准"
    assert repairs == [Repair(7, "space", "于公布郑州市 2016 年度百强工业", "于公布郑州市2016年度百强工业"),
                       Repair(7, "space", "的通知，按照 GB/T 19580 标准", "的通知，按照GB/T 19580标准")]


def test_spaces_around_half_width_punctuation_in_chinese_text_go():
    assert remove_spaces(span("资金保障, 重点 (超过 100 人) 以上 10% ;"))[0].text == "资金保障,重点(超过100人)以上10%;"


def test_the_space_after_an_article_number_stays():
    assert remove_spaces(span("第一章 总 则"))[0].text == "第一章 总则"
    assert remove_spaces(span("第二条\u3000本办法适用于"))[0].text == "第二条 本办法适用于"


def test_and_between_chinese_words_is_he():
    repaired, repairs = repair_text(span("应用型 and 复合型专业人才"))
    assert repaired.text == "应用型和复合型专业人才"
    assert repairs == [Repair(7, "and", "应用型 and 复合型专业人", "应用型和复合型专业人")]
    assert repair_text(span("7-Eleven and Grand 广场"))[0].text == "7-Eleven and Grand广场"


def test_ascii_brackets_in_document_numbers():
    assert repair_text(span("（郑政文[2016] 123 号) 精神"))[0].text == "（郑政文〔2016〕123号)精神"
    assert repair_text(span("实施办法(试行)》(郑信用)[2015]3号文件"))[0].text == "实施办法(试行)》（郑信用〔2015〕3号）文件"
    assert repair_text(span("质量发展纲要(2011-2020年)"))[0].text == "质量发展纲要(2011-2020年)"


def test_formula_residue_becomes_symbols():
    repaired, repairs = repair_text(span("要使用灰分 $\\leq 32\\%$ ，全硫含量 $\\leq 0.5\\%$ 低硫优质煤"))
    assert repaired.text == "要使用灰分≤32%，全硫含量≤0.5%低硫优质煤"
    assert repairs[0] == Repair(7, "latex", "要使用灰分 $\\leq 32\\%$ ，全硫含量 $\\leq 0.5\\%$ 低硫优质煤",
                                "要使用灰分 ≤32% ，全硫含量 ≤0.5% 低硫优质煤")
    assert [r.kind for r in repairs] == ["latex", "space"]


def test_repairs_remember_the_source_line_across_a_join():
    joined, repair = join(span("为贯彻落实《国务院关于运用大数据的若干意见》（国", 3153), span("办发〔2015〕51号），以及", 3155))
    assert joined.text == "为贯彻落实《国务院关于运用大数据的若干意见》（国办发〔2015〕51号），以及"
    assert repair == Repair(3153, "join", "用大数据的若干意见》（国⏎办发〔2015〕51号）",
                            "用大数据的若干意见》（国办发〔2015〕51号）")
    repaired, repairs = repair_text(joined + span(" 精神", 3156))
    assert repaired.text.endswith("以及精神")
    assert repairs[0].line == 3156  # the space came from line 3156


def test_joining_latin_words_keeps_a_space():
    assert join(span("探索发展天使投资在线服务平台、O2O"), span("投融资信息服务平台"))[0].text.endswith("O2O投融资信息服务平台")
    assert join(span("iphone"), span("7 上市"))[0].text == "iphone 7 上市"


def test_clause_numbers_are_written_as_the_content_format_says():
    assert normalise_clause(span("(一) 组织、推动"))[0].text == "（一）组织、推动"
    assert normalise_clause(span("(一) 组织"))[1] == [Repair(7, "clause-number", "(一) 组织", "（一）组织")]
    assert normalise_clause(span("1. 推进电子商务领域法规建设。"))[0].text == "1.推进电子商务领域法规建设。"
    assert normalise_clause(span("1. 推进"))[1][0].kind == "layout"
    assert normalise_clause(span("2. 2016年服务业专业园区建设任务"))[0].text == "2. 2016年服务业专业园区建设任务"
    assert normalise_clause(span("第一条\u3000为进一步落实"))[0].text == "第一条 为进一步落实"


def test_stray_list_dashes_go():
    assert strip_bullet(span("- (一) 按时办结答复率达到 100% ;"))[0].text == "(一) 按时办结答复率达到 100% ;"
    assert strip_bullet(span("-1 度"))[0].text == "-1 度"


def test_metadata_has_no_spaces_and_full_width_punctuation():
    repaired, repairs = repair_metadata(span("各县(市、区)人民政府,市人民政府各部门"))
    assert repaired.text == "各县（市、区）人民政府，市人民政府各部门"
    assert {r.kind for r in repairs} == {"punctuation"}
    assert repair_metadata(span("关于成立市国有林场改革工作 领导小组的通知"))[0].text == "关于成立市国有林场改革工作领导小组的通知"


def test_nearby_changes_are_one_repair_with_context():
    repairs = remove_spaces(span("2016 年 8 月 22 日前"))[1]
    assert repairs == [Repair(7, "space", "2016 年 8 月 22 日前", "2016年8月22日前")]
    assert all(re.search("[\u4e00-\u9fff]", r.after) for r in repairs)
