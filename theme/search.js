/* The search page: Pagefind's UI over every index shard (pagefind/<shard>/), 文号 queries rewritten to the
   tokens the notice pages carry (site_builder/search_terms.py). Without it the page links the indexes. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  var unavailable = document.getElementById("search-unavailable");

  function fail() {
    unavailable.hidden = false;
    root.hidden = true;
  }
  // Pagefind fetches its index: it needs a web server, and a browser that runs its module.
  if (location.protocol === "file:" || typeof window.PagefindUI !== "function") { fail(); return; }

  function absolute(path) { return new URL(path, location.href).pathname; }
  var site = absolute("../");  // this page is search/index.html; results are relative to the site root
  var shards = root.getAttribute("data-shards").split(" ").map(absolute);  // newest shard first
  var engine = absolute(root.getAttribute("data-engine"));
  var hiddenMeta = root.getAttribute("data-hidden-meta").split(" ");
  var sortSelect = document.getElementById("search-sort");
  var ui = null;

  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff";
  var OPEN = "〔\\[(（【［", CLOSE = "〕\\])）】］";
  // 〔2016〕24号, [2016]24, 2016年24号, 2016 24号: a year, then a number; brackets or 号 say it is a 文号.
  var YEAR_NUMBER = "([" + OPEN + "])?\\s*((?:19|20)\\d{2})\\s*([" + CLOSE + "]|年)?\\s*(\\d{1,5})(?!\\d)\\s*(号)?";
  var FULL = new RegExp("([" + HAN + "]{1,12})\\s*" + YEAR_NUMBER, "g");
  var PARTIAL = new RegExp("(^|[^\\d])" + YEAR_NUMBER, "g");
  var NUMBER = /(^|[^\d])(\d{1,5})\s*号/g;

  function hex(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) { out += text.charCodeAt(i).toString(16); }
    return out;
  }

  function marked(open, close, hao) { return Boolean(open || (close && close !== "年") || hao); }

  // The browser splits 郑政办文〔2016〕64号 into nine words; each 文号 form becomes one token instead:
  // 郑政办文〔2016〕64号, 郑政办文2016年64号, 郑政办文 2016 64号 → wh…y2016n64z; 〔2016〕64号 → wy2016n64z;
  // 64号 → wn64z. A year and a number with neither brackets nor 号 (2016年12月) are left as typed.
  function docNumberTokens(term) {
    return term
      .replace(FULL, function (all, prefix, open, year, close, number, hao) {
        return marked(open, close, hao) ? " wh" + hex(prefix) + "y" + year + "n" + (+number) + "z " : all;
      })
      .replace(PARTIAL, function (all, before, open, year, close, number, hao) {
        return marked(open, close, hao) ? before + " wy" + year + "n" + (+number) + "z " : all;
      })
      .replace(NUMBER, function (all, before, number) { return before + " wn" + (+number) + "z "; })
      .replace(/\s+/g, " ").trim();
  }

  // Result tags: 文号, 成文日期, 发文机关 and 效力 (carried only when not 有效) in that order; the token fields are
  // for matching only.
  function showResult(result) {
    var meta = { title: result.meta.title };
    ["文号", "成文日期", "发文机关", "效力"].forEach(function (key) { if (result.meta[key]) { meta[key] = result.meta[key]; } });
    Object.keys(result.meta).forEach(function (key) {
      var shown = !(key in meta) && hiddenMeta.indexOf(key) < 0 && key !== "image" && key !== "image_alt";
      if (shown) { meta[key] = result.meta[key]; }
    });
    result.meta = meta;
    return result;
  }

  // assets/pagefind-shards/pagefind.js stands in for Pagefind's module: it searches every shard and keeps a
  // date sort in date order across them.
  // The extra token fields: characters and short-run suffixes only widen the match; a notice's own 文号
  // outranks the notices that cite it.
  var engineOptions = {
    shards: shards,
    baseUrl: site,
    ranking: { metaWeights: { "题": 10, "名": 3, "字": 0, "文号检索": 10, "引用检索": 1 } }
  };

  function options(order) {
    var settings = {
      element: "#search-ui",
      bundlePath: engine,
      sort: order ? { date: order } : null,
      showImages: false,
      showSubResults: true,
      excerptLength: 40,
      processTerm: docNumberTokens,
      processResult: showResult
    };
    Object.keys(engineOptions).forEach(function (key) { settings[key] = engineOptions[key]; });
    return settings;
  }

  function currentFilters() {
    var chosen = {};
    var boxes = root.querySelectorAll("input.pagefind-ui__filter-checkbox:checked");
    for (var i = 0; i < boxes.length; i++) {
      (chosen[boxes[i].name] = chosen[boxes[i].name] || []).push(boxes[i].value);
    }
    return chosen;
  }

  // Pagefind's search box is named only by its title attribute, which not every screen reader or speech-input
  // tool uses (axe: label-title-only). A real, visible label names it.
  // The label stands outside Pagefind's form, whose icon and clear button are placed from the form's top.
  function labelInput() {
    var input = root.querySelector(".pagefind-ui__search-input");
    if (!input || input.id) { return; }
    input.id = "search-input";
    if (document.getElementById("search-input-label")) { return; }
    var label = document.createElement("label");
    label.id = "search-input-label";
    label.htmlFor = input.id;
    label.className = "search-input-label";
    label.textContent = "搜索文件（标题、文号、正文）";
    var box = document.getElementById("search-ui");
    box.parentNode.insertBefore(label, box);
  }

  function start(order, term, filters) {
    if (ui) { ui.destroy(); }
    ui = new window.PagefindUI(options(order));
    labelInput();
    if (filters && Object.keys(filters).length) { ui.triggerFilters(filters); }
    if (term) { ui.triggerSearch(term); }
  }

  // Pagefind's UI writes its result count silently; a status region reads it out once the results settle.
  var status = document.getElementById("search-status");
  var settle = null;
  new MutationObserver(function () {
    labelInput();
    clearTimeout(settle);
    settle = setTimeout(function () {
      var said = root.querySelector(".pagefind-ui__message");
      var text = said ? said.textContent.trim() : "";
      if (status.textContent !== text) { status.textContent = text; }
    }, 400);
  }).observe(document.getElementById("search-ui"), { subtree: true, childList: true, characterData: true });

  // One button shows and hides the filters on a narrow screen (search.css); on a wide one it is not shown.
  var toggle = document.getElementById("search-filters-toggle");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    root.classList.toggle("filters-open", open);
  });

  var query = new URLSearchParams(location.search).get("q") || "";
  var headerBox = document.getElementById("site-search-q");
  if (headerBox) { headerBox.value = query; }
  start("", query.trim(), null);
  sortSelect.parentNode.hidden = false;
  sortSelect.addEventListener("change", function () {
    var input = root.querySelector(".pagefind-ui__search-input");
    start(sortSelect.value, input ? input.value : "", currentFilters());
  });
  // What bench/search_recall.py needs to search exactly as this page does, through the Pagefind API.
  window.siteSearch = { engine: engine, engineOptions: engineOptions, docNumberTokens: docNumberTokens };
})();
