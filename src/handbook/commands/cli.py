"""`handbook` command line: check the handbook, export the SOP schema.

Exit status (contract): 0 no errors (warnings allowed unless --strict), 1 at least one error,
2 usage error or the tool could not run. Bad content never produces a traceback.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import logging
import os
import sys
from pathlib import Path

from ..checks.completeness import as_text as completeness_text
from ..checks.completeness import rows as completeness_rows
from ..checks.project import CheckResult, check_project, display_path, find_root
from ..checks.sop_file import validator_for
from ..checks.standards import load_standards
from ..site.api import SCHEMA_FILE, SOPS_FILE, api_files
from ..site.export import export_site
from ..source.files import Unreadable, read_regular, walk
from .fixes import fix_text
from .formats import FORMATS, render
from .reviews import ReviewError, parse_target
from .reviews import record as record_reviews
from .scaffold import ScaffoldError, categories_text, skeleton

ENGINES = ("mkdocs", "zensical")


class UsageError(Exception):
    """Bad arguments or an unusable environment: exit 2 with one line."""


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Service Handbook tools")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate SOPs, standards and chapters")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the whole repository)")
    check.add_argument("--strict", action="store_true", help="warnings also fail (exit 1)")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format")
    check.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    check.add_argument("--today", type=_date, help="date for review checks (default: today)")
    check.add_argument("--no-cache", action="store_true",
                       help="check every file afresh (default: reuse results for unchanged files)")
    check.add_argument("--jobs", type=int, help="worker processes for large corpora (default: one per CPU)")
    new = sub.add_parser("new", help="write a skeleton: handbook new sop ID --category C",
                         epilog="`handbook categories` lists the categories and what each one requires")
    new.add_argument("kind", choices=["sop"], help="what to create")
    new.add_argument("id", help="the new SOP's id (lowercase letters, digits, hyphens)")
    new.add_argument("--category", required=True, help="a category of standards/categories.yml")
    new.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    cats = sub.add_parser("categories", help="list the SOP categories and what each requires (steps, checks, phrases)")
    cats.add_argument("--lang", choices=["zh", "en"], default="en", help="language of the names")
    cats.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    build = sub.add_parser("build", help="check, then build the site beside the old one and swap it in")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="mkdocs (default; the hooks of mkdocs.yml) or zensical (builds what `handbook pages` "
                       "writes)")
    build.add_argument("--config", type=Path, help="MkDocs config, --engine mkdocs only (default: mkdocs.yml)")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site)")
    build.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    report = sub.add_parser("report", help="completeness table: translation, checklists, review dates, owners")
    report.add_argument("--lang", choices=["zh", "en"], default="en", help="language of titles and owners")
    report.add_argument("--today", type=_date, help="date for review reminders (default: today)")
    report.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    fix = sub.add_parser("fix", help="repair mechanical problems (split texts, punctuation width); prints a diff")
    fix.add_argument("paths", nargs="*", type=Path, help="SOP files (default: every sop/*.yml)")
    fix.add_argument("--dry-run", action="store_true", help="show the diff, change nothing")
    fix.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    pages = sub.add_parser("pages", help="write the whole site as plain Markdown plus hook-free MkDocs configs")
    pages.add_argument("--out", type=Path, required=True, help="folder to write (docs/, mkdocs.yml, …)")
    pages.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    offline = sub.add_parser("offline", help="add the web app manifest, icons and service worker to a site "
                             "built without the hooks (e.g. from `handbook pages`)")
    offline.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    offline.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    schema = sub.add_parser("schema", help="print the JSON Schema of the SOP format")
    schema.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    export = sub.add_parser("export", help="write every SOP as JSON for kiosks, the POS and chat tools "
                            "(the site's api/sops.json)")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export.add_argument("--schema", action="store_true", help="write its JSON Schema (api/sops.schema.json) instead")
    export.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    translated = sub.add_parser("translated", help="record that the English of a stale translation (i18n.stale) "
                                "is still right", epilog="without :LINE, every stale text of the file is recorded")
    translated.add_argument("targets", nargs="+", metavar="PATH[:LINE]",
                            help="an SOP file and the line of the text, or a page (zh or en)")
    translated.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    return parser


def _root(given: Path | None) -> Path:
    if given is not None:
        if not (given / "standards").is_dir():
            raise UsageError(f"{given} has no standards/ folder; is it a handbook repository?")
        return given.resolve()
    root = find_root(Path.cwd())
    if root is None:
        raise UsageError("not inside a handbook repository (no standards/ and sop/ folders found); use --root")
    return root


def _expand(paths: list[Path]) -> list[Path]:
    """The named files and folders, and every YAML or Markdown file in the folders.

    Nothing is followed or skipped: a link, a folder or a pipe named like a page is listed too,
    so the check reports it (a folder stays in the list: what lies under it is reported)."""
    files: list[Path] = []
    for p in paths:
        if not os.path.lexists(p):
            raise UsageError(f"{p}: no such file or folder")
        files.append(p)
        if p.is_dir() and not p.is_symlink():
            files.extend(e.path for e in walk(p) if e.path.suffix in (".yml", ".yaml", ".md"))
    return files


PROGRESS_FROM = 200  # files; fewer finish before a bar would be worth drawing


def show_progress() -> bool:
    """A bar only for a person at a terminal: never in CI logs, pipes or files."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def cmd_check(args: argparse.Namespace) -> int:
    root = _root(args.root)
    options = {"only": _expand(args.paths) if args.paths else None, "today": args.today, "keep_models": False,
               "cache": not args.no_cache, "jobs": args.jobs}
    total = len(list((root / "sop").glob("*.yml")))
    if total >= PROGRESS_FROM and show_progress():
        from rich.console import Console
        from rich.progress import Progress

        with Progress(transient=True, console=Console(stderr=True)) as bar:
            task = bar.add_task("checking SOPs", total=total)
            result = check_project(root, progress=lambda n: bar.advance(task, n), **options)
    else:
        result = check_project(root, **options)
    for note in result.notes:
        sys.stderr.write(f"handbook: note: {note}\n")
    sys.stdout.write(render(result, args.format))
    if result.errors or (args.strict and result.warnings):
        return 1
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write the skeleton, then show what is left to fill in (the placeholders, located)."""
    root = _root(args.root)
    std, diags = load_standards(root)
    if any(d.is_error for d in diags):
        raise UsageError("the standards have errors; run `handbook check standards` first")
    target = root / "sop" / f"{args.id}.yml"
    if target.exists():
        raise UsageError(f"{target.relative_to(root)} already exists")
    try:
        text = skeleton(args.id, args.category, std, _dt.date.today())
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    target.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {target.relative_to(root)}; fill in every placeholder below, then run "
                     f"`handbook check {target.relative_to(root)}`\n")
    result = check_project(root, only=[target], keep_models=False)
    sys.stdout.write(render(result, "text"))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    root = _root(args.root)
    result = check_project(root)
    if result.errors:
        sys.stderr.write(f"handbook: note: {result.summary()} (run `handbook check`); the report shows what "
                         "could be read\n")
    sys.stdout.write(completeness_text(completeness_rows(result.sops, args.today or _dt.date.today()), args.lang))
    return 0


def cmd_categories(args: argparse.Namespace) -> int:
    std, diags = load_standards(_root(args.root))
    if any(d.is_error for d in diags):
        raise UsageError("the standards have errors; run `handbook check standards` first")
    sys.stdout.write(categories_text(std, args.lang))
    return 0


def cmd_fix(args: argparse.Namespace) -> int:
    """Repair what is mechanical, show the diff, and say what is left for the author."""
    root = _root(args.root)
    given = ([p for p in _expand(args.paths) if p.is_symlink() or not p.is_dir()] if args.paths
             else sorted((root / "sop").glob("*.yml")))
    paths = [p for p in given if p.suffix in (".yml", ".yaml")]
    others = [display_path(p, root) for p in given if p not in paths]
    if others:
        named = others[0] if len(others) == 1 else f"{len(others)} files ({others[0]}, …)"
        sys.stderr.write(f"{named}: not repaired: handbook fix repairs SOP files (YAML) only; "
                         "`handbook check` lists what to change in a chapter\n")
    fixed = 0
    for path in paths:
        try:
            original = read_regular(path).decode("utf-8-sig")
        except Unreadable as exc:  # a link, a pipe, a folder: never read, never written through
            sys.stderr.write(f"{display_path(path, root)}: not repaired: {exc.message}\n")
            continue
        except UnicodeDecodeError:
            sys.stderr.write(f"{path}: not UTF-8; `handbook check` explains how to save it\n")
            continue
        result = fix_text(original)
        shown = display_path(path, root)
        for note in result.skipped:
            sys.stderr.write(f"{shown}: not repaired: {note}\n")
        if result.text == original:
            continue
        fixed += 1
        sys.stdout.write(result.diff(original, shown))
        if not args.dry_run:
            path.write_text(result.text, encoding="utf-8")
    verb = "would fix" if args.dry_run else "fixed"
    sys.stdout.write(f"{verb} {fixed} file{'s' if fixed != 1 else ''} of {len(paths)}\n")
    if paths and not args.dry_run:
        left = check_project(root, only=paths, keep_models=False)
        if left.diagnostics:
            counts = left.summary().split(": ", 1)[1]
            sys.stdout.write(f"left for the author: {counts} (run `handbook check` to see them)\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Check first (same output as `handbook check`), then build atomically."""
    root = _root(args.root)
    if args.engine == "zensical" and args.config is not None:
        raise UsageError("--config is for --engine mkdocs; Zensical builds the configs `handbook pages` writes "
                         "from mkdocs.yml and mkdocs.en.yml")
    result = check_project(root)
    if result.diagnostics:
        sys.stdout.write(render(result, "text"))
        sys.stderr.write("handbook: not building; the existing site was not changed\n")
        return 1
    site = args.site_dir if args.site_dir.is_absolute() else root / args.site_dir
    if args.engine == "zensical":
        return _build_zensical(result, site)
    config = args.config or Path("mkdocs.yml")
    config = config if config.is_absolute() else root / config
    if not config.is_file():
        raise UsageError(f"{config}: no such MkDocs config")
    from ..site.mkdocs_adapter import build_atomically  # MkDocs is imported only for this command

    _show_build_warnings()
    try:
        build_atomically(config, site)
    except SystemExit as exc:
        sys.stderr.write(f"handbook: build failed: {exc}; the existing site was not changed\n")
        return 1
    except Exception as exc:  # MkDocs' Abort and friends: one line, site unchanged
        sys.stderr.write(f"handbook: build failed: {exc}; the existing site was not changed\n")
        return 1
    sys.stdout.write(f"built {site}\n")
    return 0


def _build_zensical(result: CheckResult, site: Path) -> int:
    """The checked handbook built by Zensical: located problems, then one line; site unchanged on failure."""
    from ..site.zensical_engine import ZensicalError, build_with_zensical

    try:
        reports = build_with_zensical(result, site)
    except ZensicalError as exc:
        for problem in exc.problems:
            sys.stdout.write(problem + "\n")
        sys.stderr.write(f"handbook: build failed: {exc}; the existing site was not changed\n")
        return 1
    for report in reports:
        sys.stdout.write(report.summary() + "\n")
    sys.stdout.write(f"built {site} with Zensical\n")
    return 0


def _show_build_warnings() -> None:
    """MkDocs logs its warnings; without its CLI nobody prints them, so print them here."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)


def cmd_pages(args: argparse.Namespace) -> int:
    root = _root(args.root)
    result = check_project(root)
    if result.errors:
        sys.stdout.write(render(result, "text"))
        return 1
    for config in export_site(result, args.out.resolve()):
        sys.stdout.write(f"wrote {config}\n")
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    from ..site.offline_export import offline_site

    try:
        reports = offline_site(_root(args.root), args.site.resolve())
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    for report in reports:
        sys.stdout.write(report.summary() + "\n")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    root = _root(args.root)
    std, diags = load_standards(root)
    for d in diags:
        if d.is_error:
            sys.stderr.write(d.format() + "\n")
    sys.stdout.write(json.dumps(validator_for(std).schema, ensure_ascii=False, indent=2) + "\n")
    return 1 if any(d.is_error for d in diags) else 0


def cmd_export(args: argparse.Namespace) -> int:
    """The same bytes as the built site's api/ files (both come from `api_files`)."""
    root = _root(args.root)
    result = check_project(root)
    if result.errors:
        sys.stdout.write(render(result, "text"))
        sys.stderr.write("handbook: not exporting: the handbook has errors\n")
        return 1
    content = api_files(result)[SCHEMA_FILE if args.schema else SOPS_FILE]
    if args.out is None:
        sys.stdout.write(content)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(content.encode("utf-8"))
    sys.stderr.write(f"wrote {args.out}\n")
    return 0


def cmd_translated(args: argparse.Namespace) -> int:
    root = _root(args.root)
    try:
        targets = [parse_target(t, root, Path.cwd()) for t in args.targets]
        said = record_reviews(root, targets, _dt.date.today())
    except ReviewError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write("".join(f"{line}\n" for line in said))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage error (2) or --help (0)
        return int(exc.code or 0)
    try:
        commands = {"check": cmd_check, "new": cmd_new, "categories": cmd_categories, "fix": cmd_fix,
                    "report": cmd_report, "build": cmd_build, "pages": cmd_pages, "schema": cmd_schema,
                    "offline": cmd_offline, "translated": cmd_translated, "export": cmd_export}
        return commands[args.command](args)
    except UsageError as exc:
        sys.stderr.write(f"handbook: {exc}\n")
        return 2
    except Exception as exc:  # a bug, never bad content: one line, exit 2
        if os.environ.get("HANDBOOK_DEBUG"):
            raise
        sys.stderr.write(f"handbook: internal error ({type(exc).__name__}: {exc}); "
                         "set HANDBOOK_DEBUG=1 for details and report it\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
