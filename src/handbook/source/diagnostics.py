"""The one type every check reports: a located, rule-tagged diagnostic.

The CLI, the MkDocs hook and the tests all print and compare the same object, so an author
sees the identical line whether the error came from `handbook check` or from `mkdocs build`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class RuleId:
    """A rule id and its one-line meaning, declared once, as a module-level constant of the
    code that reports it (as yamllint's rules declare their ID). The registry, the README's rule
    table and the fixture test are built from these declarations (handbook.checks.registry)."""

    id: str
    meaning: str

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: where it is (1-based line and column), how bad, which rule, what to do."""

    path: str
    line: int
    col: int
    severity: Severity
    rule: str
    message: str

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.rule, self.message)

    def format(self) -> str:
        """The contract line: `PATH:LINE:COL: SEVERITY RULE: message` — always exactly one line."""
        return (f"{one_line(self.path)}:{self.line}:{self.col}: {self.severity.value} {self.rule}: "
                f"{one_line(self.message)}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


# Characters that would break a diagnostic into several lines or hide text in a terminal:
# C0/C1 controls, Unicode line/paragraph separators, and what str.splitlines() splits on.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def one_line(text: str) -> str:
    """Author values quoted in messages, with invisible and line-breaking characters escaped."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


LINE_RE = re.compile(
    r"^(?P<path>[^\n]+?):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*): "
    r"(?P<severity>error|warning) (?P<rule>[a-z0-9]+(?:[.-][a-z0-9]+)*): (?P<message>.+)$"
)


def parse_line(text: str) -> Diagnostic | None:
    """Parse a formatted diagnostic line back (used by tests and by tools reading our output)."""
    m = LINE_RE.match(text)
    if not m:
        return None
    return Diagnostic(
        m["path"], int(m["line"]), int(m["col"]), Severity(m["severity"]), m["rule"], m["message"]
    )


def sort_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    """File, line, column order, with exact duplicates dropped."""
    return sorted(set(diags), key=Diagnostic.sort_key)


class Sink:
    """Collects the diagnostics of one file: the one way every stage reports (the loader, the
    schema report, the standards, the rules and the page checks), so a check need only say
    where, which rule, and what."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Diagnostic] = []

    def error(self, line: int, col: int, rule: RuleId, message: str) -> None:
        self.items.append(Diagnostic(self.path, line, col, Severity.ERROR, rule.id, message))

    def at(self, pos: tuple[int, int], rule: RuleId, message: str, *, warning: bool = False) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.items.append(Diagnostic(self.path, pos[0], pos[1], severity, rule.id, message))

    def for_file(self, path: str) -> Sink:
        """A sink for another file whose diagnostics end up in this one's list (cross-file
        checks report on the file where the problem is)."""
        other = Sink(path)
        other.items = self.items
        return other
