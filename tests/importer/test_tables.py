import textwrap

from site_builder.importer.lines import split_lines
from site_builder.importer.model import Personnel, Table
from site_builder.importer.tables import parse_personnel, parse_pipe_table, parse_tab_table


def lines_of(text: str):
    return split_lines(textwrap.dedent(text).strip("\n"))


def test_a_tab_table_with_a_header_bridges_a_page_break():
    lines = lines_of("""
        序号\t专项工作\t责任单位\t配合单位
        一\t明晰功能定位,壮大主导产业规模\t\t
        1\t金融业\t各县(市、区)\t市发展改革委

        二\t重视重点带面\t\t
        2\t推进地下空间开发\t各县(市、区)\t市规划局
        正文。
        """)
    table, end, _ = parse_tab_table(lines, 0)
    assert table == Table(("序号", "专项工作", "责任单位", "配合单位"), (
        ("一", "明晰功能定位,壮大主导产业规模", "", ""), ("1", "金融业", "各县(市、区)", "市发展改革委"),
        ("二", "重视重点带面", "", ""), ("2", "推进地下空间开发", "各县(市、区)", "市规划局")))
    assert lines[end].text == "正文。"


def test_a_header_printed_again_after_a_page_break_starts_a_new_table():
    lines = lines_of("""
        辖区\t任务数
        金水区\t2036

        辖区\t任务数
        高新区\t109
        """)
    first, end, _ = parse_tab_table(lines, 0)
    assert first == Table(("辖区", "任务数"), (("金水区", "2036"),))
    assert parse_tab_table(lines, end + 1)[0] == Table(("辖区", "任务数"), (("高新区", "109"),))


def test_spaces_in_cells_are_repaired():
    lines = lines_of("服务业专业园区名称\t实际到位 市外资金\n郑东新区中央商务区\t5")
    table, _, repairs = parse_tab_table(lines, 0)
    assert table.header == ("服务业专业园区名称", "实际到位市外资金")
    assert [(r.line, r.kind) for r in repairs] == [(1, "space")]


def test_a_pipe_table_behind_a_stray_list_dash_has_no_header():
    lines = lines_of("""
        - | | |
        |----------|---------|
        | 80. 郑州海嘉食品有限公司 | 96. 卡特彼勒(郑州)分公司 |
        | 81. 河南辉煌科技股份有限公司 | 97. 郑州 | 渡森 |
        """)
    table, end, repairs = parse_pipe_table(lines, 0)
    assert table == Table(None, (("80.郑州海嘉食品有限公司", "96.卡特彼勒(郑州)分公司", ""),
                                 ("81.河南辉煌科技股份有限公司", "97.郑州", "渡森")))
    assert end == 4
    assert [r.kind for r in repairs] == ["bullet"] + ["layout"] * 4  # layout: the space after 80.


def test_a_personnel_list_without_tabs():
    lines = lines_of("""
        组 长：杨福平 市政府副市长
        副组长：冯卫平 市政府副秘书长
         李书峰 市发展改革委主任
        成 员：刘 睿 市财政局局长
         袁启发 市财政局党委委员、
         副调研员

        李春德 市环保局副局长
         市国有林场改革工作领导小组办公室设在市林业局，崔正明兼任办公室主任。
        """)
    personnel, end, repairs = parse_personnel(lines, 0)
    assert personnel == Personnel((
        ("组长", "杨福平", "市政府副市长"), ("副组长", "冯卫平", "市政府副秘书长"), ("", "李书峰", "市发展改革委主任"),
        ("成员", "刘睿", "市财政局局长"), ("", "袁启发", "市财政局党委委员、副调研员"), ("", "李春德", "市环保局副局长")))
    assert end == 8
    assert [(r.line, r.kind, r.after) for r in repairs] == [(5, "join", "市财政局党委委员、副调研员")]


def test_a_tab_separated_personnel_list_with_a_row_cut_by_a_page_break():
    lines = lines_of("""
        组 长：\t程志明\t市政府代市长
        副 组 长：\t张 吉\t市政府副秘书长
        \t李书峰\t市发展改革委主任
        成 员：\t产煤县（市、区）政府、市\t

        发展改革委、市工信委等单位主要负责人。

        领导小组主要职责：贯彻落实中央决策部署。
        """)
    personnel, end, _ = parse_personnel(lines, 0)
    assert personnel.rows == (("组长", "程志明", "市政府代市长"), ("副组长", "张吉", "市政府副秘书长"),
                              ("", "李书峰", "市发展改革委主任"), ("成员", "", "产煤县（市、区）政府、市发展改革委、市工信委等单位主要负责人。"))
    assert lines[end + 1].text.startswith("领导小组主要职责")


def test_a_single_row_is_not_a_list():
    assert parse_personnel(lines_of("召集人：薛云伟 市委常委、副市长\n\n联席会议下设办公室。"), 0) is None
