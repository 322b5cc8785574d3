import datetime

from hypothesis import given
from hypothesis import strategies as st

from site_builder.importer.dates import bare_date_readings, is_date_line, parse_date


def test_dates_in_arabic_full_width_and_chinese_numerals():
    assert parse_date("2016 年 8 月 22 日") == datetime.date(2016, 8, 22)
    assert parse_date("２０１９年５月８日") == datetime.date(2019, 5, 8)
    assert parse_date("一九九六年六月二十九日") == datetime.date(1996, 6, 29)
    assert parse_date("二〇〇四年四月二十七日") == datetime.date(2004, 4, 27)
    assert parse_date("（2016年3月1日）") == datetime.date(2016, 3, 1)


def test_the_letter_o_the_circle_and_the_digit_zero_printed_for_ling():
    assert parse_date("二OO六年二月二十日     ") == datetime.date(2006, 2, 20)
    assert parse_date("二○○七年二月十二日") == datetime.date(2007, 2, 12)
    assert parse_date("二0一三年八月六日") == datetime.date(2013, 8, 6)


def test_an_impossible_date_is_a_date_line_but_no_date():
    assert is_date_line("2016年13月40日") and parse_date("2016年13月40日") is None


def test_a_date_inside_a_sentence_is_not_a_date_line():
    assert not is_date_line("自2016年3月1日起施行。") and parse_date("印发日期：2016年3月1日") is None


def test_a_date_that_lost_its_nian_yue_ri_reads_as_every_date_its_digits_can_be():
    assert bare_date_readings("2017919") == [datetime.date(2017, 9, 19)]
    assert bare_date_readings("2022128") == [datetime.date(2022, 1, 28), datetime.date(2022, 12, 8)]
    assert bare_date_readings("20151214") == [datetime.date(2015, 12, 14)]
    assert bare_date_readings("{ 2017 6 23") == [datetime.date(2017, 6, 23)]
    assert bare_date_readings("2017999") == []  # no month 99 nor 9, day 99
    assert bare_date_readings("第2017919号") == [] and bare_date_readings("12345") == []


@given(st.dates(datetime.date(1949, 1, 1), datetime.date(2099, 12, 31)))
def test_any_date_written_in_chinese_numerals_reads_back(day):
    digits = "〇一二三四五六七八九"
    small = lambda n: ("" if n < 20 else digits[n // 10]) + ("十" if n >= 10 else "") + (digits[n % 10] if n % 10 else "")
    text = "".join(digits[int(c)] for c in str(day.year)) + f"年{small(day.month)}月{small(day.day)}日"
    assert parse_date(text) == day
