"""The built site meets the standards: valid HTML (Nu Html Checker), no broken link (site-builder check), no
serious or critical accessibility violation (axe-core in chromium), usable with the keyboard alone.

Two sites are built once per session: the embedded gazette, and a small site of inline notices with what the
gazette may lack (pagination, a repealed notice, attachment files, tables, chapters, hostile text). Every HTML
page is validated; axe runs on one page of each type, the types read from the paths, so pages that other features
add are covered without a change here, in the normal mode and in 长者模式. Every feed is checked against RFC 4287.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.check.site import page_kind, site_files
from site_builder.cli import main
from tests.browser import browser, serve_folder  # noqa: F401  (browser is a fixture)
from tests.conftest import REAL_PDF, REPO, SiteFactory, interpretation_text, make_docx, make_xlsx, notice_text, \
    tiny_png
from tests.render.views.test_feeds import atom_problems

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = REPO / "node_modules/axe-core/axe.min.js"
BASE_PATH = "/gazette/"  # site.toml's base_url path: pages are served where they will live
PHONE, DESKTOP = {"width": 375, "height": 740}, {"width": 1280, "height": 900}


def need(tool: Path) -> None:
    message = f"{tool.relative_to(REPO)} is missing: run 'make node-deps'"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def embedded(tmp_path_factory) -> Path:
    """The embedded gazette, built with search, into a folder of its own (the repository's public/ is left alone)."""
    output = tmp_path_factory.mktemp("embedded") / "public"
    build(REPO, output=output, search=True)
    return output


FEATURES = [
    notice_text(doc_number="郑政〔2016〕1号", title="关于印发郑州市会展业管理办法的通知", date="2016-08-02",
                extra="addressees: 各县（市、区）人民政府\nstatus: 已废止\nattachments:\n- title: 项目表\n  omitted: true\n"
                      "- title: 新开项目一览表\n  file: attachments/xiangmu.docx\n- title: 投资计划\n"
                      "  file: attachments/touzi.xlsx\n- title: 空间布局图\n  file: attachments/buju.pdf\n",
                body="为规范……制定本办法。\n\n## 第一章 总则\n\n第一条 为促进会展业发展，制定本办法。\n\n"
                     "第二条 本办法自发布之日起施行，郑政〔2016〕2号同时废止。\n\n## 第二章 附则\n\n"
                     "第三条 本办法由市商务局负责解释。\n\n附件：项目表\n"),
    notice_text(doc_number="郑政〔2016〕2号", title="关于加快建设的意见", date="2016-08-03",
                body="## 一、总体要求\n\n### （一）指导思想\n\n正文。\n\n#### 1. 目标\n\n"
                     "| 指标 | 2016年 | 2020年 |\n|---|---|---|\n| 展会数量 | 100 | 200 |\n| 展览面积（万平方米） | 50 | 120 |\n\n"
                     "（1）细化任务。\n\n## 二、保障措施\n\n见郑政〔2016〕1号第二条。\n"),
    notice_text(doc_number="郑政办〔2016〕3号", title="关于<b>测试</b>的通知", issuer="郑州市人民政府办公厅",
                date="2016-08-04", body="<script>alert(1)</script> [链接](javascript:alert(1)) 正文。\n"),
    # the life of a document: an amendment of 郑政〔2016〕1号's 第一条, a notice past its 有效期
    notice_text(doc_number="郑政〔2016〕4号", title="关于修改郑州市会展业管理办法的决定", date="2016-08-05",
                body="对《郑州市会展业管理办法》（郑政〔2016〕1号）作如下修改：\n\n一、将第一条修改为：“第一条 为促进会展业"
                     "高质量发展，制定本办法。”\n\n二、本决定自2016年9月1日起施行。\n"),
    notice_text(doc_number="郑政〔2016〕5号", title="关于印发郑州市停车收费管理办法的通知", date="2016-08-06",
                body="第一条 为规范停车收费，制定本办法。\n\n第二条 本办法自2016年8月10日起施行，有效期1个月。\n"),
] + [notice_text(doc_number=f"郑政办〔2016〕{n}号", title=f"关于第{n}项工作的通知", date=f"2016-07-{n:02d}")
     for n in range(10, 15)]
INTERPRETATIONS = {
    "jiedu-2.md": interpretation_text(kind="图解", body="## 一、总体要求\n\n![2016年与2020年展会数量对比：100个和200个]"
                                      "(images/tujie-2.png)\n\n展会数量翻一番。\n"),
    "jiedu-4.md": interpretation_text(title="会展业管理办法修改问答", date="2016-08-05",
                                      interprets="[郑政〔2016〕4号, 郑政〔2016〕1号]", kind="问答",
                                      body="**问：修改了什么？**\n\n答：第一条。\n"),
}


@pytest.fixture(scope="session")
def features(tmp_path_factory) -> Path:
    site = SiteFactory(tmp_path_factory.mktemp("features") / "site")
    toml = site.root / "site.toml"
    toml.write_text(toml.read_text("utf-8").replace("paginate = 50", "paginate = 3"), "utf-8")
    for n, text in enumerate(FEATURES):
        site.write(f"{n}.md", text)
    for name, text in INTERPRETATIONS.items():
        site.interpretation(name, text)
    site.interpretation("images/tujie-2.png", tiny_png())
    make_docx(site.content("attachments/xiangmu.docx"), ["本表所列项目的总投资单位为亿元。"],
              [["序号", "项目名称", "总投资"], ["1", "会展中心二期", "12"], ["2", "物流园", ""]], heading="新开项目一览表")
    make_xlsx(site.content("attachments/touzi.xlsx"), {"投资计划": [["项目", "2016年", "2017年"], ["会展中心", 5, 7.5]],
                                                       "说明": [["以上为计划数。"]]})
    site.content("attachments/buju.pdf").write_bytes(REAL_PDF.read_bytes())
    build(site.root, search=True, as_of=date(2026, 12, 1))
    return site.public


def html_pages(folder: Path) -> list[str]:
    return [p for p in site_files(folder) if p.endswith(".html") and not p.startswith("pagefind/")]


def one_page_per_kind(folder: Path) -> dict[str, str]:
    """For each page type, its largest page: the one with the most to get wrong."""
    chosen: dict[str, str] = {}
    for path in html_pages(folder):
        kind = page_kind(path)
        if kind not in chosen or (folder / path).stat().st_size > (folder / chosen[kind]).stat().st_size:
            chosen[kind] = path
    return chosen


def test_both_sites_have_every_basic_page_type(embedded, features):
    assert {"home", "404", "notices/index", "notices/*", "current/index"} <= set(one_page_per_kind(embedded))
    assert {"interpretations/*", "interpretations/index", "current/index"} <= set(one_page_per_kind(features))
    assert "notices/*/*" in one_page_per_kind(features)  # an attachment's text
    assert len([p for p in html_pages(features) if page_kind(p) == "notices/index"]) == 4  # paginated


def test_every_page_is_valid_html(embedded, features):
    if not VNU.exists():
        need(VNU)
    pages = [embedded / p for p in html_pages(embedded)] + [features / p for p in html_pages(features)]
    css = [embedded / p for p in site_files(embedded) if p.startswith("assets/") and p.endswith(".css")]
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--also-check-css",
                           *map(str, pages + css)], capture_output=True, text=True, timeout=600)
    report = json.loads(done.stderr or done.stdout)
    problems = [f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
                for m in report["messages"] if m.get("type") != "info"]
    assert problems == [], "\n".join(problems)
    assert done.returncode == 0 and len(pages) > 30


def test_the_embedded_site_has_no_broken_link(embedded, capsys):
    assert main(["check", "--root", str(REPO), "--out", str(embedded)]) == 0, capsys.readouterr().err
    assert ": 0 broken, 0 external (not fetched)" in capsys.readouterr().out


def test_the_feature_site_has_no_broken_link(features, capsys):
    assert main(["check", "--root", str(features.parent)]) == 0, capsys.readouterr().err


def axe_violations(page, url: str, ready: str = "") -> list[str]:
    page.goto(url)
    if ready:
        page.wait_for_selector(ready, timeout=15000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['impact']} {v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result if v["impact"] in ("serious", "critical")]


def test_every_feed_of_both_sites_is_valid_atom(embedded, features):
    feeds = [folder / p for folder in (embedded, features) for p in site_files(folder)
             if p.endswith(".xml") and p != "sitemap.xml"]
    assert len(feeds) > 100  # the site's, and one per department, topic, issuer and 文种
    assert {str(feed): atom_problems(feed.read_bytes()) for feed in feeds if atom_problems(feed.read_bytes())} == {}


ELDER = "localStorage.setItem('site-builder:elder-mode', 'on')"  # 长者模式, as theme/elder.js keeps it


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_serious_violation_on_any_page_type(embedded, features, browser, viewport, mode):
    if not AXE.exists():
        need(AXE)
    context = browser.new_context(viewport=viewport)
    if mode == "elder":
        context.add_init_script(ELDER)
    page = context.new_page()
    found = {}
    for name, folder in (("embedded", embedded), ("features", features)):
        with serve_folder(folder, BASE_PATH) as base:
            for kind, path in sorted(one_page_per_kind(folder).items()):
                url, ready = base + path, ""
                if kind == "404":
                    url = base + "notices/no/such/page.html"
                elif kind == "search/index":  # with results, filters and highlights on screen
                    url, ready = base + path + "?q=通知", ".pagefind-ui__result"
                violations = axe_violations(page, url, ready)
                if mode == "elder":
                    assert page.evaluate("document.documentElement.classList.contains('elder')"), url
                if violations:
                    found[f"{name} {path}"] = violations
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


@pytest.fixture
def notice_page(embedded, browser):
    """The largest notice of the embedded gazette, served under its base path, at desktop width."""
    path = one_page_per_kind(embedded)["notices/*"]
    page = browser.new_page(viewport=DESKTOP)
    with serve_folder(embedded, BASE_PATH) as base:
        page.goto(base + path)
        yield page
    page.close()


@pytest.mark.browser
def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(notice_page):
    page = notice_page
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
        return {text: e.textContent, href: e.getAttribute('href'), left: r.left, top: r.top, width: r.width}; }""")
    assert focused["text"] == "跳到正文" and focused["href"] == "#main"
    assert focused["left"] >= 0 and focused["top"] >= 0 and focused["width"] > 0  # on screen while focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the main content, past the header and navigation
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


# For the element in focus: the colours of what marks the focus (outline, box-shadow, a focus background) and
# the background around it, as [r, g, b] lists.
FOCUS_COLOURS = """() => {
    const e = document.activeElement;
    if (e === document.body || e.dataset.stop) return null;
    e.dataset.stop = 'yes';
    const rgb = text => (text.match(/rgba?\\([^)]*\\)/g) || []).map(c => c.match(/[\\d.]+/g).map(Number))
        .filter(c => c.length < 4 || c[3] > 0.5).map(c => c.slice(0, 3));
    const behind = node => { for (; node; node = node.parentElement) { const c = rgb(getComputedStyle(node).backgroundColor);
        if (c.length) return c[0]; } return [255, 255, 255]; };
    const s = getComputedStyle(e), marks = [];
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) marks.push(...rgb(s.outlineColor));
    if (s.boxShadow !== 'none') marks.push(...rgb(s.boxShadow));
    marks.push(...rgb(s.backgroundColor));
    return {stop: e.tagName + ' ' + (e.getAttribute('href') || e.id || e.className), marks, behind: behind(e.parentElement)};
}"""


def contrast(a: list[float], b: list[float]) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.browser
def test_every_keyboard_stop_shows_its_focus_with_enough_contrast(notice_page):
    page = notice_page
    stops = page.evaluate("""() => document.querySelectorAll(
        'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])').length""")
    faint, visited = [], 0
    for _ in range(stops + 5):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_COLOURS)
        if focus is None:  # Tab left the page or came round to the start again
            break
        visited += 1
        best = max((contrast(mark, focus["behind"]) for mark in focus["marks"]), default=0)
        if best < 3:  # WCAG 2.1 1.4.11: 3:1 for what shows the state of a control
            faint.append(f"{focus['stop']}: {best:.1f}:1")
    assert faint == []
    assert visited == stops  # every link and control is reachable with Tab


@pytest.mark.browser
def test_the_outline_is_a_nested_list_and_tables_have_headers(notice_page):
    page = notice_page
    outline = page.get_by_role("navigation", name="目录")
    snapshot = outline.aria_snapshot()
    assert snapshot.startswith('- navigation "目录":\n  - heading "目录" [level=2]\n  - list:\n    - listitem:\n')
    assert "      - list:\n" in snapshot  # sub-clauses are announced as a list inside their clause
    meta = page.get_by_role("table", name="文件信息")
    assert meta.get_by_role("rowheader", name="发文字号").count() == 1
    assert meta.get_by_role("rowheader", name="成文日期").count() == 1
    for table in page.locator("main .notice-body table").all():
        assert table.get_by_role("columnheader").count() > 0
    headings = page.evaluate("[...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')]"
                             ".map(h => Number(h.tagName[1]))")
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:])), headings  # no level skipped going down


@pytest.mark.browser
def test_the_404_page_works_at_any_depth(embedded, browser):
    page = browser.new_page(viewport=DESKTOP)
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400
            and response.request.resource_type != "document" else None)
    with serve_folder(embedded, BASE_PATH) as base:
        response = page.goto(base + "notices/2016/no-such-notice.html")
        assert response.status == 404 and page.title() == "页面未找到 - 郑州市人民政府公报"
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") \
            == "rgb(166, 27, 27)"  # the stylesheet loaded
        links = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => !h.includes('#'))")
        statuses = {link: page.request.get(link).status for link in links if "search/" not in link}
    page.close()
    assert failed == []
    assert set(statuses.values()) == {200}, statuses
