"""The naive baseline: one process, one loop, markdown-it-py + Jinja2, notice pages only, no cache.

    python bench/baseline.py SITE_ROOT OUT

Front matter goes through PyYAML's pure-Python SafeLoader on purpose: that is the cost the issue measured.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt

TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>{{ meta.title }}</title></head>
<body>
<main>
<article data-pagefind-body>
<h1>{{ meta.title }}</h1>
<dl>
<dt>发文字号</dt><dd>{{ meta.doc_number }}</dd>
<dt>发文机关</dt><dd>{{ meta.issuer }}</dd>
<dt>成文日期</dt><dd>{{ meta.date }}</dd>
{% if meta.addressees %}<dt>主送机关</dt><dd>{{ meta.addressees }}</dd>{% endif %}
</dl>
{{ body | safe }}
</article>
</main>
</body>
</html>
"""


def main(site_root: Path, out: Path) -> int:
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    count = 0
    for path in sorted((site_root / "content" / "notices").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.SafeLoader)
        target = out / "notices" / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(meta=meta, body=markdown.render(body)), encoding="utf-8")
        count += 1
    print(f"rendered {count} notices")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
