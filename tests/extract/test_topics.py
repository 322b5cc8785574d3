from site_builder.load.reference_files import parse_topic_scheme
from site_builder.extract.topics import Classifier, resolve, suggest

RULES = """
max_topics = 2
min_score = 3
title_weight = 10

["农业、林业、水利"]
"农业、畜牧业、渔业" = ["粮食", "耕地"]
"林业" = ["林场", "林业"]
"水利" = ["水利"]
"其他" = []

["财政、金融、审计"]
"财政" = ["专项资金"]
"其他" = []

["其他"]
"""


def scheme():
    found, diagnostics = parse_topic_scheme("content/topics.toml", RULES)
    assert diagnostics == []
    return found


def test_title_keywords_weigh_more_than_body_keywords():
    classify = Classifier(scheme()).classify
    assert classify("关于全面落实粮食安全省长责任制的实施意见", "耕地保护。专项资金。") == ("农业、林业、水利\\农业、畜牧业、渔业",)


def test_a_second_topic_needs_half_the_best_score():
    classify = Classifier(scheme()).classify
    assert classify("关于国有林场改革专项资金的通知", "林业林业") == (
        "农业、林业、水利\\林业", "财政、金融、审计\\财政")


def test_nothing_matching_goes_to_the_fallback():
    assert Classifier(scheme()).classify("关于成立领导小组的通知", "粮食。") == ("其他",)


def test_front_matter_names_resolve_in_several_forms():
    found = scheme()
    assert resolve("林业", found) == "农业、林业、水利\\林业"
    assert resolve("农业、林业、水利/水利", found) == "农业、林业、水利\\水利"
    assert resolve("财政、金融、审计", found) == "财政、金融、审计"
    assert resolve("其他", found) == "其他"  # the category, not one of the several 其他 subcategories
    assert resolve("林木", found) is None
    assert suggest("林叶", found) == "农业、林业、水利\\林业"


def test_slugs_make_nested_topic_pages():
    found = scheme()
    assert found.get("农业、林业、水利\\农业、畜牧业、渔业").url == "topics/nongye-linye-shuili/nongye-xumuye-yuye.html"
    assert found.get("其他").url == "topics/qita.html"
