from site_builder.core.model import TopicScheme
from site_builder.extract.department_names import Directory
from site_builder.extract.notice import Context, extract
from tests.conftest import notice_text

CONTEXT = Context(Directory({}), TopicScheme(), "reference-digest")
TEXT = notice_text(doc_number="郑政〔2016〕27号", title="关于加快会展业发展的意见", date="2016-08-18", body="""
    为加快会展业发展，根据《国务院关于进一步促进展览业改革发展的若干意见》（国发〔2015〕15号），提出如下意见。

    ## 一、总体要求

    2017年年底前建成会展中心。
    """)


def test_one_file_gives_its_notice_facts_and_a_fragment_kept_for_its_own_page():
    found, fragment, diagnostics = extract("content/notices/27.md", TEXT.encode(), CONTEXT)
    assert diagnostics == []
    assert found.notice.slug == "zhengzheng-2016-27" and found.notice.body == ""  # the body stays in the fragment
    assert found.description.startswith("为加快会展业发展，根据《国务院关于进一步促进展览业改革发展的若干意见》")
    assert found.anchors == frozenset({"s1"})
    assert [(r.target, r.label, r.line) for r in found.references] == [("国发〔2015〕15号", "", 7)]
    assert [(d.kind, d.due.isoformat(), d.label) for d in found.deadlines] == [("by", "2017-12-31", "一")]
    assert found.fragment == CONTEXT.key("content/notices/27.md", found.notice.digest)
    assert '<h2 id="s1"' in fragment.html and [c.anchor for c in fragment.outline] == ["s1"]
    assert "展" in fragment.search_chars.split() and fragment.search_names == ()  # no departments.toml here


def test_the_public_digest_ignores_a_body_edit_that_no_other_page_shows():
    first, _, _ = extract("content/notices/27.md", TEXT.encode(), CONTEXT)
    later, _, _ = extract("content/notices/27.md", (TEXT + "\n末尾补充一句。\n").encode(), CONTEXT)
    title, _, _ = extract("content/notices/27.md", TEXT.replace("会展业发展的意见", "会展业的意见").encode(), CONTEXT)
    assert later.fragment != first.fragment and later.public == first.public
    assert title.public != first.public


def test_a_file_with_an_error_gives_no_extract_and_says_why():
    found, fragment, diagnostics = extract("content/notices/x.md", b"no front matter", CONTEXT)
    assert (found, fragment) == (None, None)
    assert [str(d) for d in diagnostics] == [
        "content/notices/x.md:1: E103 no front matter: the file must start with a line '---' "
        "(see docs/content-format.md)"]
