import json

from site_builder.core.model import Department
from site_builder.core.vocabulary import DERIVED_NOTE
from site_builder.analyse.run import assemble
from site_builder.render.api.facets import notice_fields, producers
from site_builder.render.api.notices import dump_json
from tests.conftest import notice_text

DEPARTMENTS = {"市财政局": Department("市财政局", "department", slug="shicaizhengju"),
               "市商务局": Department("市商务局", "department", slug="shishangwuju")}
TEXT = notice_text(body="## 一、任务\n\n2017年6月底前完成。\n\n责任单位：市财政局、市商务局")


def files(library) -> dict[str, dict]:
    return {path: json.loads(data) for make in producers(library, dump_json) for path, data in make().items()}


def test_each_department_gets_a_file_of_its_tasks_and_the_index_lists_them_all():
    library, _ = assemble([("content/notices/24.md", TEXT.encode())], DEPARTMENTS)
    found = files(library)
    assert sorted(found) == ["api/deadlines.json", "api/departments.json", "api/departments/shicaizhengju.json",
                             "api/departments/shishangwuju.json", "api/topics.json"]
    assert all(value["derived"] == DERIVED_NOTE for value in found.values())
    tasks = found["api/departments/shicaizhengju.json"]["tasks"]
    assert [(t["doc_number"], t["label"], t["role"]) for t in tasks] == [("郑政〔2016〕24号", "一", "负责")]  # two named, no lead stated: jointly
    assert [d["due"] for d in tasks[0]["deadlines"]] == ["2017-06-30"]
    assert [d["name"] for d in found["api/departments.json"]["departments"]] == ["市财政局", "市商务局"]


def test_a_notice_record_names_its_departments_and_topics():
    library, _ = assemble([("content/notices/24.md", TEXT.encode())], DEPARTMENTS)
    fields = notice_fields(library.notices["zhengzheng-2016-24"], library)
    assert [(d["name"], d["role"]) for d in fields["departments"]] == [("市财政局", "负责"), ("市商务局", "负责")]
    assert fields["topics"] == ["其他"]
