"""Check one SOP file: bytes → located tree → schema → model → per-file rules.

What the cross-file checks (unique ids, references, review dates) need is kept in a small
`SopRecord`, so a large corpus can be checked file by file — in worker processes, without
keeping every tree in memory — and the model is kept only when pages are to be rendered.
"""

from __future__ import annotations

from functools import lru_cache

from ..content.model import Sop, build_sop
from ..content.sop_schema import PATTERN_HINTS, build_sop_schema
from ..content.standards import Standards
from ..source.diagnostics import Sink
from ..source.loader import decode, parse_file, yaml_lines
from ..source.schema import SchemaChecker, make_validator
from ..source.schema_report import report
from ..source.tree import Mapping, scalar_text, strings_of, to_data
from .records import SopRecord, file_key
from .rules import FILE_RULES, Context


@lru_cache(maxsize=8)
def _validator(categories: tuple[str, ...], roles: tuple[str, ...], kinds: tuple[str, ...]) -> SchemaChecker:
    return make_validator(build_sop_schema(list(categories), list(roles), list(kinds)))


def validator_for(std: Standards) -> SchemaChecker:
    """The SOP schema checker of these standards, compiled once per set of names."""
    return _validator(tuple(std.categories), tuple(std.roles), tuple(std.step_kinds))


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
    report(validator_for(std), to_data(tree), tree, sink, pattern_hints=PATTERN_HINTS)
    if not isinstance(tree, Mapping):
        record.diagnostics = sink.items
        return record, None
    sop = build_sop(display, stem, tree, yaml_lines(text) if text is not None else [], std.values)
    for rule in FILE_RULES:
        rule.check(sop, ctx, sink)
    record.readable = True
    record.id, record.id_pos = sop.id, sop.at("id")
    record.refs = [("escalate_to", s.escalate_to, *s.at("escalate_to")) for s in sop.steps if s.escalate_to]
    record.refs += [("related", target, node.line, node.col) for target, node in strings_of(sop.nodes.get("related"))]
    record.effective = scalar_text(sop.nodes.get("effective"))
    record.review_by = scalar_text(sop.nodes.get("review_by"))
    record.review_pos = sop.at("review_by")
    record.diagnostics = sink.items
    return record, sop
