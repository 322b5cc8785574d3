"""Chinese search quality and cost: ours against plain Pagefind on the same pages, in headless chromium.

    .venv/bin/python bench/search_rank.py [--root DIR] [--write-readme] [--json FILE]
    .venv/bin/python bench/search_rank.py --cost-only --root bench/out/corpus-10000 [--code DIR]

Builds the site (the embedded content by default) and makes two versions of the same notice pages:
  ours   — the build as published: its search fields and weights, its shards, the search page's ranking options
           and query rewriting (window.siteSearch);
  plain  — the same pages without our hidden search fields and weights, one plain Pagefind run, queried as typed.

Quality, over the tuned queries (bench/search_queries.tsv) and apart over the held-out ones
(bench/search_queries_heldout.tsv, never tuned on). A notice is relevant when its indexed text (title and notice
text: what data-pagefind-body holds) contains the query; for a 文号 query (third column), the notice with that
文号 and the notices citing it. Per query, on the first ten results:
  recall@10     relevant results out of min(10, relevant notices);
  precision@10  relevant results out of the results shown (queries with no result left out);
  title first   for a query found in some notice title: the first result's title contains it; for a 文号 query:
                the first result is that notice;
  MRR           1 / rank of the first result that is "the" answer (a title match for a title query, the notice
                itself for a 文号 query, any relevant notice otherwise), 0 past the tenth.

Cost: each version's notice pages indexed by Pagefind's extended CLI one shard (year of the 成文日期) at a time,
one run after another: wall and CPU time summed, and the bytes of the bundles. --code DIR builds with the
site_builder package of DIR (another checkout: the figures "before" a change, measured in the same session).
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

from measure import run as measured  # noqa: E402
from site_builder.search import index as search  # noqa: E402
from site_builder.core.docnum import parse_doc_number  # noqa: E402

START, END = "<!-- search-rank:start -->", "<!-- search-rank:end -->"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NOTICE_PAGES = "*-*-*.html"


@dataclass(frozen=True)
class Query:
    category: str
    text: str
    doc_number: str = ""  # a 文号 query: the notice that must come first


@dataclass(frozen=True)
class Page:
    url: str
    title: str  # the h1: issuer and title
    doc_number: str
    text: str  # what Pagefind indexes, whitespace removed


class IndexedText(HTMLParser):
    """The text Pagefind indexes on a notice page: inside data-pagefind-body, outside data-pagefind-ignore."""

    VOID = {"br", "img", "hr", "meta", "link", "input", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[bool, bool]] = []  # (in body, ignored) per open element
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        body, ignored = self.stack[-1] if self.stack else (False, False)
        ignored = ignored or "data-pagefind-ignore" in names or "clause-link" in (dict(attrs).get("class") or "")
        if tag not in self.VOID:
            self.stack.append((body or "data-pagefind-body" in names, ignored))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] and not self.stack[-1][1]:
            self.parts.append(data)


def read_pages(public: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted((public / "notices").glob(NOTICE_PAGES)):
        source = path.read_text("utf-8")
        parser = IndexedText()
        parser.feed(source)
        title = re.search(r'<h1 id="notice-title">(.*?)</h1>', source, re.S)
        number = re.search(r'<p class="notice-docnum">(.*?)</p>', source, re.S)
        url = f"notices/{path.name}"
        pages[url] = Page(url, html.unescape(title.group(1)) if title else "",
                          html.unescape(number.group(1)).strip() if number else "",
                          re.sub(r"\s+", "", "".join(parser.parts)))
    return pages


def read_queries(path: Path) -> list[Query]:
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return [Query(row[0].strip(), row[1].strip(), row[2].strip() if len(row) > 2 else "") for row in rows]


def relevant(query: Query, pages: dict[str, Page]) -> set[str]:
    if query.doc_number:
        canonical = str(parse_doc_number(query.doc_number))
        return {url for url, page in pages.items() if page.doc_number == canonical or canonical in page.text}
    return {url for url, page in pages.items() if query.text in page.text}


def answers(query: Query, pages: dict[str, Page], found: set[str]) -> tuple[set[str], bool]:
    """The results that count as "the" answer, and whether the query is one that must put it first."""
    if query.doc_number:
        canonical = str(parse_doc_number(query.doc_number))
        return {url for url, page in pages.items() if page.doc_number == canonical}, True
    titled = {url for url, page in pages.items() if query.text in page.title}
    return (titled, True) if titled else (found, False)


def scores(query: Query, pages: dict[str, Page], top: list[str]) -> dict | None:
    found = relevant(query, pages)
    if not found:
        return None
    best, first_counts = answers(query, pages, found)
    top = top[:10]
    hits = len([url for url in top if url in found])
    rank = next((i for i, url in enumerate(top, 1) if url in best), 0)
    return {"recall": hits / min(10, len(found)), "precision": hits / len(top) if top else None,
            "first": (bool(top) and top[0] in best) if first_counts else None, "rr": 1 / rank if rank else 0.0}


# --- the two versions of the pages ---------------------------------------------------------------------------

def hidden_fields(public: Path) -> list[str]:
    """The search fields the build hides (data-hidden-meta of the search page): what plain Pagefind goes without."""
    found = re.search(r'data-hidden-meta="([^"]*)"', (public / "search" / "index.html").read_text("utf-8"))
    return found.group(1).split() if found else []


def plain_page(source: str, hidden: list[str]) -> str:
    """A notice page without our hidden search fields and content weights."""
    if hidden:
        names = "|".join(re.escape(name) for name in hidden)
        source = re.sub(r'\s*<span data-pagefind-meta="(?:%s)">[^<]*</span>' % names, "", source)
    return re.sub(r'\s+data-pagefind-weight="[^"]*"', "", source)


def build_site(root: Path, work: Path, code: Path | None = None, search_too: bool = True) -> Path:
    """Build a copy of the site root into work/ours with the CLI (of `code`'s package when given)."""
    site = work / "site"
    site.mkdir()
    shutil.copy(root / "site.toml", site / "site.toml")
    shutil.copytree(root / "content", site / "content")
    for folder in ("templates", "theme"):  # the code's own: templates and code change together
        shutil.copytree((code or (root if (root / folder).is_dir() else REPO)) / folder, site / folder)
    env = {**os.environ, "PYTHONPATH": str(code or REPO)}
    command = [sys.executable, "-m", "site_builder", "build", "--root", str(site), "--out", str(work / "ours")]
    subprocess.run(command + ([] if search_too else ["--no-search"]), check=True, env=env, cwd=code or REPO,
                   capture_output=True)
    return work / "ours"


def make_plain(ours: Path, plain: Path) -> None:
    shutil.copytree(ours, plain, ignore=shutil.ignore_patterns("pagefind"))
    hidden = hidden_fields(ours)
    for page in (plain / "notices").glob(NOTICE_PAGES):
        page.write_text(plain_page(page.read_text("utf-8"), hidden), "utf-8")


def index_cost(public: Path, scratch: Path) -> dict:
    """Pagefind over the notice pages of `public`, one run per year, one after another: time and bundle bytes."""
    years: dict[str, list[Path]] = {}
    for page in sorted((public / "notices").glob(NOTICE_PAGES)):
        sort = re.search(r'data-pagefind-sort="date">(\d{4})', page.read_text("utf-8"))
        years.setdefault(sort.group(1) if sort else "0", []).append(page)
    binary, wall, cpu, size = search.pagefind_binary(), 0.0, 0.0, 0
    for year, paths in sorted(years.items()):
        farm, bundle = scratch / f"farm-{year}", scratch / f"bundle-{year}"
        (farm / "notices").mkdir(parents=True)
        for path in paths:
            os.link(path, farm / "notices" / path.name)
        done = measured(search.index_command(binary, farm, bundle))
        if not done.ok:
            raise RuntimeError(done.stderr[-2000:])
        wall, cpu = wall + done.wall_s, cpu + done.cpu_s
        size += sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
        shutil.rmtree(farm)
        shutil.rmtree(bundle)
    return {"pages": sum(len(p) for p in years.values()), "shards": len(years), "wall_s": wall, "cpu_s": cpu,
            "bytes": size}


# --- queries in the browser ----------------------------------------------------------------------------------

OURS_JS = """async ([query, extra]) => {
  const engine = await import(window.siteSearch.engine + "pagefind.js");
  const settings = { ...window.siteSearch.engineOptions };
  if (extra) { settings.ranking = { ...settings.ranking, ...extra, metaWeights: { ...settings.ranking.metaWeights,
    ...(extra.metaWeights || {}) } }; }
  await engine.options(settings);
  const found = await engine.search(window.siteSearch.docNumberTokens(query));
  return Promise.all(found.results.slice(0, 30).map(async (r) => (await r.data()).url));
}"""
PLAIN_JS = """async ([query]) => {
  const engine = window.plainPagefind || (window.plainPagefind = await import("/plain/pagefind/pagefind.js"));
  const found = await engine.search(query);
  return Promise.all(found.results.slice(0, 30).map(async (r) => (await r.data()).url));
}"""


def run_queries(work: Path, queries: list[Query], extra: dict | None = None) -> dict[str, list[list[str]]]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(work))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    found: dict[str, list[list[str]]] = {"plain": [], "ours": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "ours/search/index.html")
            page.wait_for_function("() => window.siteSearch")
            for query in queries:
                urls = page.evaluate(OURS_JS, [query.text, extra])
                found["ours"].append([re.sub(r"^.*?(notices/)", r"\1", url) for url in urls])
                urls = page.evaluate(PLAIN_JS, [query.text])
                found["plain"].append([re.sub(r"^.*?(notices/)", r"\1", url) for url in urls])
            browser.close()
    finally:
        server.shutdown()
    return found


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript"}

    def log_message(self, *args):
        pass


# --- report --------------------------------------------------------------------------------------------------

def summarise(queries: list[Query], pages: dict[str, Page], found: dict[str, list[list[str]]]) -> dict:
    """category → engine → {n, recall, precision, first: [k, of], mrr}; "全部" over every counted query."""
    rows: dict[str, dict[str, list[dict]]] = {}
    for i, query in enumerate(queries):
        for engine in ("plain", "ours"):
            score = scores(query, pages, found[engine][i])
            if score is not None:
                rows.setdefault(query.category, {"plain": [], "ours": []})[engine].append(score)
    rows["全部"] = {engine: [s for row in list(rows.values()) for s in row[engine]] for engine in ("plain", "ours")}
    summary = {}
    for category, row in rows.items():
        summary[category] = {engine: _figures(row[engine]) for engine in ("plain", "ours")}
    return summary


def _figures(items: list[dict]) -> dict:
    firsts = [s["first"] for s in items if s["first"] is not None]
    precisions = [s["precision"] for s in items if s["precision"] is not None]
    return {"n": len(items), "recall": _mean([s["recall"] for s in items]), "precision": _mean(precisions),
            "first": [sum(firsts), len(firsts)], "mrr": _mean([s["rr"] for s in items])}


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def table(summary: dict) -> str:
    lines = ["| 查询类别 | 查询数 | recall@10 plain · ours | precision@10 plain · ours | title/文号 first plain · ours "
             "| MRR plain · ours |", "|---|---:|---:|---:|---:|---:|"]
    for category, row in summary.items():
        plain, ours = row["plain"], row["ours"]
        first = (f"{plain['first'][0]}/{plain['first'][1]} · {ours['first'][0]}/{ours['first'][1]}"
                 if ours["first"][1] else "–")
        label = f"**{category}**" if category == "全部" else category
        lines.append(f"| {label} | {ours['n']} | {plain['recall']:.3f} · {ours['recall']:.3f} | "
                     f"{plain['precision']:.3f} · {ours['precision']:.3f} | {first} | "
                     f"{plain['mrr']:.3f} · {ours['mrr']:.3f} |")
    return "\n".join(lines)


def cost_table(cost: dict) -> str:
    plain, ours = cost["plain"], cost["ours"]
    return "\n".join([
        "| index | pages | shards | bundles | Pagefind wall | Pagefind CPU |", "|---|---:|---:|---:|---:|---:|",
        *(f"| {name} | {c['pages']:,} | {c['shards']} | {c['bytes'] / 2**20:.2f} MB | {c['wall_s']:.1f} s | "
          f"{c['cpu_s']:.1f} s |" for name, c in (("plain Pagefind", plain), ("ours", ours))),
        f"| **ours ÷ plain** | | | {ours['bytes'] / plain['bytes']:.3f} | {ours['wall_s'] / plain['wall_s']:.3f} | "
        f"{ours['cpu_s'] / plain['cpu_s']:.3f} |"])


def write_readme(readme: Path, text: str) -> None:
    content = readme.read_text("utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in content and END in content:
        content = content[:content.index(START)] + block + content[content.index(END) + len(END):]
    else:
        content = content.rstrip("\n") + f"\n\n### Search ranking\n\n{block}\n"
    readme.write_text(content, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="site root (default: the repository)")
    parser.add_argument("--queries", type=Path, default=BENCH / "search_queries.tsv")
    parser.add_argument("--heldout", type=Path, default=BENCH / "search_queries_heldout.tsv")
    parser.add_argument("--no-heldout", action="store_true", help="leave the held-out queries out (while tuning)")
    parser.add_argument("--ranking", type=json.loads, default=None, help="JSON merged into ours' ranking options")
    parser.add_argument("--code", type=Path, default=None, help="build with the site_builder package of this folder")
    parser.add_argument("--cost-only", action="store_true", help="only the index size and time")
    parser.add_argument("--no-cost", action="store_true", help="leave out the index size and time")
    parser.add_argument("--write-readme", action="store_true", help="put the tables into README.md")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--show", action="store_true", help="print each query's first results")
    args = parser.parse_args(argv)
    sets = {"tuned": read_queries(args.queries)}
    if not args.no_heldout and not args.cost_only:
        sets["held-out"] = read_queries(args.heldout)
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="search-rank-") as folder:
        work = Path(folder)
        ours = build_site(args.root.resolve(), work, args.code, search_too=not args.cost_only)
        make_plain(ours, work / "plain")
        if not args.no_cost:
            result["cost"] = {name: index_cost(work / name, work / f"cost-{name}") for name in ("plain", "ours")}
            print(cost_table(result["cost"]), flush=True)
        if not args.cost_only:
            subprocess.run(search.index_command(search.pagefind_binary(), work / "plain", work / "plain" / "pagefind"),
                           check=True, capture_output=True)
            pages = read_pages(ours)
            for name, queries in sets.items():
                found = run_queries(work, queries, args.ranking)
                result[name] = summarise(queries, pages, found)
                print(f"\n{name} queries ({args.queries.name if name == 'tuned' else args.heldout.name}):")
                print(table(result[name]), flush=True)
                if args.show:
                    _show(queries, pages, found)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    if args.write_readme and "tuned" in result:
        write_readme(REPO / "README.md", readme_block(result, args.queries.name, args.heldout.name))
    return 0


def readme_block(result: dict, tuned: str, heldout: str) -> str:
    parts = [f"Tuned queries (`bench/{tuned}`):\n\n" + table(result["tuned"])]
    if "held-out" in result:
        parts.append(f"Held-out queries (`bench/{heldout}`):\n\n" + table(result["held-out"]))
    if "cost" in result:
        parts.append("Index of the same pages (one Pagefind run per year, one after another):\n\n"
                     + cost_table(result["cost"]))
    return "\n\n".join(parts)


def _show(queries: list[Query], pages: dict[str, Page], found: dict) -> None:
    def label(url: str) -> str:
        return pages[url].doc_number.replace("〔2016〕", "/") if url in pages else url

    for i, query in enumerate(queries):
        score = {engine: scores(query, pages, found[engine][i]) for engine in ("plain", "ours")}
        if score["ours"] is None:
            continue
        lost = {engine: sorted(label(u) for u in relevant(query, pages) - set(found[engine][i])) for engine in score}
        marks = " ".join(f"{engine}:{'T' if s['first'] else ('-' if s['first'] is None else 'F')}"
                         f"{s['recall']:.2f}/{s['rr']:.2f}" for engine, s in score.items())
        found_relevant = relevant(query, pages)
        top = {engine: " ".join(label(u) + ("" if u in found_relevant else "✗") for u in found[engine][i][:10])
               for engine in score}
        print(f"{query.category}\t{query.text}\t{marks}\tours {top['ours']} (unmatched: {' '.join(lost['ours'])})"
              f"\tplain {top['plain']} (unmatched: {' '.join(lost['plain'])})")


if __name__ == "__main__":
    sys.exit(main())
