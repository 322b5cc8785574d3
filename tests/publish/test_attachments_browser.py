"""The issue's case in a real browser: a DOCX attached to 郑政办〔2016〕49号 of the embedded gazette is published,
listed with its type and size, and a word found only in it finds 49号 in the search (Pagefind, in chromium)."""

from __future__ import annotations

import pytest

from site_builder.build import build
from tests.browser import browser, serve_folder  # noqa: F401 (browser is a fixture)
from tests.conftest import make_docx, make_xlsx
from tests.search.test_search_browser import embedded_root, search

pytestmark = pytest.mark.browser
NOTICE = "content/notices/zhengzhengban-2016-49.md"
WORD = "氢燃料电池重卡示范线"  # nowhere in the gazette: only in the attachment


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = embedded_root(tmp_path_factory.mktemp("attached") / "site")
    docx = make_docx(root / "content/attachments/zhengzhengban-2016-49/xinkai.docx",
                     ["单位：亿元"], [["序号", "项目名称", "总投资"], ["1", WORD, "12"], ["2", "智能终端配套园", "8"]],
                     heading="2016年郑州市产业集聚区新开项目一览表")
    make_xlsx(root / "content/attachments/zhengzhengban-2016-49/xujian.xlsx",
              {"续建项目": [["序号", "项目名称"], [1, "航空港冷链物流中心二期"]]})
    notice = root / NOTICE
    notice.write_text(notice.read_text("utf-8").replace(
        "- title: 2016年郑州市产业集聚区新开项目一览表\n  omitted: true\n",
        "- title: 2016年郑州市产业集聚区新开项目一览表\n  file: attachments/zhengzhengban-2016-49/xinkai.docx\n").replace(
        "- title: 2016年郑州市产业集聚区续建项目一览表\n  omitted: true\n",
        "- title: 2016年郑州市产业集聚区续建项目一览表\n  file: attachments/zhengzhengban-2016-49/xujian.xlsx\n"),
        "utf-8")
    result = build(root)
    assert [str(d) for d in result.diagnostics if d.code.startswith(("E", "W14")) and d.code != "W140"] == []
    with serve_folder(root / "public") as base:
        yield base, root, docx


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_the_docx_is_listed_with_its_type_and_size_and_downloads_as_published(page, site):
    base, root, docx = site
    page.goto(base + "notices/zhengzhengban-2016-49.html")
    item = page.locator(".attachments li").nth(4)
    kb = round(docx.stat().st_size / 1024)
    assert item.inner_text().startswith(f"2016年郑州市产业集聚区新开项目一览表 （DOCX，{kb} KB） 文字版")
    link = item.get_by_role("link", name="2016年郑州市产业集聚区新开项目一览表", exact=True)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "附件5 2016年郑州市产业集聚区新开项目一览表.docx"
    assert open(download.value.path(), "rb").read() == docx.read_bytes()


def test_a_word_found_only_in_the_attachment_finds_49_and_names_the_attachment(page, site):
    base, root, _ = site
    assert WORD not in "".join(p.read_text("utf-8") for p in (root / "content/notices").glob("*.md"))
    assert search(page, base, WORD)[0] == "郑政办〔2016〕49号"
    first = page.locator(".pagefind-ui__result").first
    assert "附件5 2016年郑州市产业集聚区新开项目一览表" in first.locator(".pagefind-ui__result-title").first.inner_text()
    first.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_url("**/notices/zhengzhengban-2016-49/fujian5.html*")
    assert WORD in page.locator("main table").inner_text()
    page.get_by_role("link", name="郑州市人民政府办公厅关于印发2016年郑州市产业集聚区建设专项工作方案的通知").click()
    page.wait_for_url("**/notices/zhengzhengban-2016-49.html")


def test_a_spreadsheet_cell_is_found_too(page, site):
    assert search(page, site[0], "冷链物流中心二期")[0] == "郑政办〔2016〕49号"
