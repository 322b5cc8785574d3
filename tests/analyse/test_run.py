from site_builder.analyse.run import analyse, assemble
from tests.analyse.test_xref import CITED, CITING


def test_assemble_extracts_and_analyses_without_files_and_reports_bad_notices():
    library, diagnostics = assemble([("content/notices/a.md", CITING.encode()), ("content/notices/b.md", CITED.encode()),
                                     ("content/notices/c.md", b"---\n")])
    assert sorted(library.notices) == ["zhengzheng-2016-27", "zhengzhengbanwen-2016-64"]
    assert [d.code for d in diagnostics] == ["E104", "W140", "W140"]  # two 意见 with no 政策解读
    assert library.xref.cited["郑政〔2016〕27号"][0].source == "zhengzhengbanwen-2016-64"
    assert library.topics["zhengzheng-2016-27"] and library.related["zhengzheng-2016-27"]


def test_known_analyses_are_taken_as_they_are():
    library, _ = assemble([("content/notices/a.md", CITING.encode()), ("content/notices/b.md", CITED.encode())])
    index, ranked = library.xref, library.ranking
    again, _ = assemble([("content/notices/a.md", CITING.encode()), ("content/notices/b.md", CITED.encode())])
    again.xref, again.ranking = None, None
    analyse(again, index, ranked)
    assert again.xref is index and again.ranking is ranked and again.related is ranked.related
