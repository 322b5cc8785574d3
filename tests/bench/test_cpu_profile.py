"""bench/cpu_profile.py: the CPU of a build by kind of work, a built-in's time given to the code that called it."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parents[2] / "bench"

JOIN = ("~", 0, "<method 'join' of 'str' objects>")
TEMPLATE = ("/site/templates/notice.html", 4, "root")
VIEW = ("/repo/site_builder/render/views/notice.py", 40, "notice_page")
HELPER = ("/usr/lib/python3.11/dataclasses.py", 1453, "replace")


def _load(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    for name in ("cpu_profile", "ours", "run"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import cpu_profile

    return cpu_profile


def test_files_sort_into_kinds(monkeypatch):
    profile = _load(monkeypatch)
    assert profile.kind_of(*TEMPLATE[::2]) == "templates (Jinja2, MarkupSafe)"
    assert profile.kind_of("/x/site-packages/jinja2/runtime.py", "__getitem__") == "templates (Jinja2, MarkupSafe)"
    assert profile.kind_of("~", "<built-in method _pickle.loads>") == "pickling (cache, workers)"
    assert profile.kind_of("/repo/site_builder/extract/deadlines.py", "find") == "our extract/ (facts from each notice)"
    assert profile.kind_of("/repo/site_builder/extract/markdown.py", "run") == "Markdown (cmark-gfm and our walk)"
    assert profile.kind_of(*JOIN[::2]) == profile.OTHER


def test_a_builtin_counts_as_the_work_of_its_callers(monkeypatch):
    profile = _load(monkeypatch)
    # str.join: 2 s of own time, 1.5 s of it called from a template, 0.5 s from a view (through a library helper).
    stats = SimpleNamespace(stats={
        JOIN: (1, 1, 2.0, 2.0, {TEMPLATE: (1, 1, 1.5, 1.5), HELPER: (1, 1, 0.5, 0.5)}),
        HELPER: (1, 1, 0.25, 0.75, {VIEW: (1, 1, 0.25, 0.75)}),
        TEMPLATE: (1, 1, 1.0, 2.5, {}),
        VIEW: (1, 1, 0.5, 1.25, {}),
    })
    found = profile.by_kind(stats)
    assert found == {"templates (Jinja2, MarkupSafe)": 2.5, "our render/ (view models)": 1.25}


def test_it_profiles_a_cold_build_and_the_two_edits(monkeypatch, capsys):
    profile = _load(monkeypatch)
    assert profile.main(["--size", "40", "--top", "3"]) == 0
    printed = capsys.readouterr().out
    sections = printed.split("\n### ")[1:]
    assert [s.split(":")[0] for s in sections] == ["cold", "body", "title"]
    assert "built 39 notices" in sections[0]  # the generated corpus holds one notice back
    assert "(1 written," in sections[1]  # the body edit rewrites its own page only
    for section in sections:
        assert "| kind of work | CPU s (own time) | share |" in section
        assert len([line for line in section.splitlines() if line.startswith("| ") and "` |" in line]) == 3
