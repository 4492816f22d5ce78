"""Required step kinds per category, in order; unique step ids."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Sop
from .base import Context, error


class RequiredStepsInOrder:
    """The category's `required_steps` must appear as a subsequence of the SOP's step kinds."""

    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
        cat = ctx.standards.categories.get(sop.category or "")
        if cat is None or not sop.steps:
            return
        kinds = [s.kind for s in sop.steps]
        order = " → ".join(cat.required_steps)
        pos = -1
        previous: str | None = None
        for kind in cat.required_steps:
            found = [i for i, k in enumerate(kinds) if k == kind]
            if not found:
                yield error(sop, sop.at("steps"), "steps.required",
                            f'no step of kind "{kind}"; category "{cat.key}" requires the steps '
                            f"{order} in this order")
                continue
            later = [i for i in found if i > pos]
            if later:
                pos, previous = later[0], kind
                continue
            step = sop.steps[found[0]]
            yield error(sop, step.at("kind"), "steps.order",
                        f'step "{step.id}" (kind "{kind}") must come after the "{previous}" step; '
                        f'category "{cat.key}" requires {order} in this order')


class UniqueStepIds:
    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
        seen: dict[str, int] = {}
        for step in sop.steps:
            if step.id is None:
                continue
            line = step.at("id")
            if step.id in seen:
                yield error(sop, line, "id.duplicate",
                            f'step id "{step.id}" is used twice in this SOP (first at line {seen[step.id]})')
            else:
                seen[step.id] = line[0]
