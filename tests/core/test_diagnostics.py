from site_builder.core.diagnostics import Diagnostic


def test_format_with_and_without_hint():
    assert str(Diagnostic("a.md", 3, "E113", "bad", "fix it")) == "a.md:3: E113 bad (fix it)"
    assert str(Diagnostic("a.md", 3, "W101", "odd")) == "a.md:3: W101 odd"


def test_a_diagnostic_is_always_one_line():
    shown = str(Diagnostic("x\n.md:1: W000 fine\r.md", 1, "E103", "a\u2028b\x1b[31m", "中文\u3000全角"))
    assert shown == "x\\n.md:1: W000 fine\\r.md:1: E103 a\\u2028b\\x1b[31m (中文\u3000全角)"


def test_file_names_that_are_not_utf8_are_shown_escaped():
    name = b"\xb9\xab.md".decode("utf-8", "surrogateescape")
    assert str(Diagnostic(name, 1, "E102", "file is empty")) == "\\udcb9\\udcab.md:1: E102 file is empty"
