from datetime import date

from site_builder.load.notice import check_unique, parse_notice
from tests.conftest import notice_text

PATH = "content/notices/x.md"


def messages(data: bytes | str) -> list[str]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    _, diagnostics = parse_notice(PATH, raw)
    return [str(d) for d in diagnostics]


def test_valid_notice_reads_every_field():
    text = notice_text(extra="addressees: 各县（市、区）人民政府\nattachments:\n- title: 项目表\n  omitted: true\n",
                       body="## 一、总则\n\n正文。")
    notice, diagnostics = parse_notice(PATH, text.encode())
    assert diagnostics == []
    assert str(notice.doc_number) == "郑政〔2016〕24号"
    assert notice.slug == "zhengzheng-2016-24"
    assert notice.url == "notices/zhengzheng-2016-24.html"
    assert notice.date == date(2016, 8, 1)
    assert notice.addressees == "各县（市、区）人民政府"
    assert notice.attachments[0].title == "项目表" and notice.attachments[0].omitted
    assert notice.body.startswith("\n## 一、总则")
    assert notice.body_line == 11
    assert notice.line_of("title") == 4


def test_doc_number_variants_are_normalised():
    notice, _ = parse_notice(PATH, notice_text(doc_number="郑政办文[2016]63 号").encode())
    assert str(notice.doc_number) == "郑政办文〔2016〕63号"


def test_a_decree_number_is_a_doc_number_with_its_own_file_name():
    for printed, written, slug in [("国令第227号", "国令第227号", "guoling-227"),
                                   ("上海市人民政府令第19号", "上海市人民政府令第19号", "shanghaishirenminzhengfuling-19"),
                                   ("河北省人民政府令〔2010〕第15号", "河北省人民政府令〔2010〕第15号",
                                    "hebeishengrenminzhengfuling-2010-15")]:
        notice, diagnostics = parse_notice(PATH, notice_text(doc_number=printed).encode())
        assert diagnostics == [] and (str(notice.doc_number), notice.slug) == (written, slug)


def test_missing_key():
    text = "---\ndoc_number: 郑政〔2016〕24号\nissuer: 郑州市人民政府\ndate: 2016-08-01\n---\n正文\n"
    assert messages(text) == [
        "content/notices/x.md:1: E110 missing required key 'title' (标题) (add a line 'title: …' to the front matter)"]


def test_bad_date():
    assert messages(notice_text(date="2016-8-1")) == [
        "content/notices/x.md:5: E113 'date' (成文日期) is not a date: '2016-8-1' "
        "(write it as YYYY-MM-DD, e.g. 2016-08-01)"]


def test_impossible_date():
    assert messages(notice_text(date="2016-02-30")) == [
        "content/notices/x.md:5: E113 'date' (成文日期) is not a date: '2016-02-30' "
        "(write it as YYYY-MM-DD, e.g. 2016-08-01)"]


def test_bad_doc_number():
    assert messages(notice_text(doc_number="第24号")) == [
        "content/notices/x.md:2: E112 doc_number (发文字号) is not a 文号: '第24号' (write it like 郑政〔2016〕24号, or a decree's like 国令第707号)"]


def test_a_notice_marked_for_review_is_not_published():
    text = notice_text(extra="review: 'no 成文日期 found: write it in date'\n")
    notice, diagnostics = parse_notice(PATH, text.encode())
    assert notice is None
    assert [str(d) for d in diagnostics] == [
        "content/notices/x.md:6: E116 notice is marked for review, not published: no 成文日期 found: write it in date "
        "(check its metadata against the source (content/import-report.md), then delete the 'review' line)"]


def test_an_empty_review_key_is_no_review():
    assert messages(notice_text(extra="review: ''\n")) == []


def test_unreadable_yaml():
    text = "---\ndoc_number: 郑政〔2016〕24号\ntitle: [unclosed\nissuer: x\n---\nbody\n"
    assert messages(text) == [
        "content/notices/x.md:4: E105 front matter is not valid YAML: did not find expected ',' or ']' "
        "(check quotes and the ':' after each key)"]


def test_not_utf8():
    data = notice_text().encode("utf-8") + "第二行\n".encode("gbk")
    assert messages(data) == [
        "content/notices/x.md:9: E101 file is not valid UTF-8 (byte 0xb5) "
        "(save the file as UTF-8; GBK/GB18030 files must be converted)"]


def test_byte_order_mark_and_crlf_are_accepted():
    data = b"\xef\xbb\xbf" + notice_text(body="第一段\n\n第二段").replace("\n", "\r\n").encode()
    notice, diagnostics = parse_notice(PATH, data)
    assert diagnostics == [] and "\r" not in notice.body and notice.title.endswith("实施意见")


def test_empty_file():
    assert messages(b"") == ["content/notices/x.md:1: E102 file is empty (a notice needs front matter and a body)"]


def test_no_front_matter():
    assert messages("正文\n") == [
        "content/notices/x.md:1: E103 no front matter: the file must start with a line '---' "
        "(see docs/content-format.md)"]


def test_unclosed_front_matter():
    assert messages("---\ntitle: x\n正文\n") == [
        "content/notices/x.md:1: E104 front matter is not closed: no second '---' line "
        "(add a line '---' after the last key)"]


def test_front_matter_must_be_a_mapping():
    assert messages("---\n- a\n- b\n---\nbody\n") == [
        "content/notices/x.md:2: E105 front matter is not a mapping of keys to values (write one 'key: value' per line)"]


def test_yaml_alias_bomb_is_refused():
    bomb = "---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\nbody\n"
    assert messages(bomb) == [
        "content/notices/x.md:3: E106 YAML aliases (*name) are not allowed in front matter "
        "(write the value out in full)"]


def test_unknown_key_warns_with_suggestion_and_does_not_fail():
    notice, diagnostics = parse_notice(PATH, notice_text(extra="titel: 错字\n").encode())
    assert notice is not None
    assert [str(d) for d in diagnostics] == [
        "content/notices/x.md:6: W101 unknown key 'titel' is ignored (did you mean 'title'?)"]


def test_wrong_type():
    assert messages(notice_text(extra="addressees: [a, b]\n")) == [
        "content/notices/x.md:6: E111 'addressees' (主送机关) must be text, not a list"]


def test_unknown_status():
    assert messages(notice_text(extra="status: 作废\n")) == [
        "content/notices/x.md:6: E114 unknown status (效力) '作废' (use one of 尚未生效、有效、已修改、已失效、已废止)"]


def test_duplicate_doc_number_names_both_files():
    a, _ = parse_notice("content/notices/a.md", notice_text().encode())
    b, _ = parse_notice("content/notices/b.md", notice_text(doc_number="郑政[2016]24号").encode())
    assert [str(d) for d in check_unique([b, a])] == [
        "content/notices/b.md:2: E120 duplicate doc_number (发文字号) 郑政〔2016〕24号: "
        "already used by content/notices/a.md:2 (each notice needs its own 文号)"]


def test_doc_numbers_that_share_a_url_are_refused():
    a, _ = parse_notice("content/notices/a.md", notice_text(doc_number="郑政〔2016〕24号").encode())
    b, _ = parse_notice("content/notices/b.md", notice_text(doc_number="郑正〔2016〕24号").encode())
    assert [str(d) for d in check_unique([a, b])] == [
        "content/notices/b.md:2: E121 doc_number (发文字号) 郑正〔2016〕24号 would share the page "
        "notices/zhengzheng-2016-24.html with content/notices/a.md:2 (郑政〔2016〕24号) "
        "(set a distinct 文号, or report the clash: prefixes must read differently in pinyin)"]


def test_an_attachment_may_name_its_file_and_each_item_knows_its_line():
    text = notice_text(extra="attachments:\n- 工作要点\n- title: 项目表\n  file: ./attachments//xiangmu.DOCX\n"
                             "- {title: 名单, omitted: true}\n")
    notice, diagnostics = parse_notice(PATH, text.encode())
    assert diagnostics == []
    assert [(a.title, a.file, a.omitted, a.line) for a in notice.attachments] == [
        ("工作要点", "", False, 7), ("项目表", "attachments/xiangmu.DOCX", False, 8), ("名单", "", True, 10)]


def test_an_attachment_file_outside_content_is_an_error_on_its_line():
    for path in ("../site.toml.pdf", "/etc/passwd.pdf", "attachments/../../x.pdf", "C:/files/x.pdf",
                 "attachments\\\\x.pdf"):
        text = notice_text(extra=f"attachments:\n- title: 表\n  file: \"{path}\"\n")
        shown = path.replace("\\\\", "\\")
        assert messages(text) == [
            f"content/notices/x.md:7: E141 attachment file '{shown}' is outside content/ "
            "(name it relative to the content folder, with '/': attachments/xiangmu.docx)"], path


def test_an_attachment_of_a_type_not_on_the_list_is_an_error():
    text = notice_text(extra="attachments:\n- title: 表\n  file: attachments/run.exe\n- title: 图\n  file: attachments/x\n")
    assert messages(text) == [
        "content/notices/x.md:7: E143 attachment file 'attachments/run.exe' is of a type the site does not publish "
        "(.exe) (publish it as one of PDF、DOCX、XLSX、DOC、XLS、WPS、OFD、ZIP、JPG、PNG、GIF、TIFF、WEBP)",
        "content/notices/x.md:9: E143 attachment file 'attachments/x' is without a file extension "
        "(publish it as one of PDF、DOCX、XLSX、DOC、XLS、WPS、OFD、ZIP、JPG、PNG、GIF、TIFF、WEBP)"]


def test_an_attachment_item_with_an_unknown_key_is_warned_about_and_a_bad_one_is_an_error():
    assert messages(notice_text(extra="attachments:\n- title: 表\n  flie: a.pdf\n")) == [
        "content/notices/x.md:7: W101 unknown key 'flie' of an attachment is ignored (did you mean 'file'?)"]
    assert messages(notice_text(extra="attachments:\n- 表\n- title: 表\n  omitted: 是\n")) == [
        "content/notices/x.md:8: E111 'attachments' (附件) must be a list of titles or "
        "{title: …, file: …, omitted: true} items"]
