import pytest

from site_builder.core.doctypes import doc_type, enclosed_type


@pytest.mark.parametrize("title, formal, enclosed", [
    ("关于全面落实粮食安全省长责任制的实施意见", "意见", ""),
    ("关于印发郑州市市长质量奖管理办法的通知", "通知", "办法"),
    ("关于印发2016年郑州市服务业专业园区建设专项工作方案的通知", "通知", "方案"),
    ("关于修订印发郑州市会展业发展专项资金管理办法的通知", "通知", "办法"),
    ("印发郑州市人民政府办公厅关于办理人大代表建议政协委员提案工作的若干规定的通知", "通知", "规定"),
    ("关于公布郑州市2016年度百强和百高工业企业名单的通知", "通知", "名单"),
    ("关于迅速清除贾鲁河规划蓝线内所有林木、建筑物、鱼塘等阻水障碍物的紧急通知", "通知", ""),
    ("关于成立郑州市易地扶贫搬迁工作领导小组的通知", "通知", ""),
    ("郑州市人民政府令", "令", ""),
    ("会议记录", "其他", ""),
])
def test_doc_types(title, formal, enclosed):
    assert doc_type(title) == formal
    assert enclosed_type(title) == enclosed


def test_a_title_reads_with_its_issuer_unless_it_names_itself():
    from site_builder.core.doctypes import full_title

    assert full_title("郑州市人民政府", "关于印发X办法的通知") == "郑州市人民政府关于印发X办法的通知"
    assert full_title("国务院办公厅", "对十届全国人大四次会议第7264号建议的答复") == \
        "国务院办公厅对十届全国人大四次会议第7264号建议的答复"
    assert full_title("国务院", "专利代理条例") == "专利代理条例"
    assert full_title("上海市人民政府", "上海市生活垃圾管理办法") == "上海市生活垃圾管理办法"
    assert full_title("上海市人民政府", "关于修改和废止部分市政府规章的决定") == "上海市人民政府关于修改和废止部分市政府规章的决定"
