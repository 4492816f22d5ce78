"""Stage 5, site: everything engine-specific.

Owns assembling a language of the site from a check result (`assemble`), the MkDocs adapter
behind `hooks/` (the only module that imports MkDocs), the hook-free export of plain pages for
other engines, and build facts (revision, quality report). Later engines, search and the
service worker belong here. May import: `handbook.source`, `.content`, `.checks`, `.render`.
"""
