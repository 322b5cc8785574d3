import pytest

from site_builder.extract.clauses import Numbering, cn_to_int, match, short_title


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十九", 29),
                                         ("一百零五", 105), ("两", 2)])
def test_chinese_numerals(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text, kind, number, title", [
    ("一、明确和落实粮食安全责任", "l1", "一、", "明确和落实粮食安全责任"),
    ("（四）严格执行耕地保护政策", "l2", "（四）", "严格执行耕地保护政策"),
    ("(四) 抓好监督考核", "l2", "(四)", "抓好监督考核"),
    ("1.加强组织领导。", "l3", "1.", "加强组织领导。"),
    ("1. 加强组织领导", "l3", "1.", "加强组织领导"),
    ("2、完善机制", "l3", "2、", "完善机制"),
    ("（1）建立台账", "l4", "（1）", "建立台账"),
    ("第一章 总 则", "chapter", "第一章", "总 则"),
    ("第二十九条 本办法自发布之日起实施。", "article", "第二十九条", "本办法自发布之日起实施。"),
    ("附件：项目表", "attachment", "附件", "项目表"),
])
def test_clause_numbers_are_recognised(text, kind, number, title):
    found = match(text)
    assert (found.kind, found.number, found.title) == (kind, number, title)


@pytest.mark.parametrize("text", ["粮食安全是基础。", "2016年底前完成", "1.5万吨粮食", "第一批名单", "（以下简称领导小组）",
                                  "一是加大力度", ""])
def test_ordinary_text_is_not_a_clause(text):
    assert match(text) is None


def place_all(lines):
    numbering = Numbering()
    return [numbering.place(match(line)) for line in lines]


def test_anchors_follow_the_numbering_path():
    assert place_all(["一、总体要求", "（一）目标", "（二）原则", "二、主要任务", "（三）粮食", "1.耕地", "（1）红线", "2.水利",
                      "三、保障"]) == [
        ("s1", "一"), ("s1-1", "一（一）"), ("s1-2", "一（二）"), ("s2", "二"), ("s2-3", "二（三）"),
        ("s2-3-1", "二（三）1."), ("s2-3-1-1", "二（三）1.（1）"), ("s2-3-2", "二（三）2."), ("s3", "三")]


def test_articles_are_numbered_through_chapters():
    assert place_all(["第一章 总则", "第一条 目的", "第二条 范围", "（一）会展", "第二章 附则", "第三条 施行"]) == [
        ("c1", "第一章"), ("a1", "第一条"), ("a2", "第二条"), ("a2-1", "第二条（一）"), ("c2", "第二章"),
        ("a3", "第三条")]


def test_restarted_numbering_keeps_anchors_unique():
    assert [a for a, _ in place_all(["一、甲", "一、乙", "（一）丙"])] == ["s1", "s1_2", "s1_2-1"]


def test_top_level_can_start_below_one():
    assert place_all(["（一）目标", "1.任务"]) == [("s1", "（一）"), ("s1-1", "（一）1.")]


def test_short_title_cuts_at_first_sentence():
    assert short_title("加强行政监管性惩戒。一是加大力度") == "加强行政监管性惩戒"
    assert short_title("甲" * 60) == "甲" * 23 + "…"


def test_many_restarts_count_on_from_the_last_suffix():
    anchors = [a for a, _ in place_all(["（一）甲"] * 4 + ["一、乙", "（一）丙", "（一）丁"])]
    assert anchors == ["s1", "s1_2", "s1_3", "s1_4", "s1_5", "s1_5-1", "s1_5-1_2"]
