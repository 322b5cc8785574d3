"""Benchmark the citation phase at scale: `python bench/xref_scale.py [N …]` (default 1000 10000 100000).

Synthetic notices like the gazette's (clauses of running Chinese text, 0–8 citations each: State Council and
provincial documents cited by many, earlier site notices, a few named clauses and repeals) are put straight into a
Library, so the figures are the xref work alone: finding citations, analyse, related ranking, the cited pages' view
models, and what linking adds to render_body.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from site_builder.analyse import related
from site_builder.analyse import xref
from site_builder.extract.citations import find_citations
from site_builder.core.config import SiteConfig
from site_builder.core.docnum import DocNumber
from site_builder.extract.markdown import render_body
from site_builder.core.model import Clause, Library, Notice, RenderedBody
from site_builder.render.views import xref as xref_views

FILLER = ("为进一步加强和改进全市经济社会发展工作，推动高质量发展，结合我市实际，各县（市、区）人民政府要切实履行主体责任，"
          "加强组织领导，明确任务分工，强化督促检查，确保各项工作落到实处。")
OUTSIDE = ["国发", "国办发", "中发", "豫政", "豫政办", "豫发", "豫政办明电", "郑政办明电", "郑办", "人社部发", "财预"]
SITE = ["郑政", "郑政文", "郑政办", "郑政办文"]
WORDS = "钢铁煤炭会展粮食安全信用体系大气污染治理扶贫搬迁质量品牌科技金融小微企业房地产服务业园区产业集聚"


def make_library(n: int, seed: int = 1) -> Library:
    rng = random.Random(seed)
    library = Library()
    start = date(2000, 1, 1)
    numbers = []
    for i in range(n):
        doc = DocNumber(SITE[i % 4], 2000 + i * 20 // max(n, 1), i + 1)
        numbers.append(doc)
    outside = [DocNumber(rng.choice(OUTSIDE), rng.randint(1995, 2019), rng.randint(1, 300))
               for _ in range(max(50, n // 3))]
    for i, doc in enumerate(numbers):
        title = "关于" + "".join(rng.sample(WORDS, 6)) + "工作的通知"
        clauses, texts = [], []
        for c in range(rng.randint(3, 10)):
            text = FILLER
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                cited = _pick(rng, outside, numbers, i)
                tail = rng.choice(("", "", "", "第三条", "）同时废止"))
                text += f"根据《某某关于某事的意见》（{cited}{tail}）精神，"
            texts.append(text)
            clauses.append(Clause(f"s{c + 1}", "一二三四五六七八九十"[c], "", "", 1, c + 3, text))
        notice = Notice(path=f"content/notices/{doc.slug}.md", doc_number=doc, issuer="郑州市人民政府", title=title,
                        date=start + timedelta(days=i * 7000 // max(n, 1)), body="\n\n".join(texts), body_line=6,
                        topics=(rng.choice(("环境", "产业", "民生", "财政", "科技")),))
        library.add(notice)
        library.bodies[notice.slug] = RenderedBody("", tuple(clauses), "", "\n".join(texts))
    return library


def _pick(rng, outside, numbers, i):
    if i and rng.random() < 0.3:  # an earlier notice of the site
        return numbers[rng.randrange(max(0, i - 2000), i)]
    # A few documents are cited very often (a State Council opinion), most rarely.
    return outside[min(int(rng.paretovariate(1.2)) - 1, len(outside) - 1)]


def timed(label: str, fn):
    started = time.perf_counter()
    value = fn()
    print(f"  {label:<34} {time.perf_counter() - started:8.3f} s")
    return value


def run(n: int) -> None:
    print(f"{n} notices")
    library = timed("make synthetic library", lambda: make_library(n))
    text = "\n".join(b.text for b in library.bodies.values())
    found = timed(f"find_citations ({len(text) / 1e6:.1f} M chars)", lambda: find_citations(text))
    library.xref = timed(f"xref.analyse ({len(found)} citations)", lambda: xref.analyse(library))
    library.related = timed("related.rank", lambda: related.rank(library))
    config = SiteConfig()
    pages = timed("cited pages (view models)", lambda: xref_views.cited_pages(library, config))
    timed("notice relations (view models)",
          lambda: [xref_views.notice_relations(nt, library) for nt in library.notices.values()])
    print(f"  {len(library.xref.documents)} cited documents, {len(pages)} cited pages")
    sample = [nt.body for nt in list(library.notices.values())[:2000]]
    resolve = xref.resolver(library)
    plain = timed(f"render_body x{len(sample)} without links", lambda: [render_body(s) for s in sample])
    linked = timed(f"render_body x{len(sample)} with links", lambda: [render_body(s, resolve=resolve) for s in sample])
    assert len(plain) == len(linked)


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]:
        run(size)
