from site_builder.importer.docid import DocId, decree_issuer, decree_number, parse_number, with_issuer


def test_a_wenhao_in_any_bracket_keeps_the_builds_canonical_form_and_slug():
    assert parse_number("郑政办文[2016]63 号") == DocId("郑政办文〔2016〕63号", "zhengzhengbanwen-2016-63")
    assert parse_number("皖政办秘［2021］82号") == DocId("皖政办秘〔2021〕82号", "wanzhengbanmi-2021-82")


def test_a_numbered_decree_in_brackets_keeps_its_di_and_is_completed_with_its_issuer():
    printed = parse_number("政府令〔2010〕第15号")
    assert printed == DocId("政府令〔2010〕第15号", "zhengfuling-2010-15")
    assert with_issuer(printed, "河北省人民政府") == DocId("河北省人民政府令〔2010〕第15号",
                                                        "hebeishengrenminzhengfuling-2010-15")


def test_only_a_decree_series_that_names_no_issuer_is_completed():
    for text in ("国令第707号", "上海市人民政府令第19号", "郑政〔2016〕24号", "沈政令〔1997〕29号"):
        docid = parse_number(text) or decree_number(*{"国令第707号": ("国务院", None, "707"),
                                                       "上海市人民政府令第19号": ("上海市人民政府", None, "19")}[text])
        assert with_issuer(docid, "河北省人民政府") == docid
    assert with_issuer(parse_number("政府令〔2010〕第15号"), "") == parse_number("政府令〔2010〕第15号")


def test_decree_numbers_as_they_are_cited():
    assert decree_number("中华人民共和国国务院", None, "707") == DocId("国令第707号", "guoling-707")
    assert decree_number("上海市人民政府", None, "19").text == "上海市人民政府令第19号"
    assert decree_number("中华人民共和国商务部", "2019", "1").text == "商务部令〔2019〕第1号"
    assert decree_issuer("中华人民共和国国务院令") == "国务院" and decree_issuer("上海市人民政府令") == "上海市人民政府"
    assert decree_issuer("中华人民共和国交通部令") == "交通部"  # as gov.cn's 发文机关 field writes a ministry


def test_text_that_is_not_one_wenhao_is_none():
    assert parse_number("见国发〔2016〕12号文") is None and parse_number("〔2016〕12号") is None
