"""The hand-written Markdown pages (`docs/<lang>/**/*.md`) as the other stages see them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..source.tree import Mapping

LANG_DIRS = ("zh", "en")

# Pages the build generates in each language tree: links to them are valid.
GENERATED_PAGES = frozenset({"sop/index.md", "checklists/index.md", "checklists/booklet.md", "phrasebook.md",
                             "glossary.md", "roles.md", "quality.md", "report.md", "quiz/index.md"})
SOP_PAGE_RE = re.compile(r"^(sop|checklists)/([^/]+)\.md$")

# What `docs/<lang>/` may hold besides Markdown pages: images a browser shows and never runs.
# (SVG is XML that may carry script; HTML, JavaScript and CSS are code, kept in the library.)
ASSET_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})

# The Markdown extensions pages are rendered with: `mkdocs.yml` lists the same (a test keeps
# them equal), so the checker sees the HTML the site will serve.
MARKDOWN_EXTENSIONS: tuple[str, ...] = ("abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
                                        "toc", "pymdownx.details", "pymdownx.superfences")
MARKDOWN_CONFIGS: dict[str, dict[str, Any]] = {"toc": {"permalink": True}}

@dataclass(slots=True)
class Page:
    """One Markdown page: `rel` is its path inside the language tree (e.g. handbook/01-x.md)."""

    lang: str
    rel: str
    path: str  # display path, e.g. docs/zh/handbook/01-x.md
    text: str
    front: dict[str, Any] = field(default_factory=dict)  # the front matter as data
    front_tree: Mapping | None = None  # the same, located (for diagnostics about its values)
    body_start: int = 1  # line number where the body starts


def is_chapter(rel: str) -> bool:
    return rel.startswith("handbook/") and rel != "handbook/index.md"
