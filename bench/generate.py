"""Deterministic synthetic corpus: N notices in the content format, made from the embedded gazette's own text.

    python bench/generate.py N DEST [--seed S] [--hold-back] [--jobs J]

DEST becomes a site root: DEST/site.toml (the repository's), DEST/content/notices/<slug>.md, links to the
repository's templates/, theme/ and content/*.toml, and DEST/bench-manifest.json (what was generated, for the
benchmark). The same N and seed always give byte-identical files, whatever --jobs is: every notice draws from its
own random stream, and the plan (numbers, titles, who cites whom) is drawn first.

With hold_back, one notice that others cite is written to DEST/held-back.md instead of content/notices/, so that
"add a notice others already cite" can be benchmarked by copying it in. Every other file is identical either way.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from material import Material, load_material  # noqa: E402

GENERATOR_VERSION = 1
REPO = Path(__file__).resolve().parent.parent
FIRST_YEAR, LAST_YEAR = 2000, 2025
MANIFEST = "bench-manifest.json"
HELD_BACK = "held-back.md"
# Linked from the repository when present: what a site root holds besides site.toml and the notices.
SITE_LINKS = ("templates", "theme", "static", "content/departments.toml", "content/topics.toml")

CITY, OFFICE = "郑州市人民政府", "郑州市人民政府办公厅"
# 文号 prefix → (issuer, share of the output, ASCII slug as site_builder.core.docnum makes it)
PREFIXES = {
    "郑政": (CITY, 0.15, "zhengzheng"),
    "郑政文": (CITY, 0.33, "zhengzhengwen"),
    "郑政办": (OFFICE, 0.22, "zhengzhengban"),
    "郑政办文": (OFFICE, 0.25, "zhengzhengbanwen"),
    "郑政办明电": (OFFICE, 0.05, "zhengzhengbanmingdian"),
}
NUMERALS = "一二三四五六七八九"
BODY_BYTES = (5_000, 23_000)  # uniform; growth stops after the clause that passes it, so the mean body is ~15 KB


@dataclass(frozen=True)
class Planned:
    index: int  # chronological: a lower index is an older notice
    doc_number: str
    slug: str
    issuer: str
    title: str
    kind: str  # what the closing sentence calls the document: 通知, 意见, 方案, 办法
    date: date
    addressees: str
    cites: tuple[int, ...]  # other notices in the corpus cited in the body
    repeals: int | None  # an older notice this one repeals, cited in the closing sentence
    outside: tuple[int, ...]  # indexes into Material.outside


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (clause numbers up to 99)."""
    tens, ones = divmod(value, 10)
    text = ("" if tens < 2 else NUMERALS[tens - 1]) + ("十" if tens else "")
    return text + (NUMERALS[ones - 1] if ones else "")


def _year_counts(n: int) -> dict[int, int]:
    """Spread n over the years, later years fuller (largest-remainder rounding, so the total is exact)."""
    weights = {year: 1 + 0.12 * (year - FIRST_YEAR) for year in range(FIRST_YEAR, LAST_YEAR + 1)}
    total = sum(weights.values())
    exact = {year: n * weight / total for year, weight in weights.items()}
    counts = {year: int(value) for year, value in exact.items()}
    by_remainder = sorted(exact, key=lambda year: (counts[year] - exact[year], -year))
    for year in by_remainder[: n - sum(counts.values())]:
        counts[year] += 1
    return counts


def _title(rng: random.Random, material: Material) -> tuple[str, str]:
    topic = rng.choice(material.title_topics)
    roll = rng.random()
    if roll < 0.40:
        return f"关于{topic}的通知", "通知"
    if roll < 0.65:
        return f"关于{topic}的{rng.choice(['意见', '实施意见', '若干意见'])}", "意见"
    year = f"{rng.randint(FIRST_YEAR, LAST_YEAR)}年" if rng.random() < 0.3 else ""
    if roll < 0.85:
        return f"关于印发{year}郑州市{topic}{rng.choice(['工作方案', '实施方案'])}的通知", "方案"
    if roll < 0.95:
        return f"关于印发郑州市{topic}{rng.choice(['管理办法', '实施办法', '暂行办法'])}的通知", "办法"
    return f"关于{topic}的实施方案", "方案"


def _cited(rng: random.Random, index: int, n: int) -> list[int]:
    count = rng.choices([0, 1, 2, 3, 4, 6], weights=[15, 30, 25, 15, 10, 5])[0]
    targets = set()
    for _ in range(count):
        if index == 0 or rng.random() < 0.05:  # now and then a later notice (a revision cites what replaced it)
            target = rng.randrange(n)
        elif rng.random() < 0.5:  # recent policy in the same field
            target = index - rng.randint(1, min(index, 300))
        else:
            target = rng.randrange(index)
        if target != index:
            targets.add(target)
    return sorted(targets)


def held_back_index(n: int) -> int:
    """The notice held back for the "add a cited notice" scenario: old enough that many later ones cite it."""
    return int(n * 0.3)


def plan(n: int, seed: int, material: Material) -> list[Planned]:
    rng = random.Random(f"plan:{seed}")
    dated = []
    for year, count in _year_counts(n).items():
        start = date(year, 1, 1)
        days = (date(year + 1, 1, 1) - start).days
        for _ in range(count):
            prefix = rng.choices(list(PREFIXES), weights=[share for _, share, _ in PREFIXES.values()])[0]
            dated.append((start + timedelta(days=rng.randrange(days)), prefix))
    dated.sort()
    next_number: dict[tuple[str, int], int] = {}
    numbered = []
    for when, prefix in dated:
        # Gaps: not every number issued ends up in a gazette.
        number = next_number.get((prefix, when.year), 0) + (1 if rng.random() < 0.8 else rng.randint(2, 4))
        next_number[(prefix, when.year)] = number
        numbered.append((when, prefix, number))

    cites = [_cited(rng, index, n) for index in range(n)]
    hub = held_back_index(n)
    later = list(range(hub + 1, n))
    for citer in rng.sample(later, min(len(later), max(2, min(20, n // 500)))):
        cites[citer] = sorted(set(cites[citer]) | {hub})

    notices = []
    for index, (when, prefix, number) in enumerate(numbered):
        issuer, _, slug = PREFIXES[prefix]
        title, kind = _title(rng, material)
        repeals = rng.randrange(index) if index and rng.random() < 0.05 else None
        outside = tuple(sorted(rng.sample(range(len(material.outside)), rng.choices([0, 1, 2], [40, 40, 20])[0])))
        notices.append(Planned(
            index=index, doc_number=f"{prefix}〔{when.year}〕{number}号", slug=f"{slug}-{when.year}-{number}",
            issuer=issuer, title=title, kind=kind, date=when, addressees=rng.choice(material.addressees),
            cites=tuple(cites[index]), repeals=repeals, outside=outside,
        ))
    return notices


def citation(notice: Planned) -> str:
    """How the gazette cites a document: 《郑州市人民政府关于…的意见》（郑政〔2012〕27号）."""
    return f"《{notice.issuer}{notice.title}》（{notice.doc_number}）"


class _Body:
    """Markdown blocks and their UTF-8 size, so a notice can be grown to its target size."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.size = 0

    def add(self, block: str) -> None:
        self.blocks.append(block)
        self.size += len(block.encode("utf-8")) + 2

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _prose(rng: random.Random, material: Material, low: int = 2, high: int = 5) -> str:
    """A run of consecutive gazette sentences, so paragraphs read as the gazette does."""
    count = rng.randint(low, high)
    start = rng.randrange(len(material.sentences) - count)
    return "".join(material.sentences[start:start + count])


def _duty_line(rng: random.Random, material: Material, field: list[str]) -> str:
    """A line printed in the gazette now and then; mostly the departments of the notice's own field."""
    if rng.random() < 0.3:
        return rng.choice(material.duty_lines)
    count = rng.choice([1, 1, 2, 2, 3, 3, 4])
    return "责任单位：" + "、".join(rng.sample(field, min(count, len(field))))


def _table(rng: random.Random, material: Material) -> str:
    header, *rows = rng.choice(material.tables)
    take = rng.randint(3, min(len(rows), 15))
    start = rng.randrange(len(rows) - take + 1)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows[start:start + take]]
    return "\n".join(lines)


def _opening(rng: random.Random, material: Material, notice: Planned, cites: list[str]) -> str:
    purpose = rng.choice(material.clause_headings)
    basis = f"根据{'和'.join(cites)}，" if cites else ""
    ending = {"意见": "现提出如下意见：", "通知": "现就有关事项通知如下："}.get(notice.kind, "特制定本方案。")
    return f"为{purpose}，{basis}结合我市实际，{ending}"


def body(notice: Planned, notices: list[Planned], material: Material, seed: int) -> str:
    rng = random.Random(f"body:{seed}:{notice.index}")
    target = rng.randint(*BODY_BYTES)
    outside = [f"《{material.outside[i][0]}》（{material.outside[i][1]}）" for i in notice.outside]
    site = [citation(notices[i]) for i in notice.cites]
    opening_site = rng.randint(0, min(2, len(site)))
    pending = site[opening_site:]
    out = _Body()
    out.add(_opening(rng, material, notice, outside + site[:opening_site]))
    field = rng.sample(material.departments, rng.randint(3, 8))
    table_at = rng.randint(1, 4) if rng.random() < 0.3 else 0
    clause = section = 0
    while out.size < target and section < 20:
        section += 1
        out.add(f"## {chinese_number(section)}、{rng.choice(material.section_headings)}")
        if rng.random() < 0.3:
            out.add(_prose(rng, material, 1, 2))
        for _ in range(rng.randint(2, 5)):
            clause += 1
            out.add(f"### （{chinese_number(clause)}）{rng.choice(material.clause_headings)}")
            for _ in range(rng.randint(1, 3)):
                text = _prose(rng, material)
                if pending and rng.random() < 0.3:
                    text = f"按照{pending.pop()}要求，{text}"
                out.add(text)
            if rng.random() < 0.2:
                for item in range(1, rng.randint(2, 4) + 1):
                    out.add(f"{item}.{rng.choice(material.clause_headings)}。{_prose(rng, material, 1, 3)}")
            if clause == table_at:
                out.add("具体任务分解如下：")
                out.add(_table(rng, material))
            if rng.random() < 0.8:
                out.add(_duty_line(rng, material, field))
            if out.size >= target:
                break
    closing = f"本{notice.kind}自印发之日起施行"
    if notice.repeals is not None:
        closing += f"，{citation(notices[notice.repeals])}同时废止"
    out.add(closing + "。")
    if pending:
        out.add(f"本{notice.kind}未尽事宜，按照{'、'.join(pending)}有关规定执行。")
    return out.text()


_YAML_SPECIAL_START = tuple("[]{}>|*&!%@#'\"`,?:-")


def _scalar(value: str) -> str:
    if value.startswith(_YAML_SPECIAL_START) or ": " in value or " #" in value:
        return json.dumps(value, ensure_ascii=False)
    return value


def front_matter(notice: Planned) -> str:
    lines = [
        "---",
        f"doc_number: {_scalar(notice.doc_number)}",
        f"issuer: {_scalar(notice.issuer)}",
        f"title: {_scalar(notice.title)}",
        f"date: {notice.date.isoformat()}",
        f"addressees: {_scalar(notice.addressees)}",
        "---",
        "",
    ]
    return "\n".join(lines)


def notice_text(notice: Planned, notices: list[Planned], material: Material, seed: int) -> str:
    return front_matter(notice) + body(notice, notices, material, seed)


# Set in the parent before forking workers, so they inherit the plan instead of receiving it pickled.
_JOB: tuple[list[Planned], Material, int, Path, int | None] | None = None


def _write_range(bounds: tuple[int, int]) -> int:
    notices, material, seed, dest, held = _JOB
    written = 0
    notice_dir = dest / "content" / "notices"
    for notice in notices[bounds[0]:bounds[1]]:
        text = body(notice, notices, material, seed).encode("utf-8")
        target = dest / HELD_BACK if notice.index == held else notice_dir / f"{notice.slug}.md"
        target.write_bytes(front_matter(notice).encode("utf-8") + text)
        written += len(text)
    return written


def _prepare(dest: Path) -> None:
    notice_dir = dest / "content" / "notices"
    if notice_dir.exists() and any(notice_dir.iterdir()) and not (dest / MANIFEST).exists():
        raise FileExistsError(f"{notice_dir} holds files this generator did not write; choose an empty DEST")
    if notice_dir.exists():
        shutil.rmtree(notice_dir)
    notice_dir.mkdir(parents=True)
    (dest / MANIFEST).write_text('{"complete": false}\n', encoding="utf-8")  # ours to replace, even if interrupted
    (dest / HELD_BACK).unlink(missing_ok=True)
    # The site's own templates, theme and content settings, linked so that dest builds as the repository's site.
    for name in SITE_LINKS:
        link = dest / name
        if link.is_symlink() or link.is_file():
            link.unlink()
        elif link.exists():
            shutil.rmtree(link)
        if (REPO / name).exists():
            link.symlink_to(REPO / name)
    site_toml = REPO / "site.toml"
    if site_toml.exists():
        shutil.copyfile(site_toml, dest / "site.toml")
    else:
        (dest / "site.toml").write_text(
            '[site]\nname = "郑州市人民政府公报（基准测试语料）"\nbase_url = "https://gazette.example.gov.cn/"\n',
            encoding="utf-8",
        )


def generate(n: int, dest: Path, seed: int = 0, hold_back: bool = False, jobs: int = 1) -> dict:
    """Write n notices under dest (a site root); return the manifest, also written to dest/bench-manifest.json."""
    global _JOB
    if n < 2:
        raise ValueError("n must be at least 2 (one notice to cite and one citing it)")
    started = time.perf_counter()
    dest = Path(dest)
    material = load_material()
    notices = plan(n, seed, material)
    held = held_back_index(n) if hold_back else None
    _prepare(dest)
    _JOB = (notices, material, seed, dest, held)
    chunk = min(500, max(1, -(-n // (jobs * 4))))  # several chunks per worker, so they finish together
    ranges = [(start, min(start + chunk, n)) for start in range(0, n, chunk)]
    if jobs > 1 and len(ranges) > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            body_bytes = sum(pool.map(_write_range, ranges))
    else:
        body_bytes = sum(map(_write_range, ranges))
    _JOB = None
    manifest = _manifest(notices, n, seed, held, body_bytes, time.perf_counter() - started)
    (dest / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def _manifest(notices: list[Planned], n: int, seed: int, held: int | None, body_bytes: int, seconds: float) -> dict:
    citers: dict[int, int] = {}
    for notice in notices:
        for target in set(notice.cites) | ({notice.repeals} - {None}):
            citers[target] = citers.get(target, 0) + 1
    hub = held_back_index(n)
    edit = max((i for i in citers if i != hub), key=lambda i: (citers[i], -i))
    describe = lambda i: {"doc_number": notices[i].doc_number, "file": f"content/notices/{notices[i].slug}.md",
                          "cited_by": citers.get(i, 0)}
    return {
        "generator_version": GENERATOR_VERSION,
        "n": n,
        "seed": seed,
        "notices_in_content": n - (held is not None),
        "avg_body_bytes": round(body_bytes / n),
        "site_citations": sum(len(notice.cites) + (notice.repeals is not None) for notice in notices),
        "outside_citations": sum(len(notice.outside) for notice in notices),
        "held_back": dict(describe(hub), path=HELD_BACK) if held is not None else None,
        "edit_target": describe(edit),
        "seconds": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hold-back", action="store_true", help=f"write one cited notice to DEST/{HELD_BACK}")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    manifest = generate(args.n, args.dest, args.seed, args.hold_back, args.jobs)
    print(json.dumps(manifest, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
