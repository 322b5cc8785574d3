"""The preview end to end: a real server on a free port, real file edits, answers read over HTTP."""

import gzip
import html
import http.client
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from site_builder.cli import main
from site_builder.serve.preview import Preview
from tests.conftest import REPO, notice_text, snapshot

PAGE = "/notices/zhengzheng-2016-27.html"
TITLE = "关于加快国家区域性会展中心城市建设的意见"
EDITED = "关于加快建设国家区域性会展中心城市的意见"
FIXED = "关于加快建设国家会展中心城市的意见"
BAD_DATE = ("content/notices/27.md:5: E113 'date' (成文日期) is not a date: '2016-18-08' "
            "(write it as YYYY-MM-DD, e.g. 2016-08-01)")


def cited(title=TITLE, date="2016-08-18"):
    return notice_text(doc_number="郑政〔2016〕27号", title=title, date=date, body="## 一、总体要求\n\n正文。\n")


class Client:
    def __init__(self, preview: Preview):
        self.host, self.port = preview.server.server_address[:2]

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        connection.request("GET", path)  # as written: http.client leaves '..' alone
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, body

    def status(self) -> dict:
        """The live-reload state right now: a poll from a page that has seen nothing returns at once."""
        return json.loads(self.get("/__livereload?epoch=-1&revision=-1")[1])


def wait_until(check, timeout: float = 10.0):
    """Poll check() until it returns something truthy; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout} s")
        time.sleep(0.02)


def current(client: Client, since: int) -> dict | None:
    """The status once a good build newer than epoch `since` is published and nothing is pending, else None."""
    status = client.status()
    return status if status["epoch"] > since and status["errors"] == [] and status["note"] == "" else None


def start(site, search=False):
    out, err = io.StringIO(), io.StringIO()
    preview = Preview(site.root, search=search, out=out, err=err)
    preview.start("127.0.0.1", 0)
    client = Client(preview)
    wait_until(lambda: client.status()["epoch"] >= 1, timeout=30)
    return preview, client, out, err


@pytest.fixture
def running(site):
    site.write("27.md", cited())
    site.write("24.md", notice_text())
    preview, client, out, err = start(site)
    yield site, client, out, err
    preview.stop()


def test_edit_break_and_fix_a_notice_while_the_preview_runs(running):
    site, client, out, err = running
    assert TITLE in client.get(PAGE)[1]
    epoch = client.status()["epoch"]

    site.write("27.md", cited(title=EDITED))
    wait_until(lambda: EDITED in client.get(PAGE)[1], timeout=3)
    # The state follows the swap of the folder by a moment; a page served in between just reloads once more.
    good = wait_until(lambda: current(client, epoch))

    site.write("27.md", cited(title=FIXED, date="2016-18-08"))
    broken = wait_until(lambda: client.status()["errors"], timeout=3)
    assert broken == [BAD_DATE]
    assert client.status()["epoch"] == good["epoch"]  # a failed build never advances the epoch
    code, page = client.get(PAGE)
    assert code == 200 and EDITED in page and FIXED not in page  # the last good build stays up
    assert '<div id="site-builder-error" role="alert"' in page and html.escape(BAD_DATE) in page
    assert html.escape(BAD_DATE) in client.get("/index.html")[1]  # over every page
    assert BAD_DATE in err.getvalue()
    assert "build failed: 1 error(s); still serving the last good build" in err.getvalue()

    site.write("27.md", cited(title=FIXED))
    wait_until(lambda: FIXED in client.get(PAGE)[1], timeout=3)
    wait_until(lambda: current(client, good["epoch"]))
    assert "site-builder-error" not in client.get(PAGE)[1].split("<script data-site-builder")[0]
    assert "content/notices/27.md: built 2 notices in " in out.getvalue()


def test_a_waiting_page_hears_of_the_next_good_build(running):
    site, client, _, _ = running
    now = client.status()
    answers = []
    poll = threading.Thread(target=lambda: answers.append(
        client.get(f"/__livereload?epoch={now['epoch']}&revision={now['revision']}")))
    poll.start()
    time.sleep(0.2)
    assert not answers  # held open while nothing changes
    site.write("27.md", cited(title=EDITED))
    poll.join(5)
    assert answers and json.loads(answers[0][1])["epoch"] == now["epoch"] + 1


def test_the_published_folder_never_gets_the_script_or_the_overlay(running):
    site, client, _, _ = running
    site.write("27.md", cited(date="2016-18-08"))
    wait_until(lambda: client.status()["errors"])
    assert "__livereload" in client.get(PAGE)[1]
    for path, data in snapshot(site.public).items():
        assert b"__livereload" not in data and b"site-builder-error" not in data, path


@pytest.mark.parametrize("path", ["/../site.toml", "/%2e%2e/site.toml", "/notices/%2e%2e/%2e%2e/site.toml",
                                  "/..%2fsite.toml"])
def test_requests_cannot_leave_the_output_folder(running, path):
    _, client, _, _ = running
    code, body = client.get(path)
    assert code in (403, 404) and "[build]" not in body


def test_missing_pages_are_404_with_the_sites_page(running):
    _, client, _, _ = running
    code, body = client.get("/notices/zhengzheng-2016-99.html")
    assert code == 404 and "页面未找到" in body and "__livereload" in body


def test_a_broken_template_shows_where_and_recovers(running):
    site, client, _, _ = running
    template = site.root / "templates" / "404.html"
    good = template.read_text("utf-8")
    template.write_text(good.replace("{% endblock %}", "{% endblock %"), "utf-8")
    errors = wait_until(lambda: client.status()["errors"])
    assert len(errors) == 1 and errors[0].startswith("templates/404.html:9: E410 template error: ")
    template.write_text(good.replace("{% block content %}", "{% block content %}{{ nope.x }}"), "utf-8")
    wait_until(lambda: client.status()["errors"] == ["templates/404.html:2: E410 template error: 'nope' is undefined"])
    template.write_text(good.replace("{% block content %}", '{% block content %}{% include "gone.html" %}'))
    wait_until(lambda: client.status()["errors"] == [
        "templates/404.html:2: E410 template error: no template named 'gone.html' in templates/ or the built-in "
        "theme"])
    template.write_text(good.replace("页面未找到", "找不到页面"), "utf-8")
    wait_until(lambda: "找不到页面" in client.get("/missing")[1])
    wait_until(lambda: client.status()["errors"] == [])


def test_site_settings_and_theme_changes_rebuild(running):
    site, client, _, _ = running
    config = site.root / "site.toml"
    config.write_text(config.read_text("utf-8").replace('name = "郑州市人民政府公报"', 'name = "郑州公报"'), "utf-8")
    wait_until(lambda: "<title>郑州公报</title>" in client.get("/index.html")[1])
    css = site.root / "theme" / "site.css"
    css.write_text(css.read_text("utf-8") + "\n.preview-test { color: red; }\n", "utf-8")
    wait_until(lambda: ".preview-test" in client.get("/assets/site.css")[1])


def test_an_atomic_save_with_swap_files_rebuilds_once(running):
    site, client, out, _ = running
    before = client.status()["epoch"]
    notices = site.root / "content" / "notices"
    (notices / ".27.md.swp").write_text("vim swap")
    temp = notices / ".goutputstream-ABC123"
    temp.write_text(cited(title=EDITED), "utf-8")
    os.replace(temp, notices / "27.md")
    wait_until(lambda: EDITED in client.get(PAGE)[1])
    wait_until(lambda: current(client, before + 1), timeout=15)
    time.sleep(0.4)  # room for a second, needless build to show up
    assert client.status()["epoch"] == before + 3  # the page shown at once, the lists, then the build
    assert out.getvalue().count("content/notices/27.md: built") == 1


def test_the_search_index_follows_the_edit(site):
    site.write("27.md", cited())
    preview, client, _, _ = start(site, search=True)
    try:
        epoch = client.status()["epoch"]
        site.write("27.md", cited(title=EDITED))
        wait_until(lambda: EDITED in client.get(PAGE)[1], timeout=10)
        wait_until(lambda: current(client, epoch + 1), timeout=30)  # the page came first; the index with the build
        fragments = sorted((site.public / "pagefind").glob("*/fragment/*.pf_fragment"))  # pagefind/<year>/
        texts = []
        for fragment in fragments:
            connection = http.client.HTTPConnection(client.host, client.port, timeout=10)
            connection.request("GET", "/" + fragment.relative_to(site.public).as_posix())
            response = connection.getresponse()
            assert response.getheader("Content-Type") == "application/octet-stream"
            texts.append(gzip.decompress(response.read()).decode("utf-8").replace("\u200b", ""))
            connection.close()
        assert any(EDITED in text for text in texts) and not any(TITLE in text for text in texts)
        assert client.get("/pagefind/2016/pagefind.js")[0] == 200
    finally:
        preview.stop()


def test_a_port_in_use_is_reported_without_traceback(site, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--root", str(site.root), "--port", str(port), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"site-builder serve: cannot listen on 127.0.0.1:{port}: ")
    assert err.endswith("(choose another --port or --host)\n") and "Traceback" not in err


def test_a_missing_root_is_reported_and_nothing_is_created(tmp_path, capsys):
    assert main(["serve", "--root", str(tmp_path / "nope"), "--port", "0"]) == 2
    assert capsys.readouterr().err == (f"site-builder: no such folder: {tmp_path / 'nope'} "
                                       "(give --root the site's folder, the one holding site.toml)\n")
    assert not (tmp_path / "nope").exists()


def test_a_bad_port_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "70000"])
    assert exit_.value.code == 2
    assert "not a port number: '70000' (use 1-65535, or 0 for any free port)" in capsys.readouterr().err


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_command_serves_and_stops_cleanly_on_ctrl_c_or_kill(site, stop):
    site.write("27.md", cited(title="关于加快国家区域性会展中心城市建设的通知"))  # a 通知 asks no 解读 (W140)
    process = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "serve", "--root", str(site.root), "--port", "0", "--no-search"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONFAULTHANDLER="1"))  # if it ever hangs, SIGABRT below prints every thread
    try:
        first = process.stdout.readline()
        assert first.startswith(f"Serving {site.public} at http://127.0.0.1:")
        assert process.stdout.readline() == "Watching content/, templates/, theme/, site.toml\n"
        assert "built 1 notices in " in process.stdout.readline()
        process.send_signal(stop)
        try:
            out, err = process.communicate(timeout=60)  # a busy CI machine: Python alone may take seconds to exit
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)
            pytest.fail("serve did not stop within 60 s; its threads:\n" + process.communicate(timeout=30)[1][-8000:])
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert out == "\nStopping…\n" and err == ""


def test_a_fifo_named_like_a_notice_is_an_error_and_the_preview_goes_on(running):
    site, client, _, err = running
    epoch = client.status()["epoch"]
    os.mkfifo(site.root / "content" / "notices" / "pipe.md")
    assert wait_until(lambda: client.status()["errors"], timeout=10) == [
        "content/notices/pipe.md:1: E100 cannot read file: not a regular file: a FIFO"]
    os.unlink(site.root / "content" / "notices" / "pipe.md")
    site.write("27.md", cited(title=EDITED))
    wait_until(lambda: EDITED in client.get(PAGE)[1], timeout=10)
    wait_until(lambda: client.status()["errors"] == [] and client.status()["epoch"] > epoch)


@pytest.fixture
def held_builds(monkeypatch):
    """Builds after the first wait until the test lets them go, as a big site's take seconds: what the preview
    shows meanwhile can be looked at. Set the event to let them run."""
    from site_builder.serve import preview as preview_module

    real, gate = preview_module.build, threading.Event()

    def held(*args, changed=None, **kwargs):
        if changed:
            gate.wait(60)
        return real(*args, changed=changed, **kwargs)

    monkeypatch.setattr(preview_module, "build", held)
    yield gate
    gate.set()


def test_an_edited_page_is_served_before_its_build_and_the_lists_follow_with_the_build(site, held_builds):
    site.write("27.md", cited())
    site.write("24.md", notice_text())
    preview, client, out, _ = start(site)
    try:
        epoch = client.status()["epoch"]
        site.write("27.md", cited(title=EDITED))
        wait_until(lambda: EDITED in client.get(PAGE)[1])
        wait_until(lambda: EDITED in client.get("/index.html")[1])  # the lists a moment after the page
        status = client.status()
        assert status["epoch"] == epoch + 2 and status["note"] == "页面已更新，列表和搜索索引正在重建…"
        assert 'id="site-builder-note" role="status"' in client.get(PAGE)[1]
        # The lists that show it come with it: home, 全部文件, its year's, 文种's and 发文机关's, its topics'.
        for listing in ("/index.html", "/notices/index.html", "/years/2016.html", "/types/yijian.html",
                        "/issuers/zhengzhoushirenminzhengfu.html"):
            assert EDITED in client.get(listing)[1], listing
        assert EDITED not in (site.public / PAGE.lstrip("/")).read_text("utf-8")  # never written early
        assert EDITED not in (site.public / "index.html").read_text("utf-8")
        held_builds.set()
        wait_until(lambda: current(client, epoch + 2), timeout=30)
        assert EDITED in client.get("/index.html")[1]
        assert "site-builder-note" not in client.get(PAGE)[1]
        assert "content/notices/27.md: shown at once; building the site" in out.getvalue()
    finally:
        preview.stop()


def test_an_edit_that_moves_the_page_or_fails_is_not_shown_before_its_build(site, held_builds):
    site.write("27.md", cited())
    preview, client, _, _ = start(site)
    try:
        epoch = client.status()["epoch"]
        site.write("27.md", cited(title=EDITED).replace("郑政〔2016〕27号", "郑政〔2016〕29号"))
        time.sleep(1)  # the builder thread has seen the edit and waits at the gate
        assert client.status() == {"epoch": epoch, "revision": 0, "errors": [], "note": "", "search": 0}
        assert EDITED not in client.get(PAGE)[1]
        held_builds.set()
        wait_until(lambda: current(client, epoch), timeout=30)
        assert EDITED in client.get("/notices/zhengzheng-2016-29.html")[1]
        held_builds.clear()
        epoch = client.status()["epoch"]
        site.write("27.md", cited(title=FIXED, date="2016-18-08").replace("郑政〔2016〕27号", "郑政〔2016〕29号"))
        time.sleep(1)
        assert client.status()["epoch"] == epoch and FIXED not in client.get("/notices/zhengzheng-2016-29.html")[1]
        held_builds.set()
        wait_until(lambda: client.status()["errors"], timeout=30)
    finally:
        preview.stop()


def test_the_lists_are_published_before_the_search_index_catches_up(site, monkeypatch):
    from site_builder.serve import preview as preview_module

    site.write("27.md", cited())
    real, gate = preview_module.finish_search, threading.Event()
    monkeypatch.setattr(preview_module, "finish_search", lambda pending: (gate.wait(60), real(pending))[1])
    gate.set()
    preview, client, out, _ = start(site, search=True)
    try:
        wait_until(lambda: client.status()["note"] == "", timeout=60)  # the first build's index is done
        gate.clear()
        epoch = client.status()["epoch"]
        site.write("27.md", cited(title=EDITED))
        wait_until(lambda: client.status()["note"] == "搜索索引正在更新…", timeout=30)
        assert EDITED in client.get("/notices/index.html")[1]  # the lists are published
        shards = json.loads((site.public / "pagefind" / "shards.json").read_text("utf-8"))
        assert not any(EDITED in text for text in fragments(site))  # the index is the previous one …
        gate.set()
        wait_until(lambda: current(client, epoch + 1), timeout=60)
        assert any(EDITED in text for text in fragments(site))  # … until it is brought up to date
        assert json.loads((site.public / "pagefind" / "shards.json").read_text("utf-8")) != shards
        assert "indexed the search in " in out.getvalue()
    finally:
        gate.set()
        preview.stop()


def fragments(site) -> list[str]:
    return [gzip.decompress(path.read_bytes()).decode("utf-8").replace("\u200b", "")
            for path in sorted((site.public / "pagefind").glob("*/fragment/*.pf_fragment"))]


def test_a_deferred_index_ends_byte_identical_to_a_build(site, tmp_path):
    from site_builder.build import build
    from site_builder.serve.deferred import finish_search

    site.write("27.md", cited())
    build(site.root)
    site.write("27.md", cited(title=EDITED))
    result = build(site.root, search_later=True)
    assert result.pending is not None
    finish_search(result.pending)
    served = snapshot(site.public)
    cold = tmp_path / "cold"
    shutil.copytree(site.root, cold, ignore=shutil.ignore_patterns("public", ".site-builder", ".public.*"))
    build(cold)
    assert snapshot(cold / "public") == served
