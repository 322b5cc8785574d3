"""解读 meet their policies: links, the error for a 文号 not on the site, the 政务公开 warnings."""

from datetime import date

from site_builder.analyse.interpretations import add_working_days, normative_kind
from site_builder.analyse.run import assemble
from site_builder.load.interpretation import parse_interpretation
from tests.conftest import interpretation_text, notice_text

MEASURES = notice_text(doc_number="郑政〔2016〕25号", title="关于印发郑州市市长质量奖管理办法的通知", date="2016-08-05")
OPINION = notice_text()  # 郑政〔2016〕24号, 实施意见, 2016-08-01 (a Monday)
NOTICE = notice_text(doc_number="郑政〔2016〕26号", title="关于做好防汛工作的通知", date="2016-08-10")


def analysed(*interpretations: str):
    items = [parse_interpretation(f"content/interpretations/{n}.md", text.encode())[0]
             for n, text in enumerate(interpretations)]
    return assemble([(f"content/notices/{n}.md", t.encode()) for n, t in enumerate((MEASURES, OPINION, NOTICE))],
                    interpretations=items)


def test_a_policy_knows_its_interpretations_oldest_first():
    library, diagnostics = analysed(interpretation_text(interprets="郑政〔2016〕24号", date="2016-08-03"),
                                    interpretation_text(interprets="[郑政〔2016〕24号, 郑政〔2016〕25号]", date="2016-08-01"))
    assert library.interpreted == {"zhengzheng-2016-24": ("1", "0"), "zhengzheng-2016-25": ("1",)}
    assert [d.code for d in diagnostics] == []


def test_a_number_not_on_the_site_is_an_error_on_its_line():
    _, diagnostics = analysed("---\ntitle: 解读\ndate: 2016-08-02\ninterprets:\n  - 郑政〔2016〕24号\n  - 郑政〔2016〕99号\n---\n")
    assert [str(d) for d in diagnostics] == [
        "content/interpretations/0.md:6: E123 interprets (解读的文件) 郑政〔2016〕99号, which is not a notice of this "
        "site (check the 文号, or add the notice to content/notices/)",
        "content/notices/0.md:4: W140 郑政〔2016〕25号 is a 办法 with no 政策解读 (publish one with it: "
        "content/interpretations/*.md with 'interprets: 郑政〔2016〕25号')"]


def test_a_late_interpretation_and_a_normative_notice_without_one_are_warned_about():
    _, diagnostics = analysed(interpretation_text(interprets="郑政〔2016〕24号", date="2016-08-05"),
                              interpretation_text(interprets="郑政〔2016〕24号", date="2016-08-04"))
    assert [str(d) for d in diagnostics] == [
        "content/interpretations/0.md:3: W141 published 2016-08-05, more than 3 working days after 郑政〔2016〕24号 "
        "(2016-08-01) (a 解读 is due with its policy, by 2016-08-04 at the latest)",
        "content/notices/0.md:4: W140 郑政〔2016〕25号 is a 办法 with no 政策解读 (publish one with it: "
        "content/interpretations/*.md with 'interprets: 郑政〔2016〕25号')"]  # 通知 26 is not a 规范性文件


def test_working_days_skip_the_weekend_and_the_kinds_come_from_the_title():
    assert add_working_days(date(2016, 8, 5), 3) == date(2016, 8, 10)  # Friday → Wednesday
    library, diagnostics = analysed()
    # A site that publishes no 解读 yet is told too: 政务公开 asks one of each 规范性文件, not of each site that has one.
    assert [(d.path, d.code, d.message) for d in diagnostics] == [
        ("content/notices/0.md", "W140", "郑政〔2016〕25号 is a 办法 with no 政策解读"),
        ("content/notices/1.md", "W140", "郑政〔2016〕24号 is a 意见 with no 政策解读")]
    kinds = {slug: normative_kind(n) for slug, n in library.notices.items()}
    assert kinds == {"zhengzheng-2016-24": "意见", "zhengzheng-2016-25": "办法", "zhengzheng-2016-26": ""}
