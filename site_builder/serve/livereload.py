"""Live reload by epoch, and the build-error overlay. Injected into HTML responses at serve time, never into files.

The epoch counts good builds that changed the site; a failed build never advances it, so the browser keeps the
last good page. The error revision counts changes to the overlay (shown, changed, cleared). A page polls with the
two numbers it was served with and reloads when either differs. The search page also polls with a third, the
search overlays made (serve/search_overlay.py): it reloads when the search finds an edit that the other pages
already show.
"""

from __future__ import annotations

import html
import json
import re
import threading
from dataclasses import dataclass

ENDPOINT = "/__livereload"
POLL_TIMEOUT = 25.0  # seconds a poll is held open; below common proxy and browser idle limits


@dataclass(frozen=True)
class Status:
    epoch: int = 0  # good builds that changed the output
    revision: int = 0  # changes of the error list
    errors: tuple[str, ...] = ()  # the failed build's diagnostics, one line each; () after a good build
    note: str = ""  # what the preview is still doing after showing an edit early ("" when the site is current)
    search: int = 0  # search overlays made: only the search page reloads for one

    def differs(self, epoch: int, revision: int, search: int | None = None) -> bool:
        return (self.epoch, self.revision) != (epoch, revision) or (search is not None and search != self.search)

    def as_json(self) -> bytes:
        return json.dumps({"epoch": self.epoch, "revision": self.revision, "errors": list(self.errors),
                           "note": self.note, "search": self.search}, ensure_ascii=False,
                          sort_keys=True).encode("utf-8")


class BuildState:
    """What the builder thread tells the request threads: the epoch and the current errors."""

    def __init__(self):
        self._changed = threading.Condition()
        self._status = Status()
        self._closed = False

    def snapshot(self) -> Status:
        with self._changed:
            return self._status

    def succeeded(self, site_changed: bool, note: str = "") -> Status:
        with self._changed:
            old = self._status
            epoch = old.epoch + 1 if site_changed else old.epoch
            revision = old.revision + 1 if old.errors or old.note != note else old.revision
            return self._set(Status(epoch, revision, (), note, old.search))

    def early(self, note: str) -> Status:
        """Pages of an edit are served before its build is done: a new epoch (they reload), and what is pending."""
        with self._changed:
            old = self._status
            return self._set(Status(old.epoch + 1, old.revision, old.errors, note, old.search))

    def searched(self, note: str) -> Status:
        """The search finds the edit shown early (its overlay): the search page reloads, and what is pending."""
        with self._changed:
            old = self._status
            return self._set(Status(old.epoch, old.revision, old.errors, note, old.search + 1))

    def failed(self, errors: tuple[str, ...]) -> Status:
        with self._changed:
            old = self._status
            if errors == old.errors and not old.note:  # the same broken save again: nothing new to show
                return old
            return self._set(Status(old.epoch, old.revision + 1, errors, search=old.search))

    def wait(self, epoch: int, revision: int, search: int | None = None, timeout: float = POLL_TIMEOUT) -> Status:
        """Block until the status differs from (epoch, revision[, search]), the timeout passes, or the server
        closes."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._status.differs(epoch, revision, search), timeout)
            return self._status

    def close(self) -> None:
        """Release every waiting poll, so shutdown does not wait for them."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def _set(self, status: Status) -> Status:
        self._status = status
        self._changed.notify_all()
        return status


# ES5 on purpose: editors preview in whatever browser the office has. A failed poll means the server is
# restarting or gone: try again a little later instead of hammering it. Hidden tabs stop polling, because
# browsers allow six connections per host and each held poll takes one.
_SCRIPT = """<script data-site-builder="livereload">(function () {
  "use strict";
  var epoch = %(epoch)d, revision = %(revision)d, search = %(search)d, delay = 1000, xhr = null, timer = null;
  var searchPage = Boolean(document.getElementById("search"));  // it also reloads when the search catches up
  function poll() {
    if (xhr || document.hidden) { return; }
    timer = null;
    xhr = new XMLHttpRequest();
    xhr.open("GET", "%(endpoint)s?epoch=" + epoch + "&revision=" + revision + (searchPage ? "&search=" + search : ""),
             true);
    xhr.timeout = %(timeout_ms)d;
    xhr.onload = function () {
      var state = null;
      try { state = JSON.parse(xhr.responseText); } catch (e) { state = null; }
      if (xhr.status !== 200 || !state) { return retry(); }
      if (state.epoch !== epoch || state.revision !== revision || (searchPage && state.search !== search)) {
        location.reload();
        return;
      }
      xhr = null;
      delay = 1000;
      poll();
    };
    xhr.onerror = xhr.ontimeout = retry;
    xhr.send();
  }
  function retry() {
    xhr = null;
    if (!timer) { timer = setTimeout(poll, delay); }
    delay = Math.min(delay * 2, 10000);
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden && xhr) {
      xhr.onerror = xhr.ontimeout = xhr.onload = null;
      xhr.abort();
      xhr = null;
    } else if (!document.hidden) {
      poll();
    }
  });
  var overlay = document.getElementById("site-builder-error");
  if (overlay) {
    var close = function () { if (overlay.parentNode) { overlay.parentNode.removeChild(overlay); } };
    overlay.querySelector("button").onclick = close;
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.keyCode === 27) { close(); }
    });
  }
  poll();
})();</script>
"""

_OVERLAY_STYLE = (
    "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;"
    "padding:1rem 1.25rem;background:#fff;color:#1a1a1a;border-bottom:6px solid #b00020;"
    "box-shadow:0 4px 16px rgba(0,0,0,.35);font:16px/1.6 system-ui,sans-serif;text-align:left")
_CODE_STYLE = ("display:block;white-space:pre-wrap;word-break:break-word;font:14px/1.5 ui-monospace,monospace;"
               "background:#fdf0f1;padding:.25rem .5rem;margin:.25rem 0")
_BUTTON_STYLE = "float:right;font:inherit;padding:.25rem .75rem;cursor:pointer"


def overlay(errors: tuple[str, ...]) -> str:
    """The failed build's diagnostics as an alert box over the page; the text is escaped, it comes from content."""
    if not errors:
        return ""
    items = "".join(f'<li><code style="{_CODE_STYLE}">{html.escape(line)}</code></li>' for line in errors)
    return (
        f'<div id="site-builder-error" role="alert" aria-labelledby="site-builder-error-title" '
        f'lang="zh-CN" style="{_OVERLAY_STYLE}">'
        f'<button type="button" style="{_BUTTON_STYLE}">关闭 Close</button>'
        f'<h2 id="site-builder-error-title" style="margin:0 0 .5rem;font-size:1.25rem;color:#b00020">'
        f'构建失败 · Build failed</h2>'
        f'<p style="margin:0 0 .5rem">正在显示上一次成功构建的页面。修正以下问题并保存，页面会自动刷新。'
        f'<br>Showing the last good build. Fix the problems below and save: this page reloads by itself.</p>'
        f'<ul style="list-style:none;margin:0;padding:0">{items}</ul></div>\n')


_NOTE_STYLE = ("position:fixed;bottom:0;right:0;z-index:2147483647;margin:0;padding:.5rem 1rem;background:#fff;"
               "color:#1a1a1a;border-top:4px solid #0b57d0;box-shadow:0 -2px 8px rgba(0,0,0,.25);"
               "font:15px/1.5 system-ui,sans-serif")


def note_box(note: str) -> str:
    """What the preview is still doing (the lists, the search index) after showing an edit early."""
    if not note:
        return ""
    return (f'<p id="site-builder-note" role="status" lang="zh-CN" style="{_NOTE_STYLE}">'
            f'{html.escape(note)}</p>\n')


def script(status: Status) -> str:
    return _SCRIPT % {"epoch": status.epoch, "revision": status.revision, "search": status.search,
                      "endpoint": ENDPOINT, "timeout_ms": int((POLL_TIMEOUT + 10) * 1000)}


_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject(page: bytes, status: Status, extra: str = "") -> bytes:
    """Put the overlay and the reload script before the last </body> (or at the end of a page without one).
    extra: markup of ours that goes with them (the search overlay's script)."""
    addition = (overlay(status.errors) + (note_box(status.note) if not status.errors else "") + extra +
                script(status)).encode("utf-8")
    ends = list(_BODY_END.finditer(page))
    at = ends[-1].start() if ends else len(page)
    return page[:at] + addition + page[at:]


def parse_poll(query: dict[str, list[str]]) -> tuple[int, int, int | None] | None:
    """The (epoch, revision, search) a page reports in its poll (search None: not the search page), or None when
    the query is not two or three integers."""
    try:
        search = int(query["search"][0]) if "search" in query else None
        return int(query["epoch"][0]), int(query["revision"][0]), search
    except (KeyError, IndexError, ValueError):
        return None
