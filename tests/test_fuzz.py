"""Fuzzing: structurally random SOPs, byte-level corruption of real SOPs and standards, and the
MkDocs hook on corrupted repositories. Never a traceback, never slow, never a corrupted
structure accepted silently. The figures go to the quality report."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from handbook.source.diagnostics import parse_line
from support import FIXTURES, REPO, TODAY, make_project, run_cli, without_notes

SOPS = sorted((REPO / "sop").glob("*.yml"))
STANDARDS = sorted((REPO / "standards").glob("*.yml"))
SCHEMA = json.loads((REPO / "schemas" / "sop.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
SLOW = 5.0  # seconds one file may take, at most
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                              HealthCheck.too_slow])


def run_check(root: Path, *paths: Path) -> tuple[int, list[str], float]:
    start = time.perf_counter()
    code, out, err = run_cli("check", "--root", str(root), "--today", TODAY, "--strict", "--format", "text",
                             *map(str, paths))
    elapsed = time.perf_counter() - start
    assert code in (0, 1), err
    assert without_notes(err) == "" and "Traceback" not in out
    lines = out.splitlines()
    assert lines and "checked:" in lines[-1]
    for line in lines[:-1]:
        assert parse_line(line) is not None, line
    return code, lines[:-1], elapsed


NAME_MAPS = {"roles", "step_kinds", "categories", "required"}  # in standards, their keys are data (names)


def shape(data: Any, parent: str = "") -> Any:
    """The structure without the text: which keys, how many items, which types.

    Names and words are data, not structure: the keys of the standards' name maps (renaming an
    unused step kind is an edit; a renamed name something uses is caught where it is used) and
    lists of plain words (a corrupted "hello,ello" adds a phrase any QA manager could add; in
    SOPs such lists hold roles and SOP ids, which must exist). Lists of mappings — steps, do,
    say, check items — keep their length."""
    if isinstance(data, dict):
        if parent in NAME_MAPS:
            return [shape(v) for v in data.values()]
        return {k: shape(v, str(k)) for k, v in data.items()}
    if isinstance(data, list):
        if all(not isinstance(v, (dict, list)) for v in data):
            return sorted({type(v).__name__ for v in data})
        return [shape(v) for v in data]
    return type(data).__name__


# -- structurally random documents -----------------------------------------------------------
KEYS = ["id", "category", "version", "effective", "review_by", "owner", "roles", "title", "purpose", "steps",
        "related", "kind", "do", "say", "check", "within", "escalate_to", "zh", "en", "x", "标题"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["complaint", "frontline", "1.0.0", "2026-11-01",
                                                           "您好", "你好", "不知道", "listen", "2m"]))
TREES = st.recursive(SCALARS, lambda kids: st.one_of(st.lists(kids, max_size=5),
                                                     st.dictionaries(st.sampled_from(KEYS), kids, max_size=8)),
                     max_leaves=60)


@SETTINGS
@given(doc=st.dictionaries(st.sampled_from(KEYS), TREES, min_size=1, max_size=12))
@example(doc={"id": "\x1e"})  # found by this test: a control character split a diagnostic line
@example(doc={"id": None, "do": ["\x85"], "category": "\x85"})  # found by this test: NEL is a YAML line break
def test_random_structures_are_rejected_with_located_errors(tmp_path_factory, figures, doc: dict) -> None:
    root = make_project(tmp_path_factory.mktemp("repo"))
    path = root / "sop" / "random-doc.yml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    code, _lines, elapsed = run_check(root, path)
    assert elapsed < SLOW
    independent = VALIDATOR.is_valid(json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")),
                                                            default=str)))
    if code == 0:  # accepted: then it really is a valid SOP for any validator
        assert independent
    figures.add("fuzz.structure", cases=1, rejected=int(code == 1))


# -- byte-level corruption of real files ------------------------------------------------------
# YAML reads each of these as "no document": they once passed every check unseen
EMPTY_DOCUMENTS = [b"", b"\n\n  \n", b"# only a comment\n", b"---\n", b"---\n# c\n...\n", b"\xef\xbb\xbf# BOM\n"]


@st.composite
def corruption(draw: st.DrawFn, files: list[Path]) -> tuple[Path, bytes]:
    source = draw(st.sampled_from(files))
    if draw(st.integers(0, 19)) == 0:  # a file emptied by an editor, or left with a comment only
        return source, draw(st.sampled_from(EMPTY_DOCUMENTS))
    data = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "duplicate"]))
        if op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[pos:pos] = bytes([draw(st.sampled_from(b"\n\t :#,-[]{}&*!|>'\"\x00\xff\xe4\x80?%@`"))])
        elif op == "delete" and data:
            del data[pos]
        else:
            end = min(len(data), pos + draw(st.integers(1, 40)))
            data[pos:pos] = data[pos:end]
    return source, bytes(data)


def _accepted_only_if_same_shape(original: bytes, corrupted: bytes) -> None:
    """A corrupted file that passes --strict may only differ from the original in its text."""
    # libyaml, the parser the checker uses (the pure-Python one rejects some inputs libyaml reads)
    before = yaml.load(original.decode("utf-8"), Loader=yaml.CSafeLoader)
    after = yaml.load(corrupted.decode("utf-8-sig"), Loader=yaml.CSafeLoader)
    assert shape(after) == shape(before), "a structural change was accepted silently"


@SETTINGS
@given(case=corruption(SOPS + sorted((FIXTURES / "base" / "sop").glob("*.yml"))))
@example(case=(REPO / "sop" / "complaint-escalation.yml", b""))  # emptied: once passed, the SOP vanished
@example(case=(REPO / "sop" / "complaint-escalation.yml", b"# only a comment\n"))
def test_corrupted_sops_never_pass_silently(tmp_path_factory, figures, case: tuple[Path, bytes]) -> None:
    source, data = case
    root = make_project(tmp_path_factory.mktemp("repo"))
    for sop in SOPS:
        (root / "sop" / sop.name).write_bytes(sop.read_bytes())
    target = root / "sop" / source.name
    target.write_bytes(data)
    code, _lines, elapsed = run_check(root, target)
    assert elapsed < SLOW
    if code == 0:
        _accepted_only_if_same_shape(source.read_bytes(), data)
    figures.add("fuzz.sop-bytes", cases=1, rejected=int(code == 1), accepted_text_only=int(code == 0))


CATEGORIES = REPO / "standards" / "categories.yml"
PHRASES = REPO / "standards" / "phrases.yml"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=corruption(STANDARDS))
# found by this test: a deleted byte renamed the step kind `evacuate`; the real SOPs must catch it
@example(case=(CATEGORIES, CATEGORIES.read_bytes().replace(b"  evacuate:", b"  vacuate:")))
# found by this test: a duplicated phrase lengthened a list; phrase lists are now unique
@example(case=(PHRASES, PHRASES.read_bytes().replace(b"en: [hello,", b"en: [hello,hello,", 1)))
@example(case=(REPO / "standards" / "glossary.yml", b"# only a comment\n"))  # once passed silently
def test_corrupted_standards_never_crash_or_pass_silently(tmp_path_factory, figures,
                                                           case: tuple[Path, bytes]) -> None:
    source, data = case
    root = make_project(tmp_path_factory.mktemp("repo"))
    for sop in SOPS:  # the real SOPs: every name they use must survive the corruption
        (root / "sop" / sop.name).write_bytes(sop.read_bytes())
    (root / "standards" / source.name).write_bytes(data)
    code, _lines, elapsed = run_check(root)
    assert elapsed < SLOW
    if code == 0:
        _accepted_only_if_same_shape(source.read_bytes(), data)
    figures.add("fuzz.standards-bytes", cases=1, rejected=int(code == 1), accepted_text_only=int(code == 0))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=corruption(SOPS + STANDARDS))
def test_the_mkdocs_hook_never_shows_a_traceback(tmp_path_factory, figures, case: tuple[Path, bytes]) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from handbook.site.mkdocs_adapter import HandbookAdapter

    source, data = case
    root = tmp_path_factory.mktemp("repo")
    for part in ("mkdocs.yml", "mkdocs.en.yml"):
        (root / part).write_bytes((REPO / part).read_bytes())
    make_project(root, base=False)
    for sop in SOPS:
        (root / "sop" / sop.name).write_bytes(sop.read_bytes())
    for part in ("docs", "overrides", "hooks"):
        shutil.copytree(REPO / part, root / part)
    folder = "standards" if source.parent.name == "standards" else "sop"
    (root / folder / source.name).write_bytes(data)
    config = load_config(str(root / "mkdocs.yml"))
    adapter = HandbookAdapter()
    try:
        adapter.on_config(config)
        outcome = "built"
    except Abort as exc:
        assert "handbook check failed" in str(exc)
        outcome = "stopped"
    figures.add("fuzz.hook", cases=1, stopped=int(outcome == "stopped"))
