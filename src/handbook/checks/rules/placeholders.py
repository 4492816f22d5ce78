"""Placeholders left by `handbook new`: one located error each until the author writes the text."""

from __future__ import annotations

from typing import ClassVar

from ...content.model import LANGS, Sop, is_placeholder
from ...source.diagnostics import RuleId, Sink
from .base import Context

TEXT_PLACEHOLDER = RuleId("text.placeholder", "a placeholder from `handbook new` not yet filled in")


class Placeholders:
    ids: ClassVar[tuple[RuleId, ...]] = (TEXT_PLACEHOLDER,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        if not sop.has_placeholders():
            return
        for label, text in sop.texts():
            for lang in LANGS:
                if is_placeholder(text.get(lang)):
                    sink.at(text.pos(lang), TEXT_PLACEHOLDER,
                            f"{label}: write the {lang} text (this is a placeholder from `handbook new`)")
