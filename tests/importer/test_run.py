import os
import stat
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.core.diagnostics import Diagnostic
from site_builder.importer import EXIT_CONFLICTS, EXIT_INPUT, EXIT_OK, import_text, run_import

from .conftest import MINI, split_notice


def run(gazette: Path, content: Path, **options) -> tuple[int, list[str]]:
    printed: list[str] = []
    code = run_import(gazette, content, echo=printed.append, **options)
    return code, printed


def test_a_small_gazette_is_imported(mini, tmp_path):
    code, printed = run(mini, tmp_path / "content")
    assert code == EXIT_OK
    assert printed == [f"imported 2 notices: 2 written, 0 unchanged, 0 conflicts; 4 repairs listed in "
                       f"{tmp_path}/content/import-report.md"]
    names = sorted(p.name for p in (tmp_path / "content" / "notices").iterdir())
    assert names == ["zhengzheng-2016-24.md", "zhengzhengbanwen-2016-63.md"]
    text = (tmp_path / "content" / "notices" / "zhengzhengbanwen-2016-63.md").read_text()
    front, body = split_notice(text)
    assert "doc_number: 郑政办文〔2016〕63号\n" in front and "source: mini.txt:23\n" in front
    assert body == ("\n| 职务 | 姓名 | 单位及职务 |\n| --- | --- | --- |\n| 召集人 | 薛云伟 | 市委常委、副市长 |\n"
                    "| 副召集人 | 李杰 | 市政府副秘书长 |\n|   | 吴凤军 | 市工商局局长 |\n\n联席会议下设办公室，办公室设在市工商局。\n")


def test_a_report_path_can_be_chosen(mini, tmp_path):
    code, printed = run(mini, tmp_path / "content", report=tmp_path / "r.md")
    assert code == EXIT_OK and printed[-1].endswith(f"listed in {tmp_path}/r.md")
    assert (tmp_path / "r.md").read_text().startswith("# 导入报告\n")


def test_the_second_import_writes_nothing(mini, tmp_path):
    run(mini, tmp_path / "content")
    before = {p: p.read_bytes() for p in sorted((tmp_path / "content").rglob("*")) if p.is_file()}
    code, printed = run(mini, tmp_path / "content")
    assert code == EXIT_OK and "2 notices: 0 written, 2 unchanged, 0 conflicts" in printed[-1]
    assert {p: p.read_bytes() for p in sorted((tmp_path / "content").rglob("*")) if p.is_file()} == before


def test_an_edited_notice_is_a_conflict_until_forced(mini, tmp_path):
    content = tmp_path / "content"
    run(mini, content)
    edited = content / "notices" / "zhengzheng-2016-24.md"
    edited.write_text(edited.read_text() + "\n编辑补充的一段。\n")
    code, printed = run(mini, content)
    assert code == EXIT_CONFLICTS
    assert printed == [
        f"{edited}:1: W401 edited since the last import; left unchanged (re-import with --force to replace it)",
        f"imported 2 notices: 0 written, 1 unchanged, 1 conflicts; 4 repairs listed in {content}/import-report.md"]
    assert edited.read_text().endswith("编辑补充的一段。\n")
    code, printed = run(mini, content, force=True)
    assert code == EXIT_OK and "1 written, 1 unchanged, 0 conflicts" in printed[-1]
    assert "编辑补充" not in edited.read_text()


def test_a_document_without_a_wenhao_is_written_and_marked_for_review(tmp_path):
    gazette = tmp_path / "g.txt"
    gazette.write_text("郑州市人民政府 关于扶持小微企业加快发展的意见\n\n各县（市、区）人民政府：\n\n为扶持小微企业，提出如下意见。\n")
    code, printed = run(gazette, tmp_path / "content")
    assert code == EXIT_OK
    assert printed[0] == (f"{gazette}:1: W308 notices/review-line-1.md marked for review: no 文号 found: write it in "
                          "doc_number; no 成文日期 found: write it in date")
    text = (tmp_path / "content" / "notices" / "review-line-1.md").read_text()
    assert text.startswith("---\nreview: 'no 文号 found: write it in doc_number; no 成文日期 found: write it in date'\n"
                           "doc_number: ''\nissuer: 郑州市人民政府\ntitle: 关于扶持小微企业加快发展的意见\ndate: ''\n")
    report = (tmp_path / "content" / "import-report.md").read_text()
    assert report.startswith("# 导入报告\n\n## 待复核\n\n")
    assert "- `g.txt:1` `notices/review-line-1.md`：no 文号 found: write it in doc_number；no 成文日期 found" in report


def test_one_bad_document_does_not_block_the_others(mini, tmp_path):
    gazette = tmp_path / "joined.txt"
    gazette.write_text("国务院办公厅关于2023年部分节假日安排的通知\n各省、自治区、直辖市人民政府：\n现将安排通知如下。\n"
                       "国务院办公厅\n2022年12月8日\n" + mini.read_text())
    code, printed = run(gazette, tmp_path / "content")
    assert code == EXIT_OK and printed[-1].startswith("imported 3 notices: 3 written")
    assert sorted(p.name for p in (tmp_path / "content" / "notices").iterdir()) == [
        "review-line-1.md", "zhengzheng-2016-24.md", "zhengzhengbanwen-2016-63.md"]


def test_a_dry_run_prints_the_table_and_writes_nothing(mini, tmp_path):
    code, printed = run(mini, tmp_path / "content", dry_run=True)
    assert code == EXIT_OK and not (tmp_path / "content").exists()
    assert printed == ["行\t文号\t发文机关\t成文日期\t标题\t复核\n"
                       "1-22\t郑政〔2016〕24号\t郑州市人民政府\t2016-08-01\t关于全面落实粮食安全省长责任制的实施意见\n"
                       "23-39\t郑政办文〔2016〕63号\t郑州市人民政府办公厅\t2016-08-22\t关于建立郑州市企业信用信息归集共享工作联席会议制度的通知\n"
                       "mini.txt: 2 documents, 0 marked for review; nothing written (dry run)"]


def test_an_empty_file_is_an_input_error(tmp_path):
    gazette = tmp_path / "g.txt"
    gazette.write_text("\n \n")
    code, printed = run(gazette, tmp_path / "content")
    assert (code, printed) == (EXIT_INPUT, [f"{gazette}:1: E301 no document found: the file has no text",
                                            f"nothing imported from {gazette}"])
    assert not (tmp_path / "content").exists()


def test_a_missing_gazette_is_an_input_error(tmp_path):
    code, printed = run(tmp_path / "none.txt", tmp_path / "content")
    assert (code, printed) == (EXIT_INPUT, [f"{tmp_path}/none.txt:0: E306 cannot read the gazette: No such file or directory",
                                            f"nothing imported from {tmp_path}/none.txt"])


LINES = [
    "郑州市人民政府", "郑州市人民政府办公厅", "关于扶持小微企业加快发展的意见", "关于建立 联席会议制度的通知", "郑政〔2016〕28号 2016年8月29日",
    "郑政办文[2016]63 号", "2016 年 8 月 22 日", "2016年13月40日", "各县（市、区）人民政府，", "各有关单位：", "一、总体要求",
    "(一) 加强组织领导", "1. 创新财政科技投入方式。加快推进科技", "经费管理制度改革。", "责任单位：市粮食局、", "组 长：杨福平 市政府副市长",
    " 李书峰 市发展改革委主任", "成 员：\t产煤县（市、区）政府、市\t", "辖区\t任务数", "金水区\t2036", "- | | |", "|---|---|",
    "| 80. 甲 | 96. 乙 |", "附件：1. 甲表", "2. 乙表（略）", "第一章 总 则", "第一条 为了", "优势 and 潜力", "灰分 $\\leq 32\\%$", "",
    "（国", "(郑信用)[2015]3号", "<b>粗体</b> *星号* # 井号 | 竖线",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=30)), max_size=40),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_text_gives_notices_or_diagnostics_never_a_crash(lines, newline):
    text = newline.join(lines)
    result = import_text(text, "g.txt", "g.txt")
    assert all(isinstance(d, Diagnostic) for d in result.diagnostics)
    assert result.notices or result.diagnostics
    for notice in result.notices:
        assert notice.text.startswith("---\n") and "\ndoc_number: " in notice.text
    with tempfile.TemporaryDirectory() as folder:
        gazette = Path(folder) / "g.txt"
        gazette.write_text(text, encoding="utf-8", newline="")
        assert run_import(gazette, Path(folder) / "content", echo=lambda line: None) in (EXIT_OK, EXIT_INPUT)


def test_the_mini_gazette_is_what_the_tests_say():
    assert MINI.count("郑州市人民政府") == 2


def test_two_doc_numbers_that_read_alike_are_both_written_the_second_marked_for_review(tmp_path):
    gazette = tmp_path / "alike.txt"
    gazette.write_text(MINI.replace("郑政办文[2016]63 号", "郑正〔2016〕24号"), encoding="utf-8")
    code, printed = run(gazette, tmp_path / "content")
    assert code == EXIT_OK
    assert printed[0] == (f"{gazette}:23: W308 notices/zhengzheng-2016-24-line-23.md marked for review: 文号 "
                          "郑正〔2016〕24号 reads like 文号 郑政〔2016〕24号 of the document at line 1 (one file name for both)")
    assert printed[1].startswith("imported 2 notices: 2 written")
    assert sorted(p.name for p in (tmp_path / "content" / "notices").iterdir()) == [
        "zhengzheng-2016-24-line-23.md", "zhengzheng-2016-24.md"]
    second = (tmp_path / "content" / "notices" / "zhengzheng-2016-24-line-23.md").read_text(encoding="utf-8")
    assert "review:" in second and "doc_number: 郑正〔2016〕24号" in second


def test_imported_files_can_be_read_by_others(mini, tmp_path):
    old = os.umask(0o022)
    try:
        run(mini, tmp_path / "content")
    finally:
        os.umask(old)
    for file in (tmp_path / "content").rglob("*"):
        if file.is_file():
            assert stat.S_IMODE(file.stat().st_mode) == 0o644, file
