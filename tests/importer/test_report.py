from site_builder.importer.model import Repair
from site_builder.importer.report import NoticeRepairs, code, render_report


def test_the_report_lists_every_repair_by_notice_with_counts():
    notices = [
        NoticeRepairs("郑政〔2016〕24号", "关于全面落实粮食安全省长责任制的实施意见", "notices/zhengzheng-2016-24.md", (
            Repair(22, "join", "统一领导下⏎的粮食安全", "统一领导下的粮食安全"),
            Repair(5, "space", "责任制的 实施意见", "责任制的实施意见"),
            Repair(13, "layout", "1. 加强", "1.加强"))),
        NoticeRepairs("郑政〔2016〕25号", "关于印发郑州市市长质量奖管理办法的通知", "notices/zhengzheng-2016-25.md", ()),
    ]
    report = render_report("g.txt", notices)
    assert "导入公文 2 件，共 2 处修复" in report
    assert "另有 1 处编号后的空格按内容格式删去" in report
    assert "| 断行 | 被分页截断的行接回上一行（⏎ 为原断行处） | 1 |" in report
    assert "| 和 | 提取时误作 and 的“和” | 0 |" in report
    assert report.endswith(
        "## 郑政〔2016〕24号 关于全面落实粮食安全省长责任制的实施意见\n\n"
        "文件 `notices/zhengzheng-2016-24.md`，修复 2 处。\n\n"
        "- `g.txt:5` 空格：`责任制的 实施意见` → `责任制的实施意见`\n"
        "- `g.txt:22` 断行：`统一领导下⏎的粮食安全` → `统一领导下的粮食安全`\n\n"
        "## 郑政〔2016〕25号 关于印发郑州市市长质量奖管理办法的通知\n\n"
        "文件 `notices/zhengzheng-2016-25.md`，无修复。\n")


def test_code_spans_show_any_text_exactly():
    assert code("a`b") == "``a`b``"
    assert code(" 19580 标准") == "`  19580 标准 `"
    assert code("") == "（空）"
