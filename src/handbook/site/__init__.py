"""Stage 5, site: everything engine-specific.

Owns assembling a language of the site from a check result (`assemble`), the MkDocs adapter
behind `hooks/` (the only module that imports MkDocs), the hook-free export of plain pages for
other engines, build facts (revision, quality report), and the installable, offline site
(`offline`: manifest, icons, service worker; `offline_export` runs it for hook-free engines).
Later engines and search belong here too. May import: `handbook.source`, `.content`, `.checks`,
`.render`.
"""
