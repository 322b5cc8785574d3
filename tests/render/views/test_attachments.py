from datetime import date

from site_builder.core.config import SiteConfig
from site_builder.core.docnum import parse_doc_number
from site_builder.core.model import Attachment, AttachmentText, Notice
from site_builder.extract import search_terms
from site_builder.render.views import attachments


def notice(*items: Attachment) -> Notice:
    return Notice(path="content/notices/x.md", doc_number=parse_doc_number("郑政办〔2016〕49号"),
                  issuer="郑州市人民政府办公厅", title="关于印发专项工作方案的通知", date=date(2016, 7, 29), body="",
                  body_line=1, attachments=items)


FILED = Attachment("新开项目一览表", file="attachments/a.DOCX", kind="docx", size=36967, digest="d", text="t")


def test_sizes_read_as_government_sites_print_them():
    assert [attachments.size_label(n) for n in (0, 300, 36967, 1024 * 1024, 5 * 1024 * 1024 + 1)] == [
        "1 KB", "1 KB", "36 KB", "1.0 MB", "5.0 MB"]


def test_files_are_numbered_by_their_place_in_the_list_and_titles_alone_have_no_url():
    listed = attachments.listed(notice(Attachment("工作要点"), FILED))
    assert listed == [
        {"title": "工作要点", "omitted": False, "url": "", "type": "", "bytes": 0, "text_url": ""},
        {"title": "新开项目一览表", "omitted": False, "url": "notices/zhengzhengban-2016-49/fujian2.docx",
         "type": "DOCX", "bytes": 36967, "text_url": "notices/zhengzhengban-2016-49/fujian2.html"}]
    item = attachments.notice_items(notice(Attachment("工作要点"), FILED))[1]
    assert item["size"] == "36 KB" and item["download"] == "附件2 新开项目一览表.docx"


def test_a_file_without_text_has_no_text_page():
    plain = Attachment("图", file="a.png", kind="png", size=10, digest="d")
    assert attachments.text_pages(notice(plain, FILED)) == [
        ("notices/zhengzhengban-2016-49/fujian2.html", 2, FILED)]


def test_the_text_page_names_notice_and_attachment_for_the_search_and_lays_tables_out_evenly():
    page = attachments.text_page(notice(FILED), 1, FILED, {"年份": ["2016"]}, SiteConfig())
    assert page.path == "notices/zhengzhengban-2016-49/fujian1.html" and page.template == "attachment.html"
    assert page.context["search"]["title"] == "关于印发专项工作方案的通知 附件1 新开项目一览表"
    assert ("文号", "郑政办〔2016〕49号") in page.context["search"]["meta"]
    text = AttachmentText((("p", "氢能"), ("table", (("甲", "乙", "航空港区"), ("1",)))), truncated=True)
    hydrated = attachments.hydrate(page.context, text, search_terms.name_pattern(["航空港区", "二七区"]))
    assert hydrated["blocks"][1]["rows"] == [["甲", "乙", "航空港区"], ["1", "", ""]] and hydrated["truncated"]
    tokens = dict(hydrated["search"]["tokens"])
    assert tokens["字"] == "乙 区 氢 港 甲 空 能 航"  # every character, in code point order
    assert tokens["名"] == "航空港区 空港区 港区"  # a name the site knows, findable by any part; 二七区 is not there
    assert tokens["题"].split()[:3] == ["新开项目一览", "开项目一览表", "项目一览表"]  # the attachment's own title
    assert "文号检索" not in tokens  # a 文号 finds the notice itself, not its attachments
