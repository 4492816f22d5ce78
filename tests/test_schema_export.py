"""`handbook schema` exports the structure `handbook check` enforces: same verdict.

An independent validator (plain `jsonschema` on PyYAML's output, as an editor would do) and
`handbook check` must agree on whether an SOP is structurally valid, for the shipped SOPs and
for hypothesis-generated structural mutations of them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from support import FIXTURES, REPO, TODAY, make_project, run_cli

STRUCTURAL = ("schema.", "i18n.missing", "checklist.empty")
SOURCES = sorted((REPO / "sop").glob("*.yml")) + sorted((FIXTURES / "base" / "sop").glob("*.yml"))


def exported_schema() -> dict[str, Any]:
    code, out, _ = run_cli("schema", "--root", str(REPO))
    assert code == 0
    schema = json.loads(out)
    Draft202012Validator.check_schema(schema)
    return schema


SCHEMA = exported_schema()
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())


def independent_verdict(text: str) -> bool:
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    return VALIDATOR.is_valid(data)


def our_verdict(root: Path, path: Path) -> bool:
    code, out, _ = run_cli("check", "--root", str(root), "--today", TODAY, "--format", "json", str(path))
    assert code in (0, 1)
    return not any(d["rule"].startswith(STRUCTURAL) for d in json.loads(out)["diagnostics"])


def test_schema_has_descriptions_and_examples_for_every_property() -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "description" in sub, name
                assert " / " in sub["description"], name  # English / 中文
                assert sub.get("examples"), name  # hovering a key in an editor shows one
            for value in node.values():
                walk(value)
    walk(SCHEMA)


def test_shipped_sops_are_valid_for_both() -> None:
    assert SOURCES
    for path in SOURCES:
        assert independent_verdict(path.read_text(encoding="utf-8")), path


MUTATIONS = st.sampled_from(["drop", "extra", "retype", "empty-list", "empty-text", "drop-lang", "repeat",
                             "repeat-reordered"])


def _containers(data: Any, path: tuple = ()) -> list[tuple]:
    out = [path] if isinstance(data, (dict, list)) else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _containers(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _containers(v, (*path, i))
    return out


def _get(data: Any, path: tuple) -> Any:
    for p in path:
        data = data[p]
    return data


def mutate(data: dict, kind: str, pick: int) -> dict:
    data = copy.deepcopy(data)
    dicts = [p for p in _containers(data) if isinstance(_get(data, p), dict)]
    lists = [p for p in _containers(data) if isinstance(_get(data, p), list)]
    target = _get(data, dicts[pick % len(dicts)])
    keys = list(target)
    if kind == "drop" and keys:
        del target[keys[pick % len(keys)]]
    elif kind == "extra":
        target["extra_key"] = "x"
    elif kind == "retype" and keys:
        target[keys[pick % len(keys)]] = [1, 2] if pick % 2 else 42
    elif kind == "empty-list" and lists:
        _get(data, lists[pick % len(lists)]).clear()
    elif kind == "empty-text" and "zh" in target:
        target["zh"] = ""
    elif kind == "drop-lang" and "en" in target:
        del target["en"]
    elif kind.startswith("repeat") and any(_get(data, p) for p in lists):
        filled = [p for p in lists if _get(data, p)]
        items = _get(data, filled[pick % len(filled)])
        item = copy.deepcopy(items[pick % len(items)])
        if kind == "repeat-reordered" and isinstance(item, dict):
            item = dict(reversed(item.items()))  # the same mapping, keys in another order
        items.append(item)
    return data


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(SOURCES), kind=MUTATIONS, pick=st.integers(0, 10_000))
def test_mutations_get_the_same_structural_verdict(tmp_path_factory, source: Path, kind: str, pick: int) -> None:
    root = make_project(tmp_path_factory.mktemp("repo"))
    original = yaml.safe_load(source.read_text(encoding="utf-8"))
    original = json.loads(json.dumps(original, default=str))
    text = yaml.safe_dump(mutate(original, kind, pick), allow_unicode=True, sort_keys=False)
    path = root / "sop" / source.name
    path.write_text(text, encoding="utf-8")
    assert our_verdict(root, path) == independent_verdict(text)


def test_committed_schema_is_in_sync_with_the_standards() -> None:
    committed = json.loads((REPO / "schemas" / "sop.schema.json").read_text(encoding="utf-8"))
    assert committed == SCHEMA, "run: .venv/bin/handbook schema > schemas/sop.schema.json"


def test_compiled_fast_path_agrees_on_repeated_items() -> None:
    """The compiled validator checks uniqueItems its own way (one set per list): it must
    still reach jsonschema's verdict, whatever the order of keys or the item types."""
    from handbook.source.schema import make_validator

    checker = make_validator(SCHEMA)
    base = json.loads(json.dumps(yaml.safe_load((REPO / "sop" / "complaint-handling.yml").read_text(
        encoding="utf-8")), default=str))
    first = base["steps"][0]
    cases = []
    for change in (
        lambda d: None,
        lambda d: d["steps"][0]["do"].append(dict(first["do"][0])),
        lambda d: d["steps"][0]["check"].append(dict(reversed(first["check"][0].items()))),
        lambda d: d["roles"].append(d["roles"][0]),
        lambda d: d.__setitem__("related", [d["id"], d["id"]]),
        lambda d: d["steps"][0]["do"].append({"zh": first["do"][0]["zh"], "en": True}),
        lambda d: d["steps"][0]["do"].append({"zh": first["do"][0]["zh"], "en": ["a"]}),
        lambda d: d["steps"][0].__setitem__("say", [{"zh": "您好", "en": 1}, {"zh": "您好", "en": True}]),
        lambda d: d["steps"].append(copy.deepcopy(first)),  # steps may repeat structurally
    ):
        data = copy.deepcopy(base)
        change(data)
        cases.append(data)
    verdicts = [checker.is_valid(d) for d in cases]
    assert verdicts == [VALIDATOR.is_valid(d) for d in cases]
    assert verdicts[:5] == [True, False, False, False, False]
