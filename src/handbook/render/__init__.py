"""Page generation: the model and standards in, Markdown pages out, for any site engine.

Nothing here imports MkDocs. `generate_pages` returns `{relative path: markdown}` per
language; the MkDocs adapter hands them to the build, and `handbook pages` writes them to disk
so another engine (or the benchmark's plain build) can use them.
"""

from .pages import GENERATED_STATIC, SiteInfo, generate_pages

__all__ = ["GENERATED_STATIC", "SiteInfo", "generate_pages"]
