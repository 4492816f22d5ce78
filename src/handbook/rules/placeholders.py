"""Placeholders left by `handbook new`: one located error each until the author writes the text."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import LANGS, Sop
from .base import Context, error

PLACEHOLDER_MARKERS = ("【待填写", "[TO FILL:")


def is_placeholder(text: str) -> bool:
    return any(marker in text for marker in PLACEHOLDER_MARKERS)


def has_placeholders(sop: Sop) -> bool:
    """Completeness rules (required phrases, required checklist items) wait until the skeleton
    is filled in: until then the placeholders say what is missing, once each."""
    if sop._placeholders is None:
        sop._placeholders = is_placeholder(sop.all_text())
    return sop._placeholders


class Placeholders:
    def check(self, sop: Sop, ctx: Context) -> Iterator[Diagnostic]:
        if not has_placeholders(sop):
            return
        for label, text in sop.texts():
            for lang in LANGS:
                if is_placeholder(text.get(lang)):
                    yield error(sop, text.pos(lang), "text.placeholder",
                                f"{label}: write the {lang} text (this is a placeholder from `handbook new`)")
