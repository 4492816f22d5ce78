"""Service Handbook: validate and render a bilingual customer-service SOP handbook.

A pure library in stages, each a subpackage that imports only the stages before it:
source (bytes → located tree) → content (model, standards) → checks → render → site (engine
adapters; the only place MkDocs is imported) → commands (the `handbook` CLI).
"""

__version__ = "0.1.0"
