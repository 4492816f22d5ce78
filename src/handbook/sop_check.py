"""Check one SOP file: bytes → located tree → schema → model → per-file rules.

What the cross-file checks (unique ids, references, review dates) need is kept in a small
`SopRecord`, so a large corpus can be checked file by file — in worker processes, without
keeping every tree in memory — and the model is kept only when pages are to be rendered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from . import schema_errors
from .diagnostics import Diagnostic, Sink
from .model import Sop, build_sop, scalar_text, strings_of
from .rules import FILE_RULES, Context
from .schema_errors import SchemaChecker
from .sop_schema import PATTERN_HINTS, build_sop_schema
from .standards import Standards
from .yaml_loader import Mapping, decode, parse_file, to_data, yaml_lines


@lru_cache(maxsize=8)
def _validator(categories: tuple[str, ...], roles: tuple[str, ...], kinds: tuple[str, ...]) -> SchemaChecker:
    return schema_errors.make_validator(build_sop_schema(list(categories), list(roles), list(kinds)))


def validator_for(std: Standards) -> SchemaChecker:
    if std.sop_schema is None:  # built once per Standards, not once per file
        std.sop_schema = _validator(tuple(std.categories), tuple(std.roles), tuple(std.step_kinds))
    return std.sop_schema


@dataclass(slots=True)
class SopRecord:
    """One SOP file as the cross-file checks see it: small and picklable."""

    path: str
    stem: str
    readable: bool = False  # parsed into a mapping (an unreadable file still "exists" for links)
    id: str | None = None
    id_pos: tuple[int, int] = (1, 1)
    refs: list[tuple[str, str, int, int]] = field(default_factory=list)  # (field, target, line, col)
    effective: str | None = None
    review_by: str | None = None
    review_pos: tuple[int, int] = (1, 1)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    key: str = ""  # file_key of the bytes checked: the result cache stores the record under it


def file_key(display: str, data: bytes) -> str:
    """What a cached result is valid for: this path with exactly these bytes."""
    return hashlib.blake2b(display.encode() + b"\0" + data, digest_size=16).hexdigest()


def check_sop_file(display: str, stem: str, data: bytes, std: Standards,
                   ctx: Context) -> tuple[SopRecord, Sop | None]:
    """Everything about one file that does not depend on the other files."""
    sink = Sink(display)
    record = SopRecord(display, stem, key=file_key(display, data))
    text = decode(data, sink)
    tree = parse_file(text, sink) if text is not None else None
    if tree is None:
        record.diagnostics = sink.items
        return record, None
    schema_errors.report(validator_for(std), to_data(tree), tree, sink, pattern_hints=PATTERN_HINTS)
    if not isinstance(tree, Mapping):
        record.diagnostics = sink.items
        return record, None
    sop = build_sop(display, stem, tree, yaml_lines(text) if text is not None else [])
    diags = sink.items
    for rule in FILE_RULES:
        diags.extend(rule.check(sop, ctx))
    record.readable = True
    record.id, record.id_pos = sop.id, sop.at("id")
    record.refs = [("escalate_to", s.escalate_to, *s.at("escalate_to")) for s in sop.steps if s.escalate_to]
    record.refs += [("related", target, node.line, node.col) for target, node in strings_of(sop.nodes.get("related"))]
    record.effective = scalar_text(sop.nodes.get("effective"))
    record.review_by = scalar_text(sop.nodes.get("review_by"))
    record.review_pos = sop.at("review_by")
    record.diagnostics = diags
    return record, sop
