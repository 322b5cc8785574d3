"""The search page in a real browser (Debian's chromium through playwright), on the built embedded site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from site_builder.build import build
from tests.browser import browser, serve_folder  # noqa: F401 (browser is a fixture)
from tests.conftest import GAZETTE, REPO, SiteFactory, notice_text

pytestmark = pytest.mark.browser


def embedded_root(root: Path) -> Path:
    """A site root with the embedded content: the repository's notices, or the gazette imported afresh."""
    site = SiteFactory(root)
    if any((REPO / "content" / "notices").glob("*.md")):
        shutil.rmtree(root / "content")
        shutil.copytree(REPO / "content", root / "content")
    else:
        from site_builder.importer import run_import

        assert run_import(GAZETTE, root / "content") == 0
    return site.root


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    root = embedded_root(tmp_path_factory.mktemp("embedded") / "site")
    build(root)
    with serve_folder(root / "public") as base:
        yield base, root


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error) + "\n" + (error.stack or "")))
    yield page
    context.close()
    assert errors == []


def search(page, base: str, query: str) -> list[str]:
    """Open the search page with ?q=, wait for the results, return their 文号 in order."""
    page.goto(f"{base}search/index.html?q={quote(query)}")
    return results(page)


def results(page) -> list[str]:
    page.wait_for_function("""() => {
        const said = document.querySelector('.pagefind-ui__message');
        if (!said || !/^(找到|未找到)/.test(said.textContent.trim())) return false;
        const shown = document.querySelectorAll('.pagefind-ui__result').length;
        const tagged = document.querySelectorAll('[data-pagefind-ui-meta="文号"]').length;
        return shown === tagged && !document.querySelector('.pagefind-ui__loading');
    }""")
    while page.query_selector(".pagefind-ui__button"):  # 加载更多结果
        page.click(".pagefind-ui__button")
        page.wait_for_function("() => !document.querySelector('.pagefind-ui__loading')")
    tags = page.query_selector_all('[data-pagefind-ui-meta="文号"]')
    return [tag.inner_text().split(":", 1)[1].strip() for tag in tags]


def message(page) -> str:
    return page.inner_text(".pagefind-ui__message")


def test_grain_security_gives_its_notice_first(page, embedded):
    found = search(page, embedded[0], "粮食安全")
    assert found[0] == "郑政〔2016〕24号"
    status = page.locator("#search-status")  # read out by screen readers once the results settle
    status.wait_for(state="attached")
    page.wait_for_function("() => document.getElementById('search-status').textContent.startsWith('找到')")
    assert status.inner_text() == message(page)


@pytest.mark.parametrize("query", ["郑政办文〔2016〕64号", "郑政办文[2016]64号", "64号", "郑政办文2016年64号",
                                   "郑政办文 2016 64号", "郑政办文〔2016〕64"])
def test_every_form_of_a_doc_number_finds_its_notice_first(page, embedded, query):
    assert search(page, embedded[0], query)[0] == "郑政办文〔2016〕64号"


def test_the_notice_whose_title_says_the_query_comes_first(page, embedded):
    # 大数据 is in the body of a dozen notices; 郑政办〔2016〕49号 says it most often, 65号 says it in its title.
    assert search(page, embedded[0], "大数据")[0] == "郑政办文〔2016〕65号"


def test_a_place_cut_into_characters_finds_the_notices_that_print_it_and_only_those(page, embedded):
    # ICU cuts 二七区 into 二/七/区, which most notices hold somewhere: only those that print 二七区 are shown.
    base, root = embedded
    texts = [n.read_text("utf-8") for n in sorted((root / "content" / "notices").glob("*.md"))]
    printing = {line.split(":", 1)[1].strip() for text in texts if "二七区" in text
                for line in text.splitlines() if line.startswith("doc_number:")}
    found = search(page, base, "二七区")
    assert len(printing) == 5 and sorted(found) == sorted(printing)


def test_on_a_phone_the_filters_fold_behind_one_button(browser, embedded):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        search(page, embedded[0], "粮食安全")
        assert not page.is_visible(".pagefind-ui__filter-panel")
        assert page.query_selector(".pagefind-ui__result").bounding_box()["y"] < 844 - 100
        toggle = page.locator("#search-filters-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert page.is_visible(".pagefind-ui__filter-panel")
    finally:
        context.close()


def test_on_a_wide_screen_the_filters_show_without_the_button(page, embedded):
    search(page, embedded[0], "粮食安全")
    assert page.is_visible(".pagefind-ui__filter-panel")
    assert not page.is_visible("#search-filters-toggle")


def test_a_query_without_a_match_shows_the_chinese_empty_message(page, embedded):
    base, root = embedded
    text = "".join(p.read_text("utf-8") for p in (root / "content" / "notices").glob("*.md"))
    assert "麒" not in text and "麟" not in text
    assert search(page, base, "麒麟") == []
    assert message(page) == "未找到 麒麟 的相关结果"


def test_the_department_filter_narrows_the_results(page, embedded):
    everything = search(page, embedded[0], "粮食")
    if not page.query_selector('input.pagefind-ui__filter-checkbox[name="部门"]'):
        pytest.skip("the 部门 filter comes with the departments branch (issue 5); nothing to filter by yet")
    page.click('summary:has-text("部门")')
    page.check('input.pagefind-ui__filter-checkbox[name="部门"][value="市粮食局"]')
    page.wait_for_function("n => document.querySelectorAll('.pagefind-ui__result').length < n", arg=len(everything))
    narrowed = results(page)
    assert 0 < len(narrowed) < len(everything)
    assert "郑政〔2016〕24号" in narrowed and set(narrowed) <= set(everything)


def test_the_filters_are_shown_and_results_carry_doc_number_and_date(page, embedded):
    search(page, embedded[0], "粮食安全")
    names = [n.inner_text() for n in page.query_selector_all(".pagefind-ui__filter-name")]
    assert {"发文机关", "年份", "文种"} <= set(names)
    first = page.query_selector(".pagefind-ui__result")
    assert "文号: 郑政〔2016〕24号" in first.inner_text() and "成文日期: 2016年08月01日" in first.inner_text()
    assert "字:" not in first.inner_text() and "词:" not in first.inner_text()


def test_the_header_search_box_leads_to_the_search_page(page, embedded):
    base = embedded[0]
    page.goto(f"{base}notices/zhengzheng-2016-24.html")
    page.fill("#site-search-q", "粮食安全")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"search/index\.html\?q="))
    assert results(page)[0] == "郑政〔2016〕24号"
    assert page.input_value(".pagefind-ui__search-input") == "粮食安全"


def test_opened_from_disk_the_page_says_search_is_unavailable_and_links_the_indexes(page, embedded):
    page.goto((embedded[1] / "public" / "search" / "index.html").as_uri())
    note = page.locator("#search-unavailable")
    note.wait_for(state="visible")
    assert note.locator("a", has_text="全部文件").count() == 1


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    site = SiteFactory(tmp_path_factory.mktemp("years") / "site")
    for doc, day in [("郑政〔2014〕3号", "2014-02-01"), ("郑政〔2015〕7号", "2015-05-01"),
                     ("郑政〔2015〕9号", "2015-11-30"), ("郑政〔2016〕24号", "2016-08-01")]:
        site.write(f"{day}.md", notice_text(doc_number=doc, date=day, title="关于会展业发展的意见",
                                            body="支持会展业发展。"))
    build(site.root)
    with serve_folder(site.public) as base:
        yield base


def test_a_date_sort_and_a_year_filter_work_across_year_shards(page, years):
    assert sorted(search(page, years, "会展")) == ["郑政〔2014〕3号", "郑政〔2015〕7号", "郑政〔2015〕9号",
                                                  "郑政〔2016〕24号"]
    page.select_option("#search-sort", "desc")
    assert results(page) == ["郑政〔2016〕24号", "郑政〔2015〕9号", "郑政〔2015〕7号", "郑政〔2014〕3号"]
    page.select_option("#search-sort", "asc")
    assert results(page) == ["郑政〔2014〕3号", "郑政〔2015〕7号", "郑政〔2015〕9号", "郑政〔2016〕24号"]
    page.click('summary:has-text("年份")')
    page.check('input.pagefind-ui__filter-checkbox[name="年份"][value="2015"]')
    page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__result').length === 2")
    assert results(page) == ["郑政〔2015〕7号", "郑政〔2015〕9号"]
