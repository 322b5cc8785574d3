"""An open page follows the edits by itself: reload after a good build, error overlay after a failed one."""

import io

import pytest

from site_builder.serve.preview import Preview
from tests.browser import browser  # noqa: F401 (a fixture)
from tests.serve.test_preview import BAD_DATE, EDITED, FIXED, PAGE, TITLE, Client, cited, wait_until

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(site):
    site.write("27.md", cited())
    preview = Preview(site.root, search=False, out=io.StringIO(), err=io.StringIO())
    preview.start("127.0.0.1", 0)
    client = Client(preview)
    wait_until(lambda: client.status()["epoch"] >= 1, timeout=30)
    yield preview, client
    preview.stop()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def test_an_open_page_reloads_after_edits_and_shows_a_broken_build(site, preview, page):
    page.goto(preview[0].server.url.rstrip("/") + PAGE)
    heading = page.locator("h1")
    sync_api.expect(heading).to_contain_text(TITLE)

    site.write("27.md", cited(title=EDITED))
    sync_api.expect(heading).to_contain_text(EDITED, timeout=5000)  # no reload from the test

    site.write("27.md", cited(title=FIXED, date="2016-18-08"))
    overlay = page.get_by_role("alert")
    sync_api.expect(overlay).to_contain_text(BAD_DATE, timeout=5000)
    sync_api.expect(overlay).to_contain_text("构建失败 · Build failed")
    sync_api.expect(heading).to_contain_text(EDITED)  # the last good page underneath
    page.get_by_role("button", name="关闭 Close").click()
    sync_api.expect(overlay).to_have_count(0)

    site.write("27.md", cited(title=FIXED))
    sync_api.expect(heading).to_contain_text(FIXED, timeout=5000)
    sync_api.expect(page.locator("#site-builder-error")).to_have_count(0)


def test_a_hidden_tab_stops_polling_and_catches_up_when_shown(site, preview, page):
    server, client = preview
    page.goto(server.server.url.rstrip("/") + PAGE)
    page.evaluate("""() => {
        window.notReloaded = true;
        Object.defineProperty(document, "hidden", {value: true, configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    epoch = client.status()["epoch"]
    site.write("27.md", cited(title=EDITED))
    wait_until(lambda: client.status()["epoch"] > epoch and client.status()["note"] == "")
    page.wait_for_timeout(300)
    assert page.evaluate("window.notReloaded") is True
    sync_api.expect(page.locator("h1")).to_contain_text(TITLE)

    page.evaluate("""() => {
        Object.defineProperty(document, "hidden", {value: false, configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    sync_api.expect(page.locator("h1")).to_contain_text(EDITED, timeout=5000)
