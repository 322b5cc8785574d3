/* Pagefind's module API (what Pagefind's UI imports as <bundlePath>pagefind.js) over the site's index shards,
   one Pagefind bundle per shard in pagefind/<shard>/ (a year, or a run of months: "2016", "2025-05"; names sort
   in date order). The UI passes { shards: [newest, …, oldest] } in its options.

   One Pagefind instance searches them all: the newest shard is the primary bundle (its WebAssembly serves
   every shard) and the others are merged with mergeIndex, each tagged with a hidden "shard" filter. Pagefind
   merges shards by score, which is right for relevance but not for a sort: a sorted search scores each result
   by its rank within its own shard. A sorted search therefore runs once per shard (filtered to that shard)
   and the lists are joined in shard order; shards are cut along the 成文日期, so that is date order. */
const SHARD = "shard";
let settings = {};
let shards = [];
let engine = null;  // the promise of the one Pagefind instance

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

export async function search(term, given = {}) {
  const instance = await load();
  const order = given.sort && Object.values(given.sort)[0];
  if (!order) {
    return tidy(await instance.search(term, given));
  }
  const names = shards.map(nameOf);
  if (order === "asc") { names.reverse(); }
  const parts = await Promise.all(names.map((name) =>
    instance.search(term, { ...given, filters: { ...(given.filters || {}), [SHARD]: name } })));
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
