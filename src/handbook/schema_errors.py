"""Turn JSON Schema errors into located, friendly diagnostics.

The structure of SOPs and standards is defined once, as JSON Schema (draft 2020-12), and
validated with the `jsonschema` library, so an editor or any other validator reaches the same
verdict as `handbook check`. What the library cannot know is where the error is in the YAML
file and why YAML produced that value; this module adds both, from the located node tree.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .diagnostics import Sink
from .yaml_loader import (
    EMPTY_FILE,
    AliasPlaceholder,
    Mapping,
    Node,
    Scalar,
    Sequence,
    Unreadable,
    key_at,
    node_at,
    parse_date,
)

_TYPE_WORDS = {
    "string": "text",
    "object": "a mapping of keys",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


class SchemaChecker:
    """One schema, two engines: a compiled fast path and `jsonschema` for the details.

    Almost every file is valid, and `fastjsonschema` (the schema compiled to Python) decides
    that in a fraction of the time; only an invalid file goes through `jsonschema`'s
    `iter_errors`, which knows the path of every error. The hypothesis test in
    tests/test_schema_export.py checks that the verdicts agree with plain `jsonschema`.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        Draft202012Validator.check_schema(schema)
        self.schema = schema
        self.validator = Draft202012Validator(schema, format_checker=FormatChecker(["date"]))
        # fastjsonschema speaks drafts 4–7; the keywords used here mean the same in 2020-12.
        # Local $refs are inlined: a referenced definition costs a function call per value and
        # formats an error-path string even when the value is valid (~15% of a large check).
        draft7 = {k: v for k, v in schema.items() if k not in ("$schema", "$id")}
        fast, self._unique_lists = split_unique_items(inline_refs(draft7, draft7.get("$defs", {})))
        self._fast = fastjsonschema.compile(fast, formats={"date": _is_date})

    def is_valid(self, data: Any) -> bool:
        try:
            self._fast(data)
        except fastjsonschema.JsonSchemaException:
            return False
        except Exception:  # anything unexpected: let jsonschema decide
            return self.validator.is_valid(data)
        if any(_may_repeat(items) for path in self._unique_lists for items in lists_at(data, path)):
            return self.validator.is_valid(data)  # a repeat, or a value it cannot judge
        return True


DataPath = tuple[str | None, ...]  # property names; None: every item of a list


def split_unique_items(schema: Any) -> tuple[Any, list[DataPath]]:
    """The schema without the `uniqueItems` reachable through `properties` and `items` alone,
    and where those lists are in the data.

    fastjsonschema checks uniqueness by freezing every item recursively (~6% of a large
    check); `_may_repeat` does it with one set per list. Any `uniqueItems` elsewhere (under
    allOf, patternProperties…) stays in the compiled schema.
    """
    paths: list[DataPath] = []

    def walk(node: Any, path: DataPath) -> Any:
        if not isinstance(node, dict):
            return node
        out = dict(node)
        if out.get("uniqueItems") is True:
            del out["uniqueItems"]
            paths.append(path)
        if isinstance(out.get("properties"), dict):
            out["properties"] = {k: walk(v, (*path, k)) for k, v in out["properties"].items()}
        if isinstance(out.get("items"), dict):
            out["items"] = walk(out["items"], (*path, None))
        return out

    return walk(schema, ()), paths


def lists_at(data: Any, path: DataPath) -> Iterator[list[Any]]:
    """The lists found at `path` in `data` (none where the data has another shape)."""
    if not path:
        if type(data) is list:
            yield data
        return
    head, rest = path[0], path[1:]
    if head is None:
        if type(data) is list:
            for item in data:
                yield from lists_at(item, rest)
    elif type(data) is dict and head in data:
        yield from lists_at(data[head], rest)


def _may_repeat(items: list[Any]) -> bool:
    """True when two items may be equal: Python equality is a little coarser than JSON's
    (1 == True), and unhashable items are not judged here — both send the data to jsonschema."""
    try:
        distinct = {frozenset(i.items()) if type(i) is dict else i for i in items}
    except TypeError:
        return True
    return len(distinct) != len(items)


def inline_refs(schema: Any, defs: dict[str, Any], depth: int = 0) -> Any:
    """`schema` with every `{"$ref": "#/$defs/name"}` replaced by that definition (the SOP and
    standards schemas are not recursive; a cycle would be refused at depth 32)."""
    if depth > 32:
        raise ValueError("schema definitions refer to each other in a cycle")
    if isinstance(schema, list):
        return [inline_refs(item, defs, depth) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[len("#/$defs/"):] in defs:
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        target = inline_refs(defs[ref[len("#/$defs/"):]], defs, depth + 1)
        return {"allOf": [target, inline_refs(rest, defs, depth)]} if rest else target
    return {k: (v if k == "$defs" else inline_refs(v, defs, depth)) for k, v in schema.items()}


def _is_date(value: str) -> bool:
    return parse_date(value) is not None


def make_validator(schema: dict[str, Any]) -> SchemaChecker:
    return SchemaChecker(schema)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    best = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'; did you mean "{best[0]}"?' if best else ""


def _label(path: list[Any]) -> str:
    """A short human name for the place: `version`, `en text`, `item 2 of related`."""
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, int):
        key = next((p for p in reversed(path) if isinstance(p, str)), "list")
        return f"item {last + 1} of {key}"
    if last in ("zh", "en"):
        return f"{last} text"
    return str(last)


def _found(instance: Any, node: Node | None) -> str:
    if isinstance(node, Scalar) and node.plain and not isinstance(instance, str):
        return f"`{node.text}`" if node.text else "nothing"
    if isinstance(instance, Unreadable):
        return f"`{instance.text[:40]}`"
    if isinstance(instance, dict):
        return "a mapping"
    if isinstance(instance, list):
        return "a list"
    if instance is None:
        return "nothing"
    return f"`{instance}`"


def _type_hint(expected: list[str], instance: Any, node: Node | None, label: str) -> str:
    text = node.text if isinstance(node, Scalar) else ""
    if "string" in expected:
        if isinstance(instance, bool):
            return f'YAML reads `{text}` as {str(instance).lower()}; put it in quotes: "{text}"'
        if isinstance(instance, (int, float, Unreadable)):
            if label == "version":
                return (f'YAML reads `{text}` as a number ({instance!r}); write all three parts '
                        f'and quote it, e.g. "{text}.0"' if text.count(".") == 1 else
                        f'YAML reads `{text}` as a number; quote it: "{text}"')
            if label == "within":  # a time limit needs its unit, and quotes alone would not give one
                if text.isdigit():
                    return (f"a time limit is a number and a unit: write {text}m for {text} minutes "
                            f"(or {text}s, {text}h)")
                return "a time limit is a whole number and a unit, e.g. 30s, 2m, 24h, 7d"
            return f'YAML reads `{text}` as a number; put it in quotes: "{text}"'
        if instance is None:
            return "the value is empty; write the text after the colon"
    if "object" in expected and isinstance(instance, str):
        if "：" in instance:
            return ('a full-width colon "：" does not separate a key from its value; '
                    'use a half-width ":" followed by a space')
        if label.endswith("text") or label in ("title", "purpose", "owner", "name"):
            return "write it as zh: and en: on their own lines, each with its text"
    if "array" in expected and instance is not None and not isinstance(instance, list):
        return "write a list: one `- item` per line, or [a, b]"
    if "integer" in expected and isinstance(instance, str):
        return "write a whole number without quotes"
    return ""


def _is_split_text(parent: Node | None, key: str) -> bool:
    """`{zh: 您好,请您慢慢说, en: …}`: the comma made `请您慢慢说` a key with no value."""
    if not isinstance(parent, Mapping) or not parent.flow or key not in parent.items:
        return False
    value = parent.items[key][1]
    return isinstance(value, Scalar) and value.plain and value.tag == "null" and value.text == ""


def report(
    checker: SchemaChecker,
    data: Any,
    root: Node | None,
    sink: Sink,
    *,
    pattern_hints: dict[str, str] | None = None,
) -> int:
    """Validate `data` and send one diagnostic per problem to `sink`; returns how many."""
    if checker.is_valid(data):
        return 0
    before = len(sink.items)
    seen_required: set[tuple[tuple[Any, ...], str]] = set()
    for err in checker.validator.iter_errors(data):
        _report_one(err, root, sink, pattern_hints or {}, seen_required)
    return len(sink.items) - before


def _pos(node: Node | None) -> tuple[int, int]:
    return (node.line, node.col) if node is not None else (1, 1)


def _report_one(
    err: ValidationError,
    root: Node | None,
    sink: Sink,
    pattern_hints: dict[str, str],
    seen_required: set[tuple[tuple[Any, ...], str]],
) -> None:
    if isinstance(err.instance, AliasPlaceholder):
        return  # the refused alias was reported by the loader
    path = list(err.absolute_path)
    node = node_at(root, path)
    pos = _pos(node)
    label = _label(path)
    kind = err.validator
    schema = err.schema if isinstance(err.schema, dict) else {}

    if kind == "required":
        props = schema.get("properties", {})
        is_text = set(props) == {"zh", "en"}
        for name in err.validator_value:
            if not isinstance(err.instance, dict) or name in err.instance:
                continue
            if (tuple(path), name) in seen_required:
                continue
            seen_required.add((tuple(path), name))
            if is_text:
                where = _label(path)
                sink.at(pos, "i18n.missing",
                        f"{where}: the {name} text is missing; every text needs both zh and en")
            elif name == "check":
                sink.at(pos, "checklist.empty",
                        "this step has no `check` list; give it at least one checklist item a "
                        "supervisor can tick")
            else:
                sink.at(pos, "schema.required", f'missing required key "{name}"')
        return

    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in err.instance if isinstance(err.instance, dict) else {}:
            if key in allowed:
                continue
            key_node = key_at(root, [*path, key])
            kpos = _pos(key_node)
            if _is_split_text(node, key):
                sink.at(kpos, "yaml.split-text",
                        f'a half-width comma split this text: YAML read "{key}" as a separate key '
                        f'and cut the text before it. Use a full-width comma "，", put the whole text '
                        f"in double quotes, or write zh: and en: on their own lines")
            else:
                sink.at(kpos, "schema.unknown-key",
                        f'unknown key "{key}"{did_you_mean(key, allowed)} '
                        f"(allowed here: {', '.join(allowed)})")
        return

    if kind == "type":
        expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        words = " or ".join(_TYPE_WORDS.get(e, e) for e in expected)
        if not path:
            if err.instance is None:
                sink.at((1, 1), "schema.type", EMPTY_FILE.format(what="is empty"))
            else:
                sink.at(pos, "schema.type", f"the file must be a mapping of keys, not {_found(err.instance, node)}")
            return
        hint = _type_hint(expected, err.instance, node, label)
        sink.at(pos, "schema.type",
                f"{label} must be {words}, not {_found(err.instance, node)}" + (f"; {hint}" if hint else ""))
        return

    if kind == "format":
        text = str(err.instance)
        why = "is not a real date" if parse_date(text) is None and len(text) == 10 else "is not a date"
        sink.at(pos, "schema.type", f"{label}: `{text}` {why}; write YYYY-MM-DD, e.g. 2026-11-01")
        return

    if kind == "enum":
        choices = [str(c) for c in err.validator_value]
        sink.at(pos, "schema.enum",
                f'unknown {label} "{err.instance}"{did_you_mean(str(err.instance), choices)} '
                f"(known: {', '.join(choices)})")
        return

    if kind in ("minLength", "pattern") and label.endswith(" text"):
        sink.at(pos, "i18n.missing", f"{label} is empty; write the {label[:2]} text")
        return

    if kind == "pattern":
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        hint = pattern_hints.get(field, f"it must match {err.validator_value}")
        sink.at(pos, "schema.pattern", f"{label} `{err.instance}` is not valid: {hint}")
        return

    if kind == "minItems":
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        if field == "check":
            sink.at(pos, "checklist.empty",
                    "this step's `check` list is empty; give it at least one checklist item")
        else:
            sink.at(pos, "schema.required", f"{label} needs at least {err.validator_value} item(s)")
        return

    if kind in ("maxItems", "maxLength", "maxProperties"):
        size = len(err.instance) if hasattr(err.instance, "__len__") else "?"
        sink.at(pos, "schema.limit", f"{label} is too long ({size}; at most {err.validator_value})")
        return

    if kind == "uniqueItems":
        sink.at(pos, "schema.unique", f"{label} lists the same entry twice")
        return

    if kind == "minLength":
        sink.at(pos, "schema.required", f"{label} must not be empty")
        return

    sink.at(pos, "schema.invalid", f"{label}: {err.message}")


def node_items(node: Node | None) -> list[Node]:
    """Children of a sequence, or nothing: lets callers iterate without type checks."""
    return node.items if isinstance(node, Sequence) else []
