"""Commands only: parse arguments, call one function, map errors to exit codes (0 ok, 1 bad input, 2 usage)."""

from __future__ import annotations

import argparse
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
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    imp.add_argument("--root", type=Path, default=Path("."), help="site root (default: current folder)")
    imp.add_argument("--force", action="store_true", help="replace files an editor changed since the last import")
    imp.add_argument("--dry-run", action="store_true",
                     help="print what would be written (文号, 发文机关, 成文日期, title, lines) and write nothing")
    imp.set_defaults(run=_import)
    return parser


def _root_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--root", type=Path, default=Path("."), help="site root holding site.toml and content/")
    command.add_argument("--out", type=Path, default=None, help="output folder (default: from site.toml)")


def _build(args) -> int:
    from site_builder.build import build, timings_table

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

    root = args.root
    return run_import(args.gazette, root / "content", force=args.force, dry_run=args.dry_run)
