"""The benchmark corpus generator: deterministic, in the content format, citing only what exists."""

from __future__ import annotations

import datetime
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

BENCH = Path(__file__).resolve().parents[2] / "bench"
GAZETTE = BENCH.parent.parent / "shared" / "gazette" / "zhengzhou-gazette-2016-08.txt"
pytestmark = pytest.mark.skipif(not GAZETTE.exists(), reason="the embedded gazette is not next to the repository")

SITE_CITATION = re.compile(r"《(郑州市人民政府(?:办公厅)?)(关于[^《》]+)》（(郑[\u4e00-\u9fff]*〔\d{4}〕\d+号)）")
ANY_CITED_NUMBER = re.compile(r"[（(]([\u4e00-\u9fff]+〔\d{4}〕\d+号)[）)]")


def _load_generate():
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is being made
    spec.loader.exec_module(module)
    return module


generate = _load_generate()


def _files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file() and not path.is_symlink()
            and path.name != generate.MANIFEST}


def _notices(root: Path) -> dict[str, tuple[dict, str]]:
    """doc_number → (front matter, body) for content/notices and the held-back file."""
    found = {}
    for path in [*sorted((root / "content" / "notices").glob("*.md")), root / generate.HELD_BACK]:
        if path.exists():
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            meta = yaml.safe_load(front)
            found[meta["doc_number"]] = (dict(meta, _path=path), body)
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate.generate(30, root, hold_back=True)
    return root


def test_same_n_and_seed_give_byte_identical_files(corpus, tmp_path):
    generate.generate(30, tmp_path / "again", hold_back=True, jobs=2)
    assert _files(tmp_path / "again") == _files(corpus)


def test_another_seed_gives_another_corpus(corpus, tmp_path):
    generate.generate(30, tmp_path / "other", seed=1, hold_back=True)
    assert _files(tmp_path / "other") != _files(corpus)


def test_every_notice_has_the_required_front_matter(corpus):
    notices = _notices(corpus)
    assert len(notices) == 30  # doc_number is unique: no two files collapse into one key
    for doc_number, (meta, body) in notices.items():
        assert set(meta) >= {"doc_number", "issuer", "title", "date", "addressees"}
        assert isinstance(meta["date"], datetime.date)
        assert f"〔{meta['date'].year}〕" in doc_number
        assert meta["issuer"] in {"郑州市人民政府", "郑州市人民政府办公厅"}
        assert meta["title"].startswith("关于") and "\n" not in meta["title"]
        assert meta["_path"].name in {f"{generate.PREFIXES[doc_number.split('〔')[0]][2]}-"
                                      f"{meta['date'].year}-{doc_number.split('〕')[1][:-1]}.md",
                                      generate.HELD_BACK}


def test_bodies_have_clauses_departments_and_tables(corpus):
    bodies = [body for _, body in _notices(corpus).values()]
    assert all(re.search(r"^## 一、", body, re.MULTILINE) for body in bodies)
    assert all(re.search(r"^### （一）", body, re.MULTILINE) for body in bodies)
    assert all(re.search(r"^责任单位[：:]\S", body, re.MULTILINE) for body in bodies)
    assert any(re.search(r"^\|---\|", body, re.MULTILINE) for body in bodies)
    mean = sum(len(body.encode("utf-8")) for body in bodies) / len(bodies)
    assert 10_000 < mean < 20_000


def test_every_cited_site_number_exists_with_its_title(corpus):
    notices = _notices(corpus)
    cited = 0
    for doc_number, (_, body) in notices.items():
        for issuer, title, number in SITE_CITATION.findall(body):
            assert number != doc_number
            assert (notices[number][0]["issuer"], notices[number][0]["title"]) == (issuer, title)
            cited += 1
        # Any 郑… number in a body is a citation of a notice in the corpus; others are outside documents.
        for number in ANY_CITED_NUMBER.findall(body):
            assert not number.startswith("郑") or number in notices, number
    assert cited > 0
    assert any(not number.startswith("郑") for _, body in notices.values() for number in ANY_CITED_NUMBER.findall(body))


def test_the_held_back_notice_is_aside_and_cited(corpus):
    held = corpus / generate.HELD_BACK
    _, front, _ = held.read_text(encoding="utf-8").split("---\n", 2)
    doc_number = yaml.safe_load(front)["doc_number"]
    in_content = {path.name: path.read_text(encoding="utf-8")
                  for path in (corpus / "content" / "notices").glob("*.md")}
    assert len(in_content) == 29
    assert not any(f"doc_number: {doc_number}\n" in text for text in in_content.values())
    assert any(f"（{doc_number}）" in text for text in in_content.values())


def test_holding_back_changes_nothing_else(corpus, tmp_path):
    manifest = generate.generate(30, tmp_path / "all")
    everything = _files(tmp_path / "all")
    held_file = json.loads((corpus / generate.MANIFEST).read_text())["held_back"]["file"]
    assert manifest["held_back"] is None
    assert everything.pop(held_file) == (corpus / generate.HELD_BACK).read_bytes()
    assert everything == {name: data for name, data in _files(corpus).items() if name != generate.HELD_BACK}


def test_refuses_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "content" / "notices").mkdir(parents=True)
    (tmp_path / "content" / "notices" / "mine.md").write_text("---\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        generate.generate(5, tmp_path)
    assert (tmp_path / "content" / "notices" / "mine.md").exists()


def test_the_newest_notices_are_those_of_the_last_year(corpus, tmp_path):
    """bench/ours.py edits one of them (the largest search shard) as well as the most cited notice."""
    sys.path.insert(0, str(BENCH))
    try:
        import ours
    finally:
        sys.path.remove(str(BENCH))
    newest = ours.newest_notices(corpus)
    dated = {meta["_path"]: meta["date"] for meta, _ in _notices(corpus).values()}
    last_year = max(date.year for date in dated.values())
    assert newest and {dated[path].year for path in newest} == {last_year}
    assert len(newest) == sum(date.year == last_year for path, date in dated.items() if path.parent.name == "notices")
    copy = tmp_path / newest[0].name
    copy.write_bytes(newest[0].read_bytes())
    original = ours.edit_one(copy)
    assert ours.EDIT_MARKER in copy.read_text(encoding="utf-8") and original == newest[0].read_text(encoding="utf-8")
