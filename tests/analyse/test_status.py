from site_builder.analyse.status import decide, status
from site_builder.core.model import CitedDocument
from tests.analyse.test_xref import CITED, CITING, library_of
from tests.conftest import notice_text


def document(repealed=(), amended=()) -> CitedDocument:
    return CitedDocument("郑政〔2016〕27号", "zhengzheng-2016-27", "", "郑州市", True, ("x",), tuple(repealed),
                         tuple(amended))


def test_the_editors_word_beats_the_citations_and_a_repeal_beats_an_amendment():
    library = library_of(CITED)
    notice = library.notices["zhengzheng-2016-27"]
    assert decide(notice, None) == "有效"
    assert decide(notice, document(amended=["a"])) == "已修订"
    assert decide(notice, document(repealed=["a"], amended=["b"])) == "已废止"
    stated = library_of(notice_text(doc_number="郑政〔2016〕27号", extra="status: 有效\n"))
    assert decide(stated.notices["zhengzheng-2016-27"], document(repealed=["a"])) == "有效"


def test_pages_and_the_api_read_the_status_the_analysis_decided():
    repealing = CITING.replace("（郑政办〔2011〕28号）同时废止", "（郑政〔2016〕27号）同时废止")
    library = library_of(repealing, CITED)
    assert status(library.notices["zhengzheng-2016-27"], library) == "已废止"
    assert library.xref.status["zhengzheng-2016-27"] == "已废止"
