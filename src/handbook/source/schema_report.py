"""Turn JSON Schema errors into located, friendly diagnostics.

What the `jsonschema` library cannot know is where an error is in the YAML file and why YAML
produced that value; this module adds both, from the located tree. One handler per JSON Schema
keyword (the shape of jsonschema's own `_keywords.py`), each saying what the author should do.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from jsonschema.exceptions import ValidationError

from .diagnostics import RuleId, Sink
from .loader import EMPTY_FILE, SCHEMA_TYPE
from .schema import SchemaChecker
from .tree import AliasPlaceholder, Mapping, Node, Scalar, Unreadable, key_at, node_at, parse_date

SCHEMA_REQUIRED = RuleId("schema.required", "a required key is missing")
SCHEMA_UNKNOWN_KEY = RuleId("schema.unknown-key", "a key the format does not know")
SCHEMA_ENUM = RuleId("schema.enum", "a category, role or step kind the standards do not define")
SCHEMA_PATTERN = RuleId("schema.pattern", "an id, version or time limit in the wrong form")
SCHEMA_UNIQUE = RuleId("schema.unique", "a list names the same entry twice")
SCHEMA_LIMIT = RuleId("schema.limit", "a text or list is longer than allowed")
SCHEMA_INVALID = RuleId("schema.invalid", "any other structural problem")
YAML_SPLIT_TEXT = RuleId("yaml.split-text", "a half-width comma split a one-line {zh: …, en: …} text")
I18N_MISSING = RuleId("i18n.missing", "a zh or en text is missing or empty")
CHECKLIST_EMPTY = RuleId("checklist.empty", "a step without checklist items")

_TYPE_WORDS = {
    "string": "text",
    "object": "a mapping of keys",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    best = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'; did you mean "{best[0]}"?' if best else ""


@dataclass
class _Error:
    """One schema error with what every handler needs: where, a name for the place, the sink."""

    err: ValidationError
    root: Node | None
    sink: Sink
    pattern_hints: dict[str, str]
    seen_required: set[tuple[tuple[Any, ...], str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.path = list(self.err.absolute_path)
        self.node = node_at(self.root, self.path)
        self.pos = _pos(self.node)
        self.label = _label(self.path)
        self.schema = self.err.schema if isinstance(self.err.schema, dict) else {}

    @property
    def field(self) -> str:
        """The nearest key above the error (`check` for item 2 of a step's check list)."""
        return next((p for p in reversed(self.path) if isinstance(p, str)), "")

    def report(self, rule: RuleId, message: str, pos: tuple[int, int] | None = None) -> None:
        self.sink.at(pos or self.pos, rule, message)


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
    seen: set[tuple[tuple[Any, ...], str]] = set()
    for err in checker.validator.iter_errors(data):
        if isinstance(err.instance, AliasPlaceholder):
            continue  # the refused alias was reported by the loader
        e = _Error(err, root, sink, pattern_hints or {}, seen)
        _HANDLERS.get(err.validator, _other)(e)
    return len(sink.items) - before


def _required(e: _Error) -> None:
    is_text = set(e.schema.get("properties", {})) == {"zh", "en"}
    for name in e.err.validator_value:
        if not isinstance(e.err.instance, dict) or name in e.err.instance or (tuple(e.path), name) in e.seen_required:
            continue
        e.seen_required.add((tuple(e.path), name))
        if is_text:
            e.report(I18N_MISSING, f"{e.label}: the {name} text is missing; every text needs both zh and en")
        elif name == "check":
            e.report(CHECKLIST_EMPTY, "this step has no `check` list; give it at least one checklist item a "
                                      "supervisor can tick")
        else:
            e.report(SCHEMA_REQUIRED, f'missing required key "{name}"')


def _additional_properties(e: _Error) -> None:
    allowed = list(e.schema.get("properties", {}))
    for key in e.err.instance if isinstance(e.err.instance, dict) else {}:
        if key in allowed:
            continue
        kpos = _pos(key_at(e.root, [*e.path, key]))
        if _is_split_text(e.node, key):
            e.report(YAML_SPLIT_TEXT,
                     f'a half-width comma split this text: YAML read "{key}" as a separate key '
                     f'and cut the text before it. Use a full-width comma "，", put the whole text '
                     f"in double quotes, or write zh: and en: on their own lines", kpos)
        else:
            e.report(SCHEMA_UNKNOWN_KEY, f'unknown key "{key}"{did_you_mean(key, allowed)} '
                                         f"(allowed here: {', '.join(allowed)})", kpos)


def _type(e: _Error) -> None:
    value = e.err.validator_value
    expected = value if isinstance(value, list) else [value]
    words = " or ".join(_TYPE_WORDS.get(x, x) for x in expected)
    if not e.path:
        if e.err.instance is None:
            e.report(SCHEMA_TYPE, EMPTY_FILE.format(what="is empty"), (1, 1))
        else:
            e.report(SCHEMA_TYPE, f"the file must be a mapping of keys, not {_found(e.err.instance, e.node)}")
        return
    hint = _type_hint(expected, e.err.instance, e.node, e.label)
    e.report(SCHEMA_TYPE, f"{e.label} must be {words}, not {_found(e.err.instance, e.node)}"
                          + (f"; {hint}" if hint else ""))


def _format(e: _Error) -> None:
    text = str(e.err.instance)
    why = "is not a real date" if parse_date(text) is None and len(text) == 10 else "is not a date"
    e.report(SCHEMA_TYPE, f"{e.label}: `{text}` {why}; write YYYY-MM-DD, e.g. 2026-11-01")


def _enum(e: _Error) -> None:
    choices = [str(c) for c in e.err.validator_value]
    e.report(SCHEMA_ENUM, f'unknown {e.label} "{e.err.instance}"{did_you_mean(str(e.err.instance), choices)} '
                          f"(known: {', '.join(choices)})")


def _pattern(e: _Error) -> None:
    if e.label.endswith(" text"):
        e.report(I18N_MISSING, f"{e.label} is empty; write the {e.label[:2]} text")
        return
    hint = e.pattern_hints.get(e.field, f"it must match {e.err.validator_value}")
    e.report(SCHEMA_PATTERN, f"{e.label} `{e.err.instance}` is not valid: {hint}")


def _min_length(e: _Error) -> None:
    if e.label.endswith(" text"):
        e.report(I18N_MISSING, f"{e.label} is empty; write the {e.label[:2]} text")
    else:
        e.report(SCHEMA_REQUIRED, f"{e.label} must not be empty")


def _min_items(e: _Error) -> None:
    if e.field == "check":
        e.report(CHECKLIST_EMPTY, "this step's `check` list is empty; give it at least one checklist item")
    else:
        e.report(SCHEMA_REQUIRED, f"{e.label} needs at least {e.err.validator_value} item(s)")


def _too_long(e: _Error) -> None:
    size = len(e.err.instance) if hasattr(e.err.instance, "__len__") else "?"
    e.report(SCHEMA_LIMIT, f"{e.label} is too long ({size}; at most {e.err.validator_value})")


def _unique_items(e: _Error) -> None:
    e.report(SCHEMA_UNIQUE, f"{e.label} lists the same entry twice")


def _other(e: _Error) -> None:
    e.report(SCHEMA_INVALID, f"{e.label}: {e.err.message}")


_HANDLERS: dict[str, Callable[[_Error], None]] = {
    "required": _required,
    "additionalProperties": _additional_properties,
    "type": _type,
    "format": _format,
    "enum": _enum,
    "pattern": _pattern,
    "minLength": _min_length,
    "minItems": _min_items,
    "maxItems": _too_long,
    "maxLength": _too_long,
    "maxProperties": _too_long,
    "uniqueItems": _unique_items,
}


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


def _pos(node: Node | None) -> tuple[int, int]:
    return (node.line, node.col) if node is not None else (1, 1)
