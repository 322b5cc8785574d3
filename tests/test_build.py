import json

import pytest

from site_builder.build import build
from site_builder.cli import main
from site_builder.core.diagnostics import BuildError
from tests.conftest import notice_text, snapshot

CITING = notice_text(doc_number="郑政办文〔2016〕64号", title="关于修订印发郑州市会展业发展专项资金管理办法的通知",
                     issuer="郑州市人民政府办公厅", date="2016-08-22",
                     body="根据《郑州市人民政府关于加快国家区域性会展中心城市建设的意见》（郑政〔2016〕27号），制定本办法。"
                          "\n\n第一条 为促进会展业发展，制定本办法。\n")
CITED = notice_text(doc_number="郑政〔2016〕27号", title="关于加快国家区域性会展中心城市建设的意见", date="2016-08-18",
                    body="## 一、总体要求\n\n正文。\n\n| 指标 | 目标 |\n|---|---|\n| 展会 | 200 |\n")


@pytest.fixture
def built(site):
    site.write("64.md", CITING)
    site.write("27.md", CITED)
    build(site.root, search=False)
    return site


def test_every_notice_has_its_page_and_api_entry(built):
    public = built.public
    for slug in ("zhengzhengbanwen-2016-64", "zhengzheng-2016-27"):
        assert (public / "notices" / f"{slug}.html").is_file()
        assert (public / "api" / "notices" / f"{slug}.json").is_file()
    records = json.loads((public / "api/notices.json").read_text("utf-8"))
    assert [r["doc_number"] for r in records] == ["郑政办文〔2016〕64号", "郑政〔2016〕27号"]
    assert records[0]["url"] == "notices/zhengzhengbanwen-2016-64.html"
    for name in ("index.html", "404.html", "robots.txt", "sitemap.xml", "feed.xml", "notices/index.html",
                 "assets/site.css"):
        assert (public / name).is_file(), name


def test_notice_page_has_metadata_block_meta_tags_and_links(built):
    html = (built.public / "notices/zhengzhengbanwen-2016-64.html").read_text("utf-8")
    assert '<meta name="ArticleTitle" content="郑州市人民政府办公厅关于修订印发郑州市会展业发展专项资金管理办法的通知">' in html
    assert '<th scope="row">发文字号</th><td>郑政办文〔2016〕64号</td>' in html
    assert '<a href="zhengzheng-2016-27.html" class="cite">郑政〔2016〕27号</a>' in html
    assert '"@type":"Legislation"' in html
    assert '<p id="a1" class="clause">' in html


def test_second_build_changes_no_byte(built):
    before = snapshot(built.public)
    result = build(built.root, search=False)
    assert not result.report.swapped
    assert snapshot(built.public) == before


def test_a_build_with_nothing_changed_stops_before_parsing_the_reference_files(built, monkeypatch):
    from site_builder.load import reference_files

    def parse(*args):
        raise AssertionError("parsed although nothing changed")

    monkeypatch.setattr(reference_files, "load_departments", parse)
    assert not build(built.root, search=False).report.swapped
    (built.root / "content" / "departments.toml").write_text('[department]\n"市财政局" = {}\n', "utf-8")
    with pytest.raises(AssertionError, match="parsed although"):  # a changed reference file is read
        build(built.root, search=False)


def test_two_clean_builds_are_byte_identical(built, tmp_path):
    build(built.root, output=tmp_path / "again", search=False)
    assert snapshot(tmp_path / "again") == snapshot(built.public)


def test_a_broken_notice_fails_with_path_and_line_and_leaves_public_untouched(built, capsys):
    before = snapshot(built.public)
    built.write("27.md", CITED.replace("date: 2016-08-18", "date: 2016-18-08"))
    with pytest.raises(BuildError) as caught:
        build(built.root, search=False)
    assert [str(d) for d in caught.value.diagnostics] == [
        "content/notices/27.md:5: E113 'date' (成文日期) is not a date: '2016-18-08' "
        "(write it as YYYY-MM-DD, e.g. 2016-08-01)"]
    assert snapshot(built.public) == before

    assert main(["build", "--root", str(built.root), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert "content/notices/27.md:5: E113" in err
    assert "build failed: 1 error(s); the published site was not changed" in err
    assert "Traceback" not in err
    assert snapshot(built.public) == before


def test_duplicate_doc_numbers_fail_the_build(built):
    built.write("copy.md", CITED)
    with pytest.raises(BuildError, match="E120 duplicate doc_number"):
        build(built.root, search=False)


def test_raw_html_in_titles_is_escaped(site):
    site.write("x.md", notice_text(title='"<script>alert(1)</script>关于测试的通知"'))
    build(site.root, search=False)
    html = (site.public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;关于测试的通知" in html


def test_cli_builds_and_reports(built, capsys):
    assert main(["build", "--root", str(built.root), "--no-search"]) == 0
    assert "built 2 notices" in capsys.readouterr().out


def test_progress_is_reported_per_phase(site):
    site.write("64.md", CITING)
    site.write("27.md", CITED)
    seen = {}
    build(site.root, search=False, progress=lambda phase, done, total: seen.setdefault(phase, []).append((done, total)))
    assert sum(done for done, _ in seen["extract"]) == seen["extract"][0][1] == 2
    assert sum(done for done, _ in seen["render"]) == seen["render"][0][1] > 2


def test_no_progress_bars_without_a_terminal():
    from site_builder.progress import bars

    with bars(enabled=False) as progress:
        assert progress is None


def test_a_broken_template_is_a_diagnostic_not_a_traceback(built, capsys):
    before = snapshot(built.public)
    template = built.root / "templates" / "notice.html"
    template.write_text(template.read_text("utf-8").replace("{{ notice.full_title }}", "{{ notice.nope.x }}", 1),
                        "utf-8")
    assert main(["build", "--root", str(built.root), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert "templates/notice.html:" in err and "E410 template error: 'dict object' has no attribute 'nope'" in err
    assert "Traceback" not in err
    assert snapshot(built.public) == before


def test_the_collector_is_paused_for_a_build_and_back_after_it_even_a_failed_one(built, monkeypatch):
    import gc

    from site_builder.analyse import run as analyse_module

    seen = []
    analyse = analyse_module.analyse
    monkeypatch.setattr(analyse_module, "analyse", lambda *a: seen.append(gc.isenabled()) or analyse(*a))
    built.write("27.md", CITED.replace("正文。", "正文有变。"))
    build(built.root, search=False)
    assert seen == [False] and gc.isenabled()
    built.write("copy.md", CITED)
    with pytest.raises(BuildError):
        build(built.root, search=False)
    assert gc.isenabled()
