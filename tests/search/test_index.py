import json
import os
import time
from datetime import date
from pathlib import Path

import pytest

from site_builder.search import index as search
from site_builder.build import build
from site_builder.core.diagnostics import BuildError
from site_builder.core.docnum import DocNumber
from site_builder.core.model import Library, Notice
from site_builder.render.views.search import notice_search, search_plan
from tests.conftest import notice_text, snapshot


def make_notice(doc: str, day: date) -> Notice:
    prefix, rest = doc.split("〔")
    year, number = rest.rstrip("号").split("〕")
    return Notice(path=f"content/notices/{number}.md", doc_number=DocNumber(prefix, int(year), int(number)),
                  issuer="郑州市人民政府", title="关于测试的通知", date=day, body="正文。", body_line=7)


def test_a_notice_is_sharded_by_the_year_of_its_date_not_of_its_doc_number():
    library = Library()
    for doc, day in [("郑政〔2016〕24号", date(2016, 8, 1)), ("郑政〔2015〕90号", date(2016, 1, 5)),
                     ("郑政〔2014〕3号", date(2014, 2, 1))]:
        library.add(make_notice(doc, day))
    assert search_plan(library) == {
        "2014": ["notices/zhengzheng-2014-3.html"],
        "2016": ["notices/zhengzheng-2015-90.html", "notices/zhengzheng-2016-24.html"],
    }


def test_a_big_year_is_cut_into_runs_of_months_and_a_big_month_by_count():
    library = Library()
    days = [date(2025, 1, 3), date(2025, 1, 9), date(2025, 2, 1), date(2025, 3, 1), date(2025, 3, 2),
            date(2025, 3, 3), date(2025, 3, 4), date(2025, 4, 1), date(2024, 6, 1)]
    for number, day in enumerate(days, start=1):
        library.add(make_notice(f"郑政〔{day.year}〕{number}号", day))
    plan = search_plan(library, limit=3)
    assert {shard: [p.split("-")[-1] for p in paths] for shard, paths in plan.items()} == {
        "2024": ["9.html"],
        "2025-01": ["1.html", "2.html", "3.html"],
        "2025-03-01": ["4.html", "5.html", "6.html"],
        "2025-03-02": ["7.html"],
        "2025-04": ["8.html"],
    }
    assert list(plan) == sorted(plan)  # names sort in date order, which the search page's date sort relies on


def test_a_result_carries_its_force_only_when_it_is_not_in_force():
    notice = make_notice("郑政〔2016〕24号", date(2016, 8, 1))
    assert notice_search(notice, {}, "有效")["meta"] == [
        ("文号", "郑政〔2016〕24号"), ("成文日期", "2016年08月01日"), ("发文机关", "郑州市人民政府")]
    assert notice_search(notice, {}, "已废止")["meta"][-1] == ("效力", "已废止")


def test_shards_run_in_parallel_only_while_they_fit_the_memory_budget():
    assert search.parallel_runs({"2015": ["p"] * 800, "2016": ["p"] * 900}, cpus=2) == 2
    assert search.parallel_runs({"2015": ["p"] * 800, "2016": ["p"] * 1500}, cpus=2) == 1
    assert search.parallel_runs({"2016": ["p"] * 10}, cpus=1) == 1


def test_the_manifest_digest_follows_the_pages_of_its_shard_only():
    plan = {"2015": ["notices/a.html"], "2016": ["notices/b.html"]}
    before = json.loads(search.plan_manifest(plan, {"notices/a.html": "sha-a", "notices/b.html": "sha-b"}))
    after = json.loads(search.plan_manifest(plan, {"notices/a.html": "sha-a", "notices/b.html": "sha-B"}))
    assert before["format"] == search.INDEX_FORMAT
    assert before["shards"]["2015"] == after["shards"]["2015"]
    assert before["shards"]["2016"]["digest"] != after["shards"]["2016"]["digest"]
    assert after["shards"]["2016"]["pages"] == 1


def test_only_changed_or_missing_shards_are_indexed():
    plan = {"2014": [], "2015": [], "2016": []}
    old = {"format": search.INDEX_FORMAT, "shards": {"2014": {"digest": "x"}, "2015": {"digest": "y"},
                                                      "2016": {"digest": "z"}}}
    new = {"format": search.INDEX_FORMAT, "shards": {"2014": {"digest": "x"}, "2015": {"digest": "Y"},
                                                      "2016": {"digest": "z"}}}
    published = {"2014", "2015"}
    assert search.shards_to_index(plan, new, old, published, None) == ["2015", "2016"]
    assert search.shards_to_index(plan, new, old, {"2014", "2015", "2016"}, ["2014"]) == ["2014"]
    assert search.shards_to_index(plan, new, {**old, "format": 0}, {"2014", "2015", "2016"}, None) == [
        "2014", "2015", "2016"]


def test_the_command_indexes_one_shard_folder_in_chinese_without_clause_links():
    assert search.index_command(Path("/bin/pagefind"), Path("/tmp/farm"), Path("/site/pagefind/2016")) == [
        "/bin/pagefind", "--site", "/tmp/farm", "--output-path", "/site/pagefind/2016", "--force-language", "zh",
        "--exclude-selectors", ".clause-link", "--quiet"]


def years_site(site):
    site.write("a.md", notice_text(doc_number="郑政〔2014〕3号", date="2014-02-01", title="关于粮食收购的通知",
                                   body="市粮食局负责。"))
    site.write("b.md", notice_text(doc_number="郑政〔2015〕90号", date="2016-01-05", title="关于会展业的意见",
                                   body="市会展办负责。"))
    site.write("c.md", notice_text(doc_number="郑政〔2016〕24号", date="2016-08-01", body="市农委负责。"))
    return site


def test_a_build_writes_one_bundle_per_year_and_the_manifest(site):
    build(years_site(site).root)
    public = site.public
    manifest = json.loads((public / search.MANIFEST).read_text("utf-8"))
    assert sorted(manifest["shards"]) == ["2014", "2016"]
    assert manifest["shards"]["2016"]["pages"] == 2
    for year in ("2014", "2016"):
        assert (public / "pagefind" / year / "pagefind-entry.json").is_file()
        assert (public / "pagefind" / year / "pagefind.js").is_file()
    assert 'data-shards="../pagefind/2016/ ../pagefind/2014/"' in (public / "search/index.html").read_text("utf-8")


def test_an_edit_indexes_its_own_shard_again_and_carries_the_others_over(site):
    build(years_site(site).root)
    entry = {year: os.stat(site.public / "pagefind" / year / "pagefind-entry.json").st_ino
             for year in ("2014", "2016")}
    site.write("c.md", notice_text(doc_number="郑政〔2016〕24号", date="2016-08-01", body="市农委、市财政局负责。"))
    build(site.root)
    assert os.stat(site.public / "pagefind/2014/pagefind-entry.json").st_ino == entry["2014"]
    assert os.stat(site.public / "pagefind/2016/pagefind-entry.json").st_ino != entry["2016"]


def test_index_site_can_be_told_which_shards_to_index(site, tmp_path):
    build(years_site(site).root)
    staging = tmp_path / "staging"
    for rel, _ in _files(site.public):
        if not rel.startswith("pagefind/") or rel == search.MANIFEST:
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((site.public / rel).read_bytes())
    plan = {"2014": ["notices/zhengzheng-2014-3.html"],
            "2016": ["notices/zhengzheng-2015-90.html", "notices/zhengzheng-2016-24.html"]}
    report = search.index_site(staging, plan, site.public, refresh=["2016"])
    assert (report.indexed, report.reused) == (("2016",), ("2014",))
    assert str(report) == "1 shard(s) indexed, 1 unchanged"
    assert snapshot(staging / "pagefind/2014") == snapshot(site.public / "pagefind/2014")


def test_a_failing_indexer_fails_the_build_and_leaves_the_site_as_it_was(site, monkeypatch):
    build(years_site(site).root)
    before = snapshot(site.public)
    site.write("c.md", notice_text(doc_number="郑政〔2016〕24号", date="2016-08-01", body="改过。"))
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    with pytest.raises(BuildError) as caught:
        build(site.root)
    assert [str(d) for d in caught.value.diagnostics] == [
        "pagefind/2016:1: E502 search indexing failed (Pagefind exited with status 1) "
        "(build with --no-search to publish without search)"]
    assert snapshot(site.public) == before
    # The cache was saved before the failed publish, the stamp was not: the next build publishes the edit.
    monkeypatch.undo()
    result = build(site.root)
    assert result.report.swapped and "改过" in (site.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert build(site.root).report.swapped is False  # and then there is nothing left to do


def test_two_builds_of_the_same_input_index_byte_identically(site, tmp_path):
    build(years_site(site).root)
    build(site.root, output=tmp_path / "again")
    assert snapshot(tmp_path / "again") == snapshot(site.public)


def test_a_shard_is_indexed_as_soon_as_its_last_page_is_staged(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    monkeypatch.setattr(search, "_index_shard", lambda binary, staging, shard, paths, begun: started.append(shard))
    early = search.EarlyIndex(tmp_path, tmp_path / "published")
    plan = {"2015": ["notices/a.html"], "2016": ["notices/b.html", "notices/c.html"]}
    early.start(plan, {"notices/a.html": "1", "notices/b.html": "2", "notices/c.html": "3"})
    early.staged(["notices/b.html", "index.html"])
    assert early.runs == {}
    early.staged(["notices/c.html", "notices/a.html"])
    [run.result() for run in early.runs.values()]
    assert started == ["2016", "2015"]  # one run at a time, in the order they became ready
    early.cancel()


def test_an_edits_build_begins_its_shard_while_it_renders_and_indexes_as_a_cold_build(site, tmp_path, monkeypatch):
    begun = []
    finish = search.EarlyIndex.finish
    monkeypatch.setattr(search.EarlyIndex, "finish", lambda self, *args: begun.append(sorted(self.runs))
                        or finish(self, *args))
    build(years_site(site).root)
    site.write("c.md", notice_text(doc_number="郑政〔2016〕24号", date="2016-08-01", body="改过。"))
    build(site.root)
    # A cold build indexes after its render (CPU-bound, it gains nothing); the edit's shard went to Pagefind
    # before the render step ended.
    assert begun == [[], ["2016"]]
    build(site.root, output=tmp_path / "cold")
    assert snapshot(tmp_path / "cold") == snapshot(site.public)


def test_a_build_that_fails_while_a_shard_is_indexed_stops_the_indexer_and_changes_nothing(site, monkeypatch):
    from site_builder.core.diagnostics import Diagnostic
    from site_builder.publish import folders, pages

    build(years_site(site).root)
    before = snapshot(site.public)
    site.write("c.md", notice_text(doc_number="郑政〔2016〕24号", date="2016-08-01", body="改过。"))
    monkeypatch.setattr(search, "index_command", lambda binary, farm, bundle: ["sleep", "60"])  # until killed
    made = []
    monkeypatch.setattr(search.EarlyIndex, "start", lambda self, *args, start=search.EarlyIndex.start: (
        made.append(self), start(self, *args))[1])

    def failing(*args):  # the render step fails once every page is staged, while the 2016 shard is indexed
        deadline = time.monotonic() + 10
        while not made[0].processes and time.monotonic() < deadline:
            time.sleep(0.05)
        raise BuildError([Diagnostic("templates/feed.xml", 1, "E410", "template error: boom")])

    monkeypatch.setattr(pages, "feed_context", failing)
    with pytest.raises(BuildError):
        build(site.root)
    [early] = made
    assert list(early.runs) == ["2016"] and early.processes  # its index run had begun
    assert all(process.returncode is not None for process in early.processes)  # and was stopped
    assert snapshot(site.public) == before
    assert not folders.state_paths(site.public)[0].exists()  # no staging folder left


def test_a_notice_page_gives_pagefind_its_text_metadata_filters_and_sort(site):
    site.write("c.md", notice_text(doc_number="郑政办文〔2016〕64号", date="2016-08-22", issuer="郑州市人民政府办公厅",
                                   title="关于修订印发郑州市会展业发展专项资金管理办法的通知",
                                   body="根据郑政〔2016〕27号，制定本办法。\n\n责任单位：市会展办、市财政局"))
    build(site.root, search=False)
    html = (site.public / "notices/zhengzhengbanwen-2016-64.html").read_text("utf-8")
    assert '<article class="notice" aria-labelledby="notice-title" data-pagefind-body>' in html
    assert '<table class="notice-meta" data-pagefind-ignore>' in html
    fields = html[html.index('<div class="search-fields" hidden>'):]
    for line in ['<span data-pagefind-meta="文号">郑政办文〔2016〕64号</span>',
                 '<span data-pagefind-meta="成文日期">2016年08月22日</span>',
                 '<span data-pagefind-meta="发文机关">郑州市人民政府办公厅</span>',
                 '<span data-pagefind-filter="发文机关">郑州市人民政府办公厅</span>',
                 '<span data-pagefind-filter="年份">2016</span>',
                 '<span data-pagefind-filter="文种">通知</span>',
                 '<span data-pagefind-sort="date">2016-08-22</span>',
                 '<span data-pagefind-meta="文号检索">wh90d1653f529e6587y2016n64z wy2016n64z wn64z</span>',
                 '<span data-pagefind-meta="引用检索">wh90d1653fy2016n27z wy2016n27z wn27z</span>']:
        assert line in fields, line
    assert fields.index("</div>") > fields.index('data-pagefind-meta="字"')


def test_the_search_page_links_the_indexes_without_javascript_and_is_in_the_nav(site):
    build(years_site(site).root, search=False)
    html = (site.public / "search/index.html").read_text("utf-8")
    noscript = html[html.index("<noscript>"):html.index("</noscript>")]
    assert "站内搜索需要启用 JavaScript" in noscript and '<a href="../notices/index.html">全部文件</a>' in noscript
    assert '<script src="../pagefind/2016/pagefind-ui.js" defer></script>' in html
    assert 'data-engine="../assets/pagefind-shards/"' in html
    home = (site.public / "index.html").read_text("utf-8")
    assert '<li><a href="search/index.html">搜索</a></li>' in home
    assert 'action="search/index.html"' in home


def _files(folder: Path):
    return [(p.relative_to(folder).as_posix(), p) for p in sorted(folder.rglob("*")) if p.is_file()]


def test_the_build_frees_memory_before_a_big_index_run_only(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    monkeypatch.setattr(search, "_index_shard", lambda *args: None)
    monkeypatch.setattr(search, "RELEASE_ABOVE", 3)
    (tmp_path / "pagefind").mkdir()
    released = []
    search.index_site(tmp_path, {"2016": ["a.html", "b.html"]}, release=lambda: released.append("small"))
    search.index_site(tmp_path, {"2016": ["a.html", "b.html"], "2015": ["c.html"]},
                      release=lambda: released.append("big"))
    assert released == ["big"]
