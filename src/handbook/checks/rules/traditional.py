"""The Traditional edition must be as polite as the Simplified one it is generated from.

Every zh say line is converted the way the zh-hant edition converts it (OpenCC with the
profile and overrides of standards/traditional.yml) and judged again by the same phrase rules.
A line the Simplified text passes but its conversion fails — an override that writes 你 for
您, or a Traditional form that reads as a forbidden phrase — is reported at the zh line, so the
author or the QA manager fixes the override before any Traditional page is built.
"""

from __future__ import annotations

from typing import ClassVar

from ...content.model import Sop
from ...content.standards import Standards, honorific_hits
from ...source.diagnostics import RuleId, Sink
from ...source.text import traditional_to_simplified
from .base import Context
from .phrases import forbidden_in, honorific_in

I18N_CONVERSION = RuleId("i18n.conversion", "the Traditional edition's conversion turns a rule-clean zh say "
                                            "line into one that breaks a rule")


def _hits(std: Standards, text: str) -> dict[tuple[str, str], str]:
    """What a zh line breaks, keyed by what it is (the rule's phrase, the honorific form read as
    Simplified), so the same problem in both scripts is the same key."""
    table = traditional_to_simplified()
    hits = {("forbidden", rule.phrase): msg for _, rule, msg in forbidden_in(std, "zh", text)}
    if std.honorific is not None:
        for index, form in honorific_hits(std.honorific, text):
            message = next(msg for i, msg in honorific_in(std, text) if i == index)
            hits.setdefault(("honorific", form.translate(table)), message)
    return hits


def conversion_problems(std: Standards, text: str, converted: str | None = None) -> list[str]:
    """What the converted `text` breaks that `text` itself does not (messages; empty if none)."""
    converted = std.traditional.convert(text) if converted is None else converted
    before = _hits(std, text)
    return [f"in the Traditional edition ({std.traditional.profile}) it reads 「{converted}」: {msg}; "
            "fix the override in standards/traditional.yml"
            for key, msg in _hits(std, converted).items() if key not in before]


class TraditionalEdition:
    ids: ClassVar[tuple[RuleId, ...]] = (I18N_CONVERSION,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        said = [line for step in sop.steps for line in step.say if "\uffff" not in line.zh]
        std = ctx.standards
        # one OpenCC call per SOP (U+FFFF, a non-character, passes through it), one search
        converted = std.traditional.convert("\uffff".join(line.zh for line in said)).split("\uffff")
        joined = "\n\uffff".join(converted)
        matcher = std.forbidden_matchers.get("zh")
        if not (matcher and matcher.search(joined)) and not any(honorific_in(std, joined)):
            return
        for line, hant in zip(said, converted, strict=True):
            for msg in conversion_problems(std, line.zh, hant):
                sink.at(line.pos("zh", 0), I18N_CONVERSION, msg)
