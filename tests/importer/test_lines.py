from site_builder.importer.lines import read_gazette, split_lines
from site_builder.importer.model import Line


def test_line_ends_and_byte_order_mark_do_not_change_line_numbers():
    expected = [Line(1, "郑州市人民政府"), Line(2, ""), Line(3, "关于…的通知")]
    assert split_lines("郑州市人民政府\n\n关于…的通知") == expected
    assert split_lines("\ufeff郑州市人民政府\r\n\r\n关于…的通知") == expected
    assert split_lines("郑州市人民政府\r\r关于…的通知") == expected


def test_form_feeds_are_page_breaks_and_dropped():
    assert split_lines("甲\f\n乙") == [Line(1, "甲"), Line(2, "乙")]


def test_a_gazette_with_a_byte_order_mark_reads_as_text(tmp_path):
    path = tmp_path / "g.txt"
    path.write_bytes("\ufeff郑州市人民政府\n".encode())
    assert read_gazette(path) == ("郑州市人民政府\n", [])


def test_a_gazette_that_is_not_utf8_is_reported_with_its_line(tmp_path):
    path = tmp_path / "g.txt"
    path.write_bytes("郑州\n".encode() + "市人民政府".encode("gb18030"))
    text, problems = read_gazette(path)
    assert text is None
    assert [str(p) for p in problems] == [
        f"{path}:2: E306 the gazette is not UTF-8 text (convert it to UTF-8 first, e.g. iconv -f GB18030 -t UTF-8)"]


def test_a_missing_gazette_is_reported(tmp_path):
    path = tmp_path / "missing.txt"
    assert [str(p) for p in read_gazette(path)[1]] == [
        f"{path}:0: E306 cannot read the gazette: No such file or directory"]
