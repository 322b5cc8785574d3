"""`site-builder new DIR`: a new site, ready to build, from the starter files beside this module.

It holds a commented site.toml with the name and address given, content/notices/ with one example notice (a real
one: the State Council's 2025 holiday notice), content/departments.toml (its sections, empty, explained) and
content/topics.toml (the built-in 主题分类 rules), and a .gitignore for the output and the cache. Templates and
theme files come from the built-in theme until the site puts its own in templates/ and theme/.

A file that exists is never replaced: a folder that holds anything is refused, and with force only the missing
files are written (and no example notice joins notices that are there already).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from site_builder.core.config import CONFIG_NAME, SiteConfig, parse_config
from site_builder.core.text import first_bad
from site_builder.load import theme
from site_builder.publish.atomic import atomic_write

STARTER = Path(__file__).resolve().parent / "files"
NOTICES = "content/notices"
EXAMPLE = f"{NOTICES}/guobanfamingdian-2024-12.md"
IGNORED = (".git",)  # a folder holding only these is empty: `git init mysite` first is fine


class StarterError(Exception):
    """The site cannot be made here (the folder is not empty, a bad --name): a message for the terminal."""


@dataclass
class Created:
    root: Path
    written: list[str] = field(default_factory=list)  # site-relative paths
    kept: list[str] = field(default_factory=list)  # there already, left as they were (force)


def site_files(name: str | None = None, base_url: str | None = None) -> dict[str, bytes]:
    """The starter site's files by their path in the site, with the name and address filled in. Raises
    StarterError for a name or address site.toml would not accept."""
    defaults = SiteConfig()
    name = defaults.name if name is None else name.strip()
    base_url = defaults.base_url if base_url is None else base_url.strip()
    if not name or first_bad(name) or any(char in name for char in "\r\n\t"):
        raise StarterError(f"--name must be the gazette's name on one line, e.g. 郑州市人民政府公报, not {name!r}")
    if base_url and not base_url.endswith("/"):
        base_url += "/"  # the site's folder: pages are at base_url + notices/…
    text = Template(_starter("site.toml").decode("utf-8")).substitute(name=_toml_string(name),
                                                                      base_url=_toml_string(base_url))
    for problem in parse_config(CONFIG_NAME, text)[1]:  # the rules site.toml is read by
        shown = "--base-url" if "base_url" in problem.message else "--name"
        raise StarterError(f"{shown} {problem.message.split(' ', 1)[1]}")
    return {
        CONFIG_NAME: text.encode("utf-8"),
        EXAMPLE: _starter("notice.md"),
        "content/departments.toml": _starter("departments.toml"),
        "content/topics.toml": theme.builtin_file("content/topics.toml").read_bytes(),
        ".gitignore": _starter("gitignore"),
    }


def create_site(folder: Path, name: str | None = None, base_url: str | None = None,
                force: bool = False) -> Created:
    """Write a new site into folder (made if missing). Raises StarterError, having written nothing, when folder
    is a file or holds anything and force is off."""
    files = site_files(name, base_url)
    if folder.exists() and not folder.is_dir():
        raise StarterError(f"{folder} is a file, not a folder")
    held = sorted(entry.name for entry in folder.iterdir() if entry.name not in IGNORED) if folder.is_dir() else []
    if held and not force:
        shown = ", ".join(held[:3]) + (f" and {len(held) - 3} more" if len(held) > 3 else "")
        raise StarterError(f"{folder} is not empty ({shown}): choose a new folder, or add --force to write the "
                           "files it lacks (nothing there is replaced)")
    created = Created(folder)
    has_notices = any(path.suffix == ".md" for path in (folder / NOTICES).glob("*")) if folder.is_dir() else False
    for path, data in files.items():
        target = folder / path
        if path == EXAMPLE and has_notices:
            continue
        if os.path.lexists(target):
            created.kept.append(path)
            continue
        atomic_write(target, data)
        created.written.append(path)
    (folder / NOTICES).mkdir(parents=True, exist_ok=True)
    return created


def _starter(name: str) -> bytes:
    return (STARTER / name).read_bytes()


def _toml_string(text: str) -> str:
    """A TOML basic string: JSON's quoting is TOML's for text without control characters (refused before)."""
    return json.dumps(text, ensure_ascii=False)
