"""The theme a site is built with: its own `templates/` and `theme/` files over the built-in ones, file by file.

The built-in theme is a folder shaped like a site (`templates/`, `theme/`, `content/topics.toml`): installed, it is
package data under `site_builder/builtin/` (setup.py makes it from the repository's folders); run from the
repository or an editable install, it is the repository itself. A site overrides any file by writing one of the
same name in its own folder; `{% extends "!base.html" %}` in a site's template reaches the built-in one.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.core import keys
from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.load.files import Unreadable, read_limited

TEMPLATES = "templates"
ASSETS = "theme"
PACKAGE = Path(__file__).resolve().parents[1]


def builtin_root() -> Path:
    """The built-in theme's folder: in the installed package, else the repository the package sits in."""
    packaged = PACKAGE / "builtin"
    return packaged if packaged.is_dir() else PACKAGE.parent


def builtin_file(name: str) -> Path:
    """A built-in file by its path in a site, e.g. "content/topics.toml"."""
    return builtin_root() / name


def template_folders(root: Path) -> tuple[Path, ...]:
    """Where templates are looked up, in order: the site's `templates/`, then the built-in one (once, when the
    site is the repository itself)."""
    own, builtin = root / TEMPLATES, builtin_root() / TEMPLATES
    return (own,) if _same(own, builtin) else (own, builtin)


def assets(root: Path) -> dict[str, bytes]:
    """Every theme file the site publishes under assets/, by its path below `theme/`: the built-in ones, each
    replaced by the site's file of the same name, and the site's own additions."""
    found = dict(_files(builtin_root() / ASSETS, None))
    found.update(_files(root / ASSETS, f"{ASSETS}/"))
    return dict(sorted(found.items()))


def every_file(root: Path) -> list[tuple[str, bytes]]:
    """(shown path, bytes) of every file a site's pages can be made with: the site's templates and theme files and
    all the built-in ones (overridden or not: `!name` reaches a built-in template), for the render digest."""
    own = [(f"{folder}/{name}", data) for folder in (TEMPLATES, ASSETS)
           for name, data in _files(root / folder, f"{folder}/")]
    return own + [(f"builtin/{folder}/{name}", data) for folder in (TEMPLATES, ASSETS)
                  for name, data in _files(builtin_root() / folder, None)]


def theme_and_templates_digest(root: Path) -> str:
    """One digest of every template and theme file a site's pages can use (its own and the built-in ones): any
    change to either re-renders every page."""
    return keys.files_digest(every_file(root))


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _files(base: Path, shown: str | None) -> list[tuple[str, bytes]]:
    """(path below base, bytes) of every file under base, sorted; anything that is not a regular file (a FIFO,
    a link to a device) is an error naming it, never read. shown: how a site's folder is named in that error;
    None for the built-in folder, named by its full path."""
    found = []
    for file in sorted(base.rglob("*")) if base.is_dir() else ():
        if file.is_dir():
            continue
        name = file.relative_to(base).as_posix()
        try:
            found.append((name, read_limited(file)))
        except Unreadable as exc:
            where = shown + name if shown is not None else str(file)
            raise BuildError([Diagnostic(where, 1, "E411", f"cannot read file: {exc.reason}",
                                         "remove it or replace it with a regular file")]) from None
    return found
