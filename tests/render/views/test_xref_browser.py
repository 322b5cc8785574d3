"""Citation links and blocks in a real browser: Debian's chromium driven by playwright."""

import pytest

from site_builder.build import build
from tests.browser import browser  # noqa: F401 (a fixture)
from tests.conftest import copy_embedded_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser-xref")
    copy_embedded_site(root)
    build(root, search=False)
    return root / "public"


def test_a_citation_link_leads_to_the_cited_notice_and_back_to_the_citing_clause(site, browser):
    page = browser.new_page()
    page.goto((site / "notices/zhengzhengbanwen-2016-64.html").as_uri())
    with page.expect_navigation(wait_until="load"):
        page.click("a.cite:text('郑政〔2016〕27号')")
    assert page.url.endswith("notices/zhengzheng-2016-27.html")
    cited_by = page.get_by_role("region", name="本文被以下文件引用")
    with page.expect_navigation(wait_until="load"):
        cited_by.get_by_role("link", name="第一条").click()
    assert page.url.endswith("notices/zhengzhengbanwen-2016-64.html#a1")
    # The cited clause is the one the browser scrolls to and highlights.
    page.wait_for_function("document.querySelector(':target') && document.querySelector(':target').id === 'a1'")


def test_the_relations_are_announced_as_derived(site, browser):
    page = browser.new_page()
    page.goto((site / "notices/zhengzhengbanwen-2016-64.html").as_uri())
    relations = page.get_by_role("region", name="关联文件")
    assert relations.get_attribute("aria-describedby") == "relations-note"
    assert page.locator("#relations-note").inner_text() == "以下关联关系由系统自动提取，仅供参考"
    headings = relations.get_by_role("heading", level=3).all_inner_texts()
    assert headings == ["本文引用", "相关文件"]


@pytest.mark.parametrize("path", ["cited/index.html", "cited/guofa-2016-6.html",
                                  "notices/zhengzhengbanwen-2016-64.html"])
def test_citation_pages_fit_a_small_phone(site, browser, path):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto((site / path).as_uri())
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
