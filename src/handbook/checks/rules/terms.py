"""One term for one thing: the terms standards/terms.yml prefers, not their variants.

A warning, not an error: a variant is understood, but a handbook that calls one object a
stroller, a pram and a pushchair teaches three names for it. English variants match whole
words (case-insensitive), Chinese ones as substrings, as every phrase rule does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...content.model import LANGS, Sop
from ...content.standards import Standards
from ...source.diagnostics import RuleId, Sink
from .base import Context

TERM_PREFERRED = RuleId("term.preferred", "a variant of a term the standards name one preferred term for (warning)")


def variants_in(std: Standards, lang: str, text: str) -> Iterator[tuple[int, str]]:
    """(index, message) for each variant term in one language's text."""
    matcher = std.variant_matchers.get(lang)
    if matcher is None or not std.preferred_terms[lang]:
        return
    found = matcher.find_all(text)
    if not found:
        return
    # a variant inside the preferred term itself ("baby room" in "mother-and-baby room") is fine
    preferred = [(p.start, p.end) for p in std.preferred_matchers[lang].find_all(text)]
    for m in found:
        term = std.preferred_for(lang, m.phrase)
        if term is None or any(a <= m.start and m.end <= b for a, b in preferred):
            continue
        yield m.start, f'say "{term.preferred}" rather than "{m.phrase}" ({term.concept}: one term for one thing)'


class PreferredTerms:
    ids: ClassVar[tuple[RuleId, ...]] = (TERM_PREFERRED,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        matchers = ctx.standards.variant_matchers
        if not any(lang in matchers and matchers[lang].search(sop.all_text()) for lang in LANGS):
            return  # no variant anywhere: one search per language
        for label, text in sop.texts():
            for lang in LANGS:
                for index, msg in variants_in(ctx.standards, lang, text.get(lang)):
                    sink.at(text.pos(lang, index), TERM_PREFERRED, f"{label}: {msg}", warning=True)
