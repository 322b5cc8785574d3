from datetime import date

from site_builder.render.ical import Event, calendar, escape, fold

EVENT = Event(due=date(2017, 12, 31), summary="【牵头】2017年年底前：健全粮食应急供应保障体系",
              description="郑政〔2016〕24号 七（二十）：2017年年底前各地要建成体系, 确保供应; 另见附件\n系统自动提取",
              url="https://www.zhengzhou.gov.cn/gazette/notices/zhengzheng-2016-24.html#s7-20",
              stamp=date(2016, 8, 1), identity="市粮食局|zhengzheng-2016-24|s7-20|2017年年底前|2017-12-31")


def test_calendar_is_rfc5545_text_with_crlf_and_folded_lines():
    data = calendar("市粮食局 · 郑州市人民政府公报", [EVENT], "www.zhengzhou.gov.cn")
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//site-builder//政府公报//ZH\r\n")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20171231\r\n" in unfolded and "DTEND;VALUE=DATE:20180101\r\n" in unfolded
    assert "DTSTAMP:20160801T000000Z\r\n" in unfolded
    assert "DESCRIPTION:郑政〔2016〕24号 七（二十）：2017年年底前各地要建成体系\\, 确保供应\\; 另见附件\\n系统自动提取\r\n" in unfolded
    assert "URL:https://www.zhengzhou.gov.cn/gazette/notices/zhengzheng-2016-24.html#s7-20\r\n" in unfolded


def test_uids_are_stable_and_output_is_deterministic():
    one = calendar("x", [EVENT, EVENT.__class__(**{**EVENT.__dict__, "identity": "other", "due": date(2016, 9, 1)})], "d")
    two = calendar("x", [EVENT.__class__(**{**EVENT.__dict__, "identity": "other", "due": date(2016, 9, 1)}), EVENT], "d")
    assert one == two
    assert b"UID:" in one and one.index(b"20160901") < one.index(b"20171231")


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "粮" * 60
    folded = fold(line)
    pieces = folded.split("\r\n ")
    assert "".join(pieces) == line
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)


def test_text_escaping():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
