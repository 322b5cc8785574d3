"""bench/ours.py: a rebuild scenario measured while the code changed is marked, never reported as a figure."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load_ours(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))  # ours.py imports measure as a sibling, as run.py does
    monkeypatch.delitem(sys.modules, "ours", raising=False)
    import ours

    return ours


def _fake_build(ours, monkeypatch, digests):
    """Each build "runs" while code_digest answers the next of digests."""
    answers = iter(digests)
    monkeypatch.setattr(ours, "code_digest", lambda: next(answers))
    monkeypatch.setattr(ours, "ours", lambda root, out, search: {"status": "ok"})


def test_a_scenario_whose_code_changed_while_it_ran_is_invalid(monkeypatch, tmp_path):
    ours = _load_ours(monkeypatch)
    _fake_build(ours, monkeypatch, ["a", "a", "a", "b"])
    assert ours._scenario("cold", tmp_path, tmp_path / "out", True)["status"] == "ok"
    assert ours._scenario("nothing changed", tmp_path, tmp_path / "out", True)["status"].startswith("invalid")


def test_a_scenario_after_a_change_between_runs_is_invalid_too(monkeypatch, tmp_path):
    ours = _load_ours(monkeypatch)
    _fake_build(ours, monkeypatch, ["a", "a", "b", "b"])
    ours._scenario("cold", tmp_path, tmp_path / "out", True)
    assert ours._scenario("nothing changed", tmp_path, tmp_path / "out", True)["status"].startswith("invalid")


def test_the_code_digest_covers_code_templates_and_theme(monkeypatch):
    ours = _load_ours(monkeypatch)
    first = ours.code_digest()
    assert first == ours.code_digest() and len(first) == 64


def test_edit_title_changes_only_the_title_line(monkeypatch, tmp_path):
    ours = _load_ours(monkeypatch)
    notice = tmp_path / "n.md"
    notice.write_text("---\ndoc_number: 郑政〔2016〕1号\ntitle: 关于甲的通知\ndate: 2016-08-01\n---\n\n正文 title: 不动。\n",
                      encoding="utf-8")
    assert ours.edit_title(notice) == "关于甲的通知" + ours.TITLE_MARKER
    assert notice.read_text(encoding="utf-8") == (f"---\ndoc_number: 郑政〔2016〕1号\ntitle: 关于甲的通知{ours.TITLE_MARKER}\n"
                                                  "date: 2016-08-01\n---\n\n正文 title: 不动。\n")
