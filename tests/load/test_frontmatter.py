from site_builder.load.frontmatter import decode, split, strip_forbidden


def test_decode_drops_the_byte_order_mark_and_normalises_line_ends():
    assert decode("a.md", b"\xef\xbb\xbfa\r\nb\rc\n") == ("a\nb\nc\n", [])


def test_forbidden_characters_are_removed_with_one_warning_on_the_first_line():
    text, found = strip_forbidden("a.md", "好\n\n正文\x0c保留\t，\x08删\x9f除\ufdd0\U0010ffff。\n\x00")
    assert text == "好\n\n正文保留\t，删除。\n"  # a form feed too: XML (the feed) forbids it
    assert [str(d) for d in found] == [
        "a.md:3: W102 6 control character(s) removed, the first U+000C "
        "(they are invisible and not allowed in a web page)"]


def test_clean_text_is_returned_as_is():
    text = "各县（市、区）人民政府：\u3000\u2028\ufeff"
    assert strip_forbidden("a.md", text) == (text, [])


def test_a_key_written_twice_is_an_error_on_its_second_line():
    parts, found = split("a.md", "---\ntitle: 一\ndate: 2016-08-01\n'title': 二\n---\n正文\n")
    assert parts is None
    assert [str(d) for d in found] == [
        "a.md:4: E107 key 'title' appears twice in the front matter (first on line 2) "
        "(keep one; YAML would silently use the last)"]


def test_an_unclosed_quote_points_at_its_opening_line():
    _, found = split("a.md", "---\ntitle: \"关于\ndate: 2016-08-01\nissuer: x\n---\n")
    assert [str(d) for d in found] == [
        "a.md:2: E105 front matter is not valid YAML: found unexpected end of stream while scanning a quoted scalar "
        "(check quotes and the ':' after each key)"]


def test_dates_stay_text_for_the_loader_to_check():
    parts, _ = split("a.md", "---\ndate: 2016-08-01\nkeys: [a, b]\n---\n\n正文\n")
    assert parts.meta == {"date": "2016-08-01", "keys": ["a", "b"]} and parts.body == "\n正文\n" and parts.body_line == 5
