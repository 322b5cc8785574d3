"""The department pages in a real browser: deep links land on their clause; nothing scrolls sideways on a phone."""

import shutil

import pytest

from site_builder.build import build
from tests.conftest import REPO

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    root = tmp_path_factory.mktemp("embedded")
    shutil.copy(REPO / "site.toml", root / "site.toml")
    for folder in ("content", "templates", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    build(root, search=False)
    return root / "public"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
