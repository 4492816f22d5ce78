"""The YAML loader turns every trap of YAML and of editors into a located error, fast."""

from __future__ import annotations

import time

import pytest

from handbook.source import loader as yaml_loader
from handbook.source.diagnostics import Sink
from handbook.source.loader import MAX_BYTES, MAX_DEPTH, decode, flow_depth_over, parse
from handbook.source.schema import make_validator
from handbook.source.schema_report import report
from handbook.source.tree import Mapping, to_data


def load(text: str) -> tuple[object, list[str]]:
    sink = Sink("x.yml")
    tree = parse(text, sink)
    return tree, [f"{d.line}:{d.col} {d.rule}" for d in sink.items]


def test_positions_are_one_based_and_count_characters() -> None:
    tree, diags = load("a:\n  b: 您好世界\n")
    assert diags == []
    assert isinstance(tree, Mapping)
    inner = tree.items["a"][1]
    assert isinstance(inner, Mapping)
    key, value = inner.items["b"]
    assert (key.line, key.col, value.line, value.col) == (2, 3, 2, 6)


def test_duplicate_key_is_reported_at_the_second_occurrence() -> None:
    _, diags = load("a: 1\nb: 2\na: 3\n")
    assert diags == ["3:1 yaml.duplicate-key"]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    tree, diags = load("\n".join(lines) + "\n")
    to_data(tree)
    assert time.perf_counter() - start < 2
    assert "1:4 yaml.alias" in diags
    assert any(d.endswith("yaml.alias") and d.startswith("2:") for d in diags)


@pytest.mark.parametrize("text", ["[" * 30000 + "]" * 30000, "- " * 30000 + "x\n", "a:\n" + "".join(
    "  " * i + f"k{i}:\n" for i in range(1, 200))])
def test_deep_nesting_is_a_located_error_not_a_crash(text: str) -> None:
    start = time.perf_counter()
    tree, diags = load(text)
    assert time.perf_counter() - start < 2
    assert tree is None
    assert len(diags) == 1 and diags[0].endswith("yaml.too-deep")


class _NoParser:
    """Stands in for libyaml: any use of it fails the test."""

    def __init__(self, text: str) -> None:
        raise AssertionError("libyaml was called")


@pytest.mark.parametrize("text", [
    "[" * 1200 + "]" * 1200,
    "steps:\n  - say: " + "{a: " * 40 + "x" + "}" * 40 + "\n",
    "a: 1\nb:\n" + "  - " + "[" * 33 + "\n",  # unclosed: libyaml would report a syntax error
])
def test_flow_depth_is_refused_before_libyaml_sees_the_text(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(yaml_loader, "_EventLoader", _NoParser)
    tree, diags = load(text)
    assert tree is None
    assert len(diags) == 1 and diags[0].endswith("yaml.too-deep"), diags


def test_flow_depth_points_at_the_bracket_that_goes_too_deep() -> None:
    assert flow_depth_over("a: 1\nb: " + "[" * 40) == (2, 4 + MAX_DEPTH)


@pytest.mark.parametrize("text", [
    # brackets that are text, not structure: inside quotes, comments, mid-value, block scalars
    "a: \"" + "[" * 50 + "\"\n",
    "a: '" + "{" * 50 + "'\n",
    "a: x # " + "[" * 50 + "\n",
    "a: note" + "[" * 50 + "\n",
    "a: |\n  text" + "[" * 50 + "\n",
    "a: [\"" + "[" * 50 + "\", 'it''s " + "{" * 50 + "']\n",
    "a: [" + ", ".join(["[1]"] * 60) + "]\n",  # wide, not deep
])
def test_flow_depth_scan_never_overcounts(text: str) -> None:
    assert flow_depth_over(text) is None
    _, diags = load(text)
    assert not any(d.endswith("yaml.too-deep") for d in diags)


def test_libyaml_nesting_limit_maps_to_too_deep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should libyaml's own limit fire first (the scan undercounts, or a smaller limit in a
    future libyaml), the author still gets yaml.too-deep, not a syntax error with a comma hint."""
    monkeypatch.setattr(yaml_loader, "flow_depth_over", lambda text, limit=MAX_DEPTH: None)
    tree, diags = load("a: " + "[" * 1200 + "]" * 1200 + "\n")
    assert tree is None and len(diags) == 1 and diags[0].endswith("yaml.too-deep"), diags


def test_oversized_file_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_loader, "_EventLoader", _NoParser)  # proves the "before"
    tree, diags = load("a: " + "x" * (MAX_BYTES + 1))
    assert tree is None and diags == ["1:1 yaml.too-large"]


def test_hundred_thousand_character_line_is_fine() -> None:
    tree, diags = load("a: " + "好" * 100_000 + "\n")
    assert diags == [] and isinstance(tree, Mapping)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("title: 您好".encode("gb18030"), "GBK/GB18030"),
        ("title: hi".encode("utf-16"), "UTF-16"),
        (b"title: \xff\xfe\xfa", "save it as UTF-8"),
    ],
)
def test_non_utf8_is_a_located_encoding_error(data: bytes, message: str) -> None:
    sink = Sink("x.yml")
    assert decode(data, sink) is None
    assert sink.items[0].rule == "yaml.encoding" and message in sink.items[0].message


def test_utf8_bom_is_accepted() -> None:
    sink = Sink("x.yml")
    assert decode(b"\xef\xbb\xbftitle: x", sink) == "title: x" and sink.items == []


def _type_errors(text: str, schema: dict) -> list[str]:
    sink = Sink("x.yml")
    tree = parse(text, sink)
    report(make_validator(schema), to_data(tree), tree, sink)
    return [f"{d.line}:{d.col} {d.rule}: {d.message}" for d in sink.items]


STRINGS = {"type": "object", "additionalProperties": {"type": "string"}}


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("no", 'YAML reads `no` as false; put it in quotes: "no"'),
        ("on", 'YAML reads `on` as true'),
        ("012345", 'YAML reads `012345` as a number'),
        ("12:30", 'YAML reads `12:30` as a number'),
        ("1" * 5000, "YAML reads"),
        ("~", "the value is empty"),
    ],
)
def test_yaml11_retyping_is_reported_with_the_fix(value: str, hint: str) -> None:
    errors = _type_errors(f"k: {value}\n", STRINGS)
    assert len(errors) == 1 and errors[0].startswith("1:4 schema.type") and hint in errors[0]


def test_full_width_colon_gets_a_hint() -> None:
    schema = {"type": "object", "properties": {"title": {"type": "object"}}}
    errors = _type_errors("title: zh：欢迎\n", schema)
    assert len(errors) == 1 and "full-width colon" in errors[0]


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        ("say:\n  - {zh: 您好, en: Note: please wait}\n", "2:", "double quotes"),
        ("a:\n\tb: 1\n", "2:", "tabs"),
        ('a: "open\nb: 2\nc: "x"\n', "", 'line 1 opens a double quote'),
    ],
)
def test_syntax_errors_are_located_with_a_hint(text: str, where: str, hint: str) -> None:
    sink = Sink("x.yml")
    assert parse(text, sink) is None
    assert [d.rule for d in sink.items] == ["yaml.syntax"]
    assert f"{sink.items[0].line}:".startswith(where)
    assert hint in sink.items[0].message
