"""bench/report.py: the preview's latency (bench/run.py --serve) judged against issue 18's serve targets."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _report(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    monkeypatch.delitem(sys.modules, "report", raising=False)
    import report

    return report


def _size(serve: dict | None) -> dict:
    size = {"n": 10_000, "corpus": {"notices_in_content": 9_999, "avg_body_bytes": 15_000, "seconds": 4.0},
            "ours": {}, "ratios": {}}
    return {**size, "serve": serve} if serve is not None else size


def test_the_preview_is_judged_by_its_medians(monkeypatch):
    report = _report(monkeypatch)
    serve = {"page": [0.3, 1.4, 0.5], "search": [2.0, 12.0, 11.0], "list": [2.0, 3.0, 4.0], "current": [50, 52, 70]}
    rows = {target: (measured, verdict) for target, measured, verdict in report.checks({10_000: _size(serve)})}
    assert rows["10,000 `serve`: an edited title on its page ≤ 1 s (median)"] == ("0.5 s", "met")
    assert rows["10,000 `serve`: the search finds it ≤ 10 s (median)"] == ("11 s", "MISSED")
    assert "| ours: `serve`, a title edited → its page · search · lists · all current (medians) | " \
           "0.50 · 11.00 · 3.00 · 52.00 s |" in report.table({10_000: _size(serve)})


def test_a_run_without_the_preview_shows_no_serve_row(monkeypatch):
    report = _report(monkeypatch)
    assert "serve" not in report.table({10_000: _size(None)})
    assert not any("serve" in target for target, _, _ in report.checks({10_000: _size(None)}))
