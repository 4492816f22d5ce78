"""The located tree YAML is read into, and the queries every stage asks of it.

Every node keeps its position (1-based line and column), so any later check can point at the
offending value. Plain scalars keep their raw text next to the YAML 1.1 type they would have
had, so a check can say "YAML reads `1.10` as a number; quote it". Tree queries live here, once:
the model, the standards and the schema report all ask the same questions of the same tree.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import yaml

_YAML11_TAG = "tag:yaml.org,2002:"


@dataclass(slots=True)
class Scalar:
    """A scalar as written: raw text, the YAML 1.1 type a plain scalar resolves to, position."""

    text: str
    tag: str  # "str", "int", "float", "bool", "null", "timestamp", "merge", "value"; "alias" stands
    # for a refused alias (already reported, so later checks stay quiet about it)
    plain: bool
    line: int
    col: int
    end_line: int
    end_col: int
    source_line: str | None = None  # the line holding the scalar, when it fits on one line

    @property
    def base_col(self) -> int | None:
        """Column of text[0] when the source holds the text verbatim (computed on demand: only
        a diagnostic pointing inside a text needs it)."""
        if self.source_line is None or self.line != self.end_line:
            return None
        raw = self.source_line[self.col - 1:self.end_col - 1]
        if raw == self.text:
            return self.col
        if len(raw) >= 2 and raw[1:-1] == self.text:
            return self.col + 1
        return None


@dataclass(slots=True)
class Mapping:
    """A mapping; `keys` keeps the key scalars so unknown keys can be pointed at."""

    line: int
    col: int
    flow: bool
    items: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


@dataclass(slots=True)
class Sequence:
    line: int
    col: int
    flow: bool
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence


class Unreadable:
    """A plain scalar YAML resolves to a type we cannot build (a 5,000-digit integer)."""

    __slots__ = ("tag", "text")

    def __init__(self, text: str, tag: str) -> None:
        self.text, self.tag = text, tag

    def __repr__(self) -> str:
        return f"Unreadable({self.text[:20]!r})"


def to_data(node: Node | None) -> object:
    """The JSON view of the tree, as an editor's JSON Schema validator would see it.

    Plain scalars take their YAML 1.1 type (so `1.10` is the float 1.1 and `no` is False: the
    schema check then reports them), except dates, which stay text: a valid `2026-11-01` is the
    string "2026-11-01", an invalid one keeps its raw text for the date-format check.
    """
    kind = type(node)
    if kind is Scalar:
        return node.text if node.tag == "str" else scalar_value(node)  # type: ignore[union-attr]
    if kind is Mapping:
        return {k: to_data(v) for k, (_, v) in node.items.items()}  # type: ignore[union-attr]
    if kind is Sequence:
        return [to_data(v) for v in node.items]  # type: ignore[union-attr]
    return None


_CONSTRUCTOR = yaml.SafeLoader("")


class AliasPlaceholder:
    """Where a refused alias stood: already reported, so the schema check skips it."""

    __slots__ = ()


ALIAS = AliasPlaceholder()


def scalar_value(s: Scalar) -> object:
    if s.tag == "alias":
        return ALIAS
    if not s.plain or s.tag in ("str", "timestamp", "merge", "value"):
        return s.text
    if s.tag == "null":
        return None
    sn = yaml.ScalarNode(_YAML11_TAG + s.tag, s.text)
    try:
        if s.tag == "bool":
            return _CONSTRUCTOR.construct_yaml_bool(sn)
        if s.tag == "int":
            return _CONSTRUCTOR.construct_yaml_int(sn)
        if s.tag == "float":
            return _CONSTRUCTOR.construct_yaml_float(sn)
    except (ValueError, OverflowError):
        return Unreadable(s.text, s.tag)
    return s.text


def parse_date(text: str) -> _dt.date | None:
    """A strict ISO calendar date (YYYY-MM-DD), or None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def node_at(root: Node | None, path: tuple[object, ...] | list[object]) -> Node | None:
    """The node at a JSON path (keys and indexes), or None if the path leaves the tree."""
    node = root
    for part in path:
        if isinstance(node, Mapping) and isinstance(part, str) and part in node.items:
            node = node.items[part][1]
        elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node.items):
            node = node.items[part]
        else:
            return None
    return node


def key_at(root: Node | None, path: tuple[object, ...] | list[object]) -> Scalar | None:
    """The key scalar of the last path element when it is a mapping key."""
    if not path or not isinstance(path[-1], str):
        return None
    parent = node_at(root, path[:-1])
    if isinstance(parent, Mapping) and path[-1] in parent.items:
        return parent.items[path[-1]][0]
    return None


def field_node(node: Node | None, key: str) -> Node | None:
    """The value of `key` in a mapping, or None (also when `node` is not a mapping)."""
    if isinstance(node, Mapping) and key in node.items:
        return node.items[key][1]
    return None


def key_node(node: Node | None, key: str) -> Scalar | None:
    """The key scalar of `key` in a mapping (where an unknown or misplaced key is pointed at)."""
    if isinstance(node, Mapping) and key in node.items:
        return node.items[key][0]
    return None


def scalar_text(node: Node | None) -> str | None:
    """The text of a non-empty scalar, or None."""
    return node.text if isinstance(node, Scalar) and node.text != "" else None


def items(node: Node | None) -> list[Node]:
    """Children of a sequence, or nothing: lets callers iterate without type checks."""
    return node.items if isinstance(node, Sequence) else []


def scalars(node: Node | None) -> list[Scalar]:
    """The non-empty scalars of a sequence (a list of names or phrases)."""
    return [n for n in items(node) if isinstance(n, Scalar) and n.text]


def strings_of(node: Node | None) -> list[tuple[str, Scalar]]:
    """(text, node) of the non-empty scalars of a sequence."""
    return [(n.text, n) for n in scalars(node)]
