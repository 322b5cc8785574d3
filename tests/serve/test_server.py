import http.client
import os
import threading

import pytest

from site_builder.serve.livereload import BuildState
from site_builder.serve.server import PreviewServer, Target, mime_type, resolve


@pytest.fixture
def output(tmp_path):
    out = tmp_path / "site" / "public"
    (out / "notices").mkdir(parents=True)
    (out / "index.html").write_text("<!DOCTYPE html><html><head><title>首页</title></head><body>首页</body></html>")
    (out / "notices" / "index.html").write_text("<html><body>全部文件</body></html>")
    (out / "notices" / "a.html").write_text("<html><body>甲</body></html>")
    (out / "404.html").write_text('<html><head><link href="assets/site.css"></head><body>页面未找到</body></html>')
    (out / "assets").mkdir()
    (out / "assets" / "site.css").write_text("body{}")
    (tmp_path / "site" / "site.toml").write_text("secret")
    return out


@pytest.mark.parametrize("request_path, expected", [
    ("/", "index.html"),
    ("/index.html", "index.html"),
    ("/notices/", "notices/index.html"),
    ("/notices/a.html", "notices/a.html"),
    ("/notices/a.html?v=1#top", "notices/a.html"),
    ("/notices//a.html", "notices/a.html"),
    ("/%6eotices/a.html", "notices/a.html"),
])
def test_files_inside_the_output_are_served(output, request_path, expected):
    assert resolve(output, request_path) == Target(200, output / expected)


def test_the_sites_base_path_is_served_too_for_the_404_pages_links(output):
    assert resolve(output, "/gazette/notices/a.html", "/gazette/") == Target(200, output / "notices/a.html")
    assert resolve(output, "/gazette/", "/gazette/") == Target(200, output / "index.html")
    assert resolve(output, "/notices/a.html", "/gazette/") == Target(200, output / "notices/a.html")
    assert resolve(output, "/gazette/../../site.toml", "/gazette/").status == 403


def test_a_folder_without_its_slash_redirects_so_relative_links_work(output):
    assert resolve(output, "/notices?q=1") == Target(301, location="/notices/")


@pytest.mark.parametrize("request_path", ["/missing.html", "/notices/missing/", "/%ff.html", "/assets"])
def test_missing_files_are_404(output, request_path):
    if request_path == "/assets":
        (output / "assets" / "site.css").unlink()
        (output / "assets").rmdir()
    assert resolve(output, request_path).status == 404


@pytest.mark.parametrize("request_path", [
    "/../site.toml", "/notices/../../site.toml", "/%2e%2e/site.toml", "/%2E%2E/site.toml",
    "/notices%2f..%2f..%2fsite.toml", "/..%5csite.toml", "/index.html%00.css", "/./index.html", "site.toml",
])
def test_traversal_is_forbidden(output, request_path):
    assert resolve(output, request_path).status == 403


def test_a_symlink_out_of_the_output_is_forbidden(output, tmp_path):
    (output / "leak.txt").symlink_to(tmp_path / "site" / "site.toml")
    (output / "up").symlink_to(tmp_path / "site")
    assert resolve(output, "/leak.txt").status == 403
    assert resolve(output, "/up/site.toml").status == 403
    assert resolve(output, "/up/").status == 403


def test_a_symlink_inside_the_output_is_served(output):
    (output / "home.html").symlink_to(output / "index.html")
    assert resolve(output, "/home.html") == Target(200, output / "index.html")


def test_nothing_is_served_before_the_first_build(tmp_path):
    assert resolve(tmp_path / "public", "/index.html").status == 404


@pytest.mark.parametrize("name, expected", [
    ("index.html", "text/html; charset=utf-8"),
    ("site.css", "text/css; charset=utf-8"),
    ("pagefind.js", "text/javascript; charset=utf-8"),
    ("notices.json", "application/json"),
    ("feed.xml", "application/xml; charset=utf-8"),
    ("deadlines.ics", "text/calendar; charset=utf-8"),
    ("pagefind.wasm", "application/wasm"),
    ("pagefind.zh_cf5e83e3c9.pf_meta", "application/octet-stream"),
    ("zh_0a1b2c.pf_index", "application/octet-stream"),
    ("zh_0a1b2c.pf_fragment", "application/octet-stream"),
    ("zh_0a1b2c.pf_filter", "application/octet-stream"),
    ("wasm.unknown.pagefind", "application/octet-stream"),
    ("LOGO.PNG", "image/png"),
    ("no-extension", "application/octet-stream"),
])
def test_mime_types(name, expected):
    assert mime_type(name) == expected


@pytest.fixture
def server(output):
    state = BuildState()
    httpd = PreviewServer(("127.0.0.1", 0), output, state)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    state.close()
    httpd.shutdown()
    httpd.server_close()


def fetch(server, path, method="GET"):
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    connection.request(method, path)  # sent as written: http.client does not normalise '..'
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_html_gets_the_reload_script_and_no_store(server):
    status, headers, body = fetch(server, "/notices/a.html")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert int(headers["Content-Length"]) == len(body)
    assert body.startswith("<html><body>甲".encode()) and b"__livereload" in body


def test_other_files_are_served_as_they_are(server, output):
    status, headers, body = fetch(server, "/assets/site.css")
    assert (status, headers["Content-Type"], body) == (200, "text/css; charset=utf-8", b"body{}")


def test_head_sends_headers_only(server):
    status, headers, body = fetch(server, "/assets/site.css", method="HEAD")
    assert (status, headers["Content-Length"], body) == (200, "6", b"")


def test_missing_pages_get_the_sites_404_page_with_links_from_the_root(server):
    status, headers, body = fetch(server, "/notices/gone.html")
    assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body.startswith('<html><head>\n<base href="/"><link href="assets/site.css"></head><body>页面未找到'.encode())
    assert b"__livereload" in body


def test_a_site_without_404_page_still_answers_404(server, output):
    os.remove(output / "404.html")
    status, _, body = fetch(server, "/nothing")
    assert status == 404 and "Not found".encode() in body


@pytest.mark.parametrize("path", ["/../site.toml", "/%2e%2e/site.toml", "/notices/..%2f..%2fsite.toml"])
def test_traversal_over_http_never_reaches_the_file(server, path):
    status, _, body = fetch(server, path)
    assert status in (403, 404) and b"secret" not in body


def test_redirect_keeps_to_the_site(server):
    status, headers, _ = fetch(server, "/notices")
    assert (status, headers["Location"]) == (301, "/notices/")


def test_a_poll_without_numbers_is_a_bad_request(server):
    status, _, body = fetch(server, "/__livereload?epoch=x")
    assert (status, body) == (400, b"expected ?epoch=N&revision=N[&search=N]\n")


def test_a_poll_answers_with_the_current_status_when_out_of_date(server):
    status, headers, body = fetch(server, "/__livereload?epoch=-1&revision=0")
    assert (status, headers["Content-Type"]) == (200, "application/json")
    assert body == b'{"epoch": 0, "errors": [], "note": "", "revision": 0, "search": 0}'


def test_the_search_overlay_is_served_from_memory_and_told_to_every_page(server, output):
    from site_builder.serve.search_overlay import Overlay

    script = '<script data-site-builder="search-overlay">window.siteBuilderSearchOverlay = {};</script>\n'
    server.overlay = Overlay({"pagefind/_preview/pagefind-entry.json": b"{}",
                              "pagefind/_preview/fragment/zh_1.pf_fragment": b"\x1f\x8b"}, script)
    status, headers, body = fetch(server, "/pagefind/_preview/fragment/zh_1.pf_fragment?ts=1")
    assert (status, headers["Content-Type"], body) == (200, "application/octet-stream", b"\x1f\x8b")
    assert fetch(server, "/pagefind/_preview/pagefind-entry.json")[2] == b"{}"
    assert fetch(server, "/pagefind/_preview/../../site.toml")[0] == 403
    assert fetch(server, "/pagefind/_preview/missing.json")[0] == 404
    assert script.encode() in fetch(server, "/notices/a.html")[2]
    assert not (output / "pagefind").exists()
    server.overlay = None
    assert fetch(server, "/pagefind/_preview/pagefind-entry.json")[0] == 404
    assert b"search-overlay" not in fetch(server, "/notices/a.html")[2]
