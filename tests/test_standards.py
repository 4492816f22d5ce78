"""The standards files are checked like content: located errors, resolved names, conflicts."""

from __future__ import annotations

from pathlib import Path

from support import check


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_forbidden_phrase_that_forbids_a_required_one_is_a_conflict(project: Path) -> None:
    phrases = project / "standards" / "phrases.yml"
    _edit(phrases, "    - phrase: 不知道\n", "    - phrase: 请\n      instead: 麻烦您\n    - phrase: 不知道\n")
    code, lines = check(project)
    line = _line_of(phrases, "- phrase: 请")
    assert code == 1
    assert any(s.startswith(f"standards/phrases.yml:{line}:") and "standards.conflict" in s
               and '"请"' in s for s in lines)


def test_replacement_that_breaks_a_rule_is_a_conflict(project: Path) -> None:
    phrases = project / "standards" / "phrases.yml"
    _edit(phrases, "instead: 我马上为您查询", "instead: 你等一下")
    _, lines = check(project)
    assert any("standards.conflict" in s and "honorific" in s for s in lines)


def test_unknown_step_kind_and_group_in_categories_are_located(project: Path) -> None:
    cats = project / "standards" / "categories.yml"
    _edit(cats, "required_steps: [inspect, confirm]", "required_steps: [inspekt, confirm]")
    _edit(cats, "required_phrases: [greeting, farewell]", "required_phrases: [greetings, farewell]")
    _, lines = check(project)
    steps_line, group_line = _line_of(cats, "inspekt"), _line_of(cats, "greetings")
    assert any(s.startswith(f"standards/categories.yml:{steps_line}:") and "ref.unknown" in s
               and 'did you mean "inspect"' in s for s in lines)
    assert any(s.startswith(f"standards/categories.yml:{group_line}:") and "ref.unknown" in s for s in lines)


def test_broken_standards_yaml_is_a_located_error_and_not_a_crash(project: Path) -> None:
    cats = project / "standards" / "categories.yml"
    _edit(cats, "en: Front-line staff\n", "en: Front-line: staff\n")
    code, lines = check(project)
    assert code == 1
    assert any(s.startswith("standards/categories.yml:") and "yaml.syntax" in s for s in lines)


def test_missing_standards_file_is_reported(project: Path) -> None:
    (project / "standards" / "phrases.yml").unlink()
    code, lines = check(project)
    assert code == 1 and any("standards.missing" in s for s in lines)


def test_wrong_shape_in_standards_is_a_schema_error(project: Path) -> None:
    phrases = project / "standards" / "phrases.yml"
    _edit(phrases, "      instead: 我马上为您查询\n", "      insted: 我马上为您查询\n")
    _, lines = check(project)
    assert any("standards/phrases.yml" in s and "schema.unknown-key" in s and 'did you mean "instead"' in s
               for s in lines)
