"""Citations of the embedded gazette, as a careful reader finds them in ../shared/gazette/zhengzhou-gazette-2016-08.txt.

The list below was made by reading the gazette, not from the parser's output; the line numbers are the gazette's.
"""

import json
import re

import pytest

from site_builder.build import build
from tests.conftest import GAZETTE, copy_embedded_site

CITATIONS = {
    "郑政〔2016〕24号": ["国发〔2014〕69号", "豫政〔2015〕43号"],  # line 11
    "郑政〔2016〕25号": [],
    "郑政〔2016〕26号": ["中发〔2012〕6号", "豫发〔2015〕13号"],  # 426
    "郑政〔2016〕27号": ["国发〔2015〕15号"],  # 557
    "郑政〔2016〕28号": ["国发〔2014〕52号", "国办发〔2015〕9号", "豫政〔2015〕73号"],  # 685
    "郑政文〔2016〕131号": ["郑政办明电〔2016〕90号",  # 791
                        "郑政办〔2015〕79号",  # 881-883, its title broken across lines
                        "郑政〔2016〕9号",  # 947
                        "郑政文〔2015〕117号", "郑政办〔2016〕12号"],  # 955
    "郑政文〔2016〕134号": [],
    "郑政文〔2016〕135号": [],
    "郑政文〔2016〕137号": [],
    "郑政文〔2016〕138号": [],
    "郑政文〔2016〕139号": [],
    "郑政办〔2016〕47号": ["豫政〔2014〕42号"],  # 1321
    "郑政办〔2016〕48号": ["郑办〔2016〕3号"],  # 1594, "新修订的《…》": cited, not amended by 48号
    "郑政办〔2016〕49号": ["豫政〔2015〕42号",  # 1807
                       "郑政文〔2015〕187号"],  # 1927-1929, title broken across lines
    "郑政办〔2016〕50号": ["豫政办〔2016〕103号", "郑政文〔2016〕123号"],  # 1955
    "郑政办〔2016〕51号": ["郑政〔2016〕21号",  # 2071-2073
                       "郑政文〔2016〕123号"],  # "（郑政文" ends line 2073, "[2016] 123 号)" opens line 2075
    "郑政办文〔2016〕57号": ["国办发〔1997〕3号",  # 2189
                        "国办发〔2014〕46号"],  # 2285-2287
    "郑政办文〔2016〕58号": ["郑政〔2015〕49号",  # 2313
                        "国办发〔2015〕77号"],  # 2383
    "郑政办文〔2016〕59号": ["国办发〔2015〕77号", "豫政办〔2016〕89号"],  # 2429
    "郑政办文〔2016〕60号": ["国办发〔2016〕25号", "豫政办〔2016〕101号",  # 2523
                        "国办发〔2016〕5号",  # 2583
                        "国发〔2015〕13号"],  # 2599
    "郑政办文〔2016〕62号": ["豫发改环资〔2016〕1008号"],  # 2667, "1008 号"
    "郑政办文〔2016〕63号": [],
    "郑政办文〔2016〕64号": ["国发〔2015〕15号", "豫商服贸〔2014〕8号", "郑政〔2016〕27号",  # 2958
                        "郑政办〔2011〕28号"],  # 3141, 同时废止
    "郑政办文〔2016〕65号": ["国办发〔2015〕51号",  # "（国" ends line 3153, "办发〔2015〕51号）" opens line 3155
                        "豫政办〔2015〕161号"],  # 3155-3157
    "郑政办文〔2016〕66号": ["豫政〔2014〕31号",  # 3285-3287
                        "豫政〔2014〕31号",  # 3291, "豫政〔2014〕31号文件", no title
                        "郑信用〔2015〕3号"],  # 3381, printed "(郑信用)[2015]3号"
    "郑政办文〔2016〕67号": ["国发〔2016〕6号", "豫政办明电〔2016〕122号",  # 3445
                        "国发〔2016〕6号",  # 3449
                        "国发〔2013〕41号"],  # 3463
    "郑政办文〔2016〕68号": ["国发〔2016〕7号", "豫政〔2016〕10号"],  # 3525
}
# Not 文号: 《粮油仓储管理办法》（国家发展改革委令第5号） at 128 (a ministry's decree series, not read) and
# 《企业信息公示暂行条例》(国务院令第654号) at 3185, a decree's number: cited as 国令第654号, after the 文号 above.
DECREE_CITATIONS = {"郑政办文〔2016〕65号": ["国令第654号"]}


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    root = tmp_path_factory.mktemp("embedded-xref")
    copy_embedded_site(root)
    result = build(root, search=False)
    public = root / "public"
    details = {}
    for record in json.loads((public / "api/notices.json").read_text("utf-8")):
        details[record["doc_number"]] = json.loads((public / record["api_url"]).read_text("utf-8"))
    return public, details, result


def test_every_citation_of_the_gazette_is_found(embedded):
    _, details, _ = embedded
    expected = {number: cited + DECREE_CITATIONS.get(number, []) for number, cited in CITATIONS.items()}
    assert {number: [c["doc_number"] for c in detail["citations"]] for number, detail in details.items()} == expected


def test_the_list_above_agrees_with_a_plain_count_of_the_gazette():
    # Every 〔year〕N号 in the raw gazette, lines joined: the 27 notices' own numbers and the citations.
    text = re.sub(r"\s+", "", GAZETTE.read_text("utf-8"))
    printed = re.findall(r"[〔\[(（]\d{4}[〕\])）]\d+号", text)
    assert len(printed) == len(CITATIONS) + sum(len(cited) for cited in CITATIONS.values())


def test_the_split_citation_is_found_whole_and_linked(embedded):
    public, details, _ = embedded
    assert details["郑政办文〔2016〕65号"]["citations"][0]["title"] == "国务院办公厅关于运用大数据加强对市场主体服务和监管的若干意见"
    html = (public / "notices/zhengzhengbanwen-2016-65.html").read_text("utf-8")
    assert '（<a href="../cited/guobanfa-2015-51.html" class="cite">国办发〔2015〕51号</a>）' in html
    html = (public / "notices/zhengzhengban-2016-51.html").read_text("utf-8")
    assert '<a href="../cited/zhengzhengwen-2016-123.html" class="cite">郑政文〔2016〕123号</a>' in html


def test_64_links_to_27_and_27_lists_64_as_citing_it(embedded):
    public, details, _ = embedded
    html = (public / "notices/zhengzhengbanwen-2016-64.html").read_text("utf-8")
    assert '（<a href="zhengzheng-2016-27.html" class="cite">郑政〔2016〕27号</a>）' in html
    html = (public / "notices/zhengzheng-2016-27.html").read_text("utf-8")
    cited_by = html[html.index('<h3 id="cited-by-heading">'):html.index('<h3 id="related-heading">')]
    assert '<a href="zhengzhengbanwen-2016-64.html">关于修订印发郑州市会展业发展专项资金管理办法的通知</a>' in cited_by
    assert '<a href="zhengzhengbanwen-2016-64.html#a1">第一条</a>' in cited_by
    assert details["郑政〔2016〕27号"]["cited_by"] == ["郑政办文〔2016〕64号"]


def test_the_2011_notice_is_repealed_by_64_and_nothing_is_amended(embedded):
    public, details, _ = embedded
    cited = {d["doc_number"]: d for d in json.loads((public / "api/cited.json").read_text("utf-8"))["documents"]}
    assert cited["郑政办〔2011〕28号"]["repealed_by"] == ["郑政办文〔2016〕64号"]
    acted_on = [d["doc_number"] for d in cited.values() if d["amended_by"] or d["repealed_by"]]
    assert acted_on == ["郑政办〔2011〕28号"]
    html = (public / "cited/zhengzhengban-2011-28.html").read_text("utf-8")
    assert "<strong>已废止</strong>：2016年08月22日" in html
    assert all(detail["status"] == "有效" for detail in details.values())


def test_every_outside_document_has_a_page_listing_its_citing_notices(embedded):
    public, details, _ = embedded
    cited = json.loads((public / "api/cited.json").read_text("utf-8"))["documents"]
    assert len(cited) == 43 and [d["doc_number"] for d in cited if d["in_site"]] == ["郑政〔2016〕27号"]
    assert "国令第654号" in [d["doc_number"] for d in cited]
    for document in cited:
        if document["in_site"]:
            continue
        html = (public / document["url"]).read_text("utf-8")
        for number in document["cited_by"]:
            assert f'<span class="docnum">{number}</span>' in html, (document["doc_number"], number)
    html = (public / "cited/guofa-2016-6.html").read_text("utf-8")
    assert "<h1 id=\"cited-title\">国务院关于钢铁行业化解过剩产能实现脱困发展的意见</h1>" in html
    assert '<a class="notice-list-title" href="../notices/zhengzhengbanwen-2016-67.html">' in html


def test_the_embedded_build_has_no_citation_warnings(embedded):
    _, _, result = embedded
    assert [str(d) for d in result.diagnostics if d.code.startswith("W3")] == []
