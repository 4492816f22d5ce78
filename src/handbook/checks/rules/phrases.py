"""Polite language: required phrase groups, forbidden phrases with their replacement, 您 not 你.

`forbidden_in` and `honorific_in` are shared with the chapter checks, so a script line in a
chapter and a `say` line in an SOP are judged by exactly the same code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...content.model import LANGS, Sop, Text
from ...content.standards import Forbidden, Standards, honorific_hits
from ...source.diagnostics import RuleId, Sink
from .base import Context, quote_list

PHRASE_REQUIRED = RuleId("phrase.required", "no say line contains a phrase of a required group")
PHRASE_FORBIDDEN = RuleId("phrase.forbidden", "a say line contains a phrase that must never be said")
PHRASE_HONORIFIC = RuleId("phrase.honorific", "a Chinese say line addresses the customer as 你/你们")


def joined(texts: list[Text], lang: str) -> str:
    """One language of many texts as one string. Between them a line break and U+FFFF, which
    folding keeps: no Chinese phrase can match across it, and it is a word boundary for English."""
    return "\n\uffff".join(t.get(lang) for t in texts)


def forbidden_in(std: Standards, lang: str, text: str) -> Iterator[tuple[int, Forbidden, str]]:
    """(index, rule, message) for each forbidden phrase in one line of customer-facing text."""
    matcher = std.forbidden_matchers.get(lang)
    if matcher is None:
        return
    for m in matcher.find_all(text):
        rule = std.forbidden_by_phrase(lang, m.phrase)
        if rule is None:
            continue
        msg = f'{lang} say line contains "{m.phrase}"; say "{rule.instead}" instead'
        yield m.start, rule, msg


def honorific_in(std: Standards, text: str) -> Iterator[tuple[int, str]]:
    """(index, message) for each 你/你们 addressing the customer in a Chinese line."""
    if std.honorific is None:
        return
    for index, form in honorific_hits(std.honorific, text):
        yield index, (f'zh say line addresses the customer as "{form}"; use "{std.honorific.instead}" '
                      f"(the honorific form) instead")


class ForbiddenPhrases:
    ids: ClassVar[tuple[RuleId, ...]] = (PHRASE_FORBIDDEN,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        said = [t for step in sop.steps for t in step.say]
        matchers = ctx.standards.forbidden_matchers
        if not any(lang in matchers and matchers[lang].search(joined(said, lang)) for lang in LANGS):
            return  # nothing forbidden anywhere: one search per language instead of one per line
        for step in sop.steps:
            for line in step.say:
                for lang in LANGS:
                    for index, _, msg in forbidden_in(ctx.standards, lang, line.get(lang)):
                        sink.at(line.pos(lang, index), PHRASE_FORBIDDEN, msg)


class Honorific:
    ids: ClassVar[tuple[RuleId, ...]] = (PHRASE_HONORIFIC,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        for step in sop.steps:
            for line in step.say:
                for index, msg in honorific_in(ctx.standards, line.zh):
                    sink.at(line.pos("zh", index), PHRASE_HONORIFIC, msg)


class RequiredPhraseGroups:
    """Each group the category requires must be said somewhere in the SOP, in each language."""

    ids: ClassVar[tuple[RuleId, ...]] = (PHRASE_REQUIRED,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        cat = ctx.standards.categories.get(sop.category or "")
        if cat is None or sop.has_placeholders():
            return
        lines = [t for s in sop.steps for t in s.say]
        texts = {lang: joined(lines, lang) for lang in LANGS}
        for key in cat.required_phrases:
            group = ctx.standards.groups.get(key)
            if group is None:
                continue
            for lang in LANGS:
                if group.matchers[lang].search(texts[lang]):
                    continue
                sink.at(sop.at("steps"), PHRASE_REQUIRED,
                        f"no {lang} say line contains a {group.name.en.lower()} phrase "
                        f"({quote_list(group.phrases[lang])}); category \"{cat.key}\" requires one")
