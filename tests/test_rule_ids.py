"""The rule-id contract: every id the code emits is registered, documented and tested."""

from __future__ import annotations

import re

from handbook.rule_ids import RULE_IDS
from support import FIXTURES, REPO

EMITTED = re.compile(r'"((?:yaml|schema|id|steps|phrase|checklist|i18n|ref|review|chapter|standards|text)\.[a-z-]+)"')
# ids proven by dedicated tests instead of fixture folders (they need generated or edited inputs)
TESTED_ELSEWHERE = {
    "yaml.too-large": "tests/test_loader.py, tests/test_hostile.py",
    "chapter.too-large": "tests/test_hostile.py",
    "schema.invalid": "a fallback for validators the schema does not use",
    "standards.missing": "tests/test_standards.py",
    "standards.conflict": "tests/test_standards.py",
}


def test_every_emitted_rule_id_is_registered() -> None:
    emitted = {m for path in (REPO / "src" / "handbook").rglob("*.py") if path.name != "rule_ids.py"
               for m in EMITTED.findall(path.read_text(encoding="utf-8"))}
    assert emitted <= set(RULE_IDS), emitted - set(RULE_IDS)
    assert set(RULE_IDS) - emitted == set(), "registered but never emitted"


def test_every_rule_id_has_fixtures_or_a_dedicated_test() -> None:
    with_fixtures = {p.name for p in (FIXTURES / "rules").iterdir() if p.is_dir()}
    assert set(RULE_IDS) - with_fixtures - set(TESTED_ELSEWHERE) == set()


def test_readme_lists_every_rule_id() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [r for r in RULE_IDS if f"`{r}`" not in readme] == []
