"""The life of a document, end to end (issue 16): 效力 as of a date on the embedded gazette, a 解读 linked both
ways, an amendment marked on its target's page, an expired notice left out of the 现行有效 library and the API."""

import json
from datetime import date

import pytest

from site_builder.build import build
from site_builder.cli import main
from tests.conftest import copy_embedded_site, notice_text

EXHIBITIONS = "notices/zhengzhengbanwen-2016-64.html"
GRAIN = "notices/zhengzheng-2016-24.html"
INTERPRETATION = """---
title: 《关于全面落实粮食安全省长责任制的实施意见》政策解读
date: 2016-08-02
interprets: 郑政〔2016〕24号
kind: 问答
issuer: 郑州市粮食局
---

## 一、为什么出台《实施意见》？

为全面落实粮食安全省长责任制，……

## 二、主要内容有哪些？

明确了各级政府的粮食安全责任。
"""


def records(public, name="api/notices.json"):
    return {item["doc_number"]: item for item in json.loads((public / name).read_text("utf-8"))}


@pytest.fixture(scope="module")
def gazette(tmp_path_factory):
    """The embedded gazette with a 解读 for 郑政〔2016〕24号, built as of 2016-08-25."""
    root = copy_embedded_site(tmp_path_factory.mktemp("life") / "site")
    (root / "content/interpretations").mkdir()
    (root / "content/interpretations/jiedu-zhengzheng-2016-24.md").write_text(INTERPRETATION, "utf-8")
    build(root, search=False, as_of=date(2016, 8, 25))
    return root


def test_a_notice_is_not_yet_in_force_before_its_effective_date_and_in_force_after(gazette, tmp_path):
    page = (gazette / "public" / EXHIBITIONS).read_text("utf-8")
    assert "本文件尚未生效" in page and "效力状态截至2016年08月25日" in page
    assert '<a href="zhengzhengbanwen-2016-64.html#a22">本文件自2016年09月01日起施行</a>' in page
    assert records(gazette / "public")["郑政办文〔2016〕64号"]["status"] == "尚未生效"
    assert main(["build", "--root", str(gazette), "--out", str(tmp_path / "later"), "--no-search",
                 "--as-of", "2016-09-01"]) == 0
    later = records(tmp_path / "later")["郑政办文〔2016〕64号"]
    assert (later["status"], later["effective"], later["expires"]) == ("有效", "2016-09-01", None)
    assert "本文件尚未生效" not in (tmp_path / "later" / EXHIBITIONS).read_text("utf-8")


def test_the_quality_award_measures_have_no_expiry(gazette):
    award = records(gazette / "public")["郑政〔2016〕25号"]
    assert (award["effective"], award["expires"], award["status"]) == ("2016-08-05", None, "有效")


def test_an_interpretation_is_on_its_policys_page_and_links_back(gazette):
    public = gazette / "public"
    page = (public / GRAIN).read_text("utf-8")
    assert '<h2 id="interpretations-heading">政策解读</h2>' in page
    assert '<a href="../interpretations/jiedu-zhengzheng-2016-24.html">《关于全面落实粮食安全省长责任制的实施意见》政策解读</a>' \
        in page
    own = (public / "interpretations/jiedu-zhengzheng-2016-24.html").read_text("utf-8")
    assert '<a href="../notices/zhengzheng-2016-24.html">郑州市人民政府关于全面落实粮食安全省长责任制的实施意见（郑政〔2016〕24号）' \
        in own
    assert 'data-pagefind-filter="类型">政策解读' in own and 'data-pagefind-filter="类型">政策文件' in page
    assert records(public)["郑政〔2016〕24号"]["interpretations"] == [{
        "title": "《关于全面落实粮食安全省长责任制的实施意见》政策解读", "url": "interpretations/jiedu-zhengzheng-2016-24.html",
        "date": "2016-08-02", "kind": "问答"}]
    assert json.loads((public / "api/interpretations.json").read_text("utf-8"))[0]["interprets"] == ["郑政〔2016〕24号"]
    assert "interpretations/jiedu-zhengzheng-2016-24.html" in (public / "sitemap.xml").read_text("utf-8")
    assert main(["check", "--root", str(gazette)]) == 0


def test_the_library_lists_what_is_in_force_by_issuer_and_kind(gazette):
    public = gazette / "public"
    current = json.loads((public / "api/current.json").read_text("utf-8"))
    assert current["as_of"] == "2016-08-25"
    numbers = {item["doc_number"] for item in current["notices"]}
    assert "郑政办文〔2016〕64号" not in numbers and "郑政〔2016〕24号" in numbers  # not yet in force
    page = (public / "current/index.html").read_text("utf-8")
    assert "截至<time datetime=\"2016-08-25\">2016年08月25日</time>" in page
    assert "郑州市人民政府办公厅 <span class=\"count\">" in page and '<h3 id="' in page


def life_site(site, as_of):
    site.write("amended.md", notice_text(
        doc_number="郑政〔2016〕5号", title="关于印发郑州市城市绿化管理办法的通知", date="2016-03-01",
        body="## 第一章 总则\n\n第一条 为加强城市绿化管理，制定本办法。\n\n第二条 市园林局主管全市城市绿化工作。\n\n"
             "第三条 本办法自2016年4月1日起施行。\n"))
    site.write("amending.md", notice_text(
        doc_number="郑政〔2016〕40号", title="关于修改郑州市城市绿化管理办法的决定", date="2016-11-20",
        body="市人民政府决定对《郑州市城市绿化管理办法》（郑政〔2016〕5号）作如下修改：\n\n"
             "一、将第二条修改为：“第二条 市城市管理局主管全市城市绿化工作。”\n\n二、本决定自2017年1月1日起施行。\n"))
    site.write("short.md", notice_text(
        doc_number="郑政〔2016〕41号", title="关于印发郑州市停车收费管理办法的通知", date="2016-09-01",
        body="第一条 为规范停车收费，制定本办法。\n\n第二条 本办法自2016年9月10日起施行，有效期2年。\n"))
    (site.root / "content/interpretations").mkdir(exist_ok=True)
    (site.root / "content/interpretations/jiedu-40.md").write_text(
        "---\ntitle: 图解：城市绿化管理办法修改了什么\ndate: 2016-11-21\ninterprets: [郑政〔2016〕40号, 郑政〔2016〕5号]\n"
        "kind: 图解\n---\n\n市城市管理局主管全市城市绿化工作。\n", "utf-8")
    return build(site.root, search=False, as_of=as_of)


def test_an_amending_notice_marks_its_target_amended_with_a_link_to_the_amending_clause(site):
    life_site(site, date(2017, 3, 1))
    page = (site.public / "notices/zhengzheng-2016-5.html").read_text("utf-8")
    assert "本文件已修改" in page
    assert '<a href="zhengzheng-2016-40.html#s1">2017年01月01日起，《郑州市人民政府关于修改郑州市城市绿化管理办法的决定》' \
           '（郑政〔2016〕40号）一修改本文件第二条</a>' in page
    assert '<p class="clause-effect" data-pagefind-ignore><a href="zhengzheng-2016-40.html#s1">本条已由郑政〔2016〕40号一修改' \
           '（2017年01月01日起）</a></p>' in page  # right after 第二条
    record = records(site.public)["郑政〔2016〕5号"]
    assert record["status"] == "已修改"
    assert record["amended_by"] == [{"doc_number": "郑政〔2016〕40号", "url": "notices/zhengzheng-2016-40.html#s1",
                                     "date": "2017-01-01", "clauses": ["第二条"], "kind": "修改", "pending": False}]
    assert records(site.public)["郑政〔2016〕40号"]["amends"][0]["url"] == "notices/zhengzheng-2016-5.html#a2"
    feed = (site.public / "feed.xml").read_text("utf-8")
    assert "<title>【图解】图解：城市绿化管理办法修改了什么</title>" in feed  # the newest entry of the feed
    assert feed.index("【图解】") < feed.index("郑政〔2016〕40号")


def test_an_amendment_not_yet_in_effect_is_shown_as_pending(site):
    life_site(site, date(2016, 12, 1))
    page = (site.public / "notices/zhengzheng-2016-5.html").read_text("utf-8")
    assert "本文件有效" in page and "将于2017年01月01日起" in page and "clause-effect" not in page
    assert records(site.public)["郑政〔2016〕5号"]["status"] == "有效"


def test_a_notice_past_its_validity_is_expired_and_not_in_force(site):
    life_site(site, date(2026, 12, 1))
    record = records(site.public)["郑政〔2016〕41号"]
    assert (record["status"], record["effective"], record["expires"]) == ("已失效", "2016-09-10", "2018-09-09")
    current = json.loads((site.public / "api/current.json").read_text("utf-8"))
    assert "郑政〔2016〕41号" not in {item["doc_number"] for item in current["notices"]}
    page = (site.public / "notices/zhengzheng-2016-41.html").read_text("utf-8")
    assert "本文件已失效" in page and "本文件有效期至2018年09月09日，自2018年09月10日起失效" in page
    assert "zhengzheng-2016-41" not in (site.public / "current/index.html").read_text("utf-8")


def test_a_site_rebuilt_daily_says_so_instead_of_a_date(site):
    toml = site.root / "site.toml"
    toml.write_text(toml.read_text("utf-8").replace("latest = 20", 'latest = 20\nschedule = "daily"'), "utf-8")
    life_site(site, date(2017, 3, 1))
    page = (site.public / "notices/zhengzheng-2016-5.html").read_text("utf-8")
    assert "效力状态每日更新" in page and "效力状态截至" not in page



def test_a_bad_as_of_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--as-of", "2016-13-01"])
    assert stopped.value.code == 2
    assert "not a date: '2016-13-01' (write it as YYYY-MM-DD, e.g. 2016-09-01)" in capsys.readouterr().err


def test_an_interpretation_of_a_notice_not_on_the_site_stops_the_build_and_names_its_line(site):
    from site_builder.core.diagnostics import BuildError
    from tests.conftest import interpretation_text, snapshot

    site.write("24.md", notice_text())
    build(site.root, search=False)
    before = snapshot(site.public)
    site.interpretation("jiedu-9.md", interpretation_text(interprets="郑政〔2016〕9号"))
    with pytest.raises(BuildError) as failed:
        build(site.root, search=False)
    assert [str(d) for d in failed.value.diagnostics if d.is_error] == [
        "content/interpretations/jiedu-9.md:4: E123 interprets (解读的文件) 郑政〔2016〕9号, which is not a notice of "
        "this site (check the 文号, or add the notice to content/notices/)"]
    assert snapshot(site.public) == before
