"""Stage 4, render: the model and standards in, Markdown pages out, for any site engine.

Owns every generated page (SOP pages, checklists, indexes, phrasebook, glossary, report and
quality pages), their labels and escaping, and the static assets. May import:
`handbook.source`, `handbook.content`, `handbook.checks`. Nothing here imports MkDocs:
`generate_pages` returns `{relative path: markdown}` per language; the site stage hands them to
an engine, or `handbook pages` writes them to disk for another one.
"""

from .pages import GENERATED_STATIC, SiteInfo, generate_pages

__all__ = ["GENERATED_STATIC", "SiteInfo", "generate_pages"]
