"""Assemble one language of the site: the one place every engine adapter gets its pages from.

Whatever builds the site (the MkDocs hooks, `handbook pages` for hook-free engines) needs the
same things for a language: the generated pages, the abbreviations every page ends with, the
navigation, the library's assets and where they are linked. `assemble_language` makes them from
a check result, so two engines cannot drift apart.
"""

from __future__ import annotations

import datetime as _dt
import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..checks.project import CheckResult
from ..content.model import REFERENCE_RE
from ..render import GENERATED_STATIC, SiteInfo, generate_pages
from ..render.escape import md_text
from ..render.indexes import abbreviations
from ..render.pages import build_nav, static_file
from .editions import BY_CODE, Edition
from .offline import PAGE_SCRIPT, page_script
from .search import SEARCH_SCRIPT, search_script

EXTRA_CSS = ("assets/handbook.css", "assets/quiz.css")
EXTRA_JAVASCRIPT = ("assets/handbook.js", "assets/handbook-checklist.js", "assets/quiz.js", PAGE_SCRIPT,
                     SEARCH_SCRIPT)


@dataclass(frozen=True, slots=True)
class LanguageSite:
    """Everything an engine adds to one language's hand-written pages."""

    lang: str
    pages: dict[str, str]  # generated page path → Markdown
    static: dict[str, str]  # asset path → content
    nav: list[Any]  # in MkDocs' `nav` shape
    abbreviations: str  # appended to every page, so abbreviations get tooltips site-wide
    values: dict[str, str] = field(default_factory=dict)  # the mall's values in this language, escaped
    extra_css: tuple[str, ...] = EXTRA_CSS
    extra_javascript: tuple[str, ...] = EXTRA_JAVASCRIPT
    # how a hand-written page of the source language becomes this edition's (zh-hant: OpenCC)
    source: Callable[[str], str] | None = None

    def hand_written(self, markdown: str) -> str:
        """A hand-written page (front matter included) as this edition publishes it."""
        return self.source(markdown) if self.source else markdown

    def finish(self, markdown: str) -> str:
        """A page's Markdown as the engine must render it: the mall's values put in where a
        hand-written page refers to them, and the abbreviations appended."""
        if "{{" in markdown:
            markdown = REFERENCE_RE.sub(lambda m: self.values.get(m.group(1), m.group(0)), markdown)
        return markdown + self.abbreviations


def assemble_edition(result: CheckResult, edition: str | Edition, *, site_url: str,
                     directory_urls: bool) -> LanguageSite:
    """The generated part of one edition's site. A converted edition (zh-hant) is its source
    language's site with every text converted: pages, navigation, abbreviations, the mall's
    values, the interface words of the scripts, and (through `source`) the hand-written pages."""
    edition = BY_CODE[edition] if isinstance(edition, str) else edition
    if not edition.converted:
        return assemble_language(result, edition.code, site_url=site_url, directory_urls=directory_urls)
    base = assemble_language(result, edition.source, site_url=site_url, directory_urls=directory_urls,
                             edition=edition.code)
    convert = result.standards.traditional.convert
    return replace(
        base, lang=edition.code,
        pages={path: convert(text) for path, text in base.pages.items()},
        static={path: convert(text) if path.endswith(".js") else text for path, text in base.static.items()},
        nav=_convert_nav(base.nav, convert), abbreviations=convert(base.abbreviations),
        values={key: convert(text) for key, text in base.values.items()}, source=convert)


def _convert_nav(nav: Any, convert: Callable[[str], str]) -> Any:
    """The navigation with its titles converted (paths are ASCII and stay)."""
    if isinstance(nav, list):
        return [_convert_nav(item, convert) for item in nav]
    if isinstance(nav, dict):
        return {convert(str(title)): _convert_nav(item, convert) for title, item in nav.items()}
    return nav


def assemble_language(result: CheckResult, lang: str, *, site_url: str, directory_urls: bool,
                      edition: str = "") -> LanguageSite:
    """The generated part of one language's site, from a check result."""
    site = SiteInfo(
        lang=lang,
        site_url=site_url.rstrip("/") + "/",
        revision=git_revision(result.root),
        built=_dt.date.today().isoformat(),
        page_suffix="/" if directory_urls else ".html",
        edition=edition,
    )
    return LanguageSite(
        lang=lang,
        pages=generate_pages(result.sops, result.standards, site, quality_report(result.root),
                             chapters=result.pages.get(lang, {})),
        static={**{path: static_file(resource) for path, resource in GENERATED_STATIC.items()},
                PAGE_SCRIPT: page_script(lang), SEARCH_SCRIPT: search_script(lang)},
        nav=build_nav(result.sops, result.standards, result.pages.get(lang, {}), lang),
        abbreviations=abbreviations(result.standards, lang),
        values={key: md_text(text.get(lang)) for key, text in result.standards.values.items()},
    )


CONTENT_DIRS = ("sop", "standards", "docs", "mkdocs.yml", "mkdocs.en.yml", "mkdocs.zh-hant.yml", "overrides")


@lru_cache(maxsize=8)  # asked once per language build: the answer does not change within a build
def git_revision(root: Path) -> str:
    """Short commit id, with `+dirty` when the content differs from it, or "unversioned".

    Content means what the site is made of (SOPs, standards, pages), new files included: a
    sheet printed from an edited, uncommitted SOP must not claim to be the committed one."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                             text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *CONTENT_DIRS], cwd=root,
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unversioned"


def quality_report(root: Path) -> dict[str, Any] | None:
    """The figures of the last full test run, if recorded (see tests/conftest.py)."""
    try:
        data = json.loads((root / "quality" / "last-run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
