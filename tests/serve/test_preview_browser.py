"""An open page follows the edits by itself: reload after a good build, error overlay after a failed one."""

import io

import pytest

from site_builder.serve.preview import Preview
from tests.browser import browser  # noqa: F401 (a fixture)
from tests.conftest import notice_text
from tests.serve.test_preview import BAD_DATE, EDITED, FIXED, PAGE, TITLE, Client, cited, held_builds, wait_until  # noqa: F401

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
    sync_api.expect(heading).to_contain_text(EDITED, timeout=15000)  # no reload from the test

    site.write("27.md", cited(title=FIXED, date="2016-18-08"))
    overlay = page.get_by_role("alert")
    sync_api.expect(overlay).to_contain_text(BAD_DATE, timeout=15000)
    sync_api.expect(overlay).to_contain_text("构建失败 · Build failed")
    sync_api.expect(heading).to_contain_text(EDITED)  # the last good page underneath
    page.get_by_role("button", name="关闭 Close").click()
    sync_api.expect(overlay).to_have_count(0)

    site.write("27.md", cited(title=FIXED))
    sync_api.expect(heading).to_contain_text(FIXED, timeout=15000)
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
    sync_api.expect(page.locator("h1")).to_contain_text(EDITED, timeout=15000)


def test_the_search_finds_an_edit_before_its_build_and_after_it(site, held_builds, page):
    from site_builder.serve.preview import EARLY_SEARCHED
    from tests.search.test_search_browser import results, search
    from tests.serve.test_preview import current, start, wait_until

    for doc, day in [("郑政〔2014〕3号", "2014-02-01"), ("郑政〔2015〕7号", "2015-05-01"),
                     ("郑政〔2015〕9号", "2015-11-30"), ("郑政〔2016〕24号", "2016-08-01")]:
        body = "支持会展业发展。园林绿化。" if day == "2015-05-01" else "支持会展业发展。"
        site.write(f"{day}.md", notice_text(doc_number=doc, date=day, title="关于会展业发展的意见", body=body))
    preview, client, _, _ = start(site, search=True)
    try:
        base = preview.server.url
        assert search(page, base, "园林") == ["郑政〔2015〕7号"]
        assert search(page, base, "冰雪") == []
        epoch = client.status()["epoch"]
        site.write("2015-05-01.md", notice_text(doc_number="郑政〔2015〕7号", date="2015-05-01",
                                                title="关于冰雪会展发展的意见", body="支持冰雪会展发展。"))
        # The open search page reloads by itself when the search finds the edit, long before the build is done.
        sync_api.expect(page.locator('[data-pagefind-ui-meta="文号"]')).to_have_text(["文号: 郑政〔2015〕7号"],
                                                                                    timeout=10000)
        assert client.status()["note"] == EARLY_SEARCHED
        assert search(page, base, "冰雪") == ["郑政〔2015〕7号"]
        assert search(page, base, "园林") == []  # its published text is left out
        assert sorted(search(page, base, "会展")) == ["郑政〔2014〕3号", "郑政〔2015〕7号", "郑政〔2015〕9号",
                                                      "郑政〔2016〕24号"]
        page.select_option("#search-sort", "desc")
        assert results(page) == ["郑政〔2016〕24号", "郑政〔2015〕9号", "郑政〔2015〕7号", "郑政〔2014〕3号"]
        page.select_option("#search-sort", "asc")
        assert results(page) == ["郑政〔2014〕3号", "郑政〔2015〕7号", "郑政〔2015〕9号", "郑政〔2016〕24号"]
        assert not (site.public / "pagefind" / "_preview").exists()

        page.goto("about:blank")  # an open page reloads itself when the build is done: not in the middle of a goto
        held_builds.set()
        wait_until(lambda: current(client, epoch + 1), timeout=60)
        assert "search-overlay" not in client.get("/search/index.html")[1]
        assert search(page, base, "冰雪") == ["郑政〔2015〕7号"]  # from the published index now
        assert search(page, base, "园林") == []
    finally:
        preview.stop()
