"""The embedded gazette, imported whole: metadata, conservation, idempotence, metamorphic variants."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from site_builder.importer import EXIT_OK, import_text, run_import
from site_builder.importer.tables import PERSONNEL_HEADER

from .conftest import GAZETTE, cjk, split_notice

O, OB = "郑州市人民政府", "郑州市人民政府办公厅"
# Read off the gazette by hand: 文号, 发文机关, 成文日期, 标题.
EXPECTED = [
    ("郑政〔2016〕24号", O, "2016-08-01", "关于全面落实粮食安全省长责任制的实施意见"),
    ("郑政〔2016〕25号", O, "2016-08-05", "关于印发郑州市市长质量奖管理办法的通知"),
    ("郑政〔2016〕26号", O, "2016-08-16", "关于促进科技和金融结合的意见"),
    ("郑政〔2016〕27号", O, "2016-08-18", "关于加快国家区域性会展中心城市建设的意见"),
    ("郑政〔2016〕28号", O, "2016-08-29", "关于扶持小微企业加快发展的意见"),
    ("郑政文〔2016〕131号", O, "2016-08-03", "关于2016年下半年保增长强投资的实施意见"),
    ("郑政文〔2016〕134号", O, "2016-08-03", "关于成立市国有林场改革工作领导小组的通知"),
    ("郑政文〔2016〕135号", O, "2016-08-04", "关于成立郑州市易地扶贫搬迁工作领导小组的通知"),
    ("郑政文〔2016〕137号", O, "2016-08-11", "关于迅速清除贾鲁河规划蓝线内所有林木、建筑物、鱼塘等阻水障碍物的紧急通知"),
    ("郑政文〔2016〕138号", O, "2016-08-18", "关于公布郑州市2016年度百强和百高工业企业名单的通知"),
    ("郑政文〔2016〕139号", O, "2016-08-25", "关于成立郑州市钢铁煤炭行业化解过剩产能领导小组的通知"),
    ("郑政办〔2016〕47号", OB, "2016-07-29", "关于印发2016年郑州市服务业专业园区建设专项工作方案的通知"),
    ("郑政办〔2016〕48号", OB, "2016-07-29", "关于印发2016年郑州市组团新区建设专项工作方案的通知"),
    ("郑政办〔2016〕49号", OB, "2016-07-29", "关于印发2016年郑州市产业集聚区建设专项工作方案的通知"),
    ("郑政办〔2016〕50号", OB, "2016-08-18", "关于印发郑州市老旧车淘汰工作方案的通知"),
    ("郑政办〔2016〕51号", OB, "2016-08-18", "关于印发郑州市重型柴油车污染综合整治工作方案的通知"),
    ("郑政办文〔2016〕57号", OB, "2016-08-02", "印发郑州市人民政府办公厅关于办理人大代表建议政协委员提案工作的若干规定的通知"),
    ("郑政办文〔2016〕58号", OB, "2016-08-16", "关于印发2016年郑州市贯彻落实质量发展纲要行动计划的通知"),
    ("郑政办文〔2016〕59号", OB, "2016-08-16", "关于印发郑州市加强互联网领域侵权假冒行为治理实施方案的通知"),
    ("郑政办文〔2016〕60号", OB, "2016-08-16", "关于印发2016年郑州市打击侵犯知识产权和制售假冒伪劣商品工作任务及分工方案的通知"),
    ("郑政办文〔2016〕62号", OB, "2016-08-22", "关于印发郑州市2016年煤炭消费减量替代工作方案的通知"),
    ("郑政办文〔2016〕63号", OB, "2016-08-22", "关于建立郑州市企业信用信息归集共享工作联席会议制度的通知"),
    ("郑政办文〔2016〕64号", OB, "2016-08-22", "关于修订印发郑州市会展业发展专项资金管理办法的通知"),
    ("郑政办文〔2016〕65号", OB, "2016-08-23", "关于印发郑州市运用大数据加强对市场主体服务和监管实施方案的通知"),
    ("郑政办文〔2016〕66号", OB, "2016-08-23", "关于印发郑州市创建国家社会信用体系建设示范城市工作方案的通知"),
    ("郑政办文〔2016〕67号", OB, "2016-08-25", "关于印发郑州市钢铁行业化解过剩产能实现脱困发展实施方案的通知"),
    ("郑政办文〔2016〕68号", OB, "2016-08-25", "关于印发郑州市煤炭行业化解过剩产能实现脱困发展实施方案的通知"),
]


def parse(text: str) -> tuple[dict, str]:
    front, body = split_notice(text)
    return yaml.load(front, Loader=yaml.CSafeLoader), body


def metadata(text: str) -> dict[str, tuple]:
    """文号 → (发文机关, 成文日期, 标题, 主送机关, attachments) of every notice imported from `text`."""
    result = import_text(text, "g.txt", "g.txt")
    assert result.diagnostics == ()
    found = {}
    for notice in result.notices:
        meta, _ = parse(notice.text)
        found[meta["doc_number"]] = (meta["issuer"], meta["date"], meta["title"], meta.get("addressees"),
                                     meta.get("attachments"))
    return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, list[str]]:
    if not GAZETTE.is_file():
        pytest.skip(f"the embedded gazette is not at {GAZETTE}")
    content = tmp_path_factory.mktemp("site") / "content"
    printed: list[str] = []
    assert run_import(GAZETTE, content, echo=printed.append) == EXIT_OK
    return content, printed


@pytest.fixture(scope="module")
def notices(imported) -> list[tuple[dict, str]]:
    """(front matter, body) of every notice, in gazette order."""
    content, _ = imported
    found = [parse(path.read_text(encoding="utf-8")) for path in (content / "notices").glob("*.md")]
    return sorted(found, key=lambda notice: int(notice[0]["source"].rsplit(":", 1)[1]))


def test_27_notices_with_exactly_the_right_metadata(notices):
    assert [(m["doc_number"], m["issuer"], m["date"].isoformat(), m["title"]) for m, _ in notices] == EXPECTED


def test_files_are_named_by_the_document_number(imported, notices):
    content, printed = imported
    names = sorted(p.name for p in (content / "notices").iterdir())
    assert "zhengzhengbanwen-2016-63.md" in names and "zhengzheng-2016-24.md" in names and len(names) == 27
    assert printed[-1].startswith("imported 27 notices: 27 written, 0 unchanged, 0 conflicts; ")


def test_every_chinese_character_is_kept_in_order_and_none_duplicated(gazette_text, notices):
    """The head is in the front matter, in print order; only the 成文日期 became ISO (its 年月日 are added back).

    Attachments in the front matter repeat the 附件 list that the body keeps, so they are not counted; the
    personnel table header is the importer's own; 和 is added where the gazette printed `and` instead.
    """
    parts = []
    for meta, body in notices:
        parts += [meta["issuer"], meta["title"], meta["doc_number"], "年月日", meta.get("addressees") or ""]
        header = "| " + " | ".join(PERSONNEL_HEADER) + " |"
        parts += [line for line in body.split("\n") if line != header]
    output, source = cjk("\n".join(parts)), cjk(gazette_text)
    added = output.count("和") - source.count("和")
    assert added == len(re.findall(r"[\u4e00-\u9fff]\s*and\s*[\u4e00-\u9fff]", gazette_text)) > 0
    assert output.replace("和", "") == source.replace("和", "")


def test_the_import_report_lists_the_repairs(imported):
    content, printed = imported
    report = (content / "import-report.md").read_text(encoding="utf-8")
    listed = len(re.findall(r"^- `zhengzhou-gazette-2016-08\.txt:\d+` ", report, flags=re.M))
    assert printed[-1].endswith(f"; {listed} repairs listed in {content}/import-report.md")
    assert report.count("\n## ") == 27
    assert "：`务和监管的若干意见》（国⏎办发〔2015〕51号）` → `务和监管的若干意见》（国办发〔2015〕51号）`" in report
    assert "- `zhengzhou-gazette-2016-08.txt:657` 和：`需要的应用型 and 复合型专业人` → `需要的应用型和复合型专业人`\n" in report


def test_a_second_import_is_byte_identical_and_writes_nothing(imported, tmp_path):
    content, _ = imported
    before = {p.relative_to(content): p.read_bytes() for p in content.rglob("*") if p.is_file()}
    printed: list[str] = []
    assert run_import(GAZETTE, content, echo=printed.append) == EXIT_OK
    assert "27 notices: 0 written, 27 unchanged, 0 conflicts" in printed[-1]
    assert {p.relative_to(content): p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def bodies(notices) -> dict[str, str]:
    return {meta["doc_number"]: body for meta, body in notices}


def test_page_breaks_inside_citations_and_responsibility_lines_are_joined(notices):
    text = bodies(notices)
    assert "《国务院办公厅关于运用大数据加强对市场主体服务和监管的若干意见》（国办发〔2015〕51号），以及" in text["郑政办文〔2016〕65号"]
    assert "\n责任单位：市粮食局、市农委、市发展改革委、市财政局、市国土资源局、市物价局、中国农业发展银行河南省分行营业部（列第一位的为牵头单位，下同）\n" \
        in text["郑政〔2016〕24号"]
    assert "（郑政文〔2016〕123号)精神,特制定本方案。" in text["郑政办〔2016〕51号"]
    assert "（郑信用〔2015〕3号）文件的要求" in text["郑政办文〔2016〕66号"]


def test_personnel_lists_are_tables(notices):
    text = bodies(notices)
    assert "| 组长 | 程志明 | 市政府代市长 |\n| 常务副组长 | 黄卿 | 市政府副市长 |\n| 副组长 | 张吉 | 市政府副秘书长 |\n" \
        "|   | 李书峰 | 市发展改革委主任 |\n| 成员 |   | 产煤县（市、区）政府、市发展改革委、" in text["郑政文〔2016〕139号"]
    assert "|   | 袁启发 | 市财政局党委委员、副调研员 |" in text["郑政文〔2016〕135号"]
    assert "| 召集人 | 薛云伟 | 市委常委、副市长 |" in text["郑政办文〔2016〕63号"]


def test_headings_and_attachments(notices):
    text = bodies(notices)
    assert "\n## 一、明确和落实粮食安全责任\n\n### （一）切实增强新形势下的粮食安全意识\n" in text["郑政〔2016〕24号"]
    assert "\n## 第一章 总则\n\n第一条 为进一步落实" in text["郑政〔2016〕25号"]
    assert "\n### （五）拓宽直接融资渠道，加快推进科技型企业上市融资\n" in text["郑政〔2016〕26号"]
    meta = {m["doc_number"]: m for m, _ in notices}
    assert meta["郑政办〔2016〕47号"]["attachments"] == [
        {"title": "2016年郑州市服务业专业园区建设重点工作分工", "omitted": False},
        {"title": "2016年服务业专业园区建设任务", "omitted": False},
        {"title": "2016年服务业专业园区重点建设项目", "omitted": True}]


def test_no_raw_html_and_no_list_markup_in_bodies(notices):
    for _, body in notices:
        assert not re.search(r"<[A-Za-z/]", body)
        # After a hard break (a 附件 list) only a list starting at 1 could begin.
        assert not re.search(r"(?:^|\n\n)(?:[-+*] |\d+[.)] )|\\\n(?:[-+*] |1[.)] )", body)


# Metamorphic variants: the same gazette in another form must give the same metadata.

def test_notices_in_another_order(gazette_text, notices):
    lines = gazette_text.split("\n")
    starts = [int(meta["source"].rsplit(":", 1)[1]) - 1 for meta, _ in notices]
    chunks = ["\n".join(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)])]
    random.Random(2016).shuffle(chunks)
    shuffled = "\n".join(lines[: starts[0]] + chunks)
    assert metadata(shuffled) == metadata(gazette_text)


def test_crlf_line_ends(gazette_text):
    assert metadata(gazette_text.replace("\n", "\r\n")) == metadata(gazette_text)


def test_full_and_half_width_punctuation_swapped(gazette_text):
    swap = str.maketrans({"（": "(", "(": "（", "）": ")", ")": "）", "，": ",", ",": "，", "：": ":", ":": "：",
                          "；": ";", ";": "；", "〔": "[", "[": "〔", "〕": "]", "]": "〕"})
    swapped = gazette_text.translate(swap)
    assert swapped != gazette_text
    assert metadata(swapped) == metadata(gazette_text)
