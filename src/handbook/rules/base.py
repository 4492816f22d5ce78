"""What every SOP rule type receives and returns.

A rule *type* is a small class with one `check` method yielding diagnostics; which phrases,
steps or checklist items it enforces comes from the standards, never from the code.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from ..diagnostics import Diagnostic, Severity
from ..model import Sop
from ..standards import Standards


@dataclass(frozen=True, slots=True)
class Context:
    standards: Standards
    sop_ids: frozenset[str] = field(default_factory=frozenset)
    today: _dt.date = field(default_factory=_dt.date.today)


class SopRule(Protocol):
    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]: ...


def error(sop: Sop, pos: tuple[int, int], rule: str, message: str) -> Diagnostic:
    return Diagnostic(sop.path, pos[0], pos[1], Severity.ERROR, rule, message)


def warning(sop: Sop, pos: tuple[int, int], rule: str, message: str) -> Diagnostic:
    return Diagnostic(sop.path, pos[0], pos[1], Severity.WARNING, rule, message)


def quote_list(items: list[str], limit: int = 4) -> str:
    shown = ", ".join(f'"{i}"' for i in items[:limit])
    return shown + (", …" if len(items) > limit else "")
