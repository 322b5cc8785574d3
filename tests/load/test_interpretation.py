"""content/interpretations/*.md: front matter checked word for word, images only from the folder itself."""

from site_builder.load.interpretation import image_type, load_interpretations, parse_interpretation, slug_for
from tests.conftest import SiteFactory, interpretation_text, tiny_png


def parse(text: str):
    return parse_interpretation("content/interpretations/jiedu-24.md", text.encode())


def messages(text: str) -> list[str]:
    return [str(d) for d in parse(text)[1]]


def test_a_complete_interpretation_is_read_with_its_lines():
    item, problems = parse(interpretation_text(interprets="[郑政〔2016〕24号, 郑政(2016)25号]", kind="问答",
                                               extra="issuer: 郑州市粮食局\n"))
    assert problems == []
    assert (item.slug, item.url, item.title, item.kind, item.issuer) == (
        "jiedu-24", "interpretations/jiedu-24.html", "《关于加快建设的意见》解读", "问答", "郑州市粮食局")
    assert item.interprets == ("郑政〔2016〕24号", "郑政〔2016〕25号") and item.interprets_lines == (4, 4)


def test_each_number_of_a_list_written_on_its_own_line_has_that_line():
    item, _ = parse("---\ntitle: 解读\ndate: 2016-08-02\ninterprets:\n  - 郑政〔2016〕24号\n  - 郑政〔2016〕25号\n---\n正文\n")
    assert item.interprets_lines == (5, 6) and item.kind == "文字解读"


def test_missing_and_wrong_values_are_errors_naming_their_line():
    assert messages("---\ndate: 2016-08-02\ninterprets: 郑政〔2016〕24号\n---\n") == [
        "content/interpretations/jiedu-24.md:1: E110 missing required key 'title' (标题) (add a line 'title: …')"]
    assert messages(interpretation_text(kind="视频")) == [
        "content/interpretations/jiedu-24.md:5: E118 unknown kind (类型) '视频' of an interpretation "
        "(did you mean '音视频'?)"]
    assert messages(interpretation_text(interprets="粮食意见")) == [
        "content/interpretations/jiedu-24.md:4: E112 interprets (解读的文件) is not a 文号: '粮食意见' "
        "(write it like 郑政〔2016〕24号)"]
    assert messages(interpretation_text(date="2016-13-01")) == [
        "content/interpretations/jiedu-24.md:3: E113 'date' (发布日期) is not a date: '2016-13-01' (write it as YYYY-MM-DD)"]
    assert messages(interpretation_text(extra="kinds: 图解\n")) == [
        "content/interpretations/jiedu-24.md:6: W101 unknown key 'kinds' is ignored (did you mean 'kind'?)"]


def test_the_page_name_comes_from_the_file_name():
    assert slug_for("content/interpretations/Jiedu-24.md") == "jiedu-24"
    assert slug_for("content/interpretations/粮食安全解读.md") == "liangshianquanjiedu"


def test_images_are_read_from_the_folder_and_checked(tmp_path):
    site = SiteFactory(tmp_path / "site")
    site.interpretation("images/a.png", tiny_png())
    site.interpretation("images/fake.png", b"<svg onload=alert(1)>")
    site.interpretation("jiedu-1.md", interpretation_text(body="![增长一倍](images/a.png)\n\n![](images/a.png)\n"))
    site.interpretation("jiedu-2.md", interpretation_text(body="![图](https://example.com/a.png)\n\n"
                                                               "![图](../notices/x.png)\n\n![图](images/none.png)\n\n"
                                                               "![图](images/fake.png)\n"))
    loaded = load_interpretations(site.root, site.root / "content")
    assert [str(d).split(" (")[0] for d in loaded.diagnostics] == [
        "content/interpretations/jiedu-1.md:10: W143 image 'images/a.png' has no text alternative",
        "content/interpretations/jiedu-2.md:8: E119 image 'https://example.com/a.png' is not a file of the site: "
        "remote images are not allowed",
        "content/interpretations/jiedu-2.md:10: E119 image '../notices/x.png' is outside content/interpretations/",
        "content/interpretations/jiedu-2.md:12: E119 image 'images/none.png' cannot be read: No such file or directory",
        "content/interpretations/jiedu-2.md:14: E119 image 'images/fake.png' is not a PNG, JPEG, GIF or WebP picture",
    ]
    first = next(i for i in loaded.interpretations if i.slug == "jiedu-1")
    (src, path), = first.images
    assert src == "images/a.png" and path.startswith("interpretations/images/") and path.endswith(".png")
    assert loaded.files == {path: tiny_png()}
    assert image_type(b"RIFF\0\0\0\0WEBPVP8 ") == "webp" and image_type(b"<svg") == ""


def test_two_files_that_give_one_page_are_an_error(tmp_path):
    site = SiteFactory(tmp_path / "site")
    site.interpretation("jiedu-1.md", interpretation_text())
    site.interpretation("JIEDU-1.md", interpretation_text())
    site.interpretation("index.md", interpretation_text())
    found = [str(d) for d in load_interpretations(site.root, site.root / "content").diagnostics]
    assert found == [
        "content/interpretations/index.md:1: E122 the file name gives the page interpretations/index.html, which is "
        "the index's (rename the file (its name is the page's URL))",
        "content/interpretations/jiedu-1.md:1: E122 the file name gives the page interpretations/jiedu-1.html, as "
        "content/interpretations/JIEDU-1.md does (rename the file (its name is the page's URL))"]
