from site_builder.core.vocabulary import DERIVED_NOTE
from site_builder.render.api.citations import cited_file, notice_detail_fields, notice_fields
from tests.analyse.test_xref import CITED, CITING, library_of


def test_each_notice_lists_what_it_cites_and_what_cites_it():
    library = library_of(CITING, CITED)
    assert notice_fields(library.notices["zhengzheng-2016-27"], library) == {
        "cites": [], "cited_by": ["郑政办文〔2016〕64号"]}
    detail = notice_detail_fields(library.notices["zhengzhengbanwen-2016-64"], library)
    assert [(c["doc_number"], c["kind"], c["label"], c["url"]) for c in detail["citations"]] == [
        ("国发〔2015〕15号", "cite", "第一条", "cited/guofa-2015-15.html"),
        ("郑政〔2016〕27号", "cite", "第一条", "notices/zhengzheng-2016-27.html"),
        ("郑政办〔2011〕28号", "repeal", "第二十二条", "cited/zhengzhengban-2011-28.html")]


def test_the_cited_file_is_marked_as_derived_and_knows_who_repeals_what():
    library = library_of(CITING, CITED)
    found = cited_file(library)
    assert found["derived"] == DERIVED_NOTE
    repealed = next(d for d in found["documents"] if d["doc_number"] == "郑政办〔2011〕28号")
    assert repealed == {"doc_number": "郑政办〔2011〕28号", "title": "郑州市人民政府办公厅关于印发郑州市会展业发展专项资金使用管理办法的通知",
                        "level": "郑州市", "url": "cited/zhengzhengban-2011-28.html", "in_site": False,
                        "cited_by": ["郑政办文〔2016〕64号"], "repealed_by": ["郑政办文〔2016〕64号"], "amended_by": []}
