"""HTTP for the preview: serve the output folder and nothing outside it, with live reload injected into HTML."""

from __future__ import annotations

import os
import shutil
import socket
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from site_builder.serve import livereload
from site_builder.serve.search_overlay import Overlay

MIME = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",  # feed and sitemap: shown by the browser, not downloaded
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    # Pagefind's index: gzip-compressed chunks its own script fetches and unpacks.
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}
DEFAULT_MIME = "application/octet-stream"

_FALLBACK_404 = (b'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>404</title></head>'
                 b"<body><h1>\xe9\xa1\xb5\xe9\x9d\xa2\xe6\x9c\xaa\xe6\x89\xbe\xe5\x88\xb0 \xc2\xb7 Not found</h1>"
                 b"<p>No page here, and the site has no 404.html (yet).</p></body></html>\n")


def mime_type(path: str) -> str:
    return MIME.get(os.path.splitext(path)[1].lower(), DEFAULT_MIME)


@dataclass(frozen=True)
class Target:
    status: int  # 200, 301 (add the slash), 403 or 404
    file: Path | None = None
    location: str = ""


def resolve(output: Path, request_path: str, base_path: str = "/") -> Target:
    """Map a request path to a file inside output. Pure apart from stat/realpath; never follows a way out."""
    decoded = _decoded(request_path, base_path)
    if decoded is None:
        return Target(HTTPStatus.NOT_FOUND)
    if not decoded.startswith("/") or "\x00" in decoded or "\\" in decoded:
        return Target(HTTPStatus.FORBIDDEN)
    parts = [part for part in decoded.split("/") if part]
    if any(part in (".", "..") for part in parts):
        return Target(HTTPStatus.FORBIDDEN)
    root = os.path.realpath(output)
    real = os.path.realpath(os.path.join(root, *parts))
    if os.path.isdir(real) and _inside(root, real):
        if not decoded.endswith("/"):
            # Relative links inside the folder's index.html only work from a URL that ends in '/'.
            return Target(HTTPStatus.MOVED_PERMANENTLY, location="/" + "/".join(quote(p) for p in parts) + "/")
        real = os.path.realpath(os.path.join(real, "index.html"))
    if not _inside(root, real):
        return Target(HTTPStatus.FORBIDDEN)  # a symlink that leads out of the site
    if os.path.isfile(real):
        return Target(HTTPStatus.OK, Path(real))
    return Target(HTTPStatus.NOT_FOUND)


def site_path(request_path: str, base_path: str = "/") -> str | None:
    """The site-relative path a request names ("pagefind/_preview/pagefind-entry.json"), or None. Pure."""
    decoded = _decoded(request_path, base_path)
    parts = [part for part in decoded.split("/") if part] if decoded is not None else []
    return "/".join(parts) if parts and not any(part in (".", "..") for part in parts) else None


def _decoded(request_path: str, base_path: str) -> str | None:
    """The request's path, percent-decoded, from the site root; None when it is not UTF-8."""
    path = urlsplit(request_path).path
    if base_path != "/" and path.startswith(base_path):
        # The 404 page links from the site's base path (/gazette/…), as it must when served at any depth.
        path = "/" + path[len(base_path):]
    try:
        return unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None


def _inside(root: str, real: str) -> bool:
    return real == root or real.startswith(root + os.sep)


class PreviewServer(ThreadingHTTPServer):
    """Serves one output folder; the builder thread changes the folder's contents and the BuildState."""

    daemon_threads = True  # a held live-reload poll must not keep the process alive
    base_path = "/"  # the path of site.toml's base_url, also served (see resolve)

    def __init__(self, address: tuple[str, int], output: Path, state: livereload.BuildState):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.output = output
        self.state = state
        # Pages of an edit served before its build has published them (serve/quick.py): site path → bytes.
        self.early: dict[str, bytes] = {}
        # The edit's search overlay (serve/search_overlay.py), until the published index is current.
        self.overlay: Overlay | None = None
        super().__init__(address, PreviewHandler)

    def handle_error(self, request, client_address) -> None:
        # A browser that closes the tab mid-response is normal in a preview, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "site-builder-preview"
    protocol_version = "HTTP/1.1"
    timeout = 60  # close idle keep-alive connections; a held poll waits on the state, not on the socket

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format, *args) -> None:
        pass  # the terminal is for build results, not for every asset request

    def _respond(self, send_body: bool) -> None:
        if urlsplit(self.path).path == livereload.ENDPOINT:
            return self._poll(send_body)
        # Take the status before reading the file: a build finishing in between then makes the page reload.
        status = self.server.state.snapshot()
        overlay = self.server.overlay
        if overlay is not None:  # its files are only ever in memory (never a page: nothing to inject)
            held = overlay.files.get(site_path(self.path, self.server.base_path) or "")
            if held is not None:
                return self._send(HTTPStatus.OK, mime_type(urlsplit(self.path).path), held, send_body)
        target = resolve(self.server.output, self.path, self.server.base_path)
        if target.status == HTTPStatus.MOVED_PERMANENTLY:
            return self._send(target.status, "text/plain; charset=utf-8", b"", send_body, location=target.location)
        if target.status == HTTPStatus.OK:
            early = self.server.early.get(os.path.relpath(target.file, os.path.realpath(self.server.output)))
            if early is not None:
                return self._send(HTTPStatus.OK, mime_type(target.file.name), self._inject(early, status),
                                  send_body)
            try:
                return self._send_file(target.file, status, send_body)
            except OSError:
                pass  # swapped away by a publish between resolve and open: treat as missing
        self._send_error_page(target.status if target.status == HTTPStatus.FORBIDDEN else HTTPStatus.NOT_FOUND,
                              status, send_body)

    def _send_file(self, file: Path, status: livereload.Status, send_body: bool) -> None:
        content_type = mime_type(file.name)
        with open(file, "rb") as handle:
            if content_type.startswith("text/html"):
                page = self._inject(handle.read(), status)
                return self._send(HTTPStatus.OK, content_type, page, send_body)
            size = os.fstat(handle.fileno()).st_size
            self._start(HTTPStatus.OK, content_type, size)
            if send_body:
                shutil.copyfileobj(handle, self.wfile)

    def _send_error_page(self, code: int, status: livereload.Status, send_body: bool) -> None:
        try:
            page = (self.server.output / "404.html").read_bytes()
        except OSError:
            page = _FALLBACK_404
        # The site's 404.html links relative to the site root; served at any depth, resolve them from there.
        page = page.replace(b"<head>", b'<head>\n<base href="/">', 1)
        self._send(code, "text/html; charset=utf-8", self._inject(page, status), send_body)

    def _inject(self, page: bytes, status: livereload.Status) -> bytes:
        overlay = self.server.overlay
        return livereload.inject(page, status, overlay.script if overlay is not None else "")

    def _poll(self, send_body: bool) -> None:
        seen = livereload.parse_poll(parse_qs(urlsplit(self.path).query))
        if seen is None:
            return self._send(HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8",
                              b"expected ?epoch=N&revision=N[&search=N]\n", send_body)
        status = self.server.state.wait(*seen)
        self._send(HTTPStatus.OK, "application/json", status.as_json(), send_body)

    def _send(self, code: int, content_type: str, data: bytes, send_body: bool, location: str = "") -> None:
        self._start(code, content_type, len(data), location)
        if send_body:
            self.wfile.write(data)

    def _start(self, code: int, content_type: str, length: int, location: str = "") -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")  # every reload must show the latest build
        self.send_header("X-Content-Type-Options", "nosniff")
        if location:
            self.send_header("Location", location)
        self.end_headers()
