"""Required step kinds per category, in order; unique step ids."""

from __future__ import annotations

from typing import ClassVar

from ...content.model import Sop
from ...source.diagnostics import RuleId, Sink
from .base import Context

STEPS_REQUIRED = RuleId("steps.required", "a step kind the category requires is missing")
STEPS_ORDER = RuleId("steps.order", "required steps are out of order")
ID_DUPLICATE = RuleId("id.duplicate", "an SOP, step or abbreviation id used twice")


class RequiredStepsInOrder:
    """The category's `required_steps` must appear as a subsequence of the SOP's step kinds."""

    ids: ClassVar[tuple[RuleId, ...]] = (STEPS_REQUIRED, STEPS_ORDER)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
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
                sink.at(sop.at("steps"), STEPS_REQUIRED,
                        f'no step of kind "{kind}"; category "{cat.key}" requires the steps '
                        f"{order} in this order")
                continue
            later = [i for i in found if i > pos]
            if later:
                pos, previous = later[0], kind
                continue
            step = sop.steps[found[0]]
            sink.at(step.at("kind"), STEPS_ORDER,
                    f'step "{step.id}" (kind "{kind}") must come after the "{previous}" step; '
                    f'category "{cat.key}" requires {order} in this order')


class UniqueStepIds:
    ids: ClassVar[tuple[RuleId, ...]] = (ID_DUPLICATE,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        seen: dict[str, int] = {}
        for step in sop.steps:
            if step.id is None:
                continue
            line = step.at("id")
            if step.id in seen:
                sink.at(line, ID_DUPLICATE,
                        f'step id "{step.id}" is used twice in this SOP (first at line {seen[step.id]})')
            else:
                seen[step.id] = line[0]
