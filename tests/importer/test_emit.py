import datetime

import yaml

from site_builder.importer.emit import escape, render_body, render_notice
from site_builder.importer.model import Attachment, AttachmentList, Heading, Meta, Paragraph, Personnel, Table


def head(title="关于全面落实粮食安全省长责任制的实施意见", addressees="各县（市、区）人民政府，市人民政府有关部门"):
    return Meta(3, "郑政〔2016〕24号", "zhengzheng-2016-24", "郑州市人民政府", title, datetime.date(2016, 8, 1), addressees)


def test_front_matter_keys_in_the_content_format_order():
    text = render_notice(head(), [Paragraph("正文。")], [Attachment("项目表", True)], "g.txt:3")
    assert text == (
        "---\n"
        "doc_number: 郑政〔2016〕24号\n"
        "issuer: 郑州市人民政府\n"
        "title: 关于全面落实粮食安全省长责任制的实施意见\n"
        "date: 2016-08-01\n"
        "addressees: 各县（市、区）人民政府，市人民政府有关部门\n"
        "attachments:\n"
        "- title: 项目表\n"
        "  omitted: true\n"
        "source: g.txt:3\n"
        "---\n"
        "\n"
        "正文。\n")


def test_a_document_to_review_says_why_first_and_leaves_unknown_values_empty():
    meta = Meta(1, "", "review-line-1", "国务院办公厅", "关于2023年部分节假日安排的通知", None, None,
                ("no 文号 found: write it in doc_number",))
    text = render_notice(meta, [Paragraph("正文。")], [], "g.txt:1")
    assert text.startswith("---\nreview: 'no 文号 found: write it in doc_number'\ndoc_number: ''\nissuer: 国务院办公厅\n"
                           "title: 关于2023年部分节假日安排的通知\ndate: ''\nsource: g.txt:1\n---\n")


def test_front_matter_reads_back_with_the_loaders_yaml_reader():
    for title in ["关于印发…的通知", "- 关于…", "[2016] 年: 通知", "yes", "2016-08-01", "'引号' 开头", "#标题", "@通知"]:
        text = render_notice(head(title=title, addressees=None), [], [], "g.txt:3")
        data = yaml.load(text.split("---\n")[1], Loader=yaml.CSafeLoader)
        assert data["title"] == title
        assert data["date"] == datetime.date(2016, 8, 1)
        assert "addressees" not in data


def test_heading_levels_follow_the_kinds_the_notice_uses():
    blocks = [Heading("cn_paren", "（一）", "目标"), Heading("ar_dot", "1.", "加强组织领导"), Paragraph("正文。")]
    assert render_body(blocks) == "## （一）目标\n\n### 1. 加强组织领导\n\n正文。\n"
    with_chapters = [Heading("chapter", "第一章", "总则"), Paragraph("第一条 为了……"), Heading("cn_paren", "（一）", "本地展览")]
    assert render_body(with_chapters) == "## 第一章 总则\n\n第一条 为了……\n\n### （一）本地展览\n"
    nested = [Heading("cn_dun", "一、", "总体要求"), Heading("cn_paren", "（一）", "指导思想")]
    assert render_body(nested) == "## 一、总体要求\n\n### （一）指导思想\n"


def test_tables_personnel_and_attachment_lists():
    assert render_body([Table(("辖区", "任务数"), (("金水区", "2036"),))]) == (
        "| 辖区 | 任务数 |\n| --- | --- |\n| 金水区 | 2036 |\n")
    assert render_body([Table(None, (("80.郑州海嘉食品有限公司", "a|b"),))]) == (
        "|   |   |\n| --- | --- |\n| 80.郑州海嘉食品有限公司 | a\\|b |\n")
    assert render_body([Personnel((("组长", "杨福平", "市政府副市长"), ("", "李书峰", "市发展改革委主任")))]) == (
        "| 职务 | 姓名 | 单位及职务 |\n| --- | --- | --- |\n| 组长 | 杨福平 | 市政府副市长 |\n|   | 李书峰 | 市发展改革委主任 |\n")
    assert render_body([AttachmentList(("附件：1. 甲表", "2. 乙表", "1. 丙表"), ())]) == (
        "附件：1. 甲表\\\n2. 乙表\\\n1\\. 丙表\n")


def test_markup_is_escaped_and_no_html_passes():
    assert escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert escape("# 不是标题") == "\\# 不是标题"
    assert escape("- 不是列表") == "\\- 不是列表"
    assert escape("1. 2016年") == "1\\. 2016年"
    assert escape("1.加强组织领导") == "1.加强组织领导"
    assert escape("a*b_c[d]`e` &amp; 5$") == "a\\*b\\_c\\[d\\]\\`e\\` \\&amp; 5\\$"
