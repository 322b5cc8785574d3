import pytest

from site_builder.importer.classify import is_block_start, is_tab_row, is_title_like, marker, unbalanced


@pytest.mark.parametrize("text, kind, value, canonical, rest", [
    ("一、明确和落实粮食安全责任", "cn_dun", 1, "一、", "明确和落实粮食安全责任"),
    ("（十二）建立完善储备机制", "cn_paren", 12, "（十二）", "建立完善储备机制"),
    ("(二十一) 加强粮食监测预警", "cn_paren", 21, "（二十一）", "加强粮食监测预警"),
    ("1. 创新财政科技投入方式。", "ar_dot", 1, "1.", "创新财政科技投入方式。"),
    ("（3）建立台账", "ar_paren", 3, "（3）", "建立台账"),
    ("第一章 总 则", "chapter", 1, "第一章", "总 则"),
    ("第二十九条 本办法自发布之日起实施。", "article", 29, "第二十九条", "本办法自发布之日起实施。"),
])
def test_clause_numbers(text, kind, value, canonical, rest):
    found = marker(text)
    assert (found.kind, found.value, found.canonical, text[found.end:]) == (kind, value, canonical, rest)


@pytest.mark.parametrize("text", ["1.5万吨粮食", "2016年底前完成", "（以下简称领导小组）", "粮食安全是基础。", "(市、区)、开发区"])
def test_ordinary_text_has_no_clause_number(text):
    assert marker(text) is None


def test_titles_are_recognised_by_how_they_end():
    assert is_title_like("郑州市市长质量奖管理办法")
    assert is_title_like("中牟新区 2016 年度主要建设任务分解")
    assert not is_title_like("粮食安全市长责任制是市政府统一领导下")
    assert not is_title_like("现将有关事项通知如下：")


def test_unbalanced_brackets_mean_the_line_goes_on():
    assert unbalanced("为贯彻落实《国务院办公厅关于运用大数据的若干意见》（国")
    assert unbalanced("2. 组建郑州市科技金融结合“专家智库")
    assert not unbalanced("中国农业发展银行河南省分行营业部（列第一位的为牵头单位，下同）")


def test_block_starts():
    assert is_block_start("责任单位：市粮食局")
    assert is_block_start("附件 1")
    assert is_block_start("郑州市人民政府办公厅")
    assert is_block_start("组 长：\t程志明\t市政府代市长")
    assert not is_block_start("的粮食安全县（市、区）长责任制")
    assert not is_block_start("(市、区)、开发区")


def test_tab_rows_need_two_cells():
    assert is_tab_row("\t李书峰\t市发展改革委主任")
    assert not is_tab_row("粮食安全\t")
