from site_builder.core.docnum import DocNumber, parse_doc_number
from site_builder.extract.search_terms import char_tokens, cited_tokens, doc_number_tokens, phrase_tokens


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


def test_char_tokens_are_the_distinct_han_characters_in_order_of_first_use():
    assert char_tokens("登封市、登封 2016年 abc（市）") == "登 封 市 年"


def test_phrase_tokens_are_the_suffixes_of_short_runs_only():
    text = "责任单位：市粮食局、市农委。各县（市、区）人民政府要切实承担保障本地粮食安全的主体责任"
    assert phrase_tokens(text).split() == [
        "责任单位", "任单位", "单位", "市粮食局", "粮食局", "食局", "市农委", "农委", "各县"]


def test_a_suffix_makes_a_name_findable_from_inside():
    # 港区 begins inside 航空港区: a query word must be a prefix of an indexed word, and 港区 now is one.
    assert "港区" in phrase_tokens("航空港区 461").split()
