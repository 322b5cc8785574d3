"""site.toml read from the site root (the one read of the settings file), and which folder is a site's root."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.core.config import CONFIG_NAME, SiteConfig, parse_config
from site_builder.core.diagnostics import Diagnostic
from site_builder.load.files import Unreadable, read_limited


def load_config(root: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    file = root / CONFIG_NAME
    try:
        text = read_limited(file).decode("utf-8-sig")
    except UnicodeDecodeError:
        return SiteConfig(), [Diagnostic(CONFIG_NAME, 1, "E201", "site.toml is not valid UTF-8")]
    except Unreadable as exc:
        if not os.path.lexists(file):
            return SiteConfig(), [Diagnostic(CONFIG_NAME, 1, "W200", "no site.toml: using default settings",
                                             "'site-builder new DIR' writes a commented one: copy it here and set the site name")]
        return SiteConfig(), [Diagnostic(CONFIG_NAME, 1, "E201", f"cannot read site.toml: {exc.reason}")]
    return parse_config(CONFIG_NAME, text)


def find_root(start: Path) -> Path | None:
    """The site a folder is in, found the way git finds a repository: the folder itself or the nearest one above it
    that holds a site.toml; None outside any site."""
    start = Path(os.path.abspath(start))  # "a/.." is the folder it names
    for folder in (start, *start.parents):
        if os.path.lexists(folder / CONFIG_NAME):
            return folder
    return None
