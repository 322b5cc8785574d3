from site_builder.core.text import clean, clean_data, first_bad, is_forbidden


def test_controls_noncharacters_and_bidi_controls_are_bad_and_tab_newline_are_not():
    assert [first_bad(c) for c in "\x00\x01\x0c\x7f\x85\ufffe\U0010ffff\u202e\u2066"] == [
        "U+0000", "U+0001", "U+000C", "U+007F", "U+0085", "U+FFFE", "U+10FFFF", "U+202E", "U+2066"]
    assert first_bad("郑政〔2016〕24号\t\n\r") == ""
    assert is_forbidden(1) and is_forbidden(0xFFFF) and not is_forbidden(ord("郑")) and not is_forbidden(0x110000)


def test_clean_returns_the_same_string_when_there_is_nothing_to_remove():
    text = "关于全面落实粮食安全省长责任制的实施意见"
    assert clean(text) is text
    assert clean("关于\x01测试\u202e的通知") == "关于测试的通知"


def test_clean_data_cleans_keys_and_values_at_any_depth_and_counts_them():
    assert clean_data({"市\x01财政局": ["别\u202e名", 3], "ok": "好"}) == ({"市财政局": ["别名", 3], "ok": "好"}, 2)


def test_the_byte_test_finds_exactly_what_the_character_class_finds():
    from site_builder.core.text import FORBIDDEN_RE, has_forbidden

    samples = ["郑政〔2016〕24号，（一）·©\u00a0\t\n\r", "\ufffd\uffef\ufdcf\ufdf0\U0001fffd\U00020000\u5ffe\u5fff"]
    samples += [f"前{chr(c)}后" for c in (*range(0, 0x20), 0x7f, 0x80, 0x9f, 0xa0, 0xfdd0, 0xfdef, 0xfffe, 0xffff,
                                          0x1fffe, 0x2ffff, 0x10fffe, 0x10ffff, 0xfffd, 0x5ffe)]
    for text in samples:
        assert has_forbidden(text.encode("utf-8")) == bool(FORBIDDEN_RE.search(text)), repr(text)
