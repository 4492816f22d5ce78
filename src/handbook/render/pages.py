"""Assemble every generated page of one language, and the navigation around them."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..content.model import Sop
from ..content.pages import Page, is_chapter
from ..content.standards import Standards
from .checklists import booklet_page, checklist_page
from .indexes import (
    by_category,
    category_name,
    category_page,
    checklist_index,
    glossary,
    phrasebook,
    roles_page,
    sop_index,
)
from .labels import label
from .quality import quality_page
from .quiz_pages import quiz_nav, quiz_pages
from .report_page import report_page
from .sop_pages import sop_page, sop_title

# Static files the library ships into every language build (path in site → package resource).
CATEGORY_DIR = "categories"  # one page per SOP category: categories/<key>.html

GENERATED_STATIC = {
    "assets/handbook.css": "handbook.css",
    "assets/handbook.js": "handbook.js",
    "assets/handbook-checklist.js": "handbook-checklist.js",  # tick-off checklists on a phone
    "assets/quiz.css": "quiz.css",
    "assets/quiz.js": "quiz.js",
}


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """Facts about the published site that pages print (QR codes, revision footers)."""

    lang: str
    site_url: str  # absolute URL of the *language root*, ending in "/"
    revision: str
    built: str
    page_suffix: str = ".html"  # ".html" without directory URLs, "/" with them
    edition: str = ""  # the edition when it differs from the language (zh-hant is written in zh)

    def sop_url(self, sop_id: str) -> str:
        suffix = self.page_suffix if self.page_suffix != "/" else "/"
        return f"{self.site_url}sop/{sop_id}{suffix}"


def static_file(name: str) -> str:
    return resources.files("handbook.render").joinpath("static", name).read_text(encoding="utf-8")


def _valid(sops: list[Sop]) -> list[Sop]:
    return [s for s in sops if s.id and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s.id)]


def generate_pages(sops: list[Sop], std: Standards, site: SiteInfo,
                   quality_report: dict[str, Any] | None = None,
                   chapters: dict[str, Page | None] | None = None) -> dict[str, str]:
    """Every generated page for one language: `{path inside the language tree: markdown}`;
    `chapters` (this language's hand-written pages) give the quizzes their self-check questions."""
    lang = site.lang
    sops = sorted(_valid(sops), key=lambda s: s.id or "")
    titles = {s.id or "": sop_title(s, lang) for s in sops}
    urls = {s.id or "": site.sop_url(s.id or "") for s in sops}
    pages: dict[str, str] = {
        "sop/index.md": sop_index(sops, std, lang),
        "checklists/index.md": checklist_index(sops, std, lang),
        "checklists/booklet.md": booklet_page(
            [s for _, group in by_category(sops, std) for s in group], lang,
            url_for=urls, revision=site.revision, built=site.built),
        "roles.md": roles_page(sops, std, lang),
        "phrasebook.md": phrasebook(sops, std, lang),
        "glossary.md": glossary(std, lang),
        "quality.md": quality_page(quality_report, lang),
        "report.md": report_page(sops, _dt.date.fromisoformat(site.built), lang),
    }
    pages.update(quiz_pages(sops, std, chapters or {}, lang, site.page_suffix, site.edition))
    for key, items in by_category(sops, std):
        pages[f"{CATEGORY_DIR}/{key}.md"] = category_page(key, items, std, lang)
    for sop in sops:
        pages[f"sop/{sop.id}.md"] = sop_page(sop, std, lang, titles)
        pages[f"checklists/{sop.id}.md"] = checklist_page(
            sop, lang, sop_url=urls[sop.id or ""], revision=site.revision, built=site.built)
    return pages


def build_nav(sops: list[Sop], std: Standards, pages: dict[str, Page | None], lang: str) -> list[Any]:
    """The site navigation, in MkDocs' `nav` shape: a list of {title: path-or-list}."""
    sops = sorted(_valid(sops), key=lambda s: s.id or "")
    chapters = sorted(
        (rel for rel, page in pages.items() if is_chapter(rel)),
        key=lambda rel: ((pages[rel].front.get("chapter") if pages[rel] else None) or 999, rel),
    )
    # The categories, not their SOPs: a page's navigation stays the same size as the handbook
    # grows (the SOP index, the category pages, the role index and search reach every SOP).
    sop_section: list[Any] = [{label(lang, "sop_index"): "sop/index.md"}]
    for key, _ in by_category(sops, std):
        sop_section.append({category_name(std, key, lang): f"{CATEGORY_DIR}/{key}.md"})
    nav: list[Any] = [{label(lang, "home"): "index.md"}]
    if chapters:
        nav.append({label(lang, "handbook"): chapters})
    nav.append({label(lang, "sops"): sop_section})
    nav.append({label(lang, "checklists"): [
        {label(lang, "checklist_index"): "checklists/index.md"},
        {label(lang, "booklet"): "checklists/booklet.md"},
    ]})
    nav.append(quiz_nav(sops, std, pages, lang))
    nav.append({label(lang, "phrasebook"): "phrasebook.md"})
    nav.append({label(lang, "glossary"): "glossary.md"})
    nav.append({label(lang, "roles"): "roles.md"})
    nav.append("report.md")
    nav.append("quality.md")
    extra = sorted(rel for rel in pages if rel != "index.md" and not rel.startswith("handbook/"))
    nav.extend(extra)
    return nav
