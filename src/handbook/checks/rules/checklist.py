"""Checklist completeness: the category's required checklist items, matched by meaning.

(`checklist.empty`, a step without check items, is structural and reported by the schema.)
"""

from __future__ import annotations

from typing import ClassVar

from ...content.model import LANGS, Sop
from ...source.diagnostics import RuleId, Sink
from .base import Context
from .phrases import joined

CHECKLIST_REQUIRED_ITEM = RuleId("checklist.required-item", "a checklist item the category requires is missing")


class RequiredChecklistItems:
    ids: ClassVar[tuple[RuleId, ...]] = (CHECKLIST_REQUIRED_ITEM,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        cat = ctx.standards.categories.get(sop.category or "")
        if cat is None or not sop.steps or sop.has_placeholders():
            return
        items = [t for s in sop.steps for t in s.check]
        texts = {lang: joined(items, lang) for lang in LANGS}
        for required, matchers in zip(cat.required_checks, cat.check_matchers, strict=True):
            for lang in LANGS:
                phrase = required.get(lang).replace("*", "…")
                if matchers[lang].search(texts[lang]):
                    continue
                sink.at(sop.at("steps"), CHECKLIST_REQUIRED_ITEM,
                        f'no {lang} checklist item mentions "{phrase}"; category "{cat.key}" '
                        f"requires a check item about it ({required.zh} / {required.en.replace('*', '…')})")
