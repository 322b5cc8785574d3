/* Pagefind's module API (what Pagefind's UI imports as <bundlePath>pagefind.js) over the site's index shards,
   one Pagefind bundle per shard in pagefind/<shard>/ (a year, or a run of months: "2016", "2025-05"; names sort
   in date order). The UI passes { shards: [newest, …, oldest] } in its options.

   One Pagefind instance searches them all: the newest shard is the primary bundle (its WebAssembly serves
   every shard) and the others are merged with mergeIndex, each tagged with a hidden "shard" filter. Pagefind
   merges shards by score, which is right for relevance but not for a sort: a sorted search scores each result
   by its rank within its own shard. A sorted search therefore runs once per shard (filtered to that shard)
   and the lists are joined in shard order; shards are cut along the 成文日期, so that is date order.

   Pagefind scores a page by its words as a bag: for 产业集聚区 (ICU: 产业/集聚/区) a page with 产业, 集聚 and 区
   far apart can outrank one that prints 产业集聚区. A search by relevance therefore reads the first RERANK
   results (their fragments, which the results list loads anyway and Pagefind keeps) and puts those whose title
   holds every Han word of the query as typed first, then those whose text does, each group in Pagefind's order;
   the others among them, which hold only pieces of a word, are left out when any result holds them all.

   In the preview only (site_builder/serve/search_overlay.py), an edited notice is indexed alone into one more
   bundle before the shards are indexed again: window.siteBuilderSearchOverlay names it ("_preview"), the page ids
   its pages had in the published shards (hidden: their old text) and the shard each new page belongs to. */
const SHARD = "shard";
const RERANK = 20;  // bench/search_rank.py: recall@10 of 10 and 30 against 20, over the tuned queries
let settings = {};
let shards = [];
let engine = null;  // the promise of the one Pagefind instance
let overlay = null;  // the preview's search overlay, when it serves one
let hidden = new Set();

function withoutShard(filters) {
  const copy = { ...(filters || {}) };
  delete copy[SHARD];
  return copy;
}

function nameOf(path) {
  return path.replace(/\/$/, "").split("/").pop();
}

function load() {
  // Once per page, and only once: the UI's preload and search both ask for it straight away.
  if (!engine) {
    engine = (async () => {
      const core = await import(new URL(shards[0] + "pagefind.js", location.href).href);
      const instance = core.createInstance({ basePath: shards[0] });
      await instance.options({ ...settings, mergeFilter: { [SHARD]: nameOf(shards[0]) } });
      for (const path of shards.slice(1)) {
        await instance.mergeIndex(path, { baseUrl: settings.baseUrl, mergeFilter: { [SHARD]: nameOf(path) } });
      }
      overlay = globalThis.siteBuilderSearchOverlay || null;
      if (overlay) {
        hidden = new Set(overlay.hidden);
        const path = shards[0].replace(/[^/]+\/$/, overlay.shard + "/");
        await instance.mergeIndex(path, { baseUrl: settings.baseUrl, mergeFilter: { [SHARD]: overlay.shard } });
      }
      return instance;
    })();
  }
  return engine;
}

function tidy(response) {
  if (!response) { return response; }
  return { ...response, filters: withoutShard(response.filters), totalFilters: withoutShard(response.totalFilters) };
}

export async function options(given) {
  const { shards: list, ...rest } = given || {};
  if (list) { shards = list; }
  settings = { ...settings, ...rest };
  if (engine) { await (await engine).options(rest); }
}

export async function init() {
  await load();
}

export async function mergeIndex() {
  // The shards are merged by load(); nothing else is merged.
}

// One Pagefind search, without the published results of pages the preview's overlay indexes afresh.
async function searchOnce(instance, term, given) {
  const response = await instance.search(term, given);
  if (!response || !hidden.size) { return response; }
  const seen = new Set();
  const results = response.results.filter((result) => !hidden.has(result.id) && !seen.has(result.id) &&
                                                      seen.add(result.id));
  return { ...response, results };
}

export async function search(term, given = {}) {
  const instance = await load();
  const order = given.sort && Object.values(given.sort)[0];
  if (!order) {
    return tidy(await asTyped(term, await withShorterWords(instance, term, given)));
  }
  const names = shards.map(nameOf);
  if (order === "asc") { names.reverse(); }
  const parts = await Promise.all(names.map((name) =>
    searchOnce(instance, term, { ...given, filters: { ...(given.filters || {}), [SHARD]: name } })));
  if (overlay) {
    const filters = { ...(given.filters || {}), [SHARD]: overlay.shard };
    const edited = await instance.search(term, { ...given, filters });
    for (const result of (edited && edited.results) || []) {
      const part = parts[names.indexOf(overlay.pages[result.id])];
      if (part) { part.results = await placed(part.results, result, order); }
    }
  }
  const filters = {};
  for (const part of parts) {
    for (const [name, values] of Object.entries(part.filters || {})) {
      filters[name] = filters[name] || {};
      for (const [value, count] of Object.entries(values)) {
        filters[name][value] = (filters[name][value] || 0) + count;
      }
    }
  }
  return tidy({
    ...parts[0],
    results: parts.flatMap((part) => part.results),
    filters,
  });
}

const HAN_WORD = /[\u3400-\u4dbf\u4e00-\u9fff]/;

// The term with a zero-width joiner after each Han word of two characters or more (as the browser cuts it): no
// indexed word begins with 联席会议 + ZWJ, so Pagefind falls back to the longest indexed word that begins it.
function wholeWords(term) {
  if (typeof Intl === "undefined" || !Intl.Segmenter) { return term; }
  return [...new Intl.Segmenter("zh", { granularity: "word" }).segment(term)]
    .map(({ segment }) => HAN_WORD.test(segment) && segment.length > 1 ? segment + "\u200d" : segment)
    .join(" ").replace(/\s+/g, " ").trim();  // apart: a joiner inside a run of Han breaks the browser's dictionary
}

// Pagefind matches a query word to the indexed words that begin with it, or, when none does anywhere, to the
// longest indexed word it begins with (jieba indexed 联席 where the browser asks for 联席会议). A title or name
// token that begins with the query word (联席会议制度) turns that fallback off for every page, so the term is
// searched again with the fallback forced, and the pages only that finds follow the others.
async function withShorterWords(instance, term, given) {
  const response = await searchOnce(instance, term, given);
  const whole = wholeWords(term || "");
  if (!response || !term || whole === term) { return response; }
  const more = await searchOnce(instance, whole, given);
  const seen = new Set(response.results.map((result) => result.id));
  const added = more.results.filter((result) => !seen.has(result.id));
  return added.length ? { ...response, results: [...response.results, ...added] } : response;
}

// The response with its first RERANK results reordered: those whose title prints every Han word of the term, then
// those whose text does, then (only when neither exists) the rest.
async function asTyped(term, response) {
  const words = (term || "").split(/\s+/).filter((word) => HAN_WORD.test(word));
  if (!response || !words.length || response.results.length < 2) { return response; }
  const head = response.results.slice(0, RERANK);
  const ranks = await Promise.all(head.map(async (result) => {
    const data = await result.data();
    const holds = (text) => words.every((word) => text.includes(word));
    return holds((data.meta && data.meta.title) || "") ? 0 : holds((data.content || "").replace(/\s+/g, "")) ? 1 : 2;
  }));
  // A page that lacks a word of the query altogether matched only through pieces of it (each shard falls back
  // to the characters its own index knows): when others print the query, it is left out.
  const kept = ranks.some((rank) => rank < 2) ? [0, 1] : [0, 1, 2];
  const ordered = kept.flatMap((rank) => head.filter((_, i) => ranks[i] === rank));
  return { ...response, results: [...ordered, ...response.results.slice(RERANK)] };
}

// A 成文日期 as shown on a result ("2016年8月1日") as a number that sorts; 0 when it has none.
async function dateOf(result) {
  const shown = ((await result.data()).meta || {})["成文日期"] || "";
  const parts = shown.match(/(\d{4})\D+(\d{1,2})\D+(\d{1,2})/);
  return parts ? (+parts[1]) * 10000 + (+parts[2]) * 100 + (+parts[3]) : 0;
}

// A shard's date-sorted results with one more, put where its date goes (a binary search: a few fragments read).
async function placed(results, result, order) {
  const key = await dateOf(result);
  let low = 0, high = results.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const other = await dateOf(results[middle]);
    if (order === "asc" ? other <= key : other >= key) { low = middle + 1; } else { high = middle; }
  }
  return [...results.slice(0, low), result, ...results.slice(low)];
}

export async function debouncedSearch(term, given, delay = 300) {
  await new Promise((resolve) => setTimeout(resolve, delay));
  return search(term, given);
}

export async function preload(term, given = {}) {
  const instance = await load();
  await instance.preload(term, { ...given, filters: withoutShard(given.filters) });
}

export async function filters() {
  return withoutShard(await (await load()).filters());
}

export async function destroy() {
  // The search page makes a new UI to change the sort; the shards stay loaded for it, for the page's lifetime.
}
