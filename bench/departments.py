"""Benchmark of the departments/deadlines/topics analyses and their views at scale.

The embedded notices are cloned under new 文号 up to N notices (extracted and analysed first, untimed), then each step is
timed once (CPU seconds). Usage: python bench/departments.py [N ...]   (default: 27 2700 27000 100000)
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.analyse.departments import analyse_departments  # noqa: E402
from site_builder.analyse.run import assemble  # noqa: E402
from site_builder.core.docnum import DocNumber, parse_doc_number  # noqa: E402
from site_builder.load import reference_files  # noqa: E402
from site_builder.load.settings import load_config  # noqa: E402
from site_builder.render.api import facets  # noqa: E402
from site_builder.render.api.notices import dump_json  # noqa: E402
from site_builder.render.views import departments, indexes, timeline, topics  # noqa: E402
from site_builder.core.model import Library  # noqa: E402

DOC_NUMBER = re.compile(r"^doc_number: (.*)$", re.M)


def library_of(size: int) -> Library:
    """The embedded notices cloned under new 文号 up to size notices, extracted and analysed (not timed)."""
    files = sorted((ROOT / "content" / "notices").glob("*.md"))
    texts = [file.read_text(encoding="utf-8") for file in files]
    clones = []
    for index in range(size):
        text = texts[index % len(texts)]
        source = parse_doc_number(DOC_NUMBER.search(text)[1])
        number = DocNumber(source.prefix, 2000 + index // 99000, index % 99000 + 1)
        clones.append((f"content/notices/{index}.md", DOC_NUMBER.sub(f"doc_number: {number}", text, 1).encode()))
    departments_found, _ = reference_files.load_departments(ROOT, ROOT / "content")
    scheme, _ = reference_files.load_topic_scheme(ROOT, ROOT / "content")
    library, _ = assemble(clones, departments_found, scheme)
    return library


def run(size: int) -> dict[str, float]:
    library = library_of(size)
    config, _ = load_config(ROOT)
    steps = {
        "responsibilities + deadlines": lambda: analyse_departments(library),
        "department pages": lambda: departments.pages(library, config),
        "department .ics": lambda: departments.calendar_files(library, config),
        "timeline pages": lambda: timeline.timeline_pages(library, config),
        "topic pages": lambda: topics.pages(library, config),
        "year/type/issuer pages": lambda: indexes.pages(library, config),
        "derived API": lambda: [make() for make in facets.producers(library, dump_json)],
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
