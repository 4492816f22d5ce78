"""Check a whole handbook repository: standards, every SOP, every page, and what links them.

This is the one entry point the CLI and the MkDocs adapter share, so both report the same
diagnostics for the same tree.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from .chapters import LANG_DIRS, Page, check_page, check_translations, load_page
from .diagnostics import Diagnostic, Severity, Sink, sort_diagnostics
from .model import Sop
from .rules import Context
from .sop_check import LoadedSop, check_rules, load_sop
from .standards import CATEGORIES_FILE, GLOSSARY_FILE, PHRASES_FILE, Standards, load_standards

ROOT_MARKERS = ("standards", "sop")


@dataclass(slots=True)
class CheckResult:
    root: Path
    standards: Standards
    sops: list[Sop] = field(default_factory=list)
    pages: dict[str, dict[str, Page | None]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # display paths of the files reported on

    @property
    def files(self) -> int:
        return len(self.checked)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return (f"{self.files} file{'s' if self.files != 1 else ''} checked: "
                f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}")


def find_root(start: Path) -> Path | None:
    """The nearest directory at or above `start` holding `standards/` and `sop/`."""
    start = start.resolve()
    for d in (start, *start.parents):
        if all((d / m).is_dir() for m in ROOT_MARKERS):
            return d
    return None


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def sop_files(root: Path) -> list[Path]:
    return sorted((root / "sop").glob("*.yml"))


def page_files(root: Path) -> dict[str, list[Path]]:
    return {lang: sorted((root / "docs" / lang).rglob("*.md")) for lang in LANG_DIRS}


def check_project(
    root: Path,
    *,
    only: list[Path] | None = None,
    today: _dt.date | None = None,
) -> CheckResult:
    """Check everything under `root`; with `only`, report just those files (and unreadable
    standards), while references are still resolved against the whole repository."""
    root = root.resolve()
    std, std_diags = load_standards(root)
    result = CheckResult(root, std)
    diags: list[Diagnostic] = []

    selected = {p.resolve() for p in only} if only else None
    sop_paths = sop_files(root)
    extra = [p for p in (only or []) if p.suffix in (".yml", ".yaml") and p.resolve() not in
             {s.resolve() for s in sop_paths} and not _under(p, root / "standards")]
    stray = sorted((root / "sop").glob("*.yaml"))
    for p in stray:
        diags.append(Diagnostic(display_path(p, root), 1, 1, Severity.ERROR, "id.filename",
                                f"SOP files end in .yml; rename it to sop/{p.stem}.yml"))

    loaded: list[LoadedSop] = []
    for p in [*sop_paths, *extra]:
        if p.is_file():
            loaded.append(load_sop(display_path(p, root), p.stem, p.read_bytes(), std))
    ids: dict[str, Sop | None] = {}
    for item in loaded:
        diags.extend(item.diagnostics)
        sop = item.sop
        if sop is None:  # unreadable, but the file exists: links to it are not the problem
            ids.setdefault(Path(item.path).stem, None)  # type: ignore[arg-type]
            continue
        result.sops.append(sop)
        key = sop.id or sop.stem
        if ids.get(key) is not None:
            line, col = sop.at("id")
            diags.append(Diagnostic(sop.path, line, col, Severity.ERROR, "id.duplicate",
                                    f'SOP id "{key}" is also used by {ids[key].path}'))
        else:
            ids[key] = sop
    ctx = Context(std, frozenset(ids), today or _dt.date.today())
    for sop in result.sops:
        diags.extend(check_rules(sop, ctx))

    result.pages = {lang: {} for lang in LANG_DIRS}
    files = page_files(root)
    rels = {lang: {p.relative_to(root / "docs" / lang).as_posix() for p in files[lang]} for lang in LANG_DIRS}
    for lang in LANG_DIRS:
        for p in files[lang]:
            rel = p.relative_to(root / "docs" / lang).as_posix()
            page, page_diags = load_page(lang, rel, display_path(p, root), p.read_bytes())
            diags.extend(page_diags)
            result.pages[lang][rel] = page
            if page is not None:
                diags.extend(check_page(page, std, ctx.sop_ids, rels))
    sinks: dict[str, Sink] = {}
    check_translations(result.pages, sinks)
    diags.extend(d for s in sinks.values() for d in s.items)

    standards_broken = not all(std.readable.get(f, False) for f in (CATEGORIES_FILE, PHRASES_FILE))
    everything = [CATEGORIES_FILE, PHRASES_FILE, *([GLOSSARY_FILE] if (root / GLOSSARY_FILE).exists() else []),
                  *(display_path(p, root) for p in [*stray, *sop_paths, *extra]),
                  *(display_path(p, root) for lang in LANG_DIRS for p in files[lang])]
    if selected is not None:
        shown = {display_path(p, root) for p in selected}
        diags = [d for d in diags if d.path in shown]
        std_diags = [d for d in std_diags if d.path in shown or standards_broken]
        result.checked = [p for p in everything if p in shown]
    else:
        result.checked = everything
    result.diagnostics = sort_diagnostics(std_diags + diags)
    return result


def _under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
