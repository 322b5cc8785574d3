from site_builder.core.toml_lines import KeyLines, parse

TEXT = '''# 注释
top = 1

[site]
name = "公报"

["市发展改革委"]
"发改" = []
'''


def test_each_table_and_key_has_its_line():
    data, lines, problem = parse(TEXT)
    assert data == {"top": 1, "site": {"name": "公报"}, "市发展改革委": {"发改": []}} and problem == (0, "")
    assert (lines.of("", "top"), lines.of("site"), lines.of("site", "name"), lines.of("市发展改革委", "发改")) == (2, 4, 5, 8)


def test_an_unknown_key_falls_back_to_its_table_and_then_to_the_first_line():
    lines = KeyLines(TEXT)
    assert lines.of("site", "base_url") == 4 and lines.of("build", "output") == 1


def test_text_that_is_not_toml_says_where():
    data, lines, (line, problem) = parse('[site]\nname = "公报\n')
    assert data is None and lines is None and line == 2 and problem.startswith("Illegal character")
