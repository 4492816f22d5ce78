"""Check a whole handbook repository: standards, every SOP, every page, and what links them.

This is the one entry point the CLI and the MkDocs adapter share, so both report the same
diagnostics for the same tree.
"""

from __future__ import annotations

import datetime as _dt
import gc
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.model import Sop
from ..content.pages import LANG_DIRS, Page
from ..content.standards import CATEGORIES_FILE, PHRASES_FILE, Standards
from ..source.diagnostics import Diagnostic, Severity, Sink, sort_diagnostics
from ..source.files import Unreadable, read_regular
from .cache import RecordCache
from .chapters import MAX_PAGE_BYTES, check_page, check_translations, load_page
from .files import FILE_UNREADABLE, Listing, list_content
from .records import SopRecord, file_key
from .rules import REFERENCES, REVIEW_DATES, Context
from .rules.refs import ID_FILENAME
from .rules.steps import ID_DUPLICATE
from .sop_file import check_sop_file, validator_for
from .stale import REVIEWS_FILE, check_stale
from .standards import OPTIONAL_FILES, load_standards

ROOT_MARKERS = ("standards", "sop")


@dataclass(slots=True)
class CheckResult:
    root: Path
    standards: Standards
    sops: list[Sop] = field(default_factory=list)
    pages: dict[str, dict[str, Page | None]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # display paths of the files reported on
    notes: list[str] = field(default_factory=list)  # said once to the person, not diagnostics

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
    """`path` relative to the repository (a link as itself, not as what it points at)."""
    try:
        return located(path).relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


class DisplayPaths:
    """`display_path` for many files of few folders: a folder is resolved once, a file costs
    one lstat (resolving every file walked its whole path: ~5% of a large check)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._dirs: dict[str, Path] = {}
        self._shown: dict[Path, str] = {}  # one check asks for the same file up to three times

    def __call__(self, path: Path) -> str:
        shown = self._shown.get(path)
        if shown is None:
            shown = self._shown[path] = self._display(path)
        return shown

    def _display(self, path: Path) -> str:
        """A link is shown where it is, never where it points (that may be outside the repository)."""
        if path.name in ("", ".", ".."):
            return display_path(path, self.root)
        folder = os.path.abspath(path.parent)
        real = self._dirs.get(folder)
        if real is None:
            real = self._dirs[folder] = Path(folder).resolve()
        try:
            return (real / path.name).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def sop_files(root: Path) -> list[Path]:
    """The SOP files that are regular files (links and folders named like SOPs are reported)."""
    return list_content(root).sops


def page_files(root: Path) -> dict[str, list[Path]]:
    return list_content(root).pages


def located(path: Path) -> Path:
    """The absolute path of `path` itself: its folder resolved, a link in the last place kept."""
    path = Path(os.path.abspath(path))
    return path.parent.resolve() / path.name if path.name not in ("", ".", "..") else path.resolve()


def selection(only: list[Path], shown_as: Callable[[Path], str]) -> Callable[[str], bool]:
    """Whether a displayed path is among the named files, or under one of the named folders."""
    files = {shown_as(located(p)) for p in only}
    folders = tuple(f.rstrip("/") + "/" for f in (shown_as(located(p)) for p in only if _is_folder(p)))
    return lambda shown: shown in files or shown.startswith(folders)


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def check_project(
    root: Path,
    *,
    only: list[Path] | None = None,
    today: _dt.date | None = None,
    keep_models: bool = True,
    jobs: int | None = None,
    cache: bool = False,
    progress: Callable[[int], None] | None = None,
) -> CheckResult:
    """Check everything under `root`; with `only`, report just those files (and unreadable
    standards), while references are still resolved against the whole repository.

    `keep_models=False` (the CLI) keeps only small per-file records, which lets large corpora
    be checked in parallel by `jobs` worker processes (default: one per CPU) in bounded memory,
    and, with `cache=True`, reuse the per-file results of the last run for unchanged files.
    `progress(n)` is told each time n more SOP files are done (the CLI draws a bar with it).

    The stages: the standards, every SOP file, what links the SOPs, the pages, the selection.
    """
    root = root.resolve()
    run = _Run(root, DisplayPaths(root), today or _dt.date.today(), list_content(root))
    std, std_diags = load_standards(root)
    result = CheckResult(root, std)
    _report_listing(run)
    sop_paths, extra, stray = _sop_paths(root, only, run)
    paths = [*sop_paths, *extra]
    ctx = Context(std)
    tick = progress or (lambda n: None)
    if keep_models:
        records = _check_sop_files(run.shown_as, paths, std, ctx, result.sops, 1, tick)
    elif cache:
        records = _check_with_cache(run.shown_as, paths, std, ctx, jobs, tick)
    else:
        records = _check_sop_files(run.shown_as, paths, std, ctx, None, jobs, tick)
    sop_ids = _check_links_between_sops(records, run)
    files = run.listing.pages
    result.pages = _check_pages(root, files, std, sop_ids, run)
    wanted = {run.shown_as(p) for p in {p.resolve() for p in only}} if only else None
    result.notes = _check_history(sop_paths, files, result, run, wanted)
    everything = [CATEGORIES_FILE, PHRASES_FILE, *(f for f in OPTIONAL_FILES if (root / f).exists()),
                  *([REVIEWS_FILE] if (root / REVIEWS_FILE).exists() else []),
                  *(run.shown_as(p) for p in [*stray, *sop_paths, *extra]),
                  *(run.shown_as(p) for lang in LANG_DIRS for p in files[lang]),
                  *(run.shown_as(p) for p in run.listing.reported)]
    everything = list(dict.fromkeys(everything))
    diags = run.sink.items
    if only:
        chosen = selection(only, run.shown_as)
        standards_broken = not all(std.readable.get(f, False) for f in (CATEGORIES_FILE, PHRASES_FILE))
        diags = [d for d in diags if chosen(d.path)]
        std_diags = [d for d in std_diags if chosen(d.path) or standards_broken]
        result.checked = [p for p in everything if chosen(p)]
    else:
        result.checked = everything
    result.diagnostics = sort_diagnostics(std_diags + diags)
    return result


@dataclass(slots=True)
class _Run:
    """What the stages of one check share: where, how paths are shown, today, one report."""

    root: Path
    shown_as: DisplayPaths
    today: _dt.date
    listing: Listing
    sink: Sink = field(default_factory=lambda: Sink(""))


def _report_listing(run: _Run) -> None:
    """Links, non-files and unpublishable files, each where it is (line 1: the file itself)."""
    for problem in run.listing.problems:
        run.sink.for_file(run.shown_as(problem.path)).error(1, 1, problem.rule, problem.message)


def _sop_paths(root: Path, only: list[Path] | None, run: _Run) -> tuple[list[Path], list[Path], list[Path]]:
    """The SOP files, files named on the command line outside sop/, and misnamed `.yaml` SOPs."""
    sop_paths = run.listing.sops
    known = {located(s) for s in [*sop_paths, *run.listing.stray, *run.listing.reported]}
    extra = [p for p in (only or []) if p.suffix in (".yml", ".yaml") and located(p) not in known
             and not _under(p, root / "standards") and not _is_folder(p)]
    stray = run.listing.stray
    for p in stray:
        run.sink.for_file(run.shown_as(p)).error(1, 1, ID_FILENAME,
                                                 f"SOP files end in .yml; rename it to sop/{p.stem}.yml")
    return sop_paths, extra, stray


def _check_links_between_sops(records: list[SopRecord], run: _Run) -> frozenset[str]:
    """Per-file results, unique SOP ids, references and review dates; returns the SOP ids."""
    ids: dict[str, SopRecord] = {}
    for rec in records:
        run.sink.items.extend(rec.diagnostics)
        key = (rec.id or rec.stem) if rec.readable else rec.stem
        if key in ids and rec.readable and ids[key].readable:
            run.sink.for_file(rec.path).at(rec.id_pos, ID_DUPLICATE, f'SOP id "{key}" is also used by {ids[key].path}')
        elif key not in ids or not ids[key].readable:
            ids[key] = rec  # an unreadable file still exists: links to it are not the problem
    readable = [r for r in records if r.readable]
    REFERENCES.check(readable, frozenset(ids), run.sink)
    REVIEW_DATES.check(readable, run.today, run.sink)
    return frozenset(ids)


def _check_history(sop_paths: list[Path], files: dict[str, list[Path]], result: CheckResult, run: _Run,
                   wanted: set[str] | None) -> list[str]:
    """Stale translations, from the git history: after the per-file checks and outside their
    cache, since the verdict changes with commits while the file's bytes stay the same."""
    en_pages = {run.shown_as(p) for p in files["en"]}
    zh_pages = [shown for shown in (run.shown_as(p) for p in files["zh"])
                if "docs/en/" + shown.removeprefix("docs/zh/") in en_pages]
    sops = [run.shown_as(p) for p in sop_paths]
    if wanted is not None:
        sops, zh_pages = [p for p in sops if p in wanted], [p for p in zh_pages if p in wanted]
        if not sops and not zh_pages:
            return []
    models = {s.path: s for s in result.sops}
    note = check_stale(run.root, sops, zh_pages, run.sink, models)
    return [note] if note else []


def _check_pages(root: Path, files: dict[str, list[Path]], std: Standards, sop_ids: frozenset[str],
                 run: _Run) -> dict[str, dict[str, Page | None]]:
    """Every Markdown page, then the pairs of zh and en pages."""
    pages: dict[str, dict[str, Page | None]] = {lang: {} for lang in LANG_DIRS}
    rels = {lang: {p.relative_to(root / "docs" / lang).as_posix() for p in files[lang]} for lang in LANG_DIRS}
    for lang in LANG_DIRS:
        for p in files[lang]:
            rel = p.relative_to(root / "docs" / lang).as_posix()
            shown = run.shown_as(p)
            try:
                data = read_regular(p, MAX_PAGE_BYTES)
            except Unreadable as exc:
                run.sink.for_file(shown).error(1, 1, FILE_UNREADABLE, exc.message)
                pages[lang][rel] = None
                continue
            page, page_diags = load_page(lang, rel, shown, data)
            run.sink.items.extend(page_diags)
            pages[lang][rel] = page
            if page is not None:
                run.sink.items.extend(check_page(page, std, sop_ids, rels))
    check_translations(pages, run.sink)
    return pages


PARALLEL_FROM = 50  # measured: from ~50 SOP files two forked workers beat one process

_worker: dict[str, Any] = {}  # per worker process: its standards and context (set by _init_worker)
WORKER_PIDS: set[int] = set()  # the processes that checked files in the last parallel check


def _check_one(shown_as: DisplayPaths, path: Path, std: Standards, ctx: Context) -> tuple[SopRecord, Sop | None]:
    shown = shown_as(path)
    try:
        data = read_regular(path)
    except Unreadable as exc:
        return unreadable_record(shown, path.stem, exc), None
    return check_sop_file(shown, path.stem, data, std, ctx)


def unreadable_record(shown: str, stem: str, exc: Unreadable) -> SopRecord:
    """A file listed as an SOP that could not be read: located, never cached."""
    sink = Sink(shown)
    sink.error(1, 1, FILE_UNREADABLE, exc.message)
    return SopRecord(shown, stem, diagnostics=sink.items)


def _init_worker(root: Path) -> None:
    """A forked worker inherits the parent's standards and compiled schema (set just before the
    pool starts), so it is ready at once; a spawned one (other platforms) loads its own."""
    if _worker.get("root") == root:
        return
    std, _ = load_standards(root)
    _worker.update(root=root, shown_as=DisplayPaths(root), std=std, ctx=Context(std))


def _worker_check(path: Path) -> tuple[SopRecord, int]:
    with _no_gc():
        return _check_one(_worker["shown_as"], path, _worker["std"], _worker["ctx"])[0], os.getpid()


@contextmanager
def _no_gc() -> Iterator[None]:
    """The trees are acyclic: pausing the cyclic collector saves ~15% on large corpora."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_with_cache(shown_as: DisplayPaths, paths: list[Path], std: Standards, ctx: Context,
                      jobs: int | None, tick: Callable[[int], None]) -> list[SopRecord]:
    store = RecordCache(shown_as.root)
    if not store.entries:  # nothing to reuse: the workers hash each file as they read it anyway
        fresh = _check_sop_files(shown_as, paths, std, ctx, None, jobs, tick)
        for rec in fresh:
            if rec.key:
                store.put(rec.key, rec)
        store.save()
        return fresh
    keys = [_key_of(shown_as(p), p) for p in paths]
    found = [store.get(k) if k else None for k in keys]
    missing = [i for i, rec in enumerate(found) if rec is None]
    tick(len(paths) - len(missing))
    fresh = _check_sop_files(shown_as, [paths[i] for i in missing], std, ctx, None, jobs, tick)
    for i, rec in zip(missing, fresh, strict=True):
        found[i] = rec
        if rec.key:
            store.put(rec.key, rec)
    store.save()
    return [rec for rec in found if rec is not None]


def _check_sop_files(shown_as: DisplayPaths, paths: list[Path], std: Standards, ctx: Context,
                     models: list[Sop] | None, jobs: int | None,
                     tick: Callable[[int], None]) -> list[SopRecord]:
    """Records for `paths`, in order; models too when `models` is given (serial then)."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if models is not None or workers < 2 or len(paths) < PARALLEL_FROM:
        records = []
        with _no_gc():
            for path in paths:
                record, sop = _check_one(shown_as, path, std, ctx)
                records.append(record)
                if models is not None and sop is not None:
                    models.append(sop)
                tick(1)
        return records
    chunk = max(16, len(paths) // (workers * 8))
    validator_for(std)  # compiled once here, inherited by forked workers
    root = shown_as.root
    _worker.update(root=root, shown_as=shown_as, std=std, ctx=ctx)
    WORKER_PIDS.clear()
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(root,)) as pool:
            records = []
            for record, pid in pool.map(_worker_check, paths, chunksize=chunk):
                records.append(record)
                WORKER_PIDS.add(pid)
                tick(1)
            return records
    finally:
        _worker.clear()


def _key_of(shown: str, path: Path) -> str:
    """The cache key of a file's current bytes; "" when it cannot be read (never cached)."""
    try:
        return file_key(shown, read_regular(path))
    except Unreadable:
        return ""


def _under(path: Path, folder: Path) -> bool:
    try:
        located(path).relative_to(folder.resolve())
        return True
    except ValueError:
        return False
