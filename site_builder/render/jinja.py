"""Jinja2 only: view models in, bytes out. Autoescape on, undefined names are errors."""

from __future__ import annotations

import hashlib
import json
import posixpath
import traceback
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.core.text import FORBIDDEN_RE
from site_builder.render.views import Page


def relative_url(from_path: str, to_path: str) -> str:
    """Link from one site-relative file to another, so the site works under any base path and from disk."""
    to_path, hash_mark, fragment = to_path.partition("#")
    if not to_path:
        return hash_mark + fragment or "#"
    return _relative(_folder(from_path), to_path) + hash_mark + fragment


@lru_cache(maxsize=65536)
def _folder(path: str) -> str:
    return posixpath.dirname(path)


@lru_cache(maxsize=65536)
def _relative(base: str, to_path: str) -> str:
    # Both paths are clean site-relative paths (no "..", no leading "/"), so the common folders are a prefix:
    # what posixpath.relpath computes, without its abspath calls (it ran ~150,000 times a build).
    from_parts = base.split("/") if base else []
    to_parts = to_path.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    target = "../" * (len(from_parts) - common) + "/".join(to_parts[common:])
    return target or "./"


def json_for_script(value) -> Markup:
    """JSON safe inside <script>: no "</script>" or "<!--" can close or confuse the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def template_diagnostic(exc: jinja2.TemplateError, folders: Path | Sequence[Path]) -> Diagnostic:
    """`templates/x.html:12: E410 template error: …`, the line from the error or, for an undefined name met while
    rendering, from the traceback, whose frames Jinja2 maps back to template lines. folders: where templates are
    looked up, the site's first; a site's file is named from its root, a built-in one by its full path."""
    folders = _folders(folders)
    name, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not name:
        name, line = _last_frame(exc, folders)
    where = _shown(Path(name), folders[0]) if name else folders[0].name
    if isinstance(exc, jinja2.TemplateNotFound):
        looked = f"{folders[0].name}/" + (" or the built-in theme" if len(folders) > 1 else "")
        return Diagnostic(where, line or 1, "E410", f"template error: no template named {exc.name!r} in {looked}")
    return Diagnostic(where, line or 1, "E410", f"template error: {exc.message or type(exc).__name__}")


def _last_frame(exc: BaseException, folders: tuple[Path, ...]) -> tuple[str | None, int | None]:
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if any(folder in Path(f.filename).parents for folder in folders)]
    return (frames[-1].filename, frames[-1].lineno) if frames else (None, None)


def _folders(folders: Path | Sequence[Path]) -> tuple[Path, ...]:
    return (folders,) if isinstance(folders, Path) else tuple(folders)


def _shown(path: Path, templates: Path) -> str:
    path = path.resolve()
    root = templates.resolve().parent
    return path.relative_to(root).as_posix() if root in path.parents else str(path)


class _Environment(jinja2.Environment):
    def getattr(self, obj, attribute):
        # View models are dicts: look the key up first (Jinja tries the attribute first, and raising and catching
        # AttributeError for each of a million lookups costs a second a build). A key wins over a dict method.
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


BUILTIN = "!"  # {% extends "!base.html" %}: the built-in base.html, from a site's own base.html that extends it


def template_loader(folders: tuple[Path, ...]) -> jinja2.BaseLoader:
    """A name is looked up in each folder in turn (the site's, then the built-in one); "!name" in the last only."""
    return jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(folder) for folder in folders]),
        jinja2.PrefixLoader({"": jinja2.FileSystemLoader(str(folders[-1]))}, delimiter=BUILTIN),
    ])


class Renderer:
    def __init__(self, templates: Path | Sequence[Path], asset_versions: dict[str, str] | None = None):
        """templates: the folder of templates, or the folders to look them up in, in order."""
        self.templates = _folders(templates)
        self.env = _Environment(
            loader=template_loader(self.templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["rel"] = _rel_filter
        self.env.filters["json_script"] = json_for_script
        self.env.globals["asset"] = _asset_function(asset_versions or {})

    def render(self, page: Page) -> bytes:
        """The page's bytes; a template that fails is a BuildError naming its file and line."""
        try:
            template = self.env.get_template(page.template)
            text = template.render(page=page.context, path=page.path, **page.context)
        except jinja2.TemplateError as exc:
            raise BuildError([template_diagnostic(exc, self.templates)]) from None
        except RecursionError as exc:  # a site's base.html that extends "base.html": itself, not the built-in one
            name, line = _last_frame(exc, self.templates)
            template = next((Path(name).relative_to(f).as_posix() for f in self.templates
                             if name and f in Path(name).parents), page.template)
            where = _shown(Path(name), self.templates[0]) if name else f"{self.templates[0].name}/{template}"
            raise BuildError([Diagnostic(where, line or 1, "E410", "template error: a template extends or includes "
                                         "itself", f'the built-in template of that name is "{BUILTIN}{template}"')
                              ]) from None
        # Every input is cleaned where it is read, with a warning naming the file (load/, extract/markdown.py). A
        # feed or sitemap that held one control character would stop being XML for every reader, so those few
        # files are checked once more; the pages are not (the test costs ~0.4 ms a page, 4 s at 10,000 notices).
        if page.path.endswith((".xml", ".ics")) and FORBIDDEN_RE.search(text):
            text = FORBIDDEN_RE.sub("", text)
        return text.encode("utf-8", "replace")

    def template_digest(self) -> str:
        """Hash of every template's source, to key build caches."""
        digest = hashlib.sha256()
        for name in sorted(self.env.list_templates()):
            source, _, _ = self.env.loader.get_source(self.env, name)
            digest.update(name.encode() + b"\0" + source.encode() + b"\0")
        return digest.hexdigest()


@jinja2.pass_context
def _rel_filter(context, target: str) -> str:
    return _link(context, target)


def _link(context, target: str) -> str:
    # A page with a link_root (the 404 page) is served for missing URLs in any folder, so its links cannot be
    # relative to its own place: they start at the site's root path instead.
    root = context.get("link_root")
    if root and not target.startswith("#"):
        return root + target
    return relative_url(context["path"], target)


def _asset_function(versions: dict[str, str]):
    @jinja2.pass_context
    def asset(context, name: str) -> str:
        url = _link(context, f"assets/{name}")
        version = versions.get(name)
        return f"{url}?v={version}" if version else url

    return asset
