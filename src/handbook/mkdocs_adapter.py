"""The only module that knows MkDocs: it feeds MkDocs events to the library.

* `on_config` runs the whole check first. MkDocs empties `site_dir` after `on_pre_build`, so a
  handbook with errors aborts here, printing the same lines as `handbook check`, and the
  previous site is untouched. It also builds the navigation from the content.
* `on_files` adds the generated pages (SOPs, checklists, indexes, phrasebook, glossary) and the
  library's CSS/JS as in-memory files: nothing is written into `docs/`.
* `on_page_markdown` appends the glossary's abbreviations, so every page gets tooltips.
* The Chinese build is the main one (`/`); its `on_post_build` builds the English site
  (`mkdocs.en.yml`) into `<site_dir>/en/` in the same process, reusing the check result. Two
  builds give two search indexes, so an English search only ever returns English pages.
"""

from __future__ import annotations

import datetime as _dt
import subprocess
from contextvars import ContextVar
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .project import CheckResult, check_project, find_root
from .render import GENERATED_STATIC, SiteInfo, generate_pages
from .render.indexes import abbreviations
from .render.pages import build_nav, static_file

log = get_plugin_logger("handbook")

# Set while the main build runs the secondary-language build, so that build reuses the check.
_PARENT_RESULT: ContextVar[CheckResult | None] = ContextVar("handbook_parent_result", default=None)

SECONDARY = {"en": "mkdocs.en.yml"}  # language → config file of its build, under the repo root


def git_revision(root: Path) -> str:
    """Short commit id (with `+dirty` for uncommitted changes), or "unversioned"."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                             text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unversioned"


class HandbookAdapter:
    """State kept between the events of one build (MkDocs hooks are module functions)."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.lang = "zh"
        self.result: CheckResult | None = None
        self.generated: dict[str, str] = {}
        self.abbr = ""

    # -- events -------------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = find_root(Path(config.config_file_path).parent)
        if self.root is None:
            raise Abort("handbook: mkdocs.yml is not inside a handbook repository (standards/ and sop/)")
        self.lang = str(config.theme["language"] or "zh").split("-")[0]
        parent = _PARENT_RESULT.get()
        self.result = parent if parent is not None else self._check(config)
        result = self.result

        site = SiteInfo(
            lang=self.lang,
            site_url=(config.site_url or "").rstrip("/") + "/",
            revision=git_revision(self.root),
            built=_dt.date.today().isoformat(),
            page_suffix="/" if config.use_directory_urls else ".html",
        )
        self.generated = generate_pages(result.sops, result.standards, site)
        self.abbr = abbreviations(result.standards, self.lang)
        config.nav = build_nav(result.sops, result.standards, result.pages.get(self.lang, {}), self.lang)
        for name in ("assets/handbook.css",):
            if name not in config.extra_css:
                config.extra_css.append(name)
        for name in ("assets/handbook.js",):
            if name not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(name)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for path, markdown in self.generated.items():
            files.append(File.generated(config, path, content=markdown))
        for path, resource in GENERATED_STATIC.items():
            files.append(File.generated(config, path, content=static_file(resource)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return markdown + self.abbr

    def on_post_build(self, config: MkDocsConfig) -> None:
        if _PARENT_RESULT.get() is not None or self.root is None:
            return  # a secondary build does not start others
        for lang, config_name in SECONDARY.items():
            path = self.root / config_name
            if not path.is_file():
                continue
            sub = load_config(str(path), site_dir=str(Path(config.site_dir) / lang), strict=config.strict)
            token = _PARENT_RESULT.set(self.result)
            try:
                log.info(f"building the {lang} site into {sub.site_dir}")
                mkdocs_build(sub)
            finally:
                _PARENT_RESULT.reset(token)

    # -- helpers ------------------------------------------------------------------------------
    def _check(self, config: MkDocsConfig) -> CheckResult:
        assert self.root is not None
        result = check_project(self.root)
        for d in result.diagnostics:
            (log.error if d.is_error else log.warning)(d.format())
        if result.errors or (config.strict and result.warnings):
            raise Abort(f"handbook check failed: {result.summary()}; the site was not changed")
        log.info(result.summary())
        return result

