/* 长者模式 (适老化): larger type, wider line spacing, larger click targets, higher contrast (theme/site.css,
   html.elder). Loaded in <head>, before the page is drawn, so that a reader who chose it never sees the page
   change size; the choice is kept in localStorage across pages. Without JavaScript the control stays hidden. */
(function () {
  "use strict";
  var KEY = "site-builder:elder-mode";
  var root = document.documentElement;
  if (!root.classList || !window.addEventListener) { return; }

  function saved() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }  // storage may be off
  }
  function save(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, "on"); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* kept for this page only */ }
  }
  function apply(on) {
    if (on) { root.classList.add("elder"); } else { root.classList.remove("elder"); }
    var button = document.querySelector(".elder-toggle");
    if (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); }
  }

  apply(saved());
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".elder-toggle");
    if (!button) { return; }
    apply(root.classList.contains("elder"));
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = !root.classList.contains("elder");
      apply(on);
      save(on);
    });
  });
  // Chosen in another tab of the same site: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { apply(event.newValue === "on"); }
  });
})();
