"""Every rule id the checker can report, with what it means, built from the declarations.

Each id is declared once, as a `RuleId` constant of the module that reports it (the loader, the
schema report, the standards check, the page checks) or in the `ids` of a rule type. This
registry collects them; the README's rule table, the Quality page and the test that every id
has fixtures are built from it. Ids are a stable contract: CI configurations and editors
match on them, so add ids, never rename them.
"""

from __future__ import annotations

from types import ModuleType

from ..source import loader, schema_report
from ..source.diagnostics import RuleId
from . import chapters, files, stale, standards
from .rules import CROSS_FILE_RULES, FILE_RULES

# In the order the README lists them: the file, its structure, the SOP rules, pages, files,
# standards, history.
_MODULES: tuple[ModuleType, ...] = (loader, schema_report, chapters, files, standards, stale)


def declared() -> list[RuleId]:
    """Every declared rule id, once, in a stable order."""
    found: dict[str, RuleId] = {}
    for module in _MODULES[:2]:
        _collect(found, [v for v in vars(module).values() if isinstance(v, RuleId)])
    for rule in (*FILE_RULES, *CROSS_FILE_RULES):
        _collect(found, rule.ids)
    for module in _MODULES[2:]:
        _collect(found, [v for v in vars(module).values() if isinstance(v, RuleId)])
    return list(found.values())


def _collect(found: dict[str, RuleId], ids: list[RuleId] | tuple[RuleId, ...]) -> None:
    for rule_id in ids:
        known = found.setdefault(rule_id.id, rule_id)
        if known.meaning != rule_id.meaning:
            raise ValueError(f"rule {rule_id.id} is declared twice with different meanings")


RULE_IDS: dict[str, str] = {r.id: r.meaning for r in declared()}


def markdown_table() -> str:
    """The README's rule table (tests/test_rule_ids.py keeps the README equal to it)."""
    rows = [f"| `{rule}` | {meaning} |" for rule, meaning in RULE_IDS.items()]
    return "\n".join(["| rule | meaning |", "| --- | --- |", *rows]) + "\n"


if __name__ == "__main__":  # print the README's rule table
    print(markdown_table(), end="")
