
from site_builder.analyse import departments as derived
from site_builder.core.config import SiteConfig
from site_builder.analyse.run import assemble
from site_builder.core.model import Library
from site_builder.load.reference_files import parse_departments, parse_topic_scheme
from site_builder.core.slugs import sort_key, unique_slugs
from site_builder.render.views import departments, timeline
from site_builder.render.views.notice import search_filters
from tests.conftest import notice_text

DEPARTMENTS = '[departments]\n"市粮食局" = []\n"市财政局" = []\n[groups]\n"各县（市、区）人民政府" = ["各县（市、区）"]\n'
TOPICS = '["农业、林业、水利"]\n"农业、畜牧业、渔业" = ["粮食"]\n["其他"]\n'


def notice_file(n: int, unit: str = "市财政局") -> bytes:
    body = f"## 一、粮食\n\n### （一）任务{n}\n\n2016年年底前完成。\n\n责任单位：市粮食局、{unit}（列第一位的为牵头单位）\n"
    return notice_text(doc_number=f"郑政〔2016〕{n}号", title=f"关于粮食工作{n}的意见", date=f"2016-08-{n % 28 + 1:02d}",
                       body=body).encode()


def library(count: int, unit: str = "市财政局") -> Library:
    departments, _ = parse_departments("d", DEPARTMENTS)
    scheme, _ = parse_topic_scheme("t", TOPICS)
    found, _ = assemble([(f"{n}.md", notice_file(n, unit)) for n in range(1, count + 1)], departments, scheme)
    return found


def test_search_filters_carry_topics_and_departments():
    found = library(1)
    notice = next(iter(found.notices.values()))
    assert search_filters(notice, found) == {"类型": ["政策文件"], "发文机关": ["郑州市人民政府"], "年份": ["2016"], "文种": ["意见"],
                                             "主题": ["农业、林业、水利"], "部门": ["市财政局", "市粮食局"]}
    assert "主题" not in search_filters(notice)


def test_department_pages_paginate_by_notice_and_list_lead_first():
    found = library(3)
    config = SiteConfig(paginate=2)
    pages = departments.pages(found, config)
    paths = [p.path for p in pages]
    assert paths == ["departments/index.html", "departments/shicaizhengju.html", "departments/shicaizhengju-2.html",
                     "departments/gexianshiqurenminzhengfu.html", "departments/shiliangshiju.html",
                     "departments/shiliangshiju-2.html"]
    grain = pages[4].context
    assert grain["department"]["counts"] == {"lead": 3, "joint": 0, "support": 0, "notices": 3, "deadlines": 3}
    assert [g["doc_number"] for g in grain["groups"]] == ["郑政〔2016〕3号", "郑政〔2016〕2号"]
    assert grain["groups"][0]["roles"][0]["tasks"][0]["url"] == "notices/zhengzheng-2016-3.html#s1-1"
    assert grain["pagination"]["next"] == "departments/shiliangshiju-2.html"
    assert [entry["letter"] for entry in pages[0].context["letters"]] == ["C", "G", "L"]


def test_calendar_per_department_with_dated_limits_only():
    found = library(2)
    files = departments.calendar_files(found, SiteConfig())
    assert sorted(files) == ["departments/shicaizhengju.ics", "departments/shiliangshiju.ics"]
    assert files["departments/shiliangshiju.ics"].count(b"BEGIN:VEVENT") == 2


def test_timeline_paginates_in_date_order():
    found = library(3)
    pages = timeline.timeline_pages(found, SiteConfig(paginate=2))
    assert [p.path for p in pages] == ["timeline.html", "timeline-2.html"]
    first = pages[0].context["groups"][0]["months"][0]
    assert first["heading"] == "2016年12月" and first["entries"][0]["leads"] == [
        {"name": "市粮食局", "url": "departments/shiliangshiju.html"}]


def test_slug_collisions_and_pinyin_order():
    assert unique_slugs(["市发展改革委", "市發展改革委"]) == {"市发展改革委": "shifazhangaigewei",
                                                               "市發展改革委": "shifazhangaigewei-v2"}
    assert sorted(["市粮食局", "市财政局", "市安监局"], key=sort_key) == ["市安监局", "市财政局", "市粮食局"]


def test_unknown_names_are_warnings_on_the_printed_line():
    found = library(1, unit="市财政厅")
    assert [str(d) for d in derived.analyse_departments(found)] == [
        "1.md:14: W621 unknown department '市财政厅' in a list of 责任单位 "
        "(did you mean 市财政局? add '市财政厅' to its aliases in content/departments.toml)"]
