"""Check one SOP file: bytes → located tree → schema → model → rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jsonschema import Draft202012Validator

from . import schema_errors
from .diagnostics import Diagnostic, Sink
from .model import Sop, build_sop
from .rules import SOP_RULES, Context
from .sop_schema import PATTERN_HINTS, build_sop_schema
from .standards import Standards
from .yaml_loader import Mapping, decode, parse, to_data


@lru_cache(maxsize=8)
def _validator(categories: tuple[str, ...], roles: tuple[str, ...], kinds: tuple[str, ...]) -> Draft202012Validator:
    return schema_errors.make_validator(build_sop_schema(list(categories), list(roles), list(kinds)))


def validator_for(std: Standards) -> Draft202012Validator:
    return _validator(tuple(std.categories), tuple(std.roles), tuple(std.step_kinds))


@dataclass(slots=True)
class LoadedSop:
    path: str
    sop: Sop | None
    diagnostics: list[Diagnostic]


def load_sop(display: str, stem: str, data: bytes, std: Standards) -> LoadedSop:
    """Parse and structurally validate one SOP; `sop` is None when there is no mapping to model."""
    sink = Sink(display)
    text = decode(data, sink)
    if text is None:
        return LoadedSop(display, None, sink.items)
    tree = parse(text, sink)
    if tree is None:
        return LoadedSop(display, None, sink.items)
    schema_errors.report(validator_for(std), to_data(tree), tree, sink, pattern_hints=PATTERN_HINTS)
    sop = build_sop(display, stem, tree, text.split("\n")) if isinstance(tree, Mapping) else None
    return LoadedSop(display, sop, sink.items)


def check_rules(sop: Sop, ctx: Context) -> list[Diagnostic]:
    return [d for rule in SOP_RULES for d in rule.check(sop, ctx)]
