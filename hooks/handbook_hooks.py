"""MkDocs hooks: thin forwarding to `handbook.site.mkdocs_adapter` (see mkdocs.yml `hooks:`).

All behaviour lives in the library; this file only exposes the adapter's event methods under
the names MkDocs looks for.
"""

from __future__ import annotations

from handbook.site.mkdocs_adapter import HandbookAdapter

_adapter = HandbookAdapter()

on_startup = _adapter.on_startup
on_config = _adapter.on_config
on_files = _adapter.on_files
on_page_markdown = _adapter.on_page_markdown
on_page_content = _adapter.on_page_content
on_post_build = _adapter.on_post_build
on_build_error = _adapter.on_build_error
