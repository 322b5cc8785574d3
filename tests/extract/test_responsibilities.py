import pytest

from site_builder.extract.department_names import Directory, split_names
from site_builder.extract.responsibilities import first_leads, responsibilities
from site_builder.extract.markdown import render_body
from site_builder.load.reference_files import parse_departments

DEPARTMENTS = """
[departments]
"市发展改革委" = ["市发改委", "郑州市发展和改革委员会"]
"市财政局" = []
"市国土资源局" = ["市国土局"]
"市粮食局" = []
"市农委" = []
"市人社局" = ["市人力资源和社会保障局"]
"市科技局" = []
"市工信委" = []
"市文广新局" = []
"市公安局" = []
"市网信办" = []
"市政府督查室" = []
"市政府金融办" = []
"市航空枢纽办" = ["市枢纽办"]
"市煤炭局" = []

[counties]
"上街区" = []

[groups]
"各县（市、区）人民政府" = ["各县（市、区）", "各县（市、区）政府"]
"各开发区管委会" = ["开发区", "各开发区"]

[bodies]
"中国农业发展银行河南省分行营业部" = []

[expands]
"各辖区政府" = ["各县（市、区）人民政府", "各开发区管委会"]

[unlisted]
"市有关部门" = "泛指"
"有关部门" = "泛指"
"""


@pytest.fixture(scope="module")
def directory():
    departments, diagnostics = parse_departments("content/departments.toml", DEPARTMENTS)
    assert diagnostics == []
    return Directory(departments)


def found(body: str, directory) -> list[tuple]:
    duties, unknown = responsibilities(render_body(body, line_offset=10), directory)
    assert unknown == [], unknown
    return [(d.anchor, d.department, d.role) for d in duties]


def test_responsibility_line_without_a_lead_note_is_joint(directory):
    assert found("### （一）任务\n\n正文。\n\n责任单位：市粮食局、市农委\n", directory) == [
        ("s1", "市粮食局", "负责"), ("s1", "市农委", "负责")]


def test_a_single_responsible_unit_leads(directory):
    assert found("### （一）任务\n\n责任单位：市粮食局\n", directory) == [("s1", "市粮食局", "牵头")]


def test_first_listed_leads_when_the_notice_says_so(directory):
    body = ("### （一）任务\n\n责任单位：市粮食局、市农委、中国农业发展银行河南省分行营业部（列第一位的为牵头单位，下同）\n\n"
            "### （二）另一任务\n\n责任单位：市国土资源局、市农委、各县（市、区）人民政府\n")
    assert found(body, directory) == [
        ("s1", "市粮食局", "牵头"), ("s1", "市农委", "配合"), ("s1", "中国农业发展银行河南省分行营业部", "配合"),
        ("s2", "市国土资源局", "牵头"), ("s2", "市农委", "配合"), ("s2", "各县（市、区）人民政府", "配合")]


def test_lead_note_variants():
    assert first_leads("各相关县(市、区)、开发区(排在首位的为牵头单位,其他为配合单位,下同)")
    assert first_leads("（列第一位的为牵头单位，下同）")
    assert not first_leads("各牵头单位、责任单位要针对工作任务开展排查")


def test_lead_and_support_in_parentheses(directory):
    body = "1.建立平台。整合资源。（牵头单位：市科技局，配合单位：市工信委、市财政局）\n"
    assert found(body, directory) == [("s1", "市科技局", "牵头"), ("s1", "市工信委", "配合"), ("s1", "市财政局", "配合")]


def test_lead_and_support_separated_by_a_dun_comma(directory):
    body = "1.推进。（牵头单位: 市工信委、配合单位: 市发展改革委、市财政局。）\n"
    assert found(body, directory) == [
        ("s1", "市工信委", "牵头"), ("s1", "市发展改革委", "配合"), ("s1", "市财政局", "配合")]


def test_lead_line_then_responsible_line_makes_the_responsible_support(directory):
    body = "### （四）淘汰公务车\n\n制定考核办法。\n\n牵头单位：市粮食局\n\n责任单位：市财政局、市有关部门\n"
    assert found(body, directory) == [("s4", "市粮食局", "牵头"), ("s4", "市财政局", "配合")]


def test_responsible_line_then_support_line_makes_the_responsible_lead(directory):
    body = "### （一）划定区域\n\n责任单位: 市公安局\n\n配合单位: 各辖区政府, 市财政局\n"
    assert found(body, directory) == [("s1", "市公安局", "牵头"), ("s1", "各县（市、区）人民政府", "配合"),
                                      ("s1", "各开发区管委会", "配合"), ("s1", "市财政局", "配合")]


def test_x_leads(directory):
    assert found("1.制定标准。(市科技局牵头负责)\n", directory) == [("s1", "市科技局", "牵头")]
    assert found("1.制定标准。（市网信办负责）\n", directory) == [("s1", "市网信办", "牵头")]


def test_each_according_to_their_duties(directory):
    body = "1.打击侵权。(市公安局、文广新局、网信办按职责分工分别负责)\n"
    assert found(body, directory) == [("s1", "市公安局", "负责"), ("s1", "市文广新局", "负责"), ("s1", "市网信办", "负责")]


def test_lead_then_each_according_to_their_duties(directory):
    body = "1.查处。（市文广新局牵头负责，公安局、网信办按职责分工分别负责）\n"
    assert found(body, directory) == [("s1", "市文广新局", "牵头"), ("s1", "市公安局", "配合"), ("s1", "市网信办", "配合")]


def test_x_leads_together_with(directory):
    body = ("## 一、保障措施\n\n由市发展改革委牵头，会同市政府督查室、市工信委、财政局、科技局等单位定期组织开展专项督查，"
            "及时发现问题。市粮食局要会同有关部门抓紧制定监督考核办法。\n")
    assert found(body, directory) == [
        ("s1", "市发展改革委", "牵头"), ("s1", "市政府督查室", "配合"), ("s1", "市工信委", "配合"),
        ("s1", "市财政局", "配合"), ("s1", "市科技局", "配合"), ("s1", "市粮食局", "牵头")]


def test_together_with_in_running_text_needs_a_known_lead(directory):
    assert found("第三条 评委会秘书处应会同相关部门推行先进管理方法。\n", directory) == []


def test_duty_list_items_that_start_with_the_department(directory):
    body = "## 五、责任分工\n\n3.市煤炭局：牵头负责全市煤炭行业化解过剩产能工作。\n\n4.三核：加快建设。\n"
    assert found(body, directory) == [("s5-3", "市煤炭局", "牵头")]
    duties, _ = responsibilities(render_body(body), directory)
    assert duties[0].task == "牵头负责全市煤炭行业化解过剩产能工作"


def test_table_columns(directory):
    body = ("## 附件\n\n| 序号 | 专项工作 | 责任单位 | 配合单位 |\n|---|---|---|---|\n| 一 | 明晰功能定位 | | |\n"
            "| 6 | 创新举措招商 | 市科技局 | 市发展改革委、各县(市、区) |\n| 7 | 强化土地保障 | 市国土资源局 | 市财政局 |\n")
    duties, unknown = responsibilities(render_body(body, line_offset=10), directory)
    assert unknown == []
    assert [(d.anchor, d.task, d.department, d.role, d.line) for d in duties] == [
        ("attachments", "6 创新举措招商", "市科技局", "牵头", 16),
        ("attachments", "6 创新举措招商", "市发展改革委", "配合", 16),
        ("attachments", "6 创新举措招商", "各县（市、区）人民政府", "配合", 16),
        ("attachments", "7 强化土地保障", "市国土资源局", "牵头", 17),
        ("attachments", "7 强化土地保障", "市财政局", "配合", 17)]


def test_lead_and_support_columns(directory):
    body = "| 序号 | 专项工作 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n| 1 | 加强组织领导 | 市发展改革委 | 市规划局 |\n"
    duties, unknown = responsibilities(render_body(body), directory)
    assert [(d.department, d.role) for d in duties] == [("市发展改革委", "牵头")]
    assert [u.name for u in unknown] == ["市规划局"]


def test_a_header_repeated_where_the_table_crossed_a_page_is_no_row(directory):
    # The embedded gazette's 郑政办〔2016〕48号 repeats its header after row 4 (its printed table crossed a page).
    header = "| 序号 | 专项工作 | 牵头单位 | 配合单位 |\n"
    body = (header + "|---|---|---|---|\n| 1 | 加强组织领导 | 市发展改革委 | 市财政局 |\n" + header
            + "| 2 | 提升城市形象 | 市发展改革委 | 市财政局 |\n")
    duties, unknown = responsibilities(render_body(body), directory)
    assert unknown == []
    assert {(d.department, d.role) for d in duties} == {("市发展改革委", "牵头"), ("市财政局", "配合")}


def test_shared_prefix_expands(directory):
    body = "### （一）任务\n\n责任单位：市发展改革委、财政局、国土资源局\n"
    assert found(body, directory) == [("s1", "市发展改革委", "负责"), ("s1", "市财政局", "负责"),
                                      ("s1", "市国土资源局", "负责")]


def test_shared_prefix_tries_the_longest_prefix_first(directory):
    body = "### （一）任务\n\n责任单位：市政府金融办、枢纽办、上街区\n"
    assert found(body, directory) == [("s1", "市政府金融办", "负责"), ("s1", "市航空枢纽办", "负责"),
                                      ("s1", "上街区", "负责")]


def test_aliases_resolve_to_one_department(directory):
    body = "### （一）甲\n\n责任单位：市发改委\n\n### （二）乙\n\n责任单位：郑州市发展和改革委员会\n"
    assert found(body, directory) == [("s1", "市发展改革委", "牵头"), ("s2", "市发展改革委", "牵头")]
    assert directory.resolve("市 发 改 委") == ("市发展改革委",)


def test_county_governments_are_one_group_however_written(directory):
    body = ("### （一）甲\n\n责任单位：各县(市、区)人民政府\n\n### （二）乙\n\n责任单位：市粮食局，各县（市、区）、开发区\n")
    assert found(body, directory) == [
        ("s1", "各县（市、区）人民政府", "牵头"), ("s2", "市粮食局", "负责"), ("s2", "各县（市、区）人民政府", "负责"),
        ("s2", "各开发区管委会", "负责")]


def test_generic_names_are_neither_departments_nor_unknown(directory):
    assert found("### （一）甲\n\n责任单位：市粮食局、市有关部门\n", directory) == [("s1", "市粮食局", "负责")]


def test_names_joined_by_he_are_split_when_both_are_known(directory):
    # one department and a generic name: listed together, so neither is said to lead
    assert found("### （一）甲\n\n责任单位:市科技局和市有关部门。\n", directory) == [("s1", "市科技局", "负责")]


def test_unknown_names_are_reported_with_the_prefix_applied(directory):
    body = "### （一）甲\n\n正文。\n\n责任单位：市粮食局、统计局、市数字办\n"
    duties, unknown = responsibilities(render_body(body, line_offset=4), directory)
    assert [d.department for d in duties] == ["市粮食局"]
    assert [(u.name, u.anchor, u.line) for u in unknown] == [("市统计局", "s1", 5), ("市数字办", "s1", 5)]
    assert directory.suggest("市粮食") == "市粮食局"


def test_inline_responsibility_at_the_end_of_a_paragraph(directory):
    body = "1.建立目录。争取2016年年底完成。责任单位:市粮食局、市政府金融办。\n\n2.规范采集。\n"
    assert found(body, directory) == [("s1", "市粮食局", "负责"), ("s1", "市政府金融办", "负责")]


def test_the_strongest_role_wins_within_a_clause(directory):
    body = "1.甲。（市粮食局负责）乙。（市农委牵头负责，市粮食局按职责分工分别负责）\n"
    assert found(body, directory) == [("s1", "市粮食局", "牵头"), ("s1", "市农委", "牵头")]


def test_split_names_keeps_parentheses_and_drops_notes():
    assert split_names("市粮食局、各县（市、区）人民政府（列第一位的为牵头单位，下同）") == ["市粮食局", "各县（市、区）人民政府"]
    assert split_names("市工信委、商务局、监察局等单位") == ["市工信委", "商务局", "监察局"]
