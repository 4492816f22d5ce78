"""Stage 3, checks: every diagnostic about the content, and the project check that runs them.

Owns the rule types (`rules/`, each declaring its rule ids), the per-file SOP check, the checks
of the standards and of the pages, the project check (stages, parallel workers, result cache),
the completeness report and the registry of rule ids. May import: `handbook.source`,
`handbook.content`.
"""
