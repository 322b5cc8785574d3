"""The departments issue's acceptance checks, on the embedded gazette (content/ of this repository)."""

import json

import pytest

from site_builder.build import build
from tests.conftest import copy_embedded_site


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    root = tmp_path_factory.mktemp("embedded")
    copy_embedded_site(root)
    result = build(root, search=False)
    return result, root / "public"


def api(public, name):
    return json.loads((public / "api" / name).read_text("utf-8"))


def department(public, name):
    entry = next(d for d in api(public, "departments.json")["departments"] if d["name"] == name)
    return json.loads((public / entry["api_url"]).read_text("utf-8"))


def test_no_unknown_department_names(embedded):
    result, _ = embedded
    assert [str(d) for d in result.diagnostics if d.code in ("W621", "W622")] == []


def test_grain_bureau_leads_tasks_in_24_with_deep_links(embedded):
    _, public = embedded
    grain = department(public, "市粮食局")
    leads = [t for t in grain["tasks"] if t["doc_number"] == "郑政〔2016〕24号" and t["role"] == "牵头"]
    assert len(leads) >= 15
    assert {"anchor": "s7-20", "label": "七（二十）", "task": "健全粮食应急供应保障体系",
            "url": "notices/zhengzheng-2016-24.html#s7-20"}.items() <= next(
        t for t in leads if t["anchor"] == "s7-20").items()
    page = (public / grain["url"]).read_text("utf-8")
    for task in leads:
        assert f'href="../{task["url"]}"' in page
    notice = (public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert all(f'id="{t["anchor"]}"' in notice for t in leads)


def test_short_and_long_names_are_one_department(embedded):
    _, public = embedded
    names = [d["name"] for d in api(public, "departments.json")["departments"]]
    assert "市发展改革委" in names and "市发改委" not in names
    ndrc = department(public, "市发展改革委")
    assert "市发改委" in ndrc["aliases"]
    # 郑政办〔2016〕47号 lists "市发展改革委、财政局、国土资源局…" in its table: the shared prefix expands
    table = {t["department"] for t in _tasks_of(public, "郑政办〔2016〕47号")}
    assert {"市发展改革委", "市财政局", "市国土资源局", "市规划局"} <= table


def _tasks_of(public, doc_number):
    return [{**t, "department": d["name"]} for entry in api(public, "departments.json")["departments"]
            for d in [department(public, entry["name"])] for t in d["tasks"] if t["doc_number"] == doc_number]


def test_county_governments_are_a_group_page(embedded):
    _, public = embedded
    counties = next(d for d in api(public, "departments.json")["departments"] if d["name"] == "各县（市、区）人民政府")
    assert counties["kind"] == "group" and counties["counts"]["notices"] >= 5


def test_every_notice_has_a_topic(embedded):
    _, public = embedded
    records = api(public, "notices.json")
    assert len(records) == 27
    assert all(record["topics"] for record in records)
    grain = next(r for r in records if r["doc_number"] == "郑政〔2016〕24号")
    assert grain["topics"] == ["农业、林业、水利\\农业、畜牧业、渔业"]


def test_timeline_shows_2016_and_2017_deadlines(embedded):
    _, public = embedded
    dues = {d["due"][:4] for d in api(public, "deadlines.json")["deadlines"] if d["due"]}
    assert {"2016", "2017"} <= dues
    timeline = "".join(p.read_text("utf-8") for p in sorted(public.glob("timeline*.html")))
    assert '<h2 id="y2016-12">2016年12月</h2>' in timeline and '<h2 id="y2017-12">2017年12月</h2>' in timeline


def test_indexes_by_year_type_and_issuer(embedded):
    _, public = embedded
    years = (public / "years/2016.html").read_text("utf-8")
    assert "共 27 件" in years
    assert "郑政办文〔2016〕64号" in (public / "types/banfa.html").read_text("utf-8")
    assert "共 11 件" in (public / "issuers/zhengzhoushirenminzhengfu.html").read_text("utf-8")
