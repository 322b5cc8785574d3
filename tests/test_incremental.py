"""Incremental builds: nothing changed writes nothing; an edit re-renders exactly the pages it affects."""

import os
import re
from datetime import date

from site_builder.build import build
from tests.conftest import interpretation_text, make_docx, notice_text, snapshot

CITING = notice_text(doc_number="郑政〔2016〕30号", title="关于会展业发展的意见", date="2016-08-30",
                     body="根据《郑州市人民政府关于粮食安全的意见》（郑政〔2016〕24号），提出如下意见。\n\n"
                          "## 一、总体要求\n\n做好会展工作。\n")
CITED = notice_text(body="为保障粮食安全，提出如下意见。\n\n## 一、明确责任\n\n正文。\n")
OTHER = notice_text(doc_number="郑政〔2016〕25号", title="关于市长质量奖的通知", date="2016-08-05",
                    body="现将有关事项通知如下。\n\n## 一、评审\n\n正文。\n")


def make(site):
    site.write("30.md", CITING)
    site.write("24.md", CITED)
    site.write("25.md", OTHER)
    return build(site.root, search=False)


def test_a_build_with_no_change_reads_and_writes_nothing(site):
    make(site)
    before = {p: os.stat(site.public / p).st_ino for p in snapshot(site.public)}
    result = build(site.root, search=False)
    assert result.extracted == 0 and result.rendered == ()
    assert not result.report.swapped and result.report.written == 0
    assert {p: os.stat(site.public / p).st_ino for p in snapshot(site.public)} == before


def test_a_touched_but_unchanged_file_is_not_extracted_again(site):
    make(site)
    path = site.root / "content/notices/25.md"
    os.utime(path, ns=(1, 1))
    result = build(site.root, search=False)
    assert result.extracted == 0 and result.rendered == ()
    assert not result.report.swapped


def test_an_edit_inside_a_body_renders_that_notice_page_and_json_only(site):
    first = make(site)
    assert "notices/zhengzheng-2016-24.html" in first.rendered
    site.write("24.md", CITED.replace("正文。", "正文内容。"))
    result = build(site.root, search=False)
    assert result.extracted == 1
    assert result.rendered == ("api/notices/zhengzheng-2016-24.json", "notices/zhengzheng-2016-24.html")
    assert "正文内容。" in (site.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")


def test_a_new_title_reaches_every_page_that_shows_it(site):
    make(site)
    site.write("24.md", CITED.replace("关于全面落实粮食安全省长责任制的实施意见", "关于粮食安全责任制的实施意见"))
    result = build(site.root, search=False)
    rendered = set(result.rendered)
    assert {"notices/zhengzheng-2016-24.html", "notices/zhengzheng-2016-30.html",  # cited-by on the citing one
            "notices/index.html", "index.html", "api/notices.json"} <= rendered
    assert "notices/zhengzheng-2016-25.html" not in rendered or \
        "关于粮食安全责任制的实施意见" in (site.public / "notices/zhengzheng-2016-25.html").read_text("utf-8")
    for page in rendered:
        assert (site.public / page).is_file()
    citing = (site.public / "notices/zhengzheng-2016-30.html").read_text("utf-8")
    assert "关于粮食安全责任制的实施意见" in citing


def test_a_notice_added_later_turns_older_citations_into_links(site):
    site.write("30.md", CITING)
    site.write("25.md", OTHER)
    build(site.root, search=False)
    before = (site.public / "notices/zhengzheng-2016-30.html").read_text("utf-8")
    assert 'href="../cited/zhengzheng-2016-24.html"' in before
    site.write("24.md", CITED)
    result = build(site.root, search=False)
    assert result.extracted == 1
    after = (site.public / "notices/zhengzheng-2016-30.html").read_text("utf-8")
    assert '<a href="zhengzheng-2016-24.html" class="cite">郑政〔2016〕24号</a>' in after
    assert "notices/zhengzheng-2016-30.html" in result.rendered
    assert not (site.public / "cited/zhengzheng-2016-24.html").exists()


def test_a_template_change_re_renders_every_page(site):
    make(site)
    base = site.root / "templates/base.html"
    base.write_text(base.read_text("utf-8").replace("跳到正文", "跳到主要内容"), "utf-8")
    result = build(site.root, search=False)
    assert result.extracted == 0
    assert "notices/zhengzheng-2016-25.html" in result.rendered and "index.html" in result.rendered
    assert "跳到主要内容" in (site.public / "notices/zhengzheng-2016-25.html").read_text("utf-8")


def test_a_deleted_cache_only_makes_the_next_build_cold(site):
    import shutil

    make(site)
    before = snapshot(site.public)
    shutil.rmtree(site.root / ".site-builder")
    result = build(site.root, search=False)
    assert result.extracted == 3
    assert snapshot(site.public) == before


def test_a_build_with_no_change_repeats_the_last_warnings(site):
    site.write("25.md", OTHER.replace("date: 2016-08-05\n", "date: 2016-08-05\ntitel: x\n"))
    first = build(site.root, search=False)
    again = build(site.root, search=False)
    assert [str(d) for d in again.diagnostics] == [str(d) for d in first.diagnostics] != []
    assert again.extracted == 0


def cold_copy(site, tmp_path, name, as_of=None):
    """The same inputs built from scratch in another folder: what an incremental build must equal."""
    import shutil

    other = tmp_path / name
    shutil.copytree(site.root, other, ignore=shutil.ignore_patterns("public", ".public.*", ".site-builder"))
    build(other, search=False, as_of=as_of)
    return snapshot(other / "public")


def test_incremental_builds_equal_cold_builds_after_every_kind_of_edit(site, tmp_path):
    site.write("24.md", CITED.replace("正文。", "正文。\n\n责任单位：市粮食局、市财政局（列第一位的为牵头单位）"))
    site.write("30.md", CITING)
    site.write("25.md", OTHER)
    build(site.root, search=False)
    notices = site.root / "content/notices"
    edits = [
        ("typo in a body", lambda: site.write("25.md", OTHER.replace("正文。", "正文内容。"))),
        ("new title of a cited notice", lambda: site.write("24.md", (notices / "24.md").read_text("utf-8")
                                                           .replace("关于全面落实", "关于切实落实"))),
        ("a new citation", lambda: site.write("25.md", (notices / "25.md").read_text("utf-8")
                                              .replace("现将有关事项", "根据郑政〔2016〕30号，现将有关事项"))),
        ("another lead department", lambda: site.write("24.md", (notices / "24.md").read_text("utf-8")
                                                       .replace("市粮食局、市财政局", "市财政局、市粮食局"))),
        ("a limit for the departments", lambda: site.write("24.md", (notices / "24.md").read_text("utf-8")
                                                           .replace("（列第一位的为牵头单位）",
                                                                    "（列第一位的为牵头单位），2016年12月底前完成"))),
        ("a department of another notice", lambda: site.write("25.md", (notices / "25.md").read_text("utf-8")
                                                              .replace("正文。", "正文。\n\n责任单位：市财政局"))),
        ("repealed", lambda: site.write("30.md", CITING.replace("提出如下意见。", "提出如下意见。郑政〔2016〕25号同时废止。"))),
        ("a notice moved to another year", lambda: site.write("25.md", (notices / "25.md").read_text("utf-8")
                                                              .replace("date: 2016-08-05", "date: 2015-12-05"))),
        ("a notice removed", lambda: (notices / "25.md").unlink()),
        ("a notice added with its own topics", lambda: site.write("26.md", notice_text(
            doc_number="郑政〔2016〕26号", title="关于科技金融的意见", date="2016-08-16", extra="topics: [科技]\n"))),
        ("an interpretation added", lambda: site.interpretation("jiedu-24.md", interpretation_text(
            interprets="郑政〔2016〕24号", date="2016-08-02"))),
        ("an interpretation retitled", lambda: site.interpretation("jiedu-24.md", interpretation_text(
            title="粮食安全责任制问答", interprets="郑政〔2016〕24号", date="2016-08-02", kind="问答"))),
        ("an amendment", lambda: site.write("31.md", notice_text(
            doc_number="郑政〔2016〕31号", title="关于修改的决定", date="2016-08-31",
            body="对《关于全面落实粮食安全省长责任制的实施意见》（郑政〔2016〕24号）作如下修改：\n\n"
                 "## 一、将第一部分修改为：“……”\n"))),
        ("an effective date stated", lambda: site.write("26.md", notice_text(
            doc_number="郑政〔2016〕26号", title="关于科技金融的意见", date="2016-08-16",
            extra="topics: [科技]\neffective: 2099-01-01\n"))),
        ("an alias added", lambda: (site.root / "content/departments.toml").write_text(
            (site.root / "content/departments.toml").read_text("utf-8").replace(
                '"市粮食局" = ["郑州市粮食局"]', '"市粮食局" = ["郑州市粮食局", "市粮食和物资储备局"]'), "utf-8")),
        ("an attachment file added", lambda: (
            make_docx(site.content("attachments/a.docx"), ["氢能重卡示范线"]),
            site.write("30.md", CITING.replace("date: 2016-08-30\n", "date: 2016-08-30\nattachments:\n"
                                               "- title: 项目表\n  file: attachments/a.docx\n")))),
        ("the attachment file's text changed", lambda: make_docx(site.content("attachments/a.docx"), ["智能终端"])),
        ("the attachment file only touched", lambda: os.utime(site.content("attachments/a.docx"), ns=(5, 5))),
        ("the attachment file grew", lambda: make_docx(site.content("attachments/a.docx"), ["智能终端"] * 400)),
        ("the attachment moved down the list", lambda: site.write("30.md", (notices / "30.md").read_text("utf-8")
                                                                  .replace("attachments:\n", "attachments:\n- 要点\n"))),
        ("the attachment dropped", lambda: site.write("30.md", CITING)),
    ]
    for index, (name, change) in enumerate(edits):
        change()
        build(site.root, search=False)
        assert snapshot(site.public) == cold_copy(site, tmp_path, f"cold{index}"), name


def test_a_changed_attachment_file_renders_its_notice_and_what_lists_it_not_the_other_notices(site):
    make_docx(site.content("attachments/a.docx"), ["氢能重卡示范线"])
    site.write("24.md", CITED.replace("date: 2016-08-01\n", "date: 2016-08-01\nattachments:\n"
                                      "- title: 项目表\n  file: attachments/a.docx\n"))
    site.write("25.md", OTHER)
    build(site.root, search=False)
    make_docx(site.content("attachments/a.docx"), ["智能终端配套园"])
    result = build(site.root, search=False)
    assert result.extracted == 0  # no notice file was read again
    rendered = set(result.rendered)
    assert {"notices/zhengzheng-2016-24.html", "notices/zhengzheng-2016-24/fujian1.html",
            "notices/zhengzheng-2016-24/fujian1.docx", "api/notices.json"} <= rendered
    assert not any(path.startswith("notices/zhengzheng-2016-25") for path in rendered)
    assert "智能终端配套园" in (site.public / "notices/zhengzheng-2016-24/fujian1.html").read_text("utf-8")
    assert build(site.root, search=False).report.swapped is False  # and then nothing to do


def test_a_new_link_does_not_index_the_citing_notices_shard_again(site):
    older = notice_text(doc_number="郑政〔2015〕9号", title="关于会展业的意见", date="2015-06-01",
                        body="根据郑政〔2016〕24号，提出如下意见。\n")
    site.write("9.md", older)
    site.write("25.md", OTHER)
    build(site.root, search=True)
    shard = site.public / "pagefind/2015"
    before = {p: os.stat(shard / p).st_ino for p in snapshot(shard)}
    site.write("24.md", CITED)  # the notice 2015's one cites arrives: its page gets a link, its words stay
    build(site.root, search=True)
    assert 'href="zhengzheng-2016-24.html"' in (site.public / "notices/zhengzheng-2015-9.html").read_text("utf-8")
    assert {p: os.stat(shard / p).st_ino for p in snapshot(shard)} == before  # carried over, not indexed again


def dated_site(site, daily: bool = False):
    """A notice in force from 2016-09-10 for 2 years, one that cites it, and one that has nothing to do with it."""
    if daily:
        toml = site.root / "site.toml"
        toml.write_text(toml.read_text("utf-8").replace("latest = 20", 'latest = 20\nschedule = "daily"'), "utf-8")
    site.write("41.md", notice_text(doc_number="郑政〔2016〕41号", title="关于印发停车收费管理办法的通知",
                                    date="2016-09-01", body="第一条 本办法自2016年9月10日起施行，有效期2年。\n"))
    site.write("30.md", CITING.replace("（郑政〔2016〕24号）", "（郑政〔2016〕41号）"))
    site.write("25.md", OTHER)


def test_a_new_as_of_date_re_renders_the_pages_that_print_it_and_equals_a_cold_build(site, tmp_path):
    dated_site(site)
    build(site.root, search=False, as_of=date(2016, 9, 5))
    result = build(site.root, search=False, as_of=date(2016, 9, 6))
    assert result.extracted == 0
    rendered = set(result.rendered)
    assert {"current/index.html", "api/current.json", "notices/zhengzheng-2016-41.html"} <= rendered
    assert not any(page.startswith("api/notices/") for page in rendered)  # the JSON prints no date
    assert "departments/index.html" not in rendered and "topics/index.html" not in rendered  # no 效力 shown
    assert "效力状态截至2016年09月06日" in (site.public / "notices/zhengzheng-2016-25.html").read_text("utf-8")
    assert snapshot(site.public) == cold_copy(site, tmp_path, "cold", date(2016, 9, 6))


def test_on_a_site_rebuilt_daily_a_new_day_re_renders_only_what_its_status_changes(site, tmp_path):
    dated_site(site, daily=True)
    build(site.root, search=False, as_of=date(2016, 9, 5))
    quiet = build(site.root, search=False, as_of=date(2016, 9, 6))
    assert set(quiet.rendered) == {"api/current.json", "current/index.html"}  # nothing else shows the date
    changed = build(site.root, search=False, as_of=date(2016, 9, 10))  # 尚未生效 → 有效
    rendered = set(changed.rendered)
    assert {"notices/zhengzheng-2016-41.html", "api/notices/zhengzheng-2016-41.json", "api/notices.json",
            "current/index.html", "api/current.json"} <= rendered
    assert "notices/zhengzheng-2016-25.html" not in rendered
    assert snapshot(site.public) == cold_copy(site, tmp_path, "cold", date(2016, 9, 10))
    build(site.root, search=False, as_of=date(2026, 12, 1))  # 已失效, and back in time
    assert snapshot(site.public) == cold_copy(site, tmp_path, "cold2", date(2026, 12, 1))
    build(site.root, search=False, as_of=date(2016, 9, 5))
    assert snapshot(site.public) == cold_copy(site, tmp_path, "cold3", date(2016, 9, 5))


def test_overriding_a_built_in_file_and_removing_the_override_equal_cold_builds(site, tmp_path):
    """A site without templates/ or theme/ uses the built-in ones; a file of the same name in its own folder
    replaces one, and deleting it brings the built-in one back: each build equals a cold one."""
    import shutil

    shutil.rmtree(site.root / "templates")
    shutil.rmtree(site.root / "theme")
    make(site)
    builtin = (site.public / "notices/zhengzheng-2016-25.html").read_text("utf-8")
    edits = [
        ("a template overrides the built-in one", lambda: (
            (site.root / "templates").mkdir(),
            (site.root / "templates/robots.txt").write_text("User-agent: *\nDisallow: /\n", "utf-8"))),
        ("a theme file overrides the built-in one", lambda: (
            (site.root / "theme").mkdir(),
            (site.root / "theme/site.css").write_text("body{font-size:20px}\n", "utf-8"))),
        ("a theme file of its own", lambda: (site.root / "theme/logo.svg").write_text("<svg/>\n", "utf-8")),
        ("the template override removed", lambda: shutil.rmtree(site.root / "templates")),
        ("the theme overrides removed", lambda: shutil.rmtree(site.root / "theme")),
    ]
    for index, (name, change) in enumerate(edits):
        change()
        result = build(site.root, search=False)
        assert snapshot(site.public) == cold_copy(site, tmp_path, f"cold{index}"), name
        assert "notices/zhengzheng-2016-25.html" in result.rendered, name  # a theme change re-renders every page
        if index == 0:
            assert (site.public / "robots.txt").read_text("utf-8") == "User-agent: *\nDisallow: /\n"
    assert (site.public / "notices/zhengzheng-2016-25.html").read_text("utf-8") == builtin
    assert not (site.public / "assets/logo.svg").exists()


def _record_department_pages(monkeypatch) -> list[tuple[str, list[str]]]:
    """(department, slugs of the notices it lists) of every department page made from now on."""
    from site_builder.render.views import departments

    made: list[tuple[str, list[str]]] = []
    original = departments._groups
    monkeypatch.setattr(departments, "_groups", lambda tasks: made.append(
        (tasks[0].duty.department if tasks else "", sorted({t.notice.slug for t in tasks}))) or original(tasks))
    return made


def test_a_new_title_remakes_the_pages_of_its_own_departments_only(site, tmp_path, monkeypatch):
    site.write("24.md", CITED.replace("正文。", "正文。\n\n责任单位：市粮食局"))
    site.write("25.md", OTHER.replace("正文。", "正文。\n\n责任单位：市财政局"))
    build(site.root, search=False, jobs=1)
    made = _record_department_pages(monkeypatch)
    site.write("24.md", (site.root / "content/notices/24.md").read_text("utf-8").replace("关于全面落实", "关于切实落实"))
    build(site.root, search=False, jobs=1)
    assert made == [("市粮食局", ["zhengzheng-2016-24"])]
    assert "关于切实落实" in (site.public / "departments/shiliangshiju.html").read_text("utf-8")
    assert snapshot(site.public) == cold_copy(site, tmp_path, "cold")


def test_a_new_title_remakes_only_the_department_page_that_lists_it(site, tmp_path, monkeypatch):
    # Two notices of one department, a page each: the page of the other notice is carried over.
    site.write("24.md", CITED.replace("正文。", "正文。\n\n责任单位：市粮食局"))
    site.write("25.md", OTHER.replace("正文。", "正文。\n\n责任单位：市粮食局"))
    toml = site.root / "site.toml"
    toml.write_text(re.sub(r"^paginate = .*$", "paginate = 1", toml.read_text("utf-8"), flags=re.M), "utf-8")
    build(site.root, search=False, jobs=1)
    pages = sorted(p.name for p in (site.public / "departments").glob("shiliangshiju*.html"))
    assert pages == ["shiliangshiju-2.html", "shiliangshiju.html"]
    made = _record_department_pages(monkeypatch)
    site.write("24.md", (site.root / "content/notices/24.md").read_text("utf-8").replace("关于全面落实", "关于切实落实"))
    build(site.root, search=False, jobs=1)
    assert made == [("市粮食局", ["zhengzheng-2016-24"])]
    assert "关于切实落实" in (site.public / "departments/shiliangshiju.xml").read_text("utf-8")  # its feed too
    assert snapshot(site.public) == cold_copy(site, tmp_path, "cold")


def test_a_new_title_remakes_the_lists_topics_and_timeline_pages_that_show_it_only(site, tmp_path, monkeypatch):
    from site_builder.render.views import indexes, timeline, topics

    site.write("24.md", CITED.replace("正文。", "正文。2016年12月底前完成。"))
    site.write("25.md", notice_text(doc_number="郑政办〔2015〕3号", issuer="郑州市人民政府办公厅", date="2015-03-01",
                                    title="关于开展质量提升行动的通知", body="## 一、任务\n\n2015年12月底前完成。\n"))
    toml = site.root / "site.toml"
    toml.write_text(re.sub(r"^paginate = .*$", "paginate = 1", toml.read_text("utf-8"), flags=re.M), "utf-8")
    build(site.root, search=False, jobs=1)
    made: list[str] = []
    for module, name in ((indexes, "_name_pages"), (topics, "_topic_pages"), (timeline, "_group")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, original=original, name=name: made.append(
            args[4] if name == "_name_pages" else args[2].key if name == "_topic_pages" else args[0][0]["doc_number"])
            or original(*args))
    site.write("24.md", (site.root / "content/notices/24.md").read_text("utf-8").replace("关于全面落实", "关于切实落实"))
    build(site.root, search=False, jobs=1)
    # Its year, 文种 and 发文机关 lists, its topics (农业…), the timeline page of its limit: not the other notice's.
    assert {"2016", "意见", "郑州市人民政府", "郑政〔2016〕24号"} <= set(made), made
    assert all(item in ("2016", "意见", "郑州市人民政府", "郑政〔2016〕24号") or item.startswith("农业")
               for item in made), made
    assert "关于切实落实" in (site.public / "years/2016.html").read_text("utf-8")
    assert snapshot(site.public) == cold_copy(site, tmp_path, "cold")
