"""The preview's search overlay: an edited notice found by the search as soon as its page is shown.

Pagefind has no incremental mode: bringing a shard up to date means indexing all its pages again (11 s for a
615-page shard at 10,000 notices), after the build that makes them. So when the preview shows an edit early
(serve/quick.py), it also indexes the edited pages alone (one Pagefind run over a few pages, ~0.4 s) into a
small bundle, pagefind/_preview/, served from memory. The search page merges it with the published shards and
leaves out the published shards' results for those pages (their old text): `hidden`, the Pagefind page ids of
the edited pages in the published bundles. The overlay lives until the full index is current again
(serve/deferred.py), and it is never written into the site: `build` stays complete and history-free.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from site_builder.core.procs import die_with_parent
from site_builder.search import index as search_index

SHARD = "_preview"  # never a real shard's name: those are dates ("2016", "2025-05")
FOLDER = f"{search_index.BUNDLES}/{SHARD}"
PAGEFIND_MAGIC = b"pagefind_dcd"  # what a Pagefind fragment's JSON follows


@dataclass(frozen=True)
class Overlay:
    files: dict[str, bytes]  # site path (pagefind/_preview/…) → bytes
    script: str  # the <script> the preview puts into its HTML pages: what the search page merges and hides


def index_overlay(pages: dict[str, bytes], shard_of: dict[str, str], published: Path, binary: Path) -> Overlay:
    """The overlay for these pages (site path → bytes), as the published site (its bundles in published/pagefind/)
    stands. shard_of: site path → the shard whose published bundle indexes that page. Raises OSError, or
    RuntimeError when Pagefind fails."""
    with tempfile.TemporaryDirectory(prefix=".site-builder-overlay-") as work:
        farm, bundle = Path(work, "site"), Path(work, "bundle")
        for path, data in pages.items():
            (farm / path).parent.mkdir(parents=True, exist_ok=True)
            (farm / path).write_bytes(data)
        done = subprocess.run(search_index.index_command(binary, farm, bundle), capture_output=True, text=True,
                              preexec_fn=die_with_parent)
        if done.returncode != 0:
            raise RuntimeError((done.stderr or done.stdout).strip()[-500:] or f"Pagefind: status {done.returncode}")
        files = {f"{FOLDER}/{file.relative_to(bundle).as_posix()}": file.read_bytes()
                 for file in sorted(bundle.rglob("*")) if file.is_file()}
        new = page_ids(bundle)
    urls = {page_url(path): path for path in pages}
    old: dict[str, str] = {}
    for shard in sorted({shard_of[path] for path in pages if path in shard_of}):
        for url, page in page_ids(published / search_index.BUNDLES / shard).items():
            if url in urls:
                old[url] = page
    # A page whose indexed text did not change keeps its id: the published result is as good as the new one.
    hidden = sorted(page for url, page in old.items() if new.get(url) != page)
    shards = {page: shard_of.get(urls[url], "") for url, page in sorted(new.items()) if url in urls}
    return Overlay(files, overlay_script(hidden, shards))


def overlay_script(hidden: list[str], shards: dict[str, str]) -> str:
    """The script that tells the search page (theme/pagefind-shards/pagefind.js) about the overlay. Pure."""
    data = json.dumps({"shard": SHARD, "hidden": hidden, "pages": shards}, ensure_ascii=True, sort_keys=True)
    data = data.replace("</", "<\\/")  # ids and shard names are ours; kept from closing the script anyway
    return f'<script data-site-builder="search-overlay">window.siteBuilderSearchOverlay = {data};</script>\n'


def page_url(path: str) -> str:
    """The URL Pagefind records for a page at this site path, indexed from the site root. Pure."""
    url = "/" + path
    return url.removesuffix("index.html") if url.endswith("/index.html") else url


def page_ids(bundle: Path) -> dict[str, str]:
    """URL → Pagefind page id (its fragment's name) of every page in a bundle; {} when there is none."""
    ids = {}
    try:
        fragments = sorted(os.scandir(bundle / "fragment"), key=lambda entry: entry.name)
    except OSError:
        return {}
    for entry in fragments:
        if not entry.name.endswith(".pf_fragment"):
            continue
        try:
            with open(entry.path, "rb") as handle:
                data = gzip.decompress(handle.read())
            url = json.loads(data[len(PAGEFIND_MAGIC):] if data.startswith(PAGEFIND_MAGIC) else data)["url"]
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            continue  # not a fragment this knows: its page is simply not hidden
        ids[url] = entry.name[:-len(".pf_fragment")]
    return ids
