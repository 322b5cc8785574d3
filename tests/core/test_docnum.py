"""文号 and decree numbers: parsing, the written form, slugs; every 文号 the embedded site has keeps its form and slug."""

import pytest

from site_builder.core.docnum import DocNumber, decree_number, parse_doc_number


def test_a_wenhao_keeps_its_form_and_slug():
    doc = parse_doc_number("郑政办文 [2016] 64 号")
    assert doc == DocNumber("郑政办文", 2016, 64) and not doc.decree
    assert (str(doc), doc.slug) == ("郑政办文〔2016〕64号", "zhengzhengbanwen-2016-64")


@pytest.mark.parametrize("printed,written,slug", [
    ("国令第707号", "国令第707号", "guoling-707"),
    ("中华人民共和国国务院令第707号", "国令第707号", "guoling-707"),
    ("国务院令 第 588 号", "国令第588号", "guoling-588"),
    ("上海市人民政府令（第19号）", "上海市人民政府令第19号", "shanghaishirenminzhengfuling-19"),
    ("河北省人民政府令〔2010〕第15号", "河北省人民政府令〔2010〕第15号", "hebeishengrenminzhengfuling-2010-15"),
    ("新疆维吾尔自治区政府令第107号", "新疆维吾尔自治区人民政府令第107号", "xinjiangweiwuerzizhiqurenminzhengfuling-107"),
    ("中华人民共和国商务部令2019年第1号", "商务部令〔2019〕第1号", "shangwubuling-2019-1"),
])
def test_a_decree_number_is_written_as_its_series_is_cited(printed, written, slug):
    doc = parse_doc_number(printed)
    assert doc is not None and doc.decree
    assert (str(doc), doc.slug) == (written, slug)
    assert parse_doc_number(written) == doc  # the written form reads back as the same number


@pytest.mark.parametrize("text", ["第24号", "令第24号", "上海市人民政府令（第19号", "郑政〔2016〕第24号", "国令707号"])
def test_what_is_no_number_at_all(text):
    assert parse_doc_number(text) is None


def test_decrees_and_wenhao_never_share_a_slug_or_compare_equal():
    decree, wenhao = decree_number("国令", 2016, 12), DocNumber("国令", 2016, 12)
    assert decree != wenhao and str(decree) != str(wenhao)
    assert sorted([decree, wenhao]) == [wenhao, decree]
