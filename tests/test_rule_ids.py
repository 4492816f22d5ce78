"""The rule-id contract: every id is declared on the code that reports it, documented from
those declarations, and tested."""

from __future__ import annotations

import json

from handbook.checks.registry import RULE_IDS, declared, markdown_table
from support import FIXTURES, REPO

# ids proven by dedicated tests instead of fixture folders (they need generated or edited inputs)
TESTED_ELSEWHERE = {
    "yaml.too-large": "tests/test_loader.py, tests/test_hostile.py",
    "chapter.too-large": "tests/test_hostile.py",
    "schema.invalid": "a fallback for validators the schema does not use",
    "standards.missing": "tests/test_standards.py",
    "standards.conflict": "tests/test_standards.py",
    "i18n.stale": "tests/test_stale.py (scratch git repositories: the rule needs a history)",
    "standards.trivial": "tests/test_security.py (edits the shipped standards)",
}


def test_every_reported_rule_id_is_declared() -> None:
    """What the checker printed for the shipped handbook and every fixture (the golden file)
    uses declared ids only."""
    golden = json.loads((REPO / "tests" / "golden" / "check.json").read_text(encoding="utf-8"))
    reported = {d["rule"] for case in golden.values() for d in case["diagnostics"]}
    assert reported <= set(RULE_IDS), reported - set(RULE_IDS)
    assert set(RULE_IDS) - reported <= set(TESTED_ELSEWHERE), "declared, never seen in a fixture"


def test_ids_are_declared_once_with_one_meaning() -> None:
    ids = [r.id for r in declared()]
    assert len(ids) == len(set(ids)) == len(RULE_IDS)
    assert all(r.id.islower() and "." in r.id and r.meaning for r in declared())


def test_every_rule_id_has_fixtures_or_a_dedicated_test() -> None:
    with_fixtures = {p.name for p in (FIXTURES / "rules").iterdir() if p.is_dir()}
    assert with_fixtures <= set(RULE_IDS), with_fixtures - set(RULE_IDS)
    assert set(RULE_IDS) - with_fixtures - set(TESTED_ELSEWHERE) == set()


def test_readme_rule_table_is_built_from_the_declarations() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "regenerate the README table: python -m handbook.checks.registry"
