"""Chinese search recall: plain Pagefind against our index, on the same pages, in headless chromium.

    .venv/bin/python bench/search_recall.py [--root DIR] [--queries bench/search_queries.tsv] [--write-readme]

Builds the site (the embedded content by default) into a temporary folder, twice over the same pages:
  ours   — the build as published: extra token fields, year shards, the search page's query rewriting;
  plain  — the same notice pages without our token fields, indexed by one plain Pagefind run, queried as typed.
Each query's relevant notices are those whose indexed text (title and notice text, what data-pagefind-body
holds) contains the query as a substring. Recall@10 is the share of the relevant notices in the first ten
results, out of at most ten (a query with 25 relevant notices scores 1.0 when all ten results are relevant).
Precision@10 is the share of the (up to ten) results that are relevant. With --write-readme the table goes
into README.md between the search-recall markers.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from html.parser import HTMLParser
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from site_builder import search  # noqa: E402
from site_builder.build import build  # noqa: E402
from site_builder.extract.search_terms import CHAR_FIELD, CITED_FIELD, DOCNUM_FIELD, PHRASE_FIELD  # noqa: E402

START, END = "<!-- search-recall:start -->", "<!-- search-recall:end -->"
TOKEN_SPAN = re.compile(
    r'\s*<span data-pagefind-meta="(?:%s)">[^<]*</span>' % "|".join([DOCNUM_FIELD, CITED_FIELD, PHRASE_FIELD,
                                                                       CHAR_FIELD]))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


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
        ignored = ignored or "data-pagefind-ignore" in names or "clause-link" in dict(attrs).get("class", "")
        if tag not in self.VOID:
            self.stack.append((body or "data-pagefind-body" in names, ignored))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] and not self.stack[-1][1]:
            self.parts.append(data)


def indexed_texts(public: Path) -> dict[str, str]:
    texts = {}
    for page in sorted((public / "notices").glob("*-*-*.html")):
        parser = IndexedText()
        parser.feed(page.read_text("utf-8"))
        texts[f"notices/{page.name}"] = re.sub(r"\s+", "", "".join(parser.parts))
    return texts


def read_queries(path: Path) -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return [(category.strip(), query.strip()) for category, query in rows]


def prepare(root: Path, work: Path) -> None:
    """work/ours: the published build; work/plain: the same pages without our tokens, one plain index."""
    site = work / "site"
    site.mkdir()
    shutil.copy(root / "site.toml", site / "site.toml")
    for folder in ("content", "templates", "theme"):
        shutil.copytree(root / folder, site / folder)
    build(site, output=work / "ours")
    shutil.copytree(work / "ours", work / "plain", ignore=shutil.ignore_patterns("pagefind"))
    for page in (work / "plain" / "notices").glob("*-*-*.html"):
        page.write_text(TOKEN_SPAN.sub("", page.read_text("utf-8")), "utf-8")
    command = search.index_command(search.pagefind_binary(), work / "plain", work / "plain" / "pagefind")
    subprocess.run(command, check=True, capture_output=True)


OURS_JS = """async ([query]) => {
  const engine = await import(window.siteSearch.engine + "pagefind.js");
  await engine.options(window.siteSearch.engineOptions);
  const found = await engine.search(window.siteSearch.docNumberTokens(query));
  return Promise.all(found.results.slice(0, 10).map(async (r) => (await r.data()).url));
}"""
PLAIN_JS = """async ([query]) => {
  const engine = window.plainPagefind || (window.plainPagefind = await import("/plain/pagefind/pagefind.js"));
  const found = await engine.search(query);
  return Promise.all(found.results.slice(0, 10).map(async (r) => (await r.data()).url));
}"""


def run_queries(work: Path, queries: list[tuple[str, str]]) -> dict[str, list[list[str]]]:
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
            for _, query in queries:
                for name, script in (("ours", OURS_JS), ("plain", PLAIN_JS)):
                    urls = page.evaluate(script, [query])
                    found[name].append([re.sub(r"^.*?(notices/)", r"\1", url) for url in urls])
            browser.close()
    finally:
        server.shutdown()
    return found


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def score(relevant: set[str], top: list[str]) -> tuple[float, float | None]:
    hits = len([url for url in top[:10] if url in relevant])
    return hits / min(10, len(relevant)), (hits / len(top[:10]) if top else None)


def table(queries, texts, found) -> tuple[str, dict]:
    rows: dict[str, dict[str, list]] = {}
    for i, (category, query) in enumerate(queries):
        relevant = {url for url, text in texts.items() if query in text}
        if not relevant:
            continue
        row = rows.setdefault(category, {"plain": [], "ours": []})
        for name in ("plain", "ours"):
            row[name].append(score(relevant, found[name][i]))
    rows["全部"] = {name: [s for row in list(rows.values()) for s in row[name]] for name in ("plain", "ours")}
    lines = ["| 查询类别 | 查询数 | recall@10 plain Pagefind | recall@10 ours | precision@10 plain | precision@10 ours |",
             "|---|---:|---:|---:|---:|---:|"]
    summary = {}
    for category, row in rows.items():
        figures = [_mean([r for r, _ in row[name]]) for name in ("plain", "ours")]
        figures += [_mean([p for _, p in row[name] if p is not None]) for name in ("plain", "ours")]
        summary[category] = figures
        label = f"**{category}**" if category == "全部" else category
        lines.append(f"| {label} | {len(row['ours'])} | " + " | ".join(f"{f:.3f}" for f in figures) + " |")
    return "\n".join(lines), summary


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def write_readme(readme: Path, text: str) -> None:
    content = readme.read_text("utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in content and END in content:
        content = content[:content.index(START)] + block + content[content.index(END) + len(END):]
    else:
        content = content.rstrip("\n") + f"\n\n## Search recall\n\n{block}\n"
    readme.write_text(content, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="site root (default: the repository)")
    parser.add_argument("--queries", type=Path, default=BENCH / "search_queries.tsv")
    parser.add_argument("--write-readme", action="store_true", help="put the table into README.md")
    args = parser.parse_args(argv)
    queries = read_queries(args.queries)
    with tempfile.TemporaryDirectory(prefix="search-recall-") as folder:
        work = Path(folder)
        prepare(args.root.resolve(), work)
        texts = indexed_texts(work / "ours")
        found = run_queries(work, queries)
    markdown, summary = table(queries, texts, found)
    counted = sum(1 for _, q in queries if any(q in t for t in texts.values()))
    note = (f"{counted} queries with at least one relevant notice, over {len(texts)} notices "
            f"(`{args.queries.relative_to(REPO) if args.queries.is_relative_to(REPO) else args.queries}`).")
    print(markdown)
    print(note)
    if args.write_readme:
        write_readme(REPO / "README.md", markdown + "\n\n" + note)
    return 0 if summary["全部"][1] > summary["全部"][0] else 1


if __name__ == "__main__":
    sys.exit(main())
