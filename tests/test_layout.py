"""The package's shape, as docs/architecture.md states it: phases as folders, each importing only from the folders
below it, no import cycle (type-only imports included), at most 10 modules at the top, none over 400 lines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "site_builder"

# Lower numbers first: a module may import from its own layer and the layers below it.
LAYERS = {"core": 0, "load": 1, "extract": 2, "analyse": 3, "search": 4, "render": 5, "publish": 6, "check": 7,
          "build": 8, "serve": 9, "importer": 9, "starter": 9, "progress": 10, "cli": 11, "__main__": 12, "__init__": 0}
# What may read or write files: the rest is pure, or goes through these.
TOUCHES_DISK = {"load", "publish", "search", "check", "serve", "importer", "starter"}


def modules() -> dict[str, Path]:
    return {".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts): path
            for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    """Every site_builder module a file imports, at module level or inside a function or TYPE_CHECKING block."""
    found = set()
    known = modules()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:  # relative: from .run import …
            package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-node.level])
            base = f"{package}.{node.module}" if node.module else package
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("site_builder"):
            base = node.module
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("site_builder."))
            continue
        else:
            continue
        for alias in node.names:
            name = f"{base}.{alias.name}"
            found.add(name if name in known else base if base in known else f"{base}.__init__")
    return {name for name in found if name in known or f"{name}.__init__" in known}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_each_folder_imports_only_from_the_folders_below_it():
    wrong = []
    for module, path in modules().items():
        for imported in imports_of(path):
            if LAYERS[layer(imported)] > LAYERS[layer(module)]:
                wrong.append(f"{module} imports {imported}")
    assert wrong == []


def test_there_is_no_import_cycle_between_modules():
    graph = {module: imports_of(path) - {module} for module, path in modules().items()}
    for module in graph:  # a package's __init__ and its own modules are one place
        graph[module] = {m.removesuffix(".__init__") for m in graph[module]}
    graph = {m.removesuffix(".__init__"): deps for m, deps in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == 1:
                cycles.append(" → ".join(trail[trail.index(imported):] + [imported]))
            elif imported not in state:
                visit(imported, trail + [imported])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_at_most_ten_modules_sit_at_the_top_and_none_is_over_400_lines():
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 10, top
    long = {module: n for module, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_only_the_folders_that_may_touch_the_disk_open_files():
    calls = re.compile(r"(?<![\w.])open\(|\.read_bytes\(|\.read_text\(|\.write_bytes\(|\.write_text\(|os\.open\(|"
                       r"\bshutil\.|os\.replace\(|os\.unlink\(|os\.scandir\(|\.iterdir\(|\.r?glob\(")
    pure = sorted({(module, call) for module, path in modules().items()
                   if layer(module) not in TOUCHES_DISK | {"build", "cli", "__main__", "progress"}
                   for call in calls.findall(path.read_text(encoding="utf-8"))})
    # core/code_digest.py reads the package's own source once (the digest every cache key holds), and the Jinja
    # loader reads templates/: neither is content.
    assert pure == [("site_builder.core.code_digest", ".read_bytes("), ("site_builder.core.code_digest", ".rglob(")]
