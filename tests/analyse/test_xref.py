from site_builder.analyse import xref
from site_builder.extract.citations import find_citations
from site_builder.core.docnum import parse_doc_number
from site_builder.analyse.run import assemble, fragment_of
from site_builder.core.config import SiteConfig
from site_builder.render.views.notice import hydrate, notice_page
from site_builder.core.model import Library, Reference
from tests.conftest import notice_text

CITED = notice_text(doc_number="郑政〔2016〕27号", title="关于加快国家区域性会展中心城市建设的意见", date="2016-08-18",
                    body="## 一、总体要求\n\n正文。\n\n## 二、发展目标\n\n正文。\n")
CITING = notice_text(
    doc_number="郑政办文〔2016〕64号", title="关于修订印发郑州市会展业发展专项资金管理办法的通知", date="2016-08-22",
    issuer="郑州市人民政府办公厅",
    body="""
    我市对原《郑州市会展业发展专项资金使用管理办法》进行了修订，现印发给你们。

    ## 第一章 总 则

    第一条 根据《国务院关于进一步促进展览业改革发展的若干意见》（国发〔2015〕15号）和《郑州市人民政府关于加快国家区域性会展中心城市建设的意见》（郑政〔2016〕27号），制定本办法。

    第二十二条 本办法自2016年9月1日起施行。《郑州市人民政府办公厅关于印发郑州市会展业发展专项资金使用管理办法的通知》（郑政办〔2011〕28号）同时废止。
    """)


def library_of(*texts: str, scheme=None) -> Library:
    """Load, extract and analyse inline notices as the build does, without touching the filesystem."""
    files = [(f"content/notices/{i}.md", text.encode("utf-8")) for i, text in enumerate(texts)]
    library, diagnostics = assemble(files, scheme=scheme)
    assert len(library.notices) == len(texts), diagnostics
    return library


def test_every_citation_knows_its_citing_clause_title_and_kind():
    library = library_of(CITING, CITED)
    assert library.xref.references["zhengzhengbanwen-2016-64"] == (
        Reference("zhengzhengbanwen-2016-64", "国发〔2015〕15号", "国务院关于进一步促进展览业改革发展的若干意见", "cite",
                  "a1", "第一条", 12),
        Reference("zhengzhengbanwen-2016-64", "郑政〔2016〕27号", "郑州市人民政府关于加快国家区域性会展中心城市建设的意见",
                  "cite", "a1", "第一条", 12),
        Reference("zhengzhengbanwen-2016-64", "郑政办〔2011〕28号",
                  "郑州市人民政府办公厅关于印发郑州市会展业发展专项资金使用管理办法的通知", "repeal", "a22", "第二十二条", 14),
    )


def test_revising_a_document_and_repealing_its_notice_are_told_apart():
    # 64号 修订 the 2011 办法 (named without a 文号) and 废止 the 2011 notice 郑政办〔2011〕28号: repealed, not amended.
    library = library_of(CITING, CITED)
    old = library.xref.documents["郑政办〔2011〕28号"]
    assert (old.repealed_by, old.amended_by, old.in_site) == (("zhengzhengbanwen-2016-64",), (), False)
    cited = library.xref.documents["郑政〔2016〕27号"]
    assert (cited.cited_by, cited.repealed_by, cited.amended_by, cited.in_site) == (
        ("zhengzhengbanwen-2016-64",), (), (), True)
    assert library.xref.status == {"zhengzheng-2016-27": "有效", "zhengzhengbanwen-2016-64": "有效"}


def test_a_repealed_or_amended_site_notice_takes_that_status():
    old = notice_text(doc_number="郑政办〔2011〕28号", title="关于印发郑州市会展业发展专项资金使用管理办法的通知",
                      date="2011-04-28")
    amended = notice_text(doc_number="郑政〔2015〕1号", title="关于甲的意见", date="2015-01-01")
    amending = notice_text(doc_number="郑政〔2016〕2号", title="关于修改甲的决定", date="2016-01-01",
                           body="对《郑州市人民政府关于甲的意见》（郑政〔2015〕1号）作如下修改：")
    library = library_of(CITING, CITED, old, amended, amending)
    assert library.xref.status["zhengzhengban-2011-28"] == "已废止"
    assert library.xref.status["zhengzheng-2015-1"] == "已修改"
    assert library.xref.documents["郑政〔2015〕1号"].amended_by == ("zhengzheng-2016-2",)


def test_the_front_matter_status_overrides_the_citations_and_a_contradiction_is_reported():
    old = notice_text(doc_number="郑政办〔2011〕28号", title="关于印发办法的通知", date="2011-04-28",
                      extra="status: 有效\n")
    library = library_of(CITING, CITED, old)
    assert library.xref.status["zhengzhengban-2011-28"] == "有效"
    assert [str(d) for d in xref.check(library)] == [
        "content/notices/2.md:6: W302 status (效力) is 有效 but 郑政办文〔2016〕64号 repeals it (废止); the front matter "
        "wins (remove 'status' to let the dates and citations decide)"]
    expired = notice_text(doc_number="郑政办〔2011〕28号", title="关于印发办法的通知", date="2011-04-28",
                          extra="status: 失效\n")  # read as 已失效
    library = library_of(CITING, CITED, expired)
    assert library.xref.status["zhengzhengban-2011-28"] == "已失效"
    assert xref.check(library) == []


def test_cited_by_is_newest_first_and_names_each_notice_once():
    first = notice_text(doc_number="郑政〔2016〕1号", title="甲", date="2016-01-01",
                        body="根据国发〔2016〕6号。\n\n## 一、要求\n\n落实国发〔2016〕6号。")
    second = notice_text(doc_number="郑政〔2016〕2号", title="乙", date="2016-02-01", body="根据国发〔2016〕6号。")
    library = library_of(first, second)
    assert [(r.source, r.anchor, r.label) for r in library.xref.cited["国发〔2016〕6号"]] == [
        ("zhengzheng-2016-2", "", ""), ("zhengzheng-2016-1", "", ""), ("zhengzheng-2016-1", "s1", "一")]
    assert library.xref.documents["国发〔2016〕6号"].cited_by == ("zhengzheng-2016-2", "zhengzheng-2016-1")


def test_documents_are_in_doc_number_order_with_their_level():
    body = "根据郑办〔2016〕3号、豫政〔2014〕31号、国发〔2016〕6号、中发〔2012〕6号、人社部发〔2016〕4号和国发〔2015〕15号。"
    library = library_of(notice_text(body=body))
    assert [(d.doc_number, d.level) for d in library.xref.documents.values()] == [
        ("中发〔2012〕6号", "中央/国务院"), ("人社部发〔2016〕4号", "其他"), ("国发〔2015〕15号", "中央/国务院"),
        ("国发〔2016〕6号", "中央/国务院"), ("豫政〔2014〕31号", "河南省"), ("郑办〔2016〕3号", "郑州市")]


def test_the_title_most_citations_give_wins_and_a_tie_goes_to_the_earliest():
    def citing(number, day, title):
        return notice_text(doc_number=f"郑政〔2016〕{number}号", title="关于某事的通知", date=f"2016-08-{day:02d}",
                           body=f"根据《{title}》（国发〔2016〕6号）。")

    library = library_of(citing(1, 1, "甲"), citing(2, 2, "乙"), citing(3, 3, "乙"))
    assert library.xref.documents["国发〔2016〕6号"].title == "乙"
    library = library_of(citing(2, 2, "乙"), citing(1, 1, "甲"))
    assert library.xref.documents["国发〔2016〕6号"].title == "甲"
    library = library_of(notice_text(body="根据国发〔2016〕6号。"))
    assert library.xref.documents["国发〔2016〕6号"].title == ""


def test_a_notice_naming_itself_is_not_a_citation():
    library = library_of(notice_text(body="现将郑政〔2016〕24号印发给你们。"))
    assert library.xref.references == {"zhengzheng-2016-24": ()}
    assert library.xref.documents == {}


def test_the_resolver_links_site_notices_their_clauses_and_outside_documents():
    library = library_of(CITED)
    resolve = xref.resolver(library)

    def link(text):
        return resolve(find_citations(text)[0])

    assert link("郑政〔2016〕27号") == "zhengzheng-2016-27.html"
    assert link("郑政〔2016〕27号第二部分") == "zhengzheng-2016-27.html#s2"
    assert link("郑政〔2016〕27号第九部分") == "zhengzheng-2016-27.html"  # no such clause: the notice's top
    assert link("国发〔2016〕6号") == "../cited/guofa-2016-6.html"


def test_the_body_links_the_cited_clause_when_the_cited_notice_has_it():
    citing = notice_text(doc_number="郑政〔2016〕30号", title="关于某事的通知", date="2016-08-30",
                         body="根据郑政〔2016〕27号第一部分和郑政〔2016〕27号第九部分。")
    library = library_of(citing, CITED)
    notice = library.notices["zhengzheng-2016-30"]
    page = notice_page(notice, library, SiteConfig())
    html = hydrate(page.context, fragment_of("content/notices/0.md", citing.encode(), library), notice)["body_html"]
    assert '<a href="zhengzheng-2016-27.html#s1" class="cite">郑政〔2016〕27号</a>第一部分' in html
    assert '<a href="zhengzheng-2016-27.html" class="cite">郑政〔2016〕27号</a>第九部分' in html


def test_a_missing_clause_is_warned_about():
    citing = notice_text(doc_number="郑政〔2016〕30号", title="关于某事的通知", date="2016-08-30",
                         body="根据郑政〔2016〕27号第九部分和国发〔2016〕1号第九部分。")
    library = library_of(citing, CITED)
    assert [str(d) for d in xref.check(library)] == [
        "content/notices/0.md:8: W301 郑政〔2016〕27号 has no clause 第九部分; the link goes to the notice "
        "(check the clause named after the 文号)"]
    assert library.xref.references["zhengzheng-2016-30"][0].target_anchor == ""


def test_a_cited_clause_that_exists_is_recorded():
    citing = notice_text(doc_number="郑政〔2016〕30号", title="关于某事的通知", date="2016-08-30",
                         body="根据郑政〔2016〕27号第二部分。")
    ref = library_of(citing, CITED).xref.references["zhengzheng-2016-30"][0]
    assert (ref.clause, ref.target_anchor) == ("第二部分", "s2")


def test_level_by_prefix():
    levels = {text: xref.level(parse_doc_number(text)) for text in (
        "国发〔2016〕6号", "国办发〔2015〕51号", "中发〔2012〕6号", "豫政办明电〔2016〕122号", "郑政办文〔2016〕64号",
        "郑信用〔2015〕3号", "财预〔2016〕1号")}
    assert levels == {"国发〔2016〕6号": "中央/国务院", "国办发〔2015〕51号": "中央/国务院", "中发〔2012〕6号": "中央/国务院",
                      "豫政办明电〔2016〕122号": "河南省", "郑政办文〔2016〕64号": "郑州市", "郑信用〔2015〕3号": "郑州市",
                      "财预〔2016〕1号": "其他"}
