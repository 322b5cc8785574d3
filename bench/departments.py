"""Benchmark of the departments/deadlines/topics analyses and their views at scale.

The embedded notices are cloned under new 文号 (bodies parsed once and shared) up to N notices, then each step is
timed once (CPU seconds). Usage: python bench/departments.py [N ...]   (default: 27 2700 27000 100000)
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.render.api import facets as api_derived
from site_builder.analyse import departments as derived
from site_builder.load import notice as loader
from site_builder import reference_files  # noqa: E402
from site_builder.render.api.notices import dump_json  # noqa: E402
from site_builder.core.config import load_config  # noqa: E402
from site_builder.core.docnum import DocNumber  # noqa: E402
from site_builder.extract.markdown import render_body  # noqa: E402
from site_builder.core.model import Library  # noqa: E402
from site_builder.render.views import departments, indexes, timeline, topics  # noqa: E402


def library_of(size: int) -> Library:
    notices, _ = loader.load_notices(ROOT, ROOT / "content")
    bodies = {n.slug: render_body(n.body, line_offset=n.body_line - 1) for n in notices}
    library = Library()
    library.departments, _ = reference_files.load_departments(ROOT, ROOT / "content")
    library.topic_scheme, _ = reference_files.load_topic_scheme(ROOT, ROOT / "content")
    for index in range(size):
        source = notices[index % len(notices)]
        clone = replace(source, doc_number=DocNumber(source.doc_number.prefix, 2000 + index // 99000,
                                                     index % 99000 + 1))
        library.add(clone)
        library.bodies[clone.slug] = bodies[source.slug]
    return library


def run(size: int) -> dict[str, float]:
    library = library_of(size)
    config, _ = load_config(ROOT)
    steps = {
        "responsibilities + deadlines": lambda: derived.analyse_departments(library),
        "topics": lambda: derived.analyse_topics(library),
        "department pages": lambda: departments.pages(library, config),
        "department .ics": lambda: departments.calendar_files(library, config),
        "timeline pages": lambda: timeline.timeline_pages(library, config),
        "topic pages": lambda: topics.pages(library, config),
        "year/type/issuer pages": lambda: indexes.pages(library, config),
        "derived API": lambda: api_derived.files(library, dump_json),
    }
    timings = {}
    for name, step in steps.items():
        started = time.process_time()  # CPU time: the figures hold on a busy machine
        step()
        timings[name] = time.process_time() - started
    return timings


def main(sizes: list[int]) -> None:
    results = {size: run(size) for size in sizes}
    names = list(next(iter(results.values())))
    print(f"{'step':<30}" + "".join(f"{size:>12,}" for size in sizes))
    for name in names:
        print(f"{name:<30}" + "".join(f"{results[size][name]:>11.2f}s" for size in sizes))
    print(f"{'total':<30}" + "".join(f"{sum(results[size].values()):>11.2f}s" for size in sizes))


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [27, 2700, 27000, 100000])
