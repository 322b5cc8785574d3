"""Ratios, the issue's targets, and the Markdown table the README shows."""

from __future__ import annotations

import statistics

# Issue 18's targets (issue 8's were 0.8 × for both cold builds and 2 s for an edit).
SEARCH_RATIO_TARGET, NO_SEARCH_RATIO_TARGET = 1.0, 2.5
EDIT_TARGET_S, NOOP_TARGET_S = 5.0, 1.0
SERVE_PAGE_TARGET_S, SERVE_SEARCH_TARGET_S = 1.0, 10.0
MEMORY_TARGET_MB = 4096
SCALING_TARGET = 1.2
CONTENDED = 0.1  # share of the machine's CPU time other processes took during a run
SCENARIOS = (
    ("cold_no_search", "ours: cold full build, no search"),
    ("cold_search", "ours: cold full build, with search"),
    ("noop", "ours: rebuild, nothing changed"),
    ("edit", "ours: rebuild, one notice edited (the most cited: oldest year, smallest search shard)"),
    ("edit_newest", "ours: rebuild, one notice of the newest year edited (largest search shard)"),
    ("edit_title", "ours: rebuild, the title of that notice edited (every list that shows it)"),
    ("add", "ours: rebuild, cited notice added"),
)


def _ok(result: dict | None) -> bool:
    return bool(result) and result.get("status", "ok") == "ok" and result.get("returncode", 0) == 0


def ratios(size: dict) -> dict:
    """Our cold builds against Hugo, and Hugo + Pagefind, from the same run."""
    peers, ours = size.get("peers", {}), size.get("ours", {})
    hugo, pagefind = peers.get("hugo"), peers.get("pagefind")
    found = {}
    if _ok(hugo) and _ok(ours.get("cold_no_search")):
        found["cold_no_search_vs_hugo"] = round(ours["cold_no_search"]["wall_s"] / hugo["wall_s"], 2)
    if _ok(hugo) and _ok(pagefind) and _ok(ours.get("cold_search")):
        found["cold_search_vs_hugo_pagefind"] = round(
            ours["cold_search"]["wall_s"] / (hugo["wall_s"] + pagefind["wall_s"]), 2)
    return found


def checks(sizes: dict[int, dict]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of issue 18 that this run can judge."""
    rows = []

    def judge(target: str, value: float | None, limit: float, unit: str = "", strict: bool = False) -> None:
        if value is None:
            rows.append((target, "not measured", "n/a"))
        else:
            met = value < limit if strict else value <= limit
            rows.append((target, f"{value:g}{unit}", "met" if met else "MISSED"))

    ten = sizes.get(10_000)
    if ten:
        ours = ten.get("ours", {})
        judge(f"10,000: cold, with search ≤ {SEARCH_RATIO_TARGET} × (Hugo + Pagefind)",
              ten["ratios"].get("cold_search_vs_hugo_pagefind"), SEARCH_RATIO_TARGET, "×")
        judge(f"10,000: cold, no search ≤ {NO_SEARCH_RATIO_TARGET} × Hugo", ten["ratios"].get("cold_no_search_vs_hugo"),
              NO_SEARCH_RATIO_TARGET, "×")
        edits = [ours[key]["wall_s"] for key in ("edit", "edit_newest") if _ok(ours.get(key))]
        judge(f"10,000: one notice's body edited, pages and index ≤ {EDIT_TARGET_S:g} s (the slower of the two)",
              max(edits) if edits else None, EDIT_TARGET_S, " s")
        judge(f"10,000: one notice's title edited, pages and index ≤ {EDIT_TARGET_S:g} s",
              ours["edit_title"]["wall_s"] if _ok(ours.get("edit_title")) else None, EDIT_TARGET_S, " s")
        judge("10,000: nothing changed < 1 s",
              ours["noop"]["wall_s"] if _ok(ours.get("noop")) else None, NOOP_TARGET_S, " s", strict=True)
        if ten.get("serve"):
            judge(f"10,000 `serve`: an edited title on its page ≤ {SERVE_PAGE_TARGET_S:g} s (median)",
                  _median(ten["serve"], "page"), SERVE_PAGE_TARGET_S, " s")
            judge(f"10,000 `serve`: the search finds it ≤ {SERVE_SEARCH_TARGET_S:g} s (median)",
                  _median(ten["serve"], "search"), SERVE_SEARCH_TARGET_S, " s")
    hundred = sizes.get(100_000)
    if hundred:
        cold = hundred.get("ours", {}).get("cold_search")
        judge("100,000: full build with search, peak memory < 4 GB",
              memory_mb(cold) if _ok(cold) else None, MEMORY_TARGET_MB, " MB", strict=True)
        scaling = None
        if ten and _ok(cold) and _ok(ten.get("ours", {}).get("cold_search")):
            per_big = cold["wall_s"] / 100_000
            per_ten = ten["ours"]["cold_search"]["wall_s"] / 10_000
            scaling = round(per_big / per_ten, 2)
        judge("100,000: time per notice ≤ 1.2 × that at 10,000 (same run)", scaling, SCALING_TARGET, "×")
    return rows


def _median(serve: dict, stage: str) -> float:
    return round(statistics.median(serve[stage]), 2)


def _serve_cell(serve: dict | None) -> str:
    if not serve:
        return "–"
    return " · ".join(f"{_median(serve, stage):.2f}" for stage in ("page", "search", "list", "current")) + " s"


def memory_mb(result: dict) -> float:
    """Peak PSS over the process tree (forked workers' shared pages counted once); RSS where PSS was not taken."""
    return result.get("peak_pss_mb") or result["peak_rss_mb"]


def _cell(result: dict | None) -> str:
    if not result:
        return "–"
    if result.get("status", "ok") != "ok":
        return result["status"]
    if result.get("killed_at_mb"):
        return f"stopped at {result['killed_at_mb']:,.0f} MB after {result['wall_s']:.0f} s (memory guard)"
    if result.get("returncode", 0) != 0:
        return f"failed (exit {result['returncode']})"
    busy = " †" if result.get("others_cpu_share", 0) > CONTENDED else ""
    return f"{result['wall_s']:.2f} s · {memory_mb(result):,.0f} MB{busy}"


def table(sizes: dict[int, dict]) -> str:
    ns = sorted(sizes)
    lines = ["| | " + " | ".join(f"{n:,}" for n in ns) + " |", "|---|" + "---:|" * len(ns)]

    def row(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    corpora = [sizes[n]["corpus"] for n in ns]
    row("corpus: notices built · mean body",
        [f"{c['notices_in_content']:,} · {c['avg_body_bytes'] / 1000:.1f} kB" for c in corpora])
    row("generator (not counted)", [f"{sizes[n]['corpus']['seconds']:.1f} s" for n in ns])
    peers = [sizes[n].get("peers", {}) for n in ns]
    if any(peers):
        row("Hugo corpus conversion (not counted)",
            [f"{p['conversion']['seconds']:.1f} s" if "conversion" in p else "–" for p in peers])
        row("Hugo build", [_cell(p.get("hugo")) for p in peers])
        row("Pagefind (extended) on Hugo's output", [_cell(p.get("pagefind")) for p in peers])
        row("Hugo + Pagefind", [f"{p['hugo']['wall_s'] + p['pagefind']['wall_s']:.2f} s"
                                if _ok(p.get("hugo")) and _ok(p.get("pagefind")) else "–" for p in peers])
        if any("baseline" in p for p in peers):
            row("plain markdown-it-py + Jinja2 loop", [_cell(p.get("baseline")) for p in peers])
    for key, label in SCENARIOS:
        row(label, [_cell(sizes[n].get("ours", {}).get(key)) for n in ns])
    if any(sizes[n].get("serve") for n in ns):
        row("ours: `serve`, a title edited → its page · search · lists · all current (medians)",
            [_serve_cell(sizes[n].get("serve")) for n in ns])
    row("ratio: cold, no search ÷ Hugo", [str(sizes[n]["ratios"].get("cold_no_search_vs_hugo", "–")) for n in ns])
    row("ratio: cold, with search ÷ (Hugo + Pagefind)",
        [str(sizes[n]["ratios"].get("cold_search_vs_hugo_pagefind", "–")) for n in ns])
    return "\n".join(lines)


def machine_line(machine: dict, versions: dict) -> str:
    return (f"Machine: {machine['cpu']}, {machine['usable_cores']} cores, {machine['ram_gb']} GB RAM, "
            f"{machine['os']}; Python {machine['python']}; {versions.get('hugo', 'hugo ?').split(' BuildDate')[0]}; "
            f"{versions.get('pagefind', 'pagefind ?')} (extended binary).")


def markdown(sizes: dict[int, dict], machine: dict, versions: dict, when: str) -> str:
    parts = [f"### Benchmark, {when}", "", machine_line(machine, versions), "",
             "Wall time · peak memory (PSS summed over the process tree: a page that forked workers share with "
             "their parent counted once; summed RSS is in the JSON). Hugo and Pagefind were run in the same "
             "session as our build, on the same corpus.", "", table(sizes)]
    if "†" in parts[-1]:
        parts += ["", f"† other processes used more than {CONTENDED:.0%} of the machine's CPU time during that run "
                      "(`others_cpu_share` in the JSON); its time is not comparable."]
    judged = checks(sizes)
    if judged:
        parts += ["", "| target (issue 18) | measured | |", "|---|---:|---|"]
        parts += [f"| {target} | {value} | {verdict} |" for target, value, verdict in judged]
    return "\n".join(parts) + "\n"
