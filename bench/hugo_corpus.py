"""Hugo-flavoured copy of a bench corpus, so Hugo builds the same notices with equivalent pages.

    python bench/hugo_corpus.py SITE_ROOT HUGO_ROOT

Our format has no taxonomy keys: the departments come from the body's 责任单位 lines and the year from the date.
This converter does that work once, up front, so Hugo only has to render; its time is reported separately and not
counted against Hugo. It also turns citations of notices in the corpus into Markdown links, as our build links
them, so both sites render the same number of links.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import PREFIXES  # noqa: E402
from material import split_departments  # noqa: E402

SKELETON = Path(__file__).resolve().parent / "hugo"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUTY_RE = re.compile(r"^责任单位[：:]\s*(.+)$", re.MULTILINE)
_CITED_RE = re.compile(r"([（(])((?:郑[\u4e00-\u9fff]{0,5})〔(\d{4})〕(\d+)号)([）)])")
_SECTIONS = {"notices": "文件", "departments": "责任单位", "years": "年份"}


def split_notice(text: str) -> tuple[str, str]:
    """(front matter, body) of a notice in our content format."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    _, front, body = text.split("---\n", 2)
    return front, body


def slug(doc_number: str) -> str | None:
    match = re.fullmatch(r"(.+?)〔(\d{4})〕(\d+)号", doc_number)
    if not match or match[1] not in PREFIXES:
        return None
    return f"{PREFIXES[match[1]][2]}-{match[2]}-{match[3]}"


def departments(body: str) -> list[str]:
    names = []
    for match in _DUTY_RE.finditer(body):
        names += [name.replace("(", "（").replace(")", "）") for name in split_departments(match[1])]
    return list(dict.fromkeys(names))


def link_citations(body: str, known: set[str]) -> str:
    def replace(match: re.Match) -> str:
        target = slug(match[2]) if match[2] in known else None
        return f"{match[1]}[{match[2]}](/notices/{target}/){match[5]}" if target else match[0]

    return _CITED_RE.sub(replace, body)


def hugo_notice(text: str, known: set[str]) -> tuple[str, str]:
    """(file stem, Hugo Markdown) for one notice."""
    front, body = split_notice(text)
    meta = yaml.load(front, Loader=_LOADER)
    keys = {
        "title": meta["title"],
        "date": str(meta["date"]),
        "doc_number": meta["doc_number"],
        "issuer": meta["issuer"],
        "addressees": meta.get("addressees", ""),
        "departments": departments(body),
        "years": [str(meta["date"])[:4]],
    }
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in keys.items()] + ["---", ""]
    return slug(meta["doc_number"]) or "", "\n".join(lines) + link_citations(body, known)


def _doc_number(path: Path) -> str:
    """The doc_number line of a notice's front matter, read without loading the body."""
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle):
            if line.startswith("doc_number:"):
                return line.split(":", 1)[1].strip().strip('"')
            if number and line.strip() == "---":
                break
    return ""


def install_skeleton(hugo_root: Path) -> None:
    """Hugo's config and layouts from bench/hugo/, replacing any older copy."""
    shutil.rmtree(hugo_root / "layouts", ignore_errors=True)
    shutil.copytree(SKELETON / "layouts", hugo_root / "layouts")
    shutil.copyfile(SKELETON / "hugo.toml", hugo_root / "hugo.toml")


def convert(site_root: Path, hugo_root: Path) -> dict:
    """Write a complete Hugo site (config, layouts, content) for site_root's notices into hugo_root."""
    started = time.perf_counter()
    sources = sorted((site_root / "content" / "notices").glob("*.md"))
    known = {_doc_number(path) for path in sources}
    if hugo_root.exists():
        shutil.rmtree(hugo_root)
    install_skeleton(hugo_root)
    for section, title in _SECTIONS.items():
        (hugo_root / "content" / section).mkdir(parents=True)
        (hugo_root / "content" / section / "_index.md").write_text(f'---\ntitle: "{title}"\n---\n', encoding="utf-8")
    notice_dir = hugo_root / "content" / "notices"
    for path in sources:
        stem, text = hugo_notice(path.read_text(encoding="utf-8"), known)
        (notice_dir / f"{stem or path.stem}.md").write_text(text, encoding="utf-8")
    return {"notices": len(sources), "seconds": round(time.perf_counter() - started, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_root", type=Path)
    parser.add_argument("hugo_root", type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(convert(args.site_root, args.hugo_root)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
