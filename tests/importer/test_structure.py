import textwrap

from site_builder.importer.lines import split_lines
from site_builder.importer.model import Attachment, AttachmentList, Heading, Paragraph, Personnel, Table
from site_builder.importer.structure import attachments, build_body


def body(text: str):
    return build_body(split_lines(textwrap.dedent(text).strip("\n")))


def test_a_paragraph_cut_by_a_page_break_is_joined_across_the_blank_line():
    blocks, repairs = body("""
        （二）明确县（市、区）政府粮食安全责任
        粮食安全市长责任制是市政府统一领导下

        的粮食安全县（市、区）长责任制和部门分工负责制。

        责任单位：市粮食局、市物价局、

        中国农业发展银行河南省分行营业部（列第一位的为牵头单位，下同）
        """)
    assert blocks == [
        Heading("cn_paren", "（二）", "明确县（市、区）政府粮食安全责任"),
        Paragraph("粮食安全市长责任制是市政府统一领导下的粮食安全县（市、区）长责任制和部门分工负责制。"),
        Paragraph("责任单位：市粮食局、市物价局、中国农业发展银行河南省分行营业部（列第一位的为牵头单位，下同）"),
    ]
    assert [(r.line, r.kind) for r in repairs] == [(2, "join"), (6, "join")]


def test_a_citation_cut_by_a_page_break_is_whole_again():
    blocks, _ = body("""
        为贯彻落实《国务院办公厅关于运用大数据加强对市场主体服务和监管的若干意见》（国

        办发〔2015〕51号），以及《河南省人民政府办公厅关于运用大数据加强对市场主体服务和

        监管的实施意见》(豫政办〔2015〕161号)文件精神,现提出如下实施意见:
        """)
    assert blocks == [Paragraph("为贯彻落实《国务院办公厅关于运用大数据加强对市场主体服务和监管的若干意见》（国办发〔2015〕51号），以及"
                                "《河南省人民政府办公厅关于运用大数据加强对市场主体服务和监管的实施意见》(豫政办〔2015〕161号)文件精神,"
                                "现提出如下实施意见:")]


def test_a_document_number_cut_before_its_year():
    blocks, _ = body("""
        根据《郑州市人民政府关于印发郑州市2016年度大气污染防治攻坚方案的通知》（郑政文

        [2016] 123 号) 精神, 特制定本方案。
        """)
    assert blocks == [Paragraph("根据《郑州市人民政府关于印发郑州市2016年度大气污染防治攻坚方案的通知》（郑政文〔2016〕123号)精神,特制定本方案。")]


def test_a_short_complete_line_is_not_joined():
    blocks, _ = body("""
        郑州市市长质量奖管理办法

        第一章 总 则

        2016年郑州市服务业专业园区建设专项工作方案

        2016年是“十三五”规划的开局之年。

        责任单位：市科技局、市财政局，各县（市、区）、开发区

        各县（市、区）政府要按照本意见要求，抓紧提出实施方案。
        """)
    assert blocks == [Paragraph("郑州市市长质量奖管理办法"), Heading("chapter", "第一章", "总则"),
                      Paragraph("2016年郑州市服务业专业园区建设专项工作方案"), Paragraph("2016年是“十三五”规划的开局之年。"),
                      Paragraph("责任单位：市科技局、市财政局，各县（市、区）、开发区"), Paragraph("各县（市、区）政府要按照本意见要求，抓紧提出实施方案。")]


def test_a_responsibility_line_goes_on_after_a_page_break():
    blocks, _ = body("""
        责任单位:市重点项目办、市发展改革委,各相关县

        (市、区)、开发区(排在首位的为牵头单位,其他为配合单位,下同)
        """)
    assert blocks == [Paragraph("责任单位:市重点项目办、市发展改革委,各相关县(市、区)、开发区(排在首位的为牵头单位,其他为配合单位,下同)")]


def test_numbered_lines_are_headings_when_their_siblings_are():
    blocks, _ = body("""
        (一) 本地展览

        1. 新创办的本地展览项目，按每百平方米2500元的标准进行奖励。

        (二) 引进展览

        对引进在我市举办的全国性专业展览项目予以奖励。
        """)
    assert blocks == [Heading("cn_paren", "（一）", "本地展览"), Paragraph("1.新创办的本地展览项目，按每百平方米2500元的标准进行奖励。"),
                      Heading("cn_paren", "（二）", "引进展览"), Paragraph("对引进在我市举办的全国性专业展览项目予以奖励。")]


def test_a_numbered_paragraph_cut_after_a_few_words_is_joined_when_its_siblings_are_paragraphs():
    blocks, _ = body("""
        (一) 在郑州市行政区域内注册登记,具备法人资格,合法运营3年以上;

        (二) 积极推行和采用先进的质量管理方法

        和工具,健全质量管理体系。

        (三) 从事生产、经营活动的,其质量水平等指标在上年度位居国内、省内同行业前列;

        (四) 获得县(市、区)、市级有关主管部门推荐。
        """)
    assert blocks == [Paragraph("（一）在郑州市行政区域内注册登记,具备法人资格,合法运营3年以上;"),
                      Paragraph("（二）积极推行和采用先进的质量管理方法和工具,健全质量管理体系。"),
                      Paragraph("（三）从事生产、经营活动的,其质量水平等指标在上年度位居国内、省内同行业前列;"),
                      Paragraph("（四）获得县(市、区)、市级有关主管部门推荐。")]


def test_the_last_words_of_a_heading_on_their_own_line():
    blocks, _ = body("""
        (五) 拓宽直接融资渠道，加快推进科技型
        企业上市融资

        1. 建立多级联动的挂牌上市资源培育机制。完善政策支持体系。
        """)
    assert blocks[0] == Heading("cn_paren", "（五）", "拓宽直接融资渠道，加快推进科技型企业上市融资")


def test_numbered_lines_one_under_another_are_a_list_not_headings():
    blocks, _ = body("""
        1. 鸿富锦精密电子(郑州)有限公司(省)
        2. 河南能源化工集团有限责任公司(省)
        3. 河南中烟工业责任有限公司黄金叶生产
        制造中心
        """)
    assert blocks == [Paragraph("1.鸿富锦精密电子(郑州)有限公司(省)"), Paragraph("2.河南能源化工集团有限责任公司(省)"),
                      Paragraph("3.河南中烟工业责任有限公司黄金叶生产制造中心")]


def test_attachment_lists_and_omitted_attachments():
    blocks, repairs = body("""
        - 附件：1. 2016年郑州市服务业专业园区建设重点工作分工
        2. 2016年服务业专业园区建设任务
        3. 2016年服务业专业园区重点建设项目（略）

        附件 1
        """)
    assert blocks == [
        AttachmentList(("附件：1. 2016年郑州市服务业专业园区建设重点工作分工", "2. 2016年服务业专业园区建设任务",
                        "3. 2016年服务业专业园区重点建设项目（略）"), (
            Attachment("2016年郑州市服务业专业园区建设重点工作分工", False), Attachment("2016年服务业专业园区建设任务", False),
            Attachment("2016年服务业专业园区重点建设项目", True))),
        Paragraph("附件1")]
    assert attachments(blocks)[2] == Attachment("2016年服务业专业园区重点建设项目", True)
    assert repairs[0].kind == "bullet"


def test_a_single_attachment_in_half_width_brackets():
    blocks, _ = body("附件:互联网领域侵权假冒行为治理统计表(略)")
    assert attachments(blocks) == [Attachment("互联网领域侵权假冒行为治理统计表", True)]


def test_tables_and_personnel_lists_are_blocks():
    blocks, _ = body("""
        现将领导小组成员名单通知如下：

        组 长：杨福平 市政府副市长
        成 员：吴志强 市编办主任

        辖区\t任务数
        金水区\t2036
        """)
    assert blocks == [Paragraph("现将领导小组成员名单通知如下："),
                      Personnel((("组长", "杨福平", "市政府副市长"), ("成员", "吴志强", "市编办主任"))),
                      Table(("辖区", "任务数"), (("金水区", "2036"),))]


def test_and_is_repaired_in_paragraphs():
    blocks, repairs = body("结合我市区位优势 and 现代物流发展实际需要。")
    assert blocks == [Paragraph("结合我市区位优势和现代物流发展实际需要。")]
    assert [(r.line, r.kind, r.before, r.after) for r in repairs] == [
        (1, "and", "我市区位优势 and 现代物流发展", "我市区位优势和现代物流发展")]
