import threading

from site_builder.serve.livereload import BuildState, Status, inject, overlay, parse_poll, script

ERROR = "content/notices/27.md:5: E113 'date' (成文日期) is not a date: '2016-18-08' (write it as YYYY-MM-DD)"


def test_a_good_build_that_changed_the_site_advances_the_epoch():
    state = BuildState()
    assert state.succeeded(site_changed=True) == Status(epoch=1, revision=0, errors=())
    assert state.succeeded(site_changed=False) == Status(epoch=1, revision=0, errors=())  # nothing to reload


def test_a_failed_build_never_advances_the_epoch_and_shows_its_errors_once():
    state = BuildState()
    state.succeeded(site_changed=True)
    assert state.failed((ERROR,)) == Status(epoch=1, revision=1, errors=(ERROR,))
    assert state.failed((ERROR,)) == Status(epoch=1, revision=1, errors=(ERROR,))  # same broken save again
    assert state.failed(("other",)) == Status(epoch=1, revision=2, errors=("other",))


def test_the_next_good_build_clears_the_errors_even_when_the_site_is_unchanged():
    state = BuildState()
    state.failed((ERROR,))
    assert state.succeeded(site_changed=False) == Status(epoch=0, revision=2, errors=())


def test_a_poll_returns_at_once_when_the_page_is_out_of_date():
    state = BuildState()
    state.succeeded(site_changed=True)
    assert state.wait(0, 0, timeout=5).epoch == 1


def test_a_poll_returns_the_same_status_when_nothing_happens():
    state = BuildState()
    assert state.wait(0, 0, timeout=0.01) == Status()


def test_a_held_poll_returns_when_a_build_finishes():
    state = BuildState()
    seen = []
    poll = threading.Thread(target=lambda: seen.append(state.wait(0, 0, timeout=10)))
    poll.start()
    state.succeeded(site_changed=True)
    poll.join(5)
    assert seen == [Status(epoch=1)]


def test_a_search_overlay_reloads_the_search_page_only():
    state = BuildState()
    state.early("页面已更新")
    state.searched("页面和搜索已更新")
    assert state.wait(1, 0, timeout=0.01).note == "页面和搜索已更新"  # another page: nothing to reload for
    assert state.wait(1, 0, 0, timeout=5).search == 1  # the search page: reload
    assert state.succeeded(site_changed=True) == Status(epoch=2, revision=1, search=1)
    assert 'searchPage ? "&search=" + search' in script(state.snapshot()) and "search = 1," in script(state.snapshot())


def test_closing_releases_held_polls():
    state = BuildState()
    poll = threading.Thread(target=state.wait, args=(0, 0), kwargs={"timeout": 30})
    poll.start()
    state.close()
    poll.join(5)
    assert not poll.is_alive()


def test_the_overlay_escapes_diagnostics_and_is_an_alert():
    box = overlay(("content/x.md:3: E111 'title' must be text, not '<script>alert(1)</script>'",))
    assert 'role="alert"' in box and 'aria-labelledby="site-builder-error-title"' in box
    assert "<script>" not in box
    assert ("content/x.md:3: E111 &#x27;title&#x27; must be text, "
            "not &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;") in box
    assert '<button type="button"' in box and "关闭 Close" in box
    assert "构建失败 · Build failed" in box


def test_no_overlay_without_errors():
    assert overlay(()) == ""


def test_the_script_polls_with_the_status_the_page_was_served_with():
    code = script(Status(epoch=7, revision=3))
    assert "var epoch = 7, revision = 3" in code
    assert '"/__livereload?epoch=" + epoch + "&revision=" + revision' in code
    assert code.startswith('<script data-site-builder="livereload">') and "src=" not in code


def test_inject_goes_before_the_last_closing_body_tag():
    page = b"<html><body><p>a</p><code>&lt;/body&gt;</code></BODY >\n</html>\n"
    out = inject(page, Status(epoch=2, revision=1, errors=("E1 broken",)))
    head, tail = out.split(b'<div id="site-builder-error"')
    assert head == b"<html><body><p>a</p><code>&lt;/body&gt;</code>"
    assert tail.endswith(b"})();</script>\n</BODY >\n</html>\n")
    assert tail.index(b"E1 broken") < tail.index(b"<script")


def test_inject_appends_to_a_page_without_body():
    out = inject(b"<p>fragment</p>", Status())
    assert out.startswith(b"<p>fragment</p><script data-site-builder=\"livereload\">")
    assert b"site-builder-error" not in out.split(b"<script")[0]


def test_parse_poll():
    assert parse_poll({"epoch": ["3"], "revision": ["0"]}) == (3, 0, None)
    assert parse_poll({"epoch": ["-1"], "revision": ["2"]}) == (-1, 2, None)
    assert parse_poll({"epoch": ["1"], "revision": ["2"], "search": ["4"]}) == (1, 2, 4)
    assert parse_poll({"epoch": ["1"], "revision": ["2"], "search": ["x"]}) is None
    assert parse_poll({"epoch": ["x"], "revision": ["0"]}) is None
    assert parse_poll({"epoch": ["1"]}) is None
