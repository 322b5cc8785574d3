import json

import pytest

from site_builder.build import build
from site_builder.core.diagnostics import BuildError
from tests.conftest import notice_text

BODY = """为落实粮食安全责任，提出如下意见。

## 一、明确责任

### （一）健全应急体系

2017年年底前各地要建成粮食应急供应保障体系。

责任单位：市粮食局、市发改委、财政局、市粮食储备办（列第一位的为牵头单位，下同）

### （二）加强监测

每季度向市发展改革委报送工作进展情况。

责任单位：市粮食局、市统计局
"""


def test_build_files_departments_topics_and_deadlines(site):
    site.write("24.md", notice_text(body=BODY))
    result = build(site.root, search=False)
    assert [str(d) for d in result.diagnostics if d.code.startswith("W62")] == [
        "content/notices/24.md:16: W621 unknown department '市粮食储备办' in a list of 责任单位 "
        "(did you mean 市粮食局? add '市粮食储备办' to its aliases in content/departments.toml)"]
    record = json.loads((site.public / "api/notices/zhengzheng-2016-24.json").read_text("utf-8"))
    assert record["topics"] == ["农业、林业、水利\\农业、畜牧业、渔业"]
    assert record["departments"][:3] == [{"name": "市粮食局", "role": "牵头", "anchor": "s1-1"},
                                         {"name": "市发展改革委", "role": "配合", "anchor": "s1-1"},
                                         {"name": "市财政局", "role": "配合", "anchor": "s1-1"}]
    page = (site.public / "departments/shiliangshiju.html").read_text("utf-8")
    assert '<a href="../notices/zhengzheng-2016-24.html#s1-1">一（一） 健全应急体系</a>' in page
    assert '<a href="shiliangshiju.ics" type="text/calendar">' in page
    ics = (site.public / "departments/shiliangshiju.ics").read_bytes()
    assert b"DTSTART;VALUE=DATE:20171231\r\n" in ics
    timeline = (site.public / "timeline.html").read_text("utf-8")
    assert "2017年年底前" in timeline and "每季度" in timeline
    notice = (site.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert '<a href="../topics/nongye-linye-shuili/nongye-xumuye-yuye.html">' in notice
    assert '<h2 id="duties-heading">责任分工与时限</h2>' in notice
    for path in ("topics/index.html", "topics/nongye-linye-shuili.html", "years/2016.html", "types/yijian.html",
                 "issuers/zhengzhoushirenminzhengfu.html", "api/departments.json", "api/topics.json",
                 "api/deadlines.json", "departments/index.html"):
        assert (site.public / path).is_file(), path


def test_many_places_of_one_unknown_name_are_summarised(site):
    lines = "\n\n".join(f"### （{n}）任务\n\n责任单位：市无名局" for n in "一二三四五")
    site.write("24.md", notice_text(body=f"## 一、任务\n\n{lines}\n"))
    found = [(d.code, d.message) for d in build(site.root, search=False).diagnostics if d.code.startswith("W62")]
    assert found == [("W621", "unknown department '市无名局' in a list of 责任单位")] * 3 + [
        ("W622", "unknown department '市无名局' appears in 2 more places")]


def test_front_matter_topics_override_the_rules(site):
    site.write("24.md", notice_text(body=BODY, extra="topics: [林业]\n"))
    build(site.root, search=False)
    record = json.loads((site.public / "api/notices.json").read_text("utf-8"))[0]
    assert record["topics"] == ["农业、林业、水利\\林业"]


def test_an_unknown_front_matter_topic_fails_the_build(site):
    site.write("24.md", notice_text(body=BODY, extra="topics: [林叶]\n"))
    with pytest.raises(BuildError) as caught:
        build(site.root, search=False)
    assert [str(d) for d in caught.value.diagnostics if d.is_error] == [
        "content/notices/24.md:6: E631 unknown topic (主题分类) '林叶' (did you mean '农业、林业、水利\\林业'?)"]


def test_a_broken_departments_file_fails_the_build_before_anything_is_written(site):
    site.write("24.md", notice_text(body=BODY))
    (site.root / "content/departments.toml").write_text('[departments]\n"市粮食局" = "x"\n', "utf-8")
    with pytest.raises(BuildError, match="E603"):
        build(site.root, search=False)
    assert not site.public.exists()
