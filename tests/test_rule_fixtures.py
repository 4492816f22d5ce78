"""Every rule id has a fixture that triggers it at a known place and one that must not.

Fixtures live in `tests/fixtures/rules/<rule>/<case>/` as an overlay over the base project
(`tests/fixtures/base`, the shipped `standards/`). A `bad*` case holds `expected.txt`: exactly
the diagnostic lines the checker must print. A `good*` case must print nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import FIXTURES, check, make_project

CASES = sorted(p for p in (FIXTURES / "rules").glob("*/*") if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_fixture(case: Path, tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo", case)
    (root / "expected.txt").unlink(missing_ok=True)
    code, lines = check(root)
    if case.name.startswith("good"):
        assert lines == [], "\n".join(lines)
        assert code == 0
        return
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert lines == expected
    rule = case.parent.name
    assert any(f" {rule}: " in line for line in lines), f"{rule} never fired"
    assert code == (1 if any(": error " in line for line in lines) else 0)


def test_every_rule_has_good_and_bad_cases() -> None:
    rules = {p.parent.name for p in CASES}
    for rule in rules:
        names = [p.name for p in CASES if p.parent.name == rule]
        assert any(n.startswith("good") for n in names), rule
        assert any(n.startswith("bad") for n in names), rule
