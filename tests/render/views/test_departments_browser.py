"""The department pages in a real browser: deep links land on their clause; nothing scrolls sideways on a phone."""

import pytest

from site_builder.build import build
from tests.browser import browser  # noqa: F401 (a fixture)
from tests.conftest import copy_embedded_site

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    root = tmp_path_factory.mktemp("embedded")
    copy_embedded_site(root)
    build(root, search=False)
    return root / "public"


def test_a_task_link_lands_on_its_clause(public, browser):
    page = browser.new_page()
    page.goto((public / "departments/shiliangshiju.html").as_uri())
    page.get_by_role("link", name="七（二十） 健全粮食应急供应保障体系").first.click()
    assert page.url.endswith("notices/zhengzheng-2016-24.html#s7-20")
    sync_api.expect(page.locator(":target")).to_contain_text("（二十）健全粮食应急供应保障体系")
    page.close()


@pytest.mark.parametrize("path", ["departments/index.html", "departments/shiliangshiju.html", "timeline.html",
                                  "notices/zhengzhengbanwen-2016-59.html", "topics/index.html"])
def test_no_sideways_scrolling_on_a_phone(public, browser, path):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto((public / path).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()
