"""Stage 5, site: everything engine-specific.

Owns assembling a language of the site from a check result (`assemble`), the MkDocs adapter
behind `hooks/` (the only module that imports MkDocs), the hook-free export of plain pages for
other engines, and build facts (revision, quality report). Later engines, search and the
service worker (offline.py: manifest, icons, sw.js; offline_export.py for hook-free engines) live here. May import: `handbook.source`, `.content`, `.checks`, `.render`.
"""
