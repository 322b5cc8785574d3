"""Commands only: parse arguments, call one function, map errors to exit codes (0 ok, 1 bad input, 2 usage)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_builder import __version__
from site_builder.core.diagnostics import BuildError


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    if args.command != "new":
        args.root, problem = _site_root(args.root)
        if problem:
            print(f"site-builder: {problem}", file=sys.stderr)
            return 2
    try:
        return args.run(args)
    except BuildError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        errors = sum(d.is_error for d in exc.diagnostics)
        print(f"build failed: {errors} error(s); the published site was not changed", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description="Publish a government gazette as a site.")
    parser.add_argument("--version", action=_Version, help="print the versions of site-builder and Pagefind")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="start a new site in a folder: settings, an example notice, reference files")
    new.add_argument("folder", type=Path, help="the new site's folder (made if missing)")
    new.add_argument("--name", default=None, help="the gazette's name, e.g. 郑州市人民政府公报")
    new.add_argument("--base-url", default=None, metavar="URL",
                     help="the address the site will be published at, e.g. https://www.example.gov.cn/gazette/")
    new.add_argument("--force", action="store_true",
                     help="write into a folder that is not empty: only the files it lacks (none is replaced)")
    new.set_defaults(run=_new)

    build = commands.add_parser("build", help="build the site from content/ into public/")
    _root_options(build)
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    build.add_argument("--timings", action="store_true", help="print the time of each phase")
    build.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="worker processes (default: one per CPU; 1 builds in this process)")
    build.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                       help="decide 效力 (尚未生效, 有效, 已修改, 已失效, 已废止) as of this date (default: today)")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="preview the site, rebuilding and reloading on every change")
    _root_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=None, help="port (default: 8000, or the next free one)")
    serve.add_argument("--no-search", action="store_true", help="skip the Pagefind search index (faster)")
    serve.add_argument("--poll", action="store_true", help="poll for changes (network drives without inotify)")
    serve.set_defaults(run=_serve)

    check = commands.add_parser("check", help="verify every internal link and anchor of the built site")
    _root_options(check)
    check.set_defaults(run=_check)

    imp = commands.add_parser("import", help="split a raw gazette text into content/notices/*.md")
    imp.add_argument("gazette", type=Path, help="the gazette as extracted text (UTF-8)")
    imp.add_argument("--root", type=Path, default=None,
                     help="the site's folder, holding site.toml (default: this folder or the nearest above it)")
    imp.add_argument("--force", action="store_true", help="replace files an editor changed since the last import")
    imp.add_argument("--dry-run", action="store_true",
                     help="print what would be written (文号, 发文机关, 成文日期, title, lines) and write nothing")
    imp.set_defaults(run=_import)
    return parser


def _root_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--root", type=Path, default=None,
                         help="the site's folder, holding site.toml (default: this folder or the nearest above it)")
    command.add_argument("--out", type=Path, default=None, help="output folder (default: from site.toml)")


class _Version(argparse.Action):
    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from site_builder.search.index import pagefind_version

        print(f"site-builder {__version__} (Pagefind {pagefind_version()}, extended)")
        parser.exit()


def _site_root(given: Path | None) -> tuple[Path | None, str]:
    """The site a command works on: --root as given, else found like git finds a repository; or why not."""
    from site_builder.load.settings import find_root

    hint = "start one with 'site-builder new DIR'"
    if given is not None:
        if not given.is_dir():
            return None, f"no such folder: {given} (give --root the site's folder, the one holding site.toml)"
        if not os.path.lexists(given / "site.toml"):
            return None, f"not a site: no site.toml in {given} ({hint}, or give --root the folder holding site.toml)"
        return given, ""
    try:
        here = Path.cwd()
    except OSError as exc:
        return None, f"cannot read the current folder: {exc.strerror or exc}"
    root = find_root(here)
    if root is None:
        return None, f"not inside a site: no site.toml in {here} or any folder above it ({hint}, or give --root)"
    return root, ""


def _new(args) -> int:
    import shlex

    from site_builder.starter import StarterError, create_site

    try:
        created = create_site(args.folder, args.name, args.base_url, force=args.force)
    except StarterError as exc:
        print(f"site-builder new: {exc}", file=sys.stderr)
        return 1
    print(f"Created the site {created.root}:")
    for path in created.written:
        print(f"  {path}")
    for path in created.kept:
        print(f"  {path} (there already: kept as it was)")
    print("Next:")
    if created.root.absolute() != Path.cwd():
        print(f"  cd {shlex.quote(str(created.root))}")
    print("  site-builder serve")
    print("'site-builder serve' shows the site at http://127.0.0.1:8000/ as you edit; 'site-builder build' writes it "
          "into public/, to copy to the web server.")
    return 0


def _build(args) -> int:
    from site_builder.build import build
    from site_builder.core.timing import timings_table

    from site_builder.progress import bars

    with bars() as progress:
        result = build(args.root, output=args.out, search=not args.no_search, jobs=args.jobs, progress=progress,
                       as_of=args.as_of)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    print(f"built {result.notices} notices, {result.pages} files into {result.output} ({result.report})")
    if args.timings:
        print(timings_table(result.timings))
    return 0


def _date(text: str):
    from datetime import date

    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (write it as YYYY-MM-DD, e.g. 2016-09-01)") from None
    if not 1900 <= value.year <= 2199:
        raise argparse.ArgumentTypeError(f"{text} is out of range (a year between 1900 and 2199)")
    return value


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r} (use 1-65535, or 0 for any free port)")
    return int(text)


def _serve(args) -> int:
    from site_builder.serve.preview import ServeError, serve

    try:
        return serve(args.root, host=args.host, port=args.port, output=args.out, search=not args.no_search,
                     polling=args.poll)
    except ServeError as exc:
        print(f"site-builder serve: {exc}", file=sys.stderr)
        return 1


def _check(args) -> int:
    from site_builder.check.site import run_check

    return run_check(args.root, output=args.out)


def _import(args) -> int:
    from site_builder.importer import run_import

    from site_builder.load.settings import load_config

    config, diagnostics = load_config(args.root)
    if any(d.is_error for d in diagnostics):
        for diagnostic in diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    return run_import(args.gazette, args.root / config.content, force=args.force, dry_run=args.dry_run)
