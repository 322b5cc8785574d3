import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.core.vocabulary import AMEND, CITE, REPEAL
from site_builder.extract.citations import clean_title, find_citations


def found(text):
    return [(c.text, text[c.start:c.end]) for c in find_citations(text)]


def numbers(text):
    return [c.text for c in find_citations(text)]


# Every prefix of the embedded gazette, in the sentence it appears in there.
@pytest.mark.parametrize("text, expected", [
    ("为全面贯彻落实《国务院关于…的若干意见》（国发〔2014〕69号）和", "国发〔2014〕69号"),
    ("《国务院办公厅关于…的指导意见》（国办发〔2015〕9号）、", "国办发〔2015〕9号"),
    ("根据《中共中央国务院关于…的意见》（中发〔2012〕6号）、", "中发〔2012〕6号"),
    ("和《河南省人民政府关于…的实施意见》（豫政〔2015〕43号），", "豫政〔2015〕43号"),
    ("根据《…的通知》（豫政办〔2016〕103号）《…的通知》", "豫政办〔2016〕103号"),
    ("《中共河南省委河南省人民政府关于…若干实施意见》（豫发〔2015〕13号）精神", "豫发〔2015〕13号"),
    ("《关于转发…〈关于做好 2016 年度…的通知〉的通知》（豫发改环资〔2016〕1008 号）精神", "豫发改环资〔2016〕1008号"),
    ("《河南省促进会展业发展暂行办法》（豫商服贸〔2014〕8号）和", "豫商服贸〔2014〕8号"),
    ("《河南省人民政府关于做好…的通知》（豫政办明电〔2016〕122号）精神", "豫政办明电〔2016〕122号"),
    ("《郑州市人民政府关于…的意见》（郑政〔2016〕27号），制定本办法。", "郑政〔2016〕27号"),
    ("落实《…十六条实施意见的通知》(郑政文〔2015〕187号),兑现奖励政策", "郑政文〔2015〕187号"),
    ("《…的通知》(郑政办〔2015〕79号)的各项规定", "郑政办〔2015〕79号"),
    ("《…的通知》（郑政办文〔2016〕64号）", "郑政办文〔2016〕64号"),
    ("认真落实《…的通知》(郑政办明电〔2016〕90号)有关规定", "郑政办明电〔2016〕90号"),
    ("根据新修订的《郑州市组团新区产业集聚区考核办法》（郑办〔2016〕3号），由", "郑办〔2016〕3号"),
])
def test_every_prefix_of_the_gazette(text, expected):
    assert numbers(text) == [expected]


@pytest.mark.parametrize("text, printed", [
    ("（郑政〔2016〕24号）", "郑政〔2016〕24号"),  # official 六角括号
    ("（郑政[2016]24号）", "郑政[2016]24号"),
    ("（郑政(2016)24号）", "郑政(2016)24号"),
    ("（郑政（2016）24号）", "郑政（2016）24号"),
    ("（郑政【2016】24号）", "郑政【2016】24号"),
    ("（郑政﹝2016﹞24号）", "郑政﹝2016﹞24号"),
    ("（郑政 〔 2016 〕 24 号）", "郑政 〔 2016 〕 24 号"),  # spaces left by PDF extraction
    ("（郑政〔２０１６〕２４号）", "郑政〔２０１６〕２４号"),  # full-width digits
])
def test_bracket_and_spacing_forms(text, printed):
    assert found(text) == [("郑政〔2016〕24号", printed)]


def test_a_prefix_in_parentheses():
    text = "根据《郑州市企业失信惩戒联动实施办法(试行)》(郑信用)[2015]3号文件的要求"
    assert found(text) == [("郑信用〔2015〕3号", "(郑信用)[2015]3号")]
    assert find_citations(text)[0].title == "郑州市企业失信惩戒联动实施办法(试行)"


def test_a_citation_broken_across_lines_is_whole_once_the_lines_are_joined():
    # The gazette prints "（国" at the end of one line and "办发〔2015〕51号）" on the next; Markdown joins them.
    assert numbers("《国务院办公厅关于运用大数据…的若干意见》（国" + "办发〔2015〕51号），以及") == ["国办发〔2015〕51号"]
    assert numbers("的通知》（郑政文" + "[2016] 123 号) 精神") == ["郑政文〔2016〕123号"]


@pytest.mark.parametrize("text, expected", [
    ("扎实推动《纲要》和豫政〔2014〕31号文件的实施", "豫政〔2014〕31号"),
    ("根据国发〔2016〕6号", "国发〔2016〕6号"),
    ("贯彻落实国办发〔2016〕5号", "国办发〔2016〕5号"),
    ("印发国办函〔2016〕3号", "国办函〔2016〕3号"),
    ("贯彻人社部发〔2016〕4号精神", "人社部发〔2016〕4号"),  # a ministry: no region in its prefix
    ("落实中发〔2016〕5号", "中发〔2016〕5号"),
    ("文件中郑政〔2016〕1号", "郑政〔2016〕1号"),  # 中 ends the word 文件中 here
    ("其中豫政〔2016〕2号", "豫政〔2016〕2号"),
    ("郑州市人民政府办公厅郑政办文〔2016〕6号", "郑政办文〔2016〕6号"),
    ("按照规定郑政〔2016〕7号", "郑政〔2016〕7号"),
    ("郑经信〔2016〕7号", "郑经信〔2016〕7号"),
    ("、牟政〔2016〕8号", "牟政〔2016〕8号"),  # 中牟县: no root, but set off by punctuation
    ("进一步贯彻落实人社部发〔2016〕4号", "人社部发〔2016〕4号"),
    ("面向全国郑政〔2016〕9号", "郑政〔2016〕9号"),  # 全国 ends in a root but is a word of the sentence
    ("印发中青发〔2016〕3号", "中青发〔2016〕3号"),
])
def test_the_prefix_is_trimmed_off_the_sentence(text, expected):
    assert numbers(text) == [expected]


@pytest.mark.parametrize("text", [
    "贯彻执行《粮油仓储管理办法》（国家发展改革委令第5号）",
    "2002年10月14日市人民政府令第46号公布",  # whose 市? a decree series must name its place
    "方案实施时间为〔2016〕年度",
    "《规划纲要(2014-2020年)》",
    "2016年度（2016）3号",
    "加快制定郑州市品牌发展规划(2016-2020),推动",
    "〔2016〕24号",  # no prefix at all
    "根据〔2016〕24号文件",
    "《办法（试行）》（试行）〔2015〕3号",
    "郑政〔2016〕0号",
    "郑政〔1066〕1号",
])
def test_what_is_not_a_citation(text):
    assert find_citations(text) == []


@pytest.mark.parametrize("text,number,start,title,clause", [
    ("严格执行《企业信息公示暂行条例》(国务院令第654号)", "国令第654号", 17, "企业信息公示暂行条例", ""),
    ("中华人民共和国国务院令第707号", "国令第707号", 0, "", ""),
    ("根据《新疆维吾尔自治区散装水泥管理办法》(新疆维吾尔自治区政府令第107号)和", "新疆维吾尔自治区人民政府令第107号", 21,
     "新疆维吾尔自治区散装水泥管理办法", ""),
    ("1998年2月6日深圳市人民政府令第68号发布", "深圳市人民政府令第68号", 9, "", ""),
    ("依据上海市人民政府令（第19号）规定", "上海市人民政府令第19号", 2, "", ""),
    ("按照河北省人民政府令〔2010〕第15号第三条", "河北省人民政府令〔2010〕第15号", 2, "", "第三条"),
])
def test_a_decree_is_cited_by_its_series_and_number_and_written_as_its_series_is_cited(text, number, start, title,
                                                                                        clause):
    [citation] = find_citations(text)
    assert (str(citation.doc_number), citation.start, citation.title, citation.clause) == (number, start, title, clause)
    assert citation.doc_number.decree and text[citation.end - 1] in "号）"


def test_decree_and_wenhao_citations_come_in_text_order():
    found = find_citations("依据国令第588号和国发〔2016〕6号")
    assert [str(c.doc_number) for c in found] == ["国令第588号", "国发〔2016〕6号"]


def test_titles_come_from_the_book_title_marks_just_before():
    text = ("根据《国务院关于进一步促进展览业改革发展的若干意见》（国发〔2015〕15号）、《关于转发〈关于做好 2016 年度"
            "工作的通知〉的通知》（豫发改环资〔2016〕1008 号）和郑政〔2016〕27号")
    assert [c.title for c in find_citations(text)] == [
        "国务院关于进一步促进展览业改革发展的若干意见", "关于转发〈关于做好2016年度工作的通知〉的通知", ""]


def test_clean_title_drops_extraction_spaces_but_keeps_latin_words_apart():
    assert clean_title(" 郑州市 2016 年度\n大气污染 防治 ") == "郑州市2016年度大气污染防治"
    assert clean_title("Made in  China 2025 行动") == "Made in China 2025行动"


@pytest.mark.parametrize("text, clause, anchor", [
    ("按照郑政〔2016〕24号第三条规定", "第三条", "a3"),
    ("见（郑政〔2016〕24号）第二部分。", "第二部分", "s2"),
    ("见（郑政〔2016〕24号）第二部分第（四）项。", "第二部分第（四）项", "s2-4"),
    ("郑政〔2016〕24号第二部分（四）", "第二部分（四）", "s2-4"),
    ("郑政〔2016〕24号文件第二章第五条", "第二章第五条", "a5"),
    ("郑政〔2016〕24号第十二条第二款", "第十二条第二款", "a12"),
    ("郑政〔2016〕24号第3条", "第3条", "a3"),
    ("郑政〔2016〕24号第一章", "第一章", "c1"),
    ("郑政〔2016〕24号的第二十九条", "第二十九条", "a29"),
    ("郑政〔2016〕24号精神，第三条", "", ""),
])
def test_a_clause_named_after_the_number(text, clause, anchor):
    [citation] = find_citations(text)
    assert (citation.clause, citation.anchor) == (clause, anchor)


@pytest.mark.parametrize("text, kinds", [
    ("2011年4月28日发布的《郑州市人民政府办公厅关于印发郑州市会展业发展专项资金使用管理办法的通知》（郑政办〔2011〕28号）"
     "同时废止。", [REPEAL]),
    ("根据新修订的《郑州市组团新区产业集聚区考核办法》（郑办〔2016〕3号），由市发展改革委牵头", [CITE]),
    ("决定废止《甲》（郑政〔2010〕1号）、《乙》（郑政〔2010〕2号）。", [REPEAL, REPEAL]),
    ("《甲》（郑政〔2010〕1号）和《乙》（郑政〔2010〕2号）同时废止。", [REPEAL, REPEAL]),
    ("根据《丙》（国发〔2010〕3号）废止《丁》（郑政〔2010〕4号）。", [CITE, REPEAL]),
    ("《戊》（郑政〔2010〕5号）中关于补贴的规定停止执行。", [AMEND]),
    ("《戊》（郑政〔2010〕5号）第三条同时废止。", [AMEND]),
    ("对《己》（郑政办〔2012〕6号）进行修订。", [AMEND]),
    ("《己》（郑政办〔2012〕6号）自本办法施行之日起不再执行。", [REPEAL]),
    ("修订后的《己》（郑政办〔2012〕6号）印发给你们", [CITE]),
    ("我市对原《办法》进行了修订。根据《庚》（国发〔2015〕15号），制定本办法。", [CITE]),
    ("《庚》（国发〔2015〕15号）提出，有关文件同时废止。", [CITE]),
])
def test_what_the_sentence_does_to_the_cited_document(text, kinds):
    assert [c.kind for c in find_citations(text)] == kinds


def test_spans_cover_the_number_as_printed_in_order():
    text = "根据国发〔2014〕69号和（豫政〔2015〕43号）执行"
    assert found(text) == [("国发〔2014〕69号", "国发〔2014〕69号"), ("豫政〔2015〕43号", "豫政〔2015〕43号")]


# Property tests -------------------------------------------------------------------------------------------------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_FILLER = st.text(alphabet=st.one_of(_CJK, st.sampled_from("，。、；：“”《》 0123456789abc")), max_size=40)
_PREFIXES = ["国发", "国办发", "中发", "豫政", "豫政办", "豫发", "豫发改环资", "豫商服贸", "郑政", "郑政文", "郑政办",
             "郑政办文", "郑政办明电", "郑办", "人社部发", "财预", "牟政", "郑经信"]
_BRACKETS = ["〔〕", "[]", "()", "（）", "【】", "［］", "﹝﹞"]
# How a citation is set off from the sentence in the gazettes: a title and parentheses, punctuation, a linking word.
_OPENINGS = ["《某某关于某事的通知》（", "（", "，", "、", "和", "及", "根据", "按照", "贯彻落实", "印发", ""]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_without_a_crash_and_spans_are_sane(text):
    previous_end = 0
    for citation in find_citations(text):
        assert previous_end <= citation.start < citation.end <= len(text)
        assert text[citation.end - 1] == "号"
        previous_end = citation.end
        # The normalised number reads back as itself.
        assert numbers(citation.text) == [citation.text]
    # Linking skips titles and kinds but finds the same citations.
    assert [(c.doc_number, c.start, c.end, c.anchor) for c in find_citations(text, details=False)] == \
        [(c.doc_number, c.start, c.end, c.anchor) for c in find_citations(text)]


@settings(max_examples=300, deadline=None)
@given(before=_FILLER, after=_FILLER, opening=st.sampled_from(_OPENINGS), prefix=st.sampled_from(_PREFIXES),
       brackets=st.sampled_from(_BRACKETS), year=st.integers(1980, 2030), number=st.integers(1, 99999),
       space=st.sampled_from(["", " "]))
def test_a_citation_in_random_chinese_text_is_found_exactly_once(before, after, opening, prefix, brackets, year,
                                                                  number, space):
    if opening == "" and before:  # with no opening, the filler's last character would run into the prefix
        before += "。"
    citation = f"{prefix}{brackets[0]}{year}{brackets[1]}{number}{space}号"
    text = f"{before}{opening}{citation}）{after}"
    assert numbers(text) == [f"{prefix}〔{year}〕{number}号"]
