import json

from site_builder.core.config import SiteConfig
from site_builder.render.api.notices import JSON, dump_json, hydrate, notice_pages, producers
from site_builder.render.views import run_all
from tests.analyse.test_xref import CITED, CITING, library_of


def test_json_is_sorted_compact_utf8_with_one_newline():
    assert dump_json({"b": "郑", "a": [1, 2]}) == '{"a":[1,2],"b":"郑"}\n'.encode()


def test_the_list_has_every_notice_newest_first_with_its_status_and_citations():
    library = library_of(CITING, CITED)
    pages = run_all(producers(library, SiteConfig()))
    listing = next(p for p in pages if p.path == "api/notices.json").context["value"]
    assert [(r["doc_number"], r["status"], r["cites"], r["cited_by"]) for r in listing] == [
        ("郑政办文〔2016〕64号", "有效", ["国发〔2015〕15号", "郑政〔2016〕27号", "郑政办〔2011〕28号"], []),
        ("郑政〔2016〕27号", "有效", [], ["郑政办文〔2016〕64号"])]
    assert listing[1]["url"] == "notices/zhengzheng-2016-27.html"
    assert listing[1]["api_url"] == "api/notices/zhengzheng-2016-27.json"
    assert {p.path for p in pages} >= {"api/notices.json", "api/cited.json", "api/topics.json", "api/deadlines.json",
                                       "api/departments.json", "api/interpretations.json"}
    assert [(r["effective"], r["expires"], r["interpretations"], r["amends"], r["amended_by"]) for r in listing] == [
        ("2016-09-01", None, [], [], []), (None, None, [], [], [])]


def test_a_notice_file_gets_its_outline_from_the_fragment():
    library = library_of(CITING, CITED)
    page = notice_pages(library, SiteConfig(), library.notices["zhengzheng-2016-27"])[0]
    assert page.template == JSON and page.context["fragment"] == library.extracts["zhengzheng-2016-27"].fragment

    class Fragment:
        outline = ()

    value = hydrate(page.context, Fragment())["value"]
    assert value["outline"] == [] and value["schema_version"] == 2 and value["repealed_by"] == []
    assert json.loads(dump_json(value))["title"] == "关于加快国家区域性会展中心城市建设的意见"
