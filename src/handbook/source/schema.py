"""Validate data against JSON Schema, fast: a compiled path for the common valid file.

The structure of SOPs and standards is defined once, as JSON Schema (draft 2020-12), and
validated with the `jsonschema` library, so an editor or any other validator reaches the same
verdict as `handbook check`. `schema_report` turns the errors into located diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker

from .tree import parse_date


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
