"""The citation pages and blocks as a reader gets them: small sites built from inline notices."""

import json
import re

from site_builder.build import build
from site_builder.render.views import xref as xref_views
from tests.conftest import notice_text, snapshot
from tests.analyse.test_xref import CITED, CITING

OLD = notice_text(doc_number="郑政办〔2011〕28号", title="关于印发郑州市会展业发展专项资金使用管理办法的通知",
                  issuer="郑州市人民政府办公厅", date="2011-04-28", body="## 一、总则\n\n正文。")


def page(site, path):
    return (site.public / path).read_text("utf-8")


def section(html, heading_id):
    """The <section> labelled by heading_id, to assert on one block at a time."""
    found = re.search(rf'<section aria-labelledby="{heading_id}"[^>]*>(.*?)</section>', html, re.S)
    assert found, heading_id
    return found[1]


def test_adding_a_notice_later_turns_older_citations_into_links(site):
    site.write("64.md", CITING)
    build(site.root, search=False)
    html = page(site, "notices/zhengzhengbanwen-2016-64.html")
    assert '（<a href="../cited/zhengzheng-2016-27.html" class="cite">郑政〔2016〕27号</a>）' in html
    assert "本站未收录该文件全文" in page(site, "cited/zhengzheng-2016-27.html")

    site.write("27.md", CITED)
    build(site.root, search=False)
    html = page(site, "notices/zhengzhengbanwen-2016-64.html")
    assert '（<a href="zhengzheng-2016-27.html" class="cite">郑政〔2016〕27号</a>）' in html
    assert not (site.public / "cited/zhengzheng-2016-27.html").exists()
    cited_by = section(page(site, "notices/zhengzheng-2016-27.html"), "cited-by-heading")
    assert '<a href="zhengzhengbanwen-2016-64.html">关于修订印发郑州市会展业发展专项资金管理办法的通知</a>' in cited_by
    assert '引用位置：<a href="zhengzhengbanwen-2016-64.html#a1">第一条</a>' in cited_by


def test_a_repealed_notice_in_the_site_says_so_in_a_banner(site):
    for name, text in (("64.md", CITING), ("27.md", CITED), ("28.md", OLD)):
        site.write(name, text)
    build(site.root, search=False)
    html = page(site, "notices/zhengzhengban-2011-28.html")
    banner = re.search(r'<div class="status-banner status-已废止".*?</div>', html, re.S)[0]
    assert "<strong>本文件已废止</strong>" in banner
    assert ('<a href="zhengzhengbanwen-2016-64.html#a22">2016年09月01日起，《郑州市人民政府办公厅关于修订印发郑州市会展业发展'
            '专项资金管理办法的通知》（郑政办文〔2016〕64号）第二十二条废止本文件</a>。') in banner  # from its 施行日期
    assert '<p class="derived-note">系统自动提取，仅供参考</p>' in banner
    assert '<th scope="row">效力</th><td colspan="3">已废止 <span class="status-as-of">（效力状态截至' in html
    assert '"legislationLegalForce":"https://schema.org/NotInForce"' in html
    cites = section(page(site, "notices/zhengzhengbanwen-2016-64.html"), "cites-heading")
    assert ('<a href="zhengzhengban-2011-28.html">《郑州市人民政府办公厅关于印发郑州市会展业发展专项资金使用管理办法的通知》'
            '（郑政办〔2011〕28号）</a> <span class="relation-kind">废止</span>') in cites


def test_a_notice_in_force_shows_no_banner(site):
    site.write("27.md", CITED)
    build(site.root, search=False)
    assert "status-banner" not in page(site, "notices/zhengzheng-2016-27.html")


def test_every_derived_block_is_labelled_and_kept_apart_from_the_text(site):
    site.write("64.md", CITING)
    site.write("27.md", CITED)
    build(site.root, search=False)
    html = page(site, "notices/zhengzhengbanwen-2016-64.html")
    assert html.index("</article>") < html.index('<section class="relations"')
    assert ('<section class="relations" aria-labelledby="relations-heading" aria-describedby="relations-note">\n'
            '  <h2 id="relations-heading">关联文件</h2>\n'
            '  <p id="relations-note" class="derived-note">以下关联关系由系统自动提取，仅供参考</p>') in html
    for path in ("cited/index.html", "cited/level-central.html", "cited/guofa-2015-15.html"):
        assert "系统自动提取，仅供参考" in page(site, path), path


def test_an_outside_document_has_a_page_with_its_level_title_status_and_citing_clauses(site):
    for name, text in (("64.md", CITING), ("27.md", CITED)):
        site.write(name, text)
    build(site.root, search=False)
    html = page(site, "cited/zhengzhengban-2011-28.html")
    assert "<title>郑州市人民政府办公厅关于印发郑州市会展业发展专项资金使用管理办法的通知 - 郑州市人民政府公报</title>" in html
    assert '<th scope="row">发文字号</th><td>郑政办〔2011〕28号</td><th scope="row">层级</th><td>郑州市</td>' in html
    assert ('<li><strong>已废止</strong>：2016年08月22日，<a href="../notices/zhengzhengbanwen-2016-64.html#a22">'
            '郑州市人民政府办公厅关于修订印发郑州市会展业发展专项资金管理办法的通知（郑政办文〔2016〕64号）第二十二条</a>'
            '废止该文件</li>') in html
    assert '引用位置：<a href="../notices/zhengzhengbanwen-2016-64.html#a22">第二十二条</a>' in html
    assert '<li><a href="index.html">引用文件索引</a></li>' in html  # breadcrumbs


def test_the_index_groups_cited_documents_by_level(site):
    body = "根据国发〔2016〕6号、豫政〔2014〕31号、郑办〔2016〕3号和人社部发〔2016〕4号。"
    site.write("1.md", notice_text(body=body))
    build(site.root, search=False)
    html = page(site, "cited/index.html")
    headings = re.findall(r'<h2 id="(level-[a-z]+)">([^<]+) <span class="count">（(\d+)）</span></h2>', html)
    assert headings == [("level-central", "中央/国务院", "1"), ("level-province", "河南省", "1"),
                        ("level-city", "郑州市", "1"), ("level-other", "其他", "1")]
    assert '<a class="notice-list-title" href="guofa-2016-6.html">国发〔2016〕6号</a>' in html
    assert '<li><a href="../cited/index.html">引用文件</a></li>' in page(site, "notices/zhengzheng-2016-24.html")
    assert '<a href="cited/index.html">引用文件索引</a> <span class="count">（4）</span>' in page(site, "index.html")


def test_an_empty_level_is_left_out(site):
    site.write("1.md", notice_text(body="根据国发〔2016〕6号。"))
    build(site.root, search=False)
    assert 'id="level-province"' not in page(site, "cited/index.html")
    assert not (site.public / "cited/level-province.html").exists()


def test_long_lists_are_cut_on_the_notice_page_and_paginated_on_the_cited_page(site, monkeypatch):
    monkeypatch.setattr(xref_views, "CITED_BY_LIMIT", 2)
    toml = (site.root / "site.toml").read_text("utf-8")
    (site.root / "site.toml").write_text(re.sub(r"paginate = \d+", "paginate = 2", toml), "utf-8")
    site.write("27.md", CITED)
    for n in range(1, 4):
        site.write(f"{n}.md", notice_text(doc_number=f"郑政办〔2016〕{n}号", title=f"关于第{n}件事的通知",
                                         date=f"2016-09-0{n}", body="根据郑政〔2016〕27号和国发〔2016〕6号。"))
    build(site.root, search=False)
    html = page(site, "notices/zhengzheng-2016-27.html")
    assert section(html, "cited-by-heading").count("<li>") == 2
    assert '<a href="../cited/zhengzheng-2016-27.html">查看全部 3 件引用文件</a>' in html
    first, second = page(site, "cited/guofa-2016-6.html"), page(site, "cited/guofa-2016-6-p2.html")
    assert first.count('class="notice-list-title"') == 2 and second.count('class="notice-list-title"') == 1
    assert '<a href="guofa-2016-6-p2.html" rel="next">下一页</a>' in first


def test_text_from_citations_is_escaped(site):
    site.write("1.md", notice_text(body="根据《<script>alert(1)</script>》（国发〔2016〕6号）。"))
    build(site.root, search=False)
    for path in ("cited/guofa-2016-6.html", "cited/index.html", "notices/zhengzheng-2016-24.html"):
        html = page(site, path)
        assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path


def test_the_api_lists_cites_cited_by_status_and_the_cited_documents(site):
    for name, text in (("64.md", CITING), ("27.md", CITED), ("28.md", OLD)):
        site.write(name, text)
    build(site.root, search=False)
    records = {r["doc_number"]: r for r in json.loads(page(site, "api/notices.json"))}
    assert {k: records["郑政〔2016〕27号"][k] for k in ("cites", "cited_by", "status")} == {
        "cites": [], "cited_by": ["郑政办文〔2016〕64号"], "status": "有效"}
    assert {k: records["郑政办文〔2016〕64号"][k] for k in ("cites", "cited_by", "status")} == {
        "cites": ["国发〔2015〕15号", "郑政〔2016〕27号", "郑政办〔2011〕28号"], "cited_by": [], "status": "有效"}
    assert records["郑政办〔2011〕28号"]["status"] == "已废止"
    detail = json.loads(page(site, "api/notices/zhengzhengban-2011-28.json"))
    assert (detail["repealed_by"], detail["amended_by"]) == (["郑政办文〔2016〕64号"], [])
    detail = json.loads(page(site, "api/notices/zhengzhengbanwen-2016-64.json"))
    assert detail["citations"][1] == {
        "anchor": "a1", "clause": "", "doc_number": "郑政〔2016〕27号", "kind": "cite", "label": "第一条",
        "title": "郑州市人民政府关于加快国家区域性会展中心城市建设的意见", "url": "notices/zhengzheng-2016-27.html"}
    cited = json.loads(page(site, "api/cited.json"))
    assert cited["derived"] == "系统自动提取，仅供参考"
    assert cited["documents"] == [
        {"amended_by": [], "cited_by": ["郑政办文〔2016〕64号"], "doc_number": "国发〔2015〕15号", "in_site": False,
         "level": "中央/国务院", "repealed_by": [], "title": "国务院关于进一步促进展览业改革发展的若干意见",
         "url": "cited/guofa-2015-15.html"},
        {"amended_by": [], "cited_by": ["郑政办文〔2016〕64号"], "doc_number": "郑政〔2016〕27号", "in_site": True,
         "level": "郑州市", "repealed_by": [], "title": "郑州市人民政府关于加快国家区域性会展中心城市建设的意见",
         "url": "notices/zhengzheng-2016-27.html"},
        {"amended_by": [], "cited_by": ["郑政办文〔2016〕64号"], "doc_number": "郑政办〔2011〕28号", "in_site": True,
         "level": "郑州市", "repealed_by": ["郑政办文〔2016〕64号"],
         "title": "郑州市人民政府办公厅关于印发郑州市会展业发展专项资金使用管理办法的通知",
         "url": "notices/zhengzhengban-2011-28.html"},
    ]


def test_a_build_with_citations_is_byte_identical_twice(site, tmp_path):
    for name, text in (("64.md", CITING), ("27.md", CITED), ("28.md", OLD)):
        site.write(name, text)
    build(site.root, search=False)
    build(site.root, output=tmp_path / "again", search=False)
    assert snapshot(tmp_path / "again") == snapshot(site.public)


def test_a_cited_clause_is_named_and_linked(site):
    site.write("27.md", CITED)
    site.write("30.md", notice_text(doc_number="郑政〔2016〕30号", title="关于某事的通知", date="2016-08-30",
                                    body="按照郑政〔2016〕27号第二部分执行。"))
    build(site.root, search=False)
    html = page(site, "notices/zhengzheng-2016-30.html")
    assert '按照<a href="zhengzheng-2016-27.html#s2" class="cite">郑政〔2016〕27号</a>第二部分执行。' in html
    assert '<span class="relation-meta">郑州市 · 引用其第二部分</span>' in section(html, "cites-heading")
