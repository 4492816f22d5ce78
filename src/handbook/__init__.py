"""Service Handbook: validate and render a bilingual customer-service SOP handbook.

The package is a pure library (load → model → rules → render → cli); only
`handbook.mkdocs_adapter` knows about MkDocs.
"""

__version__ = "0.1.0"
