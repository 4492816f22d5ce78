"""The only module that knows MkDocs: it feeds MkDocs events to the library.

* `on_config` runs the whole check first. MkDocs empties `site_dir` after `on_pre_build`, so a
  handbook with errors aborts here, printing the same lines as `handbook check`, and the
  previous site is untouched. It also builds the navigation from the content.
* `on_files` adds the generated pages (SOPs, checklists, indexes, phrasebook, glossary) and the
  library's CSS/JS as in-memory files: nothing is written into `docs/`. The main build also adds
  the machine-readable export (`api/sops.json` and its schema, see api.py) at the site root.
* `on_page_markdown` appends the glossary's abbreviations, so every page gets tooltips.
* The Chinese build is the main one (`/`); its `on_post_build` builds the English site
  (`mkdocs.en.yml`) into `<site_dir>/en/` in the same process, reusing the check result. Each
  build ends with its own search index (finish.py), so an English search only returns English pages.
* Under `mkdocs serve`, a failed check prints the diagnostics and lets the rebuild run into a
  scratch folder with no pages, so the served folder keeps the last good site, the terminal
  shows the errors without a traceback (MkDocs' reload loop prints one for any exception), and
  the next good save rebuilds for real.
* `build_atomically` (the `handbook build` command, `make build`) builds into a folder beside
  the site and swaps it in only when every stage succeeded. A plain `mkdocs build` (and
  `gh-deploy`) does the same through the events: `on_config` points the build at a folder beside
  `site_dir`, `on_post_build` swaps it in once both languages are built and, under `--strict`,
  no warning was logged; `on_build_error` removes it. (`mkdocs serve` and `--dirty` builds write
  in place, as MkDocs does.)
* Defence in depth for what the check already refused: `on_files` drops links, non-regular
  files and types the site must not publish from `docs/`; `on_page_markdown` escapes the
  front-matter title and description the theme prints; `on_page_content` holds the HTML MkDocs
  made of each hand-written page to the checker's allow-list and stops the build otherwise.
* `mkdocs serve --dirty` (what `make serve` runs) rebuilds only what a save changed: a generated
  page whose Markdown is unchanged is not re-rendered, unless something every page shows (the
  navigation, a title in it, the abbreviations, the CSS) changed, and then everything is. The
  search index (Pagefind, see search.py) is rebuilt in the background after each rebuild.

One adapter instance serves both languages: MkDocs loads a hook file once per process, and
mkdocs.en.yml inherits the same hook, so per-language state is kept per language.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import shutil
import sys
import tempfile
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..checks.project import CheckResult, check_project, find_root
from ..checks.rendered import judge
from ..content.pages import ASSET_SUFFIXES
from ..source.files import read_regular
from .api import api_files
from .assemble import LanguageSite, assemble_edition
from .editions import EDITIONS, MAIN, edition_of_theme
from .finish import finish_edition
from .offline import app_info
from .parallel import Child as _Child
from .parallel import is_child as _is_child
from .staging import staging_folder, swap_in

log = get_plugin_logger("handbook")

# Set while the main build runs the secondary-language build, so that build reuses the check.
_PARENT_RESULT: ContextVar[CheckResult | None] = ContextVar("handbook_parent_result", default=None)

# edition → config file of its build, under the repo root (built into <site>/<edition>/)
SECONDARY = {e.code: e.config for e in EDITIONS if e is not MAIN}
# Set while `build_atomically` runs: it stages the build itself.
_STAGED_BY_CALLER: ContextVar[bool] = ContextVar("handbook_staged_by_caller", default=False)


def _is_main() -> bool:
    """This build is the main edition's (not another edition's, in this process or a child)."""
    return _PARENT_RESULT.get() is None and not _is_child()


class _Warnings(logging.Handler):
    """Counts what `mkdocs build --strict` would abort on, so the swap can wait for a clean build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


@dataclass
class LanguageMemory:
    """What the last build of one language produced, for the next incremental serve rebuild."""

    pages: dict[str, str] = field(default_factory=dict)  # generated path → digest of its Markdown
    shared: str = ""  # digest of what every page shows (nav, titles, abbreviations, assets)


class HandbookAdapter:
    """State kept between the events of one build (MkDocs hooks are module functions)."""

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.root: Path | None = None
        self.lang = "zh"  # the edition being built (zh, en, zh-hant)
        self.source_lang = "zh"  # the language its content is written in (zh-hant: zh)
        self.result: CheckResult | None = None
        self.site: LanguageSite | None = None
        self.incremental = _Incremental()
        self.scratch: str | None = None  # set when a serve rebuild is diverted after a failed check
        self.staged: tuple[Path, Path] | None = None  # (staging folder, real site_dir) of a plain build
        self.warnings: _Warnings | None = None
        self.children: list[_Child] = []  # the other editions, building in parallel processes

    # -- events -------------------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = command == "serve" and dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = find_root(Path(config.config_file_path).parent)
        if self.root is None:
            raise Abort("handbook: mkdocs.yml is not inside a handbook repository (standards/ and sop/)")
        edition = edition_of_theme(str(config.theme["language"] or "zh"))
        self.lang, self.source_lang = edition.code, edition.source
        parent = _PARENT_RESULT.get()
        self.scratch = None
        result = parent if parent is not None else self._check(config, quiet=_is_child())
        if result is None:  # serving, and the content has errors: keep the last good site
            self.scratch = tempfile.mkdtemp(prefix="handbook-failed-rebuild-")
            config.site_dir = self.scratch
            return config
        self.result = result
        self.site = site = assemble_edition(result, edition, site_url=config.site_url or "",
                                             directory_urls=bool(config.use_directory_urls))
        config.nav = site.nav
        if site.source is not None:  # a generated edition: its name too
            config.site_name = site.source(config.site_name or "")
            config.site_description = site.source(config.site_description or "") or None
        config.extra.setdefault("handbook_theme_color", app_info(self.lang, config).theme_colour)
        for name in site.extra_css:
            if name not in config.extra_css:
                config.extra_css.append(name)
        for name in site.extra_javascript:
            if name not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(name)
        if self.dirty:
            self.incremental.configure(config, result, site)
        main = _is_main()
        self._stage(config, main)
        if main and self.command in ("build", "gh-deploy") and not self.dirty:
            self.children = [_Child.start(self.root, code, name, Path(config.site_dir), strict=bool(config.strict))
                             for code, name in SECONDARY.items() if (self.root / name).is_file()]
        return config

    def _stage(self, config: MkDocsConfig, main: bool) -> None:
        """A plain `mkdocs build`: build beside site_dir (swapped in by on_post_build)."""
        if not main:
            return  # the second language builds into the main build's folder
        self.staged, self.warnings = None, None
        if self.dirty or self.command not in ("build", "gh-deploy") or _STAGED_BY_CALLER.get():
            return
        site_dir = Path(config.site_dir).resolve()
        staging = staging_folder(site_dir)
        config.site_dir = str(staging)
        self.staged = (staging, site_dir)
        if config.strict:
            self.warnings = _Warnings()
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.scratch or self.site is None:
            return Files([])
        converted: dict[str, str] = {}
        for f in list(files):
            if _unpublishable(f, config):
                files.remove(f)
            elif self.site.source is not None and f.is_documentation_page() and f.abs_src_path:
                files.remove(f)  # a generated edition publishes the page converted, never as written
                text = read_regular(Path(f.abs_src_path)).decode("utf-8-sig")
                converted[f.src_uri] = self.site.hand_written(text)
        generated = {**converted, **self.site.pages, **self.site.static}
        for path, content in generated.items():
            files.append(File.generated(config, path, content=content))
        if _is_main() and self.result is not None:  # the main build: the site root
            for path, content in api_files(self.result).items():
                files.append(File.generated(config, path, content=content))
        if self.dirty:
            self.incremental.mark_unchanged(files, generated, self.lang)
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.site and page.file.src_uri not in self.site.pages:
            for key in ("title", "description"):  # printed raw by the theme (the check refused markup)
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = html.escape(page.meta[key], quote=False).replace('"', "&quot;")
        return self.site.finish(markdown) if self.site else markdown

    def on_page_content(self, output: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The HTML MkDocs made of a hand-written page, held to the checker's allow-list."""
        if self.site is None or page.file.src_uri in self.site.pages:
            return output
        problems = judge(output).violations
        if problems:
            where = f"docs/{self.source_lang}/{page.file.src_uri}"
            for v in problems[:20]:
                log.error(f"{where}:1:1: error chapter.raw-html: {v.message} (in the page MkDocs rendered)")
            raise Abort(f"handbook: {where} renders to HTML the site must not serve; the site was not changed")
        return output

    def on_build_error(self, error: BaseException) -> None:
        """A failed plain build: remove the staging folder; the old site was never touched."""
        for child in self.children:
            child.stop()
        self.children = []
        if self.staged is not None:
            shutil.rmtree(self.staged[0], ignore_errors=True)
        self._stop_counting()

    def _stop_counting(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)
            return
        self._offline(config)
        if not _is_main() or self.root is None:
            return  # a secondary build does not start others
        if self.children:
            self._collect_secondary(config)
        else:
            self._build_secondary(config)
        self._swap(config)

    def _swap(self, config: MkDocsConfig) -> None:
        """Swap the staged build in, unless --strict will abort on a warning (then on_build_error
        removes it); MkDocs and the search index keep working with the real folder."""
        staged, self.staged = self.staged, None
        if staged is None:
            return
        if self.warnings is not None and self.warnings.count:
            self.staged = staged
            return
        self._stop_counting()
        swap_in(*staged)
        config.site_dir = str(staged[1])

    def _collect_secondary(self, config: MkDocsConfig) -> None:
        """Wait for the other editions' processes, relay what they reported, and move their
        folders into this build's (all or nothing: a failed edition fails the build)."""
        children, self.children = self.children, []
        failed = [child for child in children if not child.wait()]
        for child in children:
            child.relay(log)
        if failed:
            for child in children:
                child.stop()
            raise Abort(f"handbook: the {', '.join(c.code for c in failed)} edition failed; the site was not changed")
        for child in children:
            child.move_into(Path(config.site_dir))

    def _build_secondary(self, config: MkDocsConfig) -> None:
        assert self.root is not None
        for lang, config_name in SECONDARY.items():
            path = self.root / config_name
            if not path.is_file():
                continue
            sub = load_config(str(path), site_dir=str(Path(config.site_dir) / lang), strict=config.strict)
            token = _PARENT_RESULT.set(self.result)
            try:
                log.info(f"building the {lang} site into {sub.site_dir}")
                mkdocs_build(sub, dirty=self.dirty)
            finally:
                _PARENT_RESULT.reset(token)

    # -- helpers ------------------------------------------------------------------------------
    def _offline(self, config: MkDocsConfig) -> None:
        """Search index, manifest, icons and service worker of this language (see finish.py).

        The main build's folder holds the other languages' folders: its index and worker leave
        them to theirs. Under `mkdocs serve` no worker is written (it would answer from its
        cache while the author edits) and the index is refreshed in the background."""
        exclude = tuple(f"{lang}/" for lang in SECONDARY) if _is_main() else ()
        search, offline = finish_edition(Path(config.site_dir), app_info(self.lang, config), exclude=exclude,
                                         serving=self.command == "serve")
        for report in (search, offline):
            if report is not None:
                log.info(report.summary())

    def _check(self, config: MkDocsConfig, *, quiet: bool = False) -> CheckResult | None:
        """The check; None when serving and it failed (the caller diverts the rebuild). `quiet`:
        an edition's process, whose main build has printed the same diagnostics already."""
        assert self.root is not None
        result = check_project(self.root)
        if quiet:
            if result.errors or (config.strict and result.warnings):
                raise Abort(f"handbook check failed: {result.summary()}")
            return result
        failed = bool(result.errors or (config.strict and result.warnings))
        if failed and self.command == "serve":
            # printed, not logged: logged errors would make a --strict serve abort with a traceback
            for d in result.diagnostics:
                print(d.format(), file=sys.stderr, flush=True)
            print(f"handbook check failed: {result.summary()}; still serving the last good build "
                  "— fix the file and save", file=sys.stderr, flush=True)
            return None
        for d in result.diagnostics:
            (log.error if d.is_error else log.warning)(d.format())
        for note in result.notes:
            log.info(note)
        if failed:
            raise Abort(f"handbook check failed: {result.summary()}; the site was not changed")
        log.info(result.summary())
        return result


class _Incremental:
    """`mkdocs serve --dirty`: re-render only the pages a save changed, per language.

    A generated page whose Markdown is unchanged is not re-rendered, unless something every
    page shows (the navigation, a title in it, the abbreviations, the assets) changed. (The
    search index is rebuilt whole in the background, see finish.py.)"""

    def __init__(self) -> None:
        self.memory: dict[str, LanguageMemory] = {}
        self.shared = ""

    def configure(self, config: MkDocsConfig, result: CheckResult, site: LanguageSite) -> None:
        titles = [f"{s.id}={s.title.zh if s.title else ''}/{s.title.en if s.title else ''}/{s.category}"
                  for s in result.sops]
        chapters = [f"{rel}={page.front.get('title') if page else ''}"
                    for rel, page in sorted(result.pages.get(site.lang, {}).items())]
        self.shared = _digest(repr(config.nav), *titles, *chapters, site.abbreviations, *site.static.values())

    def mark_unchanged(self, files: Files, generated: dict[str, str], lang: str) -> None:
        memory = self.memory.setdefault(lang, LanguageMemory())
        incremental = memory.shared == self.shared
        for f in files:
            if not f.is_documentation_page():
                continue
            if not incremental:  # something every page shows changed: render every page
                f.is_modified = lambda: True  # type: ignore[method-assign]
            elif f.src_uri in generated and memory.pages.get(f.src_uri) == _digest(generated[f.src_uri]):
                f.is_modified = lambda: False  # type: ignore[method-assign]
        memory.pages = {path: _digest(content) for path, content in generated.items()}
        memory.shared = self.shared


def build_atomically(config_file: Path, site_dir: Path, *, strict: bool = True) -> None:
    """Build beside `site_dir` and swap it in only on success; on failure `site_dir` is untouched.

    MkDocs empties its site folder before writing page by page, so a failure at any later stage
    (a template, a broken anchor in strict mode, the second language) would leave a half-written
    site. Raises `Abort`/`SystemExit` from MkDocs on failure, after removing the partial build.
    """
    site_dir = site_dir.resolve()
    staging = staging_folder(site_dir)
    token = _STAGED_BY_CALLER.set(True)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        mkdocs_build(config)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _STAGED_BY_CALLER.reset(token)
    swap_in(staging, site_dir)


def _unpublishable(f: File, config: MkDocsConfig) -> bool:
    """A file of docs/ the check refuses: a link, not a regular file, or not a page or image."""
    src = f.abs_src_path
    if not src or f.generated_by or not os.path.abspath(src).startswith(os.path.abspath(config.docs_dir) + os.sep):
        return False
    if os.path.islink(src) or not os.path.isfile(src):
        return True
    return not f.is_documentation_page() and Path(src).suffix.lower() not in ASSET_SUFFIXES
