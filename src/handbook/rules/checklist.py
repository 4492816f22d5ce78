"""Checklist completeness: the category's required checklist items, matched by meaning.

(`checklist.empty`, a step without check items, is structural and reported by the schema.)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import LANGS, Sop
from .base import Context, error
from .phrases import joined
from .placeholders import has_placeholders


class RequiredChecklistItems:
    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
        cat = ctx.standards.categories.get(sop.category or "")
        if cat is None or not sop.steps:
            return
        if has_placeholders(sop):
            return
        items = [t for s in sop.steps for t in s.check]
        texts = {lang: joined(items, lang) for lang in LANGS}
        for required, matchers in zip(cat.required_checks, cat.check_matchers, strict=True):
            for lang in LANGS:
                phrase = required.get(lang).replace("*", "…")
                if matchers[lang].search(texts[lang]):
                    continue
                yield error(sop, sop.at("steps"), "checklist.required-item",
                            f'no {lang} checklist item mentions "{phrase}"; category "{cat.key}" '
                            f"requires a check item about it ({required.zh} / {required.en.replace('*', '…')})")
