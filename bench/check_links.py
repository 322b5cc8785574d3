"""Time `site-builder check` on a built site: links per second and peak memory.

    python bench/check_links.py SITE_ROOT [--out DIR]

Build the site first (e.g. `python bench/generate.py 10000 /tmp/b && site-builder build --root /tmp/b --no-search`).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from site_builder.check.site import check_folder
from site_builder.load.settings import load_config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    config, _ = load_config(args.root)
    folder = args.out or args.root / config.output
    started = time.perf_counter()
    report = check_folder(folder, config.base_url)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "files": report.files, "links": report.links, "broken": report.broken, "external": len(report.external),
        "seconds": round(seconds, 2), "links_per_second": round(report.links / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
