from site_builder.core.docnum import DocNumber, parse_doc_number
from site_builder.extract.search_terms import (char_tokens, cited_tokens, doc_number_tokens, name_pattern,
                                               name_tokens, names_in, title_tokens)


def test_doc_number_tokens_spell_the_prefix_in_hex_and_close_the_number():
    assert doc_number_tokens(DocNumber("郑政办文", 2016, 64)) == [
        "wh90d1653f529e6587y2016n64z", "wy2016n64z", "wn64z"]


def test_every_bracket_form_gives_the_same_tokens():
    forms = ["郑政办文〔2016〕64号", "郑政办文[2016]64号", "郑政办文(2016)64号", "郑政办文 〔2016〕 64 号"]
    assert {tuple(doc_number_tokens(parse_doc_number(form))) for form in forms} == {
        ("wh90d1653f529e6587y2016n64z", "wy2016n64z", "wn64z")}


def test_cited_tokens_skip_the_notice_itself_and_repeats():
    text = "根据《关于加快会展业发展的意见》（郑政〔2016〕27号）和郑政〔2016〕27号，修订郑政办文〔2016〕64号。"
    assert cited_tokens(text, DocNumber("郑政办文", 2016, 64)) == "wh90d1653fy2016n27z wy2016n27z wn27z"


def test_title_tokens_start_at_every_character_and_stop_at_six():
    assert title_tokens("关于2016年下半年保增长的意见").split() == [
        "关于", "于", "年下半年保增", "下半年保增长", "半年保增长的", "年保增长的意", "保增长的意见", "增长的意见", "长的意见",
        "的意见", "意见", "见"]


def test_a_known_name_is_found_however_the_text_runs_on():
    known = name_pattern(["登封市", "郑州航空港经济综合实验区", "航空港区", "各县（市、区）人民政府"])
    text = "请登封市人民政府、航空港区管委会和各县（市、区）人民政府落实；登封市负责。"
    assert names_in(text, known) == ["登封市", "航空港区", "各县（市、区）人民政府"]


def test_name_tokens_are_every_suffix_of_each_han_run_of_a_name():
    assert name_tokens(["航空港区", "吴志强", "各县（市、区）人民政府"]).split() == [
        "航空港区", "空港区", "港区", "吴志强", "志强", "各县", "人民政府", "民政府", "政府"]


def test_char_tokens_are_the_distinct_han_characters_in_code_point_order():
    assert char_tokens("登封市、登封 2016年 abc（市）") == "封 市 年 登"
