"""长者模式 (适老化) in chromium: a header control that enlarges type (≥ 1.25 × body text), widens line spacing,
enlarges click targets and darkens text, kept across pages in localStorage, usable with the keyboard, absent
without JavaScript. axe-core runs in it too (tests/test_standards.py)."""

from __future__ import annotations

import re

import pytest

from site_builder.build import build
from tests.browser import browser, serve_folder  # noqa: F401 (browser is a fixture)
from tests.conftest import SiteFactory, notice_text
from tests.test_standards import contrast

pytestmark = pytest.mark.browser
KEY = "site-builder:elder-mode"
NOTICE = "notices/zhengzheng-2016-24.html"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = SiteFactory(tmp_path_factory.mktemp("elder") / "site")
    site.write("24.md", notice_text(body="为保障粮食安全，提出如下意见。\n\n## 一、明确责任\n\n正文内容。\n\n"
                                         "责任单位：市粮食局\n"))
    site.write("25.md", notice_text(doc_number="郑政〔2016〕25号", title="关于市长质量奖的通知", date="2016-08-05"))
    build(site.root, search=False)
    with serve_folder(site.public) as base:
        yield base, site.public


@pytest.fixture
def context(browser):
    made = browser.new_context(viewport={"width": 1280, "height": 900})
    yield made
    made.close()


LOOK = """() => {
    const style = e => getComputedStyle(document.querySelector(e));
    const box = e => document.querySelector(e).getBoundingClientRect();
    return {elder: document.documentElement.classList.contains('elder'),
            body: parseFloat(style('main p').fontSize), line: parseFloat(style('main p').lineHeight),
            nav: box('.site-nav a').height, toggle: box('.elder-toggle').height,
            muted: style('.notice-docnum, .count').color,
            pressed: document.querySelector('.elder-toggle').getAttribute('aria-pressed')};
}"""


def rgb(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"[\d.]+", text)[:3]]


def tab_to_toggle(page) -> None:
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('elder-toggle')"):
            return
    raise AssertionError("Tab never reached the 长者模式 control")


def test_the_keyboard_turns_it_on_and_text_grows_a_quarter_with_wider_lines_larger_targets_darker_text(context,
                                                                                                      served):
    base, _ = served
    page = context.new_page()
    page.goto(base + NOTICE)
    toggle = page.get_by_role("button", name="长者模式")
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    normal = page.evaluate(LOOK)
    tab_to_toggle(page)
    page.keyboard.press("Enter")
    elder = page.evaluate(LOOK)
    assert elder["elder"] and elder["pressed"] == "true" and not normal["elder"]
    assert elder["body"] / normal["body"] >= 1.25
    assert elder["line"] / elder["body"] > normal["line"] / normal["body"]  # wider line spacing, not only larger
    assert elder["nav"] >= 44 and elder["toggle"] >= 44 and normal["nav"] < 44  # WCAG 2.5.5 target size
    white = [255, 255, 255]
    assert contrast(rgb(elder["muted"]), white) > contrast(rgb(normal["muted"]), white) >= 4.5
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == "on"
    page.keyboard.press("Space")  # and off again, with the other key that presses a button
    assert page.evaluate(LOOK)["elder"] is False and page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_the_choice_survives_a_page_change_and_applies_before_the_page_is_drawn(context, served):
    base, _ = served
    page = context.new_page()
    page.goto(base + NOTICE)
    page.get_by_role("button", name="长者模式").click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="全部文件").click()
    page.wait_for_url("**/notices/index.html")
    assert page.evaluate(LOOK)["elder"] and page.evaluate(LOOK)["body"] >= 20
    assert page.get_by_role("button", name="长者模式").get_attribute("aria-pressed") == "true"
    # Set while the head is parsed, before the body exists: the page never changes size once it is shown.
    context.add_init_script("""new MutationObserver((changes, observer) => {
        if (!document.body) return;
        window.elderWhenBodyCame = document.documentElement.classList.contains('elder');
        observer.disconnect();
    }).observe(document, {childList: true, subtree: true});""")
    page.goto(base + "index.html")
    assert page.evaluate("window.elderWhenBodyCame") is True


def test_without_javascript_the_control_is_absent_and_the_page_works(browser, served):
    base, _ = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + NOTICE)
    assert page.locator(".elder-toggle").count() == 1 and not page.locator(".elder-toggle").is_visible()
    assert page.get_by_role("button", name="长者模式").count() == 0  # not in the accessibility tree either
    assert page.get_by_role("heading", level=1).is_visible()
    context.close()


def test_storage_that_is_refused_leaves_the_control_working_for_the_page(browser, served):
    base, _ = served
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }})")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + NOTICE)
    page.get_by_role("button", name="长者模式").click()
    assert page.evaluate(LOOK)["elder"] and errors == []
    context.close()


def test_no_page_loads_a_script_from_elsewhere(served):
    _, public = served
    for path in public.rglob("*.html"):
        for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', path.read_text("utf-8")):
            assert not re.match(r"^(https?:)?//", src), f"{path}: {src}"
