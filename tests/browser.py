"""Browser fixtures: Debian's chromium driven by playwright, and a local server for a built site.

Import the fixtures a test module needs (`from tests.browser import browser, serve_folder`).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# Module scope: one playwright at a time may run in a process, and other test modules start their own.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make browser-deps'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves a site folder under its base path, and its 404.html for a missing URL, as a web server would."""

    base_path = "/"
    # A Pagefind bundle's own files, with the types a web server gives them (its WebAssembly must be wasm).
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".wasm": "application/wasm", ".pagefind": "application/octet-stream",
                      ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
                      ".pf_fragment": "application/octet-stream", ".pf_filter": "application/octet-stream"}

    def do_GET(self):
        if not self.path.startswith(self.base_path):
            return self.send_error(404)
        return super().do_GET()

    def do_HEAD(self):
        if not self.path.startswith(self.base_path):
            return self.send_error(404)
        return super().do_HEAD()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.base_path):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output clean
        pass


@contextmanager
def serve_folder(folder: Path, base_path: str = "/") -> Iterator[str]:
    """Serve folder at http://127.0.0.1:PORT{base_path}; yields that URL."""
    handler = type("Handler", (_SiteHandler,), {"base_path": base_path})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
