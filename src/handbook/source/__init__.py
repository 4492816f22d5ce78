"""Stage 1, source: bytes into a located tree.

Owns reading files (UTF-8 only, size and depth bounded before the YAML library sees them), the
located tree and its queries, text normalisation and phrase matching, JSON Schema validation
and the located report of its errors, and the `Diagnostic`/`Sink` every stage reports with.
Knows nothing of SOPs or the site. May import: nothing of the handbook outside this package.
"""
