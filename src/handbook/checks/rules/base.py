"""What every SOP rule type receives, and how it reports.

A rule *type* is a small class with one `check` method that reports into the file's `Sink`,
and an `ids` attribute declaring the rule ids it reports (the registry, the README table and
the fixture test are built from these). Which phrases, steps or checklist items it enforces
comes from the standards, never from the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from ...content.model import Sop
from ...content.standards import Standards
from ...source.diagnostics import RuleId, Sink


@dataclass(frozen=True, slots=True)
class Context:
    standards: Standards


class SopRule(Protocol):
    ids: ClassVar[tuple[RuleId, ...]]

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None: ...


def quote_list(items: list[str], limit: int = 4) -> str:
    shown = ", ".join(f'"{i}"' for i in items[:limit])
    return shown + (", …" if len(items) > limit else "")
